import type { BookingRequest, CarrierRate, ChargeLine } from '../carrier-adapter';
import type { CurrencyTable } from '../../money/money';
import type { AddressSpec, ShipmentSpec, TaxId } from '../shipment-spec';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { MappedTrackingEvent, declaredValue, isCustomsDeclarable, kg, reconcileCharges, sortEvents } from '../http/api-carrier.mapping';
import { lithiumKey } from '../http/api-service-eligibility';
import type { EventCodeTable } from '../http/event-code-table';
import type { FedexOptions } from './fedex.kind';
import type {
  FedexAddress,
  FedexCommodity,
  FedexErrorResponse,
  FedexPackageLineItem,
  FedexPackageSpecialServices,
  FedexParty,
  FedexRateReplyDetail,
  FedexRateRequest,
  FedexRateResponse,
  FedexShipRequest,
  FedexShipResponse,
  FedexTrackResponse,
  FedexTrackResult,
} from './fedex.types';

export interface FedexMappingContext {
  accountNumber: string;
  options: FedexOptions;
  currency: string;
  currencies: CurrencyTable;
}

/**
 * FedEx uses its own codes for some currencies (API reference guide, "Currency Codes"); everything
 * else is ISO 4217. Translated both ways at the edge.
 */
const FEDEX_CURRENCY: Record<string, string> = { GBP: 'UKL', CHF: 'SFR', JPY: 'JYE', SGD: 'SID', MXN: 'NMP', ARS: 'ARN', CLP: 'CHP', DOP: 'RDD', KWD: 'KUD', TWD: 'NTD', KRW: 'WON', AED: 'DHS' };
const ISO_CURRENCY: Record<string, string> = Object.fromEntries(Object.entries(FEDEX_CURRENCY).map(([iso, fx]) => [fx, iso]));

export function toFedexCurrency(iso: string): string {
  return FEDEX_CURRENCY[iso] ?? iso;
}

export function fromFedexCurrency(code: string | undefined, fallback: string): string {
  if (!code) return fallback;
  return ISO_CURRENCY[code] ?? code;
}

const DAYS: Record<string, number> = {
  ONE_DAY: 1, TWO_DAYS: 2, THREE_DAYS: 3, FOUR_DAYS: 4, FIVE_DAYS: 5, SIX_DAYS: 6, SEVEN_DAYS: 7, EIGHT_DAYS: 8, NINE_DAYS: 9, TEN_DAYS: 10,
  ELEVEN_DAYS: 11, TWELVE_DAYS: 12, THIRTEEN_DAYS: 13, FOURTEEN_DAYS: 14, FIFTEEN_DAYS: 15, SIXTEEN_DAYS: 16, SEVENTEEN_DAYS: 17, EIGHTEEN_DAYS: 18, NINETEEN_DAYS: 19, TWENTY_DAYS: 20,
};

function rateAddress(a: AddressSpec): FedexAddress {
  return {
    ...(a.city ? { city: a.city.slice(0, 35) } : {}),
    ...(a.region && a.region.length <= 2 ? { stateOrProvinceCode: a.region } : {}),
    postalCode: a.postalCode ?? '',
    countryCode: a.country,
    ...(a.residential !== undefined ? { residential: a.residential } : {}),
  };
}

