import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/**
 * Where the UTC offset of an event time came from:
 * - `carrier_offset`: the timestamp carried its own offset (`2026-11-27T10:15:00-05:00`);
 * - `carrier_utc`: the timestamp was UTC (`...Z`); the local wall time was computed in the location's zone when known;
 * - `carrier_gmt_field`: a local time plus a separate GMT/UTC field or offset (UPS gmtDate/gmtTime/gmtOffset, USPS GMTTimestamp);
 * - `derived_from_location`: a local time without offset, zone looked up from the event's country, region or city;
 * - `assumed_carrier_zone`: a local time without offset or usable location, read in the carrier's home zone;
 * - `unknown`: nothing to go on; the UTC instant stays empty and ordering reads the wall time as if UTC.
 */
export type ZoneSource = 'carrier_offset' | 'carrier_utc' | 'carrier_gmt_field' | 'derived_from_location' | 'assumed_carrier_zone' | 'unknown';

export interface EventTimeInput {
  /** As the carrier sent it: ISO 8601 with an offset or `Z`, or a local time without offset. */
  occurredAt: string;
  /** A separate UTC offset for a local `occurredAt`, e.g. `-05:00` or `+0530` (UPS gmtOffset). */
  utcOffset?: string;
  /** A separate UTC timestamp of the same moment (USPS GMTTimestamp, UPS gmtDate+gmtTime). */
  occurredAtUtc?: string;
}

export interface EventTime {
  /** Verbatim as received. */
  raw: string;
  /** Wall-clock time where the event happened, `YYYY-MM-DDTHH:mm:ss`, never converted. */
  local: string;
  /** Offset of `local` from UTC in minutes, when known. */
  utcOffsetMinutes: number | null;
  /** The instant, when the offset is known. Never a local time stamped as UTC. */
  utc: Date | null;
  /** IANA zone used, when one was. */
  zone: string | null;
  zoneSource: ZoneSource;
  /** Ordering key: the UTC instant, or the wall time read as UTC when no offset can be known. */
  sortAt: Date;
}

/** Finds the IANA zone of an event location (see TimeZoneTable); undefined when it cannot tell. */
export type ZoneLookup = (location: { country?: string; region?: string; city?: string } | undefined) => string | undefined;

export class EventTimeError extends Error {}

