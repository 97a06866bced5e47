/** One estimate of the delivery date as a carrier (or the checkout) stated it at some moment. */
export interface EddEntry {
  source: string;
  /** ISO date (`2026-12-01`) or date-time with offset. */
  earliest: string;
  latest: string;
  observedAt: Date;
}

export interface EddSummary {
  /** The first promise: what the buyer was told first. */
  first: EddEntry | null;
  /** The current estimate. */
  latest: EddEntry | null;
  /** True when the latest estimate ends after the first promise did. */
  slipped: boolean;
  history: EddEntry[];
}

/** Appends only real changes: the same window stated again is not a new entry. */
export function isNewEstimate(previous: EddEntry | undefined, next: Pick<EddEntry, 'earliest' | 'latest'>): boolean {
  return !previous || previous.earliest !== next.earliest || previous.latest !== next.latest;
}

export function summariseEdd(historyInObservedOrder: EddEntry[]): EddSummary {
  const first = historyInObservedOrder[0] ?? null;
  const latest = historyInObservedOrder[historyInObservedOrder.length - 1] ?? null;
  const slipped = !!first && !!latest && latest.latest.slice(0, 10) > first.latest.slice(0, 10);
  return { first, latest, slipped, history: historyInObservedOrder };
}
