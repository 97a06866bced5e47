import type { LandedCostInput, LandedCostResult } from './landed-cost.types';
import { loadTariffs, type LoadedTariffs } from './loaded-tariffs';

/**
 * Rows of the shipped tariff data checked against the dates and rates the tax and customs
 * authorities publish (each row's source is in the data file): VAT/GST start dates and countries
 * without VAT, the EU-UK Trade and Cooperation Agreement preference, the Australian Import
 * Processing Charge.
 */
let tariffs: LoadedTariffs;
beforeAll(async () => {
  tariffs = await loadTariffs();
});

const vat = (country: string, date: string, tax = 'vat') => tariffs.rules.taxRates.rateFor(country, tax, '610910', date)?.percent;

describe('VAT/GST table: countries without VAT and start dates', () => {
  it.each(['KW', 'QA', 'US'])('%s levies no VAT/GST: no row at any date', (country) => {
    expect(tariffs.rules.taxRates.has(country)).toBe(false);
    expect(tariffs.rules.taxRates.taxesOf(country, '2026-11-27')).toEqual([]);
  });

  it.each<[string, string, number | undefined, string?]>([
    ['AE', '2017-12-31', undefined],
    ['AE', '2018-01-01', 5],
    ['SA', '2017-12-31', undefined],
    ['SA', '2018-01-01', 5],
    ['SA', '2020-06-30', 5],
    ['SA', '2020-07-01', 15],
    ['BH', '2018-12-31', undefined],
    ['BH', '2019-01-01', 5],
    ['BH', '2021-12-31', 5],
    ['BH', '2022-01-01', 10],
    ['OM', '2021-04-15', undefined],
    ['OM', '2021-04-16', 5],
    ['AU', '2000-06-30', undefined, 'gst'],
    ['AU', '2000-07-01', 10, 'gst'],
    ['JP', '2014-03-31', 5, 'consumption_tax'],
    ['JP', '2014-04-01', 8, 'consumption_tax'],
    ['JP', '2019-10-01', 10, 'consumption_tax'],
    ['CN', '2018-04-30', 17],
    ['CN', '2018-05-01', 16],
    ['CN', '2019-04-01', 13],
    ['NZ', '2010-09-30', 12.5, 'gst'],
    ['NZ', '2010-10-01', 15, 'gst'],
    ['ZA', '2018-03-31', 14],
    ['ZA', '2018-04-01', 15],
    ['TR', '2023-07-09', 18],
    ['TR', '2023-07-10', 20],
    ['TH', '2026-11-27', 7],
    ['EC', '2024-03-31', 12],
    ['EC', '2024-04-01', 15],
    ['LK', '2023-12-31', 15],
    ['LK', '2024-01-01', 18],
    ['BS', '2021-12-31', 12],
    ['BS', '2022-01-01', 10],
    ['RU', '2025-12-31', 20],
    ['RU', '2026-01-01', 22],
    ['LI', '2023-12-31', 7.7],
    ['LI', '2024-01-01', 8.1],
  ])('%s on %s: %p', (country, date, percent, tax = 'vat') => {
    expect(vat(country, date, tax)).toBe(percent);
  });

  it('a country has at most one standard national rate on any day', () => {
    const days = ['2000-01-01', '2010-10-01', '2018-01-01', '2019-10-01', '2020-07-01', '2022-01-01', '2024-01-01', '2026-01-01', '2026-11-27'];
    const table = tariffs.rules.taxRates as unknown as { byCountry: Map<string, { tax: string; kind: string; region?: string; validFrom: string; validTo?: string }[]> };
    for (const [country, rows] of table.byCountry) {
      for (const day of days) {
        const standard = rows.filter((r) => r.kind === 'standard' && !r.region && r.validFrom <= day && (!r.validTo || day <= r.validTo));
        const perTax = new Map<string, number>();
        for (const r of standard) perTax.set(r.tax, (perTax.get(r.tax) ?? 0) + 1);
        for (const [tax, n] of perTax) expect({ country, day, tax, n }).toEqual({ country, day, tax, n: 1 });
      }
    }
  });

  function gulf(to: string, ccy: string, rate: string, date: string): LandedCostResult {
    return tariffs.engine([{ from: 'USD', to: ccy, rate }]).estimate({
      shipFrom: { country: 'US' },
      shipTo: { country: to },
      items: [{ description: 'item', hsCode: '610910', originCountry: 'US', quantity: 1, unitValue: { amount: '1000.00', currency: 'USD' } }],
      incoterm: 'DAP',
      currency: 'USD',
      mode: 'courier',
      date,
    });
  }

  it('Kuwait and Qatar: no import VAT in the answer', () => {
    expect(gulf('KW', 'KWD', '0.307', '2026-11-27').taxes.lines).toEqual([]);
    expect(gulf('QA', 'QAR', '3.64', '2026-11-27').taxes.lines).toEqual([]);
  });

  it('Saudi Arabia: 15% from 2020-07-01, none before 2018', () => {
    expect(gulf('SA', 'SAR', '3.75', '2026-11-27').taxes.lines.map((l) => l.rate)).toEqual(['15%']);
    expect(gulf('SA', 'SAR', '3.75', '2017-06-01').taxes.lines).toEqual([]);
  });
});

