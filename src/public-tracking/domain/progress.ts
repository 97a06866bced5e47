import { STATUS_RANK, TrackingStatus } from '../../tracking/domain/tracking-status';

/** The steps of the progress bar; `customs` only for parcels that cross a customs border. */
export type ProgressStepKey = 'label_created' | 'in_transit' | 'customs' | 'out_for_delivery' | 'delivered';

export interface Progress {
  steps: ProgressStepKey[];
  /** Index (0-based) of the furthest step reached. */
  reached: number;
  tone: 'normal' | 'attention' | 'problem' | 'returning' | 'done' | 'cancelled';
}

const STEP_OF: Partial<Record<TrackingStatus, ProgressStepKey>> = {
  unknown: 'label_created',
  label_created: 'label_created',
  in_transit: 'in_transit',
  customs: 'customs',
  out_for_delivery: 'out_for_delivery',
  delivery_attempted: 'out_for_delivery',
  available_for_pickup: 'out_for_delivery',
  delivered: 'delivered',
};

/**
 * Where the parcel is on its way, from its current status and the statuses of its events: the bar
 * shows the furthest step ever reached (a parcel back "in transit" after customs has still cleared
 * customs), and a tone for what is wrong. Exceptions, returns and cancellations keep the step reached
 * and change the tone instead of moving the bar backwards.
 */
export function progressOf(status: TrackingStatus, substatus: string | null, actionRequired: boolean, eventStatuses: TrackingStatus[], crossesCustoms: boolean): Progress {
  const steps: ProgressStepKey[] = crossesCustoms
    ? ['label_created', 'in_transit', 'customs', 'out_for_delivery', 'delivered']
    : ['label_created', 'in_transit', 'out_for_delivery', 'delivered'];
  let reached = 0;
  for (const s of [...eventStatuses, status]) {
    const key = STEP_OF[s];
    if (!key) continue;
    const index = steps.indexOf(key);
    // Domestic parcels with a customs event (e.g. Canary Islands) count it as being in transit.
    const i = index >= 0 ? index : steps.indexOf('in_transit');
    if (i > reached) reached = i;
  }
  if (status !== 'delivered' && reached === steps.length - 1) reached = steps.length - 2; // corrected delivery
  return { steps, reached, tone: toneOf(status, substatus, actionRequired) };
}

function toneOf(status: TrackingStatus, substatus: string | null, actionRequired: boolean): Progress['tone'] {
  if (status === 'delivered') return 'done';
  if (status === 'cancelled') return 'cancelled';
  if (status === 'return_to_sender') return 'returning';
  if (status === 'exception') return substatus === 'exception.delayed' ? 'attention' : 'problem';
  if (actionRequired || status === 'delivery_attempted' || STATUS_RANK[status] === STATUS_RANK.delivery_attempted) return 'attention';
  return 'normal';
}
