import { Bus, NotFoundError, type Repository } from '../core';
import { CatalogRepo, type Product } from '../catalog';
import type { Customer } from '../customers/customer';
import { Logger } from '@util/logger';
import * as fmt from '../util/format';
import computeTotals from './pricing';
import { Order } from './order';

export interface OrderItem {
  readonly sku: string;
  readonly quantity: number;
}

export class OrderService {
  private readonly log = new Logger('orders');

  constructor(
    private readonly products: CatalogRepo,
    private readonly orders: Repository<Order>,
    private readonly bus: Bus,
  ) {}

  placeOrder(customer: Customer, items: readonly OrderItem[]): Order {
    const order = new Order(customer.id);
    for (const item of items) {
      const product: Product = this.requireProduct(item.sku);
      product.reserve(item.quantity);
      order.addLine(product, item.quantity);
    }
    order.place();
    const totals = computeTotals(order, customer);
    this.orders.save(order);
    this.bus.emit('order.placed', { orderId: order.id, total: totals.total });
    this.log.info(`order ${order.id} placed: ${fmt.money(totals.total)}`);
    return order;
  }

  cancelOrder(orderId: string): void {
    const order: Order = this.requireOrder(orderId);
    order.cancel();
    this.orders.save(order);
    this.bus.emit('order.cancelled', { orderId });
  }

  private requireProduct(sku: string): Product {
    const product = this.products.findBySku(sku);
    if (!product) throw new NotFoundError('product', sku);
    return product;
  }

  private requireOrder(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new NotFoundError('order', orderId);
    return order;
  }
}
