import { orderEvents, mergeDuplicates } from './event-ordering';
import { deriveStatus, type DerivedStatus } from './status-derivation';
import type { TimelineEvent } from './timeline-event';

export interface Timeline<T extends TimelineEvent = TimelineEvent> {
  events: T[];
  status: DerivedStatus;
}

/** Duplicates merged (last arrival wins), occurrence order, derived status: the whole rule set in one call. */
export function buildTimeline<T extends TimelineEvent>(eventsInArrivalOrder: T[]): Timeline<T> {
  const events = orderEvents(mergeDuplicates(eventsInArrivalOrder));
  return { events, status: deriveStatus(events) };
}
