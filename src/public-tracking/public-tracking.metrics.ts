import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../platform/metrics/metrics.service';

export type AttemptKind = 'verify' | 'lookup';
export type AttemptOutcome = 'ok' | 'not_found' | 'limited';

/**
 * Counters for watching enumeration attempts on the public routes (`GET /metrics`): a rising rate of
 * `not_found` or `limited` verifications and lookups is someone guessing postal codes or numbers.
 * Nothing about who or which parcel: the labels are the route kind and the outcome only.
 */
@Injectable()
export class PublicTrackingMetrics {
  private readonly attempts: Counter<'kind' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.attempts = new Counter({
      name: 'public_tracking_attempts_total',
      help: 'Postal-code verifications and number lookups on the public tracking routes, by outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [metrics.registry],
    });
  }

  attempt(kind: AttemptKind, outcome: AttemptOutcome): void {
    this.attempts.inc({ kind, outcome });
  }
}
