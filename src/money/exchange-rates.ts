import currency from 'currency.js';
import type { FxSnapshot } from './fx-ecb-csv';
import { exact } from './money';

/** A rate to multiply an amount in `from` by to get `to`, with the table day and source it came from. */
export interface ExchangeRate {
  rate: string;
  /** The day of the table used (or the requested date for a caller-given rate). */
  date: string;
  source: string;
}

/** A rate the caller supplies (a B2B merchant's own): 1 `from` = `rate` `to`. */
export interface GivenRate {
  from: string;
  to: string;
  rate: string;
}

/** Thrown when neither the table nor the caller's rates can convert between two currencies. */
export class ExchangeRateUnavailableError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly date: string,
  ) {
    super(`no exchange rate from ${from} to ${to} on or before ${date}`);
    this.name = 'ExchangeRateUnavailableError';
  }
}

export const CALLER_RATE_SOURCE = 'caller';

const MAX_REMEMBERED_RATES = 10_000;

/** Cross rates keep ten significant digits: more than any reference rate publishes (five or six). */
export function formatRate(n: number): string {
  if (!Number.isFinite(n) || n <= 0) throw new Error(`invalid rate ${n}`);
  return String(Number(n.toPrecision(10)));
}

/**
 * Dated euro reference-rate tables (ECB layout: units per 1 EUR), answering any pair as a cross rate
 * through EUR from the latest table on or before the requested date.
 *
 * Caller-given rates win over the table: a direct pair is used as given, its inverse as 1/rate.
 * When the requested date is before the first table, the first table is used (its date tells).
 *
 * @example
 * table.rate('USD', 'GBP', '2025-04-25') // { rate: '0.7511667694', date: '2025-04-25', source: 'https://www.ecb...' }
 * table.convert('100.00', 'USD', 'EUR', '2025-04-25').value // 88.051422
 */
export class ExchangeRateTable {
  private readonly snapshots: FxSnapshot[];
  /** Table answers by pair and day: every quote option and landed-cost line asks the same few. */
  private readonly answered = new Map<string, ExchangeRate>();

  constructor(snapshots: FxSnapshot[]) {
    this.snapshots = [...snapshots].sort((a, b) => a.date.localeCompare(b.date));
  }

  get size(): number {
    return this.snapshots.length;
  }

  /** Date of the newest table, or undefined when there is none. */
  get latestDate(): string | undefined {
    return this.snapshots.at(-1)?.date;
  }

  get earliestDate(): string | undefined {
    return this.snapshots[0]?.date;
  }

  /** Every currency the table can convert (EUR included). */
  currencies(): string[] {
    const set = new Set<string>(['EUR']);
    for (const s of this.snapshots) for (const c of s.perEur.keys()) set.add(c);
    return [...set].sort();
  }

  /** The latest table on or before `date` that quotes `code` (the first one quoting it when `date` is earlier). */
  private perEur(code: string, date: string): { value: number; text: string; snapshot: FxSnapshot } | undefined {
    let fallback: FxSnapshot | undefined;
    for (let i = this.snapshots.length - 1; i >= 0; i--) {
      const s = this.snapshots[i];
      if (!s.perEur.has(code)) continue;
      fallback = s;
      if (s.date <= date) return { value: Number(s.perEur.get(code)), text: s.perEur.get(code)!, snapshot: s };
    }
    return fallback ? { value: Number(fallback.perEur.get(code)), text: fallback.perEur.get(code)!, snapshot: fallback } : undefined;
  }

  /**
   * The rate for 1 `from` in `to` as of `date`.
   * @throws ExchangeRateUnavailableError when a currency is not in the table and no given rate covers the pair.
   */
  rate(from: string, to: string, date: string, given: GivenRate[] = []): ExchangeRate {
    if (from === to) return { rate: '1', date, source: 'identity' };
    for (const g of given) {
      if (g.from === from && g.to === to) return { rate: formatRate(Number(g.rate)), date, source: CALLER_RATE_SOURCE };
    }
    for (const g of given) {
      if (g.from === to && g.to === from) return { rate: formatRate(1 / Number(g.rate)), date, source: CALLER_RATE_SOURCE };
    }
    const key = `${from}${to}${date}`;
    const known = this.answered.get(key);
    if (known) return known;
    const answer = Object.freeze(this.tableRate(from, to, date));
    // The tables never change after boot, so an answer holds for good; the bound only caps memory
    // when callers ask for many distinct dates.
    if (this.answered.size >= MAX_REMEMBERED_RATES) this.answered.clear();
    this.answered.set(key, answer);
    return answer;
  }

  private tableRate(from: string, to: string, date: string): ExchangeRate {
    if (from === 'EUR' || to === 'EUR') {
      const other = from === 'EUR' ? to : from;
      const q = this.perEur(other, date);
      if (!q) throw new ExchangeRateUnavailableError(from, to, date);
      return { rate: from === 'EUR' ? q.text : formatRate(1 / q.value), date: q.snapshot.date, source: q.snapshot.source };
    }
    const a = this.perEur(from, date);
    const b = this.perEur(to, date);
    if (!a || !b) throw new ExchangeRateUnavailableError(from, to, date);
    const older = a.snapshot.date <= b.snapshot.date ? a.snapshot : b.snapshot;
    return { rate: formatRate(b.value / a.value), date: older.date, source: older.source };
  }

  /** Converts at working precision (6 decimals); round with `round()` where the amount becomes final. */
  convert(value: currency | string | number, from: string, to: string, date: string, given: GivenRate[] = []): currency {
    if (from === to) return exact(value);
    return exact(value).multiply(Number(this.rate(from, to, date, given).rate));
  }

  /** A view of this table where the caller's rates win; what the landed-cost engine works with. */
  withGivenRates(given: GivenRate[]): RateSource {
    return {
      rate: (from, to, date) => this.rate(from, to, date, given),
      convert: (value, from, to, date) => this.convert(value, from, to, date, given),
    };
  }
}

/** The two questions code that converts money asks; `ExchangeRateTable.withGivenRates` answers them. */
export interface RateSource {
  rate(from: string, to: string, date: string): ExchangeRate;
  convert(value: currency | string | number, from: string, to: string, date: string): currency;
}
