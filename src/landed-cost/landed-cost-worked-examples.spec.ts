import { parseDutyExpression } from './duty-expression';
import { LandedCostRules } from './landed-cost-rule-set';
import type { TariffLine } from './landed-cost-rules';
import type { LandedCostInput } from './landed-cost.types';
import { loadTariffs, type LoadedTariffs } from './loaded-tariffs';
import { TariffSchedule } from './tariff-schedule';

/**
 * Worked examples published by customs authorities, reproduced to the cent with the real rule files.
 * Where an example states its own duty rate (the rate of its year), the schedule is replaced by one
 * line carrying that rate, so that the example tests the method rather than the tariff's vintage.
 */
let tariffs: LoadedTariffs;
beforeAll(async () => {
  tariffs = await loadTariffs();
});

function withLine(schedule: string, currency: string, code: string, expression: string): LandedCostRules {
  const line: TariffLine = { code, expression: parseDutyExpression(expression), validFrom: '2000-01-01', origins: [], source: 'the worked example', file: 'example', line: 1 };
  const schedules = new Map(tariffs.rules.schedules);
  schedules.set(schedule, new TariffSchedule(schedule, currency, [line]));
  return new LandedCostRules(tariffs.rules.destinations, schedules, tariffs.rules.taxRates, tariffs.rules.warnings);
}

function item(hsCode: string, amount: string, currency: string, originCountry = 'US'): LandedCostInput['items'][0] {
  return { description: 'example', hsCode, originCountry, quantity: 1, unitValue: { amount, currency } };
}

describe('Australian Border Force: duty and GST on goods above AUD 1,000', () => {
  // Source: ABF "How is duty and GST calculated?" (customs.gov.au, as quoted at http://clubcobra.com/forums/1097338-post12.html):
  // an electric sound amplifier at 5%, US$1,274, A$1 = US$0.9100, postage and insurance US$118.30;
  // customs value A$1,400.00, duty A$70.00, VoTI A$1,600.00, GST A$160.00, payable A$230.00.
  it('the amplifier example', () => {
    const r = tariffs.engine([{ from: 'AUD', to: 'USD', rate: '0.9100' }], withLine('AU', 'AUD', '851840', '5%')).estimate({
      shipFrom: { country: 'US' },
      shipTo: { country: 'AU' },
      items: [item('851840', '1274.00', 'USD')],
      shipping: { amount: '118.30', currency: 'USD' },
      incoterm: 'DAP',
      currency: 'AUD',
      mode: 'postal',
      date: '2026-11-27',
    });
    expect(r.customs.customsValue.amount).toBe('1400.00');
    expect(r.duties.lines[0]).toMatchObject({ rate: '5%', amount: { amount: '70.00', currency: 'AUD' } });
    expect(r.taxes.lines[0]).toMatchObject({ component: 'gst', rate: '10%', amount: { amount: '160.00', currency: 'AUD' } });
    expect(r.taxes.lines[0].base?.amount.amount).toBe('1600.00');
    // The example's "payable A$230.00" is duty and GST; the electronic declaration's Import Processing
    // Charge (A$50.00 for A$1,000 to A$10,000, ABF) is payable with them.
    expect((Number(r.duties.total.amount) + Number(r.taxes.total.amount)).toFixed(2)).toBe('230.00');
    expect(r.fees.lines).toEqual([expect.objectContaining({ description: 'Import Processing Charge (electronic import declaration)', amount: { amount: '50.00', currency: 'AUD' } })]);
    expect(r.total).toEqual({ amount: '280.00', currency: 'AUD' });
  });

  // Source: the same ABF page's second example (as quoted at
  // https://www.vwwatercooled.com.au/forums/f39/tirerack-com-why-would-buy-anywhere-else-39174-post445942.html):
  // Cval A$1,200.00, duty 5% A$60.00, T&I A$150.00, VoTI A$1,410.00, GST A$141.00, total A$201.00
  // (duty and GST; the A$50.00 Import Processing Charge comes on top).
  it('the customs value example', () => {
    const r = tariffs.engine([], withLine('AU', 'AUD', '401110', '5%')).estimate({
      shipFrom: { country: 'US' },
      shipTo: { country: 'AU' },
      items: [item('401110', '1200.00', 'AUD')],
      shipping: { amount: '150.00', currency: 'AUD' },
      incoterm: 'DAP',
      currency: 'AUD',
      mode: 'courier',
      date: '2026-11-27',
    });
    expect([r.duties.total.amount, r.taxes.total.amount, r.fees.total.amount, r.total.amount]).toEqual(['60.00', '141.00', '50.00', '251.00']);
    expect(r.taxes.lines[0].base?.amount.amount).toBe('1410.00');
  });
});

