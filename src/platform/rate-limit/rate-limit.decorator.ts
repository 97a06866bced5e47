import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMIT_KEY, RouteRateLimit } from './rate-limit.metadata';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * Limits a route (or every route of a controller) with counters shared by all instances. Several
 * rules may be given; each is counted and the first exceeded one answers 429 with `Retry-After`.
 * Successful answers carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` of the
 * tightest rule.
 *
 * @example
 * @RateLimit({ name: 'public-ip', limit: (c) => c.PUBLIC_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 })
 * @Public() @Get('t/:token') page() {}
 */
export function RateLimit(...rules: RouteRateLimit[]) {
  const windows = rules.map((r) => `${typeof r.limit === 'number' ? r.limit : 'configured'} per ${r.windowSeconds} s`).join(', ');
  return applyDecorators(
    SetMetadata(RATE_LIMIT_KEY, rules),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({
      description: `Rate limited (${windows}); \`Retry-After\` says after how many seconds to try again`,
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    }),
    ApiHeader({ name: 'X-Forwarded-For', required: false, description: 'Honoured only for the configured number of trusted proxies (TRUSTED_PROXY_HOPS)' }),
  );
}
