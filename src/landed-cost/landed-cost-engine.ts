import { ExchangeRateUnavailableError, type ExchangeRate, type RateSource } from '../money/exchange-rates';
import { roundAmount, type CurrencyTable, type Money } from '../money/money';
import type { ErrorDetail } from '../platform/errors/app-error';
import { AppError } from '../platform/errors/app-error';
import type { Country } from '../tariffs/reference-data';
import type { HsNomenclature } from '../tariffs/hs-nomenclature';
import { territoryOf } from '../documents/customs/customs-document-rules';
import type { CustomsTerritory } from '../documents/customs/customs-rules';
import { customsRateDate } from './customs-rate-date';
import { adValoremPercent, evaluateDuty } from './duty-expression';
import type { LandedCostRules } from './landed-cost-rule-set';
import {
  inForce,
  ruleRef,
  type AdditionalDutyRule,
  type CollectedAtSaleRule,
  type CustomsRateRule,
  type DeMinimisRule,
  type DestinationRules,
  type DutySurchargeRule,
  type FeeRule,
  type FlatDutyRule,
  type RuleConditions,
  type RuleRecord,
  type RuleRecordBase,
  type SimplifiedRegimeRule,
  type TaxBaseComponent,
  type TaxRule,
  type ValuationRule,
  type ValueBasis,
  type WarningRule,
} from './landed-cost-rules';
import type { TariffLine } from './landed-cost-rules';
import type { Confidence, DeMinimisDecision, LandedCostInput, LandedCostLine, LandedCostResult } from './landed-cost.types';

/** What the engine reads besides the request: rules, rates and reference data, all in memory. */
export interface LandedCostContext {
  rules: LandedCostRules;
  /** Exchange rates with the caller's own rates already laid over the table. */
  rates: RateSource;
  currencies: CurrencyTable;
  hs: HsNomenclature;
  countries: ReadonlyMap<string, Country>;
  /** Days after which an exchange-rate table is called stale in a warning. */
  staleRateDays?: number;
  /**
   * Areas goods move in without customs (the EU customs union and VAT area, with its special parts):
   * between two addresses in one of them there is no import, so no duty, import tax or customs fee.
   */
  territories?: CustomsTerritory[];
}

/** How many days an exchange-rate table may be older than the request before the answer warns. */
const DEFAULT_STALE_RATE_DAYS = 45;

interface Item {
  index: number;
  code: string;
  hs6: string;
  origin: string;
  quantity: number;
  value: number;
  customsValue: number;
  netKg?: number;
  litres?: number;
  alcoholPercent?: number;
  preferenceClaimed: boolean;
}

/** A line being built, in the customs currency, before conversion to the answer's currency. */
interface Draft {
  itemIndex: number | null;
  component: string;
  description: string;
  base?: { amount: number; composition: string[] };
  rate: string;
  amount: number;
  rule: { id: string; source: string; validFrom: string };
  range?: { min: number; max: number; strategy: string };
  collectedAtSale?: boolean;
  notes?: string[];
  kind: 'duty' | 'tax' | 'fee';
  /** Items this consignment-level amount belongs to (for tax bases), weighted by value. */
  items?: number[];
  taxable?: boolean;
}

type Strategy = 'highest' | 'lowest';

function hasRate(rates: RateSource, from: string, to: string, date: string): boolean {
  try {
    rates.rate(from, to, date);
    return true;
  } catch (e) {
    if (e instanceof ExchangeRateUnavailableError) return false;
    throw e;
  }
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function describeBasis(basis: ValueBasis): string {
  return basis.replace(/_/g, ' ');
}

/**
 * The landed-cost engine: duties, taxes and fees for a cart to a destination, the way that
 * destination's customs computes them, with every number explained. Pure and synchronous: everything
 * it needs is in the context, loaded at boot.
 *
 * Order of work (DESIGN.md section 4): customs rate and values; low-value regimes; de minimis; duty
 * (tariff or flat duty, preferences, additional layers, surcharges); fees; taxes on their bases;
 * carrier fees by incoterm; per-line rounding in the customs currency, then conversion of each line
 * to the answer's currency and sums of the rounded lines.
 */
export class LandedCostEngine {
  constructor(private readonly ctx: LandedCostContext) {}

  estimate(input: LandedCostInput): LandedCostResult {
    return this.estimateWithDependencies(input).result;
  }

  /**
   * As `estimate`, and whether the answer depends on the shipping amount: it does when the customs
   * value is CIF or a tax base counts shipping. When it does not (a US entry is valued FOB and has no
   * import tax), the same answer holds for any shipping amount in the same currency, so the options
   * of one quote can share it.
   */
  estimateWithDependencies(input: LandedCostInput): { result: LandedCostResult; dependsOnShipping: boolean } {
    this.validate(input);
    return this.prepareValidated(input).finish(input.carrierFees);
  }

  /**
   * The estimate up to the carrier's own fees, to be finished once per carrier (`finish(fees)`).
   * Carrier fees come last (DESIGN.md section 4): nothing before them reads them, so carriers of one
   * quote with the same mode and pick-up day share everything else and differ only in their fees.
   * `input.carrierFees` is ignored; each `finish` is exactly `estimateWithDependencies` of the input
   * with those fees.
   */
  prepare(input: LandedCostInput): PreparedEstimate {
    const { carrierFees: _ignored, ...rest } = input;
    this.validate(rest);
    return this.prepareValidated(rest);
  }

  private prepareValidated(input: LandedCostInput): PreparedEstimate {
    const high = new Estimation(this.ctx, input, 'highest');
    high.computeBeforeCarrierFees();
    let low: Estimation | undefined;
    if (high.isRange()) {
      // Only the total of the lowest reading is shown: its lines are not built.
      low = new Estimation(this.ctx, input, 'lowest');
      low.computeBeforeCarrierFees();
    }
    return new PreparedEstimate(high, low, (fees) => this.carrierFeeProblems(fees, input.date));
  }

  /** The carrier-fee part of `validate` (a fee in a currency without a rate). */
  private carrierFeeProblems(fees: LandedCostInput['carrierFees'], date: string): ErrorDetail[] {
    const code = fees?.ddpFee?.currency;
    return code ? this.currencyProblems(code, 'carrierFees.ddpFee.currency', date) : [];
  }

  private currencyProblems(code: string, path: string, date: string): ErrorDetail[] {
    if (!this.ctx.currencies.has(code)) return [{ path, message: `unknown currency ${code}` }];
    try {
      this.ctx.rates.rate(code, 'EUR', date);
    } catch (e) {
      if (e instanceof ExchangeRateUnavailableError) return [{ path, message: `no exchange rate for ${code}; pass one in exchangeRates` }];
      throw e;
    }
    return [];
  }

  /** Every problem with the request that the DTO cannot see (codes, currencies, countries), all at once. */
  private validate(input: LandedCostInput): void {
    const details: ErrorDetail[] = [];
    const { hs, countries, currencies } = this.ctx;
    const checkCountry = (c: string | undefined, path: string) => {
      if (c && !countries.has(c)) details.push({ path, message: `unknown country ${c}` });
    };
    checkCountry(input.shipFrom?.country, 'shipFrom.country');
    checkCountry(input.shipTo?.country, 'shipTo.country');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(Date.parse(`${input.date}T00:00:00Z`))) details.push({ path: 'date', message: 'must be an ISO date (yyyy-mm-dd)' });
    const checkCurrency = (code: string | undefined, path: string) => {
      if (code) details.push(...this.currencyProblems(code, path, input.date));
    };
    checkCurrency(input.currency, 'currency');
    checkCurrency(input.shipping?.currency, 'shipping.currency');
    checkCurrency(input.insurance?.currency, 'insurance.currency');
    details.push(...this.carrierFeeProblems(input.carrierFees, input.date));
    if (!input.items?.length) details.push({ path: 'items', message: 'must contain at least one item' });
    input.items?.forEach((item, i) => {
      const digits = item.hsCode.replace(/[.\s]/g, '');
      if (!/^\d{6,10}$/.test(digits)) {
        details.push({ path: `items[${i}].hsCode`, message: 'must be 6 to 10 digits' });
      } else if (!hs.subheadingOf(digits)) {
        // The nearest codes under the same heading read best ("640398": 640399, 640391, ...).
        const target = Number(digits.slice(0, 6));
        const suggestions = hs
          .suggest(digits, 100)
          .sort((a, b) => Math.abs(Number(a.code.padEnd(6, '0')) - target) - Math.abs(Number(b.code.padEnd(6, '0')) - target))
          .slice(0, 3);
        const hint = suggestions.length ? `; did you mean ${suggestions.map((s) => `${s.code} (${s.description})`).join(', ')}?` : '';
        details.push({ path: `items[${i}].hsCode`, message: `unknown HS code ${digits}${hint}` });
      }
      checkCountry(item.originCountry, `items[${i}].originCountry`);
      checkCurrency(item.unitValue.currency, `items[${i}].unitValue.currency`);
    });
    if (details.length) throw AppError.validation(details);
  }
}

