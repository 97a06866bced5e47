import { DateTime } from 'luxon';

/** Today's date per carrier, and for shipments of carriers not listed. */
export interface StationToday {
  byCarrier: Record<string, string>;
  fallback: string;
}

/**
 * What "today" is for a print station's list of unprinted shipments. A shipment's ship date was set
 * at booking in its carrier's (origin's) zone, so without a station zone each shipment is compared
 * with today in that zone; a station with its own zone uses it for every shipment. Never the UTC date:
 * at 00:30 in Berlin the UTC date is still yesterday, and today's parcels would be missing.
 */
export function stationToday(now: Date, carriers: readonly { id: string; timeZone: string }[], stationZone?: string): StationToday {
  const day = (zone: string) => DateTime.fromJSDate(now, { zone }).toISODate() ?? DateTime.fromJSDate(now, { zone: 'UTC' }).toISODate()!;
  if (stationZone) return { byCarrier: {}, fallback: day(stationZone) };
  return { byCarrier: Object.fromEntries(carriers.map((c) => [c.id, day(c.timeZone)])), fallback: day('UTC') };
}

/** True for an IANA zone name luxon knows (`Europe/Berlin`, `America/New_York`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  return zone.length <= 64 && DateTime.local().setZone(zone).isValid;
}
