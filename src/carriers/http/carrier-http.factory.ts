import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { CarrierHttpClient, CarrierHttpSettings } from './carrier-http.client';

/**
 * Builds carrier HTTP clients with the service's resilience settings (CARRIER_* variables). One
 * client per carrier and base URL, kept for the life of the process: it owns the connection pool
 * and the carrier's circuit breaker.
 */
@Injectable()
export class CarrierHttpFactory {
  private readonly clients = new Map<string, CarrierHttpClient>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  client(carrier: string, baseUrl: string, extra: Pick<CarrierHttpSettings, 'describeError' | 'secrets'>): CarrierHttpClient {
    const key = `${carrier} ${baseUrl}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new CarrierHttpClient({
        carrier,
        baseUrl,
        timeoutMs: this.config.CARRIER_TIMEOUT_MS,
        maxAttempts: this.config.CARRIER_MAX_ATTEMPTS,
        backoff: { baseDelayMs: 200, maxDelayMs: 2000 },
        breaker: { consecutiveFailures: this.config.CARRIER_BREAKER_FAILURES, cooldownMs: this.config.CARRIER_BREAKER_COOLDOWN_MS },
        maxRetryAfterMs: this.config.CARRIER_MAX_RETRY_AFTER_MS,
        now: () => this.clock.now(),
        ...extra,
      });
      this.clients.set(key, client);
    }
    return client;
  }
}
