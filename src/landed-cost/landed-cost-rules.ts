import type { Money } from '../money/money';
import type { DutyExpression } from './duty-expression';

/**
 * Landed-cost rules as they are held in memory after `tariffs/` is loaded and validated. Every record
 * is effective-dated (`validFrom`, optional `validTo`, both inclusive ISO dates) and cites its source;
 * the engine only uses records in force on the request's date.
 */
export interface RuleRecordBase {
  id: string;
  validFrom: string;
  validTo?: string;
  source: string;
  retrievedAt?: string;
  note?: string;
  /** In a file covering several countries (the EU), the members the record applies to; all when absent. */
  countries?: string[];
}

/** Who and what a record applies to; every listed condition must hold. */
export interface RuleConditions {
  shipFrom?: string[];
  shipFromNot?: string[];
  /** Origin of the goods (per item where the rule is per item, else every item). */
  origins?: string[];
  originsNot?: string[];
  mode?: ('courier' | 'postal')[];
  importerTypes?: ('consumer' | 'business')[];
  /** Any one of these seller registrations switches the record on. */
  registrations?: string[];
}

/**
 * What a threshold is compared with:
 * `intrinsic_value` the goods of the consignment; `customs_value` the duty base of the consignment (CIF
 * or FOB per the valuation rule); `item_value` each line on its own; `duty_amount` / `tax_amount` /
 * `duty_and_tax_amount` the amounts computed (Switzerland waives amounts up to CHF 5).
 */
export type ValueBasis = 'intrinsic_value' | 'customs_value' | 'item_value' | 'duty_amount' | 'tax_amount' | 'duty_and_tax_amount';

export type TaxBaseComponent = 'customs_value' | 'intrinsic_value' | 'shipping' | 'insurance' | 'duty' | 'fees';

export interface Threshold {
  threshold: Money;
  basis: ValueBasis;
  /** `true`: values equal to the threshold are inside (`<=`); `false`: strictly below (`<`). */
  inclusive: boolean;
}

export interface ValuationRule extends RuleRecordBase {
  type: 'valuation';
  basis: 'CIF' | 'FOB';
}

/**
 * Which day's rate customs converts at: `date` the request date (export/shipment date), `previous_day`
 * the last table before it, `ecb_penultimate_wednesday` the ECB rate of the penultimate Wednesday of the
 * previous month (EU, UCC IA Art. 146), `hmrc_penultimate_thursday` the penultimate Thursday of the previous
 * month (HMRC monthly rates), `monthly_first_day` a table fixed on the first of the month.
 */
export interface CustomsRateRule extends RuleRecordBase {
  type: 'customs_exchange_rate';
  method: 'date' | 'previous_day' | 'ecb_penultimate_wednesday' | 'hmrc_penultimate_thursday' | 'monthly_first_day';
}

export interface DeMinimisRule extends RuleRecordBase, Threshold {
  type: 'de_minimis';
  applies: ('duty' | 'tax')[];
  conditions?: RuleConditions;
}

/** Low-value regimes where the seller collects the tax at checkout (IOSS, UK <= GBP 135, AU, VOEC, SG OVR). */
export interface CollectedAtSaleRule extends RuleRecordBase, Threshold {
  type: 'collected_at_sale';
  conditions: RuleConditions;
  /** Duty is not charged either (AU low-value goods, NO VOEC). */
  exemptDuty: boolean;
  /** What the seller's tax is charged on. */
  taxBase: TaxBaseComponent[];
}

/** A fixed duty replacing the tariff for qualifying consignments (EU EUR 3 per distinct subheading). */
export interface FlatDutyRule extends RuleRecordBase, Threshold {
  type: 'flat_duty';
  name: string;
  amount: Money;
  per: 'distinct_subheading' | 'consignment' | 'item_line';
  conditions?: RuleConditions;
  /** Lines whose preference is claimed keep the tariff (and its preference) instead. */
  skipPreferenceClaimed: boolean;
}

/** Duties added by origin and product on top of the tariff (US chapter 99: 232, 301, 122, IEEPA). */
export interface AdditionalDutyRule extends RuleRecordBase {
  type: 'additional_duty';
  name: string;
  /** The legal heading, e.g. `9903.88.03`. */
  heading: string;
  /** Layer family used by stacking rules: `section_232`, `section_301`, `section_122`, `ieepa_reciprocal`. */
  layer: string;
  rate: DutyExpression;
  /** HS prefixes covered (`*` for every product) and excluded. */
  hs: string[];
  hsNot?: string[];
  conditions?: RuleConditions;
  /** `additive`: on top of everything; `top_up_to`: brings tariff + this layer up to the rate (EU-US 15% all-in). */
  stacking: 'additive' | 'top_up_to';
  /** Layers whose presence on the same line switches this one off (non-stacking with 232). */
  notWith?: string[];
}

