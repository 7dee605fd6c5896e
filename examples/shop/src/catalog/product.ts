import { Entity, OutOfStockError } from '../core';
import type { Money } from '@core/money';
import { isValidSku, normalize } from './sku';

export type ProductKind = 'physical' | 'digital';

export class Product extends Entity {
  readonly sku: string;
  stock: number;

  constructor(
    sku: string,
    readonly title: string,
    readonly price: Money,
    stock = 0,
    id?: string,
  ) {
    super('prd', id);
    this.sku = normalize(sku);
    this.stock = stock;
  }

  get kind(): ProductKind {
    return 'physical';
  }

  isAvailable(quantity = 1): boolean {
    return this.stock >= quantity;
  }

  reserve(quantity: number): void {
    if (!this.isAvailable(quantity)) {
      throw new OutOfStockError(this.sku, quantity, this.stock);
    }
    this.stock -= quantity;
    this.touch();
  }

  validate(): string[] {
    const problems: string[] = [];
    if (!isValidSku(this.sku)) problems.push(`malformed SKU ${this.sku}`);
    if (this.title.trim() === '') problems.push('title is empty');
    if (this.price.amount < 0) problems.push('price is negative');
    if (this.stock < 0) problems.push('stock is negative');
    return problems;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      sku: this.sku,
      title: this.title,
      price: this.price,
      stock: this.stock,
      kind: this.kind,
    };
  }
}

/** E-books and licences: never out of stock, delivered by link. */
export class DigitalProduct extends Product {
  constructor(
    sku: string,
    title: string,
    price: Money,
    readonly downloadUrl: string,
    id?: string,
  ) {
    super(sku, title, price, Number.POSITIVE_INFINITY, id);
  }

  override get kind(): ProductKind {
    return 'digital';
  }

  override isAvailable(): boolean {
    return true;
  }

  override validate(): string[] {
    const problems = super.validate();
    if (!this.downloadUrl.startsWith('https://')) problems.push('download URL must use https');
    return problems;
  }
}
