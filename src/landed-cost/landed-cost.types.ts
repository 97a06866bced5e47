import type { ImporterSpec, Incoterm, ItemSpec } from '../carriers/shipment-spec';
import type { Money } from '../money/money';

/**
 * What the landed-cost engine needs to estimate duties, taxes and fees. The same input serves
 * `POST /v1/landed-cost` and every quote option (the rating engine fills `shipping` with the option's
 * price and `carrierFees` from the carrier definition).
 */
export interface LandedCostInput {
  shipFrom: { country: string; region?: string; postalCode?: string };
  shipTo: { country: string; region?: string; postalCode?: string };
  items: LandedCostItem[];
  /** Transport cost to the destination (CIF valuation and tax bases include it where the rules say). */
  shipping?: Money;
  insurance?: Money;
  incoterm: Incoterm;
  /** Currency of the answer. */
  currency: string;
  mode: 'courier' | 'postal';
  /** ISO date whose rules and exchange rates apply. */
  date: string;
  /** Rates the caller wants used instead of the table (B2B merchants may have their own). */
  exchangeRates?: { from: string; to: string; rate: string }[];
  importer?: ImporterSpec;
  /** Seller registrations that switch on collection at sale: `eu_ioss`, `uk_vat`, `au_gst`, `no_voec`, `sg_ovr`, ... */
  sellerRegistrations?: string[];
  /** The carrier's charges for collecting duties: a DDP fee (seller pays) and a disbursement fee (DAP, recipient pays). */
  carrierFees?: {
    ddpFee?: Money;
    disbursementFee?: { percent?: number; minimum?: Money; flat?: Money };
  };
}

/**
 * An item as the engine sees it: the shipment item plus what specific duties may need (volume and
 * alcohol strength for drinks). `unitWeightKg` is the net weight per unit.
 */
export interface LandedCostItem extends ItemSpec {
  unitVolumeLitres?: number;
  alcoholPercent?: number;
}

export type Confidence = 'exact' | 'estimated' | 'range' | 'unknown';

export interface LandedCostLine {
  /** Index of the item in the input, or null for consignment-level lines (fees, flat duties). */
  itemIndex: number | null;
  /** `duty`, `additional_duty`, `vat`, `gst`, `excise`, `fee`, ... */
  component: string;
  description: string;
  /** The amount the rate was applied to, with what it is made of. */
  base?: { amount: Money; composition: string[] };
  /** `12%`, `3.50 EUR/100 kg`, `8% MIN 2.00 EUR/item`, ... */
  rate: string;
  amount: Money;
  ruleId: string;
  source: string;
  /** Present when only HS6 was given and national lines under it differ. */
  range?: { min: Money; max: Money; strategy: string };
  /** The amount in the currency customs works in, before conversion to the answer's currency. */
  customsAmount?: Money;
  /** Tax collected by the seller at checkout rather than at the border. */
  collectedAtSale?: boolean;
  /** Who pays this line: the seller (DDP, collected at sale) or the recipient (DAP). */
  payer?: 'sender' | 'recipient';
  /** Why the amount is less than certain. */
  notes?: string[];
}

export interface DeMinimisDecision {
  /** `duty` or `tax` */
  kind: string;
  threshold: Money;
  /** Threshold in the currency the value was compared in, at the rate customs uses. */
  convertedThreshold: Money;
  comparedValue: Money;
  /** What was compared: `intrinsic_value`, `consignment_value`, `duty_amount`, ... */
  basis: string;
  exempt: boolean;
  ruleId: string;
  exchangeRate?: string;
}

export interface LandedCostResult {
  currency: string;
  duties: { total: Money; lines: LandedCostLine[] };
  taxes: { total: Money; lines: LandedCostLine[] };
  fees: { total: Money; lines: LandedCostLine[] };
  /** Every line, whoever pays it and whenever: duties, taxes (those collected at checkout included) and fees. */
  total: Money;
  /**
   * Who pays what is charged at import: the seller folds it into the price (DDP) or the recipient pays
   * it on delivery (DAP). Lines collected at checkout are the seller's whatever the incoterm; what is
   * left for the door is `dueOnDelivery`.
   */
  payer: 'sender' | 'recipient';
  /**
   * What the recipient pays on delivery: the sum of the lines whose payer is the recipient (DAP), never
   * a line collected at checkout. Zero with DDP, and zero with DAP when the seller collected the tax
   * and nothing else is charged at import (UK VAT up to GBP 135).
   */
  dueOnDelivery: Money;
  /** The sum of the lines collected by the seller at checkout (`collectedAtSale`): part of the checkout price, not due on delivery. */
  collectedAtCheckout: Money;
  deMinimis: DeMinimisDecision[];
  /** Tax is collected by the seller at checkout (IOSS, UK VAT, AU GST, VOEC, SG OVR). */
  collectedAtSale: boolean;
  confidence: Confidence;
  range?: { min: Money; max: Money };
  rulesUsed: { id: string; source: string; validFrom: string }[];
  exchangeRatesUsed: { from: string; to: string; rate: string; date: string; source: string }[];
  warnings: string[];
  /** The destination's customs currency and the totals in it (what customs assesses). */
  customs: { currency: string; valuationBasis: 'CIF' | 'FOB'; customsValue: Money; duties: Money; taxes: Money; fees: Money; total: Money };
  /** How a range of possible rates was turned into one figure (`highest`: the dearest line, safe for DDP). */
  rangeStrategy?: string;
}
