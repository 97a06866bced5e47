import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CarrierRate } from '../carriers/carrier-adapter';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { CarrierError } from '../carriers/carrier-error';
import type { ShipmentSpec } from '../carriers/shipment-spec';
import { type PricingRule, selectRule } from '../customers/pricing-rule';
import { territoryOf } from '../documents/customs/customs-document-rules';
import { CUSTOMS_FORM_RULES, type CustomsFormRules } from '../documents/customs/customs-rules';
import { PricingRulesService } from '../customers/pricing-rules.service';
import { LandedCostService } from '../landed-cost/landed-cost.service';
import type { PreparedEstimate } from '../landed-cost/landed-cost-engine';
import type { LandedCostInput, LandedCostResult } from '../landed-cost/landed-cost.types';
import { type ExchangeRate, ExchangeRateTable, type GivenRate } from '../money/exchange-rates';
import { roundAmount } from '../money/money';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { newId } from '../platform/ids/new-id';
import { ReferenceData } from '../tariffs/reference-data';
import { BusinessCalendar } from './business-calendar';
import { type CarrierCall, type CarrierOutcome, fanOut } from './carrier-fan-out';
import { type DeliveryWindow, deliveryWindow, localNow } from './delivery-window';
import { priceOption } from './option-pricing';
import { rankOptions } from './option-ranking';
import type { CreateQuoteDto, QuoteSort } from './quote-request.dto';
import { serializeQuote } from './quote-json';
import { QuoteRepository, type StoredQuote } from './quote.repository';
import type { DutiesAndTaxesRecord, DutyRuleRef, OptionBookingData, PricedOption, QuoteOptionView, QuoteView, ResolvedQuoteOption, UnavailableView } from './quote.types';
import { toShipmentSpec } from './shipment-normaliser';

const QUOTE_ID = /^quo_[0-9a-z]{26}$/;

/** What pricing one option needs besides the carrier's rate; shared by a quote's options. */
interface PricingContext {
  shipment: ShipmentSpec;
  currency: string;
  /** Day whose exchange rates convert carrier prices (the quote's day, UTC). */
  fxDate: string;
  givenRates: GivenRate[];
  rules: PricingRule[];
  sellerRegistrations?: string[];
  now: Date;
  /** Local now per time zone, computed once per request. */
  localNow: Map<string, { date: string; time: string }>;
  /** Delivery windows by time zone, cut-off and transit days. */
  windows: Map<string, DeliveryWindow>;
  fxUsed: Map<string, ExchangeRate & { from: string; to: string }>;
  /** Duty rules of all options, by id: listed once per quote. */
  dutyRules: Map<string, DutyRuleRef>;
  /**
   * Landed-cost answers of this request by what differs between its options (price, carrier mode and
   * fees, pick-up date; the rest of the input is the request's): options alike share one estimate,
   * and options at any price share it when the destination's answer does not depend on shipping.
   */
  landedCost: Map<string, QuoteOptionView['dutiesAndTaxes']>;
  /** Estimates up to the carrier fees by mode and pick-up day (and shipping amount when it counts). */
  beforeCarrierFees: Map<string, PreparedEstimate>;
  /** Whether both addresses lie in one customs territory (DE -> FR): no duties or import taxes. Asked once per request. */
  domestic?: boolean;
}

interface BuiltOption {
  view: Omit<QuoteOptionView, 'tags' | 'score'>;
  booking: OptionBookingData;
  buyerTotal: number;
}

/**
 * The rating engine: asks every enabled carrier in parallel within the time budget, prices each
 * option in the requested currency with the customer's negotiated rule, adds duties and taxes from
 * the landed-cost engine, dates the delivery window, ranks, and stores the quote (one INSERT).
 *
 * For booking, `resolveOption` turns `(quoteId, optionId)` back into the stored option and shipment,
 * and `rateService` prices one carrier service directly.
 */
@Injectable()
export class QuoteService {
  private readonly logger = new Logger(QuoteService.name);

