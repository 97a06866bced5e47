import { Injectable, Logger } from '@nestjs/common';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { CarrierError } from '../carriers/carrier-error';
import { AppConfig } from '../platform/config/app-config';
import { RateLimiter } from '../platform/rate-limit/rate-limiter';
import { TrackingIngestionService } from '../tracking/tracking-ingestion.service';

/** How long a page view waits for a carrier's fresh events before it renders what it has. */
const WAIT_BUDGET_MS = 1500;
/** A carrier's tracking call is abandoned after this long (the page does not wait that long). */
const CALL_TIMEOUT_MS = 10_000;

export interface RefreshTarget {
  shipmentId: string;
  carrier: string;
  trackingNumber: string;
}

/**
 * Asks API carriers for fresh events when a buyer opens the page, at most once per shipment per
 * `PUBLIC_TRACKING_REFRESH_MINUTES` across all instances (a cooldown kept in PostgreSQL), so that a page
 * reloaded a hundred times costs the carrier one call. The page waits up to 1.5 s for the answer and
 * otherwise renders what is stored; the call finishes in the background and is ingested like a poll
 * (`source: 'poll'`), without touching the poller's own schedule.
 */
@Injectable()
export class TrackingRefresher {
  private readonly logger = new Logger(TrackingRefresher.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly ingestion: TrackingIngestionService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Refreshes the parcels of one shipment if its refresh window allows. Resolves true when fresh
   * events were ingested within the wait budget (the caller then reads the timeline again).
   */
  async refresh(shipmentId: string, targets: RefreshTarget[]): Promise<boolean> {
    if (!targets.length) return false;
    if (!(await this.limiter.cooldown('tracking-refresh', shipmentId, this.config.PUBLIC_TRACKING_REFRESH_MINUTES * 60))) return false;
    const work = Promise.all(targets.map((t) => this.pull(t))).then((created) => created.some(Boolean));
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), WAIT_BUDGET_MS);
    });
    try {
      return await Promise.race([work, budget]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Background refreshes still running (tests wait for them before closing the app). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async pull(target: RefreshTarget): Promise<boolean> {
    const carrier = this.catalog.get(target.carrier);
    if (!carrier || !this.adapters.has(carrier.adapter)) return false;
    const adapter = this.adapters.get(carrier.adapter);
    if (typeof adapter.track !== 'function' || adapter.enabled?.(carrier) === false) return false;
    try {
      const events = await adapter.track(carrier, target.trackingNumber, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS), reference: target.shipmentId });
      if (!events.length) return false;
      const result = await this.ingestion.ingest({ carrier: carrier.id, trackingNumber: target.trackingNumber, source: 'poll', events });
      return result.created + result.updated > 0;
    } catch (e) {
      if (e instanceof CarrierError) {
        this.logger.warn(`refreshing ${target.carrier} tracking for shipment ${target.shipmentId} failed (${e.code})`);
        return false;
      }
      this.logger.error(`refreshing ${target.carrier} tracking for shipment ${target.shipmentId} failed: ${(e as Error).message}`);
      return false;
    }
  }
}