describe('Canada Border Services Agency: customs duty and GST', () => {
  // Source: CBSA, importing commercial goods, example calculation (as quoted at
  // https://smallformfactor.net/forum/threads/s4-mini-classic-s4m-c.96/post-46018): US$100 x 1.15 = CAN$115 value for
  // duty; duty 4% = $4.60; value for tax $119.60; GST 5% = $5.98; total $10.58.
  it('US$100 at 1.15, 4% duty, 5% GST', () => {
    const r = tariffs.engine([{ from: 'USD', to: 'CAD', rate: '1.15' }], withLine('CA', 'CAD', '950300', '4%')).estimate({
      shipFrom: { country: 'JP' },
      shipTo: { country: 'CA', region: 'AB' },
      items: [item('950300', '100.00', 'USD', 'JP')],
      incoterm: 'DAP',
      currency: 'CAD',
      mode: 'courier',
      date: '2026-11-27',
    });
    expect(r.customs.customsValue.amount).toBe('115.00');
    expect(r.duties.total.amount).toBe('4.60');
    expect(r.taxes.lines).toEqual([expect.objectContaining({ component: 'gst', amount: { amount: '5.98', currency: 'CAD' }, base: { amount: { amount: '119.60', currency: 'CAD' }, composition: ['customs value 115.00', 'duty 4.60'] } })]);
    expect(r.total.amount).toBe('10.58');
  });
});

describe('Singapore (IRAS / Singapore Customs): GST on imports by post', () => {
  // Source: IRAS, "Consumers importing goods into Singapore" (as quoted at http://101bao.com/content-56.html), when
  // GST was 7%: goods of $200 pay no GST (CIF not more than $400); goods of $450 pay $450 x 7% = $31.50.
  it.each([
    ['200.00', '0.00'],
    ['450.00', '31.50'],
  ])('CIF S$%s pays GST S$%s', (value, gst) => {
    const r = tariffs.engine().estimate({
      shipFrom: { country: 'US' },
      shipTo: { country: 'SG' },
      items: [item('420221', value, 'SGD')],
      incoterm: 'DAP',
      currency: 'SGD',
      mode: 'postal',
      date: '2022-06-01',
    });
    expect(r.taxes.total.amount).toBe(gst);
  });
});

describe('Swiss customs (BAZG): amounts of CHF 5 or less are not collected', () => {
  // Source: BAZG, receipt of letters and parcels (https://www.bazg.admin.ch/bazg/en/home/information-individuals/online-shopping--mail-and-courier-consignments/importation-into-switzerland/receipt-of-letters-and-parcels.html):
  // VAT is not collected when it is CHF 5 or less, i.e. goods up to about CHF 62 at 8.1% and about CHF 193 at 2.6%.
  it.each([
    ['standard rate, CHF 61.70: VAT 5.00 waived', '610910', '61.70', '0.00'],
    ['standard rate, CHF 62.00: VAT 5.02 due', '610910', '62.00', '5.02'],
    ['reduced rate (books), CHF 192.30: VAT 5.00 waived', '490199', '192.30', '0.00'],
    ['reduced rate (books), CHF 193.00: VAT 5.02 due', '490199', '193.00', '5.02'],
  ])('%s', (_n, hs, value, vat) => {
    const r = tariffs.engine().estimate({
      shipFrom: { country: 'DE' },
      shipTo: { country: 'CH' },
      items: [item(hs, value, 'CHF', 'DE')],
      incoterm: 'DAP',
      currency: 'CHF',
      mode: 'postal',
      date: '2026-11-27',
    });
    expect(r.taxes.total.amount).toBe(vat);
  });
});

describe('EU temporary EUR 3 customs duty (Council Regulation (EU) 2026/382)', () => {
  const cart = (items: LandedCostInput['items']): LandedCostInput => ({
    shipFrom: { country: 'CN' },
    shipTo: { country: 'FR' },
    items,
    shipping: { amount: '5.00', currency: 'EUR' },
    incoterm: 'DDP',
    currency: 'EUR',
    mode: 'postal',
    date: '2026-07-15',
    sellerRegistrations: ['eu_ioss'],
  });
  const tshirt = (q = 1) => ({ ...item('610910', '10.00', 'EUR', 'CN'), quantity: q });
  const watch = item('910211', '40.00', 'EUR', 'CN');
  const shoes = item('640399', '40.00', 'EUR', 'CN');

  // Source: Baker McKenzie, 2026-07-02 (https://globalimportblog.bakermckenzie.com/2026/07/02/eu-low-value-consignment-relief-abolished-and-eur-3-customs-duty-introduced-from-1-july-2026/):
  // "5 T-shirts attract EUR 3 (1 item), while 1 T-shirt plus 1 watch attracts EUR 6 (2 items)".
  it('5 T-shirts: EUR 3; 1 T-shirt and 1 watch: EUR 6', () => {
    expect(tariffs.engine().estimate(cart([tshirt(5)])).duties.total.amount).toBe('3.00');
    expect(tariffs.engine().estimate(cart([tshirt(), watch])).duties.total.amount).toBe('6.00');
  });

  // Source: the Commission's guidance as summarised by Glopal (https://merchants.glopal.com/en-us/blog/eu-customs-changes-on-1st-july-2026):
  // two t-shirts and a pair of shoes to France: customs duty 2 x EUR 3 = EUR 6.00; VAT on duty 6.00 x 20% = EUR 1.20.
  it('two T-shirts and shoes to France: EUR 6.00 duty and EUR 1.20 VAT on it', () => {
    const after = tariffs.engine().estimate(cart([tshirt(2), shoes]));
    const before = tariffs.engine().estimate({ ...cart([tshirt(2), shoes]), date: '2026-06-30' });
    expect(after.duties.total.amount).toBe('6.00');
    const vatOnDuty = Number(after.taxes.total.amount) - Number(before.taxes.total.amount);
    expect(vatOnDuty.toFixed(2)).toBe('1.20');
  });
});
