import type { BookingRequest, BookingResult, CarrierRate, ChargeLine } from '../carrier-adapter';
import type { CurrencyTable } from '../../money/money';
import type { AddressSpec, ShipmentSpec, TaxId } from '../shipment-spec';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { MappedTrackingEvent, declaredValue, isCustomsDeclarable, kg, localDateTimeWithOffset, reconcileCharges, sortEvents } from '../http/api-carrier.mapping';
import { lithiumKey } from '../http/api-service-eligibility';
import type { EventCodeTable } from '../http/event-code-table';
import type { MydhlOptions } from './mydhl.kind';
import type {
  MydhlErrorResponse,
  MydhlParty,
  MydhlProduct,
  MydhlRateAddress,
  MydhlRateRequest,
  MydhlRateResponse,
  MydhlShipmentRequest,
  MydhlShipmentResponse,
  MydhlTrackingResponse,
  MydhlValueAddedService,
} from './mydhl.types';

export interface MydhlMappingContext {
  accountNumber: string;
  options: MydhlOptions;
  /** IANA zone of the shipper, for `plannedShippingDateAndTime`. */
  timeZone: string;
  /** Carrier currency, used when the carrier omits one. */
  currency: string;
  currencies: CurrencyTable;
}

/** Local time we announce the parcel ready (the carrier answers with what can still leave that day). */
const READY_TIME = '12:00:00';

function rateAddress(a: AddressSpec): MydhlRateAddress {
  return {
    postalCode: (a.postalCode ?? '').slice(0, 12),
    cityName: (a.city ?? a.postalCode ?? a.country).slice(0, 45),
    countryCode: a.country,
    ...(a.region && a.region.length >= 2 ? { provinceCode: a.region.slice(0, 35) } : {}),
  };
}

function plannedShipping(shipDate: string, timeZone: string): string {
  const { local, offset } = localDateTimeWithOffset(shipDate, READY_TIME, timeZone);
  return `${local}GMT${offset}`;
}

/** Value-added services for our handling needs, from the carrier folder's option codes. */
export function valueAddedServices(shipment: ShipmentSpec, options: MydhlOptions): MydhlValueAddedService[] {
  const out: MydhlValueAddedService[] = [];
  const { handling } = shipment;
  const lithium = new Set<string>();
  const otherUn: string[] = [];
  for (const dg of handling.dangerousGoods) {
    const key = lithiumKey(dg);
    const code = key ? options.lithium[key] : undefined;
    if (code) lithium.add(code);
    else otherUn.push(dg.unNumber.replace(/^UN/i, ''));
  }
  for (const code of lithium) out.push({ serviceCode: code });
  if (otherUn.length && options.dangerousGoods) out.push({ serviceCode: options.dangerousGoods, dangerousGoods: [{ unCodes: otherUn.slice(0, 10) }] });
  if (handling.dryIceKg > 0 && options.dryIce) out.push({ serviceCode: options.dryIce, dangerousGoods: [{ dryIceTotalNetWeight: kg(handling.dryIceKg) }] });
  const signatureCode = handling.signature ? options.signature[handling.signature] : undefined;
  if (signatureCode) out.push({ serviceCode: signatureCode });
  if (handling.insurance && options.insurance) {
    out.push({ serviceCode: options.insurance, value: Number(handling.insurance.amount), currency: handling.insurance.currency });
  }
  if (shipment.incoterm === 'DDP' && isCustomsDeclarable(shipment) && options.dutiesAndTaxesPaid) out.push({ serviceCode: options.dutiesAndTaxesPaid });
  return out;
}

function packages(shipment: ShipmentSpec) {
  return shipment.parcels.map((p) => ({
    weight: kg(p.weightKg),
    ...(p.lengthCm && p.widthCm && p.heightCm
      ? { dimensions: { length: round1(p.lengthCm), width: round1(p.widthCm), height: round1(p.heightCm) } }
      : {}),
  }));
}

function round1(cm: number): number {
  return Math.max(1, Math.round(cm * 10) / 10);
}

