import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { AppError, type ErrorDetail } from '../platform/errors/app-error';
import { newId } from '../platform/ids/new-id';
import { JobQueue } from '../platform/jobs/job-queue';
import type { BookingOutcome } from '../shipments/booking.service';
import type { ShipmentView } from '../shipments/dto/shipment-view.dto';
import { ReturnTimelineRegistry, type ReturnSummary } from '../tracking/return-timeline.registry';
import { TrackingListeners, type StatusChange } from '../tracking/tracking-listeners';
import { WebhookOutbox } from '../webhooks/webhook-outbox.service';
import { chooseReturnCarrier, type ReturnCandidate } from './domain/return-carrier';
import { resolveReturnItems } from './domain/return-items';
import { canMove, STATE_DESCRIPTIONS, stateFromTracking, type ReturnState } from './domain/return-state';
import type { CreateReturnDto } from './return.dto';
import { ReturnBooking, type ReturnLabelRequest } from './return-booking';
import { ReturnsStore, type ReturnEventRow, type ReturnRow } from './returns.store';

export const RETURN_EXPIRY_QUEUE = 'return_expiry';

export interface ReturnView {
  id: string;
  rma: string;
  status: ReturnState;
  reason: string;
  note: string | null;
  items: { line: number; sku: string | null; description: string; quantity: number; reason: string | null }[];
  originalShipmentId: string;
  returnShipmentId: string | null;
  carrier: string | null;
  service: string | null;
  international: boolean;
  resolution: string | null;
  labelExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  history: { status: string; description: string; source: string; occurredAt: string }[];
  shipment?: ShipmentView;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Booking errors that mean "this service cannot take the parcel" (nothing was bought): the next candidate may. */
const REFUSALS = new Set(['SERVICE_UNAVAILABLE', 'CARRIER_REJECTED']);

/**
 * Customer returns (RMA) end to end: checks the request against the original shipment, books the
 * return label through the shipments room, follows the return shipment's tracking, and tells the
 * merchant (`return.created`, `return.updated`) in the same transaction as every state change.
 */
@Injectable()
export class ReturnsService implements OnModuleInit {
  private readonly logger = new Logger(ReturnsService.name);
  private readonly store = new ReturnsStore();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly booking: ReturnBooking,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly outbox: WebhookOutbox,
    private readonly jobs: JobQueue,
    private readonly listeners: TrackingListeners,
    private readonly timelines: ReturnTimelineRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.listeners.onStatusChange((tx, change) => this.followTracking(tx, change));
    this.timelines.register((shipmentId) => this.summaries(shipmentId));
    this.jobs.define<{ returnId: string }>(RETURN_EXPIRY_QUEUE, (data) => this.expire(data.returnId), { retryLimit: 5, retryDelaySeconds: 600 });
  }

