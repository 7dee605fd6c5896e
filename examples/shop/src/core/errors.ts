/** Errors the services throw; callers tell them apart by class or by `code`. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`${entity} ${key} not found`, 'not_found');
  }
}

export class OutOfStockError extends DomainError {
  constructor(
    readonly sku: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`only ${available} of ${sku} left, ${requested} requested`, 'out_of_stock');
  }
}
