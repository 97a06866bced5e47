import { Global, Module } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStore } from './rate-limit.store';
import { RateLimiter } from './rate-limiter';

/** PostgreSQL-backed rate limits for every module: the `RateLimiter` service and the `@RateLimit()` guard. */
@Global()
@Module({
  providers: [RateLimitStore, RateLimiter, RateLimitGuard],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
