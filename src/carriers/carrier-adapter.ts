import type { CarrierDefinition } from './carrier-definition';
import type { ShipmentSpec } from './shipment-spec';

/** Reason codes for a service that cannot take a shipment (API.md, quotes). */
export type ExclusionReason =
  | 'weight_exceeds_limit'
  | 'dimensions_exceed_limit'
  | 'destination_not_served'
  | 'origin_not_served'
  | 'dangerous_goods_not_accepted'
  | 'dry_ice_not_accepted'
  | 'temperature_control_unavailable'
  | 'signature_unavailable'
  | 'insurance_exceeds_limit'
  | 'too_many_parcels'
  | 'value_exceeds_limit'
  | 'packaging_not_accepted'
  | 'incoterm_not_supported'
  | 'carrier_timeout'
  | 'carrier_error'
  | 'carrier_unavailable';

export interface ChargeLine {
  type: 'base' | 'fuel' | 'surcharge' | 'markup' | 'discount' | 'tax';
  code: string;
  description?: string;
  /** Decimal string in the rate's currency, rounded to its minor units. */
  amount: string;
}

/** One service's price for a shipment, as the carrier (or its rate card) gives it. */
export interface CarrierRate {
  service: string;
  serviceName: string;
  currency: string;
  charges: ChargeLine[];
  transit: { minDays: number; maxDays: number };
  /** Delivery dates when the carrier states them (API carriers); otherwise computed from transit. */
  estimatedDelivery?: { earliest: string; latest: string };
  /** Zone or routing code, printed on labels. */
  zone?: string;
  /** Chargeable weight used for the price, kg. */
  chargeableWeightKg?: number;
  /** Opaque data the adapter needs to book exactly this price later. */
  bookingRef?: Record<string, unknown>;
}

export interface ServiceExclusion {
  service: string;
  reason: ExclusionReason;
  message: string;
}

export interface RateResult {
  rates: CarrierRate[];
  excluded: ServiceExclusion[];
}

export interface CallContext {
  /** Aborted when the caller's time budget is spent. */
  signal: AbortSignal;
  /** Shipment or request reference, for the carrier's logs. */
  reference?: string;
}

export interface BookingRequest extends ShipmentSpec {
  service: string;
  reference?: string;
  labelFormat: 'pdf' | 'zpl';
  labelSize: '4x6' | 'a6' | 'a4';
  /** Our idempotency key, passed on to carriers that support one. */
  idempotencyKey: string;
  bookingRef?: Record<string, unknown>;
}

export interface BookedParcel {
  trackingNumber: string;
  /** The carrier's own label for this parcel, when it renders labels (API carriers). */
  label?: { format: 'pdf' | 'zpl'; data: Buffer };
}

export interface BookingResult {
  trackingNumber: string;
  parcels: BookedParcel[];
  carrierShipmentId?: string;
  /** The carrier's own documents (e.g. a commercial invoice it generated). */
  documents?: { type: string; format: 'pdf'; data: Buffer }[];
  charges?: ChargeLine[];
  currency?: string;
}

export interface CarrierTrackingEvent {
  eventId?: string;
  code: string;
  description: string;
  /** As the carrier sent it: ISO with offset, or local time without offset. */
  occurredAt: string;
  location?: { city?: string; region?: string; postalCode?: string; country?: string };
}

/**
 * A way of talking to carriers, identified by a stable `code` that carrier definitions name in their
 * `adapter` field. Rate-card carriers share one adapter that prices from tables; API carriers have one
 * adapter each. Adapters throw `CarrierError` for every failure.
 *
 * @example
 * class RateCardAdapter implements CarrierAdapter {
 *   readonly code = 'rate-card';
 *   async rate(carrier, shipment) { return { rates: [...], excluded: [...] }; }
 *   ...
 * }
 */
export interface CarrierAdapter {
  readonly code: string;
  /** False when the carrier cannot be used (e.g. API credentials not configured); it is then left out of quotes. */
  enabled?(carrier: CarrierDefinition): boolean;
  /** Prices every service of `carrier` that can take the shipment and explains the others. */
  rate(carrier: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext): Promise<RateResult>;
  /** Buys the label(s). Must be safe to call again with the same idempotency key. */
  book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult>;
  /** Voids a booking before the carrier has the parcel. */
  cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void>;
  /** Pulls tracking events (API carriers); rate-card carriers receive events by push instead. */
  track?(carrier: CarrierDefinition, trackingNumber: string, ctx: CallContext): Promise<CarrierTrackingEvent[]>;
}
