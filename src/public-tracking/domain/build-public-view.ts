import type { TrackingStatus } from '../../tracking/domain/tracking-status';
import type { MessageKey } from '../i18n/messages.en';
import type { Translator } from '../i18n/translator';
import { customsStateOf, dutiesOf } from './customs-state';
import { maskAddress, maskTrackingNumber } from './masking';
import { PrivacyFilter } from './privacy-filter';
import { progressOf } from './progress';
import type { EventFacts, OrderFacts, ParcelFacts, PersonalFacts, WindowFacts } from './public-tracking.facts';
import type {
  CustomsView,
  DeliveryWindowView,
  EventTimeView,
  ParcelView,
  ProgressView,
  PublicEventView,
  PublicTrackingView,
  ReturnView,
  VerifiedDetails,
} from './public-tracking.view';

export interface BuildOptions {
  /** The buyer's data: always used to scrub free texts; shown (masked) only when `verified`. */
  personal: PersonalFacts | null;
  verified: boolean;
}

/**
 * Builds what a buyer sees of an order from what shipments and tracking know. This is the one place
 * that decides what is public: identifiers are masked, free texts are scrubbed of personal data,
 * locations are reduced to city and country, and the address and items appear only when verified.
 */
export function buildPublicView(order: OrderFacts, t: Translator, options: BuildOptions): PublicTrackingView {
  const filter = new PrivacyFilter(
    options.personal
      ? [options.personal.name, options.personal.company, options.personal.street1, options.personal.street2, options.personal.phone, options.personal.email, options.personal.postalCode]
      : [],
  );
  const p = order.primary;
  const verified = options.verified && !!options.personal;
  const events = p.events.map((e) => eventView(e, t, filter, verified));
  const customsState = customsStateOf(order.customs, p.status, p.events);
  const progress = progressOf(p.status, p.substatus, p.actionRequired, p.events.map((e) => e.status), order.customs.required);
  const deliveredEvent = p.status === 'delivered' ? [...p.events].reverse().find((e) => e.status === 'delivered') : undefined;
  const last = p.events[p.events.length - 1];
  return {
    language: t.language,
    status: p.status,
    substatus: p.substatus,
    statusText: statusText(t, p.status),
    substatusText: substatusText(t, p.substatus),
    actionRequired: p.actionRequired,
    progress: progressView(progress, t),
    carrier: p.carrier,
    carrierName: p.carrierName,
    serviceName: p.serviceName,
    trackingNumberMasked: maskTrackingNumber(p.trackingNumber),
    estimatedDelivery: p.status === 'delivered' || p.status === 'cancelled' ? null : windowView(p.estimatedDelivery, p.firstEstimatedDelivery, t),
    delivered: deliveredEvent ? timeView(deliveredEvent, t) : null,
    customs: customsView(order, customsState, t),
    events: [...events].reverse(),
    parcels: order.parcels.map((parcel, i) => parcelView(parcel, parcel.key === p.key, i, order.parcels.length, t, filter, verified)),
    returns: order.returns.map((r) => returnView(r, t, filter, verified)),
    lastUpdate: last ? timeView(last, t) : null,
    verified: verified ? verifiedDetails(order, options.personal!, t) : null,
  };
}

function statusText(t: Translator, status: TrackingStatus): string {
  return t.t(`status.${status}` as MessageKey);
}

function substatusText(t: Translator, substatus: string | null): string | null {
  return substatus ? (t.maybe(`substatus.${substatus}`) ?? null) : null;
}

/**
 * Anonymous readers get our wording of the event code only: a carrier's free text can name whoever
 * signed or the neighbour who took the parcel, which no pattern can reliably catch. Verified readers
 * get the carrier's words, scrubbed of what we know of the buyer and of anything that looks personal.
 */
function eventView(e: EventFacts, t: Translator, filter: PrivacyFilter, verified: boolean): PublicEventView {
  const time = t.eventTime(e.local, e.utcOffsetMinutes, e.timeZone);
  const city = e.city ? filter.clean(e.city) : null;
  const text = verified ? e.description : e.publicDescription;
  return {
    status: e.status,
    substatus: e.substatus,
    statusText: substatusText(t, e.substatus) ?? statusText(t, e.status),
    description: text ? filter.clean(text) : '',
    occurredAt: e.occurredAt,
    occurredAtText: time.text,
    timeZone: e.timeZone,
    timeZoneText: time.zone,
    location: { city: city && city !== '…' ? city : null, country: e.country, countryName: t.country(e.country) },
    actionRequired: e.actionRequired,
  };
}