const OFFSET_RE = /(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/**
 * Reads a carrier timestamp without ever stamping a local time as UTC: the offset comes from the
 * timestamp itself, a separate GMT field, the event location's zone, or the carrier's home zone,
 * in that order, and `zoneSource` records which.
 */
export function resolveEventTime(input: EventTimeInput, location: Parameters<ZoneLookup>[0], lookupZone: ZoneLookup, carrierZone?: string): EventTime {
  const raw = input.occurredAt.trim();
  const offsetMatch = OFFSET_RE.exec(raw);
  const wall = offsetMatch ? raw.slice(0, offsetMatch.index) : raw;
  const local = parseLocal(wall, raw);

  if (offsetMatch) {
    const offsetMinutes = offsetMatch[1].toUpperCase() === 'Z' ? 0 : parseOffset(offsetMatch[1], raw);
    const instant = DateTime.fromISO(local, { zone: FixedOffsetZone.instance(offsetMinutes) });
    if (!instant.isValid) throw new EventTimeError(`"${raw}" is not a valid date and time`);
    const utc = instant.toJSDate();
    if (offsetMatch[1].toUpperCase() === 'Z') {
      // A UTC stamp says nothing about the wall clock where the parcel was; find it from the location.
      const zone = lookupZone(location);
      if (zone) {
        const there = instant.setZone(zoneOf(zone));
        return withSort({ raw, local: formatLocal(there), utcOffsetMinutes: there.offset, utc, zone, zoneSource: 'carrier_utc' });
      }
      return withSort({ raw, local, utcOffsetMinutes: 0, utc, zone: 'UTC', zoneSource: 'carrier_utc' });
    }
    return withSort({ raw, local, utcOffsetMinutes: offsetMinutes, utc, zone: null, zoneSource: 'carrier_offset' });
  }

  if (input.occurredAtUtc) {
    const utcText = input.occurredAtUtc.trim();
    const m = OFFSET_RE.exec(utcText);
    const utcWall = parseLocal(m ? utcText.slice(0, m.index) : utcText, utcText);
    if (m && m[1].toUpperCase() !== 'Z' && parseOffset(m[1], utcText) !== 0) {
      throw new EventTimeError(`"${utcText}" must be a UTC time`);
    }
    const utcInstant = DateTime.fromISO(utcWall, { zone: 'UTC' });
    const localAsUtc = DateTime.fromISO(local, { zone: 'UTC' });
    const offset = Math.round(localAsUtc.diff(utcInstant, 'minutes').minutes / 15) * 15;
    if (Math.abs(offset) > 14 * 60) throw new EventTimeError(`local time "${raw}" and UTC time "${utcText}" are more than 14 hours apart`);
    return withSort({ raw, local, utcOffsetMinutes: offset, utc: utcInstant.toJSDate(), zone: null, zoneSource: 'carrier_gmt_field' });
  }

  if (input.utcOffset) {
    const offset = parseOffset(input.utcOffset.trim(), input.utcOffset);
    const instant = DateTime.fromISO(local, { zone: FixedOffsetZone.instance(offset) });
    return withSort({ raw, local, utcOffsetMinutes: offset, utc: instant.toJSDate(), zone: null, zoneSource: 'carrier_gmt_field' });
  }

  const fromLocation = lookupZone(location);
  const zone = fromLocation ?? carrierZone;
  if (zone) {
    const there = wallTimeIn(local, zone);
    if (there) {
      return withSort({
        raw,
        local,
        utcOffsetMinutes: there.offset,
        utc: new Date(there.utcMs),
        zone,
        zoneSource: fromLocation ? 'derived_from_location' : 'assumed_carrier_zone',
      });
    }
  }
  return { raw, local, utcOffsetMinutes: null, utc: null, zone: null, zoneSource: 'unknown', sortAt: DateTime.fromISO(local, { zone: 'UTC' }).toJSDate() };
}

// luxon validates a zone given by name on every call (a new Intl.DateTimeFormat each time); zone
// objects made once skip that, which matters at thousands of events per second.
const zones = new Map<string, Zone>();
function zoneOf(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

/**
 * A wall time read in an IANA zone: its offset and instant, or undefined when luxon finds it invalid.
 * Each reading costs several Intl calls; events of a batch (and of the next batches) share wall times
 * and zones, so readings are kept when nothing can make them differ: the offset is the same three
 * hours before and after, so the wall time is neither skipped nor repeated by a clock change and has
 * one reading whatever luxon's first guess was. Readings near a change are made afresh every time.
 */
const readings = new Map<string, { offset: number; utcMs: number }>();
const MAX_READINGS = 20_000;
const SETTLED_MS = 3 * 3_600_000;

function wallTimeIn(local: string, zoneName: string): { offset: number; utcMs: number } | undefined {
  const key = `${zoneName}|${local}`;
  const known = readings.get(key);
  if (known) return known;
  const zone = zoneOf(zoneName);
  const there = DateTime.fromISO(local, { zone });
  if (!there.isValid) return undefined;
  const reading = { offset: there.offset, utcMs: there.toMillis() };
  if (zone.offset(reading.utcMs - SETTLED_MS) === reading.offset && zone.offset(reading.utcMs + SETTLED_MS) === reading.offset) {
    if (readings.size >= MAX_READINGS) readings.clear();
    readings.set(key, reading);
  }
  return reading;
}

function withSort(t: Omit<EventTime, 'sortAt'>): EventTime {
  return { ...t, sortAt: t.utc as Date };
}

function parseLocal(wall: string, raw: string): string {
  const m = LOCAL_RE.exec(wall.trim());
  if (!m) throw new EventTimeError(`"${raw}" is not an ISO 8601 date and time (YYYY-MM-DDTHH:mm[:ss][offset])`);
  const [, y, mo, d, h, mi, s = '00'] = m;
  const text = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (!validWallTimes.has(text)) {
    const check = DateTime.fromISO(text, { zone: 'UTC' });
    if (!check.isValid) throw new EventTimeError(`"${raw}" is not a valid date and time`);
    if (validWallTimes.size >= MAX_READINGS) validWallTimes.clear();
    validWallTimes.add(text);
  }
  return text;
}

/** Wall times already found valid (a calendar fact: it cannot change). */
const validWallTimes = new Set<string>();

function parseOffset(text: string, raw: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) throw new EventTimeError(`"${raw}" has an invalid UTC offset`);
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  if (minutes > 14 * 60 || Number(m[3] ?? '0') >= 60) throw new EventTimeError(`"${raw}" has an invalid UTC offset`);
  return m[1] === '-' ? -minutes : minutes;
}

function formatLocal(dt: DateTime): string {
  return dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}
