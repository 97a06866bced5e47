import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../platform/clock/clock';
import { TrackingPoller } from './tracking-poller';
import { TrackingReadService, type PublicTimelineView, type TimelineView } from './tracking-read.service';
import { TrackingStore } from './tracking.store';

/**
 * What other rooms use of tracking:
 * - shipments: `registerShipment` when a booking commits (links its parcels, records the checkout's
 *   delivery promise as the first estimate, starts polling API carriers); `isInCarrierHands` before voiding;
 * - public tracking: `publicTimeline` (nothing personal in it);
 * - everyone: `shipmentTimeline`.
 */
@Injectable()
export class TrackingService {
  private readonly store = new TrackingStore();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reads: TrackingReadService,
    private readonly poller: TrackingPoller,
    private readonly clock: Clock,
  ) {}

  /**
   * Links a booked shipment's parcels to trackers (events that arrived before the booking are kept and
   * linked too). Pass the booking's transaction so that tracking starts exactly when the booking commits.
   */
  async registerShipment(
    input: { shipmentId: string; carrier: string; trackingNumbers: string[]; promisedDelivery?: { earliest: string; latest: string } },
    tx?: EntityManager,
  ): Promise<{ trackerIds: string[]; polling: boolean }> {
    const run = async (m: EntityManager) => {
      const now = this.clock.now();
      const trackerIds: string[] = [];
      let polling = false;
      for (const number of input.trackingNumbers) {
        const tracker = await this.store.linkShipment(m, input.shipmentId, input.carrier, number.replace(/\s+/g, '').toUpperCase(), now);
        trackerIds.push(tracker.id);
        if (input.promisedDelivery && !(await this.store.latestEdd(m, tracker.id))) {
          await this.store.addEdd(m, tracker.id, { source: 'checkout', earliest: input.promisedDelivery.earliest, latest: input.promisedDelivery.latest, observedAt: now });
        }
        // The carrier has nothing to report for a while after booking: first poll an hour later.
        polling = (await this.poller.start(tracker.id, input.carrier, m, 3600)) || polling;
      }
      return { trackerIds, polling };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  /** True once any parcel of the shipment has a carrier event beyond "label created" (a void would be refused). */
  async isInCarrierHands(shipmentId: string): Promise<boolean> {
    const rows: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM tracker WHERE shipment_id = $1 AND status NOT IN ('unknown', 'label_created', 'cancelled')`,
      [shipmentId],
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  shipmentTimeline(shipmentId: string): Promise<TimelineView> {
    return this.reads.shipmentTimeline(shipmentId);
  }

  /** The buyer-safe view of a shipment (and its returns) for the public tracking page; undefined when unknown. */
  publicTimeline(shipmentId: string): Promise<PublicTimelineView | undefined> {
    return this.reads.publicTimeline(shipmentId);
  }
}
