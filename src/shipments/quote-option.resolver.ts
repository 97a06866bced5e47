import type { ChargeLine } from '../carriers/carrier-adapter';
import type { ShipmentSpec } from '../carriers/shipment-spec';
import type { Money } from '../money/money';

/** A quoted option, as booking needs it to honour the quoted price. */
export interface ResolvedQuoteOption {
  quoteId: string;
  optionId: string;
  expiresAt: Date;
  carrier: string;
  service: string;
  serviceName: string;
  /** The shipment as it was quoted (addresses may be partial: country, postal code, city). */
  shipment: ShipmentSpec;
  /** The price to charge, in the quote's currency. */
  currency: string;
  charges: ChargeLine[];
  total: Money;
  /** Duties and taxes as quoted (the API's `dutiesAndTaxes` object), if any. */
  dutiesAndTaxes: unknown;
  zone?: string;
  /** What the adapter needs to book exactly this price (passed on to `BookingRequest.bookingRef`). */
  bookingRef?: Record<string, unknown>;
}

export type QuoteResolution = { option: ResolvedQuoteOption } | { error: 'quote_not_found' | 'option_not_found' | 'quote_expired'; expiresAt?: Date };

/**
 * Finds a stored quote's option for booking. The rating room owns quotes and provides this under
 * `QUOTE_OPTION_RESOLVER`; shipments only depend on this interface.
 */
export interface QuoteOptionResolver {
  resolve(quoteId: string, optionId: string, now: Date): Promise<QuoteResolution>;
}

export const QUOTE_OPTION_RESOLVER = Symbol('QUOTE_OPTION_RESOLVER');
