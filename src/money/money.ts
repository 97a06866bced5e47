import currency from 'currency.js';

/** Money as it crosses the API: a decimal string at the currency's minor units. */
export interface Money {
  amount: string;
  currency: string;
}

/** ISO 4217 minor units per currency code (JPY 0, BHD/KWD 3, most others 2). */
export interface CurrencyTable {
  minorUnits(code: string): number;
  has(code: string): boolean;
}

/**
 * A currency.js value at full working precision (6 decimals). Intermediate results keep this
 * precision; `round` is the one place where an amount is brought to a currency's minor units.
 */
export function exact(value: currency.Any): currency {
  return currency(value, { precision: 6 });
}

/**
 * Rounds half away from zero to the currency's minor units (the common customs and commercial
 * convention). Callers round each component (one duty line, one charge) and then sum the rounded values.
 */
export function round(value: currency.Any, code: string, table: CurrencyTable): currency {
  const precision = table.minorUnits(code);
  const n = typeof value === 'number' ? value : currency(value, { precision: 6 }).value;
  return currency(roundAmount(n, precision), { precision });
}

/** `round(value, code, table).value` for a plain number, without building currency.js objects. */
export function roundValue(value: number, code: string, table: CurrencyTable): number {
  return roundAmount(value, table.minorUnits(code));
}

const WORKING = 1e6;
const POWERS = [1, 10, 100, 1000, 10000];

/**
 * `round` on plain numbers, for inner loops (the landed-cost engine rounds every line): the same
 * result without building currency.js objects. First to the 6 working decimals exactly as currency.js
 * does (scaled, fixed to 4 more places, then `Math.round`), then half away from zero to `digits`.
 */
export function roundAmount(value: number, digits: number): number {
  const scaled = value * WORKING;
  // Fixing to 4 places moves a value by at most 0.00005, so it changes what `Math.round` answers only
  // next to a half: elsewhere the (slow) string round trip is skipped with the same result.
  const fraction = scaled - Math.floor(scaled);
  const n = (Math.abs(fraction - 0.5) > 1e-4 ? Math.round(scaled) : Math.round(Number(scaled.toFixed(4)))) / WORKING;
  const factor = POWERS[digits] ?? 10 ** digits;
  // `|| 0`: a negative amount that rounds to nothing is 0, as currency.js answers, not -0.
  return (Math.sign(n) * Math.round(Math.abs(n) * factor + 1e-9)) / factor || 0;
}

/**
 * `percent` % of `value` at the 6 working decimals: `exact(value).multiply(percent).divide(100).value`
 * step for step (currency.js scales by 10^6, fixes to 4 places and rounds after each operation), without
 * building its objects.
 */
export function percentOf(value: number, percent: number): number {
  const scaled = (v: number) => Math.round(Number((v * WORKING).toFixed(4)));
  const multiplied = scaled((scaled(value) * percent) / WORKING);
  return scaled(multiplied / (100 * WORKING)) / WORKING;
}

/** Formats a value already rounded to the currency's minor units as API money. */
export function toMoney(value: currency.Any, code: string, table: CurrencyTable): Money {
  const precision = table.minorUnits(code);
  const v = round(value, code, table);
  return { amount: v.value.toFixed(precision), currency: code };
}

/** Parses API money into a currency.js value at working precision. */
export function fromMoney(m: Money): currency {
  return exact(m.amount);
}

/** Sums values of one currency that were each already rounded. */
export function sum(values: currency.Any[], code: string, table: CurrencyTable): currency {
  const precision = table.minorUnits(code);
  return values.reduce<currency>((acc, v) => acc.add(v), currency(0, { precision }));
}
