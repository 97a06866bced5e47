import { Injectable } from '@nestjs/common';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import type { ShipmentWithStatus } from '../shipments/shipment.store';
import { ShipmentStore } from '../shipments/shipment.store';
import { DateTime } from 'luxon';
import { EventCodeTables } from '../tracking/domain/event-code-table';
import { TimeZoneTable } from '../tracking/domain/time-zone-table';
import { isTrackingStatus, type TrackingStatus } from '../tracking/domain/tracking-status';
import type { TimelineEventView, TimelineView, TrackerView } from '../tracking/tracking-read.service';
import { TrackingService } from '../tracking/tracking.service';
import type { CustomsFacts, EventFacts, OrderFacts, ParcelFacts, PersonalFacts, WindowFacts } from './domain/public-tracking.facts';
import { PublicShipmentReader } from './public-shipment.reader';

/** An order as public tracking needs it, with the buyer's data kept apart from what may be shown. */
export interface LoadedOrder {
  order: OrderFacts;
  personal: PersonalFacts;
  /** API-carrier parcels of the order whose status a page view may refresh. */
  refreshable: { shipmentId: string; carrier: string; trackingNumber: string }[];
}

/**
 * Gathers an order for the public page from the rooms that own the data: the shipment (and the other
 * shipments of its order) from `ShipmentStore`, each shipment's timeline (parcels, events, delivery
 * estimates, returns) from `TrackingService`, carrier names and event wording from the data files.
 */
@Injectable()
export class PublicTrackingSource {
  constructor(
    private readonly reader: PublicShipmentReader,
    private readonly shipments: ShipmentStore,
    private readonly tracking: TrackingService,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly codes: EventCodeTables,
    private readonly zones: TimeZoneTable,
  ) {}

  /** `trackingNumber`: the parcel the reader asked for (lookup by number); the shipment's first otherwise. */
  async load(shipmentId: string, trackingNumber?: string): Promise<LoadedOrder | undefined> {
    const shipment = await this.shipments.findById(shipmentId);
    if (!shipment) return undefined;
    const siblingIds =
      shipment.direction === 'outbound' && shipment.reference ? await this.reader.orderSiblings(shipment.id, shipment.reference, shipment.ownerKeyId) : [];
    const siblings = siblingIds.length ? await this.shipments.findByIds(siblingIds) : [];
    const orderShipments = [shipment, ...siblings.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id.localeCompare(b.id)))];
    const timelines = await Promise.all(orderShipments.map((s) => this.tracking.shipmentTimeline(s.id)));

    const parcels: ParcelFacts[] = [];
    const returns: ParcelFacts[] = [];
    orderShipments.forEach((s, i) => {
      const timeline = timelines[i];
      parcels.push(...this.parcelsOf(s, timeline, s.direction));
      const rmaByShipment = new Map(timeline.returns.filter((r) => r.shipmentId).map((r) => [r.shipmentId as string, r]));
      for (const tracker of timeline.trackers.filter((t) => t.leg === 'return' && t.shipmentId !== s.id)) {
        const rma = rmaByShipment.get(tracker.shipmentId ?? '');
        returns.push({ ...this.parcelFacts(tracker, timeline.events, 'return', tracker.shipmentId ?? s.id, rma?.rma ?? null), returnState: rma?.status ?? null });
      }
      // Returns the carrier has not scanned yet (no tracker), or without a label at all.
      for (const r of timeline.returns.filter((x) => !x.shipmentId || !timeline.trackers.some((t) => t.shipmentId === x.shipmentId))) {
        returns.push(this.pendingReturn(r.id, r.rma, r.status, r.carrier, r.trackingNumber));
      }
    });
    const primary =
      (trackingNumber && parcels.find((p) => p.shipmentId === shipment.id && p.trackingNumber === trackingNumber)) ||
      parcels.find((p) => p.shipmentId === shipment.id) ||
      parcels[0];
    return {
      order: { primary, parcels, returns, customs: customsOf(shipment), reference: shipment.reference },
      personal: personalOf(shipment),
      refreshable: parcels.filter((p) => p.apiCarrier && !isFinal(p.status)).map((p) => ({ shipmentId: p.shipmentId, carrier: p.carrier, trackingNumber: p.trackingNumber })),
    };
  }

  /** A shipment's own parcels: one per tracker, or one per booked number before tracking knows them. */
  private parcelsOf(s: ShipmentWithStatus, timeline: TimelineView, direction: 'outbound' | 'return'): ParcelFacts[] {
    const own = timeline.trackers.filter((t) => t.shipmentId === s.id && t.leg === direction);
    if (own.length) {
      return own.map((tracker) => {
        const parcel = this.parcelFacts(tracker, timeline.events, direction, s.id, null);
        parcel.serviceName = s.serviceName;
        if (s.status === 'cancelled') Object.assign(parcel, { status: 'cancelled', substatus: 'cancelled.label_voided', actionRequired: false });
        return parcel;
      });
    }
    const numbers = s.parcels.length ? s.parcels.map((p) => p.trackingNumber) : [s.trackingNumber];
    return numbers.map((number, i) => ({
      key: `${s.id}:${i}`,
      shipmentId: s.id,
      direction,
      carrier: s.carrier,
      carrierName: this.carrierName(s.carrier),
      serviceName: s.serviceName,
      trackingNumber: number,
      apiCarrier: this.isApiCarrier(s.carrier),
      status: s.status === 'cancelled' ? 'cancelled' : 'label_created',
      substatus: s.status === 'cancelled' ? 'cancelled.label_voided' : 'label_created.label_created',
      actionRequired: false,
      events: [],
      estimatedDelivery: null,
      firstEstimatedDelivery: null,
      rma: null,
      returnState: null,
    }));
  }

  private parcelFacts(tracker: TrackerView, allEvents: TimelineEventView[], direction: 'outbound' | 'return', shipmentId: string, rma: string | null): ParcelFacts {
    const events = allEvents.filter((e) => e.carrier === tracker.carrier && e.trackingNumber === tracker.trackingNumber).map((e) => this.eventFacts(e));
    const latest = tracker.estimatedDelivery.latest;
    const first = tracker.estimatedDelivery.first;
    return {
      key: tracker.id,
      shipmentId,
      direction,
      carrier: tracker.carrier,
      carrierName: this.carrierName(tracker.carrier),
      serviceName: null,
      trackingNumber: tracker.trackingNumber,
      apiCarrier: this.isApiCarrier(tracker.carrier),
      status: statusOf(tracker.status),
      substatus: tracker.substatus,
      actionRequired: tracker.actionRequired,
      events,
      estimatedDelivery: latest ? window(latest) : null,
      firstEstimatedDelivery: first ? window(first) : null,
      rma,
      returnState: null,
    };
  }

  private pendingReturn(id: string, rma: string, state: string, carrier: string | null, trackingNumber: string | null): ParcelFacts {
    return {
      key: id,
      shipmentId: id,
      direction: 'return',
      carrier: carrier ?? '',
      carrierName: carrier ? this.carrierName(carrier) : '',
      serviceName: null,
      trackingNumber: trackingNumber ?? '',
      apiCarrier: false,
      status: RETURN_STATE_STATUS[state] ?? 'unknown',
      substatus: null,
      actionRequired: false,
      events: [],
      estimatedDelivery: null,
      firstEstimatedDelivery: null,
      rma,
      returnState: state,
    };
  }

  private eventFacts(e: TimelineEventView): EventFacts {
    const fromTable = e.code ? this.codes.get(e.carrier)?.lookup(e.code)?.description : undefined;
    const offset = offsetMinutes(e.utcOffset);
    return {
      status: statusOf(e.status),
      substatus: e.substatus,
      actionRequired: e.actionRequired,
      description: e.description,
      publicDescription: fromTable ?? null,
      occurredAt: e.occurredAt,
      local: e.occurredAtLocal,
      utcOffsetMinutes: offset,
      timeZone: e.timeZone ?? this.zoneOfPlace(e, offset),
      city: e.location?.city ?? null,
      country: e.location?.country ?? null,
    };
  }

  /**
   * A carrier that sends `+01:00` says nothing about the zone; to name it on the page ("Central
   * European Standard Time" rather than "UTC+01:00") the place's zone is used, but only when its
   * offset at that moment is the one the carrier gave.
   */
  private zoneOfPlace(e: TimelineEventView, offset: number | null): string | null {
    if (offset === null || !e.location) return null;
    const zone = this.zones.zoneFor({ country: e.location.country ?? undefined, region: e.location.region ?? undefined, city: e.location.city ?? undefined });
    if (!zone) return null;
    return DateTime.fromISO(e.occurredAtLocal, { zone }).offset === offset ? zone : null;
  }

  private carrierName(code: string): string {
    return this.catalog.get(code)?.name ?? code;
  }

  /** A carrier we can ask for tracking over its API (the poller's test: an adapter with `track`, enabled). */
  private isApiCarrier(code: string): boolean {
    const carrier = this.catalog.get(code);
    if (!carrier || !this.adapters.has(carrier.adapter)) return false;
    const adapter = this.adapters.get(carrier.adapter);
    return typeof adapter.track === 'function' && adapter.enabled?.(carrier) !== false;
  }
}

