import Holidays from 'date-holidays';

interface CountryHolidays {
  years: Set<number>;
  /** Holiday name by epoch day (days since 1970-01-01 UTC). */
  days: Map<number, string>;
}

/**
 * Public holidays per country and, where the library knows the subdivision, per region (a US state's
 * or a German Land's own holidays), from the `date-holidays` package. Building one country-year takes
 * milliseconds, so each is computed once and kept (a few hundred small maps at most); lookups are a
 * map read by day number.
 */
export class PublicHolidays {
  private readonly cache = new Map<string, CountryHolidays>();
  private readonly states = new Map<string, ReadonlySet<string>>();
  private readonly library = new Holidays();

  /** The name of the public holiday (type `public`: a day off for everyone) on an epoch day, if any. */
  on(country: string, region: string | undefined, day: number): string | undefined {
    const state = region && this.knownStates(country).has(region) ? region : '';
    const key = `${country}|${state}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = { years: new Set(), days: new Map() };
      this.cache.set(key, entry);
    }
    const year = new Date(day * 86_400_000).getUTCFullYear();
    if (!entry.years.has(year)) this.load(entry, country, state, year);
    return entry.days.get(day);
  }

  private load(entry: CountryHolidays, country: string, state: string, year: number): void {
    const calendar = state ? new Holidays(country, state) : new Holidays(country);
    for (const h of calendar.getHolidays(year, 'en') || []) {
      if (h.type !== 'public') continue;
      const d = h.date;
      entry.days.set(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000, h.name);
    }
    entry.years.add(year);
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