/**
 * An estimate computed up to the carrier fees (see `LandedCostEngine.prepare`): `finish` adds one
 * carrier's fees to a copy and builds the answer, as often as there are carriers.
 */
export class PreparedEstimate {
  constructor(
    private readonly high: Estimation,
    private readonly low: Estimation | undefined,
    private readonly feeProblems: (fees: LandedCostInput['carrierFees']) => ErrorDetail[],
  ) {}

  /** Whether the answer depends on the shipping amount (carrier fees never read it). */
  get dependsOnShipping(): boolean {
    return this.high.shippingUsed || (this.low?.shippingUsed ?? false);
  }

  /** The answer with these carrier fees (none: the input without fees). */
  finish(fees: LandedCostInput['carrierFees']): { result: LandedCostResult; dependsOnShipping: boolean } {
    const problems = this.feeProblems(fees);
    if (problems.length) throw AppError.validation(problems);
    const result = this.high.withCarrierFees(fees).finish();
    if (this.low && result.confidence === 'range') result.range = { min: this.low.withCarrierFees(fees).finishTotal(), max: result.total };
    return { result, dependsOnShipping: this.dependsOnShipping };
  }
}

/** One estimate in progress: the bookkeeping of rules, rates and lines used. */
class Estimation {
  private readonly to: string;
  private readonly date: string;
  private readonly dest?: DestinationRules;
  private readonly records: RuleRecord[];
  /** The records in force by type, in file order (`of` and `first` ask this many times per estimate). */
  private readonly byType = new Map<string, RuleRecord[]>();
  private readonly ccy: string;
  /** Minor units of the customs currency. */
  private readonly digits: number;
  /** Rates asked for in this estimate by pair and day: the bookkeeping below runs once per rate. */
  private readonly ratesAsked = new Map<string, ExchangeRate>();
  private readonly fxDate: string;
  private readonly rulesUsed = new Map<string, { id: string; source: string; validFrom: string }>();
  private readonly fxUsed = new Map<string, { from: string; to: string; rate: string; date: string; source: string }>();
  private readonly warnings = new Set<string>();
  private readonly drafts: Draft[] = [];
  private readonly deMinimis: DeMinimisDecision[] = [];
  private items: Item[] = [];
  private intrinsic = 0;
  private shipping = 0;
  private insurance = 0;
  private customsValue = 0;
  private basis: 'CIF' | 'FOB' = 'CIF';
  private confidence: Confidence = 'exact';
  private collectedAtSale = false;
  /** Whether the shipping amount entered a value, a base or a text of the answer (see `estimateWithDependencies`). */
  shippingUsed = false;
  /** Whether both addresses are in one customs territory: nothing is due at a border, and no carrier fee. */
  private noBorder = false;

