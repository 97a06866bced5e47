import { LandedCostService } from '../src/landed-cost/landed-cost.service';
import type { LandedCostInput } from '../src/landed-cost/landed-cost.types';
import { FixedClock } from '../src/platform/clock/clock';
import { auth, startTestApp, TestApp } from './support/test-app';

// The example request of API.md: an amplifier from the US to Sydney.
const amplifier = {
  shipFrom: { country: 'US' },
  shipTo: { country: 'AU', postalCode: '2000' },
  items: [
    { description: 'Amplifier', hsCode: '851840', originCountry: 'US', quantity: 1, unitValue: { amount: '1274.00', currency: 'USD' }, unitWeight: { value: 4, unit: 'kg' } },
  ],
  shipping: { amount: '100.00', currency: 'USD' },
  insurance: { amount: '18.30', currency: 'USD' },
  incoterm: 'DAP',
  currency: 'AUD',
  mode: 'courier',
  date: '2026-11-27',
  exchangeRates: [{ from: 'USD', to: 'AUD', rate: '1.0989' }],
  importer: { type: 'consumer' },
  sellerRegistrations: ['au_gst'],
};

const tshirts = (over: Record<string, unknown> = {}) => ({
  shipFrom: { country: 'CN' },
  shipTo: { country: 'DE' },
  items: [
    { description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 2, unitValue: { amount: '20.00', currency: 'EUR' } },
    { description: 'Leather shoes', hsCode: '640399', originCountry: 'CN', quantity: 1, unitValue: { amount: '60.00', currency: 'EUR' } },
  ],
  shipping: { amount: '10.00', currency: 'EUR' },
  incoterm: 'DDP',
  currency: 'EUR',
  date: '2026-11-27',
  ...over,
});

