import type { TrackingStatus } from '../../tracking/domain/tracking-status';

/**
 * A customer return's life: `requested` (RMA made) -> `label_issued` -> `in_transit` (first carrier
 * scan) -> `delivered_to_merchant` (carrier delivered) -> `received` (checked in at the warehouse)
 * -> `closed` (resolved: refund, exchange, credit or rejected). `cancelled` and `expired` (label never
 * used) end it early.
 */
export const RETURN_STATES = ['requested', 'label_issued', 'in_transit', 'delivered_to_merchant', 'received', 'closed', 'cancelled', 'expired'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];

export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'not_needed', 'size_too_small', 'size_too_large', 'arrived_late', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const RETURN_RESOLUTIONS = ['refund', 'exchange', 'store_credit', 'rejected'] as const;
export type ReturnResolution = (typeof RETURN_RESOLUTIONS)[number];

const NEXT: Readonly<Record<ReturnState, readonly ReturnState[]>> = {
  requested: ['label_issued', 'cancelled', 'expired'],
  label_issued: ['in_transit', 'delivered_to_merchant', 'received', 'cancelled', 'expired'],
  in_transit: ['delivered_to_merchant', 'received'],
  delivered_to_merchant: ['received'],
  received: ['closed'],
  closed: [],
  cancelled: [],
  // An "expired" label that the carrier scans after all was used: the parcel is on its way.
  expired: ['in_transit', 'delivered_to_merchant', 'received'],
};

export function canMove(from: ReturnState, to: ReturnState): boolean {
  return NEXT[from].includes(to);
}

export function isFinal(state: ReturnState): boolean {
  return state === 'closed' || state === 'cancelled';
}

/**
 * What a status change of the return shipment's tracking means for the return, or undefined when it
 * changes nothing. Only forward moves: a late scan never takes a return back.
 */
export function stateFromTracking(current: ReturnState, status: TrackingStatus): ReturnState | undefined {
  let target: ReturnState | undefined;
  if (status === 'delivered') target = 'delivered_to_merchant';
  else if (status === 'cancelled') target = 'cancelled';
  else if (['in_transit', 'customs', 'out_for_delivery', 'delivery_attempted', 'available_for_pickup', 'exception', 'return_to_sender'].includes(status)) target = 'in_transit';
  return target && canMove(current, target) ? target : undefined;
}

export const STATE_DESCRIPTIONS: Readonly<Record<ReturnState, string>> = {
  requested: 'Return requested',
  label_issued: 'Return label issued',
  in_transit: 'Return on its way to the merchant',
  delivered_to_merchant: 'Return delivered to the merchant',
  received: 'Return received and checked',
  closed: 'Return closed',
  cancelled: 'Return cancelled',
  expired: 'Return label expired unused',
};