  constructor(
    private readonly ctx: LandedCostContext,
    private readonly input: LandedCostInput,
    private readonly strategy: Strategy,
  ) {
    this.to = input.shipTo.country;
    this.date = input.date;
    this.dest = ctx.rules.forCountry(this.to);
    this.records = (this.dest?.records ?? []).filter((r) => inForce(r, this.date) && (!r.countries || r.countries.includes(this.to)));
    this.ccy = this.dest?.currency ?? ctx.countries.get(this.to)?.currency ?? input.currency;
    if (!ctx.currencies.has(this.ccy)) this.ccy = input.currency;
    if (this.ccy !== input.currency && !this.dest && !hasRate(ctx.rates, input.currency, this.ccy, this.date)) {
      // A destination without rules whose currency the rate table lacks (ARS): estimate in the
      // request's currency rather than fail, and say so.
      this.warnings.add(`no exchange rate for ${this.ccy}, the currency of ${this.to}: amounts are estimated in ${input.currency}; pass exchangeRates to convert`);
      this.ccy = input.currency;
    }
    this.digits = ctx.currencies.minorUnits(this.ccy);
    for (const r of this.records) {
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
    const fxRule = this.first<CustomsRateRule>('customs_exchange_rate');
    this.fxDate = fxRule ? customsRateDate(fxRule.method, this.date) : this.date;
    if (fxRule) this.use(fxRule);
  }

  // ---- bookkeeping --------------------------------------------------------------------------------

  private of<T extends RuleRecord>(type: T['type']): T[] {
    return (this.byType.get(type) ?? []) as T[];
  }

  private first<T extends RuleRecord>(type: T['type']): T | undefined {
    return this.byType.get(type)?.[0] as T | undefined;
  }

  private use(r: RuleRecordBase): { id: string; source: string; validFrom: string } {
    const ref = ruleRef(r);
    this.rulesUsed.set(r.id, ref);
    return ref;
  }

  private rate(from: string, to: string, date: string): ExchangeRate {
    const key = `${from}>${to}@${date}`;
    const known = this.ratesAsked.get(key);
    if (known) return known;
    const r = this.ctx.rates.rate(from, to, date);
    this.ratesAsked.set(key, r);
    if (from !== to) {
      this.fxUsed.set(`${from}>${to}@${r.date}`, { from, to, rate: r.rate, date: r.date, source: r.source });
      const age = daysBetween(r.date, date);
      if (r.source !== 'caller' && age > (this.ctx.staleRateDays ?? DEFAULT_STALE_RATE_DAYS)) {
        this.warnings.add(`the exchange-rate table used for ${from}/${to} is of ${r.date}, ${age} days before ${date}: import current rates (tariffs/README.md) or pass exchangeRates`);
      }
    }
    return r;
  }

  /** An amount in `currency` in the customs currency, at the rate customs uses. */
  private toCustoms(amount: number, currency: string): number {
    if (currency === this.ccy || currency === '$') return amount;
    return amount * Number(this.rate(currency, this.ccy, this.fxDate).rate);
  }

  private money(m: Money): Money {
    return { amount: m.amount, currency: m.currency };
  }

  /** Half away from zero to the customs currency's minor units (`round` of money.ts on plain numbers). */
  private round(n: number): number {
    return roundAmount(n, this.digits);
  }

  private fmt(n: number, ccy = this.ccy): string {
    return n.toFixed(ccy === this.ccy ? this.digits : this.ctx.currencies.minorUnits(ccy));
  }

  private matches(c: RuleConditions | undefined, items: Item[] = this.items): boolean {
    if (!c) return true;
    const from = this.input.shipFrom.country;
    if (c.shipFrom && !c.shipFrom.includes(from)) return false;
    if (c.shipFromNot && c.shipFromNot.includes(from)) return false;
    if (c.mode && !c.mode.includes(this.input.mode ?? 'courier')) return false;
    if (c.importerTypes && !c.importerTypes.includes(this.input.importer?.type ?? 'consumer')) return false;
    if (c.registrations && !c.registrations.some((r) => this.input.sellerRegistrations?.includes(r))) return false;
    if (c.origins && !items.every((i) => c.origins!.includes(i.origin))) return false;
    if (c.originsNot && items.some((i) => c.originsNot!.includes(i.origin))) return false;
    return true;
  }

  private basisValue(basis: ValueBasis, amounts?: { duty?: number; tax?: number }): number {
    switch (basis) {
      case 'intrinsic_value':
        return this.intrinsic;
      case 'customs_value':
        return this.customsValue;
      case 'item_value':
        return Math.max(0, ...this.items.map((i) => i.value));
      case 'duty_amount':
        return amounts?.duty ?? 0;
      case 'tax_amount':
        return amounts?.tax ?? 0;
      case 'duty_and_tax_amount':
        return (amounts?.duty ?? 0) + (amounts?.tax ?? 0);
    }
  }

  /** Compares a value with a threshold given in any currency, converted at the customs rate. */
  private within(r: RuleRecordBase & { threshold: Money; basis: ValueBasis; inclusive: boolean }, amounts?: { duty?: number; tax?: number }) {
    const converted = this.toCustoms(Number(r.threshold.amount), r.threshold.currency);
    const value = this.basisValue(r.basis, amounts);
    const inside = r.inclusive ? value <= converted + 1e-9 : value < converted - 1e-9;
    const rate = r.threshold.currency === this.ccy ? undefined : this.ctx.rates.rate(r.threshold.currency, this.ccy, this.fxDate).rate;
    return { inside, value, converted, rate };
  }

  private decide(kind: string, r: DeMinimisRule | CollectedAtSaleRule | FlatDutyRule, w: ReturnType<Estimation['within']>, exempt: boolean): void {
    this.use(r);
    this.deMinimis.push({
      kind,
      threshold: this.money(r.threshold),
      convertedThreshold: { amount: this.fmt(this.round(w.converted)), currency: this.ccy },
      comparedValue: { amount: this.fmt(this.round(w.value)), currency: this.ccy },
      basis: r.basis,
      exempt,
      ruleId: r.id,
      ...(w.rate ? { exchangeRate: w.rate } : {}),
    });
  }

  // ---- the calculation ----------------------------------------------------------------------------

  isRange(): boolean {
    return this.confidence === 'range';
  }

  /**
   * A copy of this estimate, computed up to the carrier fees, whose input carries `fees`: what
   * finishing adds (lines, rules and rates used, warnings) goes to the copy's own collections.
   */
  withCarrierFees(fees: LandedCostInput['carrierFees']): Estimation {
    const { carrierFees: _none, ...input } = this.input;
    const copy = Object.assign(Object.create(Estimation.prototype) as Estimation, this);
    const own = copy as unknown as {
      input: LandedCostInput;
      ratesAsked: Map<string, ExchangeRate>;
      rulesUsed: Map<string, unknown>;
      fxUsed: Map<string, unknown>;
      warnings: Set<string>;
      drafts: Draft[];
      deMinimis: DeMinimisDecision[];
    };
    own.input = fees ? { ...input, carrierFees: fees } : input;
    own.ratesAsked = new Map(this.ratesAsked);
    own.rulesUsed = new Map(this.rulesUsed);
    own.fxUsed = new Map(this.fxUsed);
    own.warnings = new Set(this.warnings);
    own.drafts = [...this.drafts];
    own.deMinimis = [...this.deMinimis];
    return copy;
  }

  /** Carrier fees and product warnings, then the answer (after `computeBeforeCarrierFees`). */
  finish(): LandedCostResult {
    this.computeAfterBorder();
    return this.result();
  }

  /** The answer's total alone, exactly as `finish().total` (for the other end of a range): no lines are built. */
  finishTotal(): Money {
    this.computeAfterBorder();
    const R = this.input.currency;
    const rd = this.ctx.currencies.minorUnits(R);
    const toAnswer = this.answerConverter();
    const total = this.answerSum('duty', toAnswer) + this.answerSum('tax', toAnswer) + this.answerSum('fee', toAnswer);
    return { amount: this.fmt(roundAmount(total, rd), R), currency: R };
  }

  /**
   * Customs-currency amounts in the answer's currency, rounded to its minor units. The rate is asked
   * for only when a line needs converting, so that an answer without lines lists none.
   */
  private answerConverter(): (n: number) => number {
    const R = this.input.currency;
    const rd = this.ctx.currencies.minorUnits(R);
    let toR: number | undefined;
    return (n) => (R === this.ccy ? n : roundAmount(n * (toR ??= Number(this.rate(this.ccy, R, this.date).rate)), rd));
  }

  /** The total of one kind of line as the answer shows it: each line rounded in the answer's currency, then summed and rounded. */
  private answerSum(kind: Draft['kind'], toAnswer: (n: number) => number): number {
    const R = this.input.currency;
    let sum = 0;
    for (const d of this.drafts) if (d.kind === kind) sum += Number(this.fmt(toAnswer(d.amount), R));
    return roundAmount(sum, this.ctx.currencies.minorUnits(R));
  }

  /** Everything but the carrier fees (`withCarrierFees` then `finish` completes it). */
  computeBeforeCarrierFees(): void {
    this.values();
    const inside = this.sharedTerritory();
    if (inside) {
      const where = this.input.shipFrom.country === this.to && !inside.include.length ? `a shipment within ${inside.name}` : `${this.input.shipFrom.country} and ${this.to} are in one customs territory (${inside.name})`;
      this.warnings.add(`${where}: no import duty, import tax or customs fee; the seller charges VAT or sales tax on the sale itself`);
      this.noBorder = true;
      return;
    }
    if (!this.dest) {
      this.confidence = 'unknown';
      const taxed = this.ctx.rules.taxRates.taxesOf(this.to, this.date).length > 0;
      this.warnings.add(
        `no duty rules for ${this.to}: duty is not estimated (confidence unknown); ${taxed ? `tax uses the standard rate found for ${this.to}` : `no import VAT or GST is known for ${this.to}`}`,
      );
    }
    const cas = this.collectionAtSale();
    const simplified = this.simplifiedRegime();
    const dutyDeMinimis = this.deMinimisFor('duty');
    const taxDeMinimis = this.deMinimisFor('tax');

    const dutyExempt = (cas?.exemptDuty ?? false) || dutyDeMinimis || simplified?.replaces.includes('duty') === true;
    if (!dutyExempt && this.dest) this.duties();
    if (simplified) this.applySimplified(simplified);
    this.dutyAmountDeMinimis();
    this.fees();
    const taxExempt = taxDeMinimis || simplified?.replaces.includes('tax') === true;
    if (cas) this.taxesAtSale(cas);
    else if (!taxExempt) this.taxes();
    this.taxAmountDeMinimis();
  }

  /** Carrier fees and product warnings: the steps after everything due at the border. */
  private computeAfterBorder(): void {
    if (this.noBorder) return;
    this.carrierFees();
    this.productWarnings();
  }

  /** The customs territory both addresses are in (DE -> FR), if any. */
  private sharedTerritory(): CustomsTerritory | undefined {
    const territories = this.ctx.territories ?? [];
    const from = territoryOf(this.input.shipFrom, territories);
    if (from !== territoryOf(this.input.shipTo, territories)) return undefined;
    return territories.find((t) => t.id === from) ?? { id: from, name: this.ctx.countries.get(this.to)?.name ?? this.to, include: [] };
  }

  private values(): void {
    const { input } = this;
    this.items = input.items.map((it, index) => {
      const code = it.hsCode.replace(/[.\s]/g, '');
      const unit = this.toCustoms(Number(it.unitValue.amount), it.unitValue.currency);
      return {
        index,
        code,
        hs6: code.slice(0, 6),
        origin: it.originCountry,
        quantity: it.quantity,
        value: unit * it.quantity,
        customsValue: 0,
        netKg: it.unitWeightKg !== undefined ? it.unitWeightKg * it.quantity : undefined,
        litres: it.unitVolumeLitres !== undefined ? it.unitVolumeLitres * it.quantity : undefined,
        alcoholPercent: it.alcoholPercent,
        preferenceClaimed: it.preferenceClaimed === true,
      };
    });
    this.intrinsic = this.items.reduce((a, i) => a + i.value, 0);
    this.shipping = input.shipping ? this.toCustoms(Number(input.shipping.amount), input.shipping.currency) : 0;
    this.insurance = input.insurance ? this.toCustoms(Number(input.insurance.amount), input.insurance.currency) : 0;
    const valuation = this.first<ValuationRule>('valuation');
    if (valuation) this.use(valuation);
    this.basis = valuation?.basis ?? 'CIF';
    // A CIF value counts shipping in every customs value, base and threshold compared with it.
    if (this.basis === 'CIF') this.shippingUsed = true;
    const freight = this.basis === 'CIF' ? this.shipping + this.insurance : 0;
    for (const i of this.items) i.customsValue = i.value + (this.intrinsic > 0 ? (freight * i.value) / this.intrinsic : 0);
    this.customsValue = this.intrinsic + freight;
    if (this.basis === 'CIF' && !input.shipping) this.warnings.add('no shipping cost given: the CIF customs value counts goods only, so duty and tax may be understated');
  }

  private collectionAtSale(): CollectedAtSaleRule | undefined {
    for (const r of this.of<CollectedAtSaleRule>('collected_at_sale')) {
      if (!this.matches(r.conditions)) continue;
      const w = this.within(r);
      this.decide('collected_at_sale', r, w, w.inside);
      if (w.inside) {
        this.collectedAtSale = true;
        return r;
      }
    }
    return undefined;
  }

  private deMinimisFor(kind: 'duty' | 'tax'): boolean {
    let exempt = false;
    for (const r of this.of<DeMinimisRule>('de_minimis')) {
      if (!r.applies.includes(kind) || ['duty_amount', 'tax_amount', 'duty_and_tax_amount'].includes(r.basis)) continue;
      if (!this.matches(r.conditions)) continue;
      const w = this.within(r);
      this.decide(kind, r, w, w.inside);
      exempt ||= w.inside;
    }
    return exempt;
  }

  private simplifiedRegime(): SimplifiedRegimeRule | undefined {
    return this.of<SimplifiedRegimeRule>('simplified_regime').find((r) => this.matches(r.conditions));
  }

  private applySimplified(r: SimplifiedRegimeRule): void {
    const ref = this.use(r);
    const value = this.basisValue(r.basis);
    const band = r.bands.find((b) => !b.upTo || value <= this.toCustoms(Number(b.upTo.amount), b.upTo.currency) + 1e-9);
    if (!band) {
      this.warnings.add(`the consignment is above the ${r.name} limit: a formal entry is needed and is not estimated here`);
      this.confidence = 'estimated';
      return;
    }
    const deduction = band.deduction ? this.toCustoms(Number(band.deduction.amount), band.deduction.currency) : 0;
    const amount = Math.max(0, (value * band.percent) / 100 - deduction);
    const rate = `${band.percent}%${band.deduction ? ` less ${band.deduction.amount} ${band.deduction.currency}` : ''}`;
    this.drafts.push({
      itemIndex: null,
      component: r.component,
      description: r.name,
      base: { amount: value, composition: [describeBasis(r.basis)] },
      rate,
      amount: this.round(amount),
      rule: ref,
      // A regime that stands in for the tax counts as tax (China's CBEC rate, Mexico's global rate include VAT).
      kind: r.replaces.includes('tax') ? 'tax' : 'duty',
      items: this.items.map((i) => i.index),
    });
  }

  private duties(): void {
    const schedule = this.ctx.rules.schedule(this.dest!.schedule);
    const flat = this.of<FlatDutyRule>('flat_duty').find((r) => this.matches(r.conditions));
    let flatItems = new Set<number>();
    if (flat) {
      const w = this.within(flat);
      this.decide('flat_duty', flat, w, !w.inside);
      if (w.inside) flatItems = this.flatDuty(flat);
    }
    const layersOnLine = new Map<number, Set<string>>();
    for (const item of this.items) {
      if (flatItems.has(item.index)) continue;
      if (!schedule) {
        this.confidence = 'unknown';
        this.warnings.add(`no tariff schedule for ${this.to}: duty is not estimated`);
        continue;
      }
      const dutyLine = this.tariffDuty(item, schedule.id);
      layersOnLine.set(item.index, new Set());
      this.additionalDuties(item, dutyLine, layersOnLine.get(item.index)!);
    }
    this.surcharges();
  }

  private flatDuty(r: FlatDutyRule): Set<number> {
    const covered = this.items.filter((i) => !(r.skipPreferenceClaimed && i.preferenceClaimed));
    const ref = this.use(r);
    const groups = new Map<string, number[]>();
    for (const i of covered) {
      const key = r.per === 'distinct_subheading' ? i.hs6 : r.per === 'item_line' ? String(i.index) : 'all';
      groups.set(key, [...(groups.get(key) ?? []), i.index]);
    }
    const unit = this.round(this.toCustoms(Number(r.amount.amount), r.amount.currency));
    for (const [key, idx] of groups) {
      this.drafts.push({
        itemIndex: idx.length === 1 ? idx[0] : null,
        component: 'duty',
        description: `${r.name}${r.per === 'distinct_subheading' ? ` (subheading ${key})` : ''}`,
        rate: `${r.amount.amount} ${r.amount.currency} per ${r.per.replace(/_/g, ' ')}`,
        amount: unit,
        rule: ref,
        kind: 'duty',
        items: idx,
      });
    }
    return new Set(covered.map((i) => i.index));
  }

  private quantities(item: Item) {
    return { value: item.customsValue, netKg: item.netKg, items: item.quantity, litres: item.litres, alcoholPercent: item.alcoholPercent };
  }

  /** The tariff (or preferential) duty of one item; returns the line's ad valorem rate for top-up layers. */
  private tariffDuty(item: Item, scheduleId: string): { percent?: number } {
    const schedule = this.ctx.rules.schedule(scheduleId)!;
    const toCustoms = (a: number, c: string) => this.toCustoms(a, c === '$' ? schedule.currency : c);
    if (item.preferenceClaimed) {
      const pref = schedule.preference(item.code, item.origin, this.date);
      if (pref) {
        this.dutyFromLines(item, [pref], `preferential rate${pref.program ? ` (${pref.program})` : ''} for origin ${item.origin}`, toCustoms);
        return { percent: adValoremPercent(pref.expression, this.date) };
      }
      this.warnings.add(`items[${item.index}]: no preferential rate found for origin ${item.origin}; the general rate is used`);
    }
    const match = schedule.lookup(item.code, this.date);
    if (!match) {
      this.confidence = this.confidence === 'unknown' ? 'unknown' : 'estimated';
      this.warnings.add(`items[${item.index}]: no ${schedule.id} tariff line for ${item.code}: duty not estimated for this item`);
      if (this.confidence !== 'unknown') this.confidence = 'unknown';
      return {};
    }
    this.dutyFromLines(item, match.lines, 'duty', toCustoms, match.kind === 'range');
    return { percent: match.lines.length === 1 ? adValoremPercent(match.lines[0].expression, this.date) : undefined };
  }

  private dutyFromLines(item: Item, lines: TariffLine[], label: string, toCustoms: (a: number, c: string) => number, isRange = false): void {
    const evaluated = lines.map((l) => ({ l, e: evaluateDuty(l.expression, this.date, this.quantities(item), toCustoms) }));
    evaluated.sort((a, b) => a.e.amount - b.e.amount);
    const chosen = this.strategy === 'highest' ? evaluated[evaluated.length - 1] : evaluated[0];
    const ref = { id: `${chosen.l.file}:${chosen.l.line}`, source: chosen.l.source, validFrom: chosen.l.validFrom };
    this.rulesUsed.set(ref.id, ref);
    const notes = chosen.e.notes;
    if (notes.length && this.confidence === 'exact') this.confidence = 'estimated';
    const draft: Draft = {
      itemIndex: item.index,
      component: 'duty',
      description: `${label}: ${chosen.l.code}${chosen.l.description ? ` ${chosen.l.description}` : ''}`,
      base: { amount: item.customsValue, composition: this.valueComposition() },
      rate: chosen.l.expression.text,
      amount: this.round(chosen.e.amount),
      rule: ref,
      kind: 'duty',
      notes: notes.length ? notes : undefined,
    };
    if (isRange) {
      if (this.confidence !== 'unknown') this.confidence = 'range';
      draft.range = { min: this.round(evaluated[0].e.amount), max: this.round(evaluated[evaluated.length - 1].e.amount), strategy: this.strategy };
      draft.description += ` (${lines.length} national lines under ${item.code}; rates ${[...new Set(lines.map((l) => l.expression.text))].join(' / ')})`;
    }
    this.drafts.push(draft);
  }

  private valueComposition(): string[] {
    const parts = ['goods value'];
    if (this.basis === 'CIF') {
      if (this.shipping) parts.push('shipping share');
      if (this.insurance) parts.push('insurance share');
    }
    return parts;
  }

  private additionalDuties(item: Item, tariff: { percent?: number }, layers: Set<string>): void {
    const rules = this.of<AdditionalDutyRule>('additional_duty').filter(
      (r) =>
        (r.hs.includes('*') || r.hs.some((p) => item.code.startsWith(p))) &&
        !(r.hsNot ?? []).some((p) => item.code.startsWith(p)) &&
        this.matches(r.conditions, [item]),
    );
    // Layers that suppress others go first, so that `notWith` sees them.
    const ordered = [...rules].sort((a, b) => Number(rules.some((o) => o.notWith?.includes(b.layer))) - Number(rules.some((o) => o.notWith?.includes(a.layer))));
    for (const r of ordered) {
      if (r.notWith?.some((l) => layers.has(l))) continue;
      const ev = evaluateDuty(r.rate, this.date, this.quantities(item), (a, c) => this.toCustoms(a, c === '$' ? 'USD' : c));
      let amount = ev.amount;
      let rate = r.rate.text;
      if (r.stacking === 'top_up_to') {
        const target = adValoremPercent(r.rate, this.date) ?? 0;
        const have = tariff.percent ?? 0;
        const extra = Math.max(0, target - have);
        amount = (item.customsValue * extra) / 100;
        rate = `${extra}% (${target}% all-in less ${have}% tariff)`;
      }
      layers.add(r.layer);
      this.drafts.push({
        itemIndex: item.index,
        component: 'additional_duty',
        description: `${r.name} (${r.heading})`,
        base: { amount: item.customsValue, composition: this.valueComposition() },
        rate,
        amount: this.round(amount),
        rule: this.use(r),
        kind: 'duty',
      });
    }
  }

  private surcharges(): void {
    for (const r of this.of<DutySurchargeRule>('duty_surcharge')) {
      if (!this.matches(r.conditions)) continue;
      const ref = this.use(r);
      for (const item of this.items) {
        const duty = this.drafts.filter((d) => d.kind === 'duty' && d.itemIndex === item.index && d.component === 'duty').reduce((a, d) => a + d.amount, 0);
        if (duty <= 0) continue;
        this.drafts.push({
          itemIndex: item.index,
          component: 'duty_surcharge',
          description: r.name,
          base: { amount: duty, composition: ['duty'] },
          rate: `${r.percentOfDuty}% of duty`,
          amount: this.round((duty * r.percentOfDuty) / 100),
          rule: ref,
          kind: 'duty',
        });
      }
    }
  }

  private total(kind: Draft['kind']): number {
    return this.drafts.filter((d) => d.kind === kind).reduce((a, d) => a + d.amount, 0);
  }

  /** Waivers on the amount itself (Switzerland does not collect duty or VAT of CHF 5 or less). */
  private dutyAmountDeMinimis(): void {
    for (const r of this.of<DeMinimisRule>('de_minimis')) {
      if (!r.applies.includes('duty') || r.basis !== 'duty_amount' || !this.matches(r.conditions)) continue;
      const w = this.within(r, { duty: this.total('duty') });
      this.decide('duty', r, w, w.inside);
      if (w.inside) this.dropAll('duty');
    }
  }

  private taxAmountDeMinimis(): void {
    for (const r of this.of<DeMinimisRule>('de_minimis')) {
      if (!r.applies.includes('tax') || r.basis !== 'tax_amount' || !this.matches(r.conditions)) continue;
      const w = this.within(r, { tax: this.total('tax') });
      this.decide('tax', r, w, w.inside);
      if (w.inside) this.dropAll('tax');
    }
  }

  private dropAll(kind: Draft['kind']): void {
    for (let i = this.drafts.length - 1; i >= 0; i--) if (this.drafts[i].kind === kind) this.drafts.splice(i, 1);
  }

  private fees(): void {
    for (const r of this.of<FeeRule>('fee')) {
      if (!this.matches(r.conditions)) continue;
      const value = this.basisValue(r.basis, { duty: this.total('duty') });
      if (r.above && !(value > this.toCustoms(Number(r.above.amount), r.above.currency) + 1e-9)) continue;
      if (r.atMost && !(value <= this.toCustoms(Number(r.atMost.amount), r.atMost.currency) + 1e-9)) continue;
      const ref = this.use(r);
      const units = r.per === 'consignment' ? [this.items.map((i) => i.index)] : r.per === 'item_line' ? this.items.map((i) => [i.index]) : [...this.groupBySubheading().values()];
      for (const idx of units) {
        let amount: number;
        let rate: string;
        if (r.percent !== undefined) {
          amount = (value * r.percent) / 100;
          rate = `${r.percent}% of ${describeBasis(r.basis)}`;
          if (r.minimum) {
            const min = this.toCustoms(Number(r.minimum.amount), r.minimum.currency);
            if (amount < min) amount = min;
            rate += ` MIN ${r.minimum.amount} ${r.minimum.currency}`;
          }
          if (r.maximum) {
            const max = this.toCustoms(Number(r.maximum.amount), r.maximum.currency);
            if (amount > max) amount = max;
            rate += ` MAX ${r.maximum.amount} ${r.maximum.currency}`;
          }
        } else {
          amount = this.toCustoms(Number(r.amount!.amount), r.amount!.currency);
          rate = `${r.amount!.amount} ${r.amount!.currency} per ${r.per.replace(/_/g, ' ')}`;
        }
        this.drafts.push({
          itemIndex: idx.length === 1 && r.per !== 'consignment' ? idx[0] : null,
          component: 'fee',
          description: r.name,
          base: r.percent !== undefined ? { amount: value, composition: [describeBasis(r.basis)] } : undefined,
          rate,
          amount: this.round(amount),
          rule: ref,
          kind: 'fee',
          items: idx,
          taxable: r.taxable,
        });
      }
    }
  }

  private groupBySubheading(): Map<string, number[]> {
    const groups = new Map<string, number[]>();
    for (const i of this.items) groups.set(i.hs6, [...(groups.get(i.hs6) ?? []), i.index]);
    return groups;
  }

  /** An item's share of consignment-level amounts of a kind (flat duties, fees), weighted by value. */
  private shareOf(item: Item, kind: Draft['kind'], filter: (d: Draft) => boolean = () => true): number {
    let total = 0;
    for (const d of this.drafts) {
      if (d.kind !== kind || !filter(d)) continue;
      if (d.itemIndex === item.index) {
        total += d.amount;
        continue;
      }
      if (d.itemIndex !== null || !d.items?.includes(item.index)) continue;
      const group = d.items.map((i) => this.items[i]);
      const groupValue = group.reduce((a, i) => a + i.value, 0);
      total += groupValue > 0 ? (d.amount * item.value) / groupValue : d.amount / group.length;
    }
    return total;
  }

  private baseFor(item: Item, parts: TaxBaseComponent[]): { amount: number; composition: string[] } {
    let amount = 0;
    const composition: string[] = [];
    const share = this.intrinsic > 0 ? item.value / this.intrinsic : 1 / this.items.length;
    for (const p of parts) {
      let v = 0;
      switch (p) {
        case 'customs_value':
          v = item.customsValue;
          break;
        case 'intrinsic_value':
          v = item.value;
          break;
        case 'shipping':
          this.shippingUsed = true;
          v = this.shipping * share;
          break;
        case 'insurance':
          v = this.insurance * share;
          break;
        case 'duty':
          v = this.shareOf(item, 'duty');
          break;
        case 'fees':
          v = this.shareOf(item, 'fee', (d) => d.taxable === true);
          break;
      }
      if (v !== 0 || p === 'customs_value' || p === 'intrinsic_value') composition.push(`${p.replace(/_/g, ' ')} ${this.fmt(this.round(v))}`);
      amount += v;
    }
    return { amount, composition };
  }

  private taxRules(): TaxRule[] {
    const rules = this.of<TaxRule>('tax').filter((r) => this.matches(r.conditions));
    if (rules.length || this.dest) return rules;
    // No rules for the destination: levy what the VAT table knows on the CIF value plus duty.
    return this.ctx.rules.taxRates.taxesOf(this.to, this.date).map((tax) => ({
      id: `default-${tax}`,
      type: 'tax',
      tax,
      base: ['customs_value', 'duty'],
      validFrom: '1900-01-01',
      source: 'tariffs/tax/vat-rates.csv',
    }));
  }

  private taxes(): void {
    const region = this.input.shipTo.region;
    for (const r of this.taxRules()) {
      const ref = r.id.startsWith('default-') ? undefined : this.use(r);
      for (const item of this.items) {
        const rate = this.taxRate(r, item, region);
        if (!rate) continue;
        const base = this.baseFor(item, r.base);
        let baseAmount = base.amount;
        let rateText = `${rate.percent}%${rate.kind !== 'standard' ? ` (${rate.kind})` : ''}`;
        if (r.inclusive) {
          baseAmount = base.amount / (1 - rate.percent / 100);
          base.composition.push(`grossed up: / (1 - ${rate.percent}%)`);
          rateText += ' inclusive';
        }
        this.drafts.push({
          itemIndex: item.index,
          component: r.tax,
          description: `${r.tax.toUpperCase()} at ${rate.kind} rate`,
          base: { amount: baseAmount, composition: base.composition },
          rate: rateText,
          amount: this.round((baseAmount * rate.percent) / 100),
          rule: ref ?? rate.ref,
          kind: 'tax',
        });
      }
    }
  }

  private taxRate(r: TaxRule, item: Item, region?: string): { percent: number; kind: string; ref: { id: string; source: string; validFrom: string } } | undefined {
    if (r.percent !== undefined) return { percent: r.percent, kind: 'standard', ref: ruleRef(r) };
    const table = this.ctx.rules.taxRates;
    const tax = r.rateTax ?? r.tax;
    const national = table.rateFor(this.to, tax, item.code, this.date);
    const regional = region ? table.rateFor(this.to, tax, item.code, this.date, region) : undefined;
    const row = regional ?? national;
    if (!row) {
      if (tax !== r.tax || !['hst', 'pst'].includes(tax)) this.warnings.add(`no ${tax.toUpperCase()} rate for ${this.to}${region ? `-${region}` : ''} in tariffs/tax/vat-rates.csv`);
      return undefined;
    }
    const ref = { id: `vat-rates:${row.row.country}${row.row.region ? `-${row.row.region}` : ''}:${row.row.tax}:${row.row.kind}:${row.row.validFrom}`, source: row.row.source, validFrom: row.row.validFrom };
    this.rulesUsed.set(ref.id, ref);
    return { percent: row.percent, kind: row.kind, ref };
  }

  private taxesAtSale(r: CollectedAtSaleRule): void {
    this.use(r);
    const region = this.input.shipTo.region;
    for (const tr of this.taxRules()) {
      for (const item of this.items) {
        const rate = this.taxRate(tr, item, region);
        if (!rate) continue;
        const base = this.baseFor(item, r.taxBase);
        this.drafts.push({
          itemIndex: item.index,
          component: tr.tax,
          description: `${tr.tax.toUpperCase()} collected by the seller at checkout (${r.id})`,
          base,
          rate: `${rate.percent}%${rate.kind !== 'standard' ? ` (${rate.kind})` : ''}`,
          amount: this.round((base.amount * rate.percent) / 100),
          rule: rate.ref,
          kind: 'tax',
          collectedAtSale: true,
        });
      }
    }
  }

  private carrierFees(): void {
    const fees = this.input.carrierFees;
    if (!fees) return;
    const ref = { id: 'carrier-fees', source: 'carrier definition (carrierFees in the request)', validFrom: this.date };
    const convert = (m: Money) => m.currency === this.ccy ? Number(m.amount) : Number(m.amount) * Number(this.rate(m.currency, this.ccy, this.date).rate);
    if (this.input.incoterm === 'DDP' && fees.ddpFee) {
      this.rulesUsed.set(ref.id, ref);
      this.drafts.push({ itemIndex: null, component: 'carrier_fee', description: 'carrier DDP fee', rate: `${fees.ddpFee.amount} ${fees.ddpFee.currency} per shipment`, amount: this.round(convert(fees.ddpFee)), rule: ref, kind: 'fee' });
    }
    const border = this.drafts.filter((d) => (d.kind === 'duty' || d.kind === 'tax') && !d.collectedAtSale).reduce((a, d) => a + d.amount, 0);
    if (this.input.incoterm === 'DAP' && fees.disbursementFee && border > 0) {
      const d = fees.disbursementFee;
      let amount = 0;
      const parts: string[] = [];
      if (d.flat) {
        amount += convert(d.flat);
        parts.push(`${d.flat.amount} ${d.flat.currency}`);
      }
      if (d.percent !== undefined) {
        amount += (border * d.percent) / 100;
        parts.push(`${d.percent}% of duties and taxes`);
      }
      if (d.minimum) {
        amount = Math.max(amount, convert(d.minimum));
        parts.push(`MIN ${d.minimum.amount} ${d.minimum.currency}`);
      }
      this.rulesUsed.set(ref.id, ref);
      this.drafts.push({
        itemIndex: null,
        component: 'carrier_fee',
        description: 'carrier disbursement fee (advancing duties and taxes)',
        base: d.percent !== undefined ? { amount: border, composition: ['duties and taxes due at the border'] } : undefined,
        rate: parts.join(' '),
        amount: this.round(amount),
        rule: ref,
        kind: 'fee',
      });
    }
  }

  private productWarnings(): void {
    const rules = [...this.ctx.rules.warnings.filter((r) => inForce(r, this.date) && (!r.countries || r.countries.includes(this.to))), ...this.of<WarningRule>('warning')];
    for (const r of rules) {
      const hits = this.items.filter((i) => r.hs.some((p) => p === '*' || i.code.startsWith(p)) && this.matches(r.conditions, [i]));
      if (hits.length) this.warnings.add(`items[${hits.map((h) => h.index).join(',')}]: ${r.message}`);
    }
  }

  // ---- the answer ---------------------------------------------------------------------------------

  private result(): LandedCostResult {
    const R = this.input.currency;
    const payerBorder = this.input.incoterm === 'DDP' ? 'sender' : 'recipient';
    const rd = this.ctx.currencies.minorUnits(R);
    const toAnswer = this.answerConverter();
    const money = (n: number, ccy = R): Money => ({ amount: this.fmt(n, ccy), currency: ccy });
    const lines = (kind: Draft['kind']): LandedCostLine[] =>
      this.drafts
        .filter((d) => d.kind === kind)
        .map((d) => ({
          itemIndex: d.itemIndex,
          component: d.component,
          description: d.description,
          ...(d.base ? { base: { amount: money(toAnswer(this.round(d.base.amount))), composition: d.base.composition } } : {}),
          rate: d.rate,
          amount: money(toAnswer(d.amount)),
          ruleId: d.rule.id,
          source: d.rule.source,
          ...(d.range ? { range: { min: money(toAnswer(d.range.min)), max: money(toAnswer(d.range.max)), strategy: d.range.strategy } } : {}),
          ...(R !== this.ccy ? { customsAmount: money(d.amount, this.ccy) } : {}),
          ...(d.collectedAtSale ? { collectedAtSale: true } : {}),
          payer: d.collectedAtSale || d.component === 'carrier_fee' && d.description.includes('DDP') ? 'sender' : payerBorder,
          ...(d.notes ? { notes: d.notes } : {}),
        }));
    const duties = lines('duty');
    const taxes = lines('tax');
    const fees = lines('fee');
    // Sums of lines as shown (each already rounded in the answer's currency), like the group totals.
    const sumOf = (pick: (l: LandedCostLine) => boolean): Money => {
      let sum = 0;
      for (const l of [...duties, ...taxes, ...fees]) if (pick(l)) sum += Number(l.amount.amount);
      return money(roundAmount(sum, rd));
    };
    const dt = this.answerSum('duty', toAnswer);
    const tt = this.answerSum('tax', toAnswer);
    const ft = this.answerSum('fee', toAnswer);
    const cd = this.round(this.total('duty'));
    const ctx_ = this.round(this.total('tax'));
    const cf = this.round(this.total('fee'));
    for (const d of this.drafts) for (const n of d.notes ?? []) this.warnings.add(`items[${d.itemIndex}]: ${n}`);
    return {
      currency: R,
      duties: { total: money(dt), lines: duties },
      taxes: { total: money(tt), lines: taxes },
      fees: { total: money(ft), lines: fees },
      total: money(roundAmount(dt + tt + ft, rd)),
      payer: payerBorder,
      dueOnDelivery: sumOf((l) => l.payer === 'recipient' && !l.collectedAtSale),
      collectedAtCheckout: sumOf((l) => l.collectedAtSale === true),
      deMinimis: this.deMinimis,
      collectedAtSale: this.collectedAtSale,
      confidence: this.confidence,
      rulesUsed: [...this.rulesUsed.values()],
      exchangeRatesUsed: [...this.fxUsed.values()],
      warnings: [...this.warnings],
      customs: {
        currency: this.ccy,
        valuationBasis: this.basis,
        customsValue: money(this.round(this.customsValue), this.ccy),
        duties: money(cd, this.ccy),
        taxes: money(ctx_, this.ccy),
        fees: money(cf, this.ccy),
        total: money(this.round(cd + ctx_ + cf), this.ccy),
      },
      ...(this.confidence === 'range' ? { rangeStrategy: 'highest' } : {}),
    };
  }
}

