import { CarrierCatalog } from '../src/carriers/carrier-catalog';
import type { BookingRequest, CarrierAdapter, RateResult } from '../src/carriers/carrier-adapter';
import type { CarrierDefinition } from '../src/carriers/carrier-definition';
import { CarrierError } from '../src/carriers/carrier-error';
import { FedexAdapter } from '../src/carriers/fedex/fedex.adapter';
import { signFedexBody } from '../src/carriers/fedex/fedex-webhook.verifier';
import type { MappedTrackingEvent } from '../src/carriers/http/api-carrier.mapping';
import { MydhlAdapter } from '../src/carriers/mydhl/mydhl.adapter';
import type { ShipmentSpec } from '../src/carriers/shipment-spec';
import { UpsAdapter } from '../src/carriers/ups/ups.adapter';
import type { CarrierEmulator } from './emulators/carrier-emulator';
import { EMULATOR_CREDENTIALS, EmulatorSet, carriersFolder, startEmulators } from './emulators/emulator-set';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The MyDHL, UPS and FedEx adapters inside the running service, talking HTTP to local emulators that
 * validate every request against the carrier's schema (a request the real carrier would reject fails
 * the test) and answer in the carrier's wire format, including every fault mode.
 */

const SHIP_DATE = '2026-11-30';

function shipment(overrides: Partial<ShipmentSpec> = {}): ShipmentSpec {
  return {
    shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
    shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY', residential: true },
    parcels: [
      { weightKg: 2.5, lengthCm: 30, widthCm: 20, heightCm: 15 },
      { weightKg: 1.2, lengthCm: 20, widthCm: 20, heightCm: 10 },
    ],
    items: [
      { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' }, unitWeightKg: 0.2 },
      { sku: 'MUG-2', description: 'Ceramic mug', hsCode: '691200', originCountry: 'DE', quantity: 2, unitValue: { amount: '8.00', currency: 'EUR' } },
    ],
    handling: { dangerousGoods: [], dryIceKg: 0, fragile: false },
    incoterm: 'DDP',
    shipDate: SHIP_DATE,
    importer: { type: 'business', taxIds: [{ type: 'ein', value: '12-3456789' }] },
    ...overrides,
  };
}

function booking(service: string, overrides: Partial<BookingRequest> = {}): BookingRequest {
  const s = shipment();
  return {
    ...s,
    shipFrom: { ...s.shipFrom, name: 'Anna Sender', company: 'Acme GmbH', street1: 'Friedrich-Ebert-Allee 1', phone: '+49 228 1234567', email: 'ship@acme.example', taxIds: [{ type: 'eori', value: 'DE123456789012345' }, { type: 'vat', value: 'DE123456789' }] },
    shipTo: { ...s.shipTo, name: 'Bob Buyer', company: 'Buyer Inc', street1: '350 5th Ave', phone: '+1 212 555 0100', email: 'bob@buyer.example' },
    service,
    reference: 'ORDER-1001',
    labelFormat: 'pdf',
    labelSize: '4x6',
    idempotencyKey: 'idem-key-0001',
    ...overrides,
  };
}

const ctx = () => ({ signal: new AbortController().signal, reference: 'test' });

async function carrierError(p: Promise<unknown>): Promise<CarrierError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CarrierError) return e;
    throw e;
  }
  throw new Error('expected a CarrierError');
}

function sumCharges(rate: RateResult['rates'][number]): number {
  return Math.round(rate.charges.reduce((s, c) => s + Number(c.amount), 0) * 100) / 100;
}

