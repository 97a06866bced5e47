import type { TrackingStatus } from '../../tracking/domain/tracking-status';
import type { Language } from '../i18n/languages';

/**
 * What the buyer sees, field for field: the page renders this and `GET /v1/public/tracking/:token`
 * returns it as JSON, so the API can never show more than the page (the PostNord lesson).
 * Texts are in `language`. Nothing personal unless `verified` is set.
 */
export interface PublicTrackingView {
  language: Language;
  status: TrackingStatus;
  substatus: string | null;
  statusText: string;
  substatusText: string | null;
  actionRequired: boolean;
  progress: ProgressView;
  carrier: string;
  carrierName: string;
  serviceName: string | null;
  trackingNumberMasked: string;
  estimatedDelivery: DeliveryWindowView | null;
  /** Set once delivered: when. */
  delivered: EventTimeView | null;
  customs: CustomsView;
  /** Newest first, as the page lists them. */
  events: PublicEventView[];
  /** Every parcel of the order, this one included (`current: true`). */
  parcels: ParcelView[];
  returns: ReturnView[];
  lastUpdate: EventTimeView | null;
  /** Only after the postal code was entered or through a signed merchant link. */
  verified: VerifiedDetails | null;
}

export interface ProgressView {
  /** 1-based step reached. */
  step: number;
  steps: number;
  percent: number;
  /** `Step 3 of 5: Customs`: the text alternative of the bar. */
  text: string;
  /** `normal`, `attention` (action needed or an attempt failed), `problem`, `returning`, `done`, `cancelled`. */
  tone: 'normal' | 'attention' | 'problem' | 'returning' | 'done' | 'cancelled';
  labels: { key: string; label: string; state: 'done' | 'current' | 'todo' }[];
}

export interface DeliveryWindowView {
  earliest: string;
  latest: string;
  text: string;
  /** The first promise, when the carrier has since moved the date. */
  firstPromised: { earliest: string; latest: string; text: string } | null;
}

export interface EventTimeView {
  /** ISO 8601 wall time with its offset when known (`2026-11-27T14:05:00+01:00`), else without. */
  at: string;
  text: string;
  timeZone: string | null;
  zoneText: string;
}

export interface PublicEventView {
  status: TrackingStatus;
  substatus: string | null;
  statusText: string;
  description: string;
  occurredAt: string;
  occurredAtText: string;
  timeZone: string | null;
  timeZoneText: string;
  location: { city: string | null; country: string | null; countryName: string | null };
  actionRequired: boolean;
}

export type CustomsState = 'not_required' | 'pending' | 'in_progress' | 'information_required' | 'duties_due' | 'inspection_hold' | 'cleared';

export interface CustomsView {
  required: boolean;
  state: CustomsState;
  stateText: string;
  incoterm: 'DDP' | 'DAP' | null;
  /** Who pays duties and taxes: `sender` (DDP, or tax collected at checkout), `recipient` (DAP), or null when none are expected or unknown. */
  dutiesPayer: 'sender' | 'recipient' | null;
  /** The recipient has duties or taxes to pay on delivery (never for tax the seller collected at checkout). */
  dutiesDue: boolean;
  /** The amount due from the recipient on delivery (DAP), when known: tax collected at checkout is not in it. */
  dutiesAmount: { amount: string; currency: string } | null;
  dutiesText: string | null;
}

export interface ParcelView {
  current: boolean;
  label: string;
  carrier: string;
  carrierName: string;
  trackingNumberMasked: string;
  status: TrackingStatus;
  statusText: string;
  estimatedDelivery: DeliveryWindowView | null;
  /** Newest first; empty for the current parcel, whose events are the view's own `events`. */
  events: PublicEventView[];
}

export interface ReturnView {
  rma: string | null;
  label: string;
  /** Where the return stands for the merchant (`label_issued`, `received`, ...), and in words. */
  returnState: string | null;
  returnStateText: string | null;
  carrier: string;
  carrierName: string;
  trackingNumberMasked: string;
  status: TrackingStatus;
  statusText: string;
  events: PublicEventView[];
}

export interface VerifiedDetails {
  orderReference: string | null;
  address: { lines: string[]; country: string | null; countryName: string | null };
  items: { description: string; quantity: number; text: string }[];
}
