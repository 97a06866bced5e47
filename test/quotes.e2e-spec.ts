import { deflateRawSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { LandedCostService } from '../src/landed-cost/landed-cost.service';
import { FixedClock } from '../src/platform/clock/clock';
import { QuotePurger } from '../src/rating/quote-purger';
import { QuoteService } from '../src/rating/quote.service';
import { auth, startTestApp, TestApp } from './support/test-app';

interface Money {
  amount: string;
  currency: string;
}
interface Option {
  id: string;
  carrier: string;
  service: string;
  shipping: { total: Money; charges: { type: string; code: string; description?: string; amount: Money }[] };
  dutiesAndTaxes: {
    total: Money;
    payer: string;
    dueOnDelivery: Money;
    collectedAtCheckout: Money;
    confidence: string;
    lines: { component: string; amount: Money; ruleId: string; payer: string; collectedAtSale?: boolean }[];
  };
  landedCost: Money;
  transit: { minDays: number; maxDays: number };
  pickupDate: string;
  estimatedDelivery: { earliest: string; latest: string; holidays: { date: string; country: string; name?: string }[] };
  tags: string[];
  score: number;
}
interface Unavailable {
  carrier: string;
  service: string;
  reason: string;
  message: string;
}

/** Wednesday 25 November 2026, 10:00 in Germany: the day before Thanksgiving. */
const NOW = '2026-11-25T09:00:00Z';

const cents = (m: Money) => Math.round(Number(m.amount) * 1000);

function body(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
    shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY', residential: true },
    parcels: [
      { weight: { value: 1.2, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } },
      { weight: { value: 0.8, unit: 'kg' }, dimensions: { length: 25, width: 20, height: 10, unit: 'cm' } },
    ],
    items: [
      { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } },
      { sku: 'MUG-1', description: 'Ceramic mug', hsCode: '691200', originCountry: 'DE', quantity: 2, unitValue: { amount: '9.90', currency: 'EUR' } },
    ],
    incoterm: 'DDP',
    currency: 'USD',
    ...over,
  };
}

