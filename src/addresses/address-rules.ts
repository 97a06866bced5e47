/** How one country writes postal codes (from `tariffs/reference/postal-codes.csv`). */
export interface PostalCodeRule {
  country: string;
  pattern: RegExp;
  required: boolean;
  /** Inserted at `separatorAt` when the code arrives without it (`SW1A1AA` -> `SW1A 1AA`). */
  separator?: string;
  /** Position of the separator: from the start, or from the end when negative. */
  separatorAt?: number;
  example?: string;
}

/** A state or province (from `tariffs/reference/regions.csv`). */
export interface RegionRule {
  country: string;
  code: string;
  name: string;
  aliases: string[];
  /** What the region's postal codes start with: single prefixes or numeric ranges. */
  postalPrefixes: ({ prefix: string } | { from: number; to: number; width: number })[];
}

/** Per-country address rules: postal code formats and the regions of countries that need one. */
export class AddressRules {
  private readonly postal: ReadonlyMap<string, PostalCodeRule>;
  private readonly regionsByCountry: ReadonlyMap<string, RegionRule[]>;

  constructor(postal: PostalCodeRule[], regions: RegionRule[]) {
    this.postal = new Map(postal.map((p) => [p.country, p]));
    const byCountry = new Map<string, RegionRule[]>();
    for (const r of regions) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
    this.regionsByCountry = byCountry;
  }

  postalCode(country: string): PostalCodeRule | undefined {
    return this.postal.get(country);
  }

  /** Countries listed in regions.csv need a region in every full address. */
  regionRequired(country: string): boolean {
    return this.regionsByCountry.has(country);
  }

  regions(country: string): RegionRule[] {
    return this.regionsByCountry.get(country) ?? [];
  }
}
