import type { ChargeLine, ExclusionReason } from '../carriers/carrier-adapter';
import type { Incoterm, ShipmentSpec } from '../carriers/shipment-spec';
import type { LandedCostLine } from '../landed-cost/landed-cost.types';
import type { Money } from '../money/money';
import type { QuoteCharge } from './option-pricing';
import type { Tag } from './option-ranking';
import type { QuoteSort } from './quote-request.dto';

/** A duty, tax or fee line as a quote shows it: the rule by id (its source is listed once in the quote's `dutyRules`). */
export type QuoteDutyLine = Omit<LandedCostLine, 'source'>;

export interface DutyRuleRef {
  id: string;
  source: string;
  validFrom: string;
}

export interface DutiesAndTaxesView {
  /** Every line, whoever pays it: duties, taxes (those collected at checkout included) and fees. */
  total: Money;
  /** Who pays the border charges: the sender (DDP, in the price) or the recipient (DAP, on delivery). */
  payer: 'sender' | 'recipient';
  /** What the recipient pays on delivery: the lines they pay at import (DAP), never tax collected at checkout. */
  dueOnDelivery: Money;
  /** Tax the seller collects at checkout (lines `collectedAtSale`): in `landedCost`, not due on delivery. */
  collectedAtCheckout: Money;
  confidence: string;
  duties: Money;
  taxes: Money;
  fees: Money;
  lines: QuoteDutyLine[];
  deMinimis: unknown[];
  /** Tax collected by the seller at checkout (IOSS, UK VAT, ...): part of the landed cost even with DAP. */
  collectedAtSale: boolean;
  range?: { min: Money; max: Money };
  warnings: string[];
}

/** Duties and taxes with each line's source and the rules used: self-contained, for a booking to keep. */
export interface DutiesAndTaxesRecord extends Omit<DutiesAndTaxesView, 'lines'> {
  lines: LandedCostLine[];
  rulesUsed: DutyRuleRef[];
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
  /** What the buyer pays at checkout: shipping, plus duties and taxes with DDP; with DAP plus only `dutiesAndTaxes.collectedAtCheckout`. */
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
  /** The duty, tax and fee rules the options' lines name by `ruleId`, with their sources. */
  dutyRules: DutyRuleRef[];
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
  option: PricedOption;
}

/**
 * One carrier service's option with what booking needs; its duties and taxes carry their sources
 * (self-contained), unlike the quote's compact view.
 */
export type PricedOption = Omit<QuoteOptionView, 'dutiesAndTaxes'> & { dutiesAndTaxes: DutiesAndTaxesRecord } & OptionBookingData;
