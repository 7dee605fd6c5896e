import { Entity, type Serializable } from '@core/entity';
import { isValidEmail, normalize } from './email';

export type Tier = 'standard' | 'vip';

export class Customer extends Entity {
  readonly email: string;

  constructor(
    email: string,
    public name: string,
    id?: string,
  ) {
    super('cus', id);
    this.email = normalize(email);
  }

  get tier(): Tier {
    return 'standard';
  }

  discountRate(): number {
    return 0;
  }

  validate(): string[] {
    return isValidEmail(this.email) ? [] : [`invalid email ${this.email}`];
  }
}

/** Customers of long standing: a discount that grows by a point a year, up to 15 %. */
export class VipCustomer extends Customer implements Serializable {
  constructor(
    email: string,
    name: string,
    readonly since: Date,
    id?: string,
  ) {
    super(email, name, id);
  }

  override get tier(): Tier {
    return 'vip';
  }

  override discountRate(): number {
    const years = yearsBetween(this.since, new Date());
    return Math.min(0.05 + years * 0.01, 0.15);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), tier: this.tier, since: this.since.toISOString() };
  }
}

function yearsBetween(from: Date, to: Date): number {
  const msPerYear = 365.25 * 24 * 3600 * 1000;
  return Math.floor((to.getTime() - from.getTime()) / msPerYear);
}
