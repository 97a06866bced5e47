import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { FaultSpec } from '../emulators/carrier-emulator';
import { carriersFolder, EmulatorSet, startEmulators } from '../emulators/emulator-set';
import { auth, startTestApp, TestApp } from '../support/test-app';
import { bookingBody, quoteBody } from './support/bodies';

jest.setTimeout(300_000);

/** Far longer than any budget: a quote that waited for it would take this long. */
const STUCK_MS = 30_000;
const BUDGET_MS = 2000;

type Mode = FaultSpec['mode'];

/**
 * Carrier faults through the public API, against the carriers' HTTP emulators: quotes answer within
 * their time budget with the healthy carriers whatever the others do; bookings fail with a clear error,
 * leave no shipment behind, and a retry with the same key books exactly once; a carrier that keeps
 * failing is cut off by its circuit breaker and let back in once it recovers.
 */
describe('carrier faults', () => {
  let emu: EmulatorSet;
  let folder: { dir: string; remove: () => void };
  let t: TestApp;
  let key: string;
  const figures = { quotes: 0, bookings: 0, serverErrors: 0 };

  beforeAll(async () => {
    emu = await startEmulators();
    // Three API carriers and one rate-card carrier that never fails.
    folder = carriersFolder(['mydhl', 'ups', 'fedex', 'dhl-express']);
    t = await startTestApp({
      env: {
        ...emu.env,
        CARRIERS_DIR: folder.dir,
        QUOTE_TIME_BUDGET_MS: String(BUDGET_MS),
        CARRIER_TIMEOUT_MS: '1500',
        CARRIER_MAX_ATTEMPTS: '2',
        CARRIER_MAX_RETRY_AFTER_MS: '200',
        CARRIER_BREAKER_FAILURES: '4',
        CARRIER_BREAKER_COOLDOWN_MS: '3000',
      },
    });
    key = await t.keyWith('quotes', 'shipments');
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`carrier faults: ${JSON.stringify(figures)}`);
    await t?.close();
    await emu?.stop();
    folder?.remove();
  });
  afterEach(() => emu.reset());

  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => t.app.get(DataSource).query(text, params);

  async function quote(): Promise<{ ms: number; status: number; carriers: Set<string>; unavailable: Map<string, string> }> {
    const started = Date.now();
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(quoteBody());
    figures.quotes += 1;
    if (res.status >= 500) figures.serverErrors += 1;
    const options = (res.body.options ?? []) as { carrier: string }[];
    const unavailable = (res.body.unavailable ?? []) as { carrier: string; reason: string }[];
    return {
      ms: Date.now() - started,
      status: res.status,
      carriers: new Set(options.map((o) => o.carrier)),
      unavailable: new Map(unavailable.filter((u) => ['carrier_timeout', 'carrier_error'].includes(u.reason)).map((u) => [u.carrier, u.reason])),
    };
  }

  /** Waits out any open circuit (the cool-down) until every carrier prices again. */
  async function allHealthy(): Promise<void> {
    emu.reset();
    for (let i = 0; i < 20; i++) {
      const q = await quote();
      if (q.carriers.size === 4) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error('the carriers did not all come back');
  }

  describe('quotes answer with the healthy carriers', () => {
    it('all healthy: every carrier prices', async () => {
      const q = await quote();
      expect(q.status).toBe(200);
      expect([...q.carriers].sort()).toEqual(['dhl-express', 'fedex', 'mydhl', 'ups']);
    });

    it.each<[string, Mode, Partial<FaultSpec>, string]>([
      ['time out (no answer for 30 s)', 'latency', { latencyMs: STUCK_MS }, 'carrier_timeout'],
      ['answer 503', 'server-error', { status: 503 }, 'carrier_error'],
      ['answer 500', 'server-error', { status: 500 }, 'carrier_error'],
      ['answer 429 with a long Retry-After', 'rate-limit', { retryAfterSeconds: 60 }, 'carrier_error'],
      ['answer malformed JSON', 'malformed-json', {}, 'carrier_error'],
      ['close the connection without an answer', 'reset', {}, 'carrier_error'],
      ['revoke our token', 'expired-token', {}, 'carrier_error'],
    ])('MyDHL and UPS %s: FedEx and DHL Express still answer, within the budget', async (_what, mode, extra, reason) => {
      emu.mydhl.fault({ mode, operation: 'rate', ...extra });
      emu.ups.fault({ mode, operation: mode === 'expired-token' ? 'any' : 'rate', ...extra });
      for (let i = 0; i < 3; i++) {
        const q = await quote();
        expect(q.status).toBe(200);
        expect([...q.carriers].sort()).toEqual(['dhl-express', 'fedex']);
        expect(q.unavailable.get('mydhl')).toBe(reason);
        expect(q.unavailable.get('ups')).toBe(reason);
        // Not waited for: a quote that waited for the stuck carriers would take 30 s.
        expect(q.ms).toBeLessThan(STUCK_MS / 2);
      }
    });
  });

  describe('bookings fail clearly, leave nothing behind, and book once on retry', () => {
    beforeEach(allHealthy);

    it('while the carrier is cut off by its circuit breaker: 503 CARRIER_UNAVAILABLE with Retry-After, never a 4xx the client would not retry', async () => {
      emu.ups.fault({ mode: 'server-error', operation: 'rate', status: 503 });
      for (let i = 0; i < 3; i++) await quote();
      const idem = randomUUID();
      const reference = `OPEN-${idem.slice(0, 8)}`;
      const res = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(bookingBody({ carrier: 'ups', service: 'worldwide-express', reference }));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('CARRIER_UNAVAILABLE');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(emu.ups.calls('ship')).toHaveLength(0);
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([]);
    });

    /** Labels the carrier issued (and would bill): ship calls it answered with a shipment. */
    const labels = () => emu.ups.calls('ship').filter((c) => !c.fault || c.fault === 'latency').length;

    it.each<[string, Mode, Partial<FaultSpec>, number, string, boolean]>([
      ['a 503', 'server-error', { status: 503 }, 503, 'CARRIER_UNAVAILABLE', true],
      ['a 500', 'server-error', { status: 500 }, 503, 'CARRIER_UNAVAILABLE', false],
      ['a 429 asking for a long wait', 'rate-limit', { retryAfterSeconds: 60 }, 503, 'CARRIER_RATE_LIMITED', true],
      ['a refusal of the address', 'business-error', {}, 422, 'CARRIER_REJECTED', false],
      ['malformed JSON', 'malformed-json', {}, 502, 'CARRIER_ERROR', false],
      ['a dropped connection', 'reset', {}, 503, 'CARRIER_UNAVAILABLE', false],
    ])('UPS answers %s: a clear error, no shipment, then one booking on retry', async (_what, mode, extra, status, code, retryAfter) => {
      const idem = randomUUID();
      const reference = `FAULT-${idem.slice(0, 8)}`;
      const body = bookingBody({ carrier: 'ups', service: 'worldwide-express', reference });
      emu.ups.fault({ mode, operation: 'ship', count: 1, ...extra });
      const failed = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body);
      figures.bookings += 1;
      expect(failed.status).toBe(status);
      expect(failed.body.error).toMatchObject({ code, message: expect.stringMatching(/UPS|ups/), requestId: expect.any(String) });
      if (retryAfter) expect(Number(failed.headers['retry-after'])).toBeGreaterThan(0);
      // No orphan: nothing recorded, nothing half-written.
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([]);
      expect(await sql(`SELECT s.id FROM shipment_parcel p JOIN shipment s ON s.id = p.shipment_id WHERE s.reference = $1`, [reference])).toEqual([]);
      expect(labels()).toBe(0);

      const retry = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body);
      figures.bookings += 1;
      expect(retry.status).toBe(201);
      const again = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body).expect(201);
      expect(again.body.id).toBe(retry.body.id);
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([{ id: retry.body.id }]);
      expect(labels()).toBe(1);
    });

    it('a carrier that never answers: 504 CARRIER_TIMEOUT, no shipment, the key kept for the retry', async () => {
      const idem = randomUUID();
      const reference = `FAULT-TIMEOUT-${idem.slice(0, 8)}`;
      const body = bookingBody({ carrier: 'ups', service: 'worldwide-express', reference });
      emu.ups.fault({ mode: 'latency', operation: 'ship', count: 1, latencyMs: STUCK_MS });
      const failed = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body);
      expect(failed.status).toBe(504);
      expect(failed.body.error.code).toBe('CARRIER_TIMEOUT');
      expect(failed.body.error.message).toMatch(/same Idempotency-Key/);
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([]);
      // Pending, not released: the carrier may have booked, so the retry must ask again under the same key.
      expect(await sql(`SELECT state FROM idempotency_key WHERE key = $1`, [idem])).toEqual([{ state: 'pending' }]);
      const retry = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body).expect(201);
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([{ id: retry.body.id }]);
    });
  });

  // KNOWN GAP, recorded as a failing test so that it turns red (and gets flipped) once fixed: MyDHL, UPS
  // and FedEx take no idempotency key on their shipping APIs. When a carrier books but answers after
  // our timeout, the retry under the same Idempotency-Key books a second label at the carrier; we record
  // one shipment, the carrier bills two. See README "Reliability" and SECURITY.md.
  it.failing('a booking the carrier completes after our timeout is not bought a second time by the retry', async () => {
    await allHealthy();
    emu.reset();
    const idem = randomUUID();
    const body = bookingBody({ carrier: 'ups', service: 'worldwide-express', reference: `LATE-${idem.slice(0, 8)}` });
    // Longer than CARRIER_TIMEOUT_MS (1.5 s): we give up, the carrier carries on and issues the label.
    emu.ups.fault({ mode: 'latency', operation: 'ship', count: 1, latencyMs: 2500 });
    await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body).expect(504);
    await new Promise((r) => setTimeout(r, 1500));
    await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body).expect(201);
    const labelsIssued = emu.ups.calls('ship').filter((c) => !c.fault || c.fault === 'latency').length;
    expect(labelsIssued).toBe(1);
  });

  it('the circuit breaker opens on a failing carrier (no more calls to it), and closes once it recovers', async () => {
    await allHealthy();
    emu.reset();
    emu.mydhl.fault({ mode: 'server-error', operation: 'rate', status: 503 });
    const callsAfter: number[] = [];
    for (let i = 0; i < 6; i++) {
      const q = await quote();
      expect(q.status).toBe(200);
      expect(q.unavailable.get('mydhl')).toBe('carrier_error');
      expect(q.carriers.has('fedex')).toBe(true);
      callsAfter.push(emu.mydhl.calls('rate').length);
    }
    // 4 failed attempts open the circuit; from then on quotes do not call MyDHL at all.
    expect(callsAfter[callsAfter.length - 1]).toBe(4);
    expect(callsAfter.slice(-3)).toEqual([4, 4, 4]);

    // The carrier recovers; after the cool-down one trial call goes through and closes the circuit.
    emu.mydhl.clearFaults();
    const stillOpen = await quote();
    expect(stillOpen.unavailable.get('mydhl')).toBe('carrier_error');
    expect(emu.mydhl.calls('rate')).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 3500));
    const trial = await quote();
    expect(trial.carriers.has('mydhl')).toBe(true);
    const closed = await quote();
    expect(closed.carriers.has('mydhl')).toBe(true);
    expect(emu.mydhl.calls('rate')).toHaveLength(6);
  });
});
