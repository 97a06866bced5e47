import { randomUUID } from 'node:crypto';
import { isValidTrackingNumber } from '../src/carriers/rate-card/tracking-numbers';
import { asBytes, pdfText } from './documents/pdf-tools';
import { BONN, expressBooking, NEW_YORK, PARIS, postalBooking } from './documents/shipment-bodies';
import { FixedClock } from '../src/platform/clock/clock';
import { auth, startTestApp, TestApp } from './support/test-app';

describe('shipments: booking, find, cancel', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments');
  });
  afterAll(() => t.close());

  const book = (body: Record<string, unknown>, idem: string | null = randomUUID(), k = key) => {
    const req = t.http().post('/v1/shipments').set(auth(k));
    if (idem !== null) req.set('Idempotency-Key', idem);
    return req.send(body);
  };

  it('books a postal parcel: S10 tracking number, tracking link, label and customs document links, charges', async () => {
    const res = await book(postalBooking()).expect(201);
    const s = res.body;
    expect(s).toMatchObject({
      id: expect.stringMatching(/^shp_/),
      status: 'booked',
      direction: 'outbound',
      carrier: 'deutsche-post',
      service: 'paket-international',
      reference: 'ORDER-1001',
      incoterm: 'DAP',
      customs: { crossesBorder: true, mode: 'postal', reason: 'sale' },
    });
    expect(s.trackingNumber).toMatch(/^CX\d{9}DE$/);
    expect(isValidTrackingNumber('s10', s.trackingNumber)).toBe(true);
    expect(s.parcels).toEqual([{ trackingNumber: s.trackingNumber, weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } }]);
    // 246.98 EUR of goods in a 2.5 kg parcel: above the 2 kg small-packet limit, so CN 23 with an invoice.
    expect(s.customs.documents).toEqual(['cn23', 'commercial_invoice']);
    expect(s.documents.map((d: { type: string }) => d.type)).toEqual(['cn23', 'commercial_invoice']);
    expect(s.labels[0]).toMatchObject({ format: 'pdf', size: '4x6', url: `${t.config.publicBaseUrl}/v1/shipments/${s.id}/label?format=pdf&size=4x6` });
    const token = s.trackingUrl.replace(`${t.config.publicBaseUrl}/t/`, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(token).not.toContain(s.trackingNumber);
    expect(Number(s.charges.total.amount)).toBeGreaterThan(0);
    expect(s.charges.total.currency).toBe('EUR');
    expect(s.charges.lines.length).toBeGreaterThan(0);
    // The address comes back normalised.
    expect(s.shipTo).toMatchObject({ country: 'US', region: 'NY', postalCode: '10118' });

    const got = await t.http().get(`/v1/shipments/${s.id}`).set(auth(key)).expect(200);
    expect(got.body).toEqual(s);
  });

  it('multi-parcel courier shipment: one valid mod-7 waybill per parcel, all distinct', async () => {
    const parcels = [1, 2, 3].map((i) => ({ weight: { value: i, unit: 'kg' } }));
    const res = await book(expressBooking({ parcels })).expect(201);
    const numbers = res.body.parcels.map((p: { trackingNumber: string }) => p.trackingNumber);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(isValidTrackingNumber('mod7', n)).toBe(true);
    expect(res.body.trackingNumber).toBe(numbers[0]);
    expect(res.body.customs.documents).toEqual(['commercial_invoice']);
  });

  it('no customs documents inside the EU customs union (DE -> FR), and items are then optional', async () => {
    const res = await book(expressBooking({ shipTo: PARIS, items: undefined, incoterm: 'DAP' })).expect(201);
    expect(res.body.customs).toMatchObject({ crossesBorder: false, documents: [] });
    expect(res.body.documents).toEqual([]);
    await t.http().get(`/v1/shipments/${res.body.id}/documents/commercial_invoice`).set(auth(key)).expect(404);
  });

  it('books to a destination whose currency the rate table lacks (AR): duties estimated in the booking currency, with a warning', async () => {
    const buenosAires = { name: 'Lucía Gómez', street1: 'Av. Corrientes 1234', city: 'Buenos Aires', region: 'C', postalCode: 'C1043AAZ', country: 'AR', phone: '+54 11 5555 0100' };
    const res = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(postalBooking({ shipTo: buenosAires }));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 201, error: undefined });
    expect(res.body.dutiesAndTaxes?.warnings ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/no exchange rate for ARS/)]));
  });

  it('requires an Idempotency-Key', async () => {
    const res = await book(postalBooking(), null).expect(400);
    expect(res.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', details: [{ path: 'Idempotency-Key' }] });
  });

  it('needs the shipments scope', async () => {
    const quotesKey = await t.keyWith('quotes');
    await book(postalBooking(), randomUUID(), quotesKey).expect(403);
    await t.http().post('/v1/shipments').send(postalBooking()).expect(401);
  });

  it('400 lists every problem: per-country address rules, unknown fields, missing items across a border', async () => {
    const res = await book({
      carrier: 'deutsche-post',
      service: 'paket-international',
      shipFrom: { ...BONN, postalCode: '5311' },
      shipTo: { ...NEW_YORK, region: undefined, postalCode: 'ABCDE' },
      parcels: [{ weight: { value: 1, unit: 'kg' } }],
    }).expect(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['shipFrom.postalCode', 'shipTo.postalCode', 'shipTo.region']);

    const unknown = await book(postalBooking({ surprise: 1, shipTo: { ...NEW_YORK, floor: 3 } })).expect(400);
    expect(unknown.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'surprise', message: 'unknown field' },
        { path: 'shipTo.floor', message: 'unknown field' },
      ]),
    );

    const noItems = await book(postalBooking({ items: [] })).expect(400);
    expect(noItems.body.error.details).toEqual([expect.objectContaining({ path: 'items', message: expect.stringMatching(/crosses a customs border/) })]);

    const badCarrier = await book(postalBooking({ carrier: 'no-such-carrier' })).expect(400);
    expect(badCarrier.body.error.details).toEqual([expect.objectContaining({ path: 'carrier' })]);
    const badService = await book(postalBooking({ service: 'teleport' })).expect(400);
    expect(badService.body.error.details[0].message).toMatch(/paket-international/);
  });

  it('DDP with a carrier that cannot collect duties from the sender is refused', async () => {
    const res = await book(postalBooking({ incoterm: 'DDP' })).expect(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'incoterm' })]);
  });

  it('a service that cannot take the parcel answers 422 with the reason', async () => {
    const res = await book(postalBooking({ service: 'packet-tracked', parcels: [{ weight: { value: 5, unit: 'kg' } }] })).expect(422);
    expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.error.details[0].message).toMatch(/weight/);
  });

  it('lists with filters and cursor paging', async () => {
    const ref = `LIST-${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await book(expressBooking({ reference: ref, shipTo: PARIS, items: undefined })).expect(201)).body.id);
    const page1 = await t.http().get('/v1/shipments').query({ reference: ref, limit: 2 }).set(auth(key)).expect(200);
    expect(page1.body.data.map((s: { id: string }) => s.id)).toEqual([ids[4], ids[3]]);
    const page2 = await t.http().get('/v1/shipments').query({ reference: ref, limit: 2, cursor: page1.body.nextCursor }).set(auth(key)).expect(200);
    expect(page2.body.data.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const page3 = await t.http().get('/v1/shipments').query({ reference: ref, limit: 2, cursor: page2.body.nextCursor }).set(auth(key)).expect(200);
    expect(page3.body.data.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    expect(page3.body.nextCursor).toBeNull();

    const byCarrier = await t.http().get('/v1/shipments').query({ carrier: 'deutsche-post', limit: 100 }).set(auth(key)).expect(200);
    expect(byCarrier.body.data.every((s: { carrier: string }) => s.carrier === 'deutsche-post')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const inRange = await t.http().get('/v1/shipments').query({ reference: ref, from: today, to: today }).set(auth(key)).expect(200);
    expect(inRange.body.data).toHaveLength(5);
    const future = await t.http().get('/v1/shipments').query({ reference: ref, from: '2099-01-01' }).set(auth(key)).expect(200);
    expect(future.body.data).toHaveLength(0);
    await t.http().get('/v1/shipments').query({ status: 'lost', cursor: 'nonsense' }).set(auth(key)).expect(400);
  });

  it('cancels before hand-over (idempotently), then 409 once the carrier has the parcel', async () => {
    const s = (await book(expressBooking({ shipTo: PARIS, items: undefined }))).body;
    const cancelled = await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(key)).expect(200);
    expect(cancelled.body).toMatchObject({ id: s.id, status: 'cancelled', cancelledAt: expect.any(String) });
    await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(key)).expect(200);
    const filtered = await t.http().get('/v1/shipments').query({ status: 'cancelled', reference: 'ORDER-2001' }).set(auth(key)).expect(200);
    expect(filtered.body.data.map((x: { id: string }) => x.id)).toContain(s.id);
    await t.http().get(`/v1/shipments/${s.id}/label`).set(auth(key)).expect(409);

    const other = (await book(expressBooking({ shipTo: PARIS, items: undefined }))).body;
    // The carrier scans the parcel (through the tracking ingestion API).
    const trackingKey = await t.keyWith('tracking:write');
    await t
      .http()
      .post('/v1/tracking-events')
      .set(auth(trackingKey))
      .send({ carrier: 'dhl-express', trackingNumber: other.trackingNumber, events: [{ status: 'in_transit', description: 'Picked up', occurredAt: new Date().toISOString(), location: { city: 'Bonn', country: 'DE' } }] })
      .expect((r) => expect([200, 201, 202]).toContain(r.status));
    const refused = await t.http().post(`/v1/shipments/${other.id}/cancel`).set(auth(key)).expect(409);
    expect(refused.body.error.code).toBe('SHIPMENT_IN_TRANSIT');
    expect((await t.http().get(`/v1/shipments/${other.id}`).set(auth(key))).body.status).toBe('in_transit');
  });

  it('books a quoted option at the quoted price, with its duties and taxes; a quote for another route is refused', async () => {
    const quotesKey = await t.keyWith('quotes');
    const quote = (
      await t
        .http()
        .post('/v1/quotes')
        .set(auth(quotesKey))
        .send({
          shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
          shipTo: { country: 'US', postalCode: '10118', city: 'New York', region: 'NY', residential: true },
          parcels: [{ weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } }],
          items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' } }],
          incoterm: 'DAP',
          currency: 'USD',
        })
        .expect(200)
    ).body;
    const option = quote.options.find((o: { carrier: string }) => o.carrier === 'dhl-express') ?? quote.options[0];
    const body = { quoteId: quote.id, optionId: option.id, reference: 'QUOTED-1', shipFrom: BONN, shipTo: NEW_YORK };
    const res = await book(body).expect(201);
    expect(res.body).toMatchObject({ quoteId: quote.id, optionId: option.id, carrier: option.carrier, service: option.service, incoterm: 'DAP' });
    expect(res.body.charges.total).toEqual(option.shipping.total);
    // The quote lists duty-rule sources once per quote; the shipment carries each line's source with it.
    const withoutSources = ({ rulesUsed: _r, ...d }: { lines: Record<string, unknown>[]; rulesUsed?: unknown }) => ({
      ...d,
      lines: d.lines.map(({ source: _s, ...line }) => line),
    });
    expect(withoutSources(res.body.dutiesAndTaxes)).toEqual(withoutSources(option.dutiesAndTaxes));
    for (const line of res.body.dutiesAndTaxes.lines) expect(line.source).toEqual(expect.any(String));
    expect(res.body.parcels).toHaveLength(1);
    // The checkout's delivery window becomes the first promise of the tracking estimate history.
    const tracking = await t.http().get(`/v1/shipments/${res.body.id}/tracking`).set(auth(key)).expect(200);
    expect(tracking.body.estimatedDelivery.first).toMatchObject({ earliest: option.estimatedDelivery.earliest, latest: option.estimatedDelivery.latest });

    const elsewhere = await book({ ...body, shipTo: { ...NEW_YORK, postalCode: '94105', city: 'San Francisco', region: 'CA' } }).expect(400);
    expect(elsewhere.body.error.details).toEqual([expect.objectContaining({ path: 'shipTo.postalCode' })]);
    const mixed = await book({ ...body, parcels: [{ weight: { value: 1, unit: 'kg' } }], carrier: 'dhl-express' }).expect(400);
    expect(mixed.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['carrier', 'parcels']);
    await book({ ...body, optionId: 'opt_unknown' }).expect(422);
    await book({ ...body, quoteId: 'quo_0000000000aaaaaaaaaaaaaaaa' }).expect(404);
  });

  it('unknown shipments are 404', async () => {
    await t.http().get('/v1/shipments/shp_0000000000aaaaaaaaaaaaaaaa').set(auth(key)).expect(404);
    await t.http().get('/v1/shipments/nope').set(auth(key)).expect(404);
    await t.http().post('/v1/shipments/shp_0000000000aaaaaaaaaaaaaaaa/cancel').set(auth(key)).expect(404);
  });
});

describe('shipments: quoted prices expire with the quote', () => {
  it('books a quote before it expires and answers 410 QUOTE_EXPIRED after', async () => {
    const clock = new FixedClock(new Date());
    const t = await startTestApp({ clock });
    try {
      const quotesKey = await t.keyWith('quotes');
      const key = await t.keyWith('shipments');
      const quote = (
        await t
          .http()
          .post('/v1/quotes')
          .set(auth(quotesKey))
          .send({
            shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
            shipTo: { country: 'FR', postalCode: '75004', city: 'Paris' },
            parcels: [{ weight: { value: 1, unit: 'kg' }, dimensions: { length: 20, width: 15, height: 10, unit: 'cm' } }],
            items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 2, unitValue: { amount: '12.50', currency: 'EUR' } }],
            incoterm: 'DAP',
            currency: 'EUR',
          })
          .expect(200)
      ).body;
      const option = quote.options[0];
      const booking = { quoteId: quote.id, optionId: option.id, shipFrom: BONN, shipTo: PARIS };
      clock.advance(t.config.QUOTE_TTL_MINUTES * 60_000 - 60_000);
      const ok = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(booking).expect(201);
      expect(ok.body.charges.total).toEqual(option.shipping.total);
      clock.advance(2 * 60_000);
      const late = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(booking).expect(410);
      expect(late.body.error.code).toBe('QUOTE_EXPIRED');
    } finally {
      await t.close();
    }
  });
});

describe('shipments: the carrier’s pick-up day, the promised delivery window and the hand-over', () => {
  // Friday 27 November 2026, 14:30 in Bonn: after Asendia's 14:00 cut-off, before DHL Express's 18:00.
  const NOW = '2026-11-27T13:30:00Z';
  const clock = new FixedClock(new Date(NOW));
  const TORONTO = { name: 'Jean Tremblay', street1: '290 Bremner Blvd', city: 'Toronto', region: 'ON', postalCode: 'M5V 3L9', country: 'CA', phone: '+1 416 555 0100', email: 'jean@example.com' };
  const PARCEL = { weight: { value: 1, unit: 'kg' }, dimensions: { length: 20, width: 15, height: 10, unit: 'cm' } };
  const ITEMS = [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 2, unitValue: { amount: '12.50', currency: 'EUR' } }];
  let t: TestApp;
  let key: string;
  let quotesKey: string;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    key = await t.keyWith('shipments');
    quotesKey = await t.keyWith('quotes');
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  const book = async (body: Record<string, unknown>) => (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body).expect(201)).body;
  const quoteOption = async (carrier: string, service: string) => {
    const quote = (
      await t
        .http()
        .post('/v1/quotes')
        .set(auth(quotesKey))
        .send({ shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' }, shipTo: { country: 'CA', postalCode: 'M5V 3L9', city: 'Toronto', region: 'ON' }, parcels: [PARCEL], items: ITEMS, incoterm: 'DAP', currency: 'EUR', carriers: [carrier] })
        .expect(200)
    ).body;
    const option = quote.options.find((o: { service: string }) => o.service === service);
    expect(option).toBeDefined();
    return { quoteId: quote.id as string, option };
  };
  const direct = (carrier: string, service: string, extra: Record<string, unknown> = {}) => ({ carrier, service, shipFrom: BONN, shipTo: TORONTO, parcels: [PARCEL], items: ITEMS, incoterm: 'DAP', ...extra });
  const tracking = async (id: string) => (await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(key)).expect(200)).body;
  const bytes = async (path: string) => (await asBytes(t.http().get(path).set(auth(key))).expect(200)).body as Buffer;

  it('a direct booking promises the delivery window of its re-rating, as the same lane quotes it', async () => {
    const { option } = await quoteOption('dhl-express', 'express-worldwide');
    expect(option.pickupDate).toBe('2026-11-27');
    const s = await book(direct('dhl-express', 'express-worldwide'));
    expect(s.shipDate).toBe('2026-11-27');
    const window = { earliest: option.estimatedDelivery.earliest, latest: option.estimatedDelivery.latest };
    const tl = await tracking(s.id);
    expect(tl.estimatedDelivery.first).toMatchObject({ ...window, source: 'checkout' });
    expect(tl.estimatedDelivery.latest).toMatchObject(window);
    // The buyer's page has the window too.
    const token = s.trackingUrl.replace(`${t.config.publicBaseUrl}/t/`, '');
    const pub = await t.http().get(`/v1/public/tracking/${token}`).expect(200);
    expect(pub.body.estimatedDelivery).toMatchObject(window);
  });

  it('a quoted option booked after the cut-off ships on its pick-up day: shipment, labels, customs papers, first promise', async () => {
    const { quoteId, option } = await quoteOption('asendia', 'epaq-plus');
    expect(option.pickupDate).toBe('2026-11-30');
    const s = await book({ quoteId, optionId: option.id, shipFrom: BONN, shipTo: TORONTO });
    expect(s.shipDate).toBe('2026-11-30');
    expect((await t.http().get(`/v1/shipments/${s.id}`).set(auth(key)).expect(200)).body.shipDate).toBe('2026-11-30');
    const pdf = pdfText(await bytes(`/v1/shipments/${s.id}/label?format=pdf`));
    expect(pdf).toContain('Ship date 2026-11-30');
    expect(pdf).not.toContain('2026-11-27');
    const zpl = (await bytes(`/v1/shipments/${s.id}/label?format=zpl`)).toString('utf8');
    expect(zpl).toContain('Ship date 2026-11-30');
    expect(s.customs.documents.length).toBeGreaterThan(0);
    for (const type of s.customs.documents) {
      const doc = pdfText(await bytes(`/v1/shipments/${s.id}/documents/${type}`));
      expect({ type, date: doc.includes('2026-11-30'), today: doc.includes('2026-11-27') }).toEqual({ type, date: true, today: false });
    }
    expect((await tracking(s.id)).estimatedDelivery.first).toMatchObject({ earliest: option.estimatedDelivery.earliest, latest: option.estimatedDelivery.latest });
  });

  it('a quote booked after its cut-off passed ships on the next pick-up day, its price held and its window moved', async () => {
    clock.set('2026-11-27T16:50:00Z'); // 17:50 in Bonn, before DHL Express's 18:00 cut-off
    const { quoteId, option } = await quoteOption('dhl-express', 'express-worldwide');
    expect(option.pickupDate).toBe('2026-11-27');
    clock.set('2026-11-27T17:10:00Z'); // 18:10: the quote still holds, the day's pick-up is gone
    const s = await book({ quoteId, optionId: option.id, shipFrom: BONN, shipTo: TORONTO });
    expect(s.shipDate).toBe('2026-11-30');
    expect(s.charges.total).toEqual(option.shipping.total);
    const first = (await tracking(s.id)).estimatedDelivery.first;
    expect(first.earliest > option.estimatedDelivery.earliest).toBe(true);
    expect(first.latest > option.estimatedDelivery.latest).toBe(true);
  });

  it('a direct booking after the cut-off, or for a day off, ships on the carrier’s next working day', async () => {
    const { option } = await quoteOption('asendia', 'epaq-standard');
    const late = await book(direct('asendia', 'epaq-standard'));
    expect(late.shipDate).toBe('2026-11-30');
    expect((await tracking(late.id)).estimatedDelivery.first).toMatchObject({ earliest: option.estimatedDelivery.earliest, latest: option.estimatedDelivery.latest });
    // Saturday is no working day in Germany.
    expect((await book(direct('dhl-express', 'express-worldwide', { shipDate: '2026-11-28' }))).shipDate).toBe('2026-11-30');
    // Before the cut-off the parcel leaves today.
    clock.set('2026-11-27T12:30:00Z');
    expect((await book(direct('asendia', 'epaq-standard'))).shipDate).toBe('2026-11-27');
  });

  it('a hand-over scanned through the API is recorded as at the print station: handedOverAt, in transit, no void', async () => {
    const s = await book(direct('dhl-express', 'express-worldwide'));
    clock.advance(10 * 60_000);
    const scan = { type: 'handed_to_carrier', occurredAt: '2026-11-27T14:35:00+01:00', scanId: `dock-${s.id}` };
    await t.http().post(`/v1/shipments/${s.id}/events`).set(auth(key)).send(scan).expect(201);
    const got = (await t.http().get(`/v1/shipments/${s.id}`).set(auth(key)).expect(200)).body;
    expect(got).toMatchObject({ status: 'in_transit', handedOverAt: '2026-11-27T13:35:00.000Z' });
    const refused = await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(key)).expect(409);
    expect(refused.body.error.code).toBe('SHIPMENT_IN_TRANSIT');
    // The station's retry is the same scan; a later hand-over scan keeps the first hand-over's time.
    clock.advance(10 * 60_000);
    const again = await t.http().post(`/v1/shipments/${s.id}/events`).set(auth(key)).send(scan).expect(201);
    expect(again.body.results[0]).toMatchObject({ created: 0, duplicates: 1 });
    await t.http().post(`/v1/shipments/${s.id}/events`).set(auth(key)).send({ type: 'handed_to_carrier' }).expect(201);
    expect((await t.http().get(`/v1/shipments/${s.id}`).set(auth(key)).expect(200)).body.handedOverAt).toBe('2026-11-27T13:35:00.000Z');
    // Without a time, the hand-over is when it was recorded; other scans are no hand-over.
    const other = await book(direct('dhl-express', 'express-worldwide'));
    await t.http().post(`/v1/shipments/${other.id}/events`).set(auth(key)).send({ type: 'packed' }).expect(201);
    expect((await t.http().get(`/v1/shipments/${other.id}`).set(auth(key)).expect(200)).body.handedOverAt).toBeNull();
    await t.http().post(`/v1/shipments/${other.id}/events`).set(auth(key)).send({ type: 'handed_to_carrier' }).expect(201);
    expect((await t.http().get(`/v1/shipments/${other.id}`).set(auth(key)).expect(200)).body.handedOverAt).toBe(clock.now().toISOString());
  });

  it('a voided label cannot be handed over through the API either', async () => {
    const s = await book(direct('dhl-express', 'express-worldwide'));
    await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(key)).expect(200);
    const res = await t.http().post(`/v1/shipments/${s.id}/events`).set(auth(key)).send({ type: 'handed_to_carrier' }).expect(409);
    expect(res.body.error.code).toBe('SHIPMENT_CANCELLED');
    const got = (await t.http().get(`/v1/shipments/${s.id}`).set(auth(key)).expect(200)).body;
    expect(got).toMatchObject({ status: 'cancelled', handedOverAt: null });
  });
});
