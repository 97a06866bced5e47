import { DateTime } from 'luxon';

export interface TimeZoneRow {
  country: string;
  zone: string;
  /** Subdivision codes without the country prefix (`NY`, `BC`, `NSW`). */
  regions: string[];
  cities: string[];
}

/**
 * Finds the IANA zone of a place from its country, and for countries spanning several zones, from
 * its region or city. A country whose zones all keep the same clock (Germany's Busingen, say) is
 * treated as one zone. Returns undefined rather than guess between zones.
 */
export class TimeZoneTable {
  private readonly single = new Map<string, string>();
  private readonly byRegion = new Map<string, string>();
  private readonly byCity = new Map<string, string>();

  constructor(rows: TimeZoneRow[], sampleYear = 2026) {
    const byCountry = new Map<string, TimeZoneRow[]>();
    for (const row of rows) {
      const list = byCountry.get(row.country) ?? [];
      list.push(row);
      byCountry.set(row.country, list);
      for (const r of row.regions) this.byRegion.set(`${row.country}|${r.toUpperCase()}`, row.zone);
      for (const c of row.cities) this.byCity.set(`${row.country}|${normalisePlace(c)}`, row.zone);
    }
    const samples = [DateTime.utc(sampleYear, 1, 15), DateTime.utc(sampleYear, 7, 15)];
    for (const [country, list] of byCountry) {
      const offsets = new Set(list.map((r) => samples.map((s) => s.setZone(r.zone).offset).join('/')));
      if (offsets.size === 1) this.single.set(country, list[0].zone);
    }
  }

  /** The zone of a place, or undefined when the country is unknown or spans zones and the place does not pick one. */
  zoneFor(place: { country?: string; region?: string; city?: string } | undefined): string | undefined {
    const country = place?.country?.toUpperCase();
    if (!country) return undefined;
    const only = this.single.get(country);
    if (only) return only;
    if (place?.region) {
      const region = place.region.toUpperCase().replace(new RegExp(`^${country}-`), '');
      const zone = this.byRegion.get(`${country}|${region}`);
      if (zone) return zone;
    }
    if (place?.city) return this.byCity.get(`${country}|${normalisePlace(place.city)}`);
    return undefined;
  }
}

/** Lower case, no accents, single spaces: "SÃO  PAULO" and "Sao Paulo" match. */
export function normalisePlace(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
