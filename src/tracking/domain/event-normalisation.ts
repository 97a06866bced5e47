import { eventDedupeKey } from './event-fingerprint';
import type { EventCodeTable } from './event-code-table';
import { EventTimeError, resolveEventTime, type ZoneLookup } from './event-time';
import type { TimelineEvent, EventSource } from './timeline-event';
import {
  defaultActionRequired,
  isTrackingStatus,
  normaliseSubstatus,
  STATUS_RANK,
  TRACKING_REASONS,
  TRACKING_STATUSES,
  type EventClassification,
  type TrackingReason,
} from './tracking-status';

/** One event as a sender reports it (API body, CSV row, warehouse scan, carrier push or poll). */
export interface RawTrackingEvent {
  eventId?: string;
  code?: string;
  status?: string;
  substatus?: string;
  reason?: string;
  description?: string;
  occurredAt: string;
  utcOffset?: string;
  occurredAtUtc?: string;
  location?: { city?: string; region?: string; postalCode?: string; country?: string };
}

/** A normalised event ready to store, with the raw carrier code and text kept beside the unified fields. */
export interface PreparedEvent extends TimelineEvent {
  carrierEventId?: string;
  carrierText?: string;
  occurredRaw: string;
  zone: string | null;
}

const STRING_FIELDS = ['eventId', 'code', 'status', 'substatus', 'reason', 'description', 'occurredAt', 'utcOffset', 'occurredAtUtc'] as const;

export interface Problem {
  path: string;
  message: string;
}

export interface NormaliseContext {
  carrier: string;
  trackingNumber: string;
  source: EventSource;
  codes?: EventCodeTable;
  lookupZone: ZoneLookup;
  /** The carrier's home zone (carrier.yaml `timeZone`), used when an event has no offset and no usable location. */
  carrierZone?: string;
  now: Date;
  /** Events more than this far in the future are refused: a wrong zone would otherwise pin the status. */
  maxFutureMs?: number;
  /** Path prefix for problems, e.g. `events`. */
  path?: string;
}

/**
 * Classifies, times and keys a batch of events. Every problem is collected with its path, so that a
 * sender learns about all bad events at once; nothing is stored when any event is bad.
 *
 * Classification: a unified `status` given by the sender wins (it already speaks our model); otherwise
 * the carrier code is looked up in the carrier's table; an unknown code is kept as `unknown.unmapped_code`
 * so that no carrier data is thrown away, and it never changes the derived status.
 */
export function normaliseEvents(events: RawTrackingEvent[], ctx: NormaliseContext): { events: PreparedEvent[]; problems: Problem[] } {
  const out: PreparedEvent[] = [];
  const problems: Problem[] = [];
  const base = ctx.path ?? 'events';
  const maxFuture = ctx.maxFutureMs ?? 36 * 3_600_000;
  events.forEach((raw, i) => {
    const at = (field: string) => `${base}[${i}].${field}`;
    const before = problems.length;
    // Pushes and polls reach here without the HTTP layer's validation: check shapes first.
    if (!raw || typeof raw !== 'object') {
      problems.push({ path: `${base}[${i}]`, message: 'must be an object' });
      return;
    }
    for (const field of STRING_FIELDS) {
      const v = (raw as unknown as Record<string, unknown>)[field];
      if (v !== undefined && v !== null && typeof v !== 'string') problems.push({ path: at(field), message: 'must be a string' });
    }
    if (typeof raw.occurredAt !== 'string') problems.push({ path: at('occurredAt'), message: 'is required (ISO 8601 date and time)' });
    if (raw.location !== undefined && raw.location !== null && typeof raw.location !== 'object') problems.push({ path: at('location'), message: 'must be an object' });
    if (problems.length > before) return;
    let cls: EventClassification | undefined;
    let codeDescription: string | undefined;
    if (raw.status !== undefined) {
      if (!isTrackingStatus(raw.status)) {
        problems.push({ path: at('status'), message: `must be one of ${TRACKING_STATUSES.join(', ')}` });
      } else {
        const substatus = normaliseSubstatus(raw.status, raw.substatus);
        if (raw.substatus && !substatus) problems.push({ path: at('substatus'), message: `"${raw.substatus}" is not a substatus of ${raw.status}` });
        if (raw.reason && !(TRACKING_REASONS as readonly string[]).includes(raw.reason)) {
          problems.push({ path: at('reason'), message: `must be one of ${TRACKING_REASONS.join(', ')}` });
        }
        cls = { status: raw.status, substatus, reason: raw.reason as TrackingReason | undefined, actionRequired: defaultActionRequired(substatus) };
      }
    } else if (raw.code) {
      const row = ctx.codes?.lookup(raw.code);
      cls = row
        ? { status: row.status, substatus: row.substatus, reason: row.reason, actionRequired: row.actionRequired }
        : { status: 'unknown', substatus: 'unknown.unmapped_code', actionRequired: false };
      codeDescription = row?.description;
    } else {
      problems.push({ path: at('code'), message: 'give the carrier `code` or a unified `status`' });
    }
    if (raw.substatus && raw.status === undefined) problems.push({ path: at('substatus'), message: 'only allowed together with `status`' });
    let time: ReturnType<typeof resolveEventTime> | undefined;
    try {
      time = resolveEventTime(raw, raw.location, ctx.lookupZone, ctx.carrierZone);
      if (time.sortAt.getTime() > ctx.now.getTime() + maxFuture) {
        problems.push({ path: at('occurredAt'), message: 'is more than 36 hours in the future; check the time zone' });
      }
    } catch (e) {
      if (!(e instanceof EventTimeError)) throw e;
      problems.push({ path: raw.occurredAtUtc && /UTC/.test(e.message) ? at('occurredAtUtc') : at('occurredAt'), message: e.message });
    }
    const description = (raw.description ?? '').trim() || codeDescription || (cls ? defaultDescription(cls) : '');
    if (problems.length > before || !cls || !time) return;
    const location = cleanLocation(raw.location);
    out.push({
      key: eventDedupeKey({
        carrier: ctx.carrier,
        trackingNumber: ctx.trackingNumber,
        carrierEventId: raw.eventId,
        code: raw.code ?? `${cls.status}/${cls.substatus ?? ''}`,
        utc: time.utc,
        local: time.local,
        location,
      }),
      carrierEventId: raw.eventId,
      status: cls.status,
      substatus: cls.substatus,
      reason: cls.reason,
      actionRequired: cls.actionRequired,
      rank: STATUS_RANK[cls.status],
      code: raw.code,
      carrierText: raw.description?.trim() || undefined,
      description,
      source: ctx.source,
      sortAt: time.sortAt,
      utc: time.utc,
      local: time.local,
      utcOffsetMinutes: time.utcOffsetMinutes,
      zoneSource: time.zoneSource,
      zone: time.zone,
      occurredRaw: time.raw,
      location,
    });
  });
  return { events: out, problems };
}

function cleanLocation(l: RawTrackingEvent['location']): PreparedEvent['location'] {
  if (!l) return undefined;
  const c = {
    city: l.city?.trim() || undefined,
    region: l.region?.trim() || undefined,
    postalCode: l.postalCode?.trim() || undefined,
    country: l.country?.trim().toUpperCase() || undefined,
  };
  return c.city || c.region || c.postalCode || c.country ? c : undefined;
}

function defaultDescription(c: EventClassification): string {
  const text = (c.substatus ?? c.status).split('.').pop() as string;
  return text.charAt(0).toUpperCase() + text.slice(1).replace(/_/g, ' ');
}
