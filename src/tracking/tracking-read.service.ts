import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../platform/errors/app-error';
import { summariseEdd, type EddEntry } from './domain/edd-history';
import { EventCodeTables } from './domain/event-code-table';
import { STATUS_RANK, type TrackingStatus } from './domain/tracking-status';
import { SHIPMENT_DIRECTORY, type ShipmentDirectory, type ShipmentRef } from './shipment-directory';
import { formatOccurredAt } from './tracking-ingestion.service';
import { ReturnTimelineRegistry, type ReturnSummary } from './return-timeline.registry';
import { preparedReads, type SqlRunner } from './prepared-reads';
import { TIMELINE_READS, TrackingStore, type StoredEventRow, type TrackerRow } from './tracking.store';

export interface TimelineEventView {
  id: string;
  carrier: string;
  trackingNumber: string;
  /** `outbound` for the shipment's own parcels, `return` for a customer return's. */
  leg: 'outbound' | 'return';
  shipmentId: string | null;
  returnId: string | null;
  status: string;
  substatus: string | null;
  reason: string | null;
  actionRequired: boolean;
  code: string | null;
  carrierText: string | null;
  description: string;
  /** Local wall time with its offset when known (`2026-11-20T09:15:00+01:00`), else the bare local time. */
  occurredAt: string;
  occurredAtLocal: string;
  utcOffset: string | null;
  occurredAtUtc: string | null;
  timeZone: string | null;
  zoneSource: string;
  location: { city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
  source: string;
  receivedAt: string;
  revision: number;
}

export interface TrackerView {
  id: string;
  carrier: string;
  trackingNumber: string;
  shipmentId: string | null;
  leg: 'outbound' | 'return';
  status: string;
  substatus: string | null;
  reason: string | null;
  actionRequired: boolean;
  terminal: boolean;
  statusChangedAt: string | null;
  lastEventAt: string | null;
  eventCount: number;
  estimatedDelivery: { first: EddView | null; latest: EddView | null; slipped: boolean };
}

interface EddView {
  earliest: string;
  latest: string;
  source: string;
  observedAt: string;
}

export interface TimelineView {
  shipmentId: string | null;
  status: string;
  substatus: string | null;
  reason: string | null;
  actionRequired: boolean;
  terminal: boolean;
  estimatedDelivery: { first: EddView | null; latest: EddView | null; slipped: boolean };
  trackers: TrackerView[];
  events: TimelineEventView[];
  returns: ReturnSummary[];
}

/** The buyer-safe read model: no postal code, no region, no carrier free text, no ids that reveal anything. */
export interface PublicTimelineView {
  status: string;
  substatus: string | null;
  actionRequired: boolean;
  carrier: string | null;
  trackingNumber: string | null;
  estimatedDelivery: { earliest: string; latest: string } | null;
  firstPromise: { earliest: string; latest: string } | null;
  events: { status: string; substatus: string | null; description: string; occurredAt: string; location: { city: string | null; country: string | null } | null; leg: 'outbound' | 'return' }[];
  returns: { status: string; createdAt: string; events: { status: string; description: string; occurredAt: string; location: { city: string | null; country: string | null } | null }[] }[];
}

/**
 * Reads timelines: one parcel, one shipment (all its parcels and its customer returns, in occurrence
 * order), and the public projection used by the buyer's tracking page.
 */
@Injectable()
export class TrackingReadService {
  private readonly store = new TrackingStore();
  /** Reads are never part of a transaction: the store's statements run prepared. */
  private readonly reads: SqlRunner;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(SHIPMENT_DIRECTORY) private readonly shipments: ShipmentDirectory,
    private readonly returns: ReturnTimelineRegistry,
    private readonly codes: EventCodeTables,
  ) {
    this.reads = preparedReads(db, TIMELINE_READS);
  }

  async trackerTimeline(carrier: string, trackingNumber: string): Promise<TimelineView> {
    const tracker = await this.store.findTracker(this.reads, carrier, trackingNumber);
    if (!tracker) throw AppError.notFound('Tracker');
    if (tracker.shipment_id) return this.shipmentTimeline(tracker.shipment_id);
    return this.build(this.reads, null, [{ tracker, leg: 'outbound', returnId: null }], []);
  }

  /** The whole timeline of a shipment, its customer returns included. 404 for an unknown shipment. */
  async shipmentTimeline(shipmentId: string): Promise<TimelineView> {
    const shipment = await this.shipments.findById(shipmentId);
    if (!shipment) throw AppError.notFound('Shipment');
    return this.timelineOf(shipment);
  }

  private async timelineOf(shipment: ShipmentRef): Promise<TimelineView> {
    const tx = this.reads;
    const returnShipments = shipment.direction === 'outbound' ? await this.shipments.returnsOf(shipment.id) : [];
    const returnSummaries = await this.returns.summariesFor(shipment.id);
    const returnIdByShipment = new Map(returnSummaries.filter((r) => r.shipmentId).map((r) => [r.shipmentId as string, r.id]));
    const trackers = await this.store.trackersOfShipments(tx, [shipment.id, ...returnShipments.map((r) => r.id)]);
    const legs = trackers.map((t) => ({
      tracker: t,
      leg: (t.shipment_id === shipment.id ? shipment.direction : 'return') as 'outbound' | 'return',
      returnId: t.shipment_id ? (returnIdByShipment.get(t.shipment_id) ?? null) : null,
    }));
    return this.build(tx, shipment.id, legs, returnSummaries, shipment);
  }

