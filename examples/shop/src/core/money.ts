/** Amounts are kept in minor units (cents) so that sums never drift. */

export enum Currency {
  EUR = 'EUR',
  USD = 'USD',
  GBP = 'GBP',
}

export type Money = {
  readonly amount: number;
  readonly currency: Currency;
};

/** A fraction such as 0.2 for 20 %. */
export type Rate = number;

export const ZERO_EUR: Money = { amount: 0, currency: Currency.EUR };

export function toMoney(amount: number, currency: Currency = Currency.EUR): Money {
  return { amount: roundCents(amount), currency };
}

export function roundCents(value: number): number {
  return Math.round(value);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return toMoney(a.amount + b.amount, a.currency);
}

export function multiply(value: Money, factor: number): Money {
  return toMoney(value.amount * factor, value.currency);
}

export function sumMoney(values: readonly Money[], currency: Currency): Money {
  return values.reduce((total, value) => addMoney(total, value), toMoney(0, currency));
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new Error(`Currency mismatch: ${a.currency} vs ${b.currency}`);
  }
}