/** POST /rates body for every product on the lane (the carrier filters by what it can carry). */
export function buildRateRequest(shipment: ShipmentSpec, ctx: MydhlMappingContext): MydhlRateRequest {
  const dutiable = isCustomsDeclarable(shipment);
  const value = declaredValue(shipment.items, ctx.currencies);
  // /rates takes service codes and values only; dangerous-goods details belong to /shipments.
  const vas = valueAddedServices(shipment, ctx.options).map(({ dangerousGoods: _dg, ...v }) => v);
  return {
    customerDetails: { shipperDetails: rateAddress(shipment.shipFrom), receiverDetails: rateAddress(shipment.shipTo) },
    accounts: [{ typeCode: 'shipper', number: ctx.accountNumber }],
    plannedShippingDateAndTime: plannedShipping(shipment.shipDate, ctx.timeZone),
    unitOfMeasurement: 'metric',
    isCustomsDeclarable: dutiable,
    ...(dutiable && value ? { monetaryAmount: [{ typeCode: 'declaredValue' as const, value: value.amount, currency: value.currency }] } : {}),
    ...(vas.length ? { valueAddedServices: vas } : {}),
    estimatedDeliveryDate: { isRequested: true, typeCode: 'QDDC' },
    nextBusinessDay: true,
    packages: packages(shipment),
  };
}

function billingPrice(product: MydhlProduct): { price: number; currency?: string } | undefined {
  const billc = product.totalPrice.find((p) => p.currencyType === 'BILLC') ?? product.totalPrice[0];
  return billc ? { price: billc.price, currency: billc.priceCurrency } : undefined;
}

/** The product's itemised charges in the billing currency: base (first line), fuel (FF), others. */
function chargeLines(product: MydhlProduct, currency: string): ChargeLine[] {
  const block =
    product.detailedPriceBreakdown?.find((b) => b.currencyType === 'BILLC') ??
    product.detailedPriceBreakdown?.find((b) => b.priceCurrency === currency);
  const lines: ChargeLine[] = [];
  for (const [i, item] of (block?.breakdown ?? []).entries()) {
    if (item.price === undefined || item.price === 0) continue;
    if (i === 0 && !item.serviceCode) {
      lines.push({ type: 'base', code: 'base', description: item.name, amount: String(item.price) });
    } else if (item.serviceCode === 'FF') {
      lines.push({ type: 'fuel', code: 'FF', description: item.name, amount: String(item.price) });
    } else if (item.typeCode === 'STDIS' || item.price < 0) {
      lines.push({ type: 'discount', code: item.serviceCode ?? 'discount', description: item.name, amount: String(item.price) });
    } else {
      lines.push({ type: 'surcharge', code: item.serviceCode ?? item.typeCode ?? 'surcharge', description: item.name, amount: String(item.price) });
    }
  }
  return lines;
}

/**
 * Reads POST /rates into our rates, one per product that a configured service names (by
 * `carrierCode`); products we do not offer are left out. Returns the services the carrier did not
 * offer on this lane as well.
 */
export function parseRateResponse(
  body: MydhlRateResponse,
  services: ApiServiceDefinition[],
  ctx: MydhlMappingContext,
): { rates: CarrierRate[]; notOffered: ApiServiceDefinition[] } {
  const rates: CarrierRate[] = [];
  const offered = new Set<string>();
  for (const product of body.products ?? []) {
    const service = services.find((s) => s.carrierCode === product.productCode);
    if (!service || offered.has(service.code)) continue;
    const total = billingPrice(product);
    if (!total) continue;
    const currency = total.currency ?? ctx.currency;
    offered.add(service.code);
    const days = product.deliveryCapabilities?.totalTransitDays;
    const eta = product.deliveryCapabilities?.estimatedDeliveryDateAndTime?.slice(0, 10);
    rates.push({
      service: service.code,
      serviceName: service.name,
      currency,
      charges: reconcileCharges(chargeLines(product, currency), total.price, currency, ctx.currencies, 'tax'),
      transit: { minDays: days ?? 0, maxDays: days ?? 0 },
      ...(eta && /^\d{4}-\d{2}-\d{2}$/.test(eta) ? { estimatedDelivery: { earliest: eta, latest: eta } } : {}),
      chargeableWeightKg: Math.max(product.weight?.provided ?? 0, product.weight?.volumetric ?? 0) || undefined,
      bookingRef: { productCode: product.productCode, ...(product.localProductCode ? { localProductCode: product.localProductCode } : {}) },
    });
  }
  return { rates, notOffered: services.filter((s) => !offered.has(s.code)) };
}

/** Our tax id types to MyDHL `registrationNumbers[].typeCode`. IOSS travels as `SDT` (MyDHL's code for it). */
const REGISTRATION_TYPES: Record<string, string> = { vat: 'VAT', eori: 'EOR', ein: 'EIN', gst: 'GST', ioss: 'SDT', ssn: 'SSN', cpf: 'CNP', cnpj: 'CNP', abn: 'GST', rfc: 'FED' };