describe('carrier APIs (MyDHL, UPS, FedEx) against their emulators', () => {
  let emu: EmulatorSet;
  let t: TestApp;
  let folder: { dir: string; remove: () => void };
  let catalog: CarrierCatalog;
  let adapters: { mydhl: MydhlAdapter; ups: UpsAdapter; fedex: FedexAdapter };
  const carrier = (id: string): CarrierDefinition => catalog.get(id)!;

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['mydhl', 'ups', 'fedex']);
    t = await startTestApp({
      env: {
        ...emu.env,
        CARRIERS_DIR: folder.dir,
        CARRIER_TIMEOUT_MS: '2000',
        CARRIER_MAX_ATTEMPTS: '3',
        CARRIER_BREAKER_FAILURES: '1000',
        CARRIER_MAX_RETRY_AFTER_MS: '3000',
      },
    });
    catalog = t.app.get(CarrierCatalog);
    adapters = { mydhl: t.app.get(MydhlAdapter), ups: t.app.get(UpsAdapter), fedex: t.app.get(FedexAdapter) };
  });

  afterEach(() => {
    // Whatever a test did, no request may have broken the carrier's schema.
    const violations = [emu.mydhl, emu.ups, emu.fedex].flatMap((e: CarrierEmulator) => e.violations.map((v) => ({ carrier: e.name, operation: v.operation, problems: v.problems })));
    emu.reset();
    expect(violations).toEqual([]);
  });

  afterAll(async () => {
    await t?.close();
    await emu?.stop();
    folder?.remove();
  });

  const cases = [
    { id: 'mydhl', emulator: () => emu.mydhl, adapter: () => adapters.mydhl as CarrierAdapter, service: 'express-worldwide' },
    { id: 'ups', emulator: () => emu.ups, adapter: () => adapters.ups as CarrierAdapter, service: 'worldwide-express' },
    { id: 'fedex', emulator: () => emu.fedex, adapter: () => adapters.fedex as CarrierAdapter, service: 'international-priority' },
  ];

  it('loads the three carrier folders and reports the adapters enabled by their credentials', () => {
    for (const c of cases) {
      expect(carrier(c.id)).toBeDefined();
      expect(c.adapter().enabled?.(carrier(c.id))).toBe(true);
    }
  });

  describe.each(cases)('$id', ({ id, emulator, adapter, service }) => {
    it('rates: itemised charges that add up to the carrier total, transit days and delivery date from the carrier', async () => {
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      const rate = result.rates.find((r) => r.service === service)!;
      expect(rate).toBeDefined();
      expect(rate.currency).toBe('EUR');
      expect(rate.charges.find((c) => c.type === 'base')).toBeDefined();
      expect(rate.charges.some((c) => c.type === 'fuel')).toBe(true);
      for (const c of rate.charges) expect(c.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(sumCharges(rate)).toBeGreaterThan(0);
      expect(rate.transit.minDays).toBeGreaterThan(0);
      expect(rate.estimatedDelivery?.earliest).toMatch(/^2026-12-\d{2}$/);
      // Services the carrier does not offer on the lane are explained, not silently dropped.
      for (const x of result.excluded) expect(x.reason).toBeTruthy();
      expect(emulator().calls('rate')).toHaveLength(1);
    });

    it('excludes services whose limits or handling the shipment breaks without asking the carrier', async () => {
      const heavy = shipment({ parcels: [{ weightKg: 95, lengthCm: 50, widthCm: 40, heightCm: 40 }] });
      const result = await adapter().rate(carrier(id), heavy, ctx());
      expect(result.rates).toEqual([]);
      expect(result.excluded.every((x) => x.reason === 'weight_exceeds_limit' || x.reason === 'destination_not_served')).toBe(true);
      expect(emulator().calls('rate')).toHaveLength(0);
      const cold = await adapter().rate(carrier(id), shipment({ handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, temperature: { minC: 2, maxC: 8 } } }), ctx());
      expect(cold.excluded.some((x) => x.reason === 'temperature_control_unavailable')).toBe(true);
    });

    it('rates with handling needs: lithium, dry ice, signature and insurance become the carrier option codes', async () => {
      const s = shipment({
        handling: {
          dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', section: 'II' }],
          dryIceKg: 2,
          fragile: false,
          signature: 'standard',
          insurance: { amount: '500.00', currency: 'EUR' },
        },
      });
      const result = await adapter().rate(carrier(id), s, ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      const sent = JSON.stringify(emulator().calls('rate')[0].body);
      if (id === 'mydhl') for (const code of ['"HV"', '"HC"', '"SF"', '"II"']) expect(sent).toContain(code);
      if (id === 'ups') {
        expect(sent).toContain('"DCISType":"2"');
        expect(sent).toContain('"DryIce"');
        expect(sent).toContain('"DeclaredValue"');
      }
      if (id === 'fedex') for (const code of ['"BATTERY"', '"DRY_ICE"', '"DIRECT"', '"declaredValue"', '"CONTAINED_IN_EQUIPMENT"']) expect(sent).toContain(code);
    });

    it('books with PDF labels per parcel, commercial invoice and tax ids', async () => {
      const result = await adapter().book(carrier(id), booking(service), ctx());
      expect(result.trackingNumber).toBeTruthy();
      expect(result.parcels).toHaveLength(2);
      for (const p of result.parcels) {
        expect(p.trackingNumber).toBeTruthy();
        expect(p.label?.format).toBe('pdf');
        expect(p.label!.data.subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect(result.documents?.[0]).toMatchObject({ type: 'commercial_invoice', format: 'pdf' });
      expect(result.documents![0].data.subarray(0, 5).toString()).toBe('%PDF-');
      const sent = JSON.stringify(emulator().calls('ship')[0].body);
      // UPS takes one tax id of up to 15 characters per party: the VAT number, the EORI does not fit.
      expect(sent).toContain(id === 'ups' ? '"TaxIdentificationNumber":"DE123456789"' : 'DE123456789012345');
      expect(sent).toContain('12-3456789');
      expect(sent).toContain('610910');
      if (id === 'ups') expect(sent).toContain('"Code":"GIF"');
    });

    it('books with ZPL labels', async () => {
      const result = await adapter().book(carrier(id), booking(service, { labelFormat: 'zpl' }), ctx());
      for (const p of result.parcels) {
        expect(p.label?.format).toBe('zpl');
        expect(p.label!.data.toString()).toMatch(/^\^XA/);
      }
    });

    it('lists every missing booking field before calling the carrier', async () => {
      const b = booking(service);
      const e = await carrierError(adapter().book(carrier(id), { ...b, shipTo: { ...b.shipTo, street1: undefined, phone: undefined } }, ctx()));
      expect(e.code).toBe('INVALID_REQUEST');
      expect(e.message).toContain('shipTo.street1');
      expect(e.message).toContain('shipTo.phone');
      expect(emulator().calls('ship')).toHaveLength(0);
    });

    it('cancels a booking the carrier does not have yet and refuses once it is in transit', async () => {
      const first = await adapter().book(carrier(id), booking(service), ctx());
      await adapter().cancel(carrier(id), first, ctx());
      const second = await adapter().book(carrier(id), booking(service, { idempotencyKey: 'idem-key-0002' }), ctx());
      expect(emulator().advance(second.parcels[0].trackingNumber, 'picked_up') || emulator().advance(second.trackingNumber, 'picked_up')).toBe(true);
      const e = await carrierError(adapter().cancel(carrier(id), second, ctx()));
      expect(e.code).toBe('INVALID_REQUEST');
      expect(e.message.toLowerCase()).toMatch(/picked up|already|in transit/);
    });

    it('tracks: events oldest first with the carrier offset kept, mapped to unified statuses', async () => {
      const booked = await adapter().book(carrier(id), booking(service), ctx());
      const number = id === 'mydhl' ? booked.trackingNumber : booked.parcels[0].trackingNumber;
      emulator().advance(number, 'delivered');
      const events = (await adapter().track!(carrier(id), number, ctx())) as MappedTrackingEvent[];
      expect(events.length).toBeGreaterThanOrEqual(5);
      expect(events[events.length - 1].status).toBe('delivered');
      expect(events.some((e) => e.status === 'in_transit')).toBe(true);
      expect(events.some((e) => e.status === 'out_for_delivery')).toBe(true);
      expect(events.some((e) => e.status === 'customs')).toBe(true);
      for (const e of events) expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/);
      const instants = events.map((e) => Date.parse(e.occurredAt));
      expect([...instants].sort((a, b) => a - b)).toEqual(instants);
      expect(events.find((e) => e.status === 'delivered')!.location?.country).toBe('US');
    });

    it('fault: latency beyond the timeout is a TIMEOUT after the retries of a safe call', async () => {
      emulator().fault({ mode: 'latency', operation: 'rate', latencyMs: 2500 });
      const e = await carrierError(adapter().rate(carrier(id), shipment(), ctx()));
      expect(e.code).toBe('TIMEOUT');
      expect(emulator().calls('rate')).toHaveLength(3);
    });

    it('fault: latency within the timeout still answers', async () => {
      emulator().fault({ mode: 'latency', operation: 'rate', latencyMs: 300 });
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
    });

    it('fault: a 5xx on a safe call is retried with backoff and the call succeeds', async () => {
      emulator().fault({ mode: 'server-error', operation: 'rate', status: 503, count: 2 });
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      expect(emulator().calls('rate').map((r) => r.fault ?? 'ok')).toEqual(['server-error', 'server-error', 'ok']);
    });

    it('fault: a 5xx on a booking is never retried (no second label) and keeps the carrier message', async () => {
      emulator().fault({ mode: 'server-error', operation: 'ship', status: 500, count: 1 });
      const e = await carrierError(adapter().book(carrier(id), booking(service), ctx()));
      expect(e.code).toBe('UNAVAILABLE');
      expect(e.options.httpStatus).toBe(500);
      expect(e.options.carrierMessage).toContain('temporarily unavailable');
      expect(emulator().calls('ship')).toHaveLength(1);
    });

    it('fault: 429 with Retry-After is waited out, then the call goes through', async () => {
      emulator().fault({ mode: 'rate-limit', operation: 'rate', retryAfterSeconds: 1, count: 1 });
      const started = Date.now();
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      const [limited, ok] = emulator().calls('rate');
      expect(limited.fault).toBe('rate-limit');
      expect(ok.fault).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('fault: 429 asking for a longer wait than allowed fails as RATE_LIMITED with the delay', async () => {
      emulator().fault({ mode: 'rate-limit', operation: 'rate', retryAfterSeconds: 60 });
      const e = await carrierError(adapter().rate(carrier(id), shipment(), ctx()));
      expect(e.code).toBe('RATE_LIMITED');
      expect(e.options.retryAfterMs).toBe(60_000);
      expect(emulator().calls('rate')).toHaveLength(1);
    });

    it('fault: malformed JSON is an UNKNOWN carrier error, not a crash', async () => {
      emulator().fault({ mode: 'malformed-json', operation: 'rate', count: 1 });
      const e = await carrierError(adapter().rate(carrier(id), shipment(), ctx()));
      expect(e.code).toBe('UNKNOWN');
      expect(e.message).toContain('malformed JSON');
    });

    it('fault: a carrier business error is INVALID_REQUEST with the carrier message kept', async () => {
      emulator().fault({ mode: 'business-error', operation: 'ship', count: 1 });
      const e = await carrierError(adapter().book(carrier(id), booking(service), ctx()));
      expect(e.code).toBe('INVALID_REQUEST');
      expect(e.options.carrierMessage).toMatch(/postal code|destination|address/i);
    });
  });

  describe('auth', () => {
    it('MyDHL: HTTP Basic and the mandatory x-version header on every call', async () => {
      await adapters.mydhl.rate(carrier('mydhl'), shipment(), ctx());
      const [call] = emu.mydhl.calls('rate');
      expect(call.headers['x-version']).toBe('3.1.0');
      expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${EMULATOR_CREDENTIALS.MYDHL_API_KEY}:${EMULATOR_CREDENTIALS.MYDHL_API_SECRET}`).toString('base64')}`);
    });

    it('MyDHL: refused credentials are AUTH and are not retried', async () => {
      emu.mydhl.fault({ mode: 'expired-token', operation: 'rate' });
      const e = await carrierError(adapters.mydhl.rate(carrier('mydhl'), shipment(), ctx()));
      expect(e.code).toBe('AUTH');
      expect(emu.mydhl.calls('rate')).toHaveLength(1);
    });

    it.each([
      ['ups', () => emu.ups, () => adapters.ups as CarrierAdapter],
      ['fedex', () => emu.fedex, () => adapters.fedex as CarrierAdapter],
    ])('%s: the OAuth token is fetched once, cached, and renewed once on a 401', async (id, emulator, adapter) => {
      await adapter().rate(carrier(id), shipment(), ctx());
      await adapter().rate(carrier(id), shipment(), ctx());
      const tokensBefore = emulator().calls('token').length;
      // A token is fetched at most once (none when an earlier test left one cached).
      expect(tokensBefore).toBeLessThanOrEqual(1);
      emulator().fault({ mode: 'expired-token', operation: 'rate', count: 1 });
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      expect(emulator().calls('token').length).toBe(tokensBefore + 1);
      const rates = emulator().calls('rate');
      expect(rates[rates.length - 1].headers.authorization).not.toBe(rates[rates.length - 2].headers.authorization);
    });

    it.each([
      ['ups', () => emu.ups, () => adapters.ups as CarrierAdapter],
      ['fedex', () => emu.fedex, () => adapters.fedex as CarrierAdapter],
    ])('%s: a token endpoint failure is retried like any safe call', async (id, emulator, adapter) => {
      // The current token is revoked (401), and the first attempt to get a new one fails with a 5xx.
      emulator().fault({ mode: 'expired-token', operation: 'rate', count: 1 });
      emulator().fault({ mode: 'server-error', operation: 'token', count: 1 });
      const result = await adapter().rate(carrier(id), shipment(), ctx());
      expect(result.rates.length).toBeGreaterThan(0);
      expect(emulator().calls('token').some((c) => c.fault === 'server-error')).toBe(true);
    });
  });

  describe('UPS labels and pushes', () => {
    it('turns the GIF label into a 4x6 PDF page', async () => {
      const result = await adapters.ups.book(carrier('ups'), booking('worldwide-express', { parcels: [{ weightKg: 2 }] }), ctx());
      const pdf = result.parcels[0].label!.data.toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf).toMatch(/\/MediaBox \[0 0 288 432\]/);
      expect(pdf).toMatch(/\/Subtype \/Image/);
    });

    it('verifies Track Alert pushes by their credential and maps the event', () => {
      const good = adapters.ups.verifyPush({ credential: EMULATOR_CREDENTIALS.UPS_WEBHOOK_CREDENTIAL });
      const bearer = adapters.ups.verifyPush({ authorization: `Bearer ${EMULATOR_CREDENTIALS.UPS_WEBHOOK_CREDENTIAL}` });
      const bad = adapters.ups.verifyPush({ credential: 'forged' });
      expect([good, bearer, bad]).toEqual([true, true, false]);
      const event = adapters.ups.parsePush(carrier('ups'), {
        trackingNumber: '1Z204W4R0308071865',
        localActivityDate: '20240423',
        localActivityTime: '095004',
        activityLocation: { city: 'CHARLOTTE', stateProvince: 'NC', postalCode: '28209', country: 'US' },
        activityStatus: { type: 'D', code: 'FS', description: 'Delivered', descriptionCode: 11 },
        gmtActivityDate: '20240423',
        gmtActivityTime: '135004',
        gmtOffset: '-04.00',
      });
      expect(event).toMatchObject({ trackingNumber: '1Z204W4R0308071865', code: '011', status: 'delivered', occurredAt: '2024-04-23T09:50:04-04:00' });
    });
  });

  describe('FedEx pushes', () => {
    it('verifies fdx-signature over the raw body and maps the scan events', () => {
      const raw = JSON.stringify({ trackingNumber: '794600000010', scanEvents: [{ date: '2026-12-01T10:00:00-05:00', eventType: 'DL', eventDescription: 'Delivered', scanLocation: { city: 'NEW YORK', countryCode: 'US' } }] });
      const signature = signFedexBody(raw, EMULATOR_CREDENTIALS.FEDEX_WEBHOOK_SECRET);
      expect(adapters.fedex.verifyPush({ 'fdx-signature': signature }, Buffer.from(raw))).toBe(true);
      expect(adapters.fedex.verifyPush({ 'fdx-signature': signature }, Buffer.from(raw.replace('DL', 'PU')))).toBe(false);
      expect(adapters.fedex.verifyPush({}, Buffer.from(raw))).toBe(false);
      expect(adapters.fedex.verifyPush({ 'fdx-signature': signature })).toBe(false);
      const [pushed] = adapters.fedex.parsePush(carrier('fedex'), JSON.parse(raw));
      expect(pushed).toMatchObject({ trackingNumber: '794600000010', code: 'DL', status: 'delivered', occurredAt: '2026-12-01T10:00:00-05:00' });
    });
  });

  it('a failing carrier does not stop the others from answering in the same fan-out', async () => {
    emu.ups.fault({ mode: 'server-error', operation: 'rate', status: 503 });
    emu.fedex.fault({ mode: 'latency', operation: 'rate', latencyMs: 6000 });
    const signal = AbortSignal.timeout(4000);
    const results = await Promise.allSettled(
      cases.map((c) => c.adapter().rate(carrier(c.id), shipment(), { signal })),
    );
    expect(results[0].status).toBe('fulfilled');
    expect((results[0] as PromiseFulfilledResult<RateResult>).value.rates.length).toBeGreaterThan(0);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'UNAVAILABLE' } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'TIMEOUT' } });
  });
});

