/**
 * Duty expressions as customs tariffs print them, parsed once at load time and evaluated per item.
 *
 * Accepted forms (UK/EU TARIC, USITC HTS and ABF Schedule 3 styles):
 * - ad valorem: `12%`, `12.0%`, `Free`
 * - specific: `3.50 EUR / 100 kg`, `3.5 GBP/100kg`, `4.4¢/kg`, `$1.20/L`, `2 EUR / item`, `30 EUR / 1,000 items`,
 *   `0.8 EUR / pair`, `6.3¢/liter`, `10 EUR / hl`, `1 EUR / % vol / hl`, `85 EUR / tonne`
 * - compound: `12% + 3.5 EUR / 100 kg`, `90¢/pr. + 20%`
 * - clauses: `A MIN B` (not less than B: max), `A MAX B` (not more than B: min), folded left to right
 *   (`8% MIN 2 EUR / item MAX 5 EUR / item`)
 * - seasonal: `9.6% (01 JAN-14 APR, 01 DEC-31 DEC), 13.6% (15 APR-30 NOV)`: the part whose days contain the date
 * Agricultural components (`EA`, `ADSZ`, `ADFM`, entry prices) and units we cannot measure (lactic matter,
 * sugar content) are kept as `unsupported` terms worth 0 and reported, never silently dropped.
 */

export type SpecificUnit = 'kg' | '100kg' | 'tonne' | 'item' | 'pair' | 'litre' | 'hl' | 'vol_hl' | 'litre_alcohol';

export type DutyTerm =
  | { kind: 'ad_valorem'; percent: number }
  | { kind: 'specific'; amount: number; currency: string; unit: SpecificUnit; per: number }
  | { kind: 'unsupported'; text: string };

export interface DutyClause {
  op: 'MIN' | 'MAX';
  terms: DutyTerm[];
}

export interface SimpleDutyExpression {
  terms: DutyTerm[];
  clauses: DutyClause[];
}

export interface DutyExpression {
  /** The expression as written in the data file. */
  text: string;
  /** One entry for ordinary expressions; several for seasonal ones. */
  seasons: { from?: string; to?: string; expr: SimpleDutyExpression }[];
}

/** What an item brings to the evaluation: its duty base and the quantities specific duties count. */
export interface DutyQuantities {
  /** Duty base (customs value of the line) in the customs currency. */
  value: number;
  netKg?: number;
  items: number;
  litres?: number;
  alcoholPercent?: number;
}

export interface DutyEvaluation {
  amount: number;
  /** Why the amount is less than certain: missing quantities, unsupported components. */
  notes: string[];
}

export class DutyExpressionError extends Error {}

const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUNE: '06', JUL: '07', JULY: '07', AUG: '08', SEP: '09', SEPT: '09', OCT: '10', NOV: '11', DEC: '12' };
const CURRENCY_SIGNS: [RegExp, string][] = [
  [/€/g, ' EUR '],
  [/£/g, ' GBP '],
];

function clean(text: string): string {
  let s = text.replace(/[\u00a0\u200b]/g, ' ');
  for (const [re, code] of CURRENCY_SIGNS) s = s.replace(re, code);
  return s.replace(/\s+/g, ' ').trim();
}

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function parseUnit(raw: string, text: string): { unit: SpecificUnit; per: number; approx?: string } | undefined {
  let u = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  let per = 1;
  const m = /^([\d,]+)\s*(.*)$/.exec(u);
  if (m) {
    per = num(m[1]);
    u = m[2].trim();
  }
  u = u.replace(/\.$/, '');
  const approxQualifier = /\/\s*(net drained wt|net dry|std qual|br|net|gross|mas|eda)\b/.exec(u);
  u = u.replace(/\s*\/\s*(net drained wt|net dry|std qual|br|net|gross|mas|eda)\b.*$/, '').trim();
  const table: Record<string, [SpecificUnit, number]> = {
    kg: ['kg', 1], 'kg net': ['kg', 1], tonne: ['tonne', 1], t: ['tonne', 1], item: ['item', 1], items: ['item', 1], each: ['item', 1], no: ['item', 1],
    'doz': ['item', 12], 'doz.': ['item', 12], dozen: ['item', 12], pr: ['pair', 1], pair: ['pair', 1], pairs: ['pair', 1], 'doz. pr': ['pair', 12],
    l: ['litre', 1], liter: ['litre', 1], litre: ['litre', 1], hl: ['hl', 1], '% vol / hl': ['vol_hl', 1], '%vol/hl': ['vol_hl', 1], '% vol/hl': ['vol_hl', 1],
    'l of alcohol': ['litre_alcohol', 1], 'proof liter': ['litre_alcohol', 1], 'pf. liter': ['litre_alcohol', 1],
  };
  if (u.startsWith('l of alcohol')) u = 'l of alcohol';
  const hit = table[u] ?? table[u.replace(/\s/g, '')];
  if (!hit) return undefined;
  if (hit[0] === 'kg' && per === 100) return { unit: '100kg', per: 1, approx: approxQualifier?.[1] };
  void text;
  return { unit: hit[0], per: per * hit[1], approx: approxQualifier?.[1] };
}

