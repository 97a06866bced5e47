import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';

/**
 * Books shipments with rate-card carriers: issues tracking numbers in the format of the carrier's
 * `trackingNumber` block and renders the label. `RateCardAdapter.book()`/`cancel()` delegate here.
 *
 * Seam: booking is built separately; until it is, both calls refuse with INVALID_REQUEST.
 */
@Injectable()
export class RateCardBooking {
  async book(carrier: CarrierDefinition, _request: BookingRequest, _ctx: CallContext): Promise<BookingResult> {
    throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'booking not available');
  }

  async cancel(carrier: CarrierDefinition, _booking: { trackingNumber: string; carrierShipmentId?: string }, _ctx: CallContext): Promise<void> {
    throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'booking not available');
  }
}
