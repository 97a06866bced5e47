import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { RateLimitDecision, RateLimitRule, resolveRule, ResolvedRateLimitRule } from './rate-limit-rule';
import { RateLimitStore } from './rate-limit.store';
import { decide, windowsAt } from './sliding-window';

/** A counted hit: what was decided, and what `refund` needs to take the hit back. */
export interface RateLimitReceipt extends RateLimitDecision {
  readonly bucket: string;
  readonly windowStart: Date;
  readonly cost: number;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Rate limits whose counters live in PostgreSQL, so that they hold across every instance of the
 * service (a limit kept in process memory would multiply by the number of instances behind the load
 * balancer). Each `consume` is one round trip: an atomic upsert that returns the counts of the current
 * and previous window, from which a sliding-window estimate is made (see `decide`).
 *
 * Denied hits are not counted (they are taken back at once), so `Retry-After` stays true however
 * often a client retries before it; a hit that would only fit once other hits are taken back is
 * denied, never the other way round.
 *
 * Time comes from the injected Clock: instances are expected to have synchronised clocks (NTP); a
 * skew of a few seconds only shifts window edges.
 *
 * @example
 * const receipt = await limiter.consume({ name: 'verify-token', limit: 5, windowSeconds: 900 }, token);
 * if (!receipt.allowed) throw rateLimitedError(receipt);
 */
@Injectable()
export class RateLimiter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RateLimiter.name);
  private timer?: NodeJS.Timeout;
  private pruning?: Promise<unknown>;

  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  resolve(rule: RateLimitRule): ResolvedRateLimitRule {
    return resolveRule(rule, this.config);
  }

  /** Counts `cost` hits for `key` under `rule` and says whether they fit. */
  async consume(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitReceipt> {
    const r = this.resolve(rule);
    const now = this.clock.now().getTime();
    const { currentStart, previousStart, elapsedMs } = windowsAt(now, r.windowSeconds);
    const bucket = `${r.name}\u0000${key}`;
    const windowStart = new Date(currentStart);
    const counts = await this.store.hit(bucket, windowStart, new Date(previousStart), new Date(currentStart + 2 * r.windowSeconds * 1000), cost);
    const decision = decide(r, counts.current, counts.previous, elapsedMs);
    if (decision.allowed) return { ...decision, bucket, windowStart, cost };
    await this.store.refund(bucket, windowStart, cost);
    // When the next hit fits, given what is stored now that this one is taken back.
    const after = decide(r, counts.current - cost, counts.previous, elapsedMs);
    return { ...after, allowed: false, remaining: 0, bucket, windowStart, cost: 0 };
  }

  /**
   * A cooldown: true (and the cooldown starts) when `key` has not acquired one in the last `seconds`,
   * false otherwise. Unlike a sliding window, "once per 10 minutes" then means exactly that.
   */
  async cooldown(name: string, key: string, seconds: number): Promise<boolean> {
    const now = this.clock.now();
    return this.store.acquire(`${name}\u0000${key}`, now, new Date(now.getTime() + seconds * 1000));
  }

  /** Whether one more hit would fit now, without counting one. */
  async peek(rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
    const r = this.resolve(rule);
    const { currentStart, previousStart, elapsedMs } = windowsAt(this.clock.now().getTime(), r.windowSeconds);
    const counts = await this.store.peek(`${r.name}\u0000${key}`, new Date(currentStart), new Date(previousStart));
    return decide(r, counts.current + 1, counts.previous, elapsedMs);
  }

  /** Takes back a counted hit (e.g. a verification attempt that turned out right). */
  async refund(receipt: RateLimitReceipt): Promise<void> {
    if (receipt.cost > 0) await this.store.refund(receipt.bucket, receipt.windowStart, receipt.cost);
  }

  /** Counts a hit and throws the 429 when it does not fit. */
  async enforce(rule: RateLimitRule, key: string, cost = 1): Promise<RateLimitReceipt> {
    const receipt = await this.consume(rule, key, cost);
    if (!receipt.allowed) throw rateLimitedError(receipt);
    return receipt;
  }

  /** Deletes expired counters. Runs every minute on each instance; safe to run concurrently. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.store.prune(this.clock.now());
      total += n;
      if (n < 5000) return total;
    }
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.pruning) return;
      this.pruning = this.prune()
        .catch((e: Error) => this.logger.warn(`pruning rate-limit counters failed: ${e.message}`))
        .finally(() => (this.pruning = undefined));
    }, PRUNE_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pruning;
  }
}

/** The API's 429: the error shape with `Retry-After` (seconds) as the HTTP header and in the message. */
export function rateLimitedError(decision: RateLimitDecision, message = 'Too many requests'): AppError {
  const retryAfter = Math.max(1, decision.retryAfterSeconds);
  return new AppError(429, 'RATE_LIMITED', `${message}; retry in ${retryAfter} s`, [], {
    'Retry-After': String(retryAfter),
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': '0',
    'RateLimit-Reset': String(retryAfter),
  });
}
