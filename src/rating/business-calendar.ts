import type { PublicHolidays } from './public-holidays';

/** Days of the week as JavaScript counts them: 0 = Sunday ... 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Weekend days per country; countries not listed rest on Saturday and Sunday. */
export class WeekendTable {
  static readonly DEFAULT: ReadonlySet<Weekday> = new Set<Weekday>([0, 6]);

  constructor(private readonly byCountry: ReadonlyMap<string, ReadonlySet<Weekday>> = new Map()) {}

  of(country: string): ReadonlySet<Weekday> {
    return this.byCountry.get(country) ?? WeekendTable.DEFAULT;
  }
}

export interface Place {
  country: string;
  region?: string;
}

/** Why a day is not a working day in a place. */
export interface DayOff {
  date: string;
  country: string;
  reason: 'weekend' | 'holiday';
  name?: string;
}

/** Days counted from 1970-01-01 (UTC): date arithmetic without time zones or daylight saving. */
export function toEpochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

export function fromEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function weekdayOf(day: number): Weekday {
  return (((day + 4) % 7) + 7) % 7 as Weekday; // 1970-01-01 was a Thursday
}

/** Answers kept before the memo starts over: far more than the places and days quotes ask about. */
const MAX_REMEMBERED_DAYS = 50_000;

/** Working days of countries: weekends from the weekend table, public holidays from the holiday library. */
export class BusinessCalendar {
  /**
   * Answers by place and day. Weekends and holidays do not change while the service runs, and every
   * quote option scans the same few weeks of the same lanes, so each day is worked out once.
   */
  private readonly answered = new Map<string, Readonly<DayOff> | null>();

  constructor(
    private readonly weekends: WeekendTable,
    private readonly holidays: PublicHolidays,
  ) {}

  /** Why `day` is not a working day in `place`, or undefined when it is one. The answer is shared: do not change it. */
  dayOff(place: Place, day: number): Readonly<DayOff> | undefined {
    const key = `${place.country}|${place.region ?? ''}|${day}`;
    const known = this.answered.get(key);
    if (known !== undefined) return known ?? undefined;
    const off = this.work(place, day);
    if (this.answered.size >= MAX_REMEMBERED_DAYS) this.answered.clear();
    this.answered.set(key, off ? Object.freeze(off) : null);
    return off;
  }

  private work(place: Place, day: number): DayOff | undefined {
    if (this.weekends.of(place.country).has(weekdayOf(day))) return { date: fromEpochDay(day), country: place.country, reason: 'weekend' };
    const name = this.holidays.on(place.country, place.region, day);
    return name === undefined ? undefined : { date: fromEpochDay(day), country: place.country, reason: 'holiday', name };
  }
}