/** The parcel status a return implies before its carrier has scanned it. */
const RETURN_STATE_STATUS: Record<string, TrackingStatus> = {
  requested: 'unknown',
  label_issued: 'label_created',
  expired: 'label_created',
  in_transit: 'in_transit',
  delivered_to_merchant: 'delivered',
  received: 'delivered',
  closed: 'delivered',
  cancelled: 'cancelled',
};

function statusOf(value: string): TrackingStatus {
  return isTrackingStatus(value) ? value : 'unknown';
}

function isFinal(status: TrackingStatus): boolean {
  return status === 'delivered' || status === 'cancelled';
}

function window(w: { earliest: string; latest: string }): WindowFacts {
  return { earliest: w.earliest, latest: w.latest };
}

/** `+01:00` / `-05:30` -> minutes. */
function offsetMinutes(offset: string | null): number | null {
  const m = offset ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset) : null;
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function customsOf(s: ShipmentWithStatus): CustomsFacts {
  const required = s.customs?.crossesBorder ?? s.shipFrom.country !== s.shipTo.country;
  const d = s.dutiesAndTaxes as { total?: { amount?: unknown; currency?: unknown }; confidence?: unknown } | null;
  const amount = d?.total && typeof d.total.amount === 'string' && typeof d.total.currency === 'string' ? d.total : undefined;
  return {
    required,
    incoterm: s.incoterm ?? null,
    dutiesAndTaxes: amount ? { amount: amount.amount as string, currency: amount.currency as string, estimate: d?.confidence !== 'exact' } : null,
  };
}

function personalOf(s: ShipmentWithStatus): PersonalFacts {
  const to = s.shipTo;
  return {
    name: to.name ?? null,
    company: to.company ?? null,
    street1: to.street1 ?? null,
    street2: [to.street2, to.street3].filter(Boolean).join(' ') || null,
    city: to.city ?? null,
    region: to.region ?? null,
    postalCode: to.postalCode ?? null,
    country: to.country ?? null,
    phone: to.phone ?? null,
    email: to.email ?? null,
    items: (s.items ?? []).map((i) => ({ description: i.description, quantity: i.quantity, sku: i.sku ?? null })),
  };
}
