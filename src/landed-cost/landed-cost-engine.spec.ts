import type { LandedCostInput, LandedCostResult } from './landed-cost.types';
import { loadTariffs, type LoadedTariffs } from './loaded-tariffs';

let tariffs: LoadedTariffs;
beforeAll(async () => {
  tariffs = await loadTariffs();
});

interface Case {
  to: string;
  from?: string;
  hs?: string;
  value: string;
  ccy: string;
  date?: string;
  qty?: number;
  kg?: number;
  shipping?: string;
  origin?: string;
  region?: string;
  mode?: 'courier' | 'postal';
  regs?: string[];
  importer?: 'consumer' | 'business';
  pref?: boolean;
  rates?: { from: string; to: string; rate: string }[];
}

function input(c: Case): LandedCostInput {
  const origin = c.origin ?? c.from ?? 'CN';
  return {
    shipFrom: { country: c.from ?? origin },
    shipTo: { country: c.to, region: c.region },
    items: [{ description: 'item', hsCode: c.hs ?? '610910', originCountry: origin, quantity: c.qty ?? 1, unitValue: { amount: c.value, currency: c.ccy }, unitWeightKg: c.kg, preferenceClaimed: c.pref }],
    shipping: c.shipping ? { amount: c.shipping, currency: c.ccy } : undefined,
    incoterm: 'DAP',
    currency: c.ccy,
    mode: c.mode ?? 'courier',
    date: c.date ?? '2026-11-27',
    importer: c.importer ? { type: c.importer, taxIds: [] } : undefined,
    sellerRegistrations: c.regs,
  };
}

const run = (c: Case): LandedCostResult => tariffs.engine(c.rates).estimate(input(c));
const amounts = (r: LandedCostResult) => ({ duties: r.duties.total.amount, taxes: r.taxes.total.amount, fees: r.fees.total.amount, total: r.total.amount });

