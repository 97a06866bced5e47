import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ShipmentRecord } from './shipment.record';

export type ShipmentListener = (tx: EntityManager, shipment: ShipmentRecord) => Promise<void>;

/** A parcel handed to the carrier at the warehouse (a scan that starts the tracking timeline). */
export interface HandoverEvent {
  shipment: ShipmentRecord;
  /** When the carrier took the parcels. */
  at: Date;
  /** Where: the ship-from city and country (no street or names). */
  location: { city?: string; postalCode?: string; country: string };
  /** Who recorded it: the API key id of the print station's session. */
  recordedBy: string;
}

export type HandoverListener = (tx: EntityManager, event: HandoverEvent) => Promise<void>;

/**
 * Lets rooms above shipments (tracking, returns, webhooks) react to a shipment's life without
 * shipments importing them: they register listeners at startup, and each runs inside the
 * transaction that changed the shipment, so their rows commit or roll back with it.
 *
 * @example
 * lifecycle.onBooked(async (tx, s) => trackers.create(tx, s.carrier, s.parcels.map((p) => p.trackingNumber), s.id));
 * lifecycle.onHandedOver(async (tx, e) => events.recordWarehouseScan(tx, e));
 */
@Injectable()
export class ShipmentLifecycle {
  private readonly booked: ShipmentListener[] = [];
  private readonly cancelled: ShipmentListener[] = [];
  private readonly handedOver: HandoverListener[] = [];

  onBooked(listener: ShipmentListener): void {
    this.booked.push(listener);
  }

  onCancelled(listener: ShipmentListener): void {
    this.cancelled.push(listener);
  }

  onHandedOver(listener: HandoverListener): void {
    this.handedOver.push(listener);
  }

  /** True when some room records hand-over scans as tracking events. */
  get recordsHandovers(): boolean {
    return this.handedOver.length > 0;
  }

  async emitBooked(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    for (const l of this.booked) await l(tx, s);
  }

  async emitCancelled(tx: EntityManager, s: ShipmentRecord): Promise<void> {
    for (const l of this.cancelled) await l(tx, s);
  }

  async emitHandedOver(tx: EntityManager, e: HandoverEvent): Promise<void> {
    for (const l of this.handedOver) await l(tx, e);
  }
}
