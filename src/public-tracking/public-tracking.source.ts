import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import type { AddressSpec } from '../carriers/shipment-spec';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { summariseEdd } from '../tracking/domain/edd-history';
import { EventCodeTables } from '../tracking/domain/event-code-table';
import { TimeZoneTable } from '../tracking/domain/time-zone-table';
import { isTrackingStatus, type TrackingStatus } from '../tracking/domain/tracking-status';
import { ReturnTimelineRegistry, type ReturnSummary } from '../tracking/return-timeline.registry';
import { isoWithOffset, wallClockMs } from './domain/event-time-text';
import type { CustomsFacts, EventFacts, OrderFacts, ParcelFacts, PersonalFacts } from './domain/public-tracking.facts';
import { dutiesAtImport } from './domain/stored-duties';
import { OrderEventRow, OrderShipmentRow, OrderTrackerRow, PublicShipmentReader } from './public-shipment.reader';

/** An order as public tracking needs it, with the buyer's data kept apart from what may be shown. */
export interface LoadedOrder {
  order: OrderFacts;
  personal: PersonalFacts;
  /** API-carrier parcels of the order whose status a page view may refresh. */
  refreshable: { shipmentId: string; carrier: string; trackingNumber: string }[];
}

/**
 * Gathers an order for the public page in two round trips whatever its size: the order's shipments,
 * their returns, trackers, events and estimates in one statement, then the returns room's RMAs.
 * Statuses are tracking's derived ones as it stored them; carrier names and our event wording come
 * from the data files.
 */
@Injectable()
export class PublicTrackingSource {
  constructor(
    private readonly reader: PublicShipmentReader,
    private readonly returns: ReturnTimelineRegistry,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly codes: EventCodeTables,
    private readonly zones: TimeZoneTable,
  ) {}

  /** The order of a tracking token; undefined for an unknown token. */
  async loadByToken(token: string): Promise<LoadedOrder | undefined> {
    return this.build(await this.reader.orderByToken(token));
  }

  /** `trackingNumber`: the parcel the reader asked for (lookup by number); the shipment's first otherwise. */
  async load(shipmentId: string, trackingNumber?: string): Promise<LoadedOrder | undefined> {
    return this.build(await this.reader.orderOf(shipmentId), trackingNumber);
  }

  private async build(rows: OrderShipmentRow[], trackingNumber?: string): Promise<LoadedOrder | undefined> {
    const target = rows.find((r) => r.role === 'target');
    if (!target) return undefined;
    const outbound = rows.filter((r) => r.role !== 'return');
    // Most orders have no return: asking the returns room only for shipments that have one saves a round trip each.
    const summaries = await Promise.all(outbound.filter((r) => r.direction === 'outbound' && r.has_returns !== false).map((r) => this.returns.summariesFor(r.id)));

    const parcelsOf = (s: OrderShipmentRow): ParcelFacts[] => {
      const own = s.trackers ?? [];
      const numbers = s.parcel_numbers?.length ? s.parcel_numbers : [s.tracking_number];
      // Booked order of the parcels; a tracker the booking does not list (a carrier's extra number) goes last.
      const ordered = [...own].sort((a, b) => rank(numbers, a.tracking_number) - rank(numbers, b.tracking_number));
      const parcels = ordered.map((t) => this.parcelFacts(s, t));
      for (const [i, n] of numbers.entries()) if (!own.some((t) => t.tracking_number === n)) parcels.push(this.untracked(s, n, i));
      if (s.status === 'cancelled') for (const p of parcels) Object.assign(p, { status: 'cancelled', substatus: 'cancelled.label_voided', actionRequired: false });
      return parcels;
    };

    const parcels = outbound.flatMap(parcelsOf);
    const rmaByShipment = new Map<string, ReturnSummary>();
    for (const r of summaries.flat()) if (r.shipmentId) rmaByShipment.set(r.shipmentId, r);
    const returns: ParcelFacts[] = rows
      .filter((r) => r.role === 'return')
      .flatMap((r) => parcelsOf(r).map((p) => ({ ...p, rma: rmaByShipment.get(r.id)?.rma ?? null, returnState: rmaByShipment.get(r.id)?.status ?? null })));
    // Returns the returns room knows of without a return shipment yet (requested, no label).
    for (const r of summaries.flat()) if (!r.shipmentId || !rows.some((x) => x.id === r.shipmentId)) returns.push(this.pendingReturn(r));

    const primary =
      (trackingNumber && parcels.find((p) => p.shipmentId === target.id && p.trackingNumber === trackingNumber)) ||
      parcels.find((p) => p.shipmentId === target.id) ||
      parcels[0];
    return {
      order: { primary, parcels, returns, customs: customsOf(target), reference: target.reference },
      personal: personalOf(target),
      refreshable: parcels.filter((p) => p.apiCarrier && !isFinal(p.status)).map((p) => ({ shipmentId: p.shipmentId, carrier: p.carrier, trackingNumber: p.trackingNumber })),
    };
  }

