import type { EntityManager } from 'typeorm';

/** What tracking needs to know about a shipment: never names, addresses or contact data. */
export interface ShipmentRef {
  id: string;
  carrier: string;
  /** One per parcel; the first is the shipment's main number. */
  trackingNumbers: string[];
  direction: 'outbound' | 'return';
  reference: string | null;
  /** For a return shipment: the outbound shipment it returns. */
  originalShipmentId: string | null;
  /** Country of destination, for the public view. */
  destinationCountry: string | null;
}

/**
 * The seam between tracking and the shipments room, which owns shipment records. Tracking asks it
 * for a shipment by id (routes under /v1/shipments/:id) and by carrier + tracking number (to link
 * incoming events to a shipment).
 */
export interface ShipmentDirectory {
  findById(id: string, tx?: EntityManager): Promise<ShipmentRef | undefined>;
  findByTrackingNumber(carrier: string, trackingNumber: string, tx?: EntityManager): Promise<ShipmentRef | undefined>;
  /** Return shipments made for an outbound shipment. */
  returnsOf(shipmentId: string, tx?: EntityManager): Promise<ShipmentRef[]>;
}

export const SHIPMENT_DIRECTORY = Symbol('SHIPMENT_DIRECTORY');
