import { Bus, InMemoryRepository, toMoney } from '@core/index';
import { CatalogRepo, DigitalProduct, Product } from './catalog';
import type { Customer } from './customers/customer';
import type { Order } from './orders/order';
import { OrderService } from './orders/order-service';
import { Logger } from './util/logger';

/** Everything the shop needs, wired together once at start-up. */
export class ShopApp {
  readonly bus = new Bus();
  readonly log = new Logger('shop');
  readonly catalog = new CatalogRepo();
  readonly customers = new InMemoryRepository<Customer>();
  readonly orders: OrderService;

  constructor() {
    this.orders = new OrderService(this.catalog, new InMemoryRepository<Order>(), this.bus);
    this.bus.on('order.placed', (payload) => this.log.info('order placed', payload));
    this.bus.on('stock.low', (payload) => this.log.warn('stock is low', payload));
  }

  register(customer: Customer): Customer {
    return this.customers.save(customer);
  }
}

export function seedCatalog(repo: CatalogRepo): void {
  repo.save(new Product('tshirt-red-m', 'Red T-shirt (M)', toMoney(1999), 40));
  repo.save(new Product('mug_white', 'White mug', toMoney(899), 3));
  repo.save(new DigitalProduct('ebook-ts', 'TypeScript in Practice', toMoney(2900), 'https://example.com/ebook-ts.pdf'));
}

export function createApp(): ShopApp {
  const app = new ShopApp();
  seedCatalog(app.catalog);
  return app;
}
