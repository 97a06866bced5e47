import { ModuleRef } from '@nestjs/core';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { AppError, ErrorDetail } from '../../platform/errors/app-error';
import { newId } from '../../platform/ids/new-id';
import { BookingService } from '../booking.service';
import type { ShipmentView } from '../dto/shipment-view.dto';
import { requireIdempotencyKey } from '../idempotency-key';
import { RenderedFile, ShipmentDocumentsService } from '../shipment-documents.service';
import { validateShipmentRequest } from '../shipment-request.validation';
import { ShipmentStore } from '../shipment.store';
import { ShipmentsService } from '../shipments.service';
import type { BatchItemView, BatchView, CreateBatchDto } from './batch.dto';

/** Bookings of one batch run this many at a time: fast enough for 500 items, gentle on carriers and the pool. */
const CONCURRENCY = 4;

interface ItemOutcome {
  status: 'booked' | 'failed';
  idempotencyKey: string | null;
  reference: string | null;
  shipment?: ShipmentView;
  error?: { code: string; message: string; status: number; details: ErrorDetail[] };
}

interface BatchRow {
  id: string;
  status: string;
  label_format: 'pdf' | 'zpl';
  label_size: '4x6' | 'a6' | 'a4';
  item_count: number;
  booked: number;
  failed: number;
  created_at: Date;
  completed_at: Date | null;
}

/**
 * Books up to 500 shipments in one request. Every item is validated and booked on its own with its
 * own idempotency key (so re-sending a batch books nothing twice); a bad item fails alone and is
 * reported with paths such as `shipments[3].shipTo.postalCode`.
 */
@Injectable()
export class BatchService {
  private readonly logger = new Logger(BatchService.name);

