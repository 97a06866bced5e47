import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedReads, type SqlRunner } from './prepared-reads';
import type { ShipmentDirectory, ShipmentRef } from './shipment-directory';

interface Row {
  id: string;
  carrier: string;
  direction: 'outbound' | 'return';
  reference: string | null;
  return_of: string | null;
  tracking_number: string;
  destination_country: string | null;
  parcel_numbers: string[] | null;
}

const SELECT = `
  SELECT s.id, s.carrier, s.direction, s.reference, s.return_of, s.tracking_number,
         s.ship_to->>'country' AS destination_country,
         (SELECT array_agg(p.tracking_number ORDER BY p.index) FROM shipment_parcel p WHERE p.shipment_id = s.id) AS parcel_numbers
    FROM shipment s`;

/** The statements, by the name they are prepared under when no transaction is given. */
const READS = {
  tracking_shipment_by_id: `${SELECT} WHERE s.id = $1`,
  // Every shipment has its parcels' numbers in shipment_parcel, unique per carrier (and indexed so).
  tracking_shipment_by_number: `${SELECT} WHERE s.id = (SELECT p.shipment_id FROM shipment_parcel p WHERE p.carrier = $1 AND p.tracking_number = $2)`,
  tracking_shipment_returns: `${SELECT} WHERE s.return_of = $1 ORDER BY s.created_at, s.id`,
};

/**
 * Reads the shipments room's tables (`shipment`, `shipment_parcel`) for what tracking needs, and
 * nothing personal: no names, addresses or contact data leave this class.
 */
@Injectable()
export class SqlShipmentDirectory implements ShipmentDirectory {
  /** Outside a transaction the statements run prepared (timeline reads ask for a shipment on every call). */
  private readonly reads: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.reads = preparedReads(db, READS);
  }

  async findById(id: string, tx?: EntityManager): Promise<ShipmentRef | undefined> {
    const rows: Row[] = await (tx ?? this.reads).query(READS.tracking_shipment_by_id, [id]);
    return rows[0] ? ref(rows[0]) : undefined;
  }

  async findByTrackingNumber(carrier: string, trackingNumber: string, tx?: EntityManager): Promise<ShipmentRef | undefined> {
    const rows: Row[] = await (tx ?? this.reads).query(READS.tracking_shipment_by_number, [carrier, trackingNumber]);
    return rows[0] ? ref(rows[0]) : undefined;
  }

  async returnsOf(shipmentId: string, tx?: EntityManager): Promise<ShipmentRef[]> {
    const rows: Row[] = await (tx ?? this.reads).query(READS.tracking_shipment_returns, [shipmentId]);
    return rows.map(ref);
  }
}

function ref(r: Row): ShipmentRef {
  const numbers = r.parcel_numbers?.length ? r.parcel_numbers : [r.tracking_number];
  return {
    id: r.id,
    carrier: r.carrier,
    trackingNumbers: numbers,
    direction: r.direction === 'return' ? 'return' : 'outbound',
    reference: r.reference,
    originalShipmentId: r.return_of,
    destinationCountry: r.destination_country,
  };
}
