export * from './product';
export { ProductRepo as CatalogRepo } from './product-repo';
export { normalize as normalizeSku, isValidSku } from './sku';
