import { CALLER_RATE_SOURCE, ExchangeRateTable, ExchangeRateUnavailableError, formatRate } from './exchange-rates';
import type { FxSnapshot } from './fx-ecb-csv';

const snap = (date: string, rates: Record<string, string>, source = 'ecb'): FxSnapshot => ({ date, source, perEur: new Map(Object.entries(rates)) });

const sut = new ExchangeRateTable([
  snap('2025-04-25', { USD: '1.1357', GBP: '0.8531', JPY: '162.8', AUD: '1.7797' }),
  snap('2025-04-17', { USD: '1.136', GBP: '0.85873', JPY: '161.98', AUD: '1.7845' }),
  snap('2025-04-24', { USD: '1.1376', GBP: '0.855', JPY: '162.16' }),
]);

describe('ExchangeRateTable', () => {
  it.each([
    // from, to, date, rate, table day
    ['EUR', 'USD', '2025-04-25', '1.1357', '2025-04-25'],
    ['USD', 'EUR', '2025-04-25', '0.8805142203', '2025-04-25'],
    ['USD', 'GBP', '2025-04-25', '0.7511666813', '2025-04-25'],
    ['USD', 'JPY', '2025-04-25', '143.3477151', '2025-04-25'],
    ['EUR', 'USD', '2025-04-20', '1.136', '2025-04-17'], // a weekend: the latest table before
    ['EUR', 'USD', '2026-11-27', '1.1357', '2025-04-25'], // after the last table: the last one
    ['EUR', 'USD', '2020-01-01', '1.136', '2025-04-17'], // before the first table: the first one
    ['EUR', 'AUD', '2025-04-24', '1.7845', '2025-04-17'], // not quoted on 04-24: the latest day that has it
    ['GBP', 'GBP', '2025-04-25', '1', '2025-04-25'],
  ])('%s -> %s on %s is %s (table of %s)', (from, to, date, rate, day) => {
    expect(sut.rate(from, to, date)).toMatchObject({ rate, date: day });
  });

  it('names the source of the table it used', () => {
    expect(sut.rate('EUR', 'GBP', '2025-04-25').source).toBe('ecb');
  });

  it('lets caller-given rates win, directly and inverted', () => {
    const given = [{ from: 'USD', to: 'AUD', rate: '1.0989' }];
    expect(sut.rate('USD', 'AUD', '2025-04-25', given)).toEqual({ rate: '1.0989', date: '2025-04-25', source: CALLER_RATE_SOURCE });
    expect(sut.rate('AUD', 'USD', '2025-04-25', given)).toEqual({ rate: formatRate(1 / 1.0989), date: '2025-04-25', source: CALLER_RATE_SOURCE });
    expect(sut.rate('USD', 'GBP', '2025-04-25', given).source).toBe('ecb');
  });

  it('converts at working precision', () => {
    expect(sut.convert('100.00', 'USD', 'EUR', '2025-04-25').value).toBeCloseTo(88.051422, 6);
    expect(sut.convert('1274.00', 'USD', 'AUD', '2026-11-27', [{ from: 'USD', to: 'AUD', rate: '1.0989' }]).value).toBe(1399.9986);
    expect(sut.withGivenRates([{ from: 'EUR', to: 'USD', rate: '2' }]).convert('10', 'EUR', 'USD', '2025-04-25').value).toBe(20);
  });

  it('refuses a currency it does not know', () => {
    expect(() => sut.rate('EUR', 'XYZ', '2025-04-25')).toThrow(ExchangeRateUnavailableError);
    expect(() => sut.rate('XYZ', 'USD', '2025-04-25')).toThrow(/no exchange rate from XYZ to USD/);
  });

  it('lists its currencies and dates', () => {
    expect(sut.currencies()).toEqual(['AUD', 'EUR', 'GBP', 'JPY', 'USD']);
    expect([sut.earliestDate, sut.latestDate, sut.size]).toEqual(['2025-04-17', '2025-04-25', 3]);
  });
});