  /**
   * The buyer-safe projection for the public tracking page: status, delivery window, and per event
   * only status, our own wording of the code, time and city/country. Carrier free text is left out
   * (it can carry a signer's name), and so are postal codes and regions.
   */
  async publicTimeline(shipmentId: string): Promise<PublicTimelineView | undefined> {
    const shipment = await this.shipments.findById(shipmentId);
    if (!shipment) return undefined;
    const full = await this.timelineOf(shipment);
    const main = full.trackers.find((t) => t.leg === shipment.direction);
    return {
      status: full.status,
      substatus: full.substatus,
      actionRequired: full.actionRequired,
      carrier: shipment.carrier,
      trackingNumber: main?.trackingNumber ?? shipment.trackingNumbers[0] ?? null,
      estimatedDelivery: full.estimatedDelivery.latest ? { earliest: full.estimatedDelivery.latest.earliest, latest: full.estimatedDelivery.latest.latest } : null,
      firstPromise: full.estimatedDelivery.first ? { earliest: full.estimatedDelivery.first.earliest, latest: full.estimatedDelivery.first.latest } : null,
      events: full.events.map((e) => ({
        status: e.status,
        substatus: e.substatus,
        description: this.publicDescription(e),
        occurredAt: e.occurredAt,
        location: e.location ? { city: e.location.city, country: e.location.country } : null,
        leg: e.leg,
      })),
      returns: full.returns.map((r) => ({
        status: r.status,
        createdAt: r.createdAt,
        events: r.events.map((h) => ({ status: h.status, description: h.description, occurredAt: h.occurredAt, location: null })),
      })),
    };
  }

  private publicDescription(e: TimelineEventView): string {
    const fromTable = e.code ? this.codes.get(e.carrier)?.lookup(e.code)?.description : undefined;
    if (fromTable) return fromTable;
    const text = (e.substatus ?? e.status).split('.').pop() as string;
    return text.charAt(0).toUpperCase() + text.slice(1).replace(/_/g, ' ');
  }

  private async build(
    tx: SqlRunner,
    shipmentId: string | null,
    legs: { tracker: TrackerRow; leg: 'outbound' | 'return'; returnId: string | null }[],
    returns: ReturnSummary[],
    shipment?: ShipmentRef,
  ): Promise<TimelineView> {
    const ids = legs.map((l) => l.tracker.id);
    const [rows, edds] = await Promise.all([this.store.events(tx, ids), this.store.eddHistory(tx, ids)]);
    const legOf = new Map(legs.map((l) => [l.tracker.id, l]));
    const trackers: TrackerView[] = legs.map(({ tracker: t, leg }) => ({
      id: t.id,
      carrier: t.carrier,
      trackingNumber: t.tracking_number,
      shipmentId: t.shipment_id,
      leg,
      status: t.status,
      substatus: t.substatus,
      reason: t.reason,
      actionRequired: t.action_required,
      terminal: t.terminal,
      statusChangedAt: t.status_changed_at ? new Date(t.status_changed_at).toISOString() : null,
      lastEventAt: t.last_event_at ? new Date(t.last_event_at).toISOString() : null,
      eventCount: t.event_count,
      estimatedDelivery: eddView(edds.get(t.id) ?? []),
    }));
    const events = rows.map((r) => eventView(r, legOf.get(r.tracker_id)!));
    // The shipment's status is its least advanced parcel's: a multi-parcel shipment is delivered when every parcel is.
    const own = trackers.filter((t) => t.leg === (shipment?.direction ?? 'outbound'));
    const pick = own.length ? own.reduce((a, b) => (STATUS_RANK[b.status as TrackingStatus] < STATUS_RANK[a.status as TrackingStatus] ? b : a)) : undefined;
    const eddAll = own.flatMap((t) => edds.get(t.id) ?? []).sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    return {
      shipmentId,
      status: pick?.status ?? (shipmentId ? 'label_created' : 'unknown'),
      substatus: pick?.substatus ?? null,
      reason: pick?.reason ?? null,
      actionRequired: own.some((t) => t.actionRequired),
      terminal: own.length > 0 && own.every((t) => t.terminal),
      estimatedDelivery: eddView(eddAll),
      trackers,
      events,
      returns,
    };
  }
}

function eddView(history: EddEntry[]): TimelineView['estimatedDelivery'] {
  const s = summariseEdd(history);
  const v = (e: EddEntry | null): EddView | null => (e ? { earliest: e.earliest, latest: e.latest, source: e.source, observedAt: e.observedAt.toISOString() } : null);
  return { first: v(s.first), latest: v(s.latest), slipped: s.slipped };
}

function eventView(r: StoredEventRow, leg: { tracker: TrackerRow; leg: 'outbound' | 'return'; returnId: string | null }): TimelineEventView {
  const offset = r.utc_offset_minutes;
  const location = r.location_city || r.location_country || r.location_region || r.location_postal_code
    ? { city: r.location_city, region: r.location_region, postalCode: r.location_postal_code, country: r.location_country }
    : null;
  return {
    id: String(r.id),
    carrier: leg.tracker.carrier,
    trackingNumber: leg.tracker.tracking_number,
    leg: leg.leg,
    shipmentId: leg.tracker.shipment_id,
    returnId: leg.returnId,
    status: r.status,
    substatus: r.substatus,
    reason: r.reason,
    actionRequired: r.action_required,
    code: r.code,
    carrierText: r.carrier_text,
    description: r.description,
    occurredAt: formatOccurredAt(r.occurred_local, offset),
    occurredAtLocal: r.occurred_local,
    utcOffset: offset === null ? null : formatOccurredAt('', offset),
    occurredAtUtc: r.occurred_at_utc ? new Date(r.occurred_at_utc).toISOString() : null,
    timeZone: r.time_zone,
    zoneSource: r.zone_source,
    location,
    source: r.source,
    receivedAt: new Date(r.received_at).toISOString(),
    revision: r.revision,
  };
}