function specialServices(shipment: ShipmentSpec, ctx: FedexMappingContext, parcelCount: number): FedexPackageSpecialServices | undefined {
  const types: string[] = [];
  const out: FedexPackageSpecialServices = {};
  const { handling } = shipment;
  const signature = handling.signature ? ctx.options.signature[handling.signature] : undefined;
  if (signature) {
    types.push('SIGNATURE_OPTION');
    out.signatureOptionType = signature;
  }
  if (handling.dryIceKg > 0 && ctx.options.dryIce) {
    types.push('DRY_ICE');
    out.dryIceWeight = { units: 'KG', value: kg(handling.dryIceKg / parcelCount) };
  }
  const batteries: NonNullable<FedexPackageSpecialServices['batteryDetails']> = [];
  let otherDg = false;
  for (const dg of handling.dangerousGoods) {
    const key = lithiumKey(dg);
    const pi = key?.slice(0, 5);
    if (pi && key?.endsWith('-II')) {
      // PI966/967 lithium ion, PI969/970 lithium metal; 966/969 packed with, 967/970 contained in equipment.
      if (pi === 'PI965' || pi === 'PI968') {
        otherDg = true;
        continue;
      }
      batteries.push({
        material: pi === 'PI966' || pi === 'PI967' ? 'LITHIUM_ION' : 'LITHIUM_METAL',
        regulatorySubType: 'IATA_SECTION_II',
        packing: pi === 'PI966' || pi === 'PI969' ? 'PACKED_WITH_EQUIPMENT' : 'CONTAINED_IN_EQUIPMENT',
      });
    } else {
      otherDg = true;
    }
  }
  if (batteries.length) {
    types.push('BATTERY');
    out.batteryDetails = batteries;
  }
  if (otherDg) {
    types.push('DANGEROUS_GOODS');
    out.dangerousGoodsDetail = { options: ['HAZARDOUS_MATERIALS'], accessibility: 'ACCESSIBLE' };
  }
  return types.length ? { specialServiceTypes: types, ...out } : undefined;
}

function lineItems(shipment: ShipmentSpec, ctx: FedexMappingContext, reference?: string): FedexPackageLineItem[] {
  const insurance = ctx.options.insurance ? shipment.handling.insurance : undefined;
  const n = shipment.parcels.length;
  const services = specialServices(shipment, ctx, n);
  return shipment.parcels.map((p, i) => {
    const share = insurance ? Math.floor((Number(insurance.amount) / n) * 100) / 100 : 0;
    const insured = insurance ? (i === 0 ? Number(insurance.amount) - share * (n - 1) : share) : 0;
    return {
      sequenceNumber: i + 1,
      weight: { units: 'KG', value: kg(p.weightKg) },
      // FedEx dimensions are whole numbers.
      ...(p.lengthCm && p.widthCm && p.heightCm
        ? { dimensions: { length: Math.ceil(p.lengthCm), width: Math.ceil(p.widthCm), height: Math.ceil(p.heightCm), units: 'CM' as const } }
        : {}),
      ...(insurance ? { declaredValue: { amount: Number(insured.toFixed(2)), currency: toFedexCurrency(insurance.currency) } } : {}),
      ...(reference ? { customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: (p.reference ?? reference).slice(0, 40) }] } : {}),
      ...(services ? { packageSpecialServices: services } : {}),
    };
  });
}

function commodities(shipment: ShipmentSpec): FedexCommodity[] {
  const totalKg = shipment.parcels.reduce((s, p) => s + p.weightKg, 0);
  const units = Math.max(1, shipment.items.reduce((s, i) => s + i.quantity, 0));
  return shipment.items.map((item) => ({
    description: item.description.slice(0, 450),
    quantity: item.quantity,
    quantityUnits: 'PCS',
    weight: { units: 'KG', value: kg(item.unitWeightKg !== undefined ? item.unitWeightKg * item.quantity : (totalKg * item.quantity) / units) },
    customsValue: { amount: Number((Number(item.unitValue.amount) * item.quantity).toFixed(2)), currency: toFedexCurrency(item.unitValue.currency) },
    unitPrice: { amount: Number(item.unitValue.amount), currency: toFedexCurrency(item.unitValue.currency) },
    countryOfManufacture: item.originCountry,
    harmonizedCode: item.hsCode,
    numberOfPieces: 1,
  }));
}

/** POST /rate/v1/rates/quotes body without a service type: FedEx returns every service on the lane. */
export function buildRateRequest(shipment: ShipmentSpec, ctx: FedexMappingContext): FedexRateRequest {
  const dutiable = isCustomsDeclarable(shipment);
  return {
    accountNumber: { value: ctx.accountNumber },
    rateRequestControlParameters: { returnTransitTimes: true },
    requestedShipment: {
      shipper: { address: rateAddress(shipment.shipFrom) },
      recipient: { address: rateAddress(shipment.shipTo) },
      shipDateStamp: shipment.shipDate,
      pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
      packagingType: 'YOUR_PACKAGING',
      rateRequestType: ctx.options.rateRequestTypes,
      totalPackageCount: shipment.parcels.length,
      requestedPackageLineItems: lineItems(shipment, ctx),
      ...(dutiable && shipment.items.length
        ? {
            documentShipment: false,
            customsClearanceDetail: {
              ...(shipment.incoterm === 'DDP' ? { dutiesPayment: { paymentType: 'SENDER' as const } } : {}),
              commodities: commodities(shipment),
            },
          }
        : {}),
    },
  };
}

