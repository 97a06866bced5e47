/**
 * The unified tracking model (DESIGN.md section 5): a coarse `status` with a rank, a namespaced
 * `substatus`, an orthogonal `reason` and an `actionRequired` flag. Every carrier code maps into it
 * through the carrier's event-code table; the raw carrier code and text are kept beside it.
 */
export const TRACKING_STATUSES = [
  'unknown',
  'label_created',
  'in_transit',
  'customs',
  'exception',
  'delivery_attempted',
  'out_for_delivery',
  'available_for_pickup',
  'return_to_sender',
  'delivered',
  'cancelled',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/**
 * Rank of each status: how far along the parcel is. Ties at the same instant are ordered by rank, and
 * a later event of a lower rank is a regression that the derivation records.
 */
export const STATUS_RANK: Readonly<Record<TrackingStatus, number>> = {
  unknown: 0,
  label_created: 10,
  in_transit: 30,
  customs: 40,
  exception: 50,
  delivery_attempted: 55,
  out_for_delivery: 60,
  available_for_pickup: 65,
  return_to_sender: 80,
  delivered: 90,
  cancelled: 95,
};

/** Substatuses per status, written `status.detail` (e.g. `customs.duties_due`). */
export const SUBSTATUSES: Readonly<Record<TrackingStatus, readonly string[]>> = {
  unknown: ['not_found', 'invalid_number', 'no_updates', 'tracking_expired', 'unmapped_code'],
  label_created: ['label_created', 'info_received', 'awaiting_dropoff', 'pickup_scheduled'],
  in_transit: [
    'picked_up',
    'accepted',
    'departed_facility',
    'arrived_facility',
    'arrived_destination_country',
    'handed_to_last_mile',
    'forwarded',
    'problem_resolved',
    'delayed',
    'in_transit',
  ],
  customs: ['clearance_started', 'information_required', 'duties_due', 'inspection_hold', 'cleared'],
  exception: ['damaged', 'lost', 'refused', 'undeliverable', 'disposed', 'seized_by_customs', 'rejected_by_carrier', 'pickup_missed', 'delayed', 'other'],
  delivery_attempted: ['recipient_unavailable', 'business_closed', 'address_issue', 'access_restricted', 'notice_left', 'rescheduled'],
  out_for_delivery: ['out_for_delivery', 'delivery_scheduled', 'customer_contacted'],
  available_for_pickup: ['at_pickup_point', 'at_locker', 'held_at_depot'],
  return_to_sender: ['initiated', 'in_transit_to_sender', 'returned'],
  delivered: ['delivered', 'signed', 'picked_up_by_customer', 'left_with_neighbour', 'left_in_safe_place', 'cod_collected'],
  cancelled: ['label_voided', 'shipment_cancelled'],
};

/** Every valid substatus in its `status.detail` form. */
export const ALL_SUBSTATUSES: readonly string[] = TRACKING_STATUSES.flatMap((s) => SUBSTATUSES[s].map((d) => `${s}.${d}`));

/** Why something went wrong, orthogonal to the status (after Karrio's incident reasons). */
export const TRACKING_REASONS = [
  'carrier_damaged_parcel',
  'carrier_sorting_error',
  'carrier_address_not_found',
  'carrier_parcel_lost',
  'carrier_capacity_exceeded',
  'carrier_mechanical_delay',
  'consignee_refused',
  'consignee_business_closed',
  'consignee_not_home',
  'consignee_incorrect_address',
  'consignee_access_restricted',
  'consignee_verification_failed',
  'customs_delay',
  'customs_documentation',
  'customs_duties_unpaid',
  'customs_prohibited',
  'customs_inspection',
  'weather_delay',
  'natural_disaster',
  'force_majeure',
  'security_issue',
  'regulatory_hold',
  'unknown',
] as const;
export type TrackingReason = (typeof TRACKING_REASONS)[number];

/** Substatuses that need someone (buyer or merchant) to act, unless the code table says otherwise. */
const ACTION_REQUIRED = new Set([
  'customs.information_required',
  'customs.duties_due',
  'delivery_attempted.address_issue',
  'delivery_attempted.notice_left',
  'available_for_pickup.at_pickup_point',
  'available_for_pickup.at_locker',
  'available_for_pickup.held_at_depot',
  'exception.refused',
  'exception.undeliverable',
]);

export function isTrackingStatus(value: unknown): value is TrackingStatus {
  return typeof value === 'string' && (TRACKING_STATUSES as readonly string[]).includes(value);
}

/** Accepts `customs.duties_due` or, given the status, the short `duties_due`; returns the full form or undefined. */
export function normaliseSubstatus(status: TrackingStatus, substatus: string | undefined | null): string | undefined {
  if (!substatus) return undefined;
  const full = substatus.includes('.') ? substatus : `${status}.${substatus}`;
  if (!full.startsWith(`${status}.`)) return undefined;
  return SUBSTATUSES[status].includes(full.slice(status.length + 1)) ? full : undefined;
}

export function defaultActionRequired(substatus: string | undefined): boolean {
  return substatus !== undefined && ACTION_REQUIRED.has(substatus);
}

/** Delivered, cancelled and "returned to sender (received)" end a shipment's journey. */
export function isTerminal(status: TrackingStatus, substatus: string | undefined | null): boolean {
  return status === 'delivered' || status === 'cancelled' || (status === 'return_to_sender' && substatus === 'return_to_sender.returned');
}

/** The classification of one event: what the carrier's code (or the sender) says it means. */
export interface EventClassification {
  status: TrackingStatus;
  substatus?: string;
  reason?: TrackingReason;
  actionRequired: boolean;
}
