import currency from 'currency.js';
import fc from 'fast-check';
import { exact, percentOf, round, roundAmount, roundValue, sum, toMoney } from './money';
import type { CurrencyTable } from './money';

const table: CurrencyTable = {
  minorUnits: (c) => ({ JPY: 0, KWD: 3, BHD: 3 })[c as 'JPY'] ?? 2,
  has: () => true,
};

describe('money', () => {
  it.each([
    ['12.345', 'EUR', '12.35'],
    ['12.344999', 'EUR', '12.34'],
    ['-12.345', 'EUR', '-12.35'],
    ['1234.5', 'JPY', '1235'],
    ['1234.49', 'JPY', '1234'],
    ['1.23456', 'KWD', '1.235'],
    ['0.005', 'USD', '0.01'],
    ['2.675', 'USD', '2.68'],
  ])('rounds %s %s half away from zero to %s', (value, ccy, expected) => {
    expect(toMoney(value, ccy, table)).toEqual({ amount: expected, currency: ccy });
  });

  it('rounds each component then sums', () => {
    const parts = ['0.333', '0.333', '0.333'].map((v) => round(v, 'EUR', table));
    expect(sum(parts, 'EUR', table).value).toBe(0.99);
  });
});

describe('roundValue', () => {
  // The landed-cost engine and quote pricing round every line with `roundValue`: it must answer exactly
  // what `round(...).value` answers, halves, negatives and float noise included.
  const values = fc.oneof(
    fc.double({ min: -1e7, max: 1e7, noNaN: true }),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1e6),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 200),
    // Halves of the sixth decimal and their float neighbours, where the working rounding decides.
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n + 0.5) / 1e6),
    fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -50, max: 50 })).map(([n, d]) => (n + 0.5 + d * 1e-6) / 1e6),
  );
  // `roundAmount` without its shortcut: every value through currency.js's string rounding to 6 decimals.
  const reference = (v: number, ccy: string) => {
    const factor = 10 ** table.minorUnits(ccy);
    const n = currency(v, { precision: 6 }).value;
    return (Math.sign(n) * Math.round(Math.abs(n) * factor + 1e-9)) / factor || 0;
  };
  it.each(['EUR', 'JPY', 'KWD'])('equals round(...).value and the currency.js rule in %s', (ccy) => {
    fc.assert(
      fc.property(values, (v) => Object.is(roundValue(v, ccy, table), round(v, ccy, table).value) && Object.is(roundValue(v, ccy, table), reference(v, ccy))),
      { numRuns: 20_000 },
    );
  });

  it.each([
    [0.0000025, 0],
    [-0.0000025, 0],
    [2.4999995, 2.5],
    [2.49999949, 2.5],
    [2.4999944, 2.5],
    [1.005, 1.01],
    [-1.005, -1.01],
    [1.0049999999, 1.01],
    [1.0049994, 1],
  ])('rounds %p next to a half of the working decimals as currency.js does (EUR %p)', (v, expected) => {
    expect(roundValue(v, 'EUR', table)).toBe(expected);
    expect(roundValue(v, 'EUR', table)).toBe(reference(v, 'EUR'));
  });
});

describe('percentOf', () => {
  // Rate-card fuel lines use it instead of currency.js: the same value, rounded to the minor units.
  it('answers what currency.js answers for amounts at minor units and percentages with up to 4 decimals', () => {
    const amounts = fc.integer({ min: 0, max: 5e8 }).map((n) => n / 100);
    const percents = fc.integer({ min: 0, max: 1e6 }).map((n) => n / 1e4);
    fc.assert(
      fc.property(amounts, percents, (a, p) => {
        const ours = percentOf(a, p);
        const theirs = exact(a).multiply(p).divide(100).value;
        return ours === theirs && roundAmount(ours, 2) === roundAmount(theirs, 2);
      }),
      { numRuns: 20_000 },
    );
  });
});
