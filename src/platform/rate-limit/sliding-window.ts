import type { RateLimitDecision, ResolvedRateLimitRule } from './rate-limit-rule';

/** The fixed window that contains `nowMs`, and the one before it. */
export function windowsAt(nowMs: number, windowSeconds: number): { currentStart: number; previousStart: number; elapsedMs: number } {
  const w = windowSeconds * 1000;
  const currentStart = Math.floor(nowMs / w) * w;
  return { currentStart, previousStart: currentStart - w, elapsedMs: nowMs - currentStart };
}

/**
 * Sliding-window estimate from two fixed windows (the "sliding window counter" of Cloudflare and
 * others): the previous window's hits count in proportion to how much of it still overlaps the last
 * `windowSeconds`. Two rows per key instead of a row per hit, and no burst of 2x the limit at a window
 * edge as with a plain fixed window.
 *
 * `current` already includes the hit being decided (the counter is incremented atomically first), so
 * the hit is allowed when the estimate does not exceed the limit.
 */
export function decide(rule: ResolvedRateLimitRule, current: number, previous: number, elapsedMs: number): RateLimitDecision {
  const w = rule.windowSeconds * 1000;
  const overlap = Math.max(0, 1 - elapsedMs / w);
  const estimate = previous * overlap + current;
  const allowed = estimate <= rule.limit;
  const remaining = Math.max(0, Math.floor(rule.limit - estimate));
  const waitMs = msUntilNextAllowed(rule.limit, current, previous, elapsedMs, w);
  return {
    allowed,
    limit: rule.limit,
    remaining: allowed ? remaining : 0,
    retryAfterSeconds: waitMs === 0 ? 0 : Math.max(1, Math.ceil(waitMs / 1000)),
    resetSeconds: Math.ceil(msUntilEmpty(current, previous, elapsedMs, w) / 1000),
  };
}

/**
 * How long until one more hit would fit, assuming no other hits arrive. Within the current window the
 * previous window's share shrinks linearly; in the next window the current hits become the previous
 * ones and shrink in turn; after that nothing is left.
 */
function msUntilNextAllowed(limit: number, current: number, previous: number, elapsedMs: number, w: number): number {
  const room = limit - 1; // the estimate must be at most this before the next hit
  if (current <= room) {
    if (previous * Math.max(0, 1 - elapsedMs / w) <= room - current) return 0;
    // previous * (1 - t / w) <= room - current  <=>  t >= w * (1 - (room - current) / previous)
    const t = w * (1 - (room - current) / previous);
    return Math.max(0, t - elapsedMs);
  }
  // Not before the next window: there current * (1 - t / w) <= room.
  const t = w * (1 - room / current);
  return w - elapsedMs + Math.max(0, t);
}

function msUntilEmpty(current: number, previous: number, elapsedMs: number, w: number): number {
  if (current > 0) return 2 * w - elapsedMs;
  if (previous > 0) return w - elapsedMs;
  return 0;
}
