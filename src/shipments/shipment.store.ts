import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CarrierLabel } from '../documents/labels/label.types';
import type { ParcelRecord, ShipmentRecord } from './shipment.record';

/**
 * The status a client sees: `cancelled`, else the latest tracking status once the carrier has scanned
 * any parcel (the tracking room's `tracker` table, read-only here), else `in_transit` after the
 * warehouse handed it over, else `booked`.
 */
export const PUBLIC_STATUS_SQL = `CASE WHEN s.status = 'cancelled' THEN 'cancelled' ELSE COALESCE(
  (SELECT t.status FROM tracker t WHERE t.carrier = s.carrier AND t.tracking_number IN (SELECT p.tracking_number FROM shipment_parcel p WHERE p.shipment_id = s.id)
     AND t.status NOT IN ('unknown', 'label_created', 'cancelled') ORDER BY t.status_changed_at DESC NULLS LAST LIMIT 1),
  CASE WHEN s.handed_over_at IS NOT NULL THEN 'in_transit' ELSE 'booked' END) END`;

export interface ShipmentFilter {
  reference?: string;
  status?: string;
  carrier?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
  /** Id of the last shipment of the previous page (ids sort by creation time). */
  after?: string;
  limit: number;
  batchId?: string;
}

interface ShipmentRow {
  id: string;
  status: 'booked' | 'cancelled';
  public_status: string;
  direction: 'outbound' | 'return';
  owner_key_id: string | null;
  carrier: string;
  service: string;
  service_name: string;
  reference: string | null;
  tracking_number: string;
  tracking_token: string;
  carrier_shipment_id: string | null;
  label_format: 'pdf' | 'zpl';
  label_size: '4x6' | 'a6' | 'a4';
  label_dpi: number;
  ship_date: string;
  ship_from: ShipmentRecord['shipFrom'];
  ship_to: ShipmentRecord['shipTo'];
  items: ShipmentRecord['items'];
  handling: ShipmentRecord['handling'];
  incoterm: 'DDP' | 'DAP';
  importer: ShipmentRecord['importer'];
  customs: ShipmentRecord['customs'];
  zone: string | null;
  currency: string;
  charges: ShipmentRecord['charges'];
  total_amount: string;
  duties_and_taxes: unknown;
  quote_id: string | null;
  option_id: string | null;
  batch_id: string | null;
  return_of: string | null;
  printed_at: Date | null;
  print_count: number;
  handed_over_at: Date | null;
  cancelled_at: Date | null;
  created_at: Date;
  parcels: { index: number; tracking_number: string; weight_kg: string; length_cm: string | null; width_cm: string | null; height_cm: string | null; carrier_label_format: string | null }[];
  documents: string[];
}

export type ShipmentWithStatus = ShipmentRecord & { publicStatus: string };

const PARCELS_SQL = `(SELECT json_agg(json_build_object('index', p.index, 'tracking_number', p.tracking_number, 'weight_kg', p.weight_kg,
        'length_cm', p.length_cm, 'width_cm', p.width_cm, 'height_cm', p.height_cm, 'carrier_label_format', p.carrier_label_format) ORDER BY p.index)
      FROM shipment_parcel p WHERE p.shipment_id = s.id) AS parcels`;

const SELECT = `
  SELECT s.*, ship_date::text AS ship_date, ${PUBLIC_STATUS_SQL} AS public_status, ${PARCELS_SQL},
    ARRAY(SELECT d.type FROM shipment_document d WHERE d.shipment_id = s.id ORDER BY d.type) AS documents
  FROM shipment s`;

/** For printing: what a label needs, without the tracking status lookup (`publicStatus` is the stored status). */
const SELECT_FOR_LABELS = `
  SELECT s.*, ship_date::text AS ship_date, s.status AS public_status, ${PARCELS_SQL}, ARRAY[]::text[] AS documents
  FROM shipment s`;

/** Shipments, their parcels and carrier-supplied bytes in PostgreSQL. `numeric` columns become numbers here. */
@Injectable()
export class ShipmentStore {
  constructor(private readonly db: DataSource) {}