  private parcelFacts(s: OrderShipmentRow, t: OrderTrackerRow): ParcelFacts {
    const estimate = summariseEdd(t.edd.map((d) => ({ source: d.source, earliest: d.earliest, latest: d.latest, observedAt: new Date(d.observed_at) })));
    return {
      key: t.id,
      shipmentId: s.id,
      direction: s.direction,
      carrier: t.carrier,
      carrierName: this.carrierName(t.carrier),
      serviceName: s.service_name,
      trackingNumber: t.tracking_number,
      apiCarrier: this.isApiCarrier(t.carrier),
      status: statusOf(t.status),
      substatus: t.substatus,
      actionRequired: t.action_required,
      events: t.events.map((e) => this.eventFacts(e, t.carrier)),
      estimatedDelivery: estimate.latest ? { earliest: estimate.latest.earliest, latest: estimate.latest.latest } : null,
      firstEstimatedDelivery: estimate.first ? { earliest: estimate.first.earliest, latest: estimate.first.latest } : null,
      rma: null,
      returnState: null,
    };
  }

  /** A booked parcel the carrier has not reported on yet. */
  private untracked(s: OrderShipmentRow, trackingNumber: string, index: number): ParcelFacts {
    return {
      key: `${s.id}:${index}`,
      shipmentId: s.id,
      direction: s.direction,
      carrier: s.carrier,
      carrierName: this.carrierName(s.carrier),
      serviceName: s.service_name,
      trackingNumber,
      apiCarrier: this.isApiCarrier(s.carrier),
      status: 'label_created',
      substatus: 'label_created.label_created',
      actionRequired: false,
      events: [],
      estimatedDelivery: null,
      firstEstimatedDelivery: null,
      rma: null,
      returnState: null,
    };
  }

  private pendingReturn(r: ReturnSummary): ParcelFacts {
    return {
      key: r.id,
      shipmentId: r.shipmentId ?? r.id,
      direction: 'return',
      carrier: r.carrier ?? '',
      carrierName: r.carrier ? this.carrierName(r.carrier) : '',
      serviceName: null,
      trackingNumber: r.trackingNumber ?? '',
      apiCarrier: false,
      status: RETURN_STATE_STATUS[r.status] ?? 'unknown',
      substatus: null,
      actionRequired: false,
      events: [],
      estimatedDelivery: null,
      firstEstimatedDelivery: null,
      rma: r.rma,
      returnState: r.status,
    };
  }

  private eventFacts(e: OrderEventRow, carrier: string): EventFacts {
    const offset = e.utc_offset_minutes === null ? null : Number(e.utc_offset_minutes);
    return {
      status: statusOf(e.status),
      substatus: e.substatus,
      actionRequired: e.action_required,
      description: e.description,
      publicDescription: (e.code && this.codes.get(carrier)?.lookup(e.code)?.description) || null,
      occurredAt: isoWithOffset(e.occurred_local, offset),
      local: e.occurred_local,
      utcOffsetMinutes: offset,
      timeZone: e.time_zone ?? this.zoneOfPlace(e, offset),
      city: e.location_city,
      country: e.location_country,
    };
  }

  /**
   * A carrier that sends `+01:00` says nothing about the zone; to name it on the page ("Central
   * European Standard Time" rather than "UTC+01:00") the place's zone is used, but only when its
   * offset at that moment is the one the carrier gave.
   */
  private zoneOfPlace(e: OrderEventRow, offset: number | null): string | null {
    if (offset === null || !e.location_country) return null;
    const zone = this.zones.zoneFor({ country: e.location_country, region: e.location_region ?? undefined, city: e.location_city ?? undefined });
    if (!zone) return null;
    const wall = wallClockMs(e.occurred_local);
    if (wall === undefined) return null;
    return zoneHasOffset(zone, wall - offset * 60_000, offset) ? zone : null;
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

/**
 * Whether `zone` is `offset` minutes from UTC at `instant`. Asking luxon costs an Intl call; a page
 * asks the same question for the same stored events on every view, so answers are kept (bounded).
 */
const offsetAnswers = new Map<string, boolean>();
const MAX_OFFSET_ANSWERS = 10_000;
function zoneHasOffset(zone: string, instant: number, offset: number): boolean {
  const key = `${zone}|${instant}|${offset}`;
  let answer = offsetAnswers.get(key);
  if (answer === undefined) {
    answer = IANAZone.create(zone).offset(instant) === offset;
    if (offsetAnswers.size >= MAX_OFFSET_ANSWERS) offsetAnswers.clear();
    offsetAnswers.set(key, answer);
  }
  return answer;
}

function rank(numbers: string[], n: string): number {
  const i = numbers.indexOf(n);
  return i < 0 ? numbers.length : i;
}

function statusOf(value: string): TrackingStatus {
  return isTrackingStatus(value) ? value : 'unknown';
}

function isFinal(status: TrackingStatus): boolean {
  return status === 'delivered' || status === 'cancelled';
}

function customsOf(s: OrderShipmentRow): CustomsFacts {
  const required = s.crosses_border ?? (!!s.origin_country && s.origin_country !== s.ship_to?.country);
  const incoterm = s.incoterm ?? null;
  return { required, incoterm, dutiesAndTaxes: dutiesAtImport(s.duties_and_taxes, incoterm) };
}

function personalOf(s: OrderShipmentRow): PersonalFacts {
  const to: Partial<AddressSpec> = s.ship_to ?? {};
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
