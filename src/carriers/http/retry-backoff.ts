import { CarrierError } from '../carrier-error';

export interface BackoffSettings {
  /** First delay before jitter, ms. */
  baseDelayMs: number;
  /** No computed delay is longer than this (a carrier's Retry-After may be; see `retryDelay`). */
  maxDelayMs: number;
}

/**
 * Delay before retry number `attempt` (1-based): exponential growth with "full jitter" (a uniformly
 * random delay between zero and the exponential cap), which spreads retries of many callers that
 * failed together. A 429's `Retry-After` wins over the computed delay: retrying earlier would only
 * be refused again.
 */
export function retryDelay(attempt: number, error: unknown, settings: BackoffSettings, random: () => number = Math.random): number {
  if (error instanceof CarrierError && error.code === 'RATE_LIMITED' && error.options.retryAfterMs !== undefined) {
    return error.options.retryAfterMs;
  }
  const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}
