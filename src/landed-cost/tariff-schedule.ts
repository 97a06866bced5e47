import { inForce, TariffLine } from './landed-cost-rules';

/** How a code was matched in a schedule. */
export interface ScheduleMatch {
  /** `exact`: one line decides; `range`: the code is broader than the lines under it and they differ. */
  kind: 'exact' | 'range';
  /** The lines that may apply (one for `exact`). */
  lines: TariffLine[];
}

/**
 * A national tariff schedule indexed for lookups that do not depend on its size: lines by code, and for
 * every HS6 the longer codes under it. A national code finds its own line or its nearest ancestor; an
 * HS6 (or any code shorter than the lines under it) yields every line below it as a range.
 */
export class TariffSchedule {
  private readonly general = new Map<string, TariffLine[]>();
  private readonly preferential = new Map<string, TariffLine[]>();
  private readonly below = new Map<string, string[]>();

  constructor(
    readonly id: string,
    readonly currency: string,
    lines: TariffLine[],
  ) {
    for (const l of lines) {
      // Lists start as literals of one element: pushing onto an empty array reserves room for 17.
      const map = l.origins.length ? this.preferential : this.general;
      const list = map.get(l.code);
      if (list) list.push(l);
      else map.set(l.code, [l]);
      if (!l.origins.length && l.code.length > 6) {
        const hs6 = l.code.slice(0, 6);
        const kids = this.below.get(hs6);
        if (!kids) this.below.set(hs6, [l.code]);
        else if (!kids.includes(l.code)) kids.push(l.code);
      }
    }
    for (const list of [...this.general.values(), ...this.preferential.values()]) list.sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  }

  /** Every line (general and preferential), e.g. to build a smaller copy. */
  allLines(): TariffLine[] {
    return [...this.general.values(), ...this.preferential.values()].flat();
  }

  get size(): number {
    let n = 0;
    for (const l of this.general.values()) n += l.length;
    for (const l of this.preferential.values()) n += l.length;
    return n;
  }

  private lineAt(map: Map<string, TariffLine[]>, code: string, date: string, origin?: string): TariffLine | undefined {
    const list = map.get(code);
    if (!list) return undefined;
    for (const l of list) if (inForce(l, date) && (!origin || l.origins.includes(origin) || l.origins.includes('*'))) return l;
    return undefined;
  }

  /** The most specific general line at or above `code`. */
  private ancestor(code: string, date: string): TariffLine | undefined {
    for (let len = code.length; len >= 2; len--) {
      const l = this.lineAt(this.general, code.slice(0, len), date);
      if (l) return l;
    }
    return undefined;
  }

  /** General (MFN) lines for a code of 6 to 10 digits on a date; undefined when the schedule has none. */
  lookup(code: string, date: string): ScheduleMatch | undefined {
    const own = this.lineAt(this.general, code, date);
    if (own) return { kind: 'exact', lines: [own] };
    const longer = (this.below.get(code.slice(0, 6)) ?? []).filter((c) => c.length > code.length && c.startsWith(code));
    if (longer.length) {
      const lines: TariffLine[] = [];
      for (const c of longer) {
        const l = this.lineAt(this.general, c, date);
        if (l) lines.push(l);
      }
      if (lines.length) {
        const texts = new Set(lines.map((l) => l.expression.text));
        return texts.size === 1 ? { kind: 'exact', lines: [lines[0]] } : { kind: 'range', lines };
      }
    }
    const up = this.ancestor(code, date);
    return up ? { kind: 'exact', lines: [up] } : undefined;
  }

  /** The most specific preferential line covering `code` for goods of `origin`. */
  preference(code: string, origin: string, date: string): TariffLine | undefined {
    for (let len = code.length; len >= 2; len--) {
      const l = this.lineAt(this.preferential, code.slice(0, len), date, origin);
      if (l) return l;
    }
    return this.lineAt(this.preferential, '*', date, origin);
  }
}