function timeView(e: EventFacts, t: Translator): EventTimeView {
  const time = t.eventTime(e.local, e.utcOffsetMinutes, e.timeZone);
  return { at: e.occurredAt, text: time.text, timeZone: e.timeZone, zoneText: time.zone };
}

function windowView(w: WindowFacts | null, first: WindowFacts | null, t: Translator): DeliveryWindowView | null {
  if (!w) return null;
  const text = sameDay(w) ? t.t('delivery.on', { date: t.date(w.earliest) }) : t.t('delivery.between', { from: t.date(w.earliest), to: t.date(w.latest) });
  const moved = first && (first.latest.slice(0, 10) !== w.latest.slice(0, 10) || first.earliest.slice(0, 10) !== w.earliest.slice(0, 10));
  return {
    earliest: w.earliest,
    latest: w.latest,
    text,
    firstPromised: moved
      ? {
          earliest: first.earliest,
          latest: first.latest,
          text: t.t('delivery.slipped', { date: sameDay(first) ? t.date(first.earliest) : `${t.date(first.earliest)} – ${t.date(first.latest)}` }),
        }
      : null,
  };
}

function sameDay(w: WindowFacts): boolean {
  return w.earliest.slice(0, 10) === w.latest.slice(0, 10);
}

function progressView(p: ReturnType<typeof progressOf>, t: Translator): ProgressView {
  const label = t.t(`progress.step.${p.steps[p.reached]}` as MessageKey);
  const done = p.tone === 'done';
  return {
    step: p.reached + 1,
    steps: p.steps.length,
    percent: Math.round(((p.reached + 1) / p.steps.length) * 100),
    text: t.t('progress.text', { step: p.reached + 1, steps: p.steps.length, label }),
    tone: p.tone,
    labels: p.steps.map((key, i) => ({
      key,
      label: t.t(`progress.step.${key}` as MessageKey),
      state: i < p.reached || (done && i === p.reached) ? 'done' : i === p.reached ? 'current' : 'todo',
    })),
  };
}

function customsView(order: OrderFacts, state: CustomsView['state'], t: Translator): CustomsView {
  const duties = dutiesOf(order.customs, state);
  const amountText = duties.amount ? t.money(duties.amount.amount, duties.amount.currency) : '';
  return {
    required: order.customs.required,
    state,
    stateText: t.t(`customs.state.${state}` as MessageKey),
    incoterm: order.customs.incoterm,
    dutiesPayer: duties.payer,
    dutiesDue: duties.due,
    dutiesAmount: duties.amount,
    dutiesText: duties.kind ? t.t(`customs.duties.${duties.kind}` as MessageKey, { amount: amountText }) : null,
  };
}

function parcelView(parcel: ParcelFacts, current: boolean, index: number, total: number, t: Translator, filter: PrivacyFilter, verified: boolean): ParcelView {
  return {
    current,
    label: t.t('parcels.item', { n: index + 1, total }),
    carrier: parcel.carrier,
    carrierName: parcel.carrierName,
    trackingNumberMasked: maskTrackingNumber(parcel.trackingNumber),
    status: parcel.status,
    statusText: statusText(t, parcel.status),
    estimatedDelivery: parcel.status === 'delivered' ? null : windowView(parcel.estimatedDelivery, null, t),
    // The current parcel's events are the view's own `events`; they are not repeated here.
    events: current ? [] : parcel.events.map((e) => eventView(e, t, filter, verified)).reverse(),
  };
}

function returnView(r: ParcelFacts, t: Translator, filter: PrivacyFilter, verified: boolean): ReturnView {
  return {
    rma: r.rma,
    label: r.rma ? t.t('returns.item', { rma: r.rma }) : t.t('returns.itemNoRma'),
    returnState: r.returnState,
    returnStateText: r.returnState ? (t.maybe(`returns.state.${r.returnState}`) ?? null) : null,
    carrier: r.carrier,
    carrierName: r.carrierName,
    trackingNumberMasked: maskTrackingNumber(r.trackingNumber),
    status: r.status,
    statusText: statusText(t, r.status),
    events: r.events.map((e) => eventView(e, t, filter, verified)).reverse(),
  };
}

function verifiedDetails(order: OrderFacts, personal: PersonalFacts, t: Translator): VerifiedDetails {
  return {
    orderReference: order.reference,
    address: { lines: maskAddress(personal), country: personal.country, countryName: t.country(personal.country) },
    items: personal.items.map((i) => ({ description: i.description, quantity: i.quantity, text: t.t('verified.quantity', { quantity: i.quantity, description: i.description }) })),
  };
}
