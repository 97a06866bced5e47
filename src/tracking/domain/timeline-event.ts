import type { ZoneSource } from './event-time';
import type { TrackingReason, TrackingStatus } from './tracking-status';

/** Where an event came from. `scan` is a warehouse scan and `system` the service itself (a voided label), not the carrier. */
export type EventSource = 'api' | 'csv' | 'scan' | 'webhook' | 'poll' | 'system';

/** One normalised event, as the ordering and status rules see it. */
export interface TimelineEvent {
  /** Dedupe key (carrier event id or fingerprint), also the last tie-breaker of the order. */
  key: string;
  status: TrackingStatus;
  substatus?: string;
  reason?: TrackingReason;
  actionRequired: boolean;
  rank: number;
  code?: string;
  description: string;
  source: EventSource;
  /** UTC instant or, when no offset can be known, the wall time read as UTC. */
  sortAt: Date;
  utc: Date | null;
  local: string;
  utcOffsetMinutes: number | null;
  zoneSource: ZoneSource;
  location?: { city?: string; region?: string; postalCode?: string; country?: string };
}
