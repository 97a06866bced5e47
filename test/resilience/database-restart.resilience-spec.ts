import { ControlledPostgres, StopMode } from '../support/controlled-postgres';
import { eventually, ServiceProcess, sleep } from '../support/process-harness';
import { WebhookReceiver } from '../support/webhook-receiver';
import { bookingBody, pickupEvents, quoteBody, uniqueTrackingNumber } from './support/bodies';
import { isSuccess, LoadOutcome, LoadRequest, runLoad, send, tally } from './support/load-driver';
import { ADMIN_KEY, bearer, createKey, FAST_JOBS, registerEndpoint } from './support/service-fixture';

/**
 * PostgreSQL goes away under a mixed load of quotes, bookings and tracking events, then comes back:
 * the service says it is unhealthy while the database is gone, recovers without a restart of its own,
 * keeps every write it acknowledged, lets clients finish interrupted bookings with their idempotency
 * keys (one shipment each), and its job queue delivers every merchant webhook afterwards.
 */
jest.setTimeout(600_000);

const DB = 'pw_db_restart';

describe('PostgreSQL restarted under load', () => {
  let pg: ControlledPostgres;
  let svc: ServiceProcess;
  let receiver: WebhookReceiver;
  let key: string;
  const all: LoadOutcome[] = [];
  const figures: Record<string, unknown>[] = [];

  beforeAll(async () => {
    pg = await ControlledPostgres.launch();
    const url = await pg.createDatabase(DB);
    receiver = await new WebhookReceiver().start();
    svc = new ServiceProcess({ name: 'api', databaseUrl: url, adminKey: ADMIN_KEY, env: { ...FAST_JOBS, LOG_REQUESTS: 'false', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    await svc.start();
    key = (await createKey(svc, ['quotes', 'shipments', 'tracking:write'])).key;
    await registerEndpoint(svc, receiver.url, ['shipment.status_changed']);
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`database restarts:\n${figures.map((f) => JSON.stringify(f)).join('\n')}`);
    // eslint-disable-next-line no-console
    if (svc && svc.exits.length) console.log(`the service ended unexpectedly (${svc.exits.join(', ')}):\n${svc.tail(80)}`);
    await svc?.stop();
    await receiver?.stop();
    await pg?.close();
  });

  const query = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => pg.query<T>(sql, params, DB);

  let n = 0;
  function nextRequest(): LoadRequest {
    n += 1;
    switch (n % 3) {
      case 0:
        return { kind: 'quote', method: 'POST', url: `${svc.url}/v1/quotes`, headers: bearer(key), body: quoteBody(['deutsche-post', 'dhl-express']) };
      case 1: {
        const idem = `res-db-${n}-${Date.now()}`;
        return {
          kind: 'booking',
          method: 'POST',
          url: `${svc.url}/v1/shipments`,
          headers: { ...bearer(key), 'idempotency-key': idem },
          body: bookingBody({ reference: idem }),
          meta: { idem },
        };
      }
      default: {
        const trackingNumber = uniqueTrackingNumber();
        return { kind: 'event', method: 'POST', url: `${svc.url}/v1/tracking-events`, headers: bearer(key), body: pickupEvents(trackingNumber, n), meta: { trackingNumber } };
      }
    }
  }

  /** Load for `beforeMs`, database down for `downMs` (health watched), load until `afterMs` past recovery. */
  async function round(mode: StopMode): Promise<void> {
    let loading = true;
    const load = runLoad({ concurrency: 6, running: () => loading, next: nextRequest, timeoutMs: 30_000 });
    await sleep(4000);

    const stoppedAt = Date.now();
    await pg.stop(mode);
    const unhealthy = await eventually(() => svc.healthStatus(), (s) => s === 503, 15_000, '/health answering 503 while the database is down');
    const unhealthyAfterMs = Date.now() - stoppedAt;
    await sleep(4000);
    expect(await svc.healthStatus()).toBe(503);

    const startedAt = Date.now();
    await pg.start();
    await eventually(() => svc.healthStatus(), (s) => s === 200, 60_000, '/health answering 200 once the database is back');
    const recoveredAfterMs = Date.now() - startedAt;
    await sleep(6000);
    loading = false;
    const outcomes = await load;
    all.push(...outcomes);

    // Once recovered, every kind of request works again on the same process.
    const after = await Promise.all([nextRequest(), nextRequest(), nextRequest(), nextRequest(), nextRequest(), nextRequest()].map((r) => send(r)));
    all.push(...after);
    expect(after.map((o) => `${o.kind} ${o.status}`).filter((s) => !/ 20[01]$/.test(s))).toEqual([]);
    expect(svc.running).toBe(true);
    expect(svc.starts).toBe(1);

    figures.push({ mode, requests: outcomes.length, unhealthy, unhealthyAfterMs, recoveredAfterMs, outcomes: tally(outcomes) });
    // The load really did run through the outage: some requests failed, many succeeded.
    expect(outcomes.filter(isSuccess).length).toBeGreaterThan(20);
    expect(outcomes.some((o) => !isSuccess(o))).toBe(true);
  }

  it('a fast restart (sessions terminated): unhealthy while down, recovers by itself', async () => {
    await round('fast');
  });

  it('an immediate stop (crash, WAL replay at start): unhealthy while down, recovers by itself', async () => {
    await round('immediate');
  });

  it('failures during the outage are 503 DATABASE_UNAVAILABLE with Retry-After (or no answer), never a 500', () => {
    const failed = all.filter((o) => !isSuccess(o));
    const statuses = [...new Set(failed.map((o) => o.status))].sort();
    figures.push({ failedStatuses: statuses });
    // 409: a booking whose earlier attempt still holds its idempotency key; 0: no answer in time.
    const errors = svc.logRecords().filter((r) => Number(r.level) >= 50 && !/ECONNREFUSED|DATABASE_UNAVAILABLE/.test(JSON.stringify(r)));
    expect({ statuses: statuses.filter((s) => ![0, 409, 503].includes(s)), errors: statuses.includes(500) ? errors.slice(0, 5) : [] }).toEqual({ statuses: [], errors: [] });
    const unavailable = failed.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((o) => o.body?.error?.code !== 'DATABASE_UNAVAILABLE' || !o.retryAfter)).toEqual([]);
  });

  it('no acknowledged write is lost: every 2xx is in the database', async () => {
    const quotes = all.filter((o) => o.kind === 'quote' && isSuccess(o)).map((o) => o.body.id as string);
    const bookings = all.filter((o) => o.kind === 'booking' && isSuccess(o)).map((o) => o.body.id as string);
    const events = all.filter((o) => o.kind === 'event' && isSuccess(o)).map((o) => o.meta.trackingNumber);
    expect(quotes.length).toBeGreaterThan(10);
    expect(bookings.length).toBeGreaterThan(10);
    expect(events.length).toBeGreaterThan(10);

    const storedQuotes = new Set((await query<{ id: string }>(`SELECT id FROM quote WHERE id = ANY($1)`, [quotes])).map((r) => r.id));
    const storedShipments = new Set((await query<{ id: string }>(`SELECT id FROM shipment WHERE id = ANY($1)`, [bookings])).map((r) => r.id));
    const storedEvents = new Set(
      (await query<{ tracking_number: string }>(`SELECT t.tracking_number FROM tracker t JOIN tracking_event e ON e.tracker_id = t.id WHERE t.tracking_number = ANY($1)`, [events])).map(
        (r) => r.tracking_number,
      ),
    );
    const lost = {
      quotes: quotes.filter((id) => !storedQuotes.has(id)),
      shipments: bookings.filter((id) => !storedShipments.has(id)),
      events: events.filter((tn) => !storedEvents.has(tn)),
    };
    figures.push({ acknowledged: { quotes: quotes.length, shipments: bookings.length, events: events.length }, lost: { quotes: lost.quotes.length, shipments: lost.shipments.length, events: lost.events.length } });
    expect(lost).toEqual({ quotes: [], shipments: [], events: [] });
    // A booking's answer was only sent once its idempotency key was completed in the same transaction.
    const completed = await query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_key WHERE shipment_id = ANY($1) AND state = 'completed'`, [bookings]);
    expect(completed[0].n).toBe(bookings.length);
  });

  it('interrupted bookings finish when retried with the same key: one shipment per key, never two', async () => {
    const unfinished = all.filter((o) => o.kind === 'booking' && !isSuccess(o));
    expect(unfinished.length).toBeGreaterThan(0);
    // Keys an interrupted request still leases (its database session died mid-way) are taken over once the lease ends.
    const retried = await Promise.all(
      unfinished.map((o) =>
        eventually(
          () => send(o.request),
          (r) => r.status === 201,
          120_000,
          `booking ${o.meta.idem} retried`,
        ),
      ),
    );
    const idems = all.filter((o) => o.kind === 'booking').map((o) => o.meta.idem);
    const perKey = await query<{ reference: string; n: number }>(`SELECT reference, count(*)::int AS n FROM shipment WHERE reference = ANY($1) GROUP BY reference`, [idems]);
    const counts = new Map(perKey.map((r) => [r.reference, r.n]));
    expect(idems.filter((k) => counts.get(k) !== 1)).toEqual([]);
    // Every retry answered with the shipment the database holds for its key.
    for (const r of retried) expect(counts.get(r.meta.idem)).toBe(1);
    figures.push({ bookingsRetried: retried.length, shipmentsPerKey: 1 });
  });

  it('jobs resume: every acknowledged status change reaches the merchant webhook, each once under one id', async () => {
    const acknowledged = new Set(all.filter((o) => o.kind === 'event' && isSuccess(o) && o.body.statusChanged).map((o) => o.meta.trackingNumber));
    expect(acknowledged.size).toBeGreaterThan(10);
    const delivered = () => new Set(receiver.bodies<{ data: { trackingNumber?: string } }>().map((b) => b.data.trackingNumber));
    const missing = () => [...acknowledged].filter((tn) => !delivered().has(tn));
    await eventually(async () => missing(), (m) => m.length === 0, 240_000, 'every acknowledged status change delivered').catch(async (e: Error) => {
      const state = await query(
        `SELECT e.payload->'data'->>'trackingNumber' AS tn, d.status, d.attempt_count, d.lease_until, d.next_attempt_at, j.state AS job, j.retry_count, j.started_on, j.created_on
           FROM webhook_event e JOIN webhook_delivery d ON d.event_id = e.id LEFT JOIN pgboss.job j ON j.data->>'deliveryId' = d.id
          WHERE e.payload->'data'->>'trackingNumber' = ANY($1)`,
        [missing()],
      );
      throw new Error(`${e.message}\n${JSON.stringify(state, null, 1)}`);
    });
    // Re-sent deliveries keep their webhook-id; one event never arrives under two ids.
    const idsByNumber = new Map<string, Set<string>>();
    for (const r of receiver.received) {
      const tn = (JSON.parse(r.body) as { data: { trackingNumber: string } }).data.trackingNumber;
      idsByNumber.set(tn, (idsByNumber.get(tn) ?? new Set()).add(String(r.headers['webhook-id'])));
    }
    expect([...idsByNumber.entries()].filter(([, ids]) => ids.size > 1)).toEqual([]);
    figures.push({ webhooksDelivered: receiver.received.length, statusChangesAcknowledged: acknowledged.size });
  });
});