  async insert(tx: EntityManager, s: ShipmentRecord, labels: (CarrierLabel | undefined)[], documents: { type: string; format: string; data: Buffer }[]): Promise<void> {
    await tx.query(
      `INSERT INTO shipment (id, status, direction, owner_key_id, carrier, service, service_name, reference, tracking_number, tracking_token,
         carrier_shipment_id, label_format, label_size, label_dpi, ship_date, ship_from, ship_to, items, handling, incoterm, importer, customs,
         zone, currency, charges, total_amount, duties_and_taxes, quote_id, option_id, batch_id, return_of, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$32)`,
      [
        s.id, s.status, s.direction, s.ownerKeyId, s.carrier, s.service, s.serviceName, s.reference, s.trackingNumber, s.trackingToken,
        s.carrierShipmentId, s.labelFormat, s.labelSize, s.labelDpi, s.shipDate, JSON.stringify(s.shipFrom), JSON.stringify(s.shipTo),
        JSON.stringify(s.items), JSON.stringify(s.handling), s.incoterm, s.importer ? JSON.stringify(s.importer) : null, JSON.stringify(s.customs),
        s.zone, s.currency, JSON.stringify(s.charges), s.total, s.dutiesAndTaxes === undefined || s.dutiesAndTaxes === null ? null : JSON.stringify(s.dutiesAndTaxes),
        s.quoteId, s.optionId, s.batchId, s.returnOf, s.createdAt,
      ],
    );
    for (const p of s.parcels) {
      const label = labels[p.index];
      await tx.query(
        `INSERT INTO shipment_parcel (shipment_id, index, carrier, tracking_number, weight_kg, length_cm, width_cm, height_cm, carrier_label, carrier_label_format)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [s.id, p.index, s.carrier, p.trackingNumber, p.weightKg, p.lengthCm ?? null, p.widthCm ?? null, p.heightCm ?? null, label?.data ?? null, label?.format ?? null],
      );
    }
    for (const d of documents) {
      await tx.query(`INSERT INTO shipment_document (shipment_id, type, format, data) VALUES ($1,$2,$3,$4)`, [s.id, d.type, d.format, d.data]);
    }
  }

  async findById(id: string, tx: EntityManager | DataSource = this.db): Promise<ShipmentWithStatus | undefined> {
    const rows: ShipmentRow[] = await tx.query(`${SELECT} WHERE s.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  /** A shipment as label printing needs it (one cheaper query; `publicStatus` is only booked or cancelled). */
  async findForLabels(id: string): Promise<ShipmentWithStatus | undefined> {
    const rows: ShipmentRow[] = await this.db.query(`${SELECT_FOR_LABELS} WHERE s.id = $1`, [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async findByIds(ids: string[]): Promise<ShipmentWithStatus[]> {
    if (!ids.length) return [];
    const rows: ShipmentRow[] = await this.db.query(`${SELECT} WHERE s.id = ANY($1) ORDER BY s.id`, [ids]);
    return rows.map(toRecord);
  }

  /** By a parcel's tracking number or the shipment's reference (what a scanner or a person types). */
  async findByCode(code: string, limit = 20): Promise<ShipmentWithStatus[]> {
    const rows: ShipmentRow[] = await this.db.query(
      `${SELECT} WHERE s.id = $1 OR s.reference = $1
         OR s.id IN (SELECT p.shipment_id FROM shipment_parcel p WHERE p.tracking_number = upper($1))
       ORDER BY s.id DESC LIMIT $2`,
      [code, limit],
    );
    return rows.map(toRecord);
  }

  async list(f: ShipmentFilter): Promise<ShipmentWithStatus[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.reference !== undefined) add('s.reference = ?', f.reference);
    if (f.carrier !== undefined) add('s.carrier = ?', f.carrier);
    if (f.status !== undefined) add(`(${PUBLIC_STATUS_SQL}) = ?`, f.status);
    if (f.from) add('s.created_at >= ?', f.from);
    if (f.to) add('s.created_at < ?', f.to);
    if (f.after) add('s.id < ?', f.after);
    if (f.batchId) add('s.batch_id = ?', f.batchId);
    params.push(f.limit);
    const rows: ShipmentRow[] = await this.db.query(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Booked, not yet printed shipments of a ship date, oldest first (the print station's queue). */
  /**
   * Booked, never printed shipments due by today: `today.byCarrier` gives each carrier's today (ship
   * dates are local to the carrier's origin zone), `today.fallback` the day for any other carrier.
   */
  async unprinted(today: { byCarrier: Record<string, string>; fallback: string }, limit = 200): Promise<ShipmentWithStatus[]> {
    const latest = Object.values(today.byCarrier).reduce((a, b) => (b > a ? b : a), today.fallback);
    const rows: ShipmentRow[] = await this.db.query(
      `${SELECT} WHERE s.printed_at IS NULL AND s.status = 'booked' AND s.ship_date <= $1
         AND s.ship_date <= COALESCE(($2::jsonb ->> s.carrier)::date, $3::date) ORDER BY s.id LIMIT $4`,
      [latest, JSON.stringify(today.byCarrier), today.fallback, limit],
    );
    return rows.map(toRecord);
  }

  /** Booked shipments of one carrier and ship date (a manifest). */
  async forManifest(carrier: string, shipDate: string): Promise<ShipmentWithStatus[]> {
    const rows: ShipmentRow[] = await this.db.query(`${SELECT} WHERE s.carrier = $1 AND s.ship_date = $2 AND s.status = 'booked' ORDER BY s.id`, [carrier, shipDate]);
    return rows.map(toRecord);
  }

  async carrierLabels(shipmentId: string): Promise<(CarrierLabel | undefined)[]> {
    const rows: { index: number; carrier_label: Buffer | null; carrier_label_format: CarrierLabel['format'] | null }[] = await this.db.query(
      `SELECT index, carrier_label, carrier_label_format FROM shipment_parcel WHERE shipment_id = $1 ORDER BY index`,
      [shipmentId],
    );
    return rows.map((r) => (r.carrier_label && r.carrier_label_format ? { format: r.carrier_label_format, data: r.carrier_label } : undefined));
  }

  async carrierDocument(shipmentId: string, type: string): Promise<{ format: string; data: Buffer } | undefined> {
    const [row] = await this.db.query(`SELECT format, data FROM shipment_document WHERE shipment_id = $1 AND type = $2`, [shipmentId, type]);
    return row;
  }

  /** Locks the shipment row for a state change (cancel, hand-over) inside `tx`. */
  async lock(tx: EntityManager, id: string): Promise<ShipmentWithStatus | undefined> {
    await tx.query(`SELECT 1 FROM shipment WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id, tx);
  }

  async markCancelled(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE shipment SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [id, at]);
  }

  async markPrinted(ids: string[], at: Date): Promise<void> {
    if (!ids.length) return;
    await this.db.query(`UPDATE shipment SET printed_at = COALESCE(printed_at, $2), print_count = print_count + 1 WHERE id = ANY($1)`, [ids, at]);
  }

  async markHandedOver(tx: EntityManager, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE shipment SET handed_over_at = COALESCE(handed_over_at, $2) WHERE id = $1`, [id, at]);
  }
}

function num(v: string | null | undefined): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}

function toRecord(r: ShipmentRow): ShipmentWithStatus {
  const parcels: ParcelRecord[] = (r.parcels ?? []).map((p) => ({
    index: p.index,
    trackingNumber: p.tracking_number,
    weightKg: Number(p.weight_kg),
    ...(p.length_cm !== null && { lengthCm: num(p.length_cm), widthCm: num(p.width_cm), heightCm: num(p.height_cm) }),
    ...(p.carrier_label_format && { carrierLabelFormat: p.carrier_label_format as ParcelRecord['carrierLabelFormat'] }),
  }));
  return {
    id: r.id,
    status: r.status,
    publicStatus: r.public_status,
    direction: r.direction,
    ownerKeyId: r.owner_key_id,
    carrier: r.carrier,
    service: r.service,
    serviceName: r.service_name,
    reference: r.reference,
    trackingNumber: r.tracking_number,
    trackingToken: r.tracking_token,
    carrierShipmentId: r.carrier_shipment_id,
    labelFormat: r.label_format,
    labelSize: r.label_size,
    labelDpi: r.label_dpi === 300 ? 300 : 203,
    shipDate: r.ship_date,
    shipFrom: r.ship_from,
    shipTo: r.ship_to,
    items: r.items,
    handling: r.handling,
    incoterm: r.incoterm,
    importer: r.importer,
    customs: r.customs,
    zone: r.zone,
    currency: r.currency,
    charges: r.charges,
    total: r.total_amount,
    dutiesAndTaxes: r.duties_and_taxes,
    quoteId: r.quote_id,
    optionId: r.option_id,
    batchId: r.batch_id,
    returnOf: r.return_of,
    printedAt: r.printed_at,
    printCount: r.print_count,
    handedOverAt: r.handed_over_at,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    parcels,
    carrierDocuments: r.documents ?? [],
  };
}
