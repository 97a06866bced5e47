import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ShipmentRecord } from './shipment.record';

export type ShipmentListener = (tx: EntityManager, shipment: ShipmentRecord) => Promise<void>;

/**
 * Lets rooms above shipments (tracking, returns, webhooks) react to a shipment's life without
 * shipments importing them: they register listeners at startup, and each runs inside the
 * transaction that changed the shipment, so their rows commit or roll back with it.
 *
 * @example
 * lifecycle.onBooked(async (tx, s) => trackers.create(tx, s.carrier, s.parcels.map((p) => p.trackingNumber), s.id));
 */
@Injectable()
export class ShipmentLifecycle {
  private readonly booked: ShipmentListener[] = [];
  private readonly cancelled: ShipmentListener[] = [];

  onBooked(listener: ShipmentListener): void {
    this.booked.push(listener);
  }

  onCancelled(listener: ShipmentListener): void {
    this.cancelled.push(listener);
  }

  async emitBooked(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    for (const l of this.booked) await l(tx, s);
  }

  async emitCancelled(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    for (const l of this.cancelled) await l(tx, s);
  }
}