function registrationNumbers(taxIds: TaxId[] | undefined, country: string): MydhlParty['registrationNumbers'] {
  const out = (taxIds ?? [])
    .filter((t) => REGISTRATION_TYPES[t.type.toLowerCase()])
    .map((t) => ({ typeCode: REGISTRATION_TYPES[t.type.toLowerCase()], number: t.value.slice(0, 35), issuerCountryCode: t.country ?? country }));
  return out.length ? out : undefined;
}

function party(a: AddressSpec, extraTaxIds?: TaxId[], business?: boolean): MydhlParty {
  const registration = registrationNumbers([...(a.taxIds ?? []), ...(extraTaxIds ?? [])], a.country);
  return {
    postalAddress: {
      postalCode: (a.postalCode ?? '').slice(0, 12),
      cityName: (a.city ?? '').slice(0, 45),
      countryCode: a.country,
      ...(a.region && a.region.length >= 2 ? { provinceCode: a.region.slice(0, 35) } : {}),
      addressLine1: (a.street1 ?? '').slice(0, 45),
      ...(a.street2 ? { addressLine2: a.street2.slice(0, 45) } : {}),
      ...(a.street3 ? { addressLine3: a.street3.slice(0, 45) } : {}),
    },
    contactInformation: {
      ...(a.email ? { email: a.email.slice(0, 70) } : {}),
      phone: (a.phone ?? '').slice(0, 70),
      companyName: (a.company ?? a.name ?? '').slice(0, 100),
      fullName: (a.name ?? a.company ?? '').slice(0, 255),
    },
    ...(registration ? { registrationNumbers: registration } : {}),
    ...(business !== undefined ? { typeCode: business ? 'business' : 'private' } : {}),
  };
}

const TEMPLATES: Record<BookingRequest['labelSize'], string> = { '4x6': 'ECOM26_84_001', a6: 'ECOM26_A6_002', a4: 'ECOM26_84_A4_001' };

/** POST /shipments body: label in the requested format, commercial invoice data for dutiable goods. */
export function buildShipmentRequest(req: BookingRequest, productCode: string, ctx: MydhlMappingContext, invoiceDate: string): MydhlShipmentRequest {
  const dutiable = isCustomsDeclarable(req);
  const value = declaredValue(req.items, ctx.currencies);
  const vas = valueAddedServices(req, ctx.options);
  const paperless = dutiable && ctx.options.paperlessTrade;
  if (paperless) vas.push({ serviceCode: ctx.options.paperlessTrade! });
  const totalKg = req.parcels.reduce((s, p) => s + p.weightKg, 0);
  const itemsKg = req.items.reduce((s, i) => s + (i.unitWeightKg ?? 0) * i.quantity, 0);
  const description = (req.items.map((i) => i.description).join(', ') || 'Goods').trim().slice(0, 70);
  const reference = req.reference?.slice(0, 35);
  return {
    plannedShippingDateAndTime: plannedShipping(req.shipDate, ctx.timeZone),
    pickup: { isRequested: false },
    productCode,
    accounts: [
      { typeCode: 'shipper', number: ctx.accountNumber },
      ...(dutiable && req.incoterm === 'DDP' ? [{ typeCode: 'duties-taxes' as const, number: ctx.accountNumber }] : []),
    ],
    ...(vas.length ? { valueAddedServices: vas } : {}),
    outputImageProperties: {
      printerDPI: 300,
      encodingFormat: req.labelFormat,
      imageOptions: [
        { typeCode: 'label', templateName: TEMPLATES[req.labelSize] },
        ...(dutiable ? [{ typeCode: 'invoice' as const, isRequested: true, invoiceType: 'commercial' as const }] : []),
      ],
    },
    ...(reference ? { customerReferences: [{ value: reference, typeCode: 'CU' }] } : {}),
    customerDetails: {
      shipperDetails: party(req.shipFrom, undefined, true),
      receiverDetails: party(req.shipTo, req.importer?.taxIds, req.importer ? req.importer.type === 'business' : undefined),
    },
    content: {
      packages: req.parcels.map((p, i) => ({
        ...packages({ ...req, parcels: [p] })[0],
        ...(p.reference || reference ? { customerReferences: [{ value: (p.reference ?? `${reference}-${i + 1}`).slice(0, 35), typeCode: 'CU' }] } : {}),
      })),
      isCustomsDeclarable: dutiable,
      ...(dutiable && value ? { declaredValue: value.amount, declaredValueCurrency: value.currency } : {}),
      ...(dutiable
        ? {
            exportDeclaration: {
              lineItems: req.items.map((item, i) => {
                const net = item.unitWeightKg !== undefined ? item.unitWeightKg * item.quantity : (totalKg * item.quantity) / Math.max(1, req.items.reduce((s, x) => s + x.quantity, 0));
                const gross = itemsKg > 0 && item.unitWeightKg !== undefined ? (net * totalKg) / itemsKg : net;
                return {
                  number: i + 1,
                  description: item.description.slice(0, 512),
                  price: Number(item.unitValue.amount),
                  quantity: { value: item.quantity, unitOfMeasurement: 'PCS' as const },
                  commodityCodes: [{ typeCode: 'outbound' as const, value: item.hsCode }],
                  exportReasonType: 'permanent' as const,
                  manufacturerCountry: item.originCountry,
                  weight: { netValue: kg(net), grossValue: kg(Math.max(net, gross)) },
                };
              }),
              invoice: { number: (reference ?? req.idempotencyKey).slice(0, 35), date: invoiceDate },
              exportReasonType: 'permanent' as const,
            },
          }
        : {}),
      description,
      incoterm: req.incoterm,
      unitOfMeasurement: 'metric',
    },
    estimatedDeliveryDate: { isRequested: true, typeCode: 'QDDC' },
  };
}