function shipment(to: string, origin: string, ccy: string, value: string, pref: boolean): LandedCostInput {
  return {
    shipFrom: { country: origin },
    shipTo: { country: to },
    // 6109 10 00: cotton T-shirts, 12% in the EU CET and the UK Global Tariff.
    items: [{ description: 'T-shirt', hsCode: '61091000', originCountry: origin, quantity: 1, unitValue: { amount: value, currency: ccy }, preferenceClaimed: pref }],
    incoterm: 'DAP',
    currency: ccy,
    mode: 'courier',
    importer: { type: 'business', taxIds: [] },
    date: '2026-11-27',
  };
}

describe('EU-UK Trade and Cooperation Agreement (zero tariffs for originating goods, from 2021-01-01)', () => {
  it('GB goods into DE with the preference claimed: free, no "no preferential rate" warning', () => {
    const r = tariffs.engine([{ from: 'EUR', to: 'GBP', rate: '0.85' }]).estimate(shipment('DE', 'GB', 'EUR', '500.00', true));
    expect(r.duties.total.amount).toBe('0.00');
    expect(r.duties.lines[0].description).toMatch(/preferential rate \(EU-UK TCA\) for origin GB/);
    expect(r.warnings.join(' ')).not.toMatch(/no preferential rate/);
  });

  it('GB goods into DE without the claim: the CET rate (12%)', () => {
    const r = tariffs.engine([{ from: 'EUR', to: 'GBP', rate: '0.85' }]).estimate(shipment('DE', 'GB', 'EUR', '500.00', false));
    expect(r.duties.total.amount).toBe('60.00');
  });

  it.each(['FR', 'DE', 'IE', 'PL'])('%s goods into GB with the preference claimed: free', (origin) => {
    const r = tariffs.engine([{ from: 'EUR', to: 'GBP', rate: '0.85' }]).estimate(shipment('GB', origin, 'GBP', '500.00', true));
    expect(r.duties.total.amount).toBe('0.00');
    expect(r.duties.lines[0].description).toMatch(/EU-UK TCA/);
  });

  it('before 2021-01-01 there is no TCA preference', () => {
    expect(tariffs.rules.schedule('EU')!.preference('61091000', 'GB', '2020-12-31')).toBeUndefined();
    expect(tariffs.rules.schedule('GB')!.preference('61091000', 'FR', '2020-12-31')).toBeUndefined();
    expect(tariffs.rules.schedule('EU')!.preference('61091000', 'GB', '2021-01-01')?.program).toBe('EU-UK TCA');
  });

  it('origins outside the agreement keep the general rate', () => {
    expect(tariffs.rules.schedule('EU')!.preference('61091000', 'US', '2026-11-27')).toBeUndefined();
    expect(tariffs.rules.schedule('GB')!.preference('61091000', 'CH', '2026-11-27')).toBeUndefined();
  });
});

describe('Australian Import Processing Charge (ABF, electronic N10 declaration)', () => {
  const au = (value: string) =>
    tariffs.engine().estimate({
      shipFrom: { country: 'US' },
      shipTo: { country: 'AU' },
      items: [{ description: 'item', hsCode: '851840', originCountry: 'US', quantity: 1, unitValue: { amount: value, currency: 'AUD' } }],
      incoterm: 'DAP',
      currency: 'AUD',
      mode: 'courier',
      date: '2026-11-27',
    });

  it.each<[string, string]>([
    ['1000.00', '0.00'],
    ['1000.01', '50.00'],
    ['1400.00', '50.00'],
    ['9999.99', '50.00'],
    ['10000.00', '152.00'],
    ['25000.00', '152.00'],
  ])('customs value AUD %s: charge AUD %s', (value, fee) => {
    const r = au(value);
    expect(r.fees.total.amount).toBe(fee);
    if (fee !== '0.00') expect(r.fees.lines).toEqual([expect.objectContaining({ description: 'Import Processing Charge (electronic import declaration)' })]);
  });

  it('the charge is not in the GST base (VoTI = customs value + duty + transport and insurance)', () => {
    const r = au('1400.00');
    const gst = r.taxes.lines.find((l) => l.component === 'gst')!;
    expect(gst.base?.amount.amount).toBe(String((1400 + Number(r.duties.total.amount)).toFixed(2)));
  });
});