  constructor(
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly fx: ExchangeRateTable,
    private readonly reference: ReferenceData,
    private readonly landedCost: LandedCostService,
    private readonly pricingRules: PricingRulesService,
    private readonly calendar: BusinessCalendar,
    private readonly repository: QuoteRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(CUSTOMS_FORM_RULES) private readonly customs: CustomsFormRules,
  ) {}

  /** Prices a validated request, stores the quote and returns it as the API shows it. */
  async create(dto: CreateQuoteDto, apiKeyId?: string): Promise<QuoteView> {
    return (await this.price(dto, apiKeyId)).view;
  }

  /** As `create`, already serialised (UTF-8 JSON): the answer stored is the answer sent (one serialisation per quote). */
  async createSerialized(dto: CreateQuoteDto, apiKeyId?: string): Promise<Buffer> {
    return (await this.price(dto, apiKeyId)).body;
  }

  private async price(dto: CreateQuoteDto, apiKeyId?: string): Promise<{ view: QuoteView; body: Buffer }> {
    const now = this.clock.now();
    const shipment = toShipmentSpec(dto, dto.shipDate ?? this.originToday(dto.shipFrom.country, now));
    const sort: QuoteSort = dto.sort ?? 'best_value';
    const { calls, unavailable } = this.carrierCalls(dto.shipFrom.country, dto.carriers);
    const quoteId = newId('quo', now.getTime());
    const [rules, outcomes] = await Promise.all([
      dto.customerId ? this.pricingRules.rulesFor(dto.customerId) : Promise.resolve([]),
      fanOut(calls, shipment, this.config.QUOTE_TIME_BUDGET_MS, quoteId),
    ]);
    const ctx: PricingContext = {
      shipment,
      currency: dto.currency,
      fxDate: now.toISOString().slice(0, 10),
      givenRates: dto.exchangeRates ?? [],
      rules,
      sellerRegistrations: dto.sellerRegistrations,
      now,
      localNow: new Map(),
      windows: new Map(),
      fxUsed: new Map(),
      dutyRules: new Map(),
      landedCost: new Map(),
      beforeCarrierFees: new Map(),
    };

    const built: BuiltOption[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        this.logFailure(outcome);
        for (const s of outcome.carrier.services) unavailable.push({ carrier: outcome.carrier.id, service: s.code, reason: outcome.reason, message: outcome.message });
        continue;
      }
      for (const e of outcome.excluded) unavailable.push({ carrier: outcome.carrier.id, service: e.service, reason: e.reason, message: e.message });
      for (const rate of outcome.rates) built.push(this.buildOption(outcome.carrier, rate, ctx));
    }

    const today = this.originToday(shipment.shipFrom.country, now);
    const rankable = built.map((b) => ({
      id: b.view.id,
      landedCost: Number(b.view.landedCost.amount),
      buyerTotal: b.buyerTotal,
      earliest: b.view.estimatedDelivery.earliest,
      latest: b.view.estimatedDelivery.latest,
      tracked: b.view.tracked,
      built: b,
    }));
    const { ordered, tags, scores } = rankOptions(rankable, sort, today);
    const options: QuoteOptionView[] = ordered.map((r) => ({ ...r.built.view, tags: tags.get(r.id)!, score: scores.get(r.id)! }));