/** Reads POST /shipments 201: waybill and piece numbers, labels per piece, the commercial invoice. */
export function parseShipmentResponse(body: MydhlShipmentResponse, format: 'pdf' | 'zpl', ctx: Pick<MydhlMappingContext, 'currencies'>): BookingResult {
  const trackingNumber = body.shipmentTrackingNumber;
  if (!trackingNumber) throw new Error('shipment response has no shipmentTrackingNumber');
  const labels = (body.documents ?? []).filter((d) => d.typeCode === 'label');
  const pieces = body.packages ?? [];
  const parcels = (pieces.length ? pieces : [{ trackingNumber, referenceNumber: 1 }]).map((p, i) => {
    const doc = labels.find((d) => d.packageReferenceNumber === p.referenceNumber) ?? (labels.length === pieces.length ? labels[i] : i === 0 ? labels[0] : undefined);
    return { trackingNumber: p.trackingNumber, ...(doc ? { label: { format, data: Buffer.from(doc.content, 'base64') } } : {}) };
  });
  const documents = (body.documents ?? [])
    .filter((d) => d.typeCode === 'invoice')
    .map((d) => ({ type: 'commercial_invoice', format: 'pdf' as const, data: Buffer.from(d.content, 'base64') }));
  const charge = body.shipmentCharges?.find((c) => c.currencyType === 'BILLC') ?? body.shipmentCharges?.[0];
  return {
    trackingNumber,
    carrierShipmentId: trackingNumber,
    parcels,
    ...(documents.length ? { documents } : {}),
    ...(charge?.priceCurrency
      ? { currency: charge.priceCurrency, charges: reconcileCharges([], charge.price, charge.priceCurrency, ctx.currencies) }
      : {}),
  };
}

/** "SYDNEY-AU" (service area description) to a city and country. */
function serviceAreaLocation(description: string | undefined): MappedTrackingEvent['location'] {
  if (!description) return undefined;
  const m = /^(.*?)-([A-Z]{2})$/.exec(description.trim());
  return m ? { city: m[1].trim(), country: m[2] } : { city: description.trim() };
}

/** Reads GET /shipments/{n}/tracking into events with our statuses, oldest first. */
export function parseTrackingResponse(body: MydhlTrackingResponse, table: EventCodeTable): MappedTrackingEvent[] {
  const events = (body.shipments ?? []).flatMap((s) =>
    (s.events ?? []).map((e): MappedTrackingEvent => {
      const offset = e.GMTOffset && /^[+-]\d{2}:\d{2}$/.test(e.GMTOffset) ? e.GMTOffset : '';
      const code = e.typeCode ?? 'unknown';
      return {
        code,
        description: e.description?.trim() || table.get(code)?.description || code,
        occurredAt: `${e.date}T${e.time ?? '00:00:00'}${offset}`,
        location: serviceAreaLocation(e.serviceArea?.[0]?.description),
        ...table.resolve(code),
      };
    }),
  );
  return sortEvents(events);
}

/** The carrier's words from an error body (`detail` carries the reason; `additionalDetails` the specifics). */
export function describeMydhlError(_status: number, body: unknown): { message?: string } | undefined {
  const b = body as MydhlErrorResponse | undefined;
  if (!b || typeof b !== 'object') return undefined;
  const parts = [b.detail ?? b.message ?? b.title, ...(b.additionalDetails ?? [])].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.length ? { message: parts.join('; ') } : undefined;
}
