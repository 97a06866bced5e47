import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SignedPushHandler } from '../../src/tracking/signed-push.handler';
import { WebhookDeliveryWorker } from '../../src/webhooks/webhook-delivery.worker';
import { carriersFolder, EmulatorSet, startEmulators } from '../emulators/emulator-set';
import { createTestDatabase } from '../support/database';
import { auth, startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { bookingBody, pickupEvents, uniqueTrackingNumber } from './support/bodies';

jest.setTimeout(240_000);

const PUSH_SECRET = 'resilience-push-secret-0123456789';
const RACE = 50;

/**
 * Idempotency under races: many identical requests at the same instant must leave exactly one
 * effect: one shipment and one carrier call per idempotency key (direct bookings and batch items),
 * one stored event per carrier push or event, one merchant webhook request per delivery.
 */
describe('idempotency under concurrent duplicates', () => {
  let emu: EmulatorSet;
  let folder: { dir: string; remove: () => void };
  let receiver: WebhookReceiver;
  let t: TestApp;
  let key: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => t.app.get(DataSource).query(text, params);

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['ups', 'deutsche-post']);
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({
      env: {
        ...emu.env,
        CARRIERS_DIR: folder.dir,
        CARRIER_BREAKER_FAILURES: '1000',
        CARRIER_WEBHOOK_SECRETS: `deutsche-post=${PUSH_SECRET}`,
        JOBS_POLL_INTERVAL_SECONDS: '0.5',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
    key = await t.keyWith('shipments', 'tracking:write');
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
    await emu?.stop();
    folder?.remove();
  });
  afterEach(() => emu.reset());

  const upsBooking = (reference: string) => bookingBody({ carrier: 'ups', service: 'worldwide-express', reference });
  const book = (body: object, idem: string) => t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body);

  it(`${RACE} identical bookings with an API carrier at once: one shipment, one carrier call, every caller gets it`, async () => {
    const idem = randomUUID();
    const reference = `RACE-${idem.slice(0, 8)}`;
    // The carrier takes a while, so every duplicate arrives while the first booking is in flight.
    emu.ups.fault({ mode: 'latency', operation: 'ship', latencyMs: 1500, count: 1 });
    const responses = await Promise.all(Array.from({ length: RACE }, () => book(upsBooking(reference), idem)));
    expect(responses.map((r) => r.status)).toEqual(Array(RACE).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(emu.ups.calls('ship')).toHaveLength(1);
    expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toHaveLength(1);
    expect(await sql(`SELECT state FROM idempotency_key WHERE key = $1`, [idem])).toEqual([{ state: 'completed' }]);
  });

  it(`${RACE} identical bookings when the carrier refuses the first: the refusal frees the key, exactly one later attempt books`, async () => {
    const idem = randomUUID();
    const reference = `RACE-FAIL-${idem.slice(0, 8)}`;
    // A refusal (a business error) is certain: nothing was booked, the key is free again.
    emu.ups.fault({ mode: 'business-error', operation: 'ship', count: 1 });
    const refused = await Promise.all(Array.from({ length: RACE }, () => book(upsBooking(reference), idem)));
    const statuses = refused.map((r) => r.status);
    // The first caller gets the refusal; duplicates that waited for it find the key free and book.
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toHaveLength(statuses.includes(201) ? 1 : 0);
    const retry = await book(upsBooking(reference), idem).expect(201);
    expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toEqual([{ id: retry.body.id }]);
    // One refused call, then exactly one booking.
    expect(emu.ups.calls('ship').filter((c) => c.fault !== 'business-error')).toHaveLength(1);
  });

  it('10 identical batches of 6 items at once: each item booked once, every batch points at the same shipments', async () => {
    const run = randomUUID().slice(0, 8);
    const items = Array.from({ length: 6 }, (_, i) => ({
      idempotencyKey: `${run}-${i}`,
      ...(i % 2 ? upsBooking(`BATCH-${run}-${i}`) : bookingBody({ reference: `BATCH-${run}-${i}` })),
    }));
    emu.ups.fault({ mode: 'latency', operation: 'ship', latencyMs: 800, count: 3 });
    const responses = await Promise.all(Array.from({ length: 10 }, () => t.http().post('/v1/batches').set(auth(key)).send({ shipments: items })));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const perBatch = responses.map((r) => (r.body.items as { status: string; shipment?: { id: string } }[]).map((i) => `${i.status}:${i.shipment?.id}`));
    for (const b of perBatch) expect(b).toEqual(perBatch[0]);
    expect(perBatch[0].every((s) => s.startsWith('booked:shp_'))).toBe(true);
    const stored = await sql<{ reference: string; n: number }>(`SELECT reference, count(*)::int AS n FROM shipment WHERE reference LIKE $1 GROUP BY reference`, [`BATCH-${run}-%`]);
    expect(stored).toHaveLength(6);
    expect(stored.every((r) => r.n === 1)).toBe(true);
    expect(emu.ups.calls('ship')).toHaveLength(3);
  });

  it(`${RACE} copies of one signed carrier push at once: stored once, the others acknowledged as duplicates`, async () => {
    const trackingNumber = uniqueTrackingNumber('PU');
    const raw = JSON.stringify(pickupEvents(trackingNumber));
    const id = `push-${randomUUID()}`;
    const ts = Math.floor(Date.now() / 1000);
    const signature = SignedPushHandler.sign(PUSH_SECRET, id, ts, raw);
    const responses = await Promise.all(
      Array.from({ length: RACE }, () =>
        t
          .http()
          .post('/v1/carriers/deutsche-post/webhooks')
          .set({ 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature })
          .send(raw),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(RACE).fill(200));
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await sql(`SELECT push_id FROM carrier_push_receipt WHERE push_id = $1`, [id])).toHaveLength(1);
    const events = await sql(`SELECT e.id FROM tracking_event e JOIN tracker t ON t.id = e.tracker_id WHERE t.tracking_number = $1`, [trackingNumber]);
    expect(events).toHaveLength(1);
  });

  it(`${RACE} identical event posts at once: one event, one status change, one merchant webhook`, async () => {
    const endpoint = await t.http().post('/v1/webhook-endpoints').set(auth(t.adminKey)).send({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201);
    try {
      const trackingNumber = uniqueTrackingNumber('EV');
      const start = receiver.received.length;
      const responses = await Promise.all(Array.from({ length: RACE }, () => t.http().post('/v1/tracking-events').set(auth(key)).send(pickupEvents(trackingNumber))));
      expect(responses.map((r) => r.status)).toEqual(Array(RACE).fill(200));
      expect(responses.reduce((n, r) => n + r.body.created, 0)).toBe(1);
      expect(responses.filter((r) => r.body.statusChanged)).toHaveLength(1);
      await receiver.waitFor(start + 1);
      await new Promise((r) => setTimeout(r, 2000));
      const mine = receiver.received.slice(start).filter((r) => JSON.parse(r.body).data.trackingNumber === trackingNumber);
      expect(mine).toHaveLength(1);
    } finally {
      await t.http().delete(`/v1/webhook-endpoints/${endpoint.body.id}`).set(auth(t.adminKey)).expect(204);
    }
  });
});

describe('one merchant webhook delivery claimed by many workers at once', () => {
  it(`${RACE} concurrent attempts of the same delivery send one request`, async () => {
    const receiver = await new WebhookReceiver().start();
    const db = await createTestDatabase();
    // No job worker in this process: the test plays every worker itself.
    const t = await startTestApp({ databaseUrl: db.url, env: { JOBS_ENABLED: 'false' } });
    try {
      await t.http().post('/v1/webhook-endpoints').set(auth(t.adminKey)).send({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201);
      await t.http().post('/v1/tracking-events').set(auth(t.adminKey)).send(pickupEvents(uniqueTrackingNumber('WD'))).expect(200);
      const [delivery] = await t.app.get(DataSource).query(`SELECT id FROM webhook_delivery WHERE status = 'pending'`);
      const worker = t.app.get(WebhookDeliveryWorker);
      await Promise.all(Array.from({ length: RACE }, () => worker.deliver(delivery.id)));
      expect(receiver.received).toHaveLength(1);
      const [row] = await t.app.get(DataSource).query(`SELECT status, attempt_count FROM webhook_delivery WHERE id = $1`, [delivery.id]);
      expect(row).toEqual({ status: 'succeeded', attempt_count: 1 });
      // Once delivered, further attempts send nothing.
      await Promise.all(Array.from({ length: 5 }, () => worker.deliver(delivery.id)));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await t.close();
      await receiver.stop();
    }
  });
});
