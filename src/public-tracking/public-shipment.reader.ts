import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Where a shipment goes, as far as checking a postal code needs. */
export interface Destination {
  shipmentId: string;
  postalCode: string | null;
  country: string | null;
}

/**
 * The lookups public tracking needs that the shipments room's store does not offer: by tracking
 * token, by tracking number (any carrier), and the other shipments of the same order. Reads the
 * `shipment` and `shipment_parcel` tables and returns ids and the destination postal code only;
 * everything else comes through `ShipmentStore`.
 */
@Injectable()
export class PublicShipmentReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The shipment of a tracking token (a unique, indexed column). */
  async byToken(token: string): Promise<Destination | undefined> {
    const rows: { id: string; postal_code: string | null; country: string | null }[] = await this.db.query(
      `SELECT id, ship_to->>'postalCode' AS postal_code, ship_to->>'country' AS country FROM shipment WHERE tracking_token = $1`,
      [token],
    );
    return rows[0] && { shipmentId: rows[0].id, postalCode: rows[0].postal_code, country: rows[0].country };
  }

  /** Shipments with a parcel of this tracking number, whatever the carrier (numbers rarely collide; at most 10). */
  async byTrackingNumber(number: string): Promise<Destination[]> {
    const rows: { id: string; postal_code: string | null; country: string | null }[] = await this.db.query(
      `SELECT s.id, s.ship_to->>'postalCode' AS postal_code, s.ship_to->>'country' AS country
         FROM shipment s
        WHERE s.id IN (SELECT p.shipment_id FROM shipment_parcel p WHERE p.tracking_number = $1)
           OR s.tracking_number = $1
        ORDER BY s.created_at DESC, s.id LIMIT 10`,
      [number],
    );
    return rows.map((r) => ({ shipmentId: r.id, postalCode: r.postal_code, country: r.country }));
  }

  /**
   * The other outbound shipments of the same order: same merchant reference booked with the same API
   * key (references are only unique per merchant), oldest first, at most 20.
   */
  async orderSiblings(shipmentId: string, reference: string, ownerKeyId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM shipment
        WHERE reference = $1 AND owner_key_id IS NOT DISTINCT FROM $2 AND direction = 'outbound' AND id <> $3
        ORDER BY created_at, id LIMIT 20`,
      [reference, ownerKeyId, shipmentId],
    );
    return rows.map((r) => r.id);
  }
}
