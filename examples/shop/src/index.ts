import { createApp, type ShopApp } from './app';
import type { ProductRepo } from './catalog/product-repo';
import { Customer, VipCustomer } from './customers/customer';
import { checkout } from './legacy/checkout.js';
import * as fmt from './util/format.js';

// A scripted session: two customers, one order, a stock report and a legacy checkout.
const app: ShopApp = createApp();
const alice = app.register(new Customer('Alice@Example.com ', 'Alice'));
const bob = app.register(new VipCustomer('bob+shop@googlemail.com', 'Bob', new Date('2019-03-01')));

const order = app.orders.placeOrder(bob, [
  { sku: 'tshirt red m', quantity: 2 },
  { sku: 'EBOOK-TS', quantity: 1 },
]);

const repo: ProductRepo = app.catalog;
for (const product of repo.lowStock()) {
  app.log.warn(`low stock: ${product.sku} (${product.stock} left)`);
}

const legacy = checkout([{ sku: 'MUG-WHITE', price: 8.99, quantity: 2 }], 'DE', 'welcome10');

console.log(
  fmt.table([
    { customer: alice.email, order: '-', total: '-' },
    { customer: bob.email, order: order.id, total: fmt.money(order.total) },
    { customer: 'legacy', order: '-', total: legacy.total.toFixed(2) },
  ]),
);
