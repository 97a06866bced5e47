import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { CarrierError } from '../carriers/carrier-error';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { ReferenceData } from '../tariffs/reference-data';
import { carrierFailure } from './booking.service';
import type { ListShipmentsQuery } from './dto/shipment-query.dto';
import type { ShipmentListView, ShipmentView } from './dto/shipment-view.dto';
import { ShipmentLifecycle } from './shipment-lifecycle';
import { ShipmentStore, ShipmentWithStatus } from './shipment.store';
import { shipmentView } from './shipment-view';

/** Finding, listing, cancelling and handing over shipments. */
@Injectable()
export class ShipmentsService {
  private readonly logger = new Logger(ShipmentsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly store: ShipmentStore,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly lifecycle: ShipmentLifecycle,
    private readonly reference: ReferenceData,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<ShipmentWithStatus> {
    const s = await this.store.findById(id);
    if (!s) throw AppError.notFound(`Shipment ${id}`);
    return s;
  }

  /** For label printing: the shipment without its tracking status (404 when unknown). */
  async forLabels(id: string): Promise<ShipmentWithStatus> {
    const s = await this.store.findForLabels(id);
    if (!s) throw AppError.notFound(`Shipment ${id}`);
    return s;
  }

  view(s: ShipmentWithStatus): ShipmentView {
    return shipmentView(s, this.config.publicBaseUrl, this.reference.currencies);
  }

  async list(q: ListShipmentsQuery): Promise<ShipmentListView> {
    const limit = q.limit ?? 25;
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const from = q.from ? parseBound(q.from, 'from') : undefined;
    const to = q.to ? parseBound(q.to, 'to') : undefined;
    if (from && to && from >= to) throw AppError.validation([{ path: 'to', message: 'to must be after from' }]);
    const rows = await this.store.list({ reference: q.reference, status: q.status, carrier: q.carrier, from, to, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { data: page.map((s) => this.view(s)), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null };
  }

  /**
   * Voids the label before the carrier has the parcel. Cancelling twice answers the cancelled
   * shipment again; once the parcel was handed over or scanned by the carrier the answer is 409.
   */
  async cancel(id: string): Promise<ShipmentView> {
    const result = await this.db.transaction(async (tx) => {
      const s = await this.store.lock(tx, id);
      if (!s) throw AppError.notFound(`Shipment ${id}`);
      if (s.status === 'cancelled') return s;
      if (s.publicStatus !== 'booked' || s.handedOverAt) {
        throw AppError.conflict('SHIPMENT_IN_TRANSIT', `Shipment ${id} is ${s.publicStatus === 'booked' ? 'handed over to the carrier' : s.publicStatus}; it can no longer be voided`);
      }
      const carrier = this.catalog.get(s.carrier);
      if (carrier && this.adapters.has(carrier.adapter)) {
        try {
          await this.adapters.get(carrier.adapter).cancel(
            carrier,
            { trackingNumber: s.trackingNumber, ...(s.carrierShipmentId && { carrierShipmentId: s.carrierShipmentId }) },
            { signal: AbortSignal.timeout(30_000), reference: s.reference ?? undefined },
          );
        } catch (e) {
          if (e instanceof CarrierError && e.code === 'INVALID_REQUEST') {
            throw AppError.conflict('CANCEL_REFUSED', `${carrier.name} refused to void ${s.trackingNumber}: ${e.message}`);
          }
          throw e instanceof CarrierError ? carrierFailure(e) : e;
        }
      }
      const at = this.clock.now();
      await this.store.markCancelled(tx, id, at);
      const cancelled = { ...s, status: 'cancelled' as const, publicStatus: 'cancelled', cancelledAt: at };
      await this.lifecycle.emitCancelled(tx, cancelled);
      return cancelled;
    });
    this.logger.log(`cancelled ${id}`);
    return this.view(result);
  }
  /**
   * The carrier took the parcels: `scans` records the hand-over in the tracking timeline, and the
   * shipment is marked handed over (the first hand-over's time is kept), so its label can no longer
   * be voided. One transaction with the row locked, so a concurrent cancel comes either before (409
   * SHIPMENT_CANCELLED here) or after (refused). The one way a hand-over is recorded: the print
   * station and `POST /v1/shipments/:id/events` (`handed_to_carrier`) both come through here.
   *
   * @example await shipments.handOver(id, clock.now(), (tx) => ingestion.ingestPrepared(tx, request, prepared));
   */
  async handOver<T>(id: string, at: Date, scans: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const s = await this.store.lock(tx, id);
      if (!s) throw AppError.notFound(`Shipment ${id}`);
      if (s.status === 'cancelled') throw AppError.conflict('SHIPMENT_CANCELLED', `Shipment ${id} is cancelled`);
      const result = await scans(tx);
      await this.store.markHandedOver(tx, id, at);
      return result;
    });
  }
}

export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: id })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && /^shp_[0-9a-z]{26}$/.test(parsed.after)) return parsed.after;
  } catch {
    // fall through
  }
  throw AppError.validation([{ path: 'cursor', message: 'cursor is not one this service issued' }]);
}

/** A date means the start of that UTC day for `from` and the start of the next day for `to` (inclusive day). */
function parseBound(value: string, which: 'from' | 'to'): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw AppError.validation([{ path: which, message: `${which} is not a valid date` }]);
  if (which === 'to' && /^\d{4}-\d{2}-\d{2}$/.test(value)) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}
