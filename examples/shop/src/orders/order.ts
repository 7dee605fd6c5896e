import { Currency, Entity, addMoney, multiply, toMoney, type Money } from '../core';
import type { Product } from '../catalog';

export enum OrderStatus {
  Draft = 'draft',
  Placed = 'placed',
  Paid = 'paid',
  Shipped = 'shipped',
  Cancelled = 'cancelled',
}

export interface OrderLine {
  readonly product: Product;
  quantity: number;
}

export class Order extends Entity {
  status = OrderStatus.Draft;
  readonly lines: OrderLine[] = [];
  total: Money;

  constructor(
    readonly customerId: string,
    readonly currency: Currency = Currency.EUR,
  ) {
    super('ord');
    this.total = toMoney(0, currency);
  }

  addLine(product: Product, quantity = 1): this {
    const existing = this.lines.find((line) => line.product.id === product.id);
    if (existing) existing.quantity += quantity;
    else this.lines.push({ product, quantity });
    this.recalculate();
    return this;
  }

  place(): void {
    if (this.lines.length === 0) throw new Error('cannot place an empty order');
    this.status = OrderStatus.Placed;
    this.touch();
  }

  cancel(): void {
    this.status = OrderStatus.Cancelled;
    this.touch();
  }

  validate(): string[] {
    return this.lines
      .filter((line) => line.quantity <= 0)
      .map((line) => `${line.product.sku}: quantity must be positive`);
  }

  private recalculate(): void {
    this.total = this.lines.reduce(
      (sum, line) => addMoney(sum, multiply(line.product.price, line.quantity)),
      toMoney(0, this.currency),
    );
  }
}
