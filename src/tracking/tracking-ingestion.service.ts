import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import type { WebhookEventType } from '../webhooks/webhook-event-types';
import { isNewEstimate } from './domain/edd-history';
import { EventCodeTables } from './domain/event-code-table';
import { mergeDuplicates } from './domain/event-ordering';
import { normaliseEvents, type PreparedEvent, type RawTrackingEvent } from './domain/event-normalisation';
import { deriveStatus, type DerivedStatus } from './domain/status-derivation';
import { TimeZoneTable } from './domain/time-zone-table';
import type { EventSource } from './domain/timeline-event';
import { SHIPMENT_DIRECTORY, type ShipmentDirectory } from './shipment-directory';
import { TrackingListeners, type StatusChange } from './tracking-listeners';
import { TrackingStore, type StatusInput, type TrackerRow } from './tracking.store';

export interface IngestRequest {
  carrier: string;
  trackingNumber: string;
  source: EventSource;
  events: RawTrackingEvent[];
  /** The carrier's current delivery estimate, kept as history (first promise vs latest). */
  estimatedDelivery?: { earliest: string; latest: string };
  /** Set when the caller already knows the shipment (warehouse scans). */
  shipmentId?: string;
  /** Path prefix for validation problems (`events`, `rows`, ...). */
  path?: string;
}

export interface IngestResult {
  trackerId: string;
  shipmentId: string | null;
  carrier: string;
  trackingNumber: string;
  created: number;
  updated: number;
  duplicates: number;
  events: { index: number; id: string | null; result: 'created' | 'updated' | 'duplicate' }[];
  status: { status: string; substatus: string | null; reason: string | null; actionRequired: boolean; terminal: boolean };
  statusChanged: boolean;
}

/**
 * The one way events enter the service, whatever their source (API, CSV, warehouse scan, carrier
 * push, poll). One transaction per parcel: the events are merged into the stored ones (by carrier
 * event id or fingerprint), the status is derived again from all of them, and when it changes the
 * merchant webhook events and listeners' changes are written in the same transaction.
 */
