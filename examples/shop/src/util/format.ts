import { Currency, type Money } from '@core/money';

const SYMBOLS: Record<Currency, string> = {
  [Currency.EUR]: '€',
  [Currency.USD]: '$',
  [Currency.GBP]: '£',
};

/** `{ amount: 1999, currency: EUR }` -> `€19.99` */
export function money(value: Money): string {
  const major = value.amount / 100;
  return `${SYMBOLS[value.currency]}${major.toFixed(2)}`;
}

export function percent(rate: number, digits = 0): string {
  return `${(rate * 100).toFixed(digits)}%`;
}

export function date(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** A plain-text table with one column per key of the first row. */
export function table(rows: ReadonlyArray<Record<string, string>>): string {
  const [first] = rows;
  if (!first) return '';
  const headers = Object.keys(first);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => (r[h] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(headers), ...rows.map((r) => line(headers.map((h) => r[h] ?? '')))].join('\n');
}