function chooseRated(reply: FedexRateReplyDetail, preferred: string[]) {
  const details = reply.ratedShipmentDetails ?? [];
  for (const type of preferred) {
    const d = details.find((x) => x.rateType === type);
    if (d) return d;
  }
  return details[0];
}

/** Reads a rate reply into rates for our services: the account rate when asked for, else the list rate. */
export function parseRateResponse(body: FedexRateResponse, services: ApiServiceDefinition[], ctx: FedexMappingContext): { rates: CarrierRate[]; notOffered: ApiServiceDefinition[] } {
  const rates: CarrierRate[] = [];
  const offered = new Set<string>();
  for (const reply of body.output?.rateReplyDetails ?? []) {
    const service = services.find((s) => s.carrierCode === reply.serviceType);
    if (!service || offered.has(service.code)) continue;
    const rated = chooseRated(reply, ctx.options.rateRequestTypes);
    if (!rated || rated.totalNetCharge === undefined) continue;
    offered.add(service.code);
    const currency = fromFedexCurrency(rated.currency ?? rated.shipmentRateDetail?.currency, ctx.currency);
    const lines: ChargeLine[] = [];
    if (rated.totalBaseCharge) lines.push({ type: 'base', code: 'base', description: 'Base charge', amount: String(rated.totalBaseCharge) });
    const discount = rated.shipmentRateDetail?.totalFreightDiscount;
    if (discount) lines.push({ type: 'discount', code: 'freight_discount', description: 'Freight discount', amount: String(-Math.abs(discount)) });
    for (const s of rated.shipmentRateDetail?.surCharges ?? []) {
      if (!s.amount) continue;
      lines.push({ type: s.type === 'FUEL' ? 'fuel' : 'surcharge', code: s.type ?? 'surcharge', description: s.description, amount: String(s.amount) });
    }
    for (const t of rated.shipmentRateDetail?.taxes ?? []) {
      if (t.amount) lines.push({ type: 'tax', code: t.type ?? 'tax', description: t.description, amount: String(t.amount) });
    }
    const transit = DAYS[reply.commit?.transitDays?.minimumTransitTime ?? reply.operationalDetail?.transitTime ?? ''];
    const maxTransit = DAYS[reply.commit?.transitDays?.maximumTransitTime ?? ''] ?? transit;
    const eta = (reply.operationalDetail?.deliveryDate ?? reply.commit?.dateDetail?.dayFormat)?.slice(0, 10);
    const etaOk = eta && /^\d{4}-\d{2}-\d{2}$/.test(eta) ? eta : undefined;
    rates.push({
      service: service.code,
      serviceName: service.name,
      currency,
      charges: reconcileCharges(lines, rated.totalNetCharge, currency, ctx.currencies),
      transit: { minDays: transit ?? 0, maxDays: maxTransit ?? transit ?? 0 },
      ...(etaOk ? { estimatedDelivery: { earliest: etaOk, latest: etaOk } } : {}),
      ...(rated.shipmentRateDetail?.totalBillingWeight?.units === 'KG' ? { chargeableWeightKg: rated.shipmentRateDetail.totalBillingWeight.value } : {}),
      bookingRef: { serviceType: reply.serviceType },
    });
  }
  return { rates, notOffered: services.filter((s) => !offered.has(s.code)) };
}

/** Our tax id types to FedEx `tins[].tinType`. */
function tins(taxIds: TaxId[] | undefined): FedexParty['tins'] {
  const out = (taxIds ?? []).map((t) => ({
    number: t.value,
    tinType: (t.type.toLowerCase() === 'ein' ? 'FEDERAL' : t.type.toLowerCase() === 'ssn' ? 'PERSONAL_NATIONAL' : 'BUSINESS_NATIONAL') as NonNullable<FedexParty['tins']>[number]['tinType'],
  }));
  return out.length ? out : undefined;
}

