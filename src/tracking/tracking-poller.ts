import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { CarrierError } from '../carriers/carrier-error';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { JobQueue } from '../platform/jobs/job-queue';
import { nextPoll } from './domain/poll-schedule';
import { TrackingIngestionService } from './tracking-ingestion.service';
import { TrackingStore } from './tracking.store';

export const TRACKING_POLL_QUEUE = 'tracking_poll';

/** Carrier failures that pass (rate limits, outages) are retried sooner than the cadence would. */
const RETRY_AFTER_FAILURE_SECONDS = 15 * 60;
const CALL_TIMEOUT_MS = 20_000;

/**
 * Polls API carriers (adapters with `track`) for parcels that have a tracker: one pg-boss job per
 * parcel at a time (singleton key), rescheduled after each poll with a cadence that decays while the
 * parcel is quiet, and stopped for good once the status is terminal or the parcel is too old.
 * Carriers that push (rate-card event files, webhooks) are never polled.
 */
@Injectable()
export class TrackingPoller implements OnModuleInit {
  private readonly logger = new Logger(TrackingPoller.name);
  private readonly store = new TrackingStore();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly ingestion: TrackingIngestionService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.define<{ trackerId: string }>(TRACKING_POLL_QUEUE, (data) => this.poll(data.trackerId), { retryLimit: 3, retryDelaySeconds: 300, expireInSeconds: 120, batchSize: 4 });
  }

  /** Whether the carrier is one we poll (its adapter can pull tracking). */
  canPoll(carrierId: string): boolean {
    const carrier = this.catalog.get(carrierId);
    if (!carrier || !this.adapters.has(carrier.adapter)) return false;
    const adapter = this.adapters.get(carrier.adapter);
    return typeof adapter.track === 'function' && adapter.enabled?.(carrier) !== false;
  }

  /**
   * Starts polling a parcel (first poll after `delaySeconds`). Inside `tx` the job is written with the
   * caller's transaction (e.g. the booking), so polling starts exactly when that commits.
   */
  async start(trackerId: string, carrierId: string, tx?: EntityManager, delaySeconds = 0): Promise<boolean> {
    if (!this.canPoll(carrierId)) return false;
    const run = async (m: EntityManager) => {
      // Only one polling chain per parcel: a tracker already being polled is left alone.
      const [rows] = (await m.query(
        `UPDATE tracker SET poll_started_at = COALESCE(poll_started_at, $2), poll_next_at = $3, poll_stopped = NULL
          WHERE id = $1 AND (poll_next_at IS NULL OR poll_stopped IS NOT NULL) AND NOT terminal RETURNING id`,
        [trackerId, this.clock.now(), new Date(this.clock.now().getTime() + delaySeconds * 1000)],
      )) as [unknown[], number];
      if (!rows.length) return false;
      await this.jobs.send(TRACKING_POLL_QUEUE, { trackerId }, { startAfterSeconds: delaySeconds }, m);
      return true;
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  async poll(trackerId: string): Promise<void> {
    const tracker = await this.store.findTrackerById(this.db.manager, trackerId);
    if (!tracker || tracker.poll_stopped) return;
    const now = this.clock.now();
    const startedAt = tracker.poll_started_at ? new Date(tracker.poll_started_at) : now;
    const before = nextPoll({ terminal: tracker.terminal, startedAt, lastActivityAt: tracker.last_event_at ? new Date(tracker.last_event_at) : startedAt }, now, this.config.TRACKING_POLL_MAX_AGE_DAYS);
    if (before.stop) {
      await this.stop(trackerId, before.reason);
      return;
    }
    const carrier = this.catalog.get(tracker.carrier);
    if (!carrier || !this.canPoll(tracker.carrier)) {
      await this.stop(trackerId, 'not_pollable');
      return;
    }
    let delay: number;
    try {
      const events = await this.adapters.get(carrier.adapter).track!(carrier, tracker.tracking_number, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS), reference: trackerId });
      const result = events.length
        ? await this.ingestion.ingest({ carrier: carrier.id, trackingNumber: tracker.tracking_number, source: 'poll', events })
        : undefined;
      const refreshed = await this.store.findTrackerById(this.db.manager, trackerId);
      const after = nextPoll(
        {
          terminal: refreshed?.terminal ?? false,
          startedAt,
          // New events mean the parcel moved: the cadence starts again from its fastest step.
          lastActivityAt: (result?.created ?? 0) > 0 ? now : new Date(refreshed?.last_event_at ?? startedAt),
        },
        this.clock.now(),
        this.config.TRACKING_POLL_MAX_AGE_DAYS,
      );
      if (after.stop) {
        await this.stop(trackerId, after.reason);
        return;
      }
      delay = after.delaySeconds;
    } catch (e) {
      if (!(e instanceof CarrierError)) throw e;
      // The carrier failed: try again later; a bad credential or request is not going to fix itself soon.
      delay = e.code === 'AUTH' || e.code === 'INVALID_REQUEST' ? 6 * 3600 : RETRY_AFTER_FAILURE_SECONDS;
      this.logger.warn(`polling ${tracker.carrier} for tracker ${trackerId} failed (${e.code}); next try in ${delay} s`);
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE tracker SET poll_count = poll_count + 1, poll_next_at = $2 WHERE id = $1`, [trackerId, new Date(this.clock.now().getTime() + delay * 1000)]);
      await this.jobs.send(TRACKING_POLL_QUEUE, { trackerId }, { startAfterSeconds: delay }, tx);
    });
  }

  private async stop(trackerId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE tracker SET poll_stopped = $2, poll_next_at = NULL WHERE id = $1`, [trackerId, reason]);
  }
}
