import type { EntityManager } from 'typeorm';
import type { ReturnItem } from './domain/return-items';
import type { ReturnState } from './domain/return-state';

export interface ReturnRow {
  id: string;
  rma: string;
  original_shipment_id: string;
  return_shipment_id: string | null;
  owner_key_id: string | null;
  idempotency_key: string | null;
  status: ReturnState;
  reason: string;
  note: string | null;
  items: ReturnItem[];
  carrier: string | null;
  service: string | null;
  international: boolean;
  resolution: string | null;
  label_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ReturnEventRow {
  return_id: string;
  status: string;
  description: string;
  source: string;
  occurred_at: Date;
}

/** SQL of the returns room; every function works inside the caller's transaction. */
export class ReturnsStore {
  async insert(tx: EntityManager, r: Omit<ReturnRow, 'updated_at' | 'return_shipment_id' | 'label_expires_at' | 'resolution' | 'carrier' | 'service'> & { carrier: string; service: string }): Promise<void> {
    await tx.query(
      `INSERT INTO customer_return (id, rma, original_shipment_id, owner_key_id, idempotency_key, status, reason, note, items, carrier, service, international, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
      [r.id, r.rma, r.original_shipment_id, r.owner_key_id, r.idempotency_key, r.status, r.reason, r.note, JSON.stringify(r.items), r.carrier, r.service, r.international, r.created_at],
    );
  }

  async find(tx: EntityManager, id: string, lock = false): Promise<ReturnRow | undefined> {
    const rows: ReturnRow[] = await tx.query(`SELECT * FROM customer_return WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0];
  }

  async findByIdempotencyKey(tx: EntityManager, originalShipmentId: string, key: string): Promise<ReturnRow | undefined> {
    const rows: ReturnRow[] = await tx.query(`SELECT * FROM customer_return WHERE original_shipment_id = $1 AND idempotency_key = $2`, [originalShipmentId, key]);
    return rows[0];
  }

  async findByReturnShipment(tx: EntityManager, shipmentId: string): Promise<ReturnRow | undefined> {
    const rows: ReturnRow[] = await tx.query(`SELECT * FROM customer_return WHERE return_shipment_id = $1 FOR UPDATE`, [shipmentId]);
    return rows[0];
  }

  async listForShipment(tx: EntityManager, originalShipmentId: string): Promise<ReturnRow[]> {
    return tx.query(`SELECT * FROM customer_return WHERE original_shipment_id = $1 ORDER BY created_at, id`, [originalShipmentId]);
  }

  /** Quantities per original item line already taken back by returns that still count. */
  async returnedQuantities(tx: EntityManager, originalShipmentId: string): Promise<Map<number, number>> {
    const rows: { line: number; quantity: string }[] = await tx.query(
      `SELECT (i->>'line')::int AS line, sum((i->>'quantity')::int) AS quantity
         FROM customer_return r, jsonb_array_elements(r.items) i
        WHERE r.original_shipment_id = $1 AND r.status NOT IN ('cancelled', 'expired')
        GROUP BY 1`,
      [originalShipmentId],
    );
    return new Map(rows.map((r) => [r.line, Number(r.quantity)]));
  }

  /** Moves the return to `status`; the fields in `extra` are set when given (the label's carrier once it is booked). */
  async setState(
    tx: EntityManager,
    id: string,
    status: ReturnState,
    now: Date,
    extra: Partial<Pick<ReturnRow, 'return_shipment_id' | 'label_expires_at' | 'resolution' | 'carrier' | 'service'>> = {},
  ): Promise<void> {
    await tx.query(
      `UPDATE customer_return SET status = $2, updated_at = $3,
              return_shipment_id = COALESCE($4, return_shipment_id), label_expires_at = COALESCE($5, label_expires_at), resolution = COALESCE($6, resolution),
              carrier = COALESCE($7, carrier), service = COALESCE($8, service)
        WHERE id = $1`,
      [id, status, now, extra.return_shipment_id ?? null, extra.label_expires_at ?? null, extra.resolution ?? null, extra.carrier ?? null, extra.service ?? null],
    );
  }

  async addEvent(tx: EntityManager, e: ReturnEventRow): Promise<void> {
    await tx.query(`INSERT INTO customer_return_event (return_id, status, description, source, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [
      e.return_id,
      e.status,
      e.description,
      e.source,
      e.occurred_at,
    ]);
  }

  async events(tx: EntityManager, returnIds: string[]): Promise<Map<string, ReturnEventRow[]>> {
    const map = new Map<string, ReturnEventRow[]>();
    if (!returnIds.length) return map;
    const rows: ReturnEventRow[] = await tx.query(`SELECT return_id, status, description, source, occurred_at FROM customer_return_event WHERE return_id = ANY($1) ORDER BY id`, [returnIds]);
    for (const r of rows) map.set(r.return_id, [...(map.get(r.return_id) ?? []), r]);
    return map;
  }

  async remove(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`DELETE FROM customer_return WHERE id = $1`, [id]);
  }
}
