import { carriersFolder, EmulatorSet, startEmulators } from '../emulators/emulator-set';
import { createTestDatabase } from '../support/database';
import { eventually, ServiceProcess, sleep } from '../support/process-harness';
import { bookingBody, pickupEvents, uniqueTrackingNumber } from './support/bodies';
import { SlowReceiver } from './support/slow-receiver';
import { ADMIN_KEY, call, createKey, FAST_JOBS, registerEndpoint, sqlOn } from './support/service-fixture';

jest.setTimeout(900_000);

const EVENTS = 20;

/**
 * The service is killed with SIGKILL (no shutdown hook, no drain) while merchant webhooks are in flight
 * and while a tracking poll waits for the carrier. After a restart every event still reaches the
 * merchant, a re-sent delivery keeps its webhook-id, and the interrupted poll runs again and stores
 * the carrier's events, with one polling chain per parcel.
 *
 * Time is real except for two scheduled waits that are moved forward in the job table: the first poll
 * an hour after booking, and the 5-minute back-off before a failed poll is retried. The recovery itself
 * (pg-boss noticing that the dead worker's jobs expired, retrying them, the delivery lease running out)
 * runs on its own clock.
 */
describe('kill -9 mid-way through webhook delivery and tracking polls', () => {
  let emu: EmulatorSet;
  let folder: { dir: string; remove: () => void };
  let receiver: SlowReceiver;
  let db: { url: string; drop: () => Promise<void> };
  let svc: ServiceProcess;
  let key: string;
  const figures: Record<string, unknown> = {};

  const sql = sqlOn(() => db.url);

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['mydhl', 'deutsche-post']);
    receiver = await new SlowReceiver(1500).start();
    db = await createTestDatabase();
    svc = new ServiceProcess({
      name: 'api',
      databaseUrl: db.url,
      adminKey: ADMIN_KEY,
      env: { ...emu.env, ...FAST_JOBS, CARRIERS_DIR: folder.dir, WEBHOOK_TIMEOUT_MS: '4000', LOG_REQUESTS: 'false' },
    });
    await svc.start();
    key = (await createKey(svc, ['shipments', 'tracking:write'])).key;
    await registerEndpoint(svc, receiver.url, ['*']);
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`process crash: ${JSON.stringify(figures)}`);
    await svc?.stop();
    await receiver?.stop();
    await emu?.stop();
    folder?.remove();
    await db?.drop();
  });

  it('loses no event and sends no delivery twice under different ids', async () => {
    // A MyDHL parcel whose first poll is due an hour after booking.
    const booked = await call(svc, 'POST', '/v1/shipments', key, bookingBody({ carrier: 'mydhl', service: 'express-worldwide', reference: 'CRASH-POLL' }), 201, {
      'idempotency-key': `crash-${Date.now()}`,
    });
    const parcel = booked.parcels[0].trackingNumber as string;
    const [tracker] = await sql<{ id: string }>(`SELECT id FROM tracker WHERE tracking_number = $1`, [parcel]);
    expect(emu.mydhl.advance(booked.trackingNumber, 'in_transit')).toBe(true);

    // Twenty status changes: twenty deliveries to a merchant that takes 1.5 s to answer each.
    const numbers = Array.from({ length: EVENTS }, () => uniqueTrackingNumber('KC'));
    for (const n of numbers) await call(svc, 'POST', '/v1/tracking-events', key, pickupEvents(n));

    // The poll is due now, and the carrier is slow to answer it.
    emu.mydhl.fault({ mode: 'latency', operation: 'track', latencyMs: 8000, count: 1 });
    await sql(`UPDATE pgboss.job SET start_after = now() WHERE name = 'tracking_poll' AND state = 'created' AND data->>'trackerId' = $1`, [tracker.id]);

    await eventually(async () => ({ webhooks: receiver.receipts.length, polls: emu.mydhl.calls('track').length }), (s) => s.webhooks >= 3 && s.polls >= 1, 60_000, 'deliveries and a poll in flight');
    await svc.kill('SIGKILL');
    figures.receivedBeforeKill = receiver.receipts.length;

    const [stuck] = await sql<{ pending: number }>(`SELECT count(*)::int AS pending FROM webhook_delivery WHERE status = 'pending'`);
    const [activePoll] = await sql<{ state: string }>(`SELECT state FROM pgboss.job WHERE name = 'tracking_poll' AND data->>'trackerId' = $1 AND state = 'active'`, [tracker.id]);
    expect(stuck.pending).toBeGreaterThan(0);
    expect(activePoll?.state).toBe('active');
    expect(await sql(`SELECT e.id FROM tracking_event e WHERE e.tracker_id = $1`, [tracker.id])).toEqual([]);
    figures.pendingAtKill = stuck.pending;

    const restartedAt = Date.now();
    await svc.start();

    // The dead worker's poll job expires and is queued for a retry by pg-boss; its back-off is skipped.
    await eventually(
      () => sql(`UPDATE pgboss.job SET start_after = now() WHERE name = 'tracking_poll' AND state = 'retry' AND data->>'trackerId' = $1 RETURNING id`, [tracker.id]),
      (rows) => rows.length > 0,
      300_000,
      'the interrupted poll queued again',
    );
    const events = await eventually(
      () => sql<{ code: string }>(`SELECT code FROM tracking_event WHERE tracker_id = $1 ORDER BY sort_at`, [tracker.id]),
      (rows) => rows.length >= 5,
      120_000,
      'the carrier events stored by the retried poll',
    );
    figures.pollRecoveredAfterMs = Date.now() - restartedAt;
    // Every event the carrier had for the parcel in transit: picked up, arrived, departed, customs.
    expect(events.map((e) => e.code)).toEqual(['PU', 'AF', 'DF', 'RR', 'CR']);
    // One polling chain: exactly one next poll scheduled for the parcel.
    const next = await sql(`SELECT id FROM pgboss.job WHERE name = 'tracking_poll' AND data->>'trackerId' = $1 AND state IN ('created', 'retry', 'active')`, [tracker.id]);
    expect(next).toHaveLength(1);

    // Every delivery reaches the merchant; the ones cut off by the kill are sent again.
    await eventually(() => sql<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM webhook_delivery GROUP BY status`), (rows) => rows.length === 1 && rows[0].status === 'succeeded', 300_000, 'every delivery succeeded');
    figures.webhooksRecoveredAfterMs = Date.now() - restartedAt;
    const byEvent = receiver.idsBy((r) => `${r.event.data.trackingNumber}/${r.event.type}/${r.event.data.status}`);
    for (const n of numbers) expect(byEvent.has(`${n}/shipment.status_changed/in_transit`)).toBe(true);
    // The retried poll stored the parcel's events in one go: one status change, to wherever they lead
    // (the last of them is a customs release), told to the merchant.
    const parcelChanges = [...byEvent.keys()].filter((k) => k.startsWith(`${parcel}/shipment.status_changed/`) || k.startsWith(`${booked.trackingNumber}/shipment.status_changed/`));
    expect(parcelChanges.length).toBeGreaterThan(0);
    figures.parcelStatusChanges = parcelChanges;
    // A delivery sent twice (the first copy cut off by the kill) carries one id and one body.
    expect([...byEvent.entries()].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    for (const [, copies] of groupBy(receiver.receipts, (r) => r.webhookId)) expect(new Set(copies.map((c) => c.body)).size).toBe(1);
    figures.deliveries = receiver.receipts.length;
    figures.distinctEvents = byEvent.size;
    figures.resentAfterKill = receiver.receipts.length - byEvent.size;
    expect(svc.exits).toEqual(['signal SIGKILL']);
  });
});

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const i of items) map.set(key(i), [...(map.get(key(i)) ?? []), i]);
  return map;
}
