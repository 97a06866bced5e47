import { isTerminal, STATUS_RANK, type TrackingReason, type TrackingStatus } from './tracking-status';
import type { TimelineEvent } from './timeline-event';

/** Why an event did not simply become the current status, or changed it in an unusual way. */
export interface StatusNote {
  eventKey: string;
  kind: 'ignored_after_terminal' | 'ignored_pre_transit' | 'regression' | 'correction';
  from: TrackingStatus;
  to: TrackingStatus;
}

export interface DerivedStatus {
  status: TrackingStatus;
  substatus: string | null;
  reason: TrackingReason | null;
  actionRequired: boolean;
  terminal: boolean;
  /** Key of the event the status comes from; null without events. */
  statusEventKey: string | null;
  statusAt: Date | null;
  notes: StatusNote[];
}

const NO_STATUS: DerivedStatus = {
  status: 'unknown',
  substatus: null,
  reason: null,
  actionRequired: false,
  terminal: false,
  statusEventKey: null,
  statusAt: null,
  notes: [],
};

/**
 * Derives the current status from events in occurrence order (see `orderEvents`). The status is the
 * latest event's, with these rules:
 * - terminal states (delivered, cancelled, returned to sender) stay, except for a later carrier
 *   correction: delivered then refused or lost (return_to_sender, exception); a voided label that the
 *   carrier scans anyway (cancelled then moving); a returned parcel re-classified;
 * - a later "label created / info received" never moves a parcel back before pickup;
 * - any other later event of lower rank is accepted (a parcel back at the depot after a failed
 *   attempt) and recorded as a regression, never silently;
 * - events the carrier code table could not classify (`unknown`) never change the status;
 * - a voided label that moves anyway needs the merchant (a label used after void is billed, and the
 *   parcel travels though the shipment is cancelled): action required from then on.
 */
export function deriveStatus(ordered: TimelineEvent[]): DerivedStatus {
  let current: TimelineEvent | undefined;
  let firstUnknown: TimelineEvent | undefined;
  let movedAfterVoid = false;
  const notes: StatusNote[] = [];
  for (const e of ordered) {
    if (e.status === 'unknown') {
      firstUnknown ??= e;
      continue;
    }
    if (!current) {
      current = e;
      continue;
    }
    if (isTerminal(current.status, current.substatus)) {
      if (e.source !== 'scan' && isCorrection(current, e)) {
        notes.push({ eventKey: e.key, kind: 'correction', from: current.status, to: e.status });
        if (current.status === 'cancelled') movedAfterVoid = true;
        current = e;
      } else if (!(e.status === current.status && e.substatus === current.substatus)) {
        notes.push({ eventKey: e.key, kind: 'ignored_after_terminal', from: current.status, to: e.status });
      }
      continue;
    }
    if (e.status === 'label_created' && current.rank > STATUS_RANK.label_created) {
      notes.push({ eventKey: e.key, kind: 'ignored_pre_transit', from: current.status, to: e.status });
      continue;
    }
    if (e.rank < current.rank) notes.push({ eventKey: e.key, kind: 'regression', from: current.status, to: e.status });
    current = e;
  }
  const chosen = current ?? firstUnknown;
  if (!chosen) return { ...NO_STATUS, notes: [] };
  return {
    status: chosen.status,
    substatus: chosen.substatus ?? null,
    reason: chosen.reason ?? null,
    actionRequired: chosen.actionRequired || movedAfterVoid,
    terminal: isTerminal(chosen.status, chosen.substatus),
    statusEventKey: chosen.key,
    statusAt: chosen.sortAt,
    notes,
  };
}

function isCorrection(current: TimelineEvent, next: TimelineEvent): boolean {
  switch (current.status) {
    case 'delivered':
      return next.status === 'return_to_sender' || next.status === 'exception' || next.status === 'delivered';
    case 'cancelled':
      return next.status !== 'label_created' && next.status !== 'cancelled';
    case 'return_to_sender':
      return next.status === 'return_to_sender' || next.status === 'exception';
    default:
      return false;
  }
}
