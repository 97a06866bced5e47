/** One heading of the Harmonized System: a chapter (2 digits), heading (4) or subheading (6). */
export interface HsEntry {
  code: string;
  description: string;
  level: 2 | 4 | 6;
  parent: string | null;
  section: string;
}

export interface HsSearchHit {
  code: string;
  description: string;
  level: number;
  score: number;
}

const STOPWORDS = new Set(
  'a an and as at be by for from in into is it its nes n.e.c not of on or other others than that the their this to with without whether which not neither nor'.split(
    ' ',
  ),
);

/** Light stemming good enough for customs prose: plurals and a few common suffixes. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/**
 * Splits text into search terms. Hyphenated and slashed words give both the joined word and the parts
 * ("T-shirts" gives `tshirt`, `t`, `shirt`), so that "tshirt", "t-shirt" and "t shirt" all meet.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9\-/']+/)) {
    if (!raw) continue;
    const parts = raw.split(/[-/']/).filter(Boolean);
    if (parts.length > 1) {
      out.push(stem(parts.join('')));
      for (const p of parts) if (!STOPWORDS.has(p)) out.push(stem(p));
    } else if (!STOPWORDS.has(raw)) {
      out.push(stem(raw));
    }
  }
  return out;
}

/**
 * The HS nomenclature held in memory with an inverted index for free-text search.
 *
 * Ranking: each query term found in an entry adds its inverse document frequency (rare words such as
 * "tshirt" weigh more than "cotton"); an entry matching every query term gets a bonus; 6-digit
 * subheadings are preferred over headings and chapters; a description that starts with the query
 * terms ranks higher; ties go to the shorter description (the more specific wording).
 */
export class HsNomenclature {
  private readonly byCode = new Map<string, HsEntry>();
  private readonly children = new Map<string, string[]>();
  /** Codes containing each term, in load order. */
  private readonly index = new Map<string, string[]>();
  /** The first three terms of each entry's own description (a query term among them ranks higher). */
  private readonly leadTerms = new Map<string, string[]>();

  constructor(entries: HsEntry[]) {
    // Every term is kept once however many entries use it.
    const canonical = new Map<string, string>();
    const intern = (t: string): string => {
      const known = canonical.get(t);
      if (known !== undefined) return known;
      canonical.set(t, t);
      return t;
    };
    const indexed = new Set<string>();
    for (const e of entries) {
      // A code listed twice is indexed once, as before.
      const again = indexed.has(e.code);
      indexed.add(e.code);
      this.byCode.set(e.code, e);
      if (e.parent) {
        // Lists start as one-element literals: pushing onto an empty array reserves room for 17.
        const list = this.children.get(e.parent);
        if (list) list.push(e.code);
        else this.children.set(e.parent, [e.code]);
      }
      // Subheadings inherit their heading's words ("Other" subheadings say little on their own).
      const inherited = e.level === 6 && e.parent ? (this.byCode.get(e.parent)?.description ?? '') : '';
      const ts = terms(`${e.description} ${inherited}`);
      this.leadTerms.set(e.code, terms(e.description).slice(0, 3).map(intern));
      for (const t of new Set(ts)) {
        const postings = this.index.get(t);
        if (!postings) this.index.set(intern(t), [e.code]);
        else if (!again || !postings.includes(e.code)) postings.push(e.code);
      }
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): HsEntry | undefined {
    return this.byCode.get(code);
  }

  childrenOf(code: string): HsEntry[] {
    return (this.children.get(code) ?? []).map((c) => this.byCode.get(c)!);
  }

  /** Chapter, heading and subheading above a code (itself included), from the top. */
  ancestry(code: string): HsEntry[] {
    const out: HsEntry[] = [];
    let cur = this.byCode.get(code);
    while (cur) {
      out.unshift(cur);
      cur = cur.parent ? this.byCode.get(cur.parent) : undefined;
    }
    return out;
  }

  /**
   * The HS subheading (6 digits) a national code of 6 to 10 digits falls under, if it exists.
   * National codes often carry dots or spaces ("6109.10.0012"): those are ignored.
   */
  subheadingOf(code: string): HsEntry | undefined {
    const digits = code.replace(/[.\s]/g, '');
    if (!/^\d{6,10}$/.test(digits)) return undefined;
    return this.byCode.get(digits.slice(0, 6));
  }

  search(query: string, limit = 10): HsSearchHit[] {
    const q = query.trim();
    if (/^[\d.\s]+$/.test(q)) return this.searchByCode(q.replace(/[.\s]/g, ''), limit);
    const qTerms = [...new Set(terms(q))];
    if (qTerms.length === 0) return [];
    const total = this.byCode.size;
    const scores = new Map<string, { score: number; matched: number }>();
    for (const t of qTerms) {
      const postings = this.index.get(t);
      if (!postings) continue;
      const idf = Math.log(1 + total / postings.length);
      for (const code of postings) {
        const s = scores.get(code) ?? { score: 0, matched: 0 };
        s.score += idf;
        s.matched += 1;
        scores.set(code, s);
      }
    }
    const hits: HsSearchHit[] = [];
    for (const [code, s] of scores) {
      const e = this.byCode.get(code)!;
      let score = s.score;
      if (s.matched === qTerms.length) score *= 1.5;
      score *= e.level === 6 ? 1.2 : e.level === 4 ? 1.0 : 0.6;
      const lead = this.leadTerms.get(code)!;
      if (qTerms.some((t) => lead.includes(t))) score *= 1.15;
      hits.push({ code, description: e.description, level: e.level, score: Math.round(score * 1000) / 1000 });
    }
    hits.sort((a, b) => b.score - a.score || a.description.length - b.description.length || a.code.localeCompare(b.code));
    return hits.slice(0, limit);
  }

  private searchByCode(prefix: string, limit: number): HsSearchHit[] {
    const out: HsSearchHit[] = [];
    for (const e of this.byCode.values()) {
      if (e.code.startsWith(prefix) || prefix.startsWith(e.code)) {
        out.push({ code: e.code, description: e.description, level: e.level, score: e.code === prefix ? 2 : 1 });
      }
    }
    out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    return out.slice(0, limit);
  }

  /** Codes close to an unknown one: the nearest existing parent's children, else a search. */
  suggest(code: string, limit = 5): HsSearchHit[] {
    const digits = code.replace(/[.\s]/g, '');
    for (const len of [6, 4, 2]) {
      const parent = this.byCode.get(digits.slice(0, len));
      if (parent && len < digits.length) {
        const kids = this.childrenOf(parent.code);
        const list = kids.length ? kids : [parent];
        return list.slice(0, limit).map((e) => ({ code: e.code, description: e.description, level: e.level, score: 1 }));
      }
    }
    return [];
  }
}
