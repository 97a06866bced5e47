import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ShipmentLifecycle } from '../shipments/shipment-lifecycle';
import type { ShipmentRecord } from '../shipments/shipment.record';
import type { RawTrackingEvent } from './domain/event-normalisation';
import { TrackingIngestionService } from './tracking-ingestion.service';
import { TrackingService } from './tracking.service';

/**
 * Follows the shipments room's lifecycle inside its transactions: a booking links the parcels to
 * trackers (with the delivery window promised at booking as the first promise, and polling of API carriers),
 * and a voided label becomes a "cancelled" event. (The warehouse records its hand-over scans through
 * TrackingIngestionService itself.)
 */
@Injectable()
export class ShipmentLifecycleBridge implements OnModuleInit {
  constructor(
    private readonly lifecycle: ShipmentLifecycle,
    private readonly tracking: TrackingService,
    private readonly ingestion: TrackingIngestionService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onBooked((tx, s) => this.booked(tx, s));
    this.lifecycle.onCancelled((tx, s) => this.cancelled(tx, s));
  }

  /** The window promised at booking (the quoted option's, or the re-rating's) is the first promise of the estimate history. */
  private async booked(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    await this.tracking.registerShipment({ shipmentId: s.id, carrier: s.carrier, trackingNumbers: s.parcels.map((p) => p.trackingNumber), promisedDelivery: s.promisedDelivery }, tx);
  }

  private async cancelled(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    await this.record(tx, s, {
      eventId: `cancel:${s.id}`,
      code: 'label.voided',
      status: 'cancelled',
      substatus: 'label_voided',
      description: 'Label voided',
      occurredAt: (s.cancelledAt ?? new Date()).toISOString(),
    }, 'system');
  }

  private async record(tx: EntityManager, s: ShipmentRecord, event: RawTrackingEvent, source: 'system'): Promise<void> {
    for (const parcel of s.parcels) {
      const req = { carrier: s.carrier, trackingNumber: parcel.trackingNumber, source, events: [event], shipmentId: s.id };
      await this.ingestion.ingestPrepared(tx, req, this.ingestion.prepare(req));
    }
  }
}
