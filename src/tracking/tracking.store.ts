import type { EntityManager } from 'typeorm';
import { newId } from '../platform/ids/new-id';
import type { PreparedEvent } from './domain/event-normalisation';
import type { EddEntry } from './domain/edd-history';
import type { DerivedStatus } from './domain/status-derivation';
import { orderEvents } from './domain/event-ordering';
import type { TimelineEvent } from './domain/timeline-event';
import type { TrackingReason, TrackingStatus } from './domain/tracking-status';
import type { SqlRunner } from './prepared-reads';

export interface TrackerRow {
  id: string;
  carrier: string;
  tracking_number: string;
  shipment_id: string | null;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  action_required: boolean;
  terminal: boolean;
  status_event_id: string | null;
  status_changed_at: Date | null;
  last_event_at: Date | null;
  event_count: number;
  poll_started_at: Date | null;
  poll_next_at: Date | null;
  poll_count: number;
  poll_stopped: string | null;
  created_at: Date;
}

export interface StoredEventRow {
  id: string;
  tracker_id: string;
  dedupe_key: string;
  carrier_event_id: string | null;
  source: TimelineEvent['source'];
  code: string | null;
  carrier_text: string | null;
  description: string;
  status: TrackingStatus;
  substatus: string | null;
  reason: string | null;
  action_required: boolean;
  rank: number;
  occurred_raw: string;
  occurred_local: string;
  utc_offset_minutes: number | null;
  occurred_at_utc: Date | null;
  time_zone: string | null;
  zone_source: TimelineEvent['zoneSource'];
  sort_at: Date;
  location_city: string | null;
  location_region: string | null;
  location_postal_code: string | null;
  location_country: string | null;
  revision: number;
  received_at: Date;
  updated_at: Date | null;
}

/** What status derivation needs of an event, plus what a status-change announcement shows of it. */
export type StatusInput = TimelineEvent & {
  id: string;
  row: Pick<StoredEventRow, 'description' | 'occurred_local' | 'utc_offset_minutes' | 'location_city' | 'location_country'>;
};

export type WriteResult = { key: string; id: string; result: 'created' | 'updated' };

const EVENT_COLUMNS = [
  'tracker_id',
  'dedupe_key',
  'carrier_event_id',
  'source',
  'code',
  'carrier_text',
  'description',
  'status',
  'substatus',
  'reason',
  'action_required',
  'rank',
  'occurred_raw',
  'occurred_local',
  'utc_offset_minutes',
  'occurred_at_utc',
  'time_zone',
  'zone_source',
  'sort_at',
  'location_city',
  'location_region',
  'location_postal_code',
  'location_country',
  'received_at',
] as const;

// A report of a known event changes it only when something in it differs; `revision` counts changes.
const UPDATABLE = EVENT_COLUMNS.filter((c) => !['tracker_id', 'dedupe_key', 'source', 'received_at'].includes(c));

const ON_CONFLICT_UPDATE = `
  ON CONFLICT (tracker_id, dedupe_key) DO UPDATE SET
    ${UPDATABLE.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
    revision = tracking_event.revision + 1,
    updated_at = EXCLUDED.received_at
  WHERE (${UPDATABLE.map((c) => `tracking_event.${c}`).join(', ')}) IS DISTINCT FROM (${UPDATABLE.map((c) => `EXCLUDED.${c}`).join(', ')})
`;

/**
 * SQL for trackers and their events. Every function takes the EntityManager of the caller's
 * transaction; one ingestion is a handful of statements whatever the number of events (one upsert
 * of the tracker, one multi-row insert of the events, one read of the tracker's events, one update).
 */
export class TrackingStore {
  /** Finds or creates the tracker and locks its row until the transaction ends (ingestions of one parcel serialise). */
  async lockTracker(tx: EntityManager, carrier: string, trackingNumber: string, shipmentId: string | null, now: Date): Promise<TrackerRow & { created: boolean }> {
    const rows: Array<TrackerRow & { created: boolean }> = await tx.query(
      `INSERT INTO tracker (id, carrier, tracking_number, shipment_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (carrier, tracking_number) DO UPDATE
         SET updated_at = EXCLUDED.updated_at, shipment_id = COALESCE(tracker.shipment_id, EXCLUDED.shipment_id)
       RETURNING *, (xmax = 0) AS created`,
      [newId('trk'), carrier, trackingNumber, shipmentId, now],
    );
    return rows[0];
  }

