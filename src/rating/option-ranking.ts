import { toEpochDay } from './business-calendar';
import type { QuoteSort } from './quote-request.dto';

export interface Rankable {
  id: string;
  /** What the buyer pays at checkout, in the quote currency (the API's `landedCost`). */
  landedCost: number;
  /** Everything the buyer pays, including duties due on delivery with DAP. */
  buyerTotal: number;
  earliest: string;
  latest: string;
  tracked: boolean;
}

export type Tag = 'cheapest' | 'fastest' | 'best_value';

/** Weights of the best-value score; see `bestValueScore`. */
export const BEST_VALUE_WEIGHTS = { cost: 0.6, speed: 0.4, untrackedFactor: 0.9 } as const;

/**
 * Best value, between 0 and 1 (1 = cheapest and fastest at once):
 *
 *   score = 0.6 × (lowest buyer total / this buyer total) + 0.4 × (fewest days / this option's days)
 *
 * where the buyer total is everything the buyer pays (shipping, and duties and taxes whoever pays
 * them: a DAP recipient pays them at the door) and days are calendar days from today to the latest
 * delivery date (at least 1). An untracked service scores 10 % less: a lost parcel cannot be traced.
 * Ratios rather than differences keep the score independent of currency and of the spread of prices.
 */
export function bestValueScore(option: Rankable, lowestTotal: number, fewestDays: number, today: string): number {
  const costRatio = option.buyerTotal > 0 ? Math.min(1, lowestTotal / option.buyerTotal) : 1;
  const speedRatio = fewestDays / daysUntil(option.latest, today);
  const score = (BEST_VALUE_WEIGHTS.cost * costRatio + BEST_VALUE_WEIGHTS.speed * speedRatio) * (option.tracked ? 1 : BEST_VALUE_WEIGHTS.untrackedFactor);
  return Math.round(score * 10_000) / 10_000;
}

function daysUntil(date: string, today: string): number {
  return Math.max(1, toEpochDay(date) - toEpochDay(today));
}

const byCheapest = (a: Rankable, b: Rankable) => a.landedCost - b.landedCost || a.buyerTotal - b.buyerTotal || a.latest.localeCompare(b.latest) || a.id.localeCompare(b.id);
const byFastest = (a: Rankable, b: Rankable) => a.latest.localeCompare(b.latest) || a.earliest.localeCompare(b.earliest) || a.landedCost - b.landedCost || a.id.localeCompare(b.id);

/**
 * Orders options by `sort` and tags the winners: `cheapest` (lowest landed cost), `fastest` (earliest
 * latest-delivery date), `best_value` (highest score). Ties are broken the same way whatever the
 * sort, so each tag goes to exactly one option.
 */
export function rankOptions<T extends Rankable>(options: T[], sort: QuoteSort, today: string): { ordered: T[]; tags: Map<string, Tag[]>; scores: Map<string, number> } {
  const tags = new Map<string, Tag[]>(options.map((o) => [o.id, []]));
  const scores = new Map<string, number>();
  if (options.length === 0) return { ordered: [], tags, scores };
  const lowestTotal = Math.min(...options.map((o) => o.buyerTotal));
  const fewestDays = Math.min(...options.map((o) => daysUntil(o.latest, today)));
  for (const o of options) scores.set(o.id, bestValueScore(o, lowestTotal, fewestDays, today));
  const byValue = (a: T, b: T) => scores.get(b.id)! - scores.get(a.id)! || byCheapest(a, b);

  const cheapest = [...options].sort(byCheapest);
  const fastest = [...options].sort(byFastest);
  const value = [...options].sort(byValue);
  tags.get(cheapest[0].id)!.push('cheapest');
  tags.get(fastest[0].id)!.push('fastest');
  tags.get(value[0].id)!.push('best_value');
  const ordered = sort === 'cheapest' ? cheapest : sort === 'fastest' ? fastest : value;
  return { ordered, tags, scores };
}
