import { STATUS_RANK, TrackingStatus } from '../../tracking/domain/tracking-status';
import type { CustomsFacts, EventFacts } from './public-tracking.facts';
import type { CustomsState } from './public-tracking.view';

const BY_SUBSTATUS: Record<string, CustomsState> = {
  'customs.clearance_started': 'in_progress',
  'customs.information_required': 'information_required',
  'customs.duties_due': 'duties_due',
  'customs.inspection_hold': 'inspection_hold',
  'customs.cleared': 'cleared',
};

/**
 * The parcel's customs state, from its latest customs event; without one, from how far it got: not
 * at customs yet, or past it (a parcel out for delivery in the destination country has cleared).
 */
export function customsStateOf(customs: CustomsFacts, status: TrackingStatus, events: EventFacts[]): CustomsState {
  const last = [...events].reverse().find((e) => e.status === 'customs');
  if (!customs.required && !last) return 'not_required';
  if (last) {
    // A later event beyond customs (out for delivery, delivered) means it was released.
    const lastIndex = events.lastIndexOf(last);
    const beyond = events.slice(lastIndex + 1).some((e) => STATUS_RANK[e.status] > STATUS_RANK.customs && e.status !== 'exception' && e.status !== 'return_to_sender');
    if (beyond || status === 'delivered') return 'cleared';
    return (last.substatus && BY_SUBSTATUS[last.substatus]) || 'in_progress';
  }
  if (status === 'delivered' || status === 'out_for_delivery' || status === 'available_for_pickup' || status === 'delivery_attempted') return 'cleared';
  return 'pending';
}

export interface DutiesOutcome {
  payer: 'sender' | 'recipient' | null;
  due: boolean;
  amount: { amount: string; currency: string } | null;
  kind: 'prepaid' | 'due' | 'dueEstimate' | 'dueUnknown' | 'collectedAtCheckout' | 'none' | null;
}

/**
 * Who pays duties and taxes and how much: DDP means the sender paid at checkout (nothing due);
 * DAP means the recipient pays on delivery what is charged at import. Tax the seller collected at
 * checkout (IOSS, UK VAT, ...) is never due again: when it is all there is, nothing is due. A
 * `customs.duties_due` event makes them due whatever the booking said (the carrier is holding the
 * parcel for payment).
 */
export function dutiesOf(customs: CustomsFacts, state: CustomsState): DutiesOutcome {
  if (!customs.required && state === 'not_required') return { payer: null, due: false, amount: null, kind: null };
  const positive = customs.dutiesAndTaxes && Number(customs.dutiesAndTaxes.amount) > 0 ? customs.dutiesAndTaxes : null;
  if (customs.incoterm === 'DDP' && state !== 'duties_due') return { payer: 'sender', due: false, amount: null, kind: 'prepaid' };
  if (customs.incoterm === 'DAP' || state === 'duties_due') {
    if (positive) {
      const amount = { amount: positive.amount, currency: positive.currency };
      return { payer: 'recipient', due: true, amount, kind: positive.estimate ? 'dueEstimate' : 'due' };
    }
    if (customs.dutiesAndTaxes && state !== 'duties_due') {
      return customs.dutiesAndTaxes.collectedAtCheckout
        ? { payer: 'sender', due: false, amount: null, kind: 'collectedAtCheckout' }
        : { payer: null, due: false, amount: null, kind: 'none' };
    }
    // Held for payment with no amount known: the customs state already says so; "may be due" would only blur it.
    return { payer: 'recipient', due: true, amount: null, kind: state === 'duties_due' ? null : 'dueUnknown' };
  }
  return { payer: null, due: false, amount: null, kind: null };
}
