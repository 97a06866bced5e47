import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { newId } from '../platform/ids/new-id';
import { JobQueue } from '../platform/jobs/job-queue';
import type { WebhookEventType } from './webhook-event-types';

export const WEBHOOK_DELIVERY_QUEUE = 'webhook_delivery';

/**
 * Records merchant webhook events inside the caller's transaction (transactional outbox): the event,
 * one delivery per subscribed endpoint and the delivery jobs are committed together with the state
 * change that caused them, or not at all. Nothing is sent from here; the delivery worker sends.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * @param tx the EntityManager of the open transaction that changes the state
   * @param subjectId the shipment (or return) the event is about, for listing events by subject
   * @returns the event id (the `webhook-id` every delivery of it carries), or null when no endpoint subscribes to `type`
   */
  async publish(tx: EntityManager, type: WebhookEventType, subjectId: string | null, data: Record<string, unknown>): Promise<string | null> {
    const [id] = await this.publishAll(tx, subjectId, [{ type, data }]);
    return id;
  }

  /** Several events about one subject with one look-up of the endpoints (one change often means several types). */
  async publishAll(tx: EntityManager, subjectId: string | null, events: Array<{ type: WebhookEventType; data: Record<string, unknown> }>): Promise<Array<string | null>> {
    if (!events.length) return [];
    const endpoints: { id: string; events: string[] }[] = await tx.query(
      `SELECT id, events FROM webhook_endpoint WHERE status = 'enabled' AND deleted_at IS NULL AND events && $1::text[]`,
      [['*', ...events.map((e) => e.type)]],
    );
    const ids: Array<string | null> = [];
    for (const { type, data } of events) {
      const subscribed = endpoints.filter((e) => e.events.includes(type) || e.events.includes('*'));
      // Nobody listens: nothing to deliver, and no row to write on the hot path of ingestion.
      if (!subscribed.length) {
        ids.push(null);
        continue;
      }
      const id = newId('msg');
      const now = this.clock.now();
      await tx.query(`INSERT INTO webhook_event (id, type, subject_id, payload, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        type,
        subjectId,
        JSON.stringify({ type, timestamp: now.toISOString(), data }),
        now,
      ]);
      for (const endpoint of subscribed) {
        const deliveryId = newId('whd');
        await tx.query(
          `INSERT INTO webhook_delivery (id, event_id, endpoint_id, status, attempt_count, next_attempt_at, created_at)
           VALUES ($1, $2, $3, 'pending', 0, $4, $4)`,
          [deliveryId, id, endpoint.id, now],
        );
        await this.jobs.send(WEBHOOK_DELIVERY_QUEUE, { deliveryId }, deliveryJobOptions(0), tx);
      }
      ids.push(id);
    }
    return ids;
  }
}

/**
 * A delivery job outlives a crash: if the process dies mid-attempt, pg-boss expires the job and runs
 * it again (the delivery's lease has lapsed by then), so an attempt is never lost.
 */
export function deliveryJobOptions(startAfterSeconds: number) {
  return { startAfterSeconds, retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 120 };
}
