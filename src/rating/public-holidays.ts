import Holidays from 'date-holidays';

/** A public holiday as the calendar knows it. */
export interface Holiday {
  date: string;
  name: string;
}

/**
 * Public holidays per country and, where the library knows the subdivision, per region (a US state's
 * or a German Land's own holidays), from the `date-holidays` package. Building a country's calendar
 * takes milliseconds, so each (country, region, year) is computed once and kept: the process holds at
 * most a few hundred small maps.
 */
export class PublicHolidays {
  private readonly cache = new Map<string, ReadonlyMap<string, string>>();
  private readonly states = new Map<string, ReadonlySet<string>>();
  private readonly library = new Holidays();

  /** Holidays of the year by ISO date; only holidays of type `public` (days off for everyone). */
  forYear(country: string, region: string | undefined, year: number): ReadonlyMap<string, string> {
    const state = region && this.knownStates(country).has(region) ? region : undefined;
    const key = `${country}|${state ?? ''}|${year}`;
    let days = this.cache.get(key);
    if (!days) {
      const map = new Map<string, string>();
      const calendar = state ? new Holidays(country, state) : new Holidays(country);
      for (const h of calendar.getHolidays(year, 'en') || []) {
        if (h.type === 'public') map.set(h.date.slice(0, 10), h.name);
      }
      days = map;
      this.cache.set(key, days);
    }
    return days;
  }

  holiday(country: string, region: string | undefined, date: string): Holiday | undefined {
    const name = this.forYear(country, region, Number(date.slice(0, 4))).get(date);
    return name === undefined ? undefined : { date, name };
  }

  private knownStates(country: string): ReadonlySet<string> {
    let set = this.states.get(country);
    if (!set) {
      set = new Set(Object.keys(this.library.getStates(country) ?? {}));
      this.states.set(country, set);
    }
    return set;
  }
}
