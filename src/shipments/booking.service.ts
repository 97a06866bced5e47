import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AddressRules } from '../addresses/address-rules';
import { checkAddress } from '../addresses/address-check';
import type { BookingResult, CarrierAdapter, ChargeLine } from '../carriers/carrier-adapter';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { CarrierError } from '../carriers/carrier-error';
import type { AddressSpec, ShipmentSpec } from '../carriers/shipment-spec';
import type { Money } from '../money/money';
import { requiredCustomsDocuments } from '../documents/customs/customs-document-rules';
import { CUSTOMS_FORM_RULES, CustomsFormRules } from '../documents/customs/customs-rules';
import type { CarrierLabel } from '../documents/labels/label.types';
import { ExchangeRateTable } from '../money/exchange-rates';
import { round, sum } from '../money/money';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { AppError, ErrorDetail } from '../platform/errors/app-error';
import { newId, randomToken } from '../platform/ids/new-id';
import { QuoteService } from '../rating/quote.service';
import { ReferenceData } from '../tariffs/reference-data';
import { requestFingerprint } from './domain/request-fingerprint';
import { addressSpec, handlingSpec, importerSpec, itemSpecs, parcelSpecs } from './domain/shipment-spec.mapper';
import type { CreateShipmentDto } from './dto/shipment-request.dto';
import type { ShipmentView } from './dto/shipment-view.dto';
import { IdempotencyStore } from './idempotency.store';
import { ShipmentLifecycle } from './shipment-lifecycle';
import type { ShipmentCustoms, ShipmentDirection, ShipmentRecord } from './shipment.record';
import { bookingModeProblems, carrierProblems, ddpProblems, itemProblems, pickupProblems, shipDateProblems } from './shipment-request.validation';
import { ShipmentStore } from './shipment.store';
import { shipmentView } from './shipment-view';

export interface BookingOptions {
  /** The API key booking; idempotency keys are scoped to it. */
  owner: string;
  idempotencyKey: string;
  batchId?: string;
  /** `return` for a return shipment (made by the returns room through `book`). */
  direction?: ShipmentDirection;
  /** For a return: the outbound shipment it returns. */
  returnOf?: string;
}

export interface BookingOutcome {
  status: 201;
  body: ShipmentView;
  /** True when the response is the stored one of an earlier request with the same key. */
  replayed: boolean;
}

/** A quoted option's price, honoured at booking until the quote expires. */
interface QuotedPrice {
  quoteId: string;
  optionId: string;
  carrier: string;
  service: string;
  serviceName: string;
  shipment: ShipmentSpec;
  currency: string;
  charges: ChargeLine[];
  total: Money;
  dutiesAndTaxes: unknown;
  zone?: string;
  bookingRef?: Record<string, unknown>;
  /** The working day the carrier takes the parcel, as the quote worked it out (cut-off, days off). */
  pickupDate?: string;
  estimatedDelivery?: DeliveryPromise;
  /** Transit days of the option, to date a later pick-up day's window. */
  transit?: { minDays: number; maxDays: number };
}

/** A delivery window as promised at booking. */
interface DeliveryPromise {
  earliest: string;
  latest: string;
}

/** What the booking charges (the quote's price, or the re-rating's), and the delivery window it promised. */
interface BookingPrice {
  currency: string;
  charges: ChargeLine[];
  zone?: string;
  bookingRef?: Record<string, unknown>;
  dutiesAndTaxes: unknown;
  promisedDelivery?: DeliveryPromise;
}

/** What booking settled before calling the carrier. */
interface BookingPlan {
  carrier: CarrierDefinition;
  adapter: CarrierAdapter;
  service: string;
  serviceName: string;
  spec: ShipmentSpec;
  customs: ShipmentCustoms;
  quote?: QuotedPrice;
}

/** How long a request owns its idempotency key before a retry may take over (longer than the carrier timeout). */
const LEASE_MS = 60_000;
const CARRIER_TIMEOUT_MS = 30_000;
/** How long a duplicate waits for the first request to finish before answering 409 (and Retry-After). */
const WAIT_FOR_FIRST_MS = 20_000;

