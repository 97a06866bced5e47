import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QuoteService } from '../rating/quote.service';
import { ShipmentLifecycle } from '../shipments/shipment-lifecycle';
import type { ShipmentRecord } from '../shipments/shipment.record';
import type { RawTrackingEvent } from './domain/event-normalisation';
import { TrackingIngestionService } from './tracking-ingestion.service';
import { TrackingService } from './tracking.service';

/**
 * Follows the shipments room's lifecycle inside its transactions: a booking links the parcels to
 * trackers (with the checkout's delivery window as the first promise, and polling of API carriers),
 * and a voided label becomes a "cancelled" event. (The warehouse records its hand-over scans through
 * TrackingIngestionService itself.)
 */
@Injectable()
export class ShipmentLifecycleBridge implements OnModuleInit {
  constructor(
    private readonly lifecycle: ShipmentLifecycle,
    private readonly tracking: TrackingService,
    private readonly ingestion: TrackingIngestionService,
    private readonly quotes: QuoteService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onBooked((tx, s) => this.booked(tx, s));
    this.lifecycle.onCancelled((tx, s) => this.cancelled(tx, s));
  }

  private async booked(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    const promisedDelivery = s.quoteId && s.optionId ? await this.quotedDelivery(s.quoteId, s.optionId) : undefined;
    await this.tracking.registerShipment({ shipmentId: s.id, carrier: s.carrier, trackingNumbers: s.parcels.map((p) => p.trackingNumber), promisedDelivery }, tx);
  }

  /**
   * The delivery window the checkout showed for the booked option: the first promise of the estimate
   * history. Read through the quotes room (its storage format is its own business).
   */
  private async quotedDelivery(quoteId: string, optionId: string): Promise<{ earliest: string; latest: string } | undefined> {
    try {
      const { option } = await this.quotes.resolveOption(quoteId, optionId);
      const window = option.estimatedDelivery;
      return window?.earliest && window.latest ? { earliest: window.earliest, latest: window.latest } : undefined;
    } catch {
      // A quote that expired or vanished between booking and this hook leaves no first promise.
      return undefined;
    }
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