    const expiresAt = new Date(now.getTime() + this.config.QUOTE_TTL_MINUTES * 60_000);
    const view: QuoteView = {
      id: quoteId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      currency: dto.currency,
      incoterm: dto.incoterm,
      sort,
      shipDate: shipment.shipDate,
      customerId: dto.customerId ?? null,
      options,
      unavailable: unavailable.sort((a, b) => a.carrier.localeCompare(b.carrier) || a.service.localeCompare(b.service)),
      exchangeRates: [...ctx.fxUsed.values()],
      dutyRules: [...ctx.dutyRules.values()],
    };
    const serialized = serializeQuote(view);
    const stored = this.repository.insert({
      id: quoteId,
      createdAt: now,
      expiresAt,
      apiKeyId: apiKeyId ?? null,
      customerId: dto.customerId ?? null,
      currency: dto.currency,
      incoterm: dto.incoterm,
      shipment,
      response: serialized.compact,
      options: Object.fromEntries(built.map((b) => [b.view.id, b.booking])),
    });
    // The pool sends the row on its next tick; the answer's bytes are put together after that, while
    // PostgreSQL stores it, rather than after the commit. Nothing is answered before the commit.
    const [body] = await Promise.all([nextTick().then(() => serialized.body()), stored]);
    return { view, body };
  }

  /**
   * The stored quote as it was answered.
   * @throws AppError 404 `QUOTE_NOT_FOUND`; 410 `QUOTE_EXPIRED` once past `expiresAt`.
   */
  async get(id: string): Promise<QuoteView> {
    return JSON.parse(await this.getSerialized(id)) as QuoteView;
  }

  /** As `get`, the stored JSON text as it was sent. */
  async getSerialized(id: string): Promise<string> {
    const quote = QUOTE_ID.test(id) ? await this.repository.findResponse(id) : null;
    if (!quote) throw new AppError(404, 'QUOTE_NOT_FOUND', `quote ${id} not found`);
    this.checkNotExpired(id, quote.expiresAt);
    return quote.response;
  }

  /**
   * Resolves a quote option for booking: the option as the buyer saw it (price, duties, delivery
   * window), the data the carrier adapter needs to book exactly that price (`bookingRef`, zone,
   * carrier-currency charges, exchange rate, pricing rule), and the shipment as quoted.
   *
   * @throws AppError 404 `QUOTE_NOT_FOUND` (unknown quote id), 410 `QUOTE_EXPIRED` (past `expiresAt`:
   * prices are no longer honoured), 422 `QUOTE_OPTION_NOT_FOUND` (the option id is not in this quote).
   * @example const { option, shipment } = await quotes.resolveOption('quo_...', 'opt_...');
   */
  async resolveOption(quoteId: string, optionId: string): Promise<ResolvedQuoteOption> {
    const quote = await this.load(quoteId);
    const view = quote.response.options.find((o) => o.id === optionId);
    const booking = quote.options[optionId];
    if (!view || !booking) {
      throw new AppError(422, 'QUOTE_OPTION_NOT_FOUND', `quote ${quoteId} has no option ${optionId}`, [{ path: 'optionId', message: `not an option of quote ${quoteId}` }]);
    }
    return {
      quoteId,
      expiresAt: quote.expiresAt,
      currency: quote.currency,
      incoterm: quote.incoterm as ResolvedQuoteOption['incoterm'],
      customerId: quote.customerId,
      shipment: quote.shipment,
      option: { ...view, dutiesAndTaxes: withSources(view.dutiesAndTaxes, quote.response.dutyRules ?? []), ...booking },
    };
  }

  /**
   * Prices one carrier service for a shipment now, as a quote option would be (currency, customer
   * rule, duties and taxes, delivery window), without storing anything. For bookings made without a
   * quote, and for re-rating before booking.
   *
   * @throws AppError 404 `CARRIER_NOT_FOUND` / `SERVICE_NOT_FOUND`; 422 `SERVICE_UNAVAILABLE` with the
   * exclusion reason (e.g. `weight_exceeds_limit`) or the carrier's refusal of the request;
   * `CarrierError` when the carrier fails (timeout, outage, rate limit, open circuit).
   * @example await quotes.rateService({ carrier: 'dhl-express', service: 'express-worldwide', shipment, currency: 'EUR' });
   */
  async rateService(request: { carrier: string; service: string; shipment: ShipmentSpec; currency: string; customerId?: string; givenRates?: GivenRate[] }): Promise<PricedOption> {
    const carrier = this.catalog.get(request.carrier);
    if (!carrier) throw new AppError(404, 'CARRIER_NOT_FOUND', `no carrier "${request.carrier}"`, [{ path: 'carrier', message: 'unknown carrier' }]);
    if (!carrier.services.some((s) => s.code === request.service)) {
      throw new AppError(404, 'SERVICE_NOT_FOUND', `${carrier.id} has no service "${request.service}"`, [{ path: 'service', message: `one of ${carrier.services.map((s) => s.code).join(', ')}` }]);
    }
    const adapter = this.adapters.has(carrier.adapter) ? this.adapters.get(carrier.adapter) : undefined;
    if (!adapter || !(adapter.enabled?.(carrier) ?? true)) {
      throw new AppError(422, 'SERVICE_UNAVAILABLE', `${carrier.name} is not available`, [{ path: 'carrier', message: 'carrier_unavailable' }]);
    }
    const now = this.clock.now();
    const [rules, [outcome]] = await Promise.all([
      request.customerId ? this.pricingRules.rulesFor(request.customerId) : Promise.resolve([]),
      fanOut([{ carrier, adapter }], request.shipment, this.config.QUOTE_TIME_BUDGET_MS),
    ]);
    if (!outcome.ok) {
      this.logFailure(outcome);
      const error = outcome.error;
      if (error instanceof CarrierError && error.code === 'INVALID_REQUEST') {
        throw new AppError(422, 'SERVICE_UNAVAILABLE', outcome.message, [{ path: 'service', message: outcome.reason }]);
      }
      // An outage, a timeout or an open circuit is not the client's fault: the caller answers it as
      // a carrier failure (503/504 with Retry-After) that is worth retrying, not as a 422.
      throw error instanceof CarrierError ? error : new CarrierError(carrier.id, outcome.reason === 'carrier_timeout' ? 'TIMEOUT' : 'UNKNOWN', outcome.message, { cause: error });
    }
    const rate = outcome.rates.find((r) => r.service === request.service);
    if (!rate) {
      const why = outcome.excluded.find((e) => e.service === request.service);
      throw new AppError(422, 'SERVICE_UNAVAILABLE', why?.message ?? `${carrier.name} did not price ${request.service}`, [{ path: 'service', message: why?.reason ?? 'carrier_error' }]);
    }
    const ctx: PricingContext = {
      shipment: request.shipment,
      currency: request.currency,
      fxDate: now.toISOString().slice(0, 10),
      givenRates: request.givenRates ?? [],
      rules,
      now,
      localNow: new Map(),
      windows: new Map(),
      fxUsed: new Map(),
      dutyRules: new Map(),
      landedCost: new Map(),
      beforeCarrierFees: new Map(),
    };
    const built = this.buildOption(carrier, rate, ctx);
    return { ...built.view, tags: [], score: 0, dutiesAndTaxes: withSources(built.view.dutiesAndTaxes, [...ctx.dutyRules.values()]), ...built.booking };
  }

  /**
   * The pick-up day and delivery window of a carrier service handed over now, from its cut-off and the
   * working days of origin and destination: a quoted option booked after its cut-off (or after
   * midnight) no longer leaves on the day it was quoted for. Undefined for an unknown carrier.
   */
  windowIfHandedOverNow(carrierId: string, serviceCode: string, shipment: ShipmentSpec, transit: { minDays: number; maxDays: number }): { pickupDate: string; earliest: string; latest: string } | undefined {
    const carrier = this.catalog.get(carrierId);
    if (!carrier) return undefined;
    const local = localNow(this.clock.now(), carrier.timeZone);
    const w = this.window(local, local.date, carrier.services.find((s) => s.code === serviceCode)?.cutoff, shipment, transit);
    return { pickupDate: w.pickupDate, earliest: w.earliest, latest: w.latest };
  }

  /** The delivery window of a service handed over on `shipDate` (or its next pick-up day) between the shipment's addresses. */
  private window(now: { date: string; time: string }, shipDate: string, cutoff: string | undefined, shipment: ShipmentSpec, transit: { minDays: number; maxDays: number }): DeliveryWindow {
    return deliveryWindow(
      {
        now,
        shipDate,
        cutoff,
        origin: { country: shipment.shipFrom.country, region: shipment.shipFrom.region },
        destination: { country: shipment.shipTo.country, region: shipment.shipTo.region },
        transit,
      },
      this.calendar,
    );
  }

  /** One carrier rate turned into a quote option: converted, adjusted, dated, with duties and taxes. */
  private buildOption(carrier: CarrierDefinition, rate: CarrierRate, ctx: PricingContext): BuiltOption {
    const { shipment, currency } = ctx;
    const currencies = this.reference.currencies;
    const fxRate = this.fx.rate(rate.currency, currency, ctx.fxDate, ctx.givenRates);
    if (rate.currency !== currency) ctx.fxUsed.set(`${rate.currency}>${currency}`, { from: rate.currency, to: currency, ...fxRate });
    const rule = selectRule(ctx.rules, carrier.id, rate.service);
    const ruleFixedInQuote = rule?.amount ? this.fx.convert(rule.amount.amount, rule.amount.currency, currency, ctx.fxDate, ctx.givenRates).value : undefined;
    const price = priceOption({ lines: rate.charges, rate: fxRate.rate, currency, currencies, rule, ruleFixedInQuote });

    const service = carrier.services.find((s) => s.code === rate.service);
    const zone = carrier.timeZone;
    let local = ctx.localNow.get(zone);
    if (!local) {
      local = localNow(ctx.now, zone);
      ctx.localNow.set(zone, local);
    }
    // Carriers with the same time zone, cut-off and transit days share one window.
    const windowKey = `${zone}|${service?.cutoff ?? ''}|${rate.transit.minDays}|${rate.transit.maxDays}`;
    let window = ctx.windows.get(windowKey);
    if (!window) {
      window = this.window(local, shipment.shipDate, service?.cutoff, shipment, rate.transit);
      ctx.windows.set(windowKey, window);
    }
    const estimatedDelivery = rate.estimatedDelivery
      ? { earliest: rate.estimatedDelivery.earliest, latest: rate.estimatedDelivery.latest, holidays: [] }
      : { earliest: window.earliest, latest: window.latest, holidays: window.holidays.map(({ date, country, name }) => ({ date, country, name })) };

    const duties = this.dutiesAndTaxes(carrier, price.total.amount, ctx, window.pickupDate);
    const digits = currencies.minorUnits(currency);
    const atCheckout = shipment.incoterm === 'DDP' ? Number(duties.total.amount) : sumCollectedAtSale(duties);
    // Plain numbers (as `round(exact(a).add(b))` would answer): both are already at minor units.
    const landed = roundAmount(Number(price.total.amount) + atCheckout, digits);
    const buyerTotal = roundAmount(Number(price.total.amount) + Number(duties.total.amount), 6);
    const tracked = (service as { tracked?: boolean } | undefined)?.tracked ?? true;
    return {
      view: {
        id: newId('opt'),
        carrier: carrier.id,
        carrierName: carrier.name,
        service: rate.service,
        serviceName: rate.serviceName,
        tracked,
        shipping: { total: price.total, charges: price.charges },
        dutiesAndTaxes: duties,
        landedCost: { amount: landed.toFixed(digits), currency },
        transit: { minDays: rate.transit.minDays, maxDays: rate.transit.maxDays },
        pickupDate: window.pickupDate,
        estimatedDelivery,
      },
      booking: {
        carrierPrice: { currency: rate.currency, charges: rate.charges },
        exchangeRate: { rate: fxRate.rate, date: fxRate.date, source: fxRate.source },
        pricingRuleId: rule?.id ?? null,
        ...(rate.zone !== undefined && { zone: rate.zone }),
        ...(rate.chargeableWeightKg !== undefined && { chargeableWeightKg: rate.chargeableWeightKg }),
        ...(rate.bookingRef !== undefined && { bookingRef: rate.bookingRef }),
      },
      buyerTotal,
    };
  }

  /** Duties, taxes and fees of one option from the landed-cost engine; none inside one customs territory (DE -> FR). */
  private dutiesAndTaxes(carrier: CarrierDefinition, shipping: string, ctx: PricingContext, pickupDate: string): QuoteOptionView['dutiesAndTaxes'] {
    const { shipment, currency } = ctx;
    const zero = { amount: (0).toFixed(this.reference.currencies.minorUnits(currency)), currency };
    const payer = shipment.incoterm === 'DDP' ? 'sender' : 'recipient';
    const territories = this.customs.customsTerritories;
    ctx.domestic ??= territoryOf(shipment.shipFrom, territories) === territoryOf(shipment.shipTo, territories);
    if (ctx.domestic) {
      return { total: zero, payer, dueOnDelivery: zero, collectedAtCheckout: zero, confidence: 'exact', duties: zero, taxes: zero, fees: zero, lines: [], deMinimis: [], collectedAtSale: false, warnings: [] };
    }
    // Everything in the estimate's input but the mode, the pick-up day, the carrier's fees and the
    // shipping amount comes from the request and is the same for every option. An answer that does not
    // depend on the shipping amount (FOB value, no tax on shipping) is kept without it; options alike
    // find theirs before any input is built.
    const mode = carrier.mode ?? 'courier';
    const fees = carrierFeesOf(carrier);
    const anyShipping = `${mode}|${pickupDate}|${fees.key}`;
    const withShipping = `${shipping}|${anyShipping}`;
    const known = ctx.landedCost.get(anyShipping) ?? ctx.landedCost.get(withShipping);
    if (known) return known;
    const input: LandedCostInput = {
      shipFrom: { country: shipment.shipFrom.country, region: shipment.shipFrom.region, postalCode: shipment.shipFrom.postalCode },
      shipTo: { country: shipment.shipTo.country, region: shipment.shipTo.region, postalCode: shipment.shipTo.postalCode },
      items: shipment.items,
      shipping: { amount: shipping, currency },
      ...(shipment.handling.insurance && { insurance: shipment.handling.insurance }),
      incoterm: shipment.incoterm,
      currency,
      mode,
      date: pickupDate,
      ...(ctx.givenRates.length && { exchangeRates: ctx.givenRates }),
      ...(shipment.importer && { importer: shipment.importer }),
      ...(ctx.sellerRegistrations && { sellerRegistrations: ctx.sellerRegistrations }),
      ...(fees.carrierFees && { carrierFees: fees.carrierFees }),
    };
    // Carriers with other fees but the same mode and pick-up day share the estimate up to their fees.
    const beforeFees = `${mode}|${pickupDate}`;
    let prepared = ctx.beforeCarrierFees.get(beforeFees) ?? ctx.beforeCarrierFees.get(`${shipping}|${beforeFees}`);
    if (!prepared) {
      prepared = this.landedCost.prepare(input);
      ctx.beforeCarrierFees.set(prepared.dependsOnShipping ? `${shipping}|${beforeFees}` : beforeFees, prepared);
    }
    const { result: r, dependsOnShipping }: { result: LandedCostResult; dependsOnShipping: boolean } = prepared.finish(input.carrierFees);
    for (const rule of r.rulesUsed) if (!ctx.dutyRules.has(rule.id)) ctx.dutyRules.set(rule.id, { id: rule.id, source: rule.source, validFrom: rule.validFrom });
    const view: QuoteOptionView['dutiesAndTaxes'] = {
      total: r.total,
      payer: r.payer,
      dueOnDelivery: r.dueOnDelivery,
      collectedAtCheckout: r.collectedAtCheckout,
      confidence: r.confidence,
      duties: r.duties.total,
      taxes: r.taxes.total,
      fees: r.fees.total,
      lines: [...r.duties.lines, ...r.taxes.lines, ...r.fees.lines].map(({ source: _source, ...line }) => line),
      deMinimis: r.deMinimis,
      collectedAtSale: r.collectedAtSale,
      ...(r.range && { range: r.range }),
      warnings: r.warnings,
    };
    ctx.landedCost.set(dependsOnShipping ? withShipping : anyShipping, view);
    return view;
  }

  /**
   * Enabled carriers to ask, and the ones that cannot be asked: those asked for by name, and those
   * that pick up in the origin country but are not configured here (an API carrier without
   * credentials), so that an answer without options still says what would have served the lane.
   */
  private carrierCalls(origin: string, only?: string[]): { calls: CarrierCall[]; unavailable: UnavailableView[] } {
    const calls: CarrierCall[] = [];
    const unavailable: UnavailableView[] = [];
    for (const carrier of this.catalog.all()) {
      if (only && !only.includes(carrier.id)) continue;
      const adapter = this.adapters.has(carrier.adapter) ? this.adapters.get(carrier.adapter) : undefined;
      if (adapter && (adapter.enabled?.(carrier) ?? true)) {
        calls.push({ carrier, adapter });
      } else if (only || carrier.origins.includes(origin)) {
        for (const s of carrier.services) unavailable.push({ carrier: carrier.id, service: s.code, reason: 'carrier_unavailable', message: `${carrier.name} is not configured on this service` });
      }
    }
    return { calls, unavailable };
  }

  private async load(id: string): Promise<StoredQuote> {
    const quote = QUOTE_ID.test(id) ? await this.repository.findById(id) : null;
    if (!quote) throw new AppError(404, 'QUOTE_NOT_FOUND', `quote ${id} not found`);
    this.checkNotExpired(id, quote.expiresAt);
    return quote;
  }

  private checkNotExpired(id: string, expiresAt: Date): void {
    if (expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new AppError(410, 'QUOTE_EXPIRED', `quote ${id} expired at ${expiresAt.toISOString()}; ask for a new quote`);
    }
  }

  private originToday(country: string, now: Date): string {
    const zone = this.catalog.all().find((c) => c.origins.includes(country))?.timeZone ?? 'UTC';
    return localNow(now, zone).date;
  }

  private logFailure(outcome: Extract<CarrierOutcome, { ok: false }>): void {
    const detail = outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error ?? '');
    if (outcome.reason === 'carrier_timeout') this.logger.warn(`carrier ${outcome.carrier.id} timed out after ${outcome.ms} ms`);
    else this.logger.warn(`carrier ${outcome.carrier.id} failed after ${outcome.ms} ms: ${detail}`);
  }
}