/**
 * Books shipments exactly once per idempotency key, across instances and crashes:
 *
 * 1. reserve the key (a row in `idempotency_key`; the database lets only one request insert it);
 * 2. plan: validate addresses per country, resolve the quote (its price is honoured until it expires)
 *    or re-rate the service, decide the customs papers;
 * 3. call the carrier with an idempotency key derived from ours (a retry gets the same booking);
 * 4. in one transaction, write the shipment and its parcels and complete the key with the response.
 *
 * A failure before the carrier answered releases the key (nothing was bought). A failure whose outcome
 * is unknown (timeout, carrier 5xx, crash) leaves the key pending without a lease: the next retry
 * calls the carrier again with the same carrier idempotency key and records what it answers.
 */
@Injectable()
export class BookingService {
  private readonly logger = new Logger(BookingService.name);

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly addressRules: AddressRules,
    private readonly reference: ReferenceData,
    private readonly fx: ExchangeRateTable,
    @Inject(CUSTOMS_FORM_RULES) private readonly customsRules: CustomsFormRules,
    private readonly keys: IdempotencyStore,
    private readonly shipments: ShipmentStore,
    private readonly lifecycle: ShipmentLifecycle,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly quotes: QuoteService,
  ) {}

  async book(body: CreateShipmentDto, options: BookingOptions): Promise<BookingOutcome> {
    const hash = requestFingerprint({ ...body, direction: options.direction ?? 'outbound', returnOf: options.returnOf });
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (let delay = 25; ; delay = Math.min(500, delay * 2)) {
      const reservation = await this.keys.reserve(options.owner, options.idempotencyKey, hash, LEASE_MS);
      switch (reservation.kind) {
        case 'conflict':
          throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body', [
            { path: 'Idempotency-Key', message: 'use a new key for a new request' },
          ]);
        case 'completed':
          return { status: 201, body: reservation.body as ShipmentView, replayed: true };
        case 'owned':
          return this.bookOwned(body, options, reservation.leaseToken, reservation.takeover);
        case 'in_progress':
          if (Date.now() > deadline) {
            throw new AppError(409, 'IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly', [], {
              'Retry-After': '2',
            });
          }
          await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async bookOwned(body: CreateShipmentDto, options: BookingOptions, leaseToken: string, takeover: boolean): Promise<BookingOutcome> {
    const { owner, idempotencyKey } = options;
    let plan: BookingPlan;
    let price: BookingPrice;
    try {
      plan = await this.plan(body);
      if (plan.quote) {
        const q = plan.quote;
        price = { currency: q.currency, charges: q.charges, zone: q.zone, bookingRef: q.bookingRef, dutiesAndTaxes: q.dutiesAndTaxes, promisedDelivery: q.estimatedDelivery };
        // Quoted before the carrier's cut-off (or before midnight) and booked after it: the price
        // holds, but the parcel leaves on the next pick-up day, and the window moves with it.
        const current = q.pickupDate && q.transit ? this.quotes.windowIfHandedOverNow(q.carrier, q.service, plan.spec, q.transit) : undefined;
        if (current && current.pickupDate > q.pickupDate!) {
          plan = this.onPickupDay(plan, current.pickupDate);
          price = { ...price, promisedDelivery: { earliest: current.earliest, latest: current.latest } };
        }
      } else {
        const rated = await this.rerate(plan, body);
        price = rated.price;
        plan = this.onPickupDay(plan, rated.pickupDate);
      }
    } catch (e) {
      // Nothing was bought: the key is free again.
      await this.keys.release(owner, idempotencyKey, leaseToken);
      throw e instanceof CarrierError ? carrierFailure(e) : e;
    }

    let booked: BookingResult;
    try {
      booked = await plan.adapter.book(
        plan.carrier,
        {
          ...plan.spec,
          service: plan.service,
          reference: body.reference,
          labelFormat: body.labelFormat ?? 'pdf',
          labelSize: body.labelSize ?? '4x6',
          idempotencyKey: carrierIdempotencyKey(owner, idempotencyKey),
          bookingRef: price.bookingRef,
        },
        { signal: AbortSignal.timeout(CARRIER_TIMEOUT_MS), reference: body.reference },
      );
      if (booked.parcels.length !== plan.spec.parcels.length) {
        throw new CarrierError(plan.carrier.id, 'UNKNOWN', `carrier returned ${booked.parcels.length} tracking numbers for ${plan.spec.parcels.length} parcels`);
      }
    } catch (e) {
      const error = e instanceof CarrierError ? e : new CarrierError(plan.carrier.id, 'UNKNOWN', 'carrier adapter failed', { cause: e });
      if (error.code === 'INVALID_REQUEST' || error.code === 'AUTH' || error.code === 'RATE_LIMITED') {
        await this.keys.release(owner, idempotencyKey, leaseToken);
      } else {
        // The carrier may have booked: keep the key so a retry asks the carrier again with the same key.
        await this.keys.expireLease(owner, idempotencyKey, leaseToken);
      }
      this.logger.warn(`booking with ${plan.carrier.id} failed: ${error.code} ${error.message}${takeover ? ' (retry of an unfinished booking)' : ''}`);
      throw carrierFailure(error);
    }

    const record = this.record(body, options, plan, price, booked);
    const labels: (CarrierLabel | undefined)[] = booked.parcels.map((p) => p.label && { format: p.label.format, data: p.label.data });
    const documents = (booked.documents ?? []).map((d) => ({ type: d.type, format: d.format, data: d.data }));
    try {
      const outcome = await this.db.transaction(async (tx) => {
        await this.shipments.insert(tx, record, labels, documents);
        await this.lifecycle.emitBooked(tx, record);
        const stored = await this.shipments.findById(record.id, tx);
        const view = shipmentView(stored!, this.config.publicBaseUrl, this.reference.currencies);
        const completed = await this.keys.complete(tx, owner, idempotencyKey, leaseToken, 201, view, record.id);
        if (!completed) throw new LeaseLost();
        return { status: 201 as const, body: view, replayed: false };
      });
      this.logger.log(`booked ${record.id} with ${record.carrier}/${record.service}, ${record.parcels.length} parcel(s)`);
      return outcome;
    } catch (e) {
      if (e instanceof LeaseLost) {
        // Another request took the key over after our lease ran out; its carrier call used the same
        // carrier idempotency key, so there is one booking. Answer with whatever it recorded.
        return this.book(body, options);
      }
      await this.keys.expireLease(owner, idempotencyKey, leaseToken);
      throw e;
    }
  }

  /** Validates the request against carriers, quotes and per-country address rules; every problem at once. */
  private async plan(body: CreateShipmentDto): Promise<BookingPlan> {
    const problems: ErrorDetail[] = [];
    const isKnownCountry = (c: string) => this.reference.countries.has(c);
    const from = checkAddress(body.shipFrom, this.addressRules, { path: 'shipFrom', full: true, isKnownCountry });
    const to = checkAddress(body.shipTo, this.addressRules, { path: 'shipTo', full: true, isKnownCountry });
    problems.push(...from.problems, ...to.problems);

    let quote: QuotedPrice | undefined;
    let carrierId = body.carrier;
    let serviceCode = body.service;
    problems.push(...bookingModeProblems(body));
    if (body.quoteId && body.optionId) {
        // 404 QUOTE_NOT_FOUND, 410 QUOTE_EXPIRED (the price is honoured until then), 422 QUOTE_OPTION_NOT_FOUND.
        const resolved = await this.quotes.resolveOption(body.quoteId, body.optionId);
        const o = resolved.option;
        quote = {
          quoteId: resolved.quoteId,
          optionId: o.id,
          carrier: o.carrier,
          service: o.service,
          serviceName: o.serviceName,
          shipment: resolved.shipment,
          currency: resolved.currency,
          charges: o.shipping.charges.map((c) => ({ type: c.type, code: c.code, ...(c.description && { description: c.description }), amount: c.amount.amount })),
          total: o.shipping.total,
          dutiesAndTaxes: o.dutiesAndTaxes,
          zone: o.zone,
          bookingRef: o.bookingRef,
          pickupDate: o.pickupDate,
          transit: o.transit,
          ...(o.estimatedDelivery?.earliest && o.estimatedDelivery.latest && { estimatedDelivery: { earliest: o.estimatedDelivery.earliest, latest: o.estimatedDelivery.latest } }),
        };
        carrierId = quote.carrier;
        serviceCode = quote.service;
        problems.push(...quoteAddressMismatches(quote.shipment, from.address, to.address));
    }

    const carrier = carrierId ? this.catalog.get(carrierId) : undefined;
    if (carrierId && !carrier) problems.push({ path: 'carrier', message: `unknown carrier "${carrierId}"; see GET /v1/carriers` });
    const service = carrier?.services.find((s) => s.code === serviceCode);
    if (carrier && serviceCode && !service) {
      problems.push({ path: 'service', message: `carrier ${carrier.id} has no service "${serviceCode}"; it has ${carrier.services.map((s) => s.code).join(', ')}` });
    }
    if (carrier) problems.push(...carrierProblems(carrier, this.adapters));
    const adapter = carrier && this.adapters.has(carrier.adapter) ? this.adapters.get(carrier.adapter) : undefined;

    const spec: ShipmentSpec = quote
      ? { ...quote.shipment, shipFrom: mergeAddress(quote.shipment.shipFrom, from.address), shipTo: mergeAddress(quote.shipment.shipTo, to.address) }
      : {
          shipFrom: addressSpec(from.address),
          shipTo: addressSpec(to.address),
          parcels: parcelSpecs(body.parcels ?? []),
          items: itemSpecs(body.items),
          handling: handlingSpec(body.handling),
          incoterm: body.incoterm ?? 'DAP',
          shipDate: body.shipDate ?? '',
          ...(body.importer && { importer: importerSpec(body.importer) }),
        };
    if (carrier) {
      const today = this.clock.nowDateTime(carrier.timeZone).toISODate()!;
      // The ship date is the day the carrier takes the parcel: a quote's option says which (after the
      // cut-off, the next working day); a direct booking learns it when it is re-rated (onPickupDay).
      // A quoted pick-up day already past (a quote from yesterday) gives way to the requested day.
      spec.shipDate = quote?.pickupDate && quote.pickupDate >= today ? quote.pickupDate : (body.shipDate ?? today);
      if (body.shipDate) problems.push(...shipDateProblems(body.shipDate, carrier, this.clock));
      problems.push(...pickupProblems(carrier, spec.shipFrom.country));
      if (spec.incoterm === 'DDP') problems.push(...ddpProblems(carrier, quote ? 'optionId' : 'incoterm'));
    }

    problems.push(...itemProblems(spec.items.map((i) => ({ currency: i.unitValue.currency, originCountry: i.originCountry })), this.reference));

    const reason = body.customs?.reason ?? 'sale';
    const mode = carrier?.mode ?? (carrier?.trackingNumber?.format === 's10' ? 'postal' : 'courier');
    let customs: ShipmentCustoms = { crossesBorder: false, documents: [], reasons: [], mode, reason, ...(body.customs?.signatory && { signatory: body.customs.signatory }) };
    if (!problems.some((p) => p.path.startsWith('shipFrom') || p.path.startsWith('shipTo') || p.path.startsWith('items'))) {
      const decision = this.customsDecision(spec, mode);
      customs = { ...customs, ...decision };
      if (decision.crossesBorder && spec.items.length === 0 && reason !== 'documents') {
        problems.push({
          path: 'items',
          message: `items (description, HS code, origin, quantity, value) are required: ${spec.shipFrom.country} -> ${spec.shipTo.country} crosses a customs border`,
        });
      }
    }

    if (problems.length) throw AppError.validation(problems, `The shipment cannot be booked: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return { carrier: carrier!, adapter: adapter!, service: service!.code, serviceName: quote?.serviceName ?? service!.name, spec, customs, quote };
  }

  /** Customs papers across a customs or fiscal border; the goods value is converted at the ship date's rates. */
  private customsDecision(spec: ShipmentSpec, mode: ShipmentCustoms['mode']): Pick<ShipmentCustoms, 'crossesBorder' | 'documents' | 'reasons'> {
    const decision = requiredCustomsDocuments(
      {
        shipFrom: spec.shipFrom,
        shipTo: spec.shipTo,
        mode,
        value: this.goodsValue(spec),
        totalWeightKg: spec.parcels.reduce((a, p) => a + p.weightKg, 0),
        parcelCount: spec.parcels.length,
      },
      this.customsRules,
      (amount, fromCurrency, toCurrency) => this.fx.convert(amount, fromCurrency, toCurrency, spec.shipDate).value.toFixed(2),
    );
    return { crossesBorder: decision.crossesBorder, documents: decision.documents, reasons: decision.reasons };
  }

  /**
   * Prices the chosen service at booking time (direct bookings) the way a quote would: in the
   * requested currency (the carrier's by default), with the customer's pricing rule, duties and taxes,
   * and the option's pick-up day and delivery window.
   */
  private async rerate(plan: BookingPlan, body: CreateShipmentDto): Promise<{ price: BookingPrice; pickupDate: string }> {
    const currency = body.currency ?? plan.carrier.currency;
    const priced = await this.quotes.rateService({ carrier: plan.carrier.id, service: plan.service, shipment: plan.spec, currency, customerId: body.customerId });
    const window = priced.estimatedDelivery;
    return {
      price: {
        currency,
        charges: priced.shipping.charges.map((c) => ({ type: c.type, code: c.code, ...(c.description && { description: c.description }), amount: c.amount.amount })),
        zone: priced.zone,
        bookingRef: priced.bookingRef,
        dutiesAndTaxes: priced.dutiesAndTaxes,
        ...(window?.earliest && window.latest && { promisedDelivery: { earliest: window.earliest, latest: window.latest } }),
      },
      pickupDate: priced.pickupDate,
    };
  }

  /**
   * The plan on the carrier's pick-up day (a direct booking after the cut-off, or on a day off, ships
   * on the next working day): the carrier, the label, the customs papers and the manifest all take
   * this date, and the customs value is converted again at its rates.
   */
  private onPickupDay(plan: BookingPlan, pickupDate: string): BookingPlan {
    if (!pickupDate || pickupDate === plan.spec.shipDate) return plan;
    const spec = { ...plan.spec, shipDate: pickupDate };
    const customs = plan.customs.crossesBorder ? { ...plan.customs, ...this.customsDecision(spec, plan.customs.mode) } : plan.customs;
    return { ...plan, spec, customs };
  }

  private goodsValue(spec: ShipmentSpec): { amount: string; currency: string } {
    const currency = spec.items[0]?.unitValue.currency ?? 'EUR';
    const table = this.reference.currencies;
    const lines = spec.items.map((i) => round(Number(i.unitValue.amount) * i.quantity, currency, table));
    return { amount: sum(lines, currency, table).value.toFixed(table.minorUnits(currency)), currency };
  }

  private record(
    body: CreateShipmentDto,
    options: BookingOptions,
    plan: BookingPlan,
    price: BookingPrice,
    booked: BookingResult,
  ): ShipmentRecord {
    const table = this.reference.currencies;
    const total = sum(
      price.charges.map((c) => round(c.amount, price.currency, table)),
      price.currency,
      table,
    );
    return {
      id: newId('shp', this.clock.now().getTime()),
      status: 'booked',
      direction: options.direction ?? 'outbound',
      ownerKeyId: options.owner,
      carrier: plan.carrier.id,
      service: plan.service,
      serviceName: plan.serviceName,
      reference: body.reference ?? null,
      trackingNumber: booked.trackingNumber,
      trackingToken: randomToken(24),
      carrierShipmentId: booked.carrierShipmentId ?? null,
      labelFormat: body.labelFormat ?? 'pdf',
      labelSize: body.labelSize ?? '4x6',
      labelDpi: body.labelDpi ?? 203,
      shipDate: plan.spec.shipDate,
      shipFrom: plan.spec.shipFrom,
      shipTo: plan.spec.shipTo,
      items: plan.spec.items,
      handling: plan.spec.handling,
      incoterm: plan.spec.incoterm,
      importer: plan.spec.importer ?? null,
      customs: plan.customs,
      zone: price.zone ?? null,
      currency: price.currency,
      charges: price.charges,
      total: total.value.toFixed(table.minorUnits(price.currency)),
      dutiesAndTaxes: price.dutiesAndTaxes ?? null,
      quoteId: plan.quote?.quoteId ?? null,
      optionId: plan.quote?.optionId ?? null,
      batchId: options.batchId ?? null,
      returnOf: options.returnOf ?? null,
      printedAt: null,
      printCount: 0,
      handedOverAt: null,
      cancelledAt: null,
      createdAt: this.clock.now(),
      parcels: plan.spec.parcels.map((p, index) => ({
        index,
        trackingNumber: booked.parcels[index].trackingNumber,
        weightKg: p.weightKg,
        ...(p.lengthCm !== undefined && { lengthCm: p.lengthCm, widthCm: p.widthCm, heightCm: p.heightCm }),
        ...(booked.parcels[index].label && { carrierLabelFormat: booked.parcels[index].label!.format }),
      })),
      carrierDocuments: (booked.documents ?? []).map((d) => d.type),
      ...(price.promisedDelivery && { promisedDelivery: price.promisedDelivery }),
    };
  }
}

class LeaseLost extends Error {}

/** The carrier sees a stable key per (API key, Idempotency-Key) without learning either. */
export function carrierIdempotencyKey(owner: string, key: string): string {
  return `pw-${createHash('sha256').update(`${owner}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

/** A carrier failure as the API reports it. */
export function carrierFailure(e: CarrierError): AppError {
  const detail = e.options.carrierMessage ? [{ path: 'carrier', message: e.options.carrierMessage }] : [];
  switch (e.code) {
    case 'TIMEOUT':
      return new AppError(504, 'CARRIER_TIMEOUT', `${e.carrier} did not answer in time; retry with the same Idempotency-Key`, detail);
    case 'RATE_LIMITED':
      return new AppError(503, 'CARRIER_RATE_LIMITED', `${e.carrier} is limiting requests; retry later`, detail, {
        'Retry-After': String(Math.max(1, Math.ceil((e.options.retryAfterMs ?? 5000) / 1000))),
      });
    case 'INVALID_REQUEST':
      return new AppError(422, 'CARRIER_REJECTED', `${e.carrier} refused the shipment: ${e.message}`, detail);
    case 'AUTH':
      return new AppError(502, 'CARRIER_AUTH_FAILED', `${e.carrier} refused our credentials; nothing was booked`, detail);
    case 'UNAVAILABLE':
      return new AppError(503, 'CARRIER_UNAVAILABLE', `${e.carrier} is unavailable; retry with the same Idempotency-Key`, detail, { 'Retry-After': '5' });
    default:
      return new AppError(502, 'CARRIER_ERROR', `${e.carrier} failed; retry with the same Idempotency-Key`, detail);
  }
}

/** A quote priced one route; booking it for another would not honour the price. */
function quoteAddressMismatches(quoted: ShipmentSpec, from: AddressSpec, to: AddressSpec): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const bare = (s?: string) => (s ?? '').replace(/[\s-]/g, '').toUpperCase();
  for (const [path, q, b] of [
    ['shipFrom', quoted.shipFrom, from],
    ['shipTo', quoted.shipTo, to],
  ] as const) {
    if (q.country !== b.country.toUpperCase()) problems.push({ path: `${path}.country`, message: `the quote was for ${q.country}` });
    else if (q.postalCode && bare(q.postalCode) !== bare(b.postalCode)) problems.push({ path: `${path}.postalCode`, message: `the quote was for postal code ${q.postalCode}` });
  }
  return problems;
}

function mergeAddress(quoted: AddressSpec, full: AddressSpec): AddressSpec {
  return { ...quoted, ...addressSpec({ ...full, country: full.country }), residential: full.residential ?? quoted.residential };
}
