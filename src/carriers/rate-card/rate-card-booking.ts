import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingRequest, BookingResult, CallContext } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { RateCardCarrier } from './rate-card-definition';
import { issueTrackingNumber, TrackingNumberSpec, trackingSpecProblems } from './tracking-numbers';

/**
 * Books shipments with rate-card carriers, which have no API: the booking is ours to record. It issues
 * one tracking number per parcel in the format of the service's (or the carrier's) `trackingNumber`
 * block, with serials from the PostgreSQL sequence `tracking_number_serial` (never reused, shared by
 * every instance). Labels are rendered by the shipments service from the stored shipment.
 *
 * Idempotent like a carrier API with idempotency keys: `rate_card_booking` keeps the numbers issued per
 * key, so a retry after a crash gets the same numbers instead of a second booking.
 */
@Injectable()
export class RateCardBooking {
  constructor(private readonly db: DataSource) {}

  async book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    if (ctx.signal.aborted) throw new CarrierError(carrier.id, 'TIMEOUT', 'the time budget was spent before booking started');
    const spec = trackingSpecFor(carrier, request.service);
    const key = `${carrier.id}:${request.idempotencyKey}`;
    const existing = await this.db.query(`SELECT tracking_numbers, cancelled_at FROM rate_card_booking WHERE idempotency_key = $1`, [key]);
    if (existing.length) return this.result(existing[0].tracking_numbers);

    const serials: { serial: string }[] = await this.db.query(
      `SELECT nextval('tracking_number_serial')::text AS serial FROM generate_series(1, $1::int)`,
      [request.parcels.length],
    );
    const numbers = serials.map((s) => issueTrackingNumber(spec, BigInt(s.serial)));
    // A concurrent call with the same key may have won the insert: then its numbers are the booking.
    const inserted = await this.db.query(
      `INSERT INTO rate_card_booking (idempotency_key, carrier, service, tracking_numbers) VALUES ($1, $2, $3, $4)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING tracking_numbers`,
      [key, carrier.id, request.service, numbers],
    );
    if (inserted.length) return this.result(inserted[0].tracking_numbers);
    const winner = await this.db.query(`SELECT tracking_numbers FROM rate_card_booking WHERE idempotency_key = $1`, [key]);
    return this.result(winner[0].tracking_numbers);
  }

  /** Voids the numbers: nothing is charged by a rate-card carrier before it scans the parcel. */
  async cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, _ctx: CallContext): Promise<void> {
    await this.db.query(
      `UPDATE rate_card_booking SET cancelled_at = now() WHERE carrier = $1 AND $2 = ANY (tracking_numbers) AND cancelled_at IS NULL`,
      [carrier.id, booking.trackingNumber],
    );
  }

  private result(numbers: string[]): BookingResult {
    return { trackingNumber: numbers[0], parcels: numbers.map((trackingNumber) => ({ trackingNumber })) };
  }
}

/** The tracking-number format of a service: its own block, else the carrier's. */
export function trackingSpecFor(carrier: CarrierDefinition, service: string): TrackingNumberSpec {
  const svc = (carrier as RateCardCarrier).services.find((s) => s.code === service);
  const spec = (svc?.trackingNumber ?? carrier.trackingNumber) as TrackingNumberSpec | undefined;
  if (!spec) throw new CarrierError(carrier.id, 'INVALID_REQUEST', `carrier ${carrier.id} has no trackingNumber format in carrier.yaml`);
  const problems = trackingSpecProblems(spec);
  if (problems.length) throw new CarrierError(carrier.id, 'INVALID_REQUEST', `trackingNumber of ${carrier.id}: ${problems.map((p) => p.message).join('; ')}`);
  return spec;
}
