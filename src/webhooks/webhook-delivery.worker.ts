import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { JobQueue } from '../platform/jobs/job-queue';
import { judgeResponse, nextAttemptDelay, parseRetryAfter } from './retry-schedule';
import { deliveryJobOptions, WEBHOOK_DELIVERY_QUEUE } from './webhook-outbox.service';
import { WebhookSender } from './webhook-sender';
import { signWebhook } from './webhook-signature';

interface ClaimedDelivery {
  id: string;
  attempt_count: number;
  event_id: string;
  payload: unknown;
  endpoint_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Sends one delivery attempt per job. The delivery row is claimed with a lease (so two workers never
 * send the same attempt at once, and a crashed worker's claim lapses), the attempt is recorded with
 * its outcome, and the next attempt is queued in the same transaction as that record.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly sender: WebhookSender,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.define<{ deliveryId: string }>(WEBHOOK_DELIVERY_QUEUE, (data) => this.deliver(data.deliveryId), {
      batchSize: 5,
      retryLimit: 5,
      expireInSeconds: 120,
    });
  }

  async deliver(deliveryId: string): Promise<void> {
    const leaseSeconds = Math.ceil(this.config.WEBHOOK_TIMEOUT_MS / 1000) + 30;
    const claimed: ClaimedDelivery[] = await this.db.query(
      `UPDATE webhook_delivery d
          SET attempt_count = d.attempt_count + 1, lease_until = now() + make_interval(secs => $2)
         FROM webhook_event e, webhook_endpoint ep
        WHERE d.id = $1 AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until < now())
          AND e.id = d.event_id AND ep.id = d.endpoint_id
      RETURNING d.id, d.attempt_count, d.event_id, e.payload, ep.id AS endpoint_id, ep.url, ep.secret, ep.previous_secret, ep.previous_secret_expires_at,
                ep.status AS endpoint_status, ep.deleted_at`,
      [deliveryId, leaseSeconds],
    ).then((r: [ClaimedDelivery[], number]) => r[0]);
    const d = claimed[0] as (ClaimedDelivery & { endpoint_status: string; deleted_at: Date | null }) | undefined;
    if (!d) return; // already delivered, given up, or another worker holds it
    if (d.endpoint_status !== 'enabled' || d.deleted_at) {
      await this.db.query(`UPDATE webhook_delivery SET status = 'cancelled', lease_until = NULL, completed_at = now(), attempt_count = attempt_count - 1 WHERE id = $1`, [d.id]);
      return;
    }

    const body = JSON.stringify(d.payload);
    const startedAt = this.clock.now();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const result = await this.sender.post(d.url, {
      'content-type': 'application/json',
      'user-agent': 'Parcelwise-Webhooks/1',
      'webhook-id': d.event_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatures(d, timestamp, body, startedAt),
    }, body);

    const verdict = result.error ? 'retry' : judgeResponse(result.status);
    const attempt = d.attempt_count;
    await this.db.transaction(async (tx) => {
      let outcome: string;
      let nextAt: Date | null = null;
      if (verdict === 'delivered') {
        outcome = 'delivered';
        await tx.query(`UPDATE webhook_delivery SET status = 'succeeded', lease_until = NULL, next_attempt_at = NULL, completed_at = $2, last_status_code = $3, last_error = NULL WHERE id = $1`, [
          d.id,
          this.clock.now(),
          result.status,
        ]);
      } else if (verdict === 'disable_endpoint') {
        outcome = 'endpoint_disabled';
        await tx.query(`UPDATE webhook_endpoint SET status = 'disabled', disabled_reason = $2, updated_at = $3 WHERE id = $1`, [
          d.endpoint_id,
          'the target answered 410 Gone',
          this.clock.now(),
        ]);
        await tx.query(`UPDATE webhook_delivery SET status = 'failed', lease_until = NULL, next_attempt_at = NULL, completed_at = $2, last_status_code = 410 WHERE id = $1`, [d.id, this.clock.now()]);
        await tx.query(`UPDATE webhook_delivery SET status = 'cancelled', completed_at = $2, next_attempt_at = NULL WHERE endpoint_id = $1 AND status = 'pending'`, [d.endpoint_id, this.clock.now()]);
      } else {
        const delay = nextAttemptDelay(attempt, this.config.WEBHOOK_RETRY_SCHEDULE_SECONDS, Math.random, parseRetryAfter(result.retryAfter, this.clock.now()));
        if (delay === undefined) {
          outcome = 'failed';
          await tx.query(`UPDATE webhook_delivery SET status = 'failed', lease_until = NULL, next_attempt_at = NULL, completed_at = $2, last_status_code = $3, last_error = $4 WHERE id = $1`, [
            d.id,
            this.clock.now(),
            result.status ?? null,
            result.error ?? null,
          ]);
        } else {
          outcome = 'retry';
          nextAt = new Date(this.clock.now().getTime() + delay * 1000);
          await tx.query(`UPDATE webhook_delivery SET lease_until = NULL, next_attempt_at = $2, last_status_code = $3, last_error = $4 WHERE id = $1`, [
            d.id,
            nextAt,
            result.status ?? null,
            result.error ?? null,
          ]);
          await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId: d.id }, deliveryJobOptions(delay), tx);
        }
      }
      await tx.query(
        `INSERT INTO webhook_attempt (delivery_id, attempt, started_at, duration_ms, status_code, error, outcome, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
        [d.id, attempt, startedAt, result.durationMs, result.status ?? null, result.error ?? null, outcome, nextAt],
      );
    });
    if (verdict !== 'delivered') {
      // Endpoint ids only: URLs may carry tokens in their query strings.
      this.logger.warn(`webhook delivery ${d.id} to endpoint ${d.endpoint_id} attempt ${attempt}: ${result.status ?? result.error}`);
    }
  }
}

/** The current secret's signature, and during a rotation's grace period the previous one's too. */
function signatures(d: ClaimedDelivery, timestamp: number, body: string, now: Date): string {
  const current = signWebhook(d.secret, d.event_id, timestamp, body);
  if (!d.previous_secret || !d.previous_secret_expires_at || new Date(d.previous_secret_expires_at).getTime() <= now.getTime()) return current;
  return `${current} ${signWebhook(d.previous_secret, d.event_id, timestamp, body)}`;
}