function party(a: AddressSpec, extraTaxIds?: TaxId[]): FedexParty {
  const t = tins([...(a.taxIds ?? []), ...(extraTaxIds ?? [])]);
  return {
    contact: {
      ...(a.name ? { personName: a.name.slice(0, 70) } : {}),
      phoneNumber: (a.phone ?? '').replace(/[^\d+]/g, '').slice(0, 15),
      ...(a.company ? { companyName: a.company.slice(0, 35) } : {}),
      ...(a.email ? { emailAddress: a.email.slice(0, 80) } : {}),
    },
    address: {
      streetLines: [a.street1, a.street2, a.street3].filter((l): l is string => Boolean(l)).map((l) => l.slice(0, 35)),
      city: (a.city ?? '').slice(0, 35),
      ...(a.region && a.region.length <= 2 ? { stateOrProvinceCode: a.region } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      countryCode: a.country,
      ...(a.residential !== undefined ? { residential: a.residential } : {}),
    },
    ...(t ? { tins: t } : {}),
  };
}

const LABEL_STOCK: Record<BookingRequest['labelSize'], { pdf: string; zpl: string }> = {
  '4x6': { pdf: 'PAPER_4X6', zpl: 'STOCK_4X6' },
  a6: { pdf: 'PAPER_4X6', zpl: 'STOCK_4X6' },
  a4: { pdf: 'PAPER_85X11_TOP_HALF_LABEL', zpl: 'STOCK_4X6' },
};

/** POST /ship/v1/shipments body: the label inline, the commercial invoice generated by FedEx for dutiable goods. */
export function buildShipRequest(req: BookingRequest, serviceType: string, ctx: FedexMappingContext): FedexShipRequest {
  const dutiable = isCustomsDeclarable(req);
  const value = declaredValue(req.items, ctx.currencies);
  const reference = req.reference?.slice(0, 40);
  const special: string[] = [];
  if (dutiable && ctx.options.paperlessTrade) special.push('ELECTRONIC_TRADE_DOCUMENTS');
  if (req.handling.dryIceKg > 0 && ctx.options.dryIce) special.push('DRY_ICE');
  const account = { value: ctx.accountNumber };
  return {
    labelResponseOptions: 'LABEL',
    accountNumber: account,
    requestedShipment: {
      shipper: party(req.shipFrom),
      recipients: [party(req.shipTo, req.importer?.taxIds)],
      shipDatestamp: req.shipDate,
      serviceType,
      packagingType: 'YOUR_PACKAGING',
      pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
      totalWeight: kg(req.parcels.reduce((s, p) => s + p.weightKg, 0)),
      shippingChargesPayment: { paymentType: 'SENDER', payor: { responsibleParty: { accountNumber: account } } },
      labelSpecification: { imageType: req.labelFormat === 'zpl' ? 'ZPLII' : 'PDF', labelStockType: LABEL_STOCK[req.labelSize][req.labelFormat] },
      ...(special.length
        ? {
            shipmentSpecialServices: {
              specialServiceTypes: special,
              ...(special.includes('ELECTRONIC_TRADE_DOCUMENTS') ? { etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] } } : {}),
              ...(special.includes('DRY_ICE') ? { shipmentDryIceDetail: { totalWeight: { units: 'KG' as const, value: kg(req.handling.dryIceKg) }, packageCount: req.parcels.length } } : {}),
            },
          }
        : {}),
      ...(dutiable
        ? {
            customsClearanceDetail: {
              dutiesPayment: req.incoterm === 'DDP' ? { paymentType: 'SENDER' as const, payor: { responsibleParty: { accountNumber: account } } } : { paymentType: 'RECIPIENT' as const },
              commercialInvoice: {
                shipmentPurpose: 'SOLD' as const,
                termsOfSale: req.incoterm,
                customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER' as const, value: (reference ?? req.idempotencyKey).slice(0, 30) }],
              },
              commodities: commodities(req),
              ...(value ? { totalCustomsValue: { amount: value.amount, currency: toFedexCurrency(value.currency) } } : {}),
            },
            shippingDocumentSpecification: {
              shippingDocumentTypes: ['COMMERCIAL_INVOICE'],
              commercialInvoiceDetail: { documentFormat: { docType: 'PDF' as const, stockType: 'PAPER_LETTER' as const } },
            },
          }
        : {}),
      totalPackageCount: req.parcels.length,
      requestedPackageLineItems: lineItems(req, ctx, reference),
    },
  };
}