/** Puts each line's source back and lists the rules it used, from the quote's rule list. */
function withSources(duties: QuoteOptionView['dutiesAndTaxes'], rules: DutyRuleRef[]): DutiesAndTaxesRecord {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const used = new Map<string, DutyRuleRef>();
  const lines = duties.lines.map((l) => {
    const rule = byId.get(l.ruleId);
    if (rule) used.set(rule.id, rule);
    return { ...l, source: rule?.source ?? '' };
  });
  return { ...duties, lines, rulesUsed: [...used.values()] };
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

/**
 * The carrier's DDP and disbursement fees as the landed-cost input takes them, and as a key (the JSON
 * of the same object); remembered per carrier, as carrier definitions do not change after boot.
 */
const feesByCarrier = new WeakMap<CarrierDefinition, { carrierFees?: LandedCostInput['carrierFees']; key: string }>();
function carrierFeesOf(carrier: CarrierDefinition): { carrierFees?: LandedCostInput['carrierFees']; key: string } {
  let fees = feesByCarrier.get(carrier);
  if (!fees) {
    const carrierFees = carrier.ddp && { ddpFee: carrier.ddp.ddpFee, disbursementFee: carrier.ddp.disbursementFee };
    fees = { carrierFees, key: JSON.stringify(carrierFees ?? null) };
    feesByCarrier.set(carrier, fees);
  }
  return fees;
}

/** Taxes the seller collects at checkout (IOSS and the like) even when the recipient pays the rest. */
function sumCollectedAtSale(duties: QuoteOptionView['dutiesAndTaxes']): number {
  if (!duties.collectedAtSale) return 0;
  return duties.lines.filter((l) => (l as { collectedAtSale?: boolean }).collectedAtSale).reduce((acc, l) => acc + Number(l.amount.amount), 0);
}