describe('POST /v1/landed-cost', () => {
  let t: TestApp;
  let quotesKey: string;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-11-27T10:00:00Z')) });
    quotesKey = await t.keyWith('quotes');
  });
  afterAll(() => t.close());

  it('needs a key with scope quotes', async () => {
    await t.http().post('/v1/landed-cost').send(amplifier).expect(401);
    const other = await t.keyWith('tracking:write');
    await t.http().post('/v1/landed-cost').set(auth(other)).send(amplifier).expect(403);
  });

  it('answers the API.md example: VoTI = customs value + duty + transport and insurance, GST 10%', async () => {
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(amplifier).expect(200);
    const b = res.body;
    expect(b.currency).toBe('AUD');
    expect(b.customs).toMatchObject({ currency: 'AUD', valuationBasis: 'FOB', customsValue: { amount: '1400.00', currency: 'AUD' } });
    expect(b.taxes.lines[0]).toMatchObject({ component: 'gst', rate: '10%', amount: { amount: '153.00', currency: 'AUD' }, ruleId: 'au-import-gst' });
    expect(b.taxes.lines[0].base.composition).toEqual(['customs value 1400.00', 'shipping 109.89', 'insurance 20.11']);
    // A formal entry (customs value above AUD 1,000) pays the ABF Import Processing Charge, outside the GST base.
    expect(b.fees.lines).toEqual([expect.objectContaining({ description: 'Import Processing Charge (electronic import declaration)', amount: { amount: '50.00', currency: 'AUD' }, ruleId: 'au-import-processing-charge-1000' })]);
    expect(b.total).toEqual({ amount: '203.00', currency: 'AUD' });
    expect(b.payer).toBe('recipient');
    expect(b.collectedAtSale).toBe(false);
    expect(b.deMinimis).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tax', ruleId: 'au-low-value-1000', exempt: false })]));
    expect(b.exchangeRatesUsed).toEqual([expect.objectContaining({ from: 'USD', to: 'AUD', rate: '1.0989', source: 'caller' })]);
    expect(b.rulesUsed.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['au-valuation-customs-value', 'au-import-gst']));
  });

  it('a low-value AU sale by a GST-registered seller is taxed at checkout, not at the border', async () => {
    const body = { ...amplifier, items: [{ ...amplifier.items[0], unitValue: { amount: '300.00', currency: 'USD' } }] };
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(body).expect(200);
    expect(res.body.collectedAtSale).toBe(true);
    expect(res.body.duties.lines).toEqual([]);
    expect(res.body.taxes.lines[0]).toMatchObject({ component: 'gst', collectedAtSale: true, payer: 'sender' });
  });

  it('says what is due on delivery apart from the tax the seller collects at checkout (IOSS, UK VAT)', async () => {
    type Line = { amount: { amount: string }; payer: string; collectedAtSale?: boolean };
    const sum = (lines: Line[]) => lines.reduce((a, l) => a + Math.round(Number(l.amount.amount) * 100), 0) / 100;
    const cases: [string, Record<string, unknown>][] = [
      ['EU consumer, IOSS', tshirts({ incoterm: 'DAP', importer: { type: 'consumer' }, sellerRegistrations: ['eu_ioss'] })],
      ['GB, UK VAT', tshirts({ shipFrom: { country: 'DE' }, shipTo: { country: 'GB' }, incoterm: 'DAP', sellerRegistrations: ['uk_vat'] })],
    ];
    for (const [label, body] of cases) {
      const b = (await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(body).expect(200)).body;
      const lines: Line[] = [...b.duties.lines, ...b.taxes.lines, ...b.fees.lines];
      const atSale = lines.filter((l) => l.collectedAtSale);
      expect({ label, collectedAtSale: b.collectedAtSale, atSale: atSale.length > 0 }).toEqual({ label, collectedAtSale: true, atSale: true });
      for (const l of atSale) expect(l.payer).toBe('sender');
      // The VAT the seller collected is not due again at the door; what is due there is what the recipient's lines say.
      expect({ label, dueOnDelivery: b.dueOnDelivery }).toEqual({ label, dueOnDelivery: { amount: sum(lines.filter((l) => l.payer === 'recipient' && !l.collectedAtSale)).toFixed(2), currency: 'EUR' } });
      expect({ label, collectedAtCheckout: b.collectedAtCheckout }).toEqual({ label, collectedAtCheckout: { amount: sum(atSale).toFixed(2), currency: 'EUR' } });
      expect(Number(b.collectedAtCheckout.amount)).toBeGreaterThan(0);
      // The total still counts every line.
      expect(b.total.amount).toBe(sum(lines).toFixed(2));
    }
    // EU from 2026-07-01: the EUR 3 duties are still paid at import, the VAT is not.
    const eu = (await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(cases[0][1]).expect(200)).body;
    expect(eu.dueOnDelivery).toEqual({ amount: '6.00', currency: 'EUR' });
    expect(eu.payer).toBe('recipient');
    // UK: no duty up to GBP 135, VAT collected at checkout: nothing at all is due on delivery.
    const gb = (await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(cases[1][1]).expect(200)).body;
    expect(gb.dueOnDelivery).toEqual({ amount: '0.00', currency: 'EUR' });
    expect(gb.collectedAtCheckout).toEqual(gb.total);
  });

  it('without collection at sale, DAP puts every line on delivery and DDP none', async () => {
    const dap = (await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(amplifier).expect(200)).body;
    expect(dap.dueOnDelivery).toEqual(dap.total);
    expect(dap.collectedAtCheckout).toEqual({ amount: '0.00', currency: 'AUD' });
    const ddp = (await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts()).expect(200)).body;
    expect(Number(ddp.total.amount)).toBeGreaterThan(0);
    expect(ddp.dueOnDelivery).toEqual({ amount: '0.00', currency: 'EUR' });
    expect(ddp.collectedAtCheckout).toEqual({ amount: '0.00', currency: 'EUR' });
  });

  it('EU: the EUR 3 per distinct subheading duty from 2026-07-01, the tariff before', async () => {
    const after = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts()).expect(200);
    expect(after.body.duties.lines.map((l: { ruleId: string; amount: { amount: string } }) => [l.ruleId, l.amount.amount])).toEqual([
      ['eu-flat-duty-3', '3.00'],
      ['eu-flat-duty-3', '3.00'],
    ]);
    expect(after.body.payer).toBe('sender');
    const before = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ date: '2026-06-30' })).expect(200);
    expect(before.body.duties.lines).toEqual([]);
    expect(before.body.deMinimis).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'duty', ruleId: 'eu-duty-relief-150', exempt: true })]));
  });

  it('DAP adds the carrier disbursement fee, DDP the DDP fee', async () => {
    const carrierFees = { ddpFee: { amount: '5.00', currency: 'EUR' }, disbursementFee: { percent: 2, minimum: { amount: '10.00', currency: 'EUR' } } };
    const dap = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ incoterm: 'DAP', carrierFees })).expect(200);
    expect(dap.body.payer).toBe('recipient');
    expect(dap.body.fees.lines).toEqual([expect.objectContaining({ component: 'carrier_fee', amount: { amount: '10.00', currency: 'EUR' }, payer: 'recipient' })]);
    const ddp = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ carrierFees })).expect(200);
    expect(ddp.body.fees.lines).toEqual([expect.objectContaining({ component: 'carrier_fee', amount: { amount: '5.00', currency: 'EUR' }, payer: 'sender' })]);
  });

  it('400 for an unknown HS code, with a suggestion', async () => {
    const body = tshirts();
    (body.items as { hsCode: string }[])[1].hsCode = '640398';
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual([{ path: 'items[1].hsCode', message: expect.stringMatching(/^unknown HS code 640398; did you mean 640399 .*640391 /) }]);
  });

  it('400 listing every shape problem and unknown fields at every depth', async () => {
    const res = await t
      .http()
      .post('/v1/landed-cost')
      .set(auth(quotesKey))
      .send({ ...tshirts(), incoterm: 'FOB', currency: 'euro', colour: 'red', items: [{ description: 'x', hsCode: '12', originCountry: 'cn', quantity: 0, unitValue: { amount: '-1', currency: 'EUR', extra: 1 } }] })
      .expect(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['incoterm', 'currency', 'colour', 'items[0].hsCode', 'items[0].originCountry', 'items[0].quantity', 'items[0].unitValue.amount', 'items[0].unitValue.extra']));
  });

  it('400 for countries and currencies it does not know, all at once', async () => {
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ shipTo: { country: 'ZZ' }, currency: 'XXX' })).expect(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'shipTo.country', message: 'unknown country ZZ' },
        { path: 'currency', message: expect.stringMatching(/XXX/) },
      ]),
    );
  });

  it('answers for a destination without rules with the VAT it knows and confidence unknown', async () => {
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ shipTo: { country: 'ZA' }, currency: 'ZAR' })).expect(200);
    expect(res.body.confidence).toBe('unknown');
    expect(res.body.taxes.lines[0]).toMatchObject({ component: 'vat', rate: '15%' });
    expect(res.body.warnings.join(' ')).toMatch(/no duty rules for ZA/);
  });

  it('nothing to pay at import inside one customs territory (DE -> FR, DE -> DE), but a border crossing out of it is charged', async () => {
    for (const [from, to] of [
      [{ country: 'DE', postalCode: '53113' }, { country: 'FR', postalCode: '75001' }],
      [{ country: 'DE', postalCode: '53113' }, { country: 'DE', postalCode: '10115' }],
    ]) {
      const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ shipFrom: from, shipTo: to })).expect(200);
      expect(res.body).toMatchObject({ total: { amount: '0.00', currency: 'EUR' }, confidence: 'exact', duties: { lines: [] }, taxes: { lines: [] }, fees: { lines: [] } });
      expect(res.body.warnings.join(' ')).toMatch(/one customs territory/);
    }
    // Heligoland is German but outside the EU VAT area: import VAT applies.
    const heligoland = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ shipFrom: { country: 'FR', postalCode: '75001' }, shipTo: { country: 'DE', postalCode: '27498' } })).expect(200);
    expect(heligoland.body.warnings.join(' ')).not.toMatch(/one customs territory/);
    const us = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(tshirts({ shipFrom: { country: 'US' }, shipTo: { country: 'US' }, currency: 'USD' })).expect(200);
    expect(us.body.total.amount).toBe('0.00');
    expect(us.body.warnings.join(' ')).toMatch(/within United States/);
  });

  it('uses today (the clock) when no date is given', async () => {
    const body: Record<string, unknown> = tshirts();
    delete body.date;
    const res = await t.http().post('/v1/landed-cost').set(auth(quotesKey)).send(body).expect(200);
    expect(res.body.duties.lines[0].ruleId).toBe('eu-flat-duty-3');
  });

  it('is the same engine the rating engine injects', () => {
    const service = t.app.get(LandedCostService);
    const r = service.estimate({ ...(tshirts() as unknown as LandedCostInput), mode: 'courier' });
    expect(r.total.currency).toBe('EUR');
  });

  it('publishes the route in the OpenAPI document', async () => {
    const doc = await t.http().get('/openapi.json').expect(200);
    expect(doc.body.paths['/v1/landed-cost'].post['x-required-scopes']).toEqual(['quotes']);
    const result = doc.body.components.schemas.LandedCostResultView;
    expect(result.required).toEqual(expect.arrayContaining(['dueOnDelivery', 'collectedAtCheckout']));
    expect(result.properties.dueOnDelivery.description).toMatch(/on delivery/);
  });
});