  async create(originalId: string, dto: CreateReturnDto, owner: string, idempotencyKey?: string): Promise<ReturnView> {
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex').slice(0, 32);
    const key = idempotencyKey ? `${idempotencyKey}#${requestHash}` : null;
    if (idempotencyKey) {
      const earlier = await this.findByKey(originalId, idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const original = await this.booking.original(originalId);
    if (!original) throw AppError.notFound('Shipment');
    if (original.direction === 'return') throw AppError.conflict('NOT_RETURNABLE', 'A return shipment cannot itself be returned');
    if (original.status === 'cancelled') throw AppError.conflict('NOT_RETURNABLE', 'The shipment was cancelled; there is nothing to return');

    const decision = chooseReturnCarrier({
      requested: { carrier: dto.carrier, service: dto.service },
      original: { carrier: original.carrier, service: original.service },
      from: original.shipTo.country,
      to: original.shipFrom.country,
      carriers: this.catalog.all().map((c) => ({
        id: c.id,
        origins: c.origins,
        services: c.services.map((s) => s.code),
        returns: c.returns ?? [],
        enabled: this.adapters.has(c.adapter) && this.adapters.get(c.adapter).enabled?.(c) !== false,
      })),
    });
    const problems: ErrorDetail[] = [];
    if ('problem' in decision) problems.push(decision.problem);
    const candidates = 'candidates' in decision ? decision.candidates : [];

    const id = newId('ret');
    const rma = rmaNumber();
    const now = this.clock.now();
    let items: ReturnRow['items'] = [];
    await this.db.transaction(async (tx) => {
      await this.booking.lockOriginal(tx, originalId);
      const resolved = resolveReturnItems(dto.items, original.items, await this.store.returnedQuantities(tx, originalId));
      problems.push(...resolved.problems);
      if (problems.length) throw AppError.validation(problems, 'The return cannot be made as asked');
      // A valid request that no carrier can carry: nothing to fix in the request, so not a 400.
      if ('unavailable' in decision) throw new AppError(422, 'NO_RETURN_CARRIER', 'No carrier takes returns on this lane', [decision.unavailable]);
      items = resolved.items;
      await this.store.insert(tx, {
        id,
        rma,
        original_shipment_id: originalId,
        owner_key_id: owner,
        idempotency_key: key,
        status: 'requested',
        reason: dto.reason,
        note: dto.note ?? null,
        items,
        carrier: candidates[0].carrier,
        service: candidates[0].service,
        international: original.customs.crossesBorder,
        created_at: now,
      });
    }).catch((e: unknown) => {
      if ((e as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw AppError.conflict('RETURN_IN_PROGRESS', 'A return with this Idempotency-Key is being created; retry shortly');
      }
      throw e;
    });

    let booked: BookingOutcome;
    let chosen: ReturnCandidate;
    try {
      const label = { original, items, rma, parcels: (dto.parcels as never) ?? defaultParcels(original), labelFormat: dto.labelFormat, labelSize: dto.labelSize };
      ({ booked, chosen } = await this.bookFirstThatCan(candidates, label, owner, `return:${id}`));
    } catch (e) {
      // No label, no return: the request leaves nothing behind and can simply be sent again.
      await this.db.transaction((tx) => this.store.remove(tx, id));
      throw e;
    }

    const shipment = booked.body;
    const expiresAt = new Date(this.clock.now().getTime() + this.config.RETURN_LABEL_VALID_DAYS * 86_400_000);
    await this.db.transaction(async (tx) => {
      await this.store.setState(tx, id, 'label_issued', this.clock.now(), { return_shipment_id: shipment.id, label_expires_at: expiresAt, carrier: chosen.carrier, service: chosen.service });
      await this.store.addEvent(tx, { return_id: id, status: 'requested', description: STATE_DESCRIPTIONS.requested, source: 'api', occurred_at: now });
      await this.store.addEvent(tx, {
        return_id: id,
        status: 'label_issued',
        description: `${STATE_DESCRIPTIONS.label_issued} (${chosen.carrier}${chosen.product ? `, ${chosen.product}` : ''})`,
        source: 'api',
        occurred_at: this.clock.now(),
      });
      const row = (await this.store.find(tx, id))!;
      await this.outbox.publish(tx, 'return.created', originalId, this.payload(row, null, shipment));
      await this.jobs.send(RETURN_EXPIRY_QUEUE, { returnId: id }, { startAfterSeconds: this.config.RETURN_LABEL_VALID_DAYS * 86_400 + 60 }, tx);
    });
    this.logger.log(`return ${id} of ${originalId}: label ${shipment.id} with ${chosen.carrier}/${chosen.service} (${chosen.why}${chosen.product ? `, ${chosen.product}` : ''})`);
    return { ...(await this.get(id)), shipment };
  }

  /**
   * Books the label with the first candidate whose service can take the parcel. A candidate that
   * refuses it (rating excludes the service: weight, size, contents; or the carrier refuses the
   * booking) gives way to the next, since nothing was bought; any other failure ends the attempt.
   * When every candidate refuses, the answer is a 422 with each one's reason (a single candidate's
   * own error when there was only one, e.g. the carrier asked for).
   */
  private async bookFirstThatCan(
    candidates: ReturnCandidate[],
    label: Omit<ReturnLabelRequest, 'carrier' | 'service'>,
    owner: string,
    idempotencyKey: string,
  ): Promise<{ booked: BookingOutcome; chosen: ReturnCandidate }> {
    const refusals: { candidate: ReturnCandidate; error: AppError }[] = [];
    for (const candidate of candidates) {
      try {
        const booked = await this.booking.book({ ...label, carrier: candidate.carrier, service: candidate.service }, owner, idempotencyKey);
        return { booked, chosen: candidate };
      } catch (e) {
        if (!(e instanceof AppError && e.status === 422 && REFUSALS.has(e.code))) throw e;
        refusals.push({ candidate, error: e });
      }
    }
    if (refusals.length === 1) throw refusals[0].error;
    throw new AppError(
      422,
      'NO_RETURN_CARRIER',
      'No carrier that takes returns on this lane can carry this parcel',
      refusals.map(({ candidate, error }) => {
        const code = error.details[0]?.message;
        return { path: 'carrier', message: `${candidate.carrier}/${candidate.service}: ${error.message}${code && code !== error.message ? ` (${code})` : ''}` };
      }),
    );
  }

  async get(id: string): Promise<ReturnView> {
    const row = await this.store.find(this.db.manager, id);
    if (!row) throw AppError.notFound('Return');
    const events = (await this.store.events(this.db.manager, [id])).get(id) ?? [];
    return view(row, events);
  }

  async listForShipment(shipmentId: string): Promise<ReturnView[]> {
    if (!(await this.booking.original(shipmentId))) throw AppError.notFound('Shipment');
    const rows = await this.store.listForShipment(this.db.manager, shipmentId);
    const events = await this.store.events(this.db.manager, rows.map((r) => r.id));
    return rows.map((r) => view(r, events.get(r.id) ?? []));
  }

  /** Checked in at the warehouse (from any state after the label). */
  receive(id: string, note?: string): Promise<ReturnView> {
    return this.move(id, 'received', note ? `${STATE_DESCRIPTIONS.received}: ${note}` : STATE_DESCRIPTIONS.received, 'api');
  }

  close(id: string, resolution: string, note?: string): Promise<ReturnView> {
    return this.move(id, 'closed', `${STATE_DESCRIPTIONS.closed} (${resolution.replace('_', ' ')})${note ? `: ${note}` : ''}`, 'api', { resolution });
  }

  /** Cancels the return and voids its label (refused once the carrier has the parcel). */
  async cancel(id: string): Promise<ReturnView> {
    const row = await this.store.find(this.db.manager, id);
    if (!row) throw AppError.notFound('Return');
    if (row.status === 'cancelled') return this.get(id);
    if (!canMove(row.status, 'cancelled')) throw AppError.conflict('RETURN_NOT_CANCELLABLE', `The return is ${row.status.replace(/_/g, ' ')}; it can no longer be cancelled`);
    if (row.return_shipment_id) {
      try {
        await this.booking.cancel(row.return_shipment_id);
      } catch (e) {
        if (e instanceof AppError && e.status === 409) throw AppError.conflict('RETURN_NOT_CANCELLABLE', `The return label can no longer be voided: ${e.message}`);
        throw e;
      }
    }
    return this.move(id, 'cancelled', STATE_DESCRIPTIONS.cancelled, 'api');
  }

  private async move(id: string, to: ReturnState, description: string, source: string, extra: { resolution?: string } = {}): Promise<ReturnView> {
    await this.db.transaction(async (tx) => {
      const row = await this.store.find(tx, id, true);
      if (!row) throw AppError.notFound('Return');
      if (row.status === to) return;
      if (!canMove(row.status, to)) throw AppError.conflict('RETURN_STATE_CONFLICT', `A return that is ${row.status.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}`);
      await this.transition(tx, row, to, description, source, extra);
    });
    return this.get(id);
  }

  private async transition(tx: EntityManager, row: ReturnRow, to: ReturnState, description: string, source: string, extra: { resolution?: string } = {}): Promise<void> {
    const now = this.clock.now();
    await this.store.setState(tx, row.id, to, now, extra);
    await this.store.addEvent(tx, { return_id: row.id, status: to, description, source, occurred_at: now });
    await this.outbox.publish(tx, 'return.updated', row.original_shipment_id, this.payload({ ...row, status: to, resolution: extra.resolution ?? row.resolution }, row.status));
  }

  /** The return shipment's tracking moved: the return follows (in the tracking transaction). */
  private async followTracking(tx: EntityManager, change: StatusChange): Promise<void> {
    if (!change.tracker.shipment_id) return;
    const row = await this.store.findByReturnShipment(tx, change.tracker.shipment_id);
    if (!row) return;
    const to = stateFromTracking(row.status, change.current.status);
    if (!to) return;
    const where = change.statusEvent?.city ? ` (${change.statusEvent.city}${change.statusEvent.country ? `, ${change.statusEvent.country}` : ''})` : '';
    await this.transition(tx, row, to, `${STATE_DESCRIPTIONS[to]}${where}`, 'tracking');
  }

  /** A label not used within its validity expires (and is voided when the carrier allows it). */
  async expire(id: string): Promise<void> {
    const row = await this.store.find(this.db.manager, id);
    if (!row || (row.status !== 'label_issued' && row.status !== 'requested')) return;
    if (row.label_expires_at && new Date(row.label_expires_at).getTime() > this.clock.now().getTime()) {
      await this.jobs.send(RETURN_EXPIRY_QUEUE, { returnId: id }, { startAfterSeconds: Math.ceil((new Date(row.label_expires_at).getTime() - this.clock.now().getTime()) / 1000) + 60 });
      return;
    }
    const moved = await this.db.transaction(async (tx) => {
      const locked = await this.store.find(tx, id, true);
      if (!locked || !canMove(locked.status, 'expired')) return false;
      await this.transition(tx, locked, 'expired', STATE_DESCRIPTIONS.expired, 'system');
      return true;
    });
    // Expired first, then voided: the void's own tracking event must not turn the return into "cancelled".
    if (moved && row.return_shipment_id) {
      await this.booking.cancel(row.return_shipment_id).catch((e: Error) => this.logger.warn(`could not void expired return label ${row.return_shipment_id}: ${e.message}`));
    }
  }

  /** Returns of a shipment for its timeline (see TrackingReadService). */
  private async summaries(shipmentId: string): Promise<ReturnSummary[]> {
    const rows = await this.store.listForShipment(this.db.manager, shipmentId);
    if (!rows.length) return [];
    const events = await this.store.events(this.db.manager, rows.map((r) => r.id));
    const numbers: { id: string; tracking_number: string }[] = await this.db.query(`SELECT id, tracking_number FROM shipment WHERE id = ANY($1)`, [rows.map((r) => r.return_shipment_id).filter(Boolean)]);
    const byId = new Map(numbers.map((n) => [n.id, n.tracking_number]));
    return rows.map((r) => ({
      id: r.id,
      rma: r.rma,
      status: r.status,
      reason: r.reason,
      shipmentId: r.return_shipment_id,
      trackingNumber: r.return_shipment_id ? (byId.get(r.return_shipment_id) ?? null) : null,
      carrier: r.carrier,
      createdAt: new Date(r.created_at).toISOString(),
      events: (events.get(r.id) ?? []).map((e) => ({ status: e.status, description: e.description, occurredAt: new Date(e.occurred_at).toISOString() })),
    }));
  }

  private async findByKey(originalId: string, idempotencyKey: string, requestHash: string): Promise<ReturnView | undefined> {
    const rows: ReturnRow[] = await this.db.query(`SELECT * FROM customer_return WHERE original_shipment_id = $1 AND split_part(idempotency_key, '#', 1) = $2`, [originalId, idempotencyKey]);
    const row = rows[0];
    if (!row) return undefined;
    if (row.idempotency_key !== `${idempotencyKey}#${requestHash}`) {
      throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different return request', [{ path: 'Idempotency-Key', message: 'use a new key for a new request' }]);
    }
    if (row.status === 'requested') throw AppError.conflict('RETURN_IN_PROGRESS', 'A return with this Idempotency-Key is being created; retry shortly');
    const shipment = row.return_shipment_id ? await this.booking.view(row.return_shipment_id) : undefined;
    return { ...(await this.get(row.id)), ...(shipment ? { shipment } : {}) };
  }

  private payload(row: ReturnRow, previous: ReturnState | null, shipment?: ShipmentView): Record<string, unknown> {
    return {
      returnId: row.id,
      rma: row.rma,
      status: row.status,
      previousStatus: previous,
      reason: row.reason,
      resolution: row.resolution,
      originalShipmentId: row.original_shipment_id,
      returnShipmentId: row.return_shipment_id ?? shipment?.id ?? null,
      carrier: row.carrier,
      trackingNumber: shipment?.trackingNumber ?? null,
      items: row.items.map((i) => ({ line: i.line, sku: i.sku ?? null, quantity: i.quantity })),
    };
  }
}

/** `RMA-` and 8 Crockford characters (40 random bits), easy to read out on the phone. */
function rmaNumber(): string {
  const bytes = createHash('sha256').update(newId('rma')).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += CROCKFORD[bytes[i] % 32];
  return `RMA-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** One parcel like the original's first: the goods go back in the box they came in. */
function defaultParcels(original: { parcels: { weightKg: number; lengthCm?: number; widthCm?: number; heightCm?: number }[] }) {
  const p = original.parcels[0];
  return [
    {
      weight: { value: p.weightKg, unit: 'kg' },
      ...(p.lengthCm && p.widthCm && p.heightCm ? { dimensions: { length: p.lengthCm, width: p.widthCm, height: p.heightCm, unit: 'cm' } } : {}),
    },
  ];
}

function view(r: ReturnRow, events: ReturnEventRow[]): ReturnView {
  return {
    id: r.id,
    rma: r.rma,
    status: r.status,
    reason: r.reason,
    note: r.note,
    items: r.items.map((i) => ({ line: i.line, sku: i.sku ?? null, description: i.description, quantity: i.quantity, reason: i.reason ?? null })),
    originalShipmentId: r.original_shipment_id,
    returnShipmentId: r.return_shipment_id,
    carrier: r.carrier,
    service: r.service,
    international: r.international,
    resolution: r.resolution,
    labelExpiresAt: r.label_expires_at ? new Date(r.label_expires_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    history: events.map((e) => ({ status: e.status, description: e.description, source: e.source, occurredAt: new Date(e.occurred_at).toISOString() })),
  };
}