  /**
   * Writes the events and, when any was created or changed, reads back what status derivation needs
   * of all the tracker's events, in the same statement (one round trip instead of two: the insert's
   * RETURNING rows plus the stored rows it did not touch, which the statement still sees as before).
   */
  async writeEvents(tx: EntityManager, trackerId: string, events: PreparedEvent[], now: Date): Promise<{ written: WriteResult[]; inputs: StatusInput[] | null }> {
    if (!events.length) return { written: [], inputs: null };
    const params: unknown[] = [];
    const tuples = events.map((e) => {
      const values = eventValues(trackerId, e, now);
      const start = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    params.push(trackerId);
    const t = params.length;
    const rows: Array<StatusRow & { written: boolean; inserted: boolean | null }> = await tx.query(
      `WITH ins AS (
         INSERT INTO tracking_event (${EVENT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ${ON_CONFLICT_UPDATE}
         RETURNING (xmax = 0) AS inserted, ${STATUS_COLUMNS}
       )
       SELECT true AS written, inserted, ${STATUS_COLUMNS} FROM ins
       UNION ALL
       SELECT false, NULL::boolean, ${STATUS_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM tracking_event e
        WHERE e.tracker_id = $${t} AND EXISTS (SELECT 1 FROM ins) AND NOT EXISTS (SELECT 1 FROM ins i WHERE i.dedupe_key = e.dedupe_key)`,
      params,
    );
    const written: WriteResult[] = rows.filter((r) => r.written).map((r) => ({ key: r.dedupe_key, id: String(r.id), result: r.inserted ? 'created' : 'updated' }));
    if (!written.length) return { written, inputs: null };
    return { written, inputs: orderEvents(rows.map(statusInput)) };
  }

  async saveStatus(tx: EntityManager, trackerId: string, derived: DerivedStatus, statusEventId: string | null, changedAt: Date | null, lastEventAt: Date | null, eventCount: number): Promise<void> {
    await tx.query(
      `UPDATE tracker SET status = $2, substatus = $3, reason = $4, action_required = $5, terminal = $6, status_event_id = $7,
              status_changed_at = COALESCE($8, status_changed_at), last_event_at = $9, event_count = $10
        WHERE id = $1`,
      [trackerId, derived.status, derived.substatus, derived.reason, derived.actionRequired, derived.terminal, statusEventId, changedAt, lastEventAt, eventCount],
    );
  }

  async latestEdd(tx: EntityManager, trackerId: string): Promise<EddEntry | undefined> {
    const rows: { source: string; earliest: string; latest: string; observed_at: Date }[] = await tx.query(
      `SELECT source, earliest, latest, observed_at FROM tracking_edd WHERE tracker_id = $1 ORDER BY id DESC LIMIT 1`,
      [trackerId],
    );
    return rows[0] ? { source: rows[0].source, earliest: rows[0].earliest, latest: rows[0].latest, observedAt: new Date(rows[0].observed_at) } : undefined;
  }

  async addEdd(tx: EntityManager, trackerId: string, e: EddEntry): Promise<void> {
    await tx.query(`INSERT INTO tracking_edd (tracker_id, source, earliest, latest, observed_at) VALUES ($1, $2, $3, $4, $5)`, [trackerId, e.source, e.earliest, e.latest, e.observedAt]);
  }

  async eddHistory(tx: SqlRunner, trackerIds: string[]): Promise<Map<string, EddEntry[]>> {
    const map = new Map<string, EddEntry[]>();
    if (!trackerIds.length) return map;
    const rows: { tracker_id: string; source: string; earliest: string; latest: string; observed_at: Date }[] = await tx.query(TIMELINE_READS.tracking_edd_history, [trackerIds]);
    for (const r of rows) {
      const list = map.get(r.tracker_id) ?? [];
      list.push({ source: r.source, earliest: r.earliest, latest: r.latest, observedAt: new Date(r.observed_at) });
      map.set(r.tracker_id, list);
    }
    return map;
  }

  async trackersOfShipments(tx: SqlRunner, shipmentIds: string[]): Promise<TrackerRow[]> {
    if (!shipmentIds.length) return [];
    return tx.query(TIMELINE_READS.tracking_trackers_of_shipments, [shipmentIds]);
  }

  async findTracker(tx: SqlRunner, carrier: string, trackingNumber: string): Promise<TrackerRow | undefined> {
    const rows: TrackerRow[] = await tx.query(TIMELINE_READS.tracking_tracker_by_number, [carrier, trackingNumber]);
    return rows[0];
  }

  async findTrackerById(tx: EntityManager, id: string): Promise<TrackerRow | undefined> {
    const rows: TrackerRow[] = await tx.query(`SELECT * FROM tracker WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The events of some trackers in occurrence order (the timeline index serves this). */
  async events(tx: SqlRunner, trackerIds: string[]): Promise<StoredEventRow[]> {
    if (!trackerIds.length) return [];
    return tx.query(TIMELINE_READS.tracking_events, [trackerIds]);
  }

  async linkShipment(tx: EntityManager, shipmentId: string, carrier: string, trackingNumber: string, now: Date): Promise<TrackerRow> {
    const rows: TrackerRow[] = await tx.query(
      `INSERT INTO tracker (id, carrier, tracking_number, shipment_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (carrier, tracking_number) DO UPDATE SET shipment_id = EXCLUDED.shipment_id, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [newId('trk'), carrier, trackingNumber, shipmentId, now],
    );
    return rows[0];
  }
}

// Every column, named: a prepared `SELECT *` fails ("cached plan must not change result type") on each
// connection that prepared it once a migration adds a column.
const TRACKER_ROW =
  'id, carrier, tracking_number, shipment_id, status, substatus, reason, action_required, terminal, status_event_id, status_changed_at, last_event_at, event_count, poll_started_at, poll_next_at, poll_count, poll_stopped, created_at, updated_at';
const EVENT_ROW = `id, ${EVENT_COLUMNS.join(', ')}, revision, updated_at`;

/** The timeline's reads, by the name they are prepared under (see `preparedReads`). */
export const TIMELINE_READS = {
  tracking_tracker_by_number: `SELECT ${TRACKER_ROW} FROM tracker WHERE carrier = $1 AND tracking_number = $2`,
  tracking_trackers_of_shipments: `SELECT ${TRACKER_ROW} FROM tracker WHERE shipment_id = ANY($1) ORDER BY created_at, id`,
  tracking_events: `SELECT ${EVENT_ROW} FROM tracking_event WHERE tracker_id = ANY($1) ORDER BY sort_at, rank, dedupe_key`,
  tracking_edd_history: `SELECT tracker_id, source, earliest, latest, observed_at FROM tracking_edd WHERE tracker_id = ANY($1) ORDER BY id`,
};

/** What status derivation and its announcement read of each event. */
const STATUS_COLUMNS = 'id, dedupe_key, status, substatus, reason, action_required, rank, sort_at, source, description, occurred_local, utc_offset_minutes, location_city, location_country';

type StatusRow = Pick<
  StoredEventRow,
  'id' | 'dedupe_key' | 'status' | 'substatus' | 'reason' | 'action_required' | 'rank' | 'sort_at' | 'source' | 'description' | 'occurred_local' | 'utc_offset_minutes' | 'location_city' | 'location_country'
>;

function statusInput(r: StatusRow): StatusInput {
  return {
    id: String(r.id),
    row: r,
    key: r.dedupe_key,
    status: r.status,
    substatus: r.substatus ?? undefined,
    reason: (r.reason ?? undefined) as TrackingReason | undefined,
    actionRequired: r.action_required,
    rank: r.rank,
    sortAt: new Date(r.sort_at),
    source: r.source,
    description: '',
    utc: null,
    local: '',
    utcOffsetMinutes: null,
    zoneSource: 'unknown',
  };
}

function eventValues(trackerId: string, e: PreparedEvent, now: Date): unknown[] {
  return [
    trackerId,
    e.key,
    e.carrierEventId ?? null,
    e.source,
    e.code ?? null,
    e.carrierText ?? null,
    e.description,
    e.status,
    e.substatus ?? null,
    e.reason ?? null,
    e.actionRequired,
    e.rank,
    e.occurredRaw,
    e.local,
    e.utcOffsetMinutes,
    e.utc,
    e.zone,
    e.zoneSource,
    e.sortAt,
    e.location?.city ?? null,
    e.location?.region ?? null,
    e.location?.postalCode ?? null,
    e.location?.country ?? null,
    now,
  ];
}
