import { randomUUID } from 'node:crypto';
import { signFedexBody } from '../src/carriers/fedex/fedex-webhook.verifier';
import type { CarrierEmulator } from './emulators/carrier-emulator';
import { EMULATOR_CREDENTIALS, EmulatorSet, carriersFolder, startEmulators } from './emulators/emulator-set';
import { auth, startTestApp, TestApp } from './support/test-app';

/**
 * Quotes, bookings, cancels and tracking pushes through the service's HTTP API with the MyDHL, UPS
 * and FedEx carriers (carriers/mydhl, carriers/ups, carriers/fedex) served by the emulators, next to
 * a rate-card carrier (carriers/deutsche-post). Every request the adapters send must conform to the
 * carrier's schema.
 */

const API_CARRIERS = ['mydhl', 'ups', 'fedex'];

const BONN = {
  name: 'Max Mustermann',
  company: 'Acme GmbH',
  street1: 'Poststrasse 1',
  city: 'Bonn',
  postalCode: '53113',
  country: 'DE',
  phone: '+49 228 1234567',
  email: 'ship@acme.example',
  taxIds: [
    { type: 'eori', value: 'DE123456789012345' },
    { type: 'vat', value: 'DE123456789' },
  ],
};

const NEW_YORK = {
  name: 'Jane Doe',
  street1: '350 Fifth Avenue',
  street2: 'Suite 4100',
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
  phone: '+1 212 555 0100',
  email: 'jane@example.com',
};

const TSHIRTS = [
  { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' }, unitWeight: { value: 0.2, unit: 'kg' } },
  { description: 'Leather wallet', hsCode: '420231', originCountry: 'IT', quantity: 2, unitValue: { amount: '45.99', currency: 'EUR' }, unitWeight: { value: 150, unit: 'g' } },
];

function quoteBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
    shipTo: { country: 'US', postalCode: '10118', city: 'New York', region: 'NY', residential: true },
    parcels: [
      { weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } },
      { weight: { value: 1.2, unit: 'kg' }, dimensions: { length: 20, width: 20, height: 10, unit: 'cm' } },
    ],
    items: [
      { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' } },
      { sku: 'MUG-1', description: 'Ceramic mug', hsCode: '691200', originCountry: 'DE', quantity: 2, unitValue: { amount: '9.90', currency: 'EUR' } },
    ],
    incoterm: 'DDP',
    currency: 'EUR',
    ...over,
  };
}

/** New York wall time (UTC-05:00) `hoursAgo` hours before now, as carriers write it. */
function newYorkTime(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3_600_000 - 5 * 3_600_000);
  return `${d.toISOString().slice(0, 19)}-05:00`;
}

interface Option {
  id: string;
  carrier: string;
  service: string;
  shipping: { total: { amount: string; currency: string }; charges: { type: string; code: string; amount: { amount: string; currency: string } }[] };
  transit: { minDays: number; maxDays: number };
  estimatedDelivery?: { earliest: string; latest: string };
}