describe('carrier circuit breaker', () => {
  let emu: EmulatorSet;
  let t: TestApp;
  let folder: { dir: string; remove: () => void };

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['mydhl', 'ups', 'fedex']);
    t = await startTestApp({
      env: { ...emu.env, CARRIERS_DIR: folder.dir, CARRIER_TIMEOUT_MS: '3000', CARRIER_MAX_ATTEMPTS: '1', CARRIER_BREAKER_FAILURES: '3', CARRIER_BREAKER_COOLDOWN_MS: '500' },
    });
  });

  afterAll(async () => {
    await t?.close();
    await emu?.stop();
    folder?.remove();
  });

  it('opens after consecutive failures, fails fast without calling the carrier, and closes again after the cool-down', async () => {
    const catalog = t.app.get(CarrierCatalog);
    const mydhl = t.app.get(MydhlAdapter);
    const dhl = catalog.get('mydhl')!;
    emu.mydhl.fault({ mode: 'server-error', operation: 'rate', status: 502 });
    for (let i = 0; i < 3; i++) expect((await carrierError(mydhl.rate(dhl, shipment(), ctx()))).code).toBe('UNAVAILABLE');
    const fast = await carrierError(mydhl.rate(dhl, shipment(), ctx()));
    expect(fast.message).toContain('circuit open');
    expect(emu.mydhl.calls('rate')).toHaveLength(3);
    // Other carriers are not affected by DHL's open circuit.
    const ups = await t.app.get(UpsAdapter).rate(catalog.get('ups')!, shipment(), ctx());
    expect(ups.rates.length).toBeGreaterThan(0);
    emu.mydhl.clearFaults();
    await new Promise((r) => setTimeout(r, 600));
    const again = await mydhl.rate(dhl, shipment(), ctx());
    expect(again.rates.length).toBeGreaterThan(0);
    expect([...emu.mydhl.violations, ...emu.ups.violations, ...emu.fedex.violations]).toEqual([]);
  });
});