describe('landed cost per destination, both sides of each threshold', () => {
  it.each<[string, Case, { duties: string; taxes: string; fees: string; total: string }]>([
    // GB: GBP 135 duty relief on the intrinsic value; import VAT 20% on CIF + duty.
    ['GB at GBP 135: duty relief, VAT on CIF', { to: 'GB', value: '135.00', ccy: 'GBP', shipping: '10.00' }, { duties: '0.00', taxes: '29.00', fees: '0.00', total: '29.00' }],
    ['GB above GBP 135: 12% duty, VAT on CIF + duty', { to: 'GB', value: '135.01', ccy: 'GBP', shipping: '10.00' }, { duties: '17.40', taxes: '32.48', fees: '0.00', total: '49.88' }],
    ['GB B2B up to GBP 135: reverse charge, no import VAT', { to: 'GB', value: '100.00', ccy: 'GBP', importer: 'business' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    // CA: courier from the US, CAD 150 duty / CAD 40 tax; elsewhere CAD 20 for both.
    ['CA courier from US at CAD 150: no duty, GST 5%', { to: 'CA', from: 'US', value: '150.00', ccy: 'CAD' }, { duties: '0.00', taxes: '7.50', fees: '0.00', total: '7.50' }],
    ['CA courier from US at CAD 150 to Ontario: GST + HST 8%', { to: 'CA', from: 'US', value: '150.00', ccy: 'CAD', region: 'ON' }, { duties: '0.00', taxes: '19.50', fees: '0.00', total: '19.50' }],
    ['CA courier from US above CAD 150: MFN 18%', { to: 'CA', from: 'US', value: '150.01', ccy: 'CAD' }, { duties: '27.00', taxes: '8.85', fees: '0.00', total: '35.85' }],
    ['CA courier from US above CAD 150, CUSMA claimed: free', { to: 'CA', from: 'US', value: '150.01', ccy: 'CAD', pref: true }, { duties: '0.00', taxes: '7.50', fees: '0.00', total: '7.50' }],
    ['CA courier from US at CAD 40: tax-free too', { to: 'CA', from: 'US', value: '40.00', ccy: 'CAD' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['CA by post from US above CAD 20: no courier threshold', { to: 'CA', from: 'US', value: '20.01', ccy: 'CAD', mode: 'postal' }, { duties: '3.60', taxes: '1.18', fees: '0.00', total: '4.78' }],
    ['CA courier from CN at CAD 20: exempt', { to: 'CA', from: 'CN', value: '20.00', ccy: 'CAD' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['CA courier from CN above CAD 20', { to: 'CA', from: 'CN', value: '20.01', ccy: 'CAD' }, { duties: '3.60', taxes: '1.18', fees: '0.00', total: '4.78' }],
    // AU: AUD 1,000 on the customs value; VoTI adds transport.
    ['AU at AUD 1000: nothing at the border', { to: 'AU', value: '1000.00', ccy: 'AUD', shipping: '50.00' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['AU above AUD 1000: 5% duty, GST on VoTI, Import Processing Charge', { to: 'AU', value: '1000.01', ccy: 'AUD', shipping: '50.00' }, { duties: '50.00', taxes: '110.00', fees: '50.00', total: '210.00' }],
    // JP: JPY 10,000 (0 decimals).
    ['JP at JPY 10000: exempt', { to: 'JP', value: '10000', ccy: 'JPY' }, { duties: '0', taxes: '0', fees: '0', total: '0' }],
    ['JP above JPY 10000: 7.4% duty, 10% consumption tax', { to: 'JP', value: '10001', ccy: 'JPY' }, { duties: '740', taxes: '1074', fees: '0', total: '1814' }],
    // CH: industrial goods free since 2024; VAT of CHF 5 or less is not collected.
    ['CH VAT of CHF 5.00 is waived', { to: 'CH', value: '61.70', ccy: 'CHF' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['CH VAT of CHF 5.02 is collected', { to: 'CH', value: '62.00', ccy: 'CHF' }, { duties: '0.00', taxes: '5.02', fees: '0.00', total: '5.02' }],
    ['CH before 2024: duty of CHF 5 or less waived', { to: 'CH', value: '500.00', ccy: 'CHF', kg: 4, date: '2023-06-01' }, { duties: '0.00', taxes: '38.50', fees: '0.00', total: '38.50' }],
    ['CH before 2024: specific duty per 100 kg gross, VAT 7.7% on value + duty', { to: 'CH', value: '500.00', ccy: 'CHF', kg: 8, date: '2023-06-01' }, { duties: '10.00', taxes: '39.27', fees: '0.00', total: '49.27' }],
    // NO: VOEC sellers collect VAT at checkout on items under NOK 3,000.
    ['NO VOEC item under NOK 3000: VAT at sale, no duty', { to: 'NO', value: '2999.00', ccy: 'NOK', regs: ['no_voec'] }, { duties: '0.00', taxes: '749.75', fees: '0.00', total: '749.75' }],
    ['NO VOEC item of NOK 3000: border VAT and duty', { to: 'NO', value: '3000.00', ccy: 'NOK', regs: ['no_voec'] }, { duties: '321.00', taxes: '830.25', fees: '0.00', total: '1151.25' }],
    // SG: GST relief up to SGD 400; GST 9%.
    ['SG at SGD 400: GST relief', { to: 'SG', value: '400.00', ccy: 'SGD' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['SG above SGD 400: GST 9% on CIF', { to: 'SG', value: '400.01', ccy: 'SGD' }, { duties: '0.00', taxes: '36.00', fees: '0.00', total: '36.00' }],
    // IN: BCD 20%, SWS 10% of BCD, IGST 5% on apparel.
    ['IN: BCD, Social Welfare Surcharge, IGST', { to: 'IN', value: '1000.00', ccy: 'INR' }, { duties: '220.00', taxes: '61.00', fees: '0.00', total: '281.00' }],
    // CN: MFN 6% + VAT 13%; CBEC retail at 9.1% for a registered platform.
    ['CN general import', { to: 'CN', from: 'US', value: '1000.00', ccy: 'CNY' }, { duties: '60.00', taxes: '137.80', fees: '0.00', total: '197.80' }],
    ['CN cross-border e-commerce retail', { to: 'CN', from: 'US', value: '1000.00', ccy: 'CNY', regs: ['cn_cbec'] }, { duties: '0.00', taxes: '91.00', fees: '0.00', total: '91.00' }],
    // BR: Remessa Conforme bands, ICMS grossed up.
    ['BR Remessa Conforme up to USD 50: II 20%', { to: 'BR', from: 'US', value: '250.00', ccy: 'BRL', regs: ['br_remessa_conforme'], rates: [{ from: 'USD', to: 'BRL', rate: '5' }] }, { duties: '50.00', taxes: '61.45', fees: '0.00', total: '111.45' }],
    ['BR Remessa Conforme above USD 50: 60% less USD 20', { to: 'BR', from: 'US', value: '500.00', ccy: 'BRL', regs: ['br_remessa_conforme'], rates: [{ from: 'USD', to: 'BRL', rate: '5' }] }, { duties: '200.00', taxes: '143.37', fees: '0.00', total: '343.37' }],
    // MX: courier global rate by origin and value.
    ['MX courier from CN: 33.5% global rate', { to: 'MX', from: 'CN', value: '100.00', ccy: 'USD' }, { duties: '0.00', taxes: '33.50', fees: '0.00', total: '33.50' }],
    ['MX courier from US up to USD 50: exempt', { to: 'MX', from: 'US', value: '50.00', ccy: 'USD' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['MX courier from US above USD 50: 17%', { to: 'MX', from: 'US', value: '50.01', ccy: 'USD' }, { duties: '0.00', taxes: '8.50', fees: '0.00', total: '8.50' }],
  ])('%s', (_name, c, expected) => {
    expect(amounts(run(c))).toEqual(expected);
  });
});

describe('United States before and after 2025-08-29', () => {
  const vn = { to: 'US', from: 'VN', hs: '6109100012', value: '100.00', ccy: 'USD' };
  it.each<[string, Case, { duties: string; taxes: string; fees: string; total: string }]>([
    ['2025-08-28: USD 800 de minimis, nothing due', { ...vn, date: '2025-08-28' }, { duties: '0.00', taxes: '0.00', fees: '0.00', total: '0.00' }],
    ['2025-08-29: MFN 16.5% + IEEPA 10% + informal MPF', { ...vn, date: '2025-08-29' }, { duties: '26.50', taxes: '0.00', fees: '2.62', total: '29.12' }],
    ['2025-06-01: de minimis gone for Chinese goods: MFN + 301 + IEEPA opioids 20% + reciprocal 10%', { ...vn, from: 'CN', date: '2025-06-01' }, { duties: '54.00', taxes: '0.00', fees: '2.62', total: '56.62' }],
    ['2026-03-01: Section 301 + Section 122, FY2026 MPF', { ...vn, from: 'CN', date: '2026-03-01' }, { duties: '34.00', taxes: '0.00', fees: '2.69', total: '36.69' }],
    ['2026-11-27: Section 122 lapsed, Section 301 stays', { ...vn, from: 'CN' }, { duties: '24.00', taxes: '0.00', fees: '2.69', total: '26.69' }],
    ['Section 232 switches Section 122 off (non-stacking)', { to: 'US', from: 'CN', hs: '7323930000', value: '100.00', ccy: 'USD', date: '2026-03-01' }, { duties: '77.00', taxes: '0.00', fees: '2.69', total: '79.69' }],
    ['EU goods: reciprocal tariff tops the MFN rate up to 15%', { to: 'US', from: 'DE', hs: '6403996000', value: '200.00', ccy: 'USD', date: '2025-09-01' }, { duties: '30.00', taxes: '0.00', fees: '2.62', total: '32.62' }],
    ['formal entry above USD 2500: MPF 0.3464% with its minimum', { ...vn, value: '3000.00' }, { duties: '495.00', taxes: '0.00', fees: '33.58', total: '528.58' }],
  ])('%s', (_name, c, expected) => {
    expect(amounts(run(c))).toEqual(expected);
  });

  it('explains the layers with their headings and sources', () => {
    const r = run({ ...vn, from: 'CN', date: '2026-03-01' });
    expect(r.duties.lines.map((l) => [l.component, l.rate, l.amount.amount, l.ruleId])).toEqual([
      ['duty', '16.5%', '16.50', expect.stringMatching(/^tariffs\/duty\/US\/curated\.csv:\d+$/)],
      ['additional_duty', '7.5%', '7.50', 'us-301-list4a'],
      ['additional_duty', '10%', '10.00', 'us-section-122'],
    ]);
    expect(r.duties.lines[2].description).toBe('Section 122 temporary import surcharge (9903.03.01)');
    expect(r.fees.lines[0]).toMatchObject({ description: 'Merchandise Processing Fee (informal entry)', ruleId: 'us-mpf-informal-fy2026' });
  });
});

describe('EU before and after 2026-07-01', () => {
  const cart = (date: string, importer?: 'business'): LandedCostInput => ({
    ...input({ to: 'FR', from: 'CN', value: '20.00', ccy: 'EUR', qty: 2, date, importer }),
    items: [
      { description: 'T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 2, unitValue: { amount: '20.00', currency: 'EUR' } },
      { description: 'T-shirt, other colour', hsCode: '61091000', originCountry: 'CN', quantity: 1, unitValue: { amount: '20.00', currency: 'EUR' } },
      { description: 'Shoes', hsCode: '640399', originCountry: 'CN', quantity: 1, unitValue: { amount: '50.00', currency: 'EUR' } },
    ],
    shipping: { amount: '10.00', currency: 'EUR' },
  });

  it('2026-06-30: duty relief up to EUR 150; VAT on CIF + French fee at the border', () => {
    const r = tariffs.engine().estimate(cart('2026-06-30'));
    // VAT 20% of (120 CIF + 4 fees) = 24.80
    expect(amounts(r)).toEqual({ duties: '0.00', taxes: '24.80', fees: '4.00', total: '28.80' });
    expect(r.deMinimis.find((d) => d.ruleId === 'eu-duty-relief-150')).toMatchObject({ exempt: true, comparedValue: { amount: '110.00', currency: 'EUR' } });
  });

  it('2026-07-01: EUR 3 per distinct subheading (two here), French fee per line, VAT on both', () => {
    const r = tariffs.engine().estimate(cart('2026-07-01'));
    expect(r.duties.lines.map((l) => l.amount.amount)).toEqual(['3.00', '3.00']);
    expect(r.fees.lines.map((l) => [l.ruleId, l.amount.amount])).toEqual([
      ['fr-parcel-fee', '2.00'],
      ['fr-parcel-fee', '2.00'],
    ]);
    // VAT 20% of (120 CIF + 6 duty + 4 fees) = 26.00
    expect(amounts(r)).toEqual({ duties: '6.00', taxes: '26.00', fees: '4.00', total: '36.00' });
  });

  it('a business importer pays the tariff on CIF (shipping shared by value), not the flat duty', () => {
    const r = tariffs.engine().estimate(cart('2026-07-01', 'business'));
    expect(r.duties.lines.map((l) => [l.rate, l.amount.amount])).toEqual([
      ['12.0%', '5.24'],
      ['12.0%', '2.62'],
      ['8.0%', '4.36'],
    ]);
  });

  it('IOSS: VAT collected at sale, the EUR 3 duty still due at import', () => {
    const r = tariffs.engine().estimate({ ...cart('2026-07-01'), sellerRegistrations: ['eu_ioss'] });
    expect(r.collectedAtSale).toBe(true);
    expect(r.taxes.lines.every((l) => l.collectedAtSale)).toBe(true);
    expect(r.duties.total.amount).toBe('6.00');
  });
});

describe('duty expressions through the engine', () => {
  const b2b = (hs: string, value: string, extra: Partial<LandedCostInput['items'][0]> = {}): LandedCostInput => ({
    ...input({ to: 'DE', from: 'CN', hs, value, ccy: 'EUR', importer: 'business' }),
    items: [{ description: 'x', hsCode: hs, originCountry: 'CN', quantity: 1, unitValue: { amount: value, currency: 'EUR' }, ...extra }],
  });

  it.each<[string, LandedCostInput, string, string]>([
    ['ad valorem', b2b('61091000', '100.00'), '12.0%', '12.00'],
    ['specific per hl', { ...b2b('22042109', '50.00'), items: [{ description: 'wine', hsCode: '22042109', originCountry: 'US', quantity: 10, unitValue: { amount: '5.00', currency: 'EUR' }, unitVolumeLitres: 0.75 }] }, '32.00 EUR / hl', '2.40'],
    ['ad valorem with a minimum, the minimum wins', b2b('07049010', '1.00', { unitWeightKg: 500 }), '12.00% MIN 0.40 EUR / 100 kg', '2.00'],
    ['ad valorem with a minimum, the percent wins', b2b('07049010', '100.00', { unitWeightKg: 500 }), '12.00% MIN 0.40 EUR / 100 kg', '12.00'],
    ['compound: ad valorem + specific', b2b('01022910', '500.00', { unitWeightKg: 70 }), '10.20% + 93.10 EUR / 100 kg', '116.17'],
  ])('%s', (_n, req, rate, amount) => {
    const line = tariffs.engine().estimate(req).duties.lines[0];
    expect([line.rate, line.amount.amount]).toEqual([rate, amount]);
  });

  it('a specific duty without the quantity it needs is reported, not silently zero', () => {
    const r = tariffs.engine().estimate(b2b('22042109', '50.00'));
    expect(r.confidence).toBe('estimated');
    expect(r.warnings.join(' ')).toMatch(/volume unknown/);
  });
});

describe('ranges when only HS6 is given', () => {
  const bags = (hs: string) => ({ ...input({ to: 'DE', from: 'CN', hs, value: '100.00', ccy: 'EUR', importer: 'business' }) });

  it('HS6 with national lines at 2.7%, 6.7% and 9.7%: range, the highest chosen', () => {
    const r = tariffs.engine().estimate(bags('420292'));
    expect(r.confidence).toBe('range');
    expect(r.rangeStrategy).toBe('highest');
    expect(r.duties.lines[0]).toMatchObject({ amount: { amount: '9.70' }, range: { min: { amount: '2.70' }, max: { amount: '9.70' }, strategy: 'highest' } });
    // Totals: 2.70 + 19% of 102.70 = 22.21; 9.70 + 19% of 109.70 = 30.54
    expect(r.range).toEqual({ min: { amount: '22.21', currency: 'EUR' }, max: { amount: '30.54', currency: 'EUR' } });
  });

  it('answered in another currency, the range ends are the totals of the cheapest and dearest national lines', () => {
    const inUsd = (hs: string) => ({ ...bags(hs), currency: 'USD' });
    const r = tariffs.engine().estimate(inUsd('420292'));
    expect(r.confidence).toBe('range');
    expect(r.range?.max).toEqual(r.total);
    expect(r.range?.min).toEqual(tariffs.engine().estimate(inUsd('4202929100')).total);
    expect(r.range?.min.currency).toBe('USD');
    expect(Number(r.range?.min.amount)).toBeLessThan(Number(r.range?.max.amount));
  });

  it('the full national code is exact', () => {
    const r = tariffs.engine().estimate(bags('4202929100'));
    expect(r.confidence).toBe('exact');
    expect(r.duties.lines[0].amount.amount).toBe('2.70');
  });

  it('HS6 whose national lines share one rate is exact', () => {
    expect(tariffs.engine().estimate(bags('620462')).confidence).toBe('exact');
  });
});

describe('currency', () => {
  it('computes in the customs currency, answers in the requested one, rounding each line', () => {
    const r = tariffs.engine().estimate({ ...input({ to: 'GB', from: 'US', hs: '61091000', value: '500.00', ccy: 'USD', shipping: '20.00' }) });
    expect(r.customs.currency).toBe('GBP');
    expect(r.currency).toBe('USD');
    // The customs rate is HMRC's for November (set on 2026-10-22): the latest table before it is used.
    expect(r.exchangeRatesUsed[0]).toMatchObject({ from: 'USD', to: 'GBP', date: '2025-04-25' });
    expect(r.warnings.join(' ')).toMatch(/exchange-rate table .* 2025-04-25/);
    for (const l of [...r.duties.lines, ...r.taxes.lines]) expect(l.customsAmount?.currency).toBe('GBP');
    const sum = [...r.duties.lines, ...r.taxes.lines].reduce((a, l) => a + Number(l.amount.amount), 0);
    expect(r.total.amount).toBe(sum.toFixed(2));
  });

  it('converts thresholds at the customs rate and says so', () => {
    const r = tariffs.engine([{ from: 'EUR', to: 'GBP', rate: '0.85' }]).estimate(input({ to: 'GB', value: '100.00', ccy: 'EUR' }));
    expect(r.deMinimis.find((d) => d.ruleId === 'gb-duty-relief-135')).toMatchObject({ comparedValue: { amount: '85.00', currency: 'GBP' }, exempt: true });
  });

  it('EU customs use the ECB rate of the penultimate Wednesday of the previous month', () => {
    const r = tariffs.engine().estimate(input({ to: 'PL', value: '100.00', ccy: 'EUR', date: '2025-05-10', importer: 'business' }));
    expect(r.customs.currency).toBe('PLN');
    expect(r.exchangeRatesUsed[0]).toMatchObject({ from: 'EUR', to: 'PLN', date: '2025-04-23', rate: '4.2915' });
  });
});

describe('unknown destinations and codes', () => {
  it('an unlisted destination gets its VAT and confidence unknown', () => {
    const r = run({ to: 'NZ', value: '100.00', ccy: 'NZD' });
    expect(r.confidence).toBe('unknown');
    expect(r.taxes.lines[0]).toMatchObject({ component: 'gst', rate: '15%' });
    expect(r.duties.lines).toEqual([]);
  });

  it('an unlisted destination without VAT says so instead of naming a rate', () => {
    const r = run({ to: 'KW', from: 'DE', value: '100.00', ccy: 'EUR' });
    expect(r.taxes.lines).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/no import VAT or GST is known for KW/);
    expect(run({ to: 'NZ', value: '100.00', ccy: 'NZD' }).warnings.join(' ')).toMatch(/tax uses the standard rate found for NZ/);
  });

  it('an unlisted destination whose currency has no rate is estimated in the request currency, with a warning', () => {
    const r = run({ to: 'AR', from: 'DE', value: '100.00', ccy: 'EUR', shipping: '20.00' });
    expect(r.confidence).toBe('unknown');
    expect(r.customs.currency).toBe('EUR');
    expect(r.warnings.join(' ')).toMatch(/no exchange rate for ARS/);
    // With the caller's rate the estimate is in pesos.
    const withRate = tariffs.engine([{ from: 'EUR', to: 'ARS', rate: '1050' }]).estimate(input({ to: 'AR', from: 'DE', value: '100.00', ccy: 'EUR' }));
    expect(withRate.customs.currency).toBe('ARS');
  });

  it('unknown HS codes are a 400 with suggestions', () => {
    expect(() => run({ to: 'DE', hs: '640398', value: '1', ccy: 'EUR' })).toThrow(expect.objectContaining({ status: 400, details: [{ path: 'items[0].hsCode', message: expect.stringMatching(/^unknown HS code 640398; did you mean 640399/) }] }));
  });
});

describe('whether an answer depends on the shipping amount', () => {
  const DESTINATIONS = ['US', 'GB', 'CA', 'AU', 'JP', 'CH', 'NO', 'CN', 'SG', 'BR', 'MX', 'IN', 'NZ', 'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
  const estimate = (c: Case) => tariffs.engine().estimateWithDependencies(input(c));

  it('US entries are valued FOB without import tax: independent; CIF (EU, GB) and AU (GST on transport) depend on it', () => {
    expect(estimate({ to: 'US', from: 'DE', value: '900.00', ccy: 'USD', shipping: '40.00' }).dependsOnShipping).toBe(false);
    expect(estimate({ to: 'DE', value: '900.00', ccy: 'EUR', shipping: '40.00' }).dependsOnShipping).toBe(true);
    expect(estimate({ to: 'GB', value: '900.00', ccy: 'GBP', shipping: '40.00' }).dependsOnShipping).toBe(true);
    expect(estimate({ to: 'AU', value: '1900.00', ccy: 'AUD', shipping: '40.00' }).dependsOnShipping).toBe(true);
  });

  // Quotes share one answer between options at different shipping prices when it says it does not
  // depend on shipping: that must hold for every destination, value and mode.
  it.each(DESTINATIONS)('to %s, an answer said not to depend on shipping is the same at another shipping amount', (to) => {
    for (const value of ['15.00', '140.00', '900.00', '6000.00']) {
      for (const mode of ['courier', 'postal'] as const) {
        for (const importer of ['consumer', 'business'] as const) {
          const base: Case = { to, from: to === 'DE' ? 'US' : 'DE', origin: 'CN', value, ccy: 'USD', mode, importer, kg: 1.5, shipping: '12.00' };
          const cheap = estimate(base);
          const dear = estimate({ ...base, shipping: '260.00' });
          expect(dear.dependsOnShipping).toBe(cheap.dependsOnShipping);
          if (!cheap.dependsOnShipping) expect(dear.result).toEqual(cheap.result);
          else expect(dear.result).not.toEqual(cheap.result);
        }
      }
    }
  });
});

describe('an estimate prepared once and finished per carrier', () => {
  // Quotes compute the estimate up to the carrier fees once per mode and pick-up day and finish it
  // with each carrier's fees: every finished answer must be the one a full estimate gives.
  const FEES: LandedCostInput['carrierFees'][] = [
    undefined,
    { ddpFee: { amount: '2.90', currency: 'EUR' }, disbursementFee: { flat: { amount: '8.00', currency: 'EUR' } } },
    { ddpFee: { amount: '15.00', currency: 'EUR' }, disbursementFee: { percent: 2, minimum: { amount: '12.00', currency: 'EUR' } } },
    { disbursementFee: { percent: 2.5, minimum: { amount: '15.00', currency: 'USD' } } },
    { ddpFee: { amount: '1800', currency: 'JPY' } },
  ];
  const DESTINATIONS = ['US', 'GB', 'CA', 'AU', 'JP', 'CH', 'NO', 'CN', 'BR', 'MX', 'IN', 'NZ', 'FR', 'DE', 'PL', 'SE', 'KW', 'AR'];

  it.each(DESTINATIONS)('to %s, finishing with each carrier fee gives the full estimate with that fee', (to) => {
    const engine = tariffs.engine();
    for (const value of ['15.00', '140.00', '900.00', '6000.00']) {
      for (const incoterm of ['DDP', 'DAP'] as const) {
        for (const mode of ['courier', 'postal'] as const) {
          const base: LandedCostInput = { ...input({ to, from: to === 'DE' ? 'US' : 'DE', origin: 'CN', value, ccy: 'USD', mode, kg: 1.5, shipping: '25.00' }), incoterm };
          // The fees given to `prepare` are ignored: only those of `finish` count.
          const prepared = engine.prepare({ ...base, carrierFees: FEES[2] });
          for (const fees of FEES) {
            const full = engine.estimateWithDependencies({ ...base, ...(fees && { carrierFees: fees }) });
            expect(prepared.finish(fees)).toEqual(full);
          }
        }
      }
    }
  });

  it('a finished answer leaves the prepared estimate as it was (lines, warnings and rates of one carrier stay its own)', () => {
    const engine = tariffs.engine();
    const base: LandedCostInput = { ...input({ to: 'GB', from: 'DE', value: '900.00', ccy: 'EUR', shipping: '25.00' }), incoterm: 'DAP' };
    const prepared = engine.prepare(base);
    const withFee = prepared.finish(FEES[3]).result;
    const without = prepared.finish(undefined).result;
    expect(withFee.fees.lines.map((l) => l.component)).toContain('carrier_fee');
    expect(without.fees.lines.map((l) => l.component)).not.toContain('carrier_fee');
    expect(without).toEqual(engine.estimate(base));
  });

  it('a carrier fee in a currency without a rate is a 400, as in a full estimate', () => {
    const prepared = tariffs.engine().prepare(input({ to: 'GB', from: 'DE', value: '900.00', ccy: 'EUR' }));
    expect(() => prepared.finish({ ddpFee: { amount: '5', currency: 'XXX' } })).toThrow(expect.objectContaining({ status: 400, details: [{ path: 'carrierFees.ddpFee.currency', message: 'unknown currency XXX' }] }));
  });
});
