import { randomUUID } from 'node:crypto';
import { FixedClock } from '../src/platform/clock/clock';
import { BONN, NEW_YORK, postalBooking, TSHIRTS } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

interface Detail {
  path: string;
  message: string;
}

/** Wednesday 25 November 2026. */
const NOW = '2026-11-25T09:00:00Z';

/** The API.md quote example. */
const quoteBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
  shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY', residential: true },
  parcels: [{ weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } }],
  items: [{ sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' } }],
  incoterm: 'DDP',
  currency: 'USD',
  ...over,
});

const landedCostBody = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  shipFrom: { country: 'US' },
  shipTo: { country: 'AU', postalCode: '2000' },
  items: [{ description: 'Amplifier', hsCode: '851840', originCountry: 'US', quantity: 1, unitValue: { amount: '1274.00', currency: 'USD' } }],
  incoterm: 'DAP',
  currency: 'AUD',
  date: '2026-11-27',
  exchangeRates: [{ from: 'USD', to: 'AUD', rate: '1.0989' }],
  ...over,
});

const without = (body: Record<string, unknown>, ...fields: string[]) => Object.fromEntries(Object.entries(body).filter(([k]) => !fields.includes(k)));

describe('request validation: every client mistake is a 400 listing every problem', () => {
  let t: TestApp;
  let quotes: string;
  let shipments: string;
  let tracking: string;
  const clock = new FixedClock(new Date(NOW));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    quotes = await t.keyWith('quotes');
    shipments = await t.keyWith('shipments');
    tracking = await t.keyWith('tracking:write');
  });
  afterAll(() => t.close());

  /** Posts and expects a 400; returns its details. */
  const invalid = async (path: string, key: string, body: unknown, headers: Record<string, string> = {}): Promise<Detail[]> => {
    const res = await t.http().post(path).set(auth(key)).set(headers).send(body as object);
    if (res.status !== 400) throw new Error(`expected 400, got ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    return res.body.error.details as Detail[];
  };
  const book = (body: unknown) => invalid('/v1/shipments', shipments, body, { 'Idempotency-Key': randomUUID() });

  describe('a missing required object is named, not a crash', () => {
    it('quotes: shipFrom or shipTo', async () => {
      expect(await invalid('/v1/quotes', quotes, without(quoteBody(), 'shipFrom'))).toEqual([{ path: 'shipFrom', message: 'is required' }]);
      expect(await invalid('/v1/quotes', quotes, without(quoteBody(), 'shipTo'))).toEqual([{ path: 'shipTo', message: 'is required' }]);
      expect(await invalid('/v1/quotes', quotes, quoteBody({ shipTo: null }))).toEqual([{ path: 'shipTo', message: 'is required' }]);
    });

    it('quotes: shipFrom missing with parcels and items gives one problem each', async () => {
      expect(await invalid('/v1/quotes', quotes, without(quoteBody(), 'shipFrom', 'parcels', 'items'))).toEqual([
        { path: 'shipFrom', message: 'is required' },
        { path: 'parcels', message: 'is required' },
        { path: 'items', message: 'is required' },
      ]);
    });

    it('quotes: an item or parcel without its nested objects', async () => {
      const details = await invalid('/v1/quotes', quotes, quoteBody({ parcels: [{}], items: [without((quoteBody().items as object[])[0] as Record<string, unknown>, 'unitValue')] }));
      expect(details).toEqual([
        { path: 'parcels[0].weight', message: 'is required' },
        { path: 'items[0].unitValue', message: 'is required' },
      ]);
    });

    it('shipments: {} and an address on one side only', async () => {
      const empty = await book({});
      expect(empty).toEqual(expect.arrayContaining([
        { path: 'shipFrom', message: 'is required' },
        { path: 'shipTo', message: 'is required' },
      ]));
      const one = await book({ shipTo: { country: 'US' } });
      expect(one).toContainEqual({ path: 'shipFrom', message: 'is required' });
      expect(one.filter((d) => d.path === 'shipTo')).toEqual([]);
    });

    it('shipments: a missing field says it is required, once, without what its other checks make of nothing', async () => {
      const details = await book({ shipFrom: BONN, shipTo: NEW_YORK, carrier: 'deutsche-post', service: 'paket-international', parcels: [{}], items: [{}] });
      for (const field of ['description', 'hsCode', 'originCountry', 'quantity', 'unitValue']) {
        expect(details.filter((d) => d.path === `items[0].${field}`)).toEqual([{ path: `items[0].${field}`, message: 'is required' }]);
      }
      expect(details.filter((d) => d.path === 'parcels[0].weight')).toEqual([{ path: 'parcels[0].weight', message: 'is required' }]);
      expect(details.map((d) => d.message).join('\n')).not.toMatch(/no more than|greater than|must be a string|must be an integer/);
    });

    it('batches: an item without addresses fails with their paths, not INTERNAL', async () => {
      const res = await t
        .http()
        .post('/v1/batches')
        .set(auth(shipments))
        .send({ shipments: [{ idempotencyKey: randomUUID(), carrier: 'dhl-express', service: 'express-worldwide' }] });
      expect(res.status).toBeLessThan(500);
      const item = res.body.items[0];
      expect(item.status).toBe('failed');
      expect(item.error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect(item.error.details).toEqual(expect.arrayContaining([
        { path: 'shipments[0].shipFrom', message: 'is required' },
        { path: 'shipments[0].shipTo', message: 'is required' },
      ]));
    });

    it('landed cost: shipTo (and shipFrom) instead of 0.00 duties for "undefined"', async () => {
      expect(await invalid('/v1/landed-cost', quotes, without(landedCostBody(), 'shipTo'))).toEqual([{ path: 'shipTo', message: 'is required' }]);
      expect(await invalid('/v1/landed-cost', quotes, without(landedCostBody(), 'shipFrom', 'items'))).toEqual([
        { path: 'shipFrom', message: 'is required' },
        { path: 'items', message: 'is required' },
      ]);
    });
  });

  describe('a direct booking lists every problem in one 400', () => {
    // Structural problems (weight, HS code) and booking's own (region, postal code, service) together.
    const fiveProblems = () =>
      postalBooking({
        service: 'no-such-service',
        shipFrom: { ...BONN, postalCode: '5311' },
        shipTo: without(NEW_YORK, 'region'),
        parcels: [{ weight: { value: -1, unit: 'kg' } }],
        items: [{ ...TSHIRTS[0], hsCode: '61' }],
      });

    it('weight, HS code, region, postal code and service at once', async () => {
      const details = await book(fiveProblems());
      expect(details.map((d) => d.path).sort()).toEqual(['items[0].hsCode', 'parcels[0].weight.value', 'service', 'shipFrom.postalCode', 'shipTo.region']);
    });

    it("with the same words booking uses when they are the only problems", async () => {
      const combined = await book(fiveProblems());
      const alone = await book(postalBooking({ service: 'no-such-service', shipFrom: { ...BONN, postalCode: '5311' }, shipTo: without(NEW_YORK, 'region') }));
      expect(alone).toHaveLength(3);
      for (const d of alone) expect(combined).toContainEqual(d);
    });

    it('a body whose only problems are booking checks is still answered by booking (and books once fixed)', async () => {
      const res = await t.http().post('/v1/shipments').set(auth(shipments)).set('Idempotency-Key', randomUUID()).send(postalBooking());
      expect(res.status).toBe(201);
    });
  });

  describe('money amounts at the currency minor units', () => {
    const yen = (amount: string) => ({ ...TSHIRTS[0], unitValue: { amount, currency: 'JPY' } });

    it('shipments: 12.5 yen is refused, 1250 yen is not a problem', async () => {
      expect(await book(postalBooking({ items: [yen('12.5')] }))).toEqual([{ path: 'items[0].unitValue.amount', message: 'must be a whole number: JPY has no minor unit' }]);
      const res = await t.http().post('/v1/shipments').set(auth(shipments)).set('Idempotency-Key', randomUUID()).send(postalBooking({ items: [yen('1250')] }));
      expect(res.body.error?.details ?? []).not.toContainEqual(expect.objectContaining({ path: 'items[0].unitValue.amount' }));
    });

    it('quotes and landed cost: more decimals than the currency has', async () => {
      expect(await invalid('/v1/quotes', quotes, quoteBody({ items: [yen('12.5')] }))).toContainEqual({ path: 'items[0].unitValue.amount', message: 'must be a whole number: JPY has no minor unit' });
      expect(await invalid('/v1/quotes', quotes, quoteBody({ handling: { insurance: { amount: '500.001', currency: 'EUR' } } }))).toEqual([
        { path: 'handling.insurance.amount', message: 'must have at most 2 decimal places: the minor unit of EUR' },
      ]);
      expect(await invalid('/v1/landed-cost', quotes, landedCostBody({ shipping: { amount: '100.005', currency: 'USD' } }))).toEqual([
        { path: 'shipping.amount', message: 'must have at most 2 decimal places: the minor unit of USD' },
      ]);
      // Three decimals are the minor unit of the dinar: not a problem (whatever else the estimate says).
      const kwd = await t.http().post('/v1/landed-cost').set(auth(quotes)).send(landedCostBody({ shipping: { amount: '0.250', currency: 'KWD' } }));
      expect(kwd.body.error?.details ?? []).not.toContainEqual(expect.objectContaining({ path: 'shipping.amount' }));
    });
  });

  describe('tracking events', () => {
    const event = (over: Record<string, unknown> = {}) => ({ status: 'in_transit', occurredAt: '2026-11-24T17:00:00Z', ...over });
    const ingest = (events: object[]) => invalid('/v1/tracking-events', tracking, { carrier: 'deutsche-post', trackingNumber: 'CX123456785DE', events });

    it('refuses a location country that is not a country', async () => {
      expect(await ingest([event({ location: { city: 'Nowhere', country: 'XX' } })])).toEqual([
        { path: 'events[0].location.country', message: '"XX" is not a known ISO 3166-1 alpha-2 country code' },
      ]);
    });

    it('refuses times before 2000 (an unset clock) and keeps refusing those far ahead', async () => {
      expect(await ingest([event({ occurredAt: '1970-01-01T00:00:00Z' }), event({ occurredAt: '2026-11-24T17:00:00', occurredAtUtc: '1999-12-31T23:00:00Z' })])).toEqual([
        { path: 'events[0].occurredAt', message: "must not be before 2000-01-01; check the sender's clock" },
        { path: 'events[1].occurredAtUtc', message: "must not be before 2000-01-01; check the sender's clock" },
      ]);
      expect(await ingest([event({ occurredAt: '2026-11-28T09:00:00Z' })])).toContainEqual(expect.objectContaining({ path: 'events[0].occurredAt' }));
    });

    it('a missing events list or occurredAt is required, once', async () => {
      expect(await invalid('/v1/tracking-events', tracking, { carrier: 'deutsche-post', trackingNumber: 'CX123456785DE' })).toEqual([{ path: 'events', message: 'is required' }]);
      expect(await ingest([{ status: 'in_transit' }])).toEqual([{ path: 'events[0].occurredAt', message: 'is required' }]);
    });
  });
});