@Injectable()
export class TrackingIngestionService {
  private readonly store = new TrackingStore();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CarrierCatalog,
    private readonly codes: EventCodeTables,
    private readonly zones: TimeZoneTable,
    private readonly outbox: WebhookOutbox,
    private readonly listeners: TrackingListeners,
    private readonly clock: Clock,
    @Inject(SHIPMENT_DIRECTORY) private readonly shipments: ShipmentDirectory,
  ) {}

  /** True when events for this carrier can be accepted (a carrier definition or an event-code table exists). */
  knowsCarrier(carrier: string): boolean {
    return this.catalog.has(carrier) || this.codes.get(carrier) !== undefined;
  }

  /** Validates and normalises without writing; throws a 400 listing every problem. */
  prepare(req: IngestRequest): PreparedEvent[] {
    if (!this.knowsCarrier(req.carrier)) {
      throw AppError.validation([{ path: 'carrier', message: `unknown carrier "${req.carrier}"` }]);
    }
    const { events, problems } = normaliseEvents(req.events, {
      carrier: req.carrier,
      trackingNumber: req.trackingNumber,
      source: req.source,
      codes: this.codes.get(req.carrier),
      lookupZone: (l) => this.zones.zoneFor(l),
      carrierZone: this.catalog.get(req.carrier)?.timeZone,
      now: this.clock.now(),
      path: req.path,
    });
    if (req.estimatedDelivery) {
      const { earliest, latest } = req.estimatedDelivery;
      if (!isDateish(earliest)) problems.push({ path: 'estimatedDelivery.earliest', message: 'must be an ISO 8601 date or date-time' });
      if (!isDateish(latest)) problems.push({ path: 'estimatedDelivery.latest', message: 'must be an ISO 8601 date or date-time' });
      if (isDateish(earliest) && isDateish(latest) && latest.slice(0, 10) < earliest.slice(0, 10)) {
        problems.push({ path: 'estimatedDelivery.latest', message: 'must not be before earliest' });
      }
    }
    if (problems.length) throw AppError.validation(problems, 'Some tracking events are invalid');
    return events;
  }

  async ingest(req: IngestRequest): Promise<IngestResult> {
    const prepared = this.prepare(req);
    return this.db.transaction((tx) => this.ingestPrepared(tx, req, prepared));
  }

  /** Ingests inside a transaction the caller holds (CSV uploads ingest many parcels in one). */
  async ingestPrepared(tx: EntityManager, req: IngestRequest, prepared: PreparedEvent[]): Promise<IngestResult> {
    const now = this.clock.now();
    const unique = mergeDuplicates(prepared);
    let tracker = await this.store.lockTracker(tx, req.carrier, req.trackingNumber, req.shipmentId ?? null, now);
    // Booking links its parcels itself (registerShipment); a parcel first seen here may belong to a
    // shipment booked before tracking knew it, so look once, when the tracker is created.
    if (tracker.created && !tracker.shipment_id) {
      const shipment = await this.shipments.findByTrackingNumber(req.carrier, req.trackingNumber, tx);
      if (shipment) tracker = { ...(await this.store.linkShipment(tx, shipment.id, req.carrier, req.trackingNumber, now)), created: true };
    }
    const { written, inputs } = await this.store.writeEvents(tx, tracker.id, unique, now);
    const eddChanged = req.estimatedDelivery ? await this.recordEdd(tx, tracker, req.estimatedDelivery, now) : false;

    let derived: DerivedStatus = {
      status: tracker.status,
      substatus: tracker.substatus,
      reason: tracker.reason as DerivedStatus['reason'],
      actionRequired: tracker.action_required,
      terminal: tracker.terminal,
      statusEventKey: null,
      statusAt: null,
      notes: [],
    };
    let statusChanged = false;
    if (inputs) {
      derived = deriveStatus(inputs);
      const statusEvent = inputs.find((e) => e.key === derived.statusEventKey);
      statusChanged = derived.status !== tracker.status || derived.substatus !== tracker.substatus;
      const lastEventAt = inputs.length ? inputs[inputs.length - 1].sortAt : null;
      await this.store.saveStatus(tx, tracker.id, derived, statusEvent?.id ?? null, statusChanged ? now : null, lastEventAt, inputs.length);
      if (statusChanged || derived.actionRequired !== tracker.action_required) {
        await this.announce(tx, tracker, derived, statusEvent, statusChanged);
      }
    }
    if (eddChanged) await this.announceEdd(tx, tracker, req.estimatedDelivery!);

    const byKey = new Map(written.map((w) => [w.key, w]));
    const events = prepared.map((e, index) => {
      const w = byKey.get(e.key);
      return { index, id: w?.id ?? null, result: (w?.result ?? 'duplicate') as 'created' | 'updated' | 'duplicate' };
    });
    // A key reported twice in one batch is written once: later copies count as duplicates.
    const seen = new Set<string>();
    for (let i = events.length - 1; i >= 0; i--) {
      if (seen.has(prepared[i].key)) events[i] = { ...events[i], result: 'duplicate' };
      seen.add(prepared[i].key);
    }
    return {
      trackerId: tracker.id,
      shipmentId: tracker.shipment_id,
      carrier: tracker.carrier,
      trackingNumber: tracker.tracking_number,
      created: written.filter((w) => w.result === 'created').length,
      updated: written.filter((w) => w.result === 'updated').length,
      duplicates: events.filter((e) => e.result === 'duplicate').length,
      events,
      status: { status: derived.status, substatus: derived.substatus, reason: derived.reason, actionRequired: derived.actionRequired, terminal: derived.terminal },
      statusChanged,
    };
  }

  private async recordEdd(tx: EntityManager, tracker: TrackerRow, edd: { earliest: string; latest: string }, now: Date): Promise<boolean> {
    const previous = await this.store.latestEdd(tx, tracker.id);
    if (!isNewEstimate(previous, edd)) return false;
    await this.store.addEdd(tx, tracker.id, { source: 'carrier', earliest: edd.earliest, latest: edd.latest, observedAt: now });
    return previous !== undefined;
  }

  private async announce(tx: EntityManager, tracker: TrackerRow, derived: DerivedStatus, ev: StatusInput | undefined, statusChanged: boolean): Promise<void> {
    const statusEvent = ev
      ? { id: ev.id, description: ev.row.description, occurredAt: formatOccurredAt(ev.row.occurred_local, ev.row.utc_offset_minutes), city: ev.row.location_city, country: ev.row.location_country }
      : null;
    const change: StatusChange = {
      tracker,
      previous: { status: tracker.status, substatus: tracker.substatus, actionRequired: tracker.action_required },
      current: derived,
      statusEvent,
    };
    const data = {
      shipmentId: tracker.shipment_id,
      trackerId: tracker.id,
      carrier: tracker.carrier,
      trackingNumber: tracker.tracking_number,
      status: derived.status,
      substatus: derived.substatus,
      reason: derived.reason,
      actionRequired: derived.actionRequired,
      terminal: derived.terminal,
      previousStatus: tracker.status,
      previousSubstatus: tracker.substatus,
      event: statusEvent,
    };
    const subject = tracker.shipment_id ?? tracker.id;
    const types: WebhookEventType[] = [];
    if (statusChanged) types.push('shipment.status_changed');
    if (statusChanged && derived.status === 'delivered' && tracker.status !== 'delivered') types.push('shipment.delivered');
    if (statusChanged && derived.status === 'exception' && tracker.status !== 'exception') types.push('shipment.exception');
    if (statusChanged && derived.status === 'return_to_sender' && tracker.status !== 'return_to_sender') types.push('shipment.returned_to_sender');
    if (derived.actionRequired && (!tracker.action_required || statusChanged)) types.push('shipment.action_required');
    await this.outbox.publishAll(tx, subject, types.map((type) => ({ type, data })));
    await this.listeners.emit(tx, change);
  }

  private async announceEdd(tx: EntityManager, tracker: TrackerRow, edd: { earliest: string; latest: string }): Promise<void> {
    const history = (await this.store.eddHistory(tx, [tracker.id])).get(tracker.id) ?? [];
    await this.outbox.publish(tx, 'shipment.edd_changed', tracker.shipment_id ?? tracker.id, {
      shipmentId: tracker.shipment_id,
      trackerId: tracker.id,
      carrier: tracker.carrier,
      trackingNumber: tracker.tracking_number,
      estimatedDelivery: { earliest: edd.earliest, latest: edd.latest },
      firstPromise: history[0] ? { earliest: history[0].earliest, latest: history[0].latest } : null,
    });
  }
}

function isDateish(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v.slice(0, 10)));
}

/** Local wall time with its offset when known (`2026-11-20T09:15:00+01:00`), else the bare local time. */
export function formatOccurredAt(local: string, offsetMinutes: number | null): string {
  if (offsetMinutes === null || offsetMinutes === undefined) return local;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
