import type { AppConfig } from '../config/app-config';

/**
 * One limit: at most `limit` hits per `windowSeconds` for each key (an IP, a token, a shipment).
 * `name` separates the counters of different limits that share keys; keep it stable, it is part of
 * the stored bucket.
 *
 * @example { name: 'public-ip', limit: (c) => c.PUBLIC_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }
 */
export interface RateLimitRule {
  name: string;
  /** A number, or read from the configuration when the request arrives. */
  limit: number | ((config: AppConfig) => number);
  windowSeconds: number;
}

/** A rule with its limit resolved against the configuration. */
export interface ResolvedRateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

export function resolveRule(rule: RateLimitRule, config: AppConfig): ResolvedRateLimitRule {
  const limit = typeof rule.limit === 'function' ? rule.limit(config) : rule.limit;
  return { name: rule.name, limit, windowSeconds: rule.windowSeconds };
}

/** What a limiter answered for one key. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Hits still allowed now (0 when denied). */
  remaining: number;
  /** Seconds until one more hit would be allowed (0 when it would be now). */
  retryAfterSeconds: number;
  /** Seconds until the estimate falls back to zero if no more hits arrive. */
  resetSeconds: number;
}
