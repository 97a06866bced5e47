import type { FastifyRequest } from 'fastify';
import type { RateLimitRule } from './rate-limit-rule';

export const RATE_LIMIT_KEY = 'rate-limit:rules';

/** What a route limit counts per: the client address (default) or a value taken from the request. */
export type RateLimitKey = 'ip' | ((request: FastifyRequest) => string | undefined);

/** A rule as attached to a route by `@RateLimit(...)`. */
export interface RouteRateLimit extends RateLimitRule {
  /** Per client address by default; a function returning undefined skips the rule for that request. */
  key?: RateLimitKey;
}
