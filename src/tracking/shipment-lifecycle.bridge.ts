import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ShipmentLifecycle, type HandoverEvent } from '../shipments/shipment-lifecycle';
import type { ShipmentRecord } from '../shipments/shipment.record';
import type { RawTrackingEvent } from './domain/event-normalisation';
import { TrackingIngestionService } from './tracking-ingestion.service';
import { TrackingService } from './tracking.service';

/**
 * Follows the shipments room's lifecycle inside its transactions: a booking links the parcels to
 * trackers (and starts polling API carriers), a warehouse hand-over becomes a "handed to the carrier"
 * scan, and a voided label a "cancelled" event, so the timeline starts where the shipment does.
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
    this.lifecycle.onHandedOver((tx, e) => this.handedOver(tx, e));
    this.lifecycle.onCancelled((tx, s) => this.cancelled(tx, s));
  }

  private async booked(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    await this.tracking.registerShipment({ shipmentId: s.id, carrier: s.carrier, trackingNumbers: s.parcels.map((p) => p.trackingNumber) }, tx);
  }

  private async handedOver(tx: EntityManager, e: HandoverEvent): Promise<void> {
    await this.record(tx, e.shipment, {
      eventId: `handover:${e.shipment.id}`,
      code: 'scan.handed_to_carrier',
      status: 'in_transit',
      substatus: 'picked_up',
      description: 'Handed to the carrier',
      occurredAt: e.at.toISOString(),
      location: { city: e.location.city, country: e.location.country },
    }, 'scan');
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

  private async record(tx: EntityManager, s: ShipmentRecord, event: RawTrackingEvent, source: 'scan' | 'system'): Promise<void> {
    for (const parcel of s.parcels) {
      const req = { carrier: s.carrier, trackingNumber: parcel.trackingNumber, source, events: [event], shipmentId: s.id };
      await this.ingestion.ingestPrepared(tx, req, this.ingestion.prepare(req));
    }
  }
}