function parseTerm(raw: string): DutyTerm {
  const t = raw.trim();
  if (/^free$/i.test(t)) return { kind: 'ad_valorem', percent: 0 };
  let m = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (m) return { kind: 'ad_valorem', percent: Number(m[1]) };
  // EU/UK rows sometimes omit the % sign on the ad valorem part before MIN/MAX ("7.2 MIN 0.36 EUR/100 kg").
  m = /^(\d+(?:\.\d+)?)$/.exec(t);
  if (m) return { kind: 'ad_valorem', percent: Number(m[1]) };
  // 3.50 EUR / 100 kg ; 3.5 GBP/100kg ; 4.4¢/kg ; $1.20/L ; 90¢/pr.
  m = /^(\$|US\$|A\$)?\s*([\d,]+(?:\.\d+)?)\s*(¢|c|[A-Z]{3})?\s*\/\s*(.+)$/.exec(t);
  if (m) {
    let currency = m[3] && m[3] !== '¢' && m[3] !== 'c' ? m[3] : 'USD';
    let amount = num(m[2]);
    if (m[3] === "¢" || m[3] === "c") amount = Number((amount / 100).toFixed(8));
    if (m[1] === 'A$') currency = 'AUD';
    if (m[1] === '$' && !m[3]) currency = '$';
    const unit = parseUnit(m[4], t);
    if (unit && !unit.approx) return { kind: 'specific', amount, currency, unit: unit.unit, per: unit.per };
    if (unit?.approx && ['net', 'gross', 'br', 'mas', 'eda'].includes(unit.approx)) return { kind: 'specific', amount, currency, unit: unit.unit, per: unit.per };
  }
  return { kind: 'unsupported', text: t };
}

