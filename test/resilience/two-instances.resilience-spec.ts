import { randomUUID } from 'node:crypto';
import { carriersFolder, EmulatorSet, startEmulators } from '../emulators/emulator-set';
import { createTestDatabase } from '../support/database';
import { eventually, ServiceProcess } from '../support/process-harness';
import { bookingBody, pickupEvents, uniqueTrackingNumber } from './support/bodies';
import { send } from './support/load-driver';
import { SlowReceiver } from './support/slow-receiver';
import { ADMIN_KEY, bearer, call, createKey, FAST_JOBS, registerEndpoint, sqlOn } from './support/service-fixture';

jest.setTimeout(600_000);

const PUBLIC_LIMIT = 30;

/**
 * Two service processes on one PostgreSQL, both running job workers, behind an imaginary load balancer
 * that sends every other request to each: an idempotency key used on both at once books once, every
 * background job (merchant webhook delivery, carrier tracking poll) runs on one of them only, and the
 * public rate limit is one budget for both.
 */
describe('two instances on one database', () => {
  let emu: EmulatorSet;
  let folder: { dir: string; remove: () => void };
  let receiver: SlowReceiver;
  let db: { url: string; drop: () => Promise<void> };
  let a: ServiceProcess;
  let b: ServiceProcess;
  let key: string;
  const figures: Record<string, unknown> = {};

  const sql = sqlOn(() => db.url);

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['ups', 'mydhl', 'deutsche-post']);
    receiver = await new SlowReceiver(20).start();
    db = await createTestDatabase();
    const env = {
      ...emu.env,
      ...FAST_JOBS,
      CARRIERS_DIR: folder.dir,
      CARRIER_BREAKER_FAILURES: '1000',
      LOG_REQUESTS: 'false',
      PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_LIMIT),
      PUBLIC_VERIFY_FAILURES_PER_IP_PER_HOUR: '100000',
    };
    a = new ServiceProcess({ name: 'instance-a', databaseUrl: db.url, adminKey: ADMIN_KEY, env });
    b = new ServiceProcess({ name: 'instance-b', databaseUrl: db.url, adminKey: ADMIN_KEY, env });
    // Both boot at once: migrations and job queue schema under their locks.
    await Promise.all([a.start(), b.start()]);
    key = (await createKey(a, ['shipments', 'tracking:write'])).key;
    await registerEndpoint(b, receiver.url, ['shipment.status_changed']);
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`two instances: ${JSON.stringify(figures)}`);
    await Promise.all([a?.stop(), b?.stop()]);
    await receiver?.stop();
    await emu?.stop();
    folder?.remove();
    await db?.drop();
  });

  const instance = (i: number) => (i % 2 ? b : a);

  it('one idempotency key used on both at once books once: one shipment, one carrier call', async () => {
    for (let round = 0; round < 3; round++) {
      emu.reset();
      const idem = randomUUID();
      const reference = `TWO-${idem.slice(0, 8)}`;
      const body = bookingBody({ carrier: 'ups', service: 'worldwide-express', reference });
      emu.ups.fault({ mode: 'latency', operation: 'ship', latencyMs: 1500, count: 1 });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          send({ kind: 'booking', method: 'POST', url: `${instance(i).url}/v1/shipments`, headers: { ...bearer(key), 'idempotency-key': idem }, body }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(emu.ups.calls('ship')).toHaveLength(1);
      expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toHaveLength(1);
    }
    figures.racingBookings = 120;
  });

  it('every merchant webhook is delivered by one instance, once', async () => {
    const numbers = Array.from({ length: 40 }, () => uniqueTrackingNumber('TI'));
    await Promise.all(numbers.map((n, i) => call(instance(i), 'POST', '/v1/tracking-events', key, pickupEvents(n))));
    await eventually(async () => new Set(receiver.receipts.map((r) => r.event.data.trackingNumber)), (seen) => numbers.every((n) => seen.has(n)), 120_000, 'all 40 webhooks');
    // Let any second copy arrive before counting.
    await new Promise((r) => setTimeout(r, 3000));
    const mine = receiver.receipts.filter((r) => numbers.includes(r.event.data.trackingNumber));
    expect(mine).toHaveLength(numbers.length);
    expect(new Set(mine.map((r) => r.webhookId)).size).toBe(numbers.length);
    const attempts = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_attempt`);
    expect(attempts[0].n).toBe(numbers.length);
    figures.webhooks = mine.length;
  });

  it('every tracking poll runs on one instance, once, and schedules one next poll', async () => {
    emu.reset();
    const parcels: string[] = [];
    for (let i = 0; i < 6; i++) {
      const s = await call(instance(i), 'POST', '/v1/shipments', key, bookingBody({ carrier: 'mydhl', service: 'express-worldwide', reference: `TWO-POLL-${i}` }), 201, { 'idempotency-key': randomUUID() });
      emu.mydhl.advance(s.trackingNumber, 'in_transit');
      parcels.push(s.parcels[0].trackingNumber);
    }
    const trackers = await sql<{ id: string; tracking_number: string }>(`SELECT id, tracking_number FROM tracker WHERE tracking_number = ANY($1)`, [parcels]);
    const ids = trackers.map((t) => t.id);
    // The first polls are due an hour after booking: make them due now, on both workers at once.
    await sql(`UPDATE pgboss.job SET start_after = now() WHERE name = 'tracking_poll' AND state = 'created' AND data->>'trackerId' = ANY($1)`, [ids]);
    await eventually(() => sql<{ n: number }>(`SELECT count(*)::int AS n FROM tracker WHERE id = ANY($1) AND poll_count = 1`, [ids]), (r) => r[0].n === ids.length, 120_000, 'every parcel polled');
    await new Promise((r) => setTimeout(r, 3000));
    // One carrier call per parcel, whichever instance made it.
    // The poll asks by number in the path or in the query (GET /tracking?shipmentTrackingNumber=...).
    const calls = emu.mydhl.calls('track').map((c) => `${c.path}?${new URLSearchParams(c.query).toString()}`);
    expect(calls).toHaveLength(ids.length);
    expect(new Set(calls).size).toBe(ids.length);
    const polled = await sql<{ poll_count: number }>(`SELECT poll_count FROM tracker WHERE id = ANY($1)`, [ids]);
    expect(polled.map((p) => p.poll_count)).toEqual(Array(ids.length).fill(1));
    const next = await sql<{ tracker: string; n: number }>(
      `SELECT data->>'trackerId' AS tracker, count(*)::int AS n FROM pgboss.job WHERE name = 'tracking_poll' AND state IN ('created', 'retry') AND data->>'trackerId' = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(next.map((r) => r.n)).toEqual(Array(ids.length).fill(1));
    figures.polls = calls.length;
  });

  it(`the public rate limit (${PUBLIC_LIMIT}/min per address) is one budget across both instances`, async () => {
    const results = await Promise.all(
      Array.from({ length: PUBLIC_LIMIT + 20 }, (_, i) => send({ kind: 'public', method: 'GET', url: `${instance(i).url}/v1/public/tracking/${'A'.repeat(32)}${i}` })),
    );
    const limited = results.filter((r) => r.status === 429);
    const answered = results.filter((r) => r.status !== 429);
    expect(answered).toHaveLength(PUBLIC_LIMIT);
    expect(limited).toHaveLength(20);
    expect(answered.every((r) => r.status === 404)).toBe(true);
    expect(limited.every((r) => Number(r.retryAfter) > 0 && r.body.error.code)).toBe(true);
    // Both instances refused some: the budget is shared, not per process.
    expect(new Set(results.filter((r) => r.status === 429).map((r) => r.request.url.split('/v1/')[0])).size).toBe(2);
    figures.publicRequests = results.length;
    figures.publicLimited = limited.length;
  });
});