describe('POST /v1/quotes', () => {
  let t: TestApp;
  let key: string;
  const clock = new FixedClock(new Date(NOW));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    key = await t.keyWith('quotes');
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(NOW));

  const quote = async (over: Record<string, unknown> = {}, expected = 200) => {
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(body(over));
    if (res.status !== expected) throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; expiresAt: string; currency: string; options: Option[]; unavailable: Unavailable[]; exchangeRates: unknown[]; dutyRules: { id: string; source: string; validFrom: string }[] };
  };
  const reasonOf = (unavailable: Unavailable[], carrier: string, service: string) => unavailable.find((u) => u.carrier === carrier && u.service === service);

  describe('a DDP cart from Germany to the US', () => {
    let q: Awaited<ReturnType<typeof quote>>;
    beforeAll(async () => {
      q = await quote();
    });

    it('prices every eligible service and explains every other one', () => {
      expect(q.id).toMatch(/^quo_/);
      expect(q.options.map((o) => `${o.carrier}/${o.service}`).sort()).toEqual([
        'asendia/epaq-plus',
        'asendia/epaq-standard',
        'dhl-express/express-1200',
        'dhl-express/express-worldwide',
        'dhl-medical-express/medical-express',
      ]);
      expect(reasonOf(q.unavailable, 'dhl-freight', 'euroconnect')).toMatchObject({ reason: 'destination_not_served' });
      expect(reasonOf(q.unavailable, 'deutsche-post', 'paket-international')).toMatchObject({ reason: 'incoterm_not_supported', message: expect.stringMatching(/DDP/) });
      expect(reasonOf(q.unavailable, 'dhl-express', 'express-domestic')).toMatchObject({ reason: 'destination_not_served' });
      // Every service of every carrier is accounted for, once.
      const seen = [...q.options.map((o) => `${o.carrier}/${o.service}`), ...q.unavailable.map((u) => `${u.carrier}/${u.service}`)];
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('carriers with other DDP fees share the estimate up to their fees: one per mode and pick-up day', async () => {
      const landedCost = t.app.get(LandedCostService);
      const prepare = jest.spyOn(landedCost, 'prepare');
      const again = await quote();
      const kinds = new Set(again.options.map((o) => `${o.carrier === 'asendia' ? 'postal' : 'courier'}|${o.pickupDate}`));
      expect(prepare).toHaveBeenCalledTimes(kinds.size);
      expect(kinds.size).toBeLessThan(new Set(again.options.map((o) => o.carrier)).size);
      prepare.mockRestore();
      // Each option still carries its own carrier's DDP fee.
      const fee = (carrier: string) => again.options.find((o) => o.carrier === carrier)!.dutiesAndTaxes.lines.find((l) => l.component === 'carrier_fee')?.amount.amount;
      expect(fee('dhl-express')).not.toBe(fee('dhl-medical-express'));
      expect(again.options.map((o) => o.dutiesAndTaxes)).toEqual(q.options.map((o) => o.dutiesAndTaxes));
    });

    it('itemises charges that add up to the shipping total, in the requested currency', () => {
      for (const o of q.options) {
        expect(o.shipping.total.currency).toBe('USD');
        expect(o.shipping.charges.length).toBeGreaterThan(0);
        expect(o.shipping.charges[0].type).toBe('base');
        const sum = o.shipping.charges.reduce((s, c) => s + cents(c.amount), 0);
        expect(sum).toBe(cents(o.shipping.total));
        for (const c of o.shipping.charges) expect(c.amount.amount).toMatch(/^-?\d+\.\d{2}$/);
      }
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      expect(express.shipping.charges.map((c) => c.type)).toEqual(['base', 'fuel']);
      expect(express.shipping.charges[1].description).toMatch(/24\.75%/);
      expect(q.exchangeRates).toEqual([expect.objectContaining({ from: 'EUR', to: 'USD', rate: expect.any(String), date: expect.any(String) })]);
    });

    it('puts duties and taxes into the landed cost (DDP, paid by the sender)', () => {
      for (const o of q.options) {
        expect(o.dutiesAndTaxes.payer).toBe('sender');
        expect(Number(o.dutiesAndTaxes.total.amount)).toBeGreaterThan(0);
        expect(cents(o.landedCost)).toBe(cents(o.shipping.total) + cents(o.dutiesAndTaxes.total));
        expect(o.dutiesAndTaxes.dueOnDelivery).toEqual({ amount: '0.00', currency: 'USD' });
      }
      // The carrier's DDP fee comes from its carrier.yaml (DHL Express: 15.00 EUR).
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      expect(express.dutiesAndTaxes.lines).toEqual(expect.arrayContaining([expect.objectContaining({ component: 'carrier_fee' })]));
      // Every line names its rule; the rules' sources are listed once for the whole quote.
      const rules = new Map(q.dutyRules.map((r) => [r.id, r]));
      for (const o of q.options) for (const l of o.dutiesAndTaxes.lines) expect(rules.get(l.ruleId)).toEqual({ id: l.ruleId, source: expect.any(String), validFrom: expect.any(String) });
      expect(q.dutyRules.length).toBe(rules.size);
    });

    it('tags one cheapest, one fastest and one best-value option and sorts by best value', () => {
      for (const tag of ['cheapest', 'fastest', 'best_value']) expect(q.options.filter((o) => o.tags.includes(tag))).toHaveLength(1);
      const cheapest = q.options.find((o) => o.tags.includes('cheapest'))!;
      expect(Math.min(...q.options.map((o) => cents(o.landedCost)))).toBe(cents(cheapest.landedCost));
      const fastest = q.options.find((o) => o.tags.includes('fastest'))!;
      expect(q.options.every((o) => o.estimatedDelivery.latest >= fastest.estimatedDelivery.latest)).toBe(true);
      const scores = q.options.map((o) => o.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(q.options[0].tags).toContain('best_value');
    });

    it('skips Thanksgiving in the delivery window', () => {
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      // Picked up Wednesday 25th before the 18:00 cut-off; Thursday 26th is a US holiday; 1-3 working days.
      expect(express.pickupDate).toBe('2026-11-25');
      expect(express.estimatedDelivery).toEqual({
        earliest: '2026-11-27',
        latest: '2026-12-01',
        holidays: [{ date: '2026-11-26', country: 'US', name: 'Thanksgiving Day' }],
      });
    });

    it('is stored and served again until it expires', async () => {
      const res = await t.http().get(`/v1/quotes/${q.id}`).set(auth(key)).expect(200);
      expect(res.body).toEqual(q);
      // Stored once, deflated: a fraction of the JSON's bytes.
      const db = t.app.get(DataSource);
      const rows = await db.query('SELECT response, octet_length(response_deflated) AS bytes FROM quote WHERE id = $1', [q.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].response).toBeNull();
      expect(rows[0].bytes).toBeLessThan(JSON.stringify(q).length / 3);
      // Rows stored before answers were deflated are still served.
      const legacyId = `quo_${'0'.repeat(25)}1`;
      await db.query(
        `INSERT INTO quote (id, created_at, expires_at, currency, incoterm, shipment, response, options)
         SELECT $1, created_at, expires_at, currency, incoterm, shipment, $2::json, options FROM quote WHERE id = $3`,
        [legacyId, JSON.stringify({ ...q, id: legacyId }), q.id],
      );
      expect((await t.http().get(`/v1/quotes/${legacyId}`).set(auth(key)).expect(200)).body).toEqual({ ...q, id: legacyId });
      // So are rows that hold the whole answer deflated (before shared duties were stored once).
      const deflatedId = `quo_${'0'.repeat(25)}2`;
      await db.query(
        `INSERT INTO quote (id, created_at, expires_at, currency, incoterm, shipment, response_deflated, options)
         SELECT $1, created_at, expires_at, currency, incoterm, shipment, $2, options FROM quote WHERE id = $3`,
        [deflatedId, deflateRawSync(JSON.stringify({ ...q, id: deflatedId })), q.id],
      );
      expect((await t.http().get(`/v1/quotes/${deflatedId}`).set(auth(key)).expect(200)).body).toEqual({ ...q, id: deflatedId });
    });
  });

  it('sorts by cheapest and by fastest', async () => {
    const cheap = await quote({ sort: 'cheapest' });
    const costs = cheap.options.map((o) => cents(o.landedCost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(cheap.options[0].tags).toContain('cheapest');
    const fast = await quote({ sort: 'fastest' });
    const latest = fast.options.map((o) => o.estimatedDelivery.latest);
    expect(latest).toEqual([...latest].sort());
    expect(fast.options[0].tags).toContain('fastest');
  });

  it('DAP: duties and taxes shown as due from the recipient, landed cost is shipping only; postal services come back', async () => {
    const q = await quote({ incoterm: 'DAP' });
    expect(q.options.map((o) => o.carrier)).toContain('deutsche-post');
    for (const o of q.options) {
      expect(o.dutiesAndTaxes.payer).toBe('recipient');
      expect(o.landedCost).toEqual(o.shipping.total);
      const d = o.dutiesAndTaxes;
      expect(d.dueOnDelivery).toEqual(d.total);
      expect(d.collectedAtCheckout).toEqual({ amount: '0.00', currency: 'USD' });
    }
  });

  it('DAP with UK VAT collected at checkout: the VAT is in the landed cost and nothing is due on delivery', async () => {
    const q = await quote({
      shipTo: { country: 'GB', postalCode: 'SW1A 1AA', city: 'London' },
      items: [{ sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } }],
      incoterm: 'DAP',
      currency: 'EUR',
      sellerRegistrations: ['uk_vat'],
    });
    expect(q.options.length).toBeGreaterThan(0);
    for (const o of q.options) {
      const d = o.dutiesAndTaxes;
      const vat = d.lines.filter((l) => l.component === 'vat');
      expect(vat.length).toBeGreaterThan(0);
      for (const l of vat) expect(l).toMatchObject({ collectedAtSale: true, payer: 'sender' });
      expect(Number(d.total.amount)).toBeGreaterThan(0);
      expect(d.collectedAtCheckout).toEqual(d.total);
      expect(d.dueOnDelivery).toEqual({ amount: '0.00', currency: 'EUR' });
      expect(cents(o.landedCost)).toBe(cents(o.shipping.total) + cents(d.collectedAtCheckout));
    }
  });

  it('DAP with VOEC: only what the recipient pays at import is due on delivery', async () => {
    const q = await quote({
      shipTo: { country: 'NO', postalCode: '0150', city: 'Oslo' },
      items: [{ sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } }],
      incoterm: 'DAP',
      currency: 'EUR',
      importer: { type: 'consumer' },
      sellerRegistrations: ['no_voec'],
    });
    expect(q.options.length).toBeGreaterThan(0);
    for (const o of q.options) {
      const d = o.dutiesAndTaxes;
      const sum = (pick: (l: (typeof d.lines)[number]) => boolean) => d.lines.filter(pick).reduce((a, l) => a + cents(l.amount), 0);
      expect(cents(d.collectedAtCheckout)).toBeGreaterThan(0);
      expect(cents(d.collectedAtCheckout)).toBe(sum((l) => l.collectedAtSale === true));
      expect(cents(d.dueOnDelivery)).toBe(sum((l) => l.payer === 'recipient' && !l.collectedAtSale));
      expect(cents(d.dueOnDelivery)).toBeLessThan(cents(d.total));
      expect(cents(d.total)).toBe(sum(() => true));
    }
  });

  describe('currency minor units', () => {
    it('JPY has none: every amount is whole yen and the lines still add up', async () => {
      const q = await quote({ shipTo: { country: 'JP', postalCode: '100-0001' }, currency: 'JPY' });
      expect(q.options.length).toBeGreaterThan(0);
      for (const o of q.options) {
        for (const m of [o.shipping.total, o.landedCost, o.dutiesAndTaxes.total, ...o.shipping.charges.map((c) => c.amount)]) {
          expect(m.currency).toBe('JPY');
          expect(m.amount).toMatch(/^-?\d+$/);
        }
        expect(o.shipping.charges.reduce((s, c) => s + Number(c.amount.amount), 0)).toBe(Number(o.shipping.total.amount));
      }
    });

    it('KWD has three, with a rate the caller gives', async () => {
      const q = await quote({
        shipTo: { country: 'DE', postalCode: '10115' },
        items: [],
        currency: 'KWD',
        exchangeRates: [{ from: 'EUR', to: 'KWD', rate: '0.3312' }],
      });
      const express = q.options.find((o) => o.service === 'express-domestic')!;
      for (const c of express.shipping.charges) expect(c.amount.amount).toMatch(/^\d+\.\d{3}$/);
      // 2.8 kg chargeable (dimensional) within Germany: the 3 kg break, 12.35 EUR, at the given rate, to the fils.
      expect(express.shipping.charges[0].amount).toEqual({ amount: (12.35 * 0.3312).toFixed(3), currency: 'KWD' });
      expect(express.dutiesAndTaxes.total).toEqual({ amount: '0.000', currency: 'KWD' });
    });
  });

  describe('exclusion reasons', () => {
    const dap = { incoterm: 'DAP' };
    it.each<[string, Record<string, unknown>, string, string, string, RegExp]>([
      ['weight_exceeds_limit', { parcels: [{ weight: { value: 2.5, unit: 'kg' } }] }, 'asendia', 'epaq-standard', 'weight_exceeds_limit', /2\.5 kg/],
      ['weight in pounds', { ...dap, parcels: [{ weight: { value: 80, unit: 'lb' } }] }, 'deutsche-post', 'paket-international', 'weight_exceeds_limit', /36\.287 kg.*31\.5 kg/],
      ['dimensions_exceed_limit', { ...dap, parcels: [{ weight: { value: 3, unit: 'kg' }, dimensions: { length: 130, width: 20, height: 20, unit: 'cm' } }] }, 'deutsche-post', 'paket-international', 'dimensions_exceed_limit', /130 x 20 x 20 cm/],
      ['dimensions in inches', { ...dap, parcels: [{ weight: { value: 1, unit: 'kg' }, dimensions: { length: 20, width: 12, height: 8, unit: 'in' } }] }, 'deutsche-post', 'packet-tracked', 'dimensions_exceed_limit', /101\.6 cm/],
      ['destination_not_served', {}, 'dhl-freight', 'euroconnect-pallet', 'destination_not_served', /does not deliver to US/],
      ['destination_not_served by postcode', { ...dap, shipTo: { country: 'ES', postalCode: '35001' } }, 'dhl-freight', 'euroconnect', 'destination_not_served', /ES 35001/],
      ['destination_not_served by lane', { shipTo: { country: 'JP', postalCode: '100-0001' } }, 'dhl-medical-express', 'medical-express', 'destination_not_served', /does not deliver to JP/],
      ['origin_not_served', { shipFrom: { country: 'FR', postalCode: '75008' } }, 'dhl-express', 'express-worldwide', 'origin_not_served', /FR/],
      ['dangerous_goods_not_accepted', { ...dap, handling: { dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', section: 'IB' }] } }, 'deutsche-post', 'paket-international', 'dangerous_goods_not_accepted', /UN3480 class 9 PI965 section IB; it accepts: Lithium batteries installed in equipment/],
      ['dry_ice_not_accepted', { ...dap, handling: { dryIceKg: 1.5 } }, 'deutsche-post', 'paket-international', 'dry_ice_not_accepted', /dry ice/],
      ['temperature_control_unavailable', { handling: { temperature: { minC: 2, maxC: 8 } } }, 'dhl-express', 'express-worldwide', 'temperature_control_unavailable', /not temperature-controlled/],
      ['signature_unavailable', { ...dap, handling: { signature: 'adult' } }, 'deutsche-post', 'paket-international', 'signature_unavailable', /adult signature/],
      ['insurance_exceeds_limit', { ...dap, handling: { insurance: { amount: '3000.00', currency: 'EUR' } } }, 'deutsche-post', 'paket-international', 'insurance_exceeds_limit', /2500\.00 EUR/],
      ['too_many_parcels', { parcels: Array.from({ length: 11 }, () => ({ weight: { value: 0.5, unit: 'kg' } })) }, 'asendia', 'epaq-plus', 'too_many_parcels', /at most 10/],
      ['value_exceeds_limit', { ...dap, items: [{ description: 'Watch', hsCode: '910211', originCountry: 'CH', quantity: 1, unitValue: { amount: '1500.00', currency: 'EUR' } }] }, 'deutsche-post', 'packet-tracked', 'value_exceeds_limit', /1000\.00 EUR/],
      ['packaging_not_accepted', { ...dap, shipTo: { country: 'FR', postalCode: '69001' }, parcels: [{ weight: { value: 250, unit: 'kg' }, pallet: true }] }, 'dhl-express', 'express-worldwide', 'packaging_not_accepted', /pallets/],
      ['incoterm_not_supported', {}, 'deutsche-post', 'packet-tracked', 'incoterm_not_supported', /DDP/],
    ])('%s', async (_name, over, carrier, service, reason, message) => {
      const q = await quote(over);
      const u = reasonOf(q.unavailable, carrier, service);
      expect(u).toMatchObject({ reason });
      expect(u!.message).toMatch(message);
      expect(q.options.some((o) => o.carrier === carrier && o.service === service)).toBe(false);
    });

    it('a declared 2-8 °C range leaves only the temperature-controlled service, with its packaging charged', async () => {
      const q = await quote({ handling: { temperature: { minC: 2, maxC: 8 }, dangerousGoods: [{ unNumber: 'UN3373', class: '6.2' }] } });
      expect(q.options.map((o) => o.service)).toEqual(['medical-express']);
      const codes = q.options[0].shipping.charges.map((c) => c.code);
      expect(codes).toEqual(expect.arrayContaining(['packaging-refrigerated', 'biological-substance']));
    });

    it('pallets go by road freight, priced per pallet size', async () => {
      const q = await quote({
        incoterm: 'DAP',
        shipTo: { country: 'FR', postalCode: '69001', residential: false },
        parcels: [
          { weight: { value: 250, unit: 'kg' }, dimensions: { length: 120, width: 80, height: 50, unit: 'cm' }, pallet: true },
          { weight: { value: 700, unit: 'kg' }, dimensions: { length: 120, width: 80, height: 160, unit: 'cm' }, pallet: true },
        ],
      });
      expect(q.options.map((o) => `${o.carrier}/${o.service}`).sort()).toEqual(['dhl-freight/euroconnect', 'dhl-freight/euroconnect-pallet']);
      const pallet = q.options.find((o) => o.service === 'euroconnect-pallet')!;
      expect(pallet.shipping.charges.map((c) => c.code)).toEqual(['base', 'toll', 'fuel']);
      expect(pallet.shipping.charges[0].description).toMatch(/1 x Quarter pallet, 1 x Full pallet/);
      expect(pallet.dutiesAndTaxes.total.amount).toBe('0.00');
    });

    it('remote areas by postcode add their surcharge', async () => {
      const q = await quote({ shipTo: { country: 'US', postalCode: '99501', region: 'AK' }, carriers: ['dhl-express'] });
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      expect(express.shipping.charges.map((c) => c.code)).toEqual(['base', 'remote-area-delivery', 'fuel']);
    });
  });

  describe('delivery windows', () => {
    it('after the cut-off the parcel leaves the next working day', async () => {
      clock.set('2026-11-25T17:30:00Z'); // 18:30 in Germany, after the 18:00 cut-off
      const q = await quote({ carriers: ['dhl-express'] });
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      expect(express.pickupDate).toBe('2026-11-26');
      expect(express.estimatedDelivery.earliest).toBe('2026-11-27');
    });

    it('a Saturday ship date is picked up on Monday', async () => {
      const q = await quote({ carriers: ['dhl-express'], shipDate: '2026-11-28' });
      expect(q.options.find((o) => o.service === 'express-worldwide')!.pickupDate).toBe('2026-11-30');
    });

    it('Christmas in both countries pushes the window out', async () => {
      clock.set('2026-12-23T08:00:00Z');
      const q = await quote({ incoterm: 'DAP', shipTo: { country: 'FR', postalCode: '69001' }, carriers: ['dhl-express'], shipDate: '2026-12-24' });
      const express = q.options.find((o) => o.service === 'express-worldwide')!;
      expect(express.pickupDate).toBe('2026-12-24');
      // Christmas Day (both countries) and the weekend after are not working days: 1-2 days -> 28 and 29 Dec.
      expect(express.estimatedDelivery.earliest).toBe('2026-12-28');
      expect(express.estimatedDelivery.latest).toBe('2026-12-29');
      expect(express.estimatedDelivery.holidays).toEqual([{ date: '2026-12-25', country: 'DE', name: 'Christmas Day' }]);
    });
  });

  describe('customer pricing', () => {
    const admin = () => auth(t.adminKey);
    it('applies the most specific negotiated rule, itemised as a markup or discount', async () => {
      const customer = 'acme-gmbh';
      await t.http().post(`/v1/customers/${customer}/pricing-rules`).set(admin()).send({ type: 'discount', percent: 10, description: 'Framework 2026' }).expect(201);
      await t.http().post(`/v1/customers/${customer}/pricing-rules`).set(admin()).send({ carrier: 'dhl-express', service: 'express-1200', type: 'markup', amount: { amount: '5.00', currency: 'EUR' } }).expect(201);

      const plain = await quote({ carriers: ['dhl-express', 'asendia'] });
      const priced = await quote({ carriers: ['dhl-express', 'asendia'], customerId: customer });
      const find = (q: typeof plain, service: string) => q.options.find((o) => o.service === service)!;

      const ww = find(priced, 'express-worldwide');
      const discount = ww.shipping.charges.find((c) => c.type === 'discount')!;
      expect(discount).toMatchObject({ code: 'customer-discount', description: expect.stringMatching(/Framework 2026 \(10%, all carriers\)/) });
      expect(cents(discount.amount)).toBe(-Math.round(cents(find(plain, 'express-worldwide').shipping.total) / 10 / 10) * 10);
      expect(cents(ww.shipping.total)).toBe(cents(find(plain, 'express-worldwide').shipping.total) + cents(discount.amount));

      const noon = find(priced, 'express-1200');
      const markup = noon.shipping.charges.find((c) => c.type === 'markup')!;
      expect(markup.code).toBe('customer-markup');
      expect(Number(markup.amount.amount)).toBeGreaterThan(5); // 5.00 EUR in USD
      expect(noon.shipping.charges.some((c) => c.type === 'discount')).toBe(false);

      expect(find(plain, 'express-worldwide').shipping.charges.some((c) => c.type === 'discount' || c.type === 'markup')).toBe(false);
    });
  });

  describe('validation', () => {
    it('lists every problem with its path, unknown fields included, in one 400', async () => {
      const res = await t
        .http()
        .post('/v1/quotes')
        .set(auth(key))
        .send(
          body({
            shipFrom: { country: 'XX', postalCode: '53113' },
            shipTo: { country: 'US', postalCode: '1000', region: 'NY', colour: 'red' },
            parcels: [{ weight: { value: -1, unit: 'stone' } }],
            items: [{ description: 'T', hsCode: '61', originCountry: 'ZZ', quantity: 0, unitValue: { amount: '1', currency: 'XYZ' } }],
            handling: { temperature: { minC: 8, maxC: 2 }, dangerousGoods: [{ unNumber: '3480', class: '9' }] },
            currency: 'usd',
            shipDate: '2026-11-01',
            sort: 'random',
            carriers: ['pigeon-post'],
            extra: true,
          }),
        )
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const paths = res.body.error.details.map((d: { path: string }) => d.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'shipFrom.country',
          'shipTo.postalCode',
          'shipTo.colour',
          'parcels[0].weight.value',
          'parcels[0].weight.unit',
          'items[0].hsCode',
          'items[0].originCountry',
          'items[0].quantity',
          'items[0].unitValue.currency',
          'handling.temperature.maxC',
          'handling.dangerousGoods[0].unNumber',
          'currency',
          'shipDate',
          'sort',
          'carriers[0]',
          'extra',
        ]),
      );
      expect(res.body.error.details.find((d: { path: string }) => d.path === 'shipDate').message).toMatch(/past/);
    });

    it('needs the goods when crossing a border, and a known currency pair', async () => {
      const res = await t.http().post('/v1/quotes').set(auth(key)).send(body({ items: [], currency: 'KWD' })).expect(400);
      const details = res.body.error.details as { path: string; message: string }[];
      expect(details.map((d) => d.path).sort()).toEqual(['currency', 'items']);
      expect(details.find((d) => d.path === 'currency')!.message).toMatch(/no exchange rate from EUR to KWD/);
    });

    it('rejects a body that is not an object', async () => {
      const res = await t.http().post('/v1/quotes').set(auth(key)).set('Content-Type', 'application/json').send('[1,2]').expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('401 without a key, 403 without the quotes scope', async () => {
      await t.http().post('/v1/quotes').send(body()).expect(401);
      const shipments = await t.keyWith('shipments');
      await t.http().post('/v1/quotes').set(auth(shipments)).send(body()).expect(403);
    });
  });

  describe('expiry and booking hand-over', () => {
    it('410 after the quote expires, 404 for an unknown quote', async () => {
      const q = await quote();
      expect(new Date(q.expiresAt).getTime() - new Date(NOW).getTime()).toBe(30 * 60_000);
      clock.advance(29 * 60_000);
      await t.http().get(`/v1/quotes/${q.id}`).set(auth(key)).expect(200);
      clock.advance(60_000);
      const gone = await t.http().get(`/v1/quotes/${q.id}`).set(auth(key)).expect(410);
      expect(gone.body.error.code).toBe('QUOTE_EXPIRED');
      const missing = await t.http().get('/v1/quotes/quo_00000000000000000000000000').set(auth(key)).expect(404);
      expect(missing.body.error.code).toBe('QUOTE_NOT_FOUND');
      await t.http().get('/v1/quotes/not-an-id').set(auth(key)).expect(404);
    });

    it('keeps an expired quote for QUOTE_RETENTION_DAYS (410), then deletes it (404)', async () => {
      const q = await quote({ carriers: ['asendia'] });
      const purger = t.app.get(QuotePurger);
      clock.advance(31 * 60_000);
      expect(await purger.purge()).toBe(0);
      await t.http().get(`/v1/quotes/${q.id}`).set(auth(key)).expect(410);
      clock.advance(7 * 86_400_000);
      expect(await purger.purge()).toBeGreaterThanOrEqual(1); // every quote of this file by now
      await t.http().get(`/v1/quotes/${q.id}`).set(auth(key)).expect(404);
    });

    it('resolves an option for booking with the shipment as quoted, or says why not', async () => {
      const q = await quote({ customerId: 'no-rules-customer' });
      const service = t.app.get(QuoteService);
      const option = q.options[0];
      const resolved = await service.resolveOption(q.id, option.id);
      expect(resolved).toMatchObject({ quoteId: q.id, currency: 'USD', incoterm: 'DDP', customerId: 'no-rules-customer' });
      expect(resolved.option).toMatchObject({ id: option.id, carrier: option.carrier, service: option.service, landedCost: option.landedCost });
      expect(resolved.option.carrierPrice.currency).toBe('EUR');
      // Self-contained for the booking record: each duty line with its source, and the rules used.
      expect(resolved.option.dutiesAndTaxes.lines.every((l) => l.source.length > 0)).toBe(true);
      expect(resolved.option.dutiesAndTaxes.rulesUsed.map((r) => r.id).sort()).toEqual([...new Set(resolved.option.dutiesAndTaxes.lines.map((l) => l.ruleId))].sort());
      expect(resolved.option.exchangeRate.rate).toEqual(expect.any(String));
      expect(resolved.shipment.parcels).toEqual([
        { weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 15 },
        { weightKg: 0.8, lengthCm: 25, widthCm: 20, heightCm: 10 },
      ]);
      await expect(service.resolveOption(q.id, 'opt_nope')).rejects.toMatchObject({ status: 422, code: 'QUOTE_OPTION_NOT_FOUND' });
      await expect(service.resolveOption('quo_00000000000000000000000000', option.id)).rejects.toMatchObject({ status: 404 });
      clock.advance(31 * 60_000);
      await expect(service.resolveOption(q.id, option.id)).rejects.toMatchObject({ status: 410, code: 'QUOTE_EXPIRED' });
    });

    it('prices one service directly for a booking without a quote', async () => {
      const service = t.app.get(QuoteService);
      const q = await quote({ carriers: ['dhl-express'] });
      const resolved = await service.resolveOption(q.id, q.options.find((o) => o.service === 'express-worldwide')!.id);
      const direct = await service.rateService({ carrier: 'dhl-express', service: 'express-worldwide', shipment: resolved.shipment, currency: 'USD' });
      expect(direct.shipping).toEqual(resolved.option.shipping);
      expect(direct.bookingRef).toMatchObject({ zone: '6' });
      const heavy = { ...resolved.shipment, parcels: [{ weightKg: 400 }] };
      await expect(service.rateService({ carrier: 'dhl-express', service: 'express-worldwide', shipment: heavy, currency: 'USD' })).rejects.toMatchObject({
        status: 422,
        code: 'SERVICE_UNAVAILABLE',
        details: [{ path: 'service', message: 'weight_exceeds_limit' }],
      });
      await expect(service.rateService({ carrier: 'nope', service: 'x', shipment: heavy, currency: 'USD' })).rejects.toMatchObject({ status: 404 });
    });
  });
});