  constructor(
    private readonly db: DataSource,
    private readonly booking: BookingService,
    private readonly store: ShipmentStore,
    private readonly shipments: ShipmentsService,
    private readonly documents: ShipmentDocumentsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

  async create(body: CreateBatchDto, owner: string): Promise<BatchView> {
    const id = newId('bat', this.clock.now().getTime());
    await this.db.query(`INSERT INTO batch (id, owner_key_id, status, label_format, label_size, item_count, created_at) VALUES ($1, $2, 'processing', $3, $4, $5, $6)`, [
      id,
      owner,
      body.labelFormat ?? 'pdf',
      body.labelSize ?? '4x6',
      body.shipments.length,
      this.clock.now(),
    ]);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < body.shipments.length; i = next++) {
        const outcome = await this.bookItem(body.shipments[i], i, owner, id);
        await this.db.query(
          `INSERT INTO batch_item (batch_id, index, idempotency_key, reference, status, shipment_id, error) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, i, outcome.idempotencyKey, outcome.reference, outcome.status, outcome.shipment?.id ?? null, outcome.error ? JSON.stringify(outcome.error) : null],
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, body.shipments.length) }, worker));
    await this.db.query(
      `UPDATE batch SET booked = c.booked, failed = c.failed, completed_at = $2,
         status = CASE WHEN c.failed = 0 THEN 'completed' WHEN c.booked = 0 THEN 'failed' ELSE 'partially_failed' END
       FROM (SELECT count(*) FILTER (WHERE status = 'booked')::int AS booked, count(*) FILTER (WHERE status = 'failed')::int AS failed
             FROM batch_item WHERE batch_id = $1) c
       WHERE batch.id = $1`,
      [id, this.clock.now()],
    );
    this.logger.log(`batch ${id}: ${body.shipments.length} item(s) processed`);
    return this.get(id);
  }

  private async bookItem(plain: Record<string, unknown>, index: number, owner: string, batchId: string): Promise<ItemOutcome> {
    const path = `shipments[${index}]`;
    const { idempotencyKey, ...body } = plain;
    const reference = typeof body.reference === 'string' ? body.reference.slice(0, 100) : null;
    const problems: ErrorDetail[] = [];
    let key: string | null = null;
    try {
      key = requireIdempotencyKey(typeof idempotencyKey === 'string' ? idempotencyKey : idempotencyKey === undefined ? undefined : '\u0000', `${path}.idempotencyKey`);
    } catch (e) {
      problems.push(...(e as AppError).details);
    }
    const { dto, problems: invalid } = await validateShipmentRequest(body, path, (type) => this.moduleRef.get(type, { strict: false }));
    problems.push(...invalid);
    if (problems.length || !dto || !key) {
      return { status: 'failed', idempotencyKey: key, reference, error: { status: 400, code: 'VALIDATION_FAILED', message: `${problems.length} problem(s) in this item`, details: problems } };
    }
    try {
      const outcome = await this.booking.book(dto, { owner, idempotencyKey: key, batchId });
      return { status: 'booked', idempotencyKey: key, reference, shipment: outcome.body };
    } catch (e) {
      if (e instanceof AppError) {
        return {
          status: 'failed',
          idempotencyKey: key,
          reference,
          error: { status: e.status, code: e.code, message: e.message, details: e.details.map((d) => ({ path: d.path ? `${path}.${d.path}` : path, message: d.message })) },
        };
      }
      this.logger.error(`batch ${batchId} item ${index} failed unexpectedly: ${(e as Error).message}`);
      return { status: 'failed', idempotencyKey: key, reference, error: { status: 500, code: 'INTERNAL', message: 'Unexpected error while booking this item', details: [] } };
    }
  }

  async get(id: string): Promise<BatchView> {
    const [batch]: BatchRow[] = await this.db.query(`SELECT * FROM batch WHERE id = $1`, [id]);
    if (!batch) throw AppError.notFound(`Batch ${id}`);
    const items: { index: number; idempotency_key: string | null; reference: string | null; status: 'booked' | 'failed'; shipment_id: string | null; error: ItemOutcome['error'] | null }[] =
      await this.db.query(`SELECT * FROM batch_item WHERE batch_id = $1 ORDER BY index`, [id]);
    const shipments = new Map((await this.store.findByIds(items.flatMap((i) => (i.shipment_id ? [i.shipment_id] : [])))).map((s) => [s.id, s]));
    const base = `${this.config.publicBaseUrl}/v1/batches/${id}/labels`;
    return {
      id: batch.id,
      status: batch.status,
      counts: { total: batch.item_count, booked: items.filter((i) => i.status === 'booked').length, failed: items.filter((i) => i.status === 'failed').length },
      items: items.map(
        (i): BatchItemView => ({
          index: i.index,
          idempotencyKey: i.idempotency_key,
          reference: i.reference,
          status: i.status,
          ...(i.shipment_id && shipments.get(i.shipment_id) && { shipment: this.shipments.view(shipments.get(i.shipment_id)!) }),
          ...(i.error && { error: i.error }),
        }),
      ),
      labels: [
        { format: batch.label_format, url: `${base}?format=${batch.label_format}${batch.label_format === 'pdf' ? `&size=${batch.label_size}` : ''}` },
        { format: batch.label_format === 'pdf' ? 'zpl' : 'pdf', url: `${base}?format=${batch.label_format === 'pdf' ? 'zpl' : 'pdf'}` },
      ],
      createdAt: batch.created_at.toISOString(),
      completedAt: batch.completed_at?.toISOString() ?? null,
    };
  }

  /** Every label of the batch's booked (and not cancelled) shipments, in item order, in one document. */
  async labels(id: string, request: { format?: 'pdf' | 'zpl'; size?: '4x6' | 'a6' | 'a4'; dpi?: 203 | 300 }): Promise<RenderedFile> {
    const [batch]: BatchRow[] = await this.db.query(`SELECT * FROM batch WHERE id = $1`, [id]);
    if (!batch) throw AppError.notFound(`Batch ${id}`);
    const rows: { shipment_id: string }[] = await this.db.query(`SELECT shipment_id FROM batch_item WHERE batch_id = $1 AND status = 'booked' ORDER BY index`, [id]);
    const byId = new Map((await this.store.findByIds(rows.map((r) => r.shipment_id))).map((s) => [s.id, s]));
    const shipments = rows.map((r) => byId.get(r.shipment_id)!).filter((s) => s && s.status === 'booked');
    if (!shipments.length) throw new AppError(409, 'NOTHING_TO_PRINT', `Batch ${id} has no booked shipments to print`);
    const file = await this.documents.mergedLabels(shipments, { format: request.format ?? batch.label_format, size: request.size ?? batch.label_size, dpi: request.dpi ?? 203 });
    await this.store.markPrinted(shipments.map((s) => s.id), this.clock.now());
    return { ...file, filename: `${id}-labels.${request.format ?? batch.label_format}` };
  }
}