/** Splits at top level on a separator, ignoring text inside parentheses. */
function splitTop(s: string, sep: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(s);
      if (m && m.index === i) {
        out.push(s.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  out.push(s.slice(start));
  return out;
}

function parseSimple(text: string): SimpleDutyExpression {
  // Tokens: sums separated by MIN / MAX.
  const parts = text.split(/\s+(MIN|MAX)\s+/);
  const sum = (s: string) => s.split(/\s*\+\s*/).filter((x) => x.trim() !== '').map(parseTerm);
  const expr: SimpleDutyExpression = { terms: sum(parts[0]), clauses: [] };
  for (let i = 1; i < parts.length; i += 2) expr.clauses.push({ op: parts[i] as 'MIN' | 'MAX', terms: sum(parts[i + 1] ?? '') });
  if (expr.terms.length === 0) throw new DutyExpressionError(`empty duty expression "${text}"`);
  return expr;
}

function parseDay(s: string): string | undefined {
  const m = /^(\d{1,2})\s*([A-Za-z]+)$/.exec(s.trim());
  if (!m) return undefined;
  const mm = MONTHS[m[2].toUpperCase()];
  return mm ? `${mm}-${m[1].padStart(2, '0')}` : undefined;
}

/**
 * Parses a duty expression.
 * @throws DutyExpressionError when the text is empty or its seasons cannot be read.
 */
export function parseDutyExpression(input: string): DutyExpression {
  const text = clean(input);
  if (!text) throw new DutyExpressionError('empty duty expression');
  if (!/\(\s*\d{1,2}\s*[A-Za-z]{3}/.test(text)) return { text, seasons: [{ expr: parseSimple(text) }] };
  const seasons: DutyExpression['seasons'] = [];
  for (const part of splitTop(text, /,\s*/y)) {
    const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(part.trim());
    if (!m) {
      // A trailing part without days is the rest of the year.
      seasons.push({ expr: parseSimple(part.trim()) });
      continue;
    }
    const expr = parseSimple(m[1]);
    for (const raw of m[2].split(/\s*,\s*/)) {
      // "01-31 DEC" is short for "01 DEC-31 DEC".
      const range = raw.replace(/^(\d{1,2})\s*-\s*(\d{1,2})\s+([A-Za-z]+)$/, '$1 $3-$2 $3');
      const [a, b] = range.split(/\s*-\s*/);
      const from = parseDay(a ?? '');
      const to = parseDay(b ?? '');
      if (!from || !to) throw new DutyExpressionError(`cannot read the days "${range}" in "${text}"`);
      seasons.push({ from, to, expr });
    }
  }
  return { text, seasons };
}

/** The part of a (possibly seasonal) expression in force on an ISO date. */
export function expressionOn(e: DutyExpression, date: string): SimpleDutyExpression {
  if (e.seasons.length === 1) return e.seasons[0].expr;
  const md = date.slice(5, 10);
  for (const s of e.seasons) {
    if (!s.from || !s.to) continue;
    if (s.from <= s.to ? md >= s.from && md <= s.to : md >= s.from || md <= s.to) return s.expr;
  }
  return (e.seasons.find((s) => !s.from) ?? e.seasons[0]).expr;
}

/** Converts an amount of a specific duty's currency into the customs currency. */
export type ToCustoms = (amount: number, currency: string) => number;

function evalTerms(terms: DutyTerm[], q: DutyQuantities, toCustoms: ToCustoms, notes: string[]): number {
  let total = 0;
  for (const t of terms) {
    if (t.kind === 'ad_valorem') {
      total += (q.value * t.percent) / 100;
    } else if (t.kind === 'unsupported') {
      notes.push(`component "${t.text}" is not computed (needs data open tariffs do not carry)`);
    } else {
      const qty = quantityFor(t.unit, q, notes);
      total += (toCustoms(t.amount, t.currency) * qty) / t.per;
    }
  }
  return total;
}

function quantityFor(unit: SpecificUnit, q: DutyQuantities, notes: string[]): number {
  switch (unit) {
    case 'kg':
    case '100kg':
    case 'tonne': {
      if (q.netKg === undefined) {
        notes.push('weight unknown: the specific duty per weight is counted as 0 (give unitWeight)');
        return 0;
      }
      return unit === 'kg' ? q.netKg : unit === '100kg' ? q.netKg / 100 : q.netKg / 1000;
    }
    case 'item':
    case 'pair':
      return q.items;
    case 'litre':
    case 'hl':
    case 'vol_hl':
    case 'litre_alcohol': {
      const litres = q.litres ?? q.netKg;
      if (q.litres === undefined) {
        if (q.netKg === undefined) {
          notes.push('volume unknown: the specific duty per volume is counted as 0 (give unitVolumeLitres)');
          return 0;
        }
        notes.push('volume unknown: estimated from the weight at 1 litre per kg');
      }
      const l = litres ?? 0;
      if (unit === 'litre') return l;
      if (unit === 'hl') return l / 100;
      if (q.alcoholPercent === undefined) {
        notes.push('alcohol strength unknown: the duty per % vol is counted as 0 (give alcoholPercent)');
        return 0;
      }
      return unit === 'vol_hl' ? (q.alcoholPercent * l) / 100 : (q.alcoholPercent / 100) * l;
    }
  }
}

/**
 * Evaluates an expression the way customs does: the sum of its terms, then each clause left to right,
 * `MIN` as "not less than" (the larger) and `MAX` as "not more than" (the smaller).
 */
export function evaluateDuty(e: DutyExpression, date: string, q: DutyQuantities, toCustoms: ToCustoms): DutyEvaluation {
  const notes: string[] = [];
  const expr = expressionOn(e, date);
  let amount = evalTerms(expr.terms, q, toCustoms, notes);
  for (const c of expr.clauses) {
    const other = evalTerms(c.terms, q, toCustoms, notes);
    amount = c.op === 'MIN' ? Math.max(amount, other) : Math.min(amount, other);
  }
  return { amount, notes: [...new Set(notes)] };
}

/** The ad valorem rate of an expression when it is purely ad valorem (for stacking rules such as "top up to 15%"). */
export function adValoremPercent(e: DutyExpression, date: string): number | undefined {
  const expr = expressionOn(e, date);
  if (expr.clauses.length || expr.terms.some((t) => t.kind !== 'ad_valorem')) return undefined;
  return expr.terms.reduce((a, t) => a + (t.kind === 'ad_valorem' ? t.percent : 0), 0);
}

/** True when every term could be parsed; data files with unsupported terms load but are flagged. */
export function isFullySupported(e: DutyExpression): boolean {
  return e.seasons.every((s) => [...s.expr.terms, ...s.expr.clauses.flatMap((c) => c.terms)].every((t) => t.kind !== 'unsupported'));
}