export interface FedexShipResult {
  masterTrackingNumber: string;
  pieces: { trackingNumber: string; label?: Buffer }[];
  invoicePdf?: Buffer;
  total?: { amount: number; currency: string };
}

/** Reads the ship response: master and piece tracking numbers, base64 labels, the commercial invoice. */
export function parseShipResponse(body: FedexShipResponse, fallbackCurrency: string): FedexShipResult {
  const shipment = body.output?.transactionShipments?.[0];
  const master = shipment?.masterTrackingNumber ?? shipment?.pieceResponses?.[0]?.trackingNumber;
  if (!shipment || !master) throw new Error('ship response has no transactionShipments[0].masterTrackingNumber');
  const invoice = (shipment.shipmentDocuments ?? []).find((d) => d.contentType === 'COMMERCIAL_INVOICE' && d.encodedLabel);
  const rating = shipment.completedShipmentDetail?.shipmentRating?.shipmentRateDetails?.[0];
  return {
    masterTrackingNumber: master,
    pieces: (shipment.pieceResponses ?? []).map((p) => {
      const doc = (p.packageDocuments ?? []).find((d) => d.contentType === 'LABEL' && d.encodedLabel);
      return { trackingNumber: p.trackingNumber ?? master, ...(doc ? { label: Buffer.from(doc.encodedLabel!, 'base64') } : {}) };
    }),
    ...(invoice ? { invoicePdf: Buffer.from(invoice.encodedLabel!, 'base64') } : {}),
    ...(rating?.totalNetCharge !== undefined ? { total: { amount: rating.totalNetCharge, currency: fromFedexCurrency(rating.currency, fallbackCurrency) } } : {}),
  };
}

/** When FedEx reuses a number, several results come back: the one with the newest scan is ours. */
function newestResult(results: FedexTrackResult[]): FedexTrackResult | undefined {
  const newest = (r: FedexTrackResult) => Math.max(0, ...(r.scanEvents ?? []).map((e) => Date.parse(e.date ?? '') || 0));
  return [...results].filter((r) => !r.error).sort((a, b) => newest(b) - newest(a))[0];
}

export function scanEvents(result: FedexTrackResult | undefined, table: EventCodeTable): MappedTrackingEvent[] {
  return sortEvents(
    (result?.scanEvents ?? []).map((e): MappedTrackingEvent => {
      const code = e.eventType ?? 'unknown';
      const loc = e.scanLocation;
      const text = [e.eventDescription, e.exceptionDescription].filter(Boolean).join(': ');
      return {
        code,
        description: text || table.get(code)?.description || code,
        occurredAt: e.date ?? '',
        ...(loc && (loc.city || loc.countryCode) ? { location: { city: loc.city, region: loc.stateOrProvinceCode, postalCode: loc.postalCode, country: loc.countryCode } } : {}),
        ...table.resolve(code, e.derivedStatusCode),
      };
    }),
  );
}

/** Reads POST /track/v1/trackingnumbers into events with our statuses, oldest first. */
export function parseTrackResponse(body: FedexTrackResponse, table: EventCodeTable): MappedTrackingEvent[] {
  const results = (body.output?.completeTrackResults ?? []).flatMap((c) => c.trackResults ?? []);
  return scanEvents(newestResult(results), table);
}

/** FedEx error bodies: `errors[].code` (e.g. SERVICE.UNAVAILABLE.ERROR) and `message`. */
export function describeFedexError(_status: number, body: unknown): { message?: string } | undefined {
  const errors = (body as FedexErrorResponse | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return { message: errors.map((e) => [e.code, e.message].filter(Boolean).join(' ')).join('; ') };
}
