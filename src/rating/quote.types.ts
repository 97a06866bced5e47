import type { ChargeLine, ExclusionReason } from '../carriers/carrier-adapter';
import type { Incoterm, ShipmentSpec } from '../carriers/shipment-spec';
import type { LandedCostLine } from '../landed-cost/landed-cost.types';
import type { Money } from '../money/money';
import type { QuoteCharge } from './option-pricing';
import type { Tag } from './option-ranking';
import type { QuoteSort } from './quote-request.dto';

export interface DutiesAndTaxesView {
  total: Money;
  /** Who pays the border charges: the sender (DDP, in the price) or the recipient (DAP, on delivery). */
  payer: 'sender' | 'recipient';
  confidence: string;
  duties: Money;
  taxes: Money;
  fees: Money;
  lines: LandedCostLine[];
  deMinimis: unknown[];
  /** Tax collected by the seller at checkout (IOSS, UK VAT, ...): part of the landed cost even with DAP. */
  collectedAtSale: boolean;
  range?: { min: Money; max: Money };
  rulesUsed: { id: string; source: string; validFrom: string }[];
  warnings: string[];
}

export interface QuoteOptionView {
  id: string;
  carrier: string;
  carrierName: string;
  service: string;
  serviceName: string;
  tracked: boolean;
  shipping: { total: Money; charges: QuoteCharge[] };
  dutiesAndTaxes: DutiesAndTaxesView;
  /** What the buyer pays at checkout: shipping, plus duties and taxes with DDP. */
  landedCost: Money;
  transit: { minDays: number; maxDays: number };
  /** Day the carrier takes the parcel (after the cut-off, weekends and holidays of the origin). */
  pickupDate: string;
  estimatedDelivery: { earliest: string; latest: string; holidays: { date: string; country: string; name?: string }[] };
  tags: Tag[];
  /** Best-value score between 0 and 1 (see the API docs); options are sorted by it with `sort: best_value`. */
  score: number;
}

export interface UnavailableView {
  carrier: string;
  service: string;
  reason: ExclusionReason;
  message: string;
}

export interface QuoteView {
  id: string;
  createdAt: string;
  expiresAt: string;
  currency: string;
  incoterm: Incoterm;
  sort: QuoteSort;
  shipDate: string;
  customerId: string | null;
  options: QuoteOptionView[];
  unavailable: UnavailableView[];
  /** Rates used to bring carrier prices into the quote currency. */
  exchangeRates: { from: string; to: string; rate: string; date: string; source: string }[];
}

/** What booking needs beyond the option as shown, to honour its price exactly. */
export interface OptionBookingData {
  carrierPrice: { currency: string; charges: ChargeLine[] };
  exchangeRate: { rate: string; date: string; source: string };
  pricingRuleId: string | null;
  zone?: string;
  chargeableWeightKg?: number;
  bookingRef?: Record<string, unknown>;
}

/** A quote option resolved for booking (see `QuoteService.resolveOption`). */
export interface ResolvedQuoteOption {
  quoteId: string;
  expiresAt: Date;
  currency: string;
  incoterm: Incoterm;
  customerId: string | null;
  /** The shipment as quoted, normalised (kg, cm). */
  shipment: ShipmentSpec;
  option: QuoteOptionView & OptionBookingData;
}

/** One carrier service priced for a shipment without storing a quote (direct bookings). */
export type PricedOption = QuoteOptionView & OptionBookingData;
