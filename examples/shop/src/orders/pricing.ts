import { addMoney, multiply, sumMoney, type Money, type Rate } from '@core/money';
import type { Customer } from '../customers/customer';
import type { Order, OrderLine } from './order';

export interface Totals {
  readonly subtotal: Money;
  readonly discount: Money;
  readonly tax: Money;
  readonly total: Money;
}

export const DEFAULT_TAX_RATE: Rate = 0.2;

export function priceLine(line: OrderLine): Money {
  return multiply(line.product.price, line.quantity);
}

/** A negative amount: the discount as it appears on the invoice. */
export function applyDiscount(amount: Money, rate: Rate): Money {
  return multiply(amount, -Math.min(Math.max(rate, 0), 1));
}

export default function computeTotals(order: Order, customer: Customer, taxRate: Rate = DEFAULT_TAX_RATE): Totals {
  const subtotal = sumMoney(
    order.lines.map((line) => priceLine(line)),
    order.currency,
  );
  const discount = applyDiscount(subtotal, customer.discountRate());
  const taxable = addMoney(subtotal, discount);
  const tax = multiply(taxable, taxRate);
  return { subtotal, discount, tax, total: addMoney(taxable, tax) };
}
