import type { TrackingStatus } from '../../tracking/domain/tracking-status';

/**
 * What the public tracking page is built from: the read side of shipments and tracking, gathered by
 * `PublicTrackingSource`. Nothing here is shown as it is; `buildPublicView` decides what a buyer sees.
 */

/** One tracking event, as stored by tracking (wall time where it happened, never converted). */
export interface EventFacts {
  status: TrackingStatus;
  substatus: string | null;
  actionRequired: boolean;
  /**
   * The event in the carrier's own words (or ours when it gave none). Free text that can name the
   * person who signed or the neighbour who took the parcel: only the verified view shows it, scrubbed.
   */
  description: string;
  /** Our wording of the carrier's event code (its event-code table), safe for anyone; null when unmapped. */
  publicDescription: string | null;
  /** ISO 8601 wall time with its offset when known (`2026-11-27T14:05:00+01:00`), else without. */
  occurredAt: string;
  /** `YYYY-MM-DDTHH:mm:ss` wall time at the place of the event. */
  local: string;
  utcOffsetMinutes: number | null;
  timeZone: string | null;
  city: string | null;
  country: string | null;
}

/** A delivery window: ISO dates (or date-times). */
export interface WindowFacts {
  earliest: string;
  latest: string;
}

/** One tracked parcel: a tracking number of a shipment (a multi-piece shipment has several). */
export interface ParcelFacts {
  /** Stable id for ordering and anchors; never shown as data. */
  key: string;
  shipmentId: string;
  direction: 'outbound' | 'return';
  carrier: string;
  carrierName: string;
  serviceName: string | null;
  trackingNumber: string;
  /** The carrier talks to us over its API (so a page view may ask it for fresh events). */
  apiCarrier: boolean;
  status: TrackingStatus;
  substatus: string | null;
  actionRequired: boolean;
  /** Oldest first. */
  events: EventFacts[];
  estimatedDelivery: WindowFacts | null;
  /** The first estimate the buyer was given (quote or first carrier estimate), when it differs. */
  firstEstimatedDelivery: WindowFacts | null;
  /** For a return: its RMA number. */
  rma: string | null;
  /** For a return: where the RMA stands (`requested`, `label_issued`, `in_transit`, `delivered_to_merchant`, `received`, `closed`, `cancelled`, `expired`). */
  returnState: string | null;
}

/** Duties and taxes as the booking knows them. */
export interface CustomsFacts {
  /** The parcel crosses a customs border (not only a national one: DE -> FR does not). */
  required: boolean;
  incoterm: 'DDP' | 'DAP' | null;
  /**
   * What customs charges at import, if known: what the recipient pays on delivery (DAP) or what the
   * sender covers (DDP); `estimate` unless the landed-cost answer was exact. Tax the seller collected
   * at checkout is never in `amount`; `collectedAtCheckout` says there was some.
   */
  dutiesAndTaxes: { amount: string; currency: string; estimate: boolean; collectedAtCheckout?: boolean } | null;
}

/** A shipment's order: the parcel reached by the token, the other parcels of its order, returns. */
export interface OrderFacts {
  /** The parcel whose token, number or link was used. */
  primary: ParcelFacts;
  /** Every outbound parcel of the order, the primary included, in a stable order. */
  parcels: ParcelFacts[];
  returns: ParcelFacts[];
  customs: CustomsFacts;
  /** The merchant's order reference. Shown only in the verified view. */
  reference: string | null;
}

/** The buyer's personal data: shown masked in the verified view, and scrubbed from every free text. */
export interface PersonalFacts {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  items: { description: string; quantity: number; sku: string | null }[];
}
