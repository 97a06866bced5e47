import { type BusinessCalendar, type DayOff, fromEpochDay, type Place, toEpochDay } from './business-calendar';

export interface DeliveryWindowInput {
  /** Local date and time at the origin (the carrier's time zone), e.g. from `localNow`. */
  now: { date: string; time: string };
  /** Requested hand-over day (YYYY-MM-DD, origin time); today or later. */
  shipDate: string;
  /** Carrier's cut-off (HH:mm, origin time); parcels handed over later leave the next working day. */
  cutoff?: string;
  origin: Place;
  destination: Place;
  transit: { minDays: number; maxDays: number };
}

export interface DeliveryWindow {
  /** The working day the carrier takes the parcel. */
  pickupDate: string;
  earliest: string;
  latest: string;
  /** True when the cut-off had passed on the requested day. */
  missedCutoff: boolean;
  /** Public holidays that pushed the window out (weekends are not listed). */
  holidays: Readonly<DayOff>[];
}

/** Safety stop: no real calendar has this many days off in a row. */
const MAX_SCAN_DAYS = 60;

/**
 * When a parcel arrives, in working days.
 *
 * 1. Pick-up: the requested day, or the next day when it is today and the cut-off has passed, moved
 *    on to the first working day at the origin (weekends and public holidays of the origin).
 * 2. Transit: `minDays` and `maxDays` are counted from the pick-up day over days that are working
 *    days both at the origin and at the destination (a hub closed on either side holds the parcel),
 *    so delivery always falls on a working day of the destination. `minDays: 0` is same-day delivery.
 */
export function deliveryWindow(input: DeliveryWindowInput, calendar: BusinessCalendar): DeliveryWindow {
  const holidays: Readonly<DayOff>[] = [];
  const seen = new Set<string>();
  const note = (off: Readonly<DayOff> | undefined) => {
    if (off?.reason === 'holiday' && !seen.has(`${off.date}|${off.country}`)) {
      seen.add(`${off.date}|${off.country}`);
      holidays.push(off);
    }
    return off;
  };
  let day = toEpochDay(input.shipDate);
  const missedCutoff = input.shipDate === input.now.date && input.cutoff !== undefined && input.now.time >= input.cutoff;
  if (input.shipDate < input.now.date) day = toEpochDay(input.now.date);
  if (missedCutoff) day += 1;
  for (let i = 0; i < MAX_SCAN_DAYS && note(calendar.dayOff(input.origin, day)); i++) day += 1;
  const pickup = day;

  const advance = (from: number, count: number): number => {
    let d = from;
    for (let counted = 0, scanned = 0; counted < count && scanned < MAX_SCAN_DAYS + count; scanned++) {
      d += 1;
      const off = note(calendar.dayOff(input.origin, d)) ?? note(calendar.dayOff(input.destination, d));
      if (!off) counted += 1;
    }
    return d;
  };
  const earliest = advance(pickup, input.transit.minDays);
  const latest = advance(earliest, input.transit.maxDays - input.transit.minDays);
  holidays.sort((a, b) => a.date.localeCompare(b.date) || a.country.localeCompare(b.country));
  return { pickupDate: fromEpochDay(pickup), earliest: fromEpochDay(earliest), latest: fromEpochDay(latest), missedCutoff, holidays };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastByZone = new Map<string, { minute: number; value: { date: string; time: string } }>();

/**
 * Local date and time (HH:mm) of an instant in an IANA time zone. One cached Intl formatter per zone:
 * this runs on every quote, and building date objects with zone rules each time costs more than the rest
 * of the delivery-window arithmetic.
 */
export function localNow(now: Date, zone: string): { date: string; time: string } {
  // Offsets change on minute boundaries at most: one formatting per zone and minute.
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = lastByZone.get(zone);
  if (hit && hit.minute === minute) return hit.value;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(now)) p[part.type] = part.value;
  const value = { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  lastByZone.set(zone, { minute, value });
  return value;
}

/** Today's date in a time zone. */
export function originToday(now: Date, zone: string): string {
  return localNow(now, zone).date;
}