describe('carrier APIs through the HTTP API (quotes, shipments, cancel, pushes)', () => {
  let emu: EmulatorSet;
  let t: TestApp;
  let folder: { dir: string; remove: () => void };
  let quotesKey: string;
  let shipmentsKey: string;

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder([...API_CARRIERS, 'asendia']);
    t = await startTestApp({
      env: { ...emu.env, CARRIERS_DIR: folder.dir, QUOTE_TIME_BUDGET_MS: '3000', CARRIER_TIMEOUT_MS: '2500', CARRIER_MAX_ATTEMPTS: '2', CARRIER_BREAKER_FAILURES: '1000', JOBS_ENABLED: 'false' },
    });
    quotesKey = await t.keyWith('quotes');
    shipmentsKey = await t.keyWith('shipments', 'quotes');
  });

  afterEach(() => {
    const violations = [emu.mydhl, emu.ups, emu.fedex].flatMap((e: CarrierEmulator) => e.violations.map((v) => ({ carrier: e.name, operation: v.operation, problems: v.problems })));
    emu.reset();
    expect(violations).toEqual([]);
  });

  afterAll(async () => {
    await t?.close();
    await emu?.stop();
    folder?.remove();
  });

  const quote = async (over: Record<string, unknown> = {}) => {
    const res = await t.http().post('/v1/quotes').set(auth(quotesKey)).send(quoteBody(over));
    if (res.status !== 200) throw new Error(`quote: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; options: Option[]; unavailable: { carrier: string; service: string; reason: string; message: string }[] };
  };
  const book = (body: Record<string, unknown>, idem = randomUUID()) => t.http().post('/v1/shipments').set(auth(shipmentsKey)).set('Idempotency-Key', idem).send(body);

  it('quotes live rates from the three API carriers beside the rate-card carrier, with the carriers own charges and dates', async () => {
    const q = await quote();
    const carriers = new Set(q.options.map((o) => o.carrier));
    for (const c of [...API_CARRIERS, 'asendia']) expect(carriers).toContain(c);
    for (const o of q.options.filter((x) => API_CARRIERS.includes(x.carrier))) {
      expect(o.shipping.charges.length).toBeGreaterThan(1);
      expect(o.shipping.charges.some((c) => c.type === 'fuel')).toBe(true);
      expect(o.transit.minDays).toBeGreaterThan(0);
      expect(o.estimatedDelivery?.earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(emu.mydhl.calls('rate')).toHaveLength(1);
    expect(emu.ups.calls('rate')).toHaveLength(1);
    expect(emu.fedex.calls('rate')).toHaveLength(1);
  });

  it('a failing carrier never breaks the quote: errors and timeouts are listed as unavailable, the others priced', async () => {
    emu.ups.fault({ mode: 'server-error', operation: 'rate', status: 503 });
    emu.fedex.fault({ mode: 'latency', operation: 'rate', latencyMs: 6000 });
    emu.mydhl.fault({ mode: 'malformed-json', operation: 'rate' });
    const started = Date.now();
    const q = await quote();
    expect(Date.now() - started).toBeLessThan(6000);
    const carriers = new Set(q.options.map((o) => o.carrier));
    expect(carriers).toContain('asendia');
    for (const c of API_CARRIERS) expect(carriers).not.toContain(c);
    const reason = (c: string) => q.unavailable.filter((u) => u.carrier === c).map((u) => u.reason);
    expect(reason('ups')).toContain('carrier_error');
    expect(reason('fedex')).toContain('carrier_timeout');
    expect(reason('mydhl')).toContain('carrier_error');
  });

  it('a carrier that is rate-limited or answers a business error is one unavailable line, the rest priced', async () => {
    emu.ups.fault({ mode: 'rate-limit', operation: 'rate', retryAfterSeconds: 120 });
    emu.mydhl.fault({ mode: 'business-error', operation: 'rate' });
    const q = await quote();
    const carriers = new Set(q.options.map((o) => o.carrier));
    expect(carriers).toContain('fedex');
    expect(carriers).toContain('asendia');
    expect(q.unavailable.some((u) => u.carrier === 'ups' && u.reason === 'carrier_error')).toBe(true);
    expect(q.unavailable.some((u) => u.carrier === 'mydhl' && u.reason === 'carrier_error')).toBe(true);
  });

  describe.each([
    ['mydhl', 'express-worldwide', () => emu.mydhl],
    ['ups', 'worldwide-express', () => emu.ups],
    ['fedex', 'international-priority', () => emu.fedex],
  ])('%s shipments', (carrier, service, emulator) => {
    it('books with a PDF label per parcel, then replays the same key without a second carrier booking', async () => {
      const idem = randomUUID();
      const body = {
        carrier,
        service,
        reference: `API-${carrier}`,
        shipFrom: BONN,
        shipTo: NEW_YORK,
        parcels: quoteBody().parcels,
        items: TSHIRTS,
        incoterm: 'DDP',
        labelFormat: 'pdf',
        labelSize: '4x6',
      };
      const res = await book(body, idem);
      if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`);
      const s = res.body;
      expect(s).toMatchObject({ status: 'booked', carrier, service });
      expect(s.trackingNumber).toBeTruthy();
      expect(s.parcels).toHaveLength(2);
      const label = await t.http().get(`/v1/shipments/${s.id}/label?format=pdf`).set(auth(shipmentsKey)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(label.status).toBe(200);
      expect(label.headers['content-type']).toContain('application/pdf');
      expect((label.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(emulator().calls('ship')).toHaveLength(1);
      const again = await book(body, idem).expect(201);
      expect(again.body.trackingNumber).toBe(s.trackingNumber);
      expect(emulator().calls('ship')).toHaveLength(1);
    });

    it('books directly with a ZPL label and cancels before hand-over (the carrier void is called)', async () => {
      const res = await book({ carrier, service, reference: `ZPL-${carrier}`, shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 3, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } }], items: TSHIRTS, incoterm: 'DAP', labelFormat: 'zpl' });
      if (res.status !== 201) throw new Error(`book: ${res.status} ${JSON.stringify(res.body)}`);
      const label = await t.http().get(`/v1/shipments/${res.body.id}/label?format=zpl`).set(auth(shipmentsKey)).expect(200);
      expect(label.text).toMatch(/^\^XA/);
      const cancelled = await t.http().post(`/v1/shipments/${res.body.id}/cancel`).set(auth(shipmentsKey));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      // MyDHL has no void call: the adapter checks tracking; UPS and FedEx void at the carrier.
      expect(emulator().calls(carrier === 'mydhl' ? 'track' : 'cancel').length).toBeGreaterThanOrEqual(1);
    });

    it('refuses to cancel once the carrier has the parcel (409), keeping the carrier reason', async () => {
      const res = await book({ carrier, service, reference: `MOVED-${carrier}`, shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 2, unit: 'kg' } }], items: TSHIRTS, incoterm: 'DAP' }).expect(201);
      expect(emulator().advance(res.body.trackingNumber, 'picked_up') || emulator().advance(res.body.parcels[0].trackingNumber, 'picked_up')).toBe(true);
      const refused = await t.http().post(`/v1/shipments/${res.body.id}/cancel`).set(auth(shipmentsKey)).expect(409);
      expect(refused.body.error.code).toBe('CANCEL_REFUSED');
    });

    it('a carrier outage on booking is a retryable 503 and books nothing; the same key then succeeds', async () => {
      emulator().fault({ mode: 'server-error', operation: 'ship', status: 503, count: 1 });
      const idem = randomUUID();
      const body = { carrier, service, reference: `OUTAGE-${carrier}`, shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 2, unit: 'kg' } }], items: TSHIRTS, incoterm: 'DAP' };
      const failed = await book(body, idem);
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe('CARRIER_UNAVAILABLE');
      const ok = await book(body, idem);
      expect(ok.status).toBe(201);
      expect(emulator().calls('ship')).toHaveLength(2);
    });
  });

  it.each([
    ['mydhl', 'express-worldwide', () => emu.mydhl],
    ['ups', 'worldwide-express', () => emu.ups],
    ['fedex', 'international-priority', () => emu.fedex],
  ])('%s: a buyer opening the tracking page pulls the carrier tracking and sees it delivered', async (carrier, service, emulator) => {
    const booked = await book({ carrier, service, reference: `TRACK-${carrier}`, shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 2, unit: 'kg' } }], items: TSHIRTS, incoterm: 'DAP' }).expect(201);
    expect(emulator().advance(booked.body.trackingNumber, 'delivered') || emulator().advance(booked.body.parcels[0].trackingNumber, 'delivered')).toBe(true);
    const token = String(booked.body.trackingUrl).split('/t/')[1];
    let view = await t.http().get(`/v1/public/tracking/${token}`).expect(200);
    // The refresh may finish just after the first answer; a second view reads what it stored.
    if (view.body.status !== 'delivered') {
      await new Promise((r) => setTimeout(r, 1500));
      view = await t.http().get(`/v1/public/tracking/${token}`).expect(200);
    }
    expect(emulator().calls('track').length).toBeGreaterThanOrEqual(1);
    expect(view.body.status).toBe('delivered');
    expect(view.body.events.length).toBeGreaterThanOrEqual(4);
  });

  it('FedEx pushes are accepted only with a valid fdx-signature and land on the shipment timeline', async () => {
    const booked = await book({ carrier: 'fedex', service: 'international-priority', reference: 'PUSH-FX', shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 2, unit: 'kg' } }], items: TSHIRTS, incoterm: 'DAP' }).expect(201);
    const number = booked.body.trackingNumber;
    const raw = JSON.stringify({
      trackingNumberInfo: { trackingNumber: number },
      scanEvents: [
        { date: newYorkTime(1), eventType: 'DL', eventDescription: 'Delivered', scanLocation: { city: 'NEW YORK', countryCode: 'US' } },
        { date: newYorkTime(3), eventType: 'OD', eventDescription: 'On FedEx vehicle for delivery', scanLocation: { city: 'NEW YORK', countryCode: 'US' } },
      ],
    });
    await t.http().post('/v1/carriers/fedex/webhooks').set('content-type', 'application/json').set('fdx-signature', 'AAAA').send(raw).expect(401);
    const ok = await t.http().post('/v1/carriers/fedex/webhooks').set('content-type', 'application/json').set('fdx-signature', signFedexBody(raw, EMULATOR_CREDENTIALS.FEDEX_WEBHOOK_SECRET)).send(raw).expect(200);
    expect(ok.body).toMatchObject({ accepted: true, duplicate: false, events: 2 });
    const timeline = await t.http().get(`/v1/shipments/${booked.body.id}/tracking`).set(auth(shipmentsKey)).expect(200);
    expect(JSON.stringify(timeline.body)).toContain('delivered');
  });

  it('UPS Track Alert pushes are accepted only with the configured credential', async () => {
    const booked = await book({ carrier: 'ups', service: 'worldwide-express', reference: 'PUSH-UPS', shipFrom: BONN, shipTo: NEW_YORK, parcels: [{ weight: { value: 2, unit: 'kg' } }], items: TSHIRTS, incoterm: 'DAP' }).expect(201);
    const local = newYorkTime(1);
    const event = {
      trackingNumber: booked.body.trackingNumber,
      localActivityDate: local.slice(0, 10).replace(/-/g, ''),
      localActivityTime: local.slice(11, 19).replace(/:/g, ''),
      activityLocation: { city: 'New York', stateProvince: 'NY', postalCode: '10118', country: 'US' },
      activityStatus: { type: 'I', code: 'OT', description: 'Out for Delivery', descriptionCode: 21 },
      gmtOffset: '-05.00',
    };
    await t.http().post('/v1/carriers/ups/webhooks').set('credential', 'wrong').set('User-Agent', 'UPSPubSubTrackingService').send(event).expect(401);
    const ok = await t.http().post('/v1/carriers/ups/webhooks').set('credential', EMULATOR_CREDENTIALS.UPS_WEBHOOK_CREDENTIAL).set('User-Agent', 'UPSPubSubTrackingService').send(event).expect(200);
    expect(ok.body).toMatchObject({ accepted: true, events: 1 });
    const timeline = await t.http().get(`/v1/shipments/${booked.body.id}/tracking`).set(auth(shipmentsKey)).expect(200);
    expect(JSON.stringify(timeline.body)).toContain('out_for_delivery');
  });
});
