import { InMemoryRepository, type Predicate } from '@core/repository';
import { Product } from './product.js';
import { normalize, skuFamily } from './sku';

export class ProductRepo extends InMemoryRepository<Product> {
  findBySku(sku: string): Product | undefined {
    const wanted = normalize(sku);
    return this.where((p: Product) => p.sku === wanted)[0];
  }

  inStock(): Product[] {
    return this.where((p: Product) => p.isAvailable());
  }

  byFamily(family: string): Product[] {
    const sameFamily: Predicate<Product> = (p) => skuFamily(p.sku) === family;
    return this.where(sameFamily);
  }

  lowStock(threshold = 5): Product[] {
    return this.all().filter((p: Product) => p.stock <= threshold);
  }
}
