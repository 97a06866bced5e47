/**
 * Postcode ranges as carriers publish them ("20000-20999", "HS", "99500-99999"). A range compares the
 * first N characters of the normalised postcode, N being the length of its bounds, so a range can be
 * a prefix ("HS" covers HS1 2AB) or a full code range. Bounds of one range have the same length.
 */
export interface PostcodeRange<T> {
  from: string;
  to: string;
  value: T;
}

/** Upper case, letters and digits only: "hs1 2ab" and "HS12AB" are the same postcode. */
export function normalisePostcode(postcode: string): string {
  return postcode.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function rangeContains(range: { from: string; to: string }, normalised: string): boolean {
  const head = normalised.slice(0, range.from.length);
  return head.length === range.from.length && range.from <= head && head <= range.to;
}

/** Two ranges of the same country overlap when some postcode falls in both. */
export function rangesOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  const n = Math.min(a.from.length, b.from.length);
  // Compare on the shorter length: "20" overlaps "20000-20190"; "21" does not.
  const aFrom = a.from.slice(0, n);
  const aTo = a.to.slice(0, n);
  const bFrom = b.from.slice(0, n);
  const bTo = b.to.slice(0, n);
  return aFrom <= bTo && bFrom <= aTo;
}

/** Values by country: one for the whole country and/or several postcode ranges that take precedence. */
export class PostcodeAreaMap<T> {
  private readonly byCountry = new Map<string, { whole?: T; ranges: PostcodeRange<T>[] }>();

  setCountry(country: string, value: T): void {
    this.entry(country).whole = value;
  }

  addRange(country: string, range: PostcodeRange<T>): void {
    this.entry(country).ranges.push(range);
  }

  /**
   * The value for an address: the postcode range that contains it, else the country's value.
   * `needsPostcode` is true when the country is only known by ranges and no postcode was given.
   */
  lookup(country: string, postalCode?: string): { value?: T; needsPostcode: boolean } {
    const entry = this.byCountry.get(country);
    if (!entry) return { needsPostcode: false };
    if (postalCode) {
      const pc = normalisePostcode(postalCode);
      for (const r of entry.ranges) if (rangeContains(r, pc)) return { value: r.value, needsPostcode: false };
    }
    if (entry.whole !== undefined) return { value: entry.whole, needsPostcode: false };
    return { needsPostcode: !postalCode && entry.ranges.length > 0 };
  }

  countries(): string[] {
    return [...this.byCountry.keys()];
  }

  values(): T[] {
    const out: T[] = [];
    for (const e of this.byCountry.values()) {
      if (e.whole !== undefined) out.push(e.whole);
      for (const r of e.ranges) out.push(r.value);
    }
    return out;
  }

  private entry(country: string) {
    let e = this.byCountry.get(country);
    if (!e) {
      e = { ranges: [] };
      this.byCountry.set(country, e);
    }
    return e;
  }
}