/** A duty computed on the duty itself (India's Social Welfare Surcharge: 10% of basic customs duty). */
export interface DutySurchargeRule extends RuleRecordBase {
  type: 'duty_surcharge';
  name: string;
  percentOfDuty: number;
  conditions?: RuleConditions;
}

/**
 * A simplified regime with one rate on the consignment value, by value band (BR Remessa Conforme,
 * MX courier regime). `replaces` says whether it stands in for the duty, the tax, or both.
 */
export interface SimplifiedRegimeRule extends RuleRecordBase {
  type: 'simplified_regime';
  name: string;
  component: string;
  basis: ValueBasis;
  bands: { upTo?: Money; percent: number; deduction?: Money }[];
  replaces: ('duty' | 'tax')[];
  conditions?: RuleConditions;
}

export interface TaxRule extends RuleRecordBase {
  type: 'tax';
  /** `vat`, `gst`, `hst`, `icms`, `igst`, `consumption_tax`, ... */
  tax: string;
  base: TaxBaseComponent[];
  /** Tax included in its own base ("por dentro", Brazil's ICMS): base = sum / (1 - rate). */
  inclusive?: boolean;
  /** A fixed rate; without it the VAT table gives the product's rate (standard or reduced by HS). */
  percent?: number;
  /** Which rate rows of the VAT table to use (default: the record's `tax`). */
  rateTax?: string;
  conditions?: RuleConditions;
}

export interface FeeRule extends RuleRecordBase {
  type: 'fee';
  name: string;
  /** A flat amount per unit of `per`, or a percent of the basis with optional minimum and maximum. */
  amount?: Money;
  percent?: number;
  minimum?: Money;
  maximum?: Money;
  per: 'consignment' | 'distinct_subheading' | 'item_line';
  /** The value the percent applies to and the band conditions compare. */
  basis: ValueBasis;
  /** Applies only when the basis value is above this (exclusive) / at most this (inclusive). */
  above?: Money;
  atMost?: Money;
  /** Included in the VAT base (a customs fee usually is). */
  taxable: boolean;
  conditions?: RuleConditions;
}

/** A note the engine attaches when products under these HS prefixes are in the cart. */
export interface WarningRule extends RuleRecordBase {
  type: 'warning';
  hs: string[];
  message: string;
  conditions?: RuleConditions;
}

export type RuleRecord =
  | ValuationRule
  | CustomsRateRule
  | DeMinimisRule
  | CollectedAtSaleRule
  | FlatDutyRule
  | AdditionalDutyRule
  | DutySurchargeRule
  | SimplifiedRegimeRule
  | TaxRule
  | FeeRule
  | WarningRule;

/** The rules of one destination file: a country, or a union of countries sharing rules (the EU). */
export interface DestinationRules {
  id: string;
  name: string;
  countries: string[];
  /** Duty schedule folder under `tariffs/duty/` (none: duty is unknown). */
  schedule?: string;
  /** Currency customs works in, per country when members differ (else the country's own). */
  currency?: string;
  /** File the rules came from, for explanations. */
  file: string;
  records: RuleRecord[];
}

/** One national tariff line, or a preferential rate when `origins` is set. */
export interface TariffLine {
  /** 2 to 10 digits; the line applies to every national code starting with it. */
  code: string;
  expression: DutyExpression;
  validFrom: string;
  validTo?: string;
  /** ISO origins a preference covers (empty for the general/MFN rate). */
  origins: string[];
  program?: string;
  description?: string;
  source: string;
  file: string;
  line: number;
}

/** One VAT/GST rate: the standard rate of a country (or region) or a reduced rate for HS prefixes. */
export interface TaxRateRow {
  country: string;
  region?: string;
  tax: string;
  kind: 'standard' | 'reduced' | 'zero';
  percent: number;
  /** HS prefixes the reduced rate is for. */
  hs: string[];
  validFrom: string;
  validTo?: string;
  source: string;
}

export function inForce(r: { validFrom: string; validTo?: string }, date: string): boolean {
  return r.validFrom <= date && (r.validTo === undefined || date <= r.validTo);
}

export function ruleRef(r: RuleRecordBase): { id: string; source: string; validFrom: string } {
  return { id: r.id, source: r.source, validFrom: r.validFrom };
}
