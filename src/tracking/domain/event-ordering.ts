import type { TimelineEvent } from './timeline-event';

/**
 * Occurrence order, never arrival order: by the instant, then by rank (at the same minute a
 * "delivered" comes after "out for delivery"), then by key so that the order is total and the same
 * whatever order the events arrived in.
 */
export function compareEvents(a: Pick<TimelineEvent, 'sortAt' | 'rank' | 'key'>, b: Pick<TimelineEvent, 'sortAt' | 'rank' | 'key'>): number {
  const t = a.sortAt.getTime() - b.sortAt.getTime();
  if (t !== 0) return t;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Merges reports of the same event (same key): the report that arrived last wins, so a carrier that
 * rewords or corrects an event updates it instead of adding a second one.
 * `events` must be in arrival order.
 */
export function mergeDuplicates<T extends Pick<TimelineEvent, 'key'>>(events: T[]): T[] {
  const byKey = new Map<string, T>();
  for (const e of events) byKey.set(e.key, e);
  return [...byKey.values()];
}

export function orderEvents<T extends TimelineEvent>(events: T[]): T[] {
  return [...events].sort(compareEvents);
}
