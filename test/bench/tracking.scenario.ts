import { bearer, BenchContext, BenchScenario, BenchSkip } from './bench-scenario';

/**
 * Tracking benchmarks (targets: >= 2,000 events/s ingested through POST /v1/tracking-events with
 * dedupe, 10 events per request; a timeline read p99 < 10 ms and within 1.5x between 10 thousand and
 * 1 million stored events).
 *
 * - `trackingIngestScenario`: each request carries 10 events of one parcel; parcels rotate over a pool
 *   so that most requests add to a parcel that already has events (status derivation over its whole
 *   history), and one event in ten repeats an earlier one (dedupe by fingerprint).
 * - `seedTrackingEvents`: fills the event table with SQL (`generate_series`), about 1 million rows in
 *   some seconds, spread over parcels of 20 events each like real timelines.
 * - `trackingTimelineScenario`: reads the timeline of seeded parcels (GET /v1/trackers/:carrier/:number).
 *   For a growth pair, seed one instance with 10 thousand events and the other with 1 million, and
 *   measure this scenario on both (see growth-probes `measurePair`).
 */

export const BENCH_CARRIER = 'deutsche-post';
const EVENTS_PER_PARCEL = 20;
const CODES = ['PCKDU', 'SHRCU', 'SRTED', 'LDTMV', 'MVDPT', 'MVARR', 'SRTED', 'ULFMV', 'INFCL', 'LDTMV'];
const CITIES = ['Bonn', 'Leipzig', 'Hamburg', 'Berlin', 'Frankfurt', 'Munich', 'Cologne', 'Hannover', 'Dresden', 'Kassel'];

/** Number of the seeded parcel `i` (also what the timeline scenario reads). */
export const seededNumber = (i: number) => `BT${String(i).padStart(10, '0')}DE`;

/**
 * Inserts `events` tracking events (in parcels of 20) and their trackers with set-based SQL. Statuses
 * are consistent with the events (the last one's), so reads return what ingestion would have made.
 */
export async function seedTrackingEvents(ctx: Pick<BenchContext, 'sql' | 'log'>, events: number, offset = 0): Promise<{ parcels: number; events: number }> {
  const parcels = Math.max(1, Math.ceil(events / EVENTS_PER_PARCEL));
  const started = Date.now();
  // In chunks, so that one statement never holds the whole set in memory.
  const chunk = 25_000;
  for (let from = 1; from <= parcels; from += chunk) {
    const to = Math.min(parcels, from + chunk - 1);
    await ctx.sql(
      `INSERT INTO tracker (id, carrier, tracking_number, status, substatus, terminal, event_count, last_event_at, status_changed_at, created_at, updated_at)
       SELECT 'trk_bench' || lpad((g + $3)::text, 12, '0'), $4, 'BT' || lpad((g + $3)::text, 10, '0') || 'DE', 'in_transit', 'in_transit.arrived_facility', false, $5,
              timestamptz '2026-11-01T08:00:00Z' + ($5 - 1) * interval '1 hour', now(), now(), now()
         FROM generate_series($1::int, $2::int) g
       ON CONFLICT DO NOTHING`,
      [from, to, offset, BENCH_CARRIER, EVENTS_PER_PARCEL],
    );
    await ctx.sql(
      `INSERT INTO tracking_event (tracker_id, dedupe_key, source, code, carrier_text, description, status, substatus, action_required, rank,
                                   occurred_raw, occurred_local, utc_offset_minutes, occurred_at_utc, time_zone, zone_source, sort_at,
                                   location_city, location_country, received_at)
       SELECT 'trk_bench' || lpad((g + $3)::text, 12, '0'), 'f:' || md5((g + $3)::text || ':' || e), 'api',
              (ARRAY['PCKDU','SHRCU','SRTED','LDTMV','MVDPT','MVARR','SRTED','ULFMV','INFCL','LDTMV'])[1 + e % 10], 'Sendung bearbeitet', 'Processed',
              'in_transit', 'in_transit.arrived_facility', false, 30,
              to_char(ts AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI:SS'), to_char(ts AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD"T"HH24:MI:SS'),
              60, ts, 'Europe/Berlin', 'derived_from_location', ts,
              (ARRAY['Bonn','Leipzig','Hamburg','Berlin','Frankfurt','Munich','Cologne','Hannover','Dresden','Kassel'])[1 + e % 10], 'DE', now()
         FROM generate_series($1::int, $2::int) g, generate_series(1, $4::int) e,
              LATERAL (SELECT timestamptz '2026-11-01T08:00:00Z' + (e - 1) * interval '1 hour' + (g % 600) * interval '1 minute' AS ts) t
       ON CONFLICT DO NOTHING`,
      [from, to, offset, EVENTS_PER_PARCEL],
    );
  }
  // VACUUM as well as ANALYZE (as pgbench vacuums before it measures): a million fresh rows otherwise
  // bring autovacuum's insert-triggered VACUUM of the table into a later scenario's window, where it
  // once tripled the database's CPU per request of the public page at half load.
  await ctx.sql('VACUUM (ANALYZE) tracker');
  await ctx.sql('VACUUM (ANALYZE) tracking_event');
  // The seed's pages are written out now, not by a checkpoint during a later scenario's window. Not
  // every server account may checkpoint (superuser or pg_checkpoint); without it the bench goes on.
  await ctx.sql('CHECKPOINT').catch((e: unknown) => ctx.log(`CHECKPOINT not allowed (${e instanceof Error ? e.message : String(e)}); measuring without it`));
  ctx.log(`seeded ${parcels * EVENTS_PER_PARCEL} tracking events in ${parcels} parcels in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { parcels, events: parcels * EVENTS_PER_PARCEL };
}

/** Pool of parcels the ingestion load writes to. */
const INGEST_PARCELS = 5_000;

export function ingestionBody(seq: number): object {
  const parcel = seq % INGEST_PARCELS;
  const round = Math.floor(seq / INGEST_PARCELS);
  const base = Date.UTC(2026, 10, 1, 6) + round * 10 * 3_600_000;
  const events = [];
  for (let i = 0; i < 10; i++) {
    // The last event repeats the first of this parcel's previous request (re-sent by the carrier).
    const step = i === 9 && round > 0 ? -10 : i;
    const at = new Date(base + step * 3_600_000 + (parcel % 60) * 60_000);
    events.push({
      code: CODES[(round * 10 + Math.max(0, step)) % CODES.length],
      description: 'Sendung bearbeitet',
      occurredAt: at.toISOString().slice(0, 19),
      location: { city: CITIES[(parcel + Math.max(0, step)) % CITIES.length], postalCode: '53113', country: 'DE' },
    });
  }
  return { carrier: BENCH_CARRIER, trackingNumber: `BI${String(parcel).padStart(10, '0')}DE`, events };
}

export const trackingIngestScenario: BenchScenario = {
  id: 'tracking-ingest',
  title: 'POST /v1/tracking-events, 10 events per request (mapped codes, local times, dedupe, status derivation)',
  async prepare(ctx) {
    const key = await ctx.keyWith('tracking:write');
    const headers = bearer(key);
    const probe = await ctx.request({ method: 'POST', path: '/v1/tracking-events', headers, body: ingestionBody(0) });
    if (probe.status === 404) throw new BenchSkip('POST /v1/tracking-events is not there');
    return {
      requests: (seq: number) => ({ method: 'POST', path: '/v1/tracking-events', headers, body: ingestionBody(seq) }),
      unitsPerRequest: 10,
      unit: 'events',
      verify: (res) => (res.status === 200 && typeof res.json?.created === 'number' ? true : `ingestion answered ${res.status} ${res.text.slice(0, 300)}`),
    };
  },
};

/**
 * Timeline reads of seeded parcels. `seedEvents` is seeded first unless the instance already holds
 * that many (a growth pair seeds each side with its own size).
 */
export function trackingTimelineScenario(seedEvents: number, id = `tracking-timeline-${seedEvents >= 1e6 ? `${seedEvents / 1e6}m` : `${seedEvents / 1e3}k`}`): BenchScenario {
  return {
    id,
    title: `GET /v1/trackers/:carrier/:number (20-event timeline) with ${seedEvents.toLocaleString('en')} events stored`,
    async prepare(ctx) {
      const [{ n }] = await ctx.sql<{ n: string }>(`SELECT count(*) AS n FROM tracking_event WHERE tracker_id LIKE 'trk_bench%'`);
      if (Number(n) < seedEvents) await seedTrackingEvents(ctx, seedEvents - Number(n), Math.ceil(Number(n) / EVENTS_PER_PARCEL));
      const parcels = Math.ceil(seedEvents / EVENTS_PER_PARCEL);
      const key = await ctx.keyWith('shipments');
      const headers = bearer(key);
      return {
        // Spread over the whole table so reads are not served from one hot corner of it.
        requests: (seq: number) => ({ method: 'GET', path: `/v1/trackers/${BENCH_CARRIER}/${seededNumber(1 + ((seq * 7919) % parcels))}`, headers }),
        verify: (res) => (res.status === 200 && Array.isArray(res.json?.events) && res.json.events.length === EVENTS_PER_PARCEL ? true : `timeline answered ${res.status} ${res.text.slice(0, 300)}`),
      };
    },
  };
}
