import type { BookingRequest, CarrierRate, ChargeLine } from '../carrier-adapter';
import type { CurrencyTable } from '../../money/money';
import type { AddressSpec, ShipmentSpec, TaxId } from '../shipment-spec';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { MappedTrackingEvent, declaredValue, isCustomsDeclarable, reconcileCharges, sortEvents } from '../http/api-carrier.mapping';
import type { EventCodeTable } from '../http/event-code-table';
import type { UpsOptions } from './ups.kind';
import type {
  UpsActivity,
  UpsAddress,
  UpsErrorResponse,
  UpsPackage,
  UpsParty,
  UpsRateRequest,
  UpsRateResponse,
  UpsRatedShipment,
  UpsShipmentRequest,
  UpsShipmentResponse,
  UpsTrackAlertEvent,
  UpsTrackResponse,
} from './ups.types';

export interface UpsMappingContext {
  accountNumber: string;
  options: UpsOptions;
  currency: string;
  currencies: CurrencyTable;
}

/** UPS itemised charge codes we name (Rating API appendix); others become generic surcharges. */
const FUEL_CODES = new Set(['375']);

/** UPS sends one element as an object and several as an array. */
export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const KGS = { Code: 'KGS', Description: 'Kilograms' };
const CM = { Code: 'CM', Description: 'Centimeters' };

function upsWeight(kg: number): string {
  return String(Math.max(0.1, Math.ceil(kg * 10) / 10));
}

function upsLength(cm: number): string {
  return String(Math.max(1, Math.ceil(cm)));
}

function address(a: AddressSpec, withStreet: boolean): UpsAddress {
  const lines = withStreet ? [a.street1, a.street2, a.street3].filter((l): l is string => Boolean(l)).map((l) => l.slice(0, 35)) : [];
  return {
    AddressLine: lines.length ? lines : [''],
    ...(a.city ? { City: a.city.slice(0, 30) } : {}),
    ...(a.region ? { StateProvinceCode: a.region.slice(0, 5) } : {}),
    ...(a.postalCode ? { PostalCode: a.postalCode.replace(/\s+/g, '').slice(0, 9) } : {}),
    CountryCode: a.country,
    ...(withStreet && a.residential ? { ResidentialAddressIndicator: 'Y' } : {}),
  };
}

function packages(shipment: ShipmentSpec, ctx: UpsMappingContext, shipping: boolean): UpsPackage[] {
  const insurance = ctx.options.insurance ? shipment.handling.insurance : undefined;
  const signature = shipment.handling.signature ? ctx.options.signature[shipment.handling.signature] : undefined;
  const n = shipment.parcels.length;
  return shipment.parcels.map((p, i) => {
    const options: NonNullable<UpsPackage['PackageServiceOptions']> = {};
    if (signature) options.DeliveryConfirmation = { DCISType: signature };
    if (insurance) {
      // Declared value is per package: the insured amount is spread evenly, the remainder on the first.
      const total = Number(insurance.amount);
      const share = Math.floor((total / n) * 100) / 100;
      const amount = i === 0 ? total - share * (n - 1) : share;
      options.DeclaredValue = { CurrencyCode: insurance.currency, MonetaryValue: shipping ? amount.toFixed(2) : amount.toFixed(2).padStart(8, '0') };
    }
    if (shipment.handling.dryIceKg > 0 && ctx.options.dryIce) {
      options.DryIce = {
        RegulationSet: ctx.options.dryIce.regulationSet,
        DryIceWeight: { UnitOfMeasurement: { Code: '01', Description: 'Kilograms' }, Weight: upsWeight(shipment.handling.dryIceKg / n) },
      };
    }
    const pkg: UpsPackage = {
      ...(shipping ? { Packaging: { Code: '02', Description: 'Package' } } : { PackagingType: { Code: '02', Description: 'Package' } }),
      ...(p.lengthCm && p.widthCm && p.heightCm
        ? { Dimensions: { UnitOfMeasurement: CM, Length: upsLength(p.lengthCm), Width: upsLength(p.widthCm), Height: upsLength(p.heightCm) } }
        : {}),
      PackageWeight: { UnitOfMeasurement: KGS, Weight: upsWeight(p.weightKg) },
      ...(Object.keys(options).length ? { PackageServiceOptions: options } : {}),
    };
    return pkg;
  });
}

function yyyymmdd(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function isoFromUps(date: string | undefined): string | undefined {
  return date && /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}` : undefined;
}

/** POST /api/rating/{version}/Shoptimeintransit body: every UPS service on the lane, with transit times. */
export function buildRateRequest(shipment: ShipmentSpec, ctx: UpsMappingContext): UpsRateRequest {
  const value = isCustomsDeclarable(shipment) ? declaredValue(shipment.items, ctx.currencies) : undefined;
  const totalKg = shipment.parcels.reduce((s, p) => s + p.weightKg, 0);
  return {
    RateRequest: {
      Request: { RequestOption: 'Shoptimeintransit', TransactionReference: { CustomerContext: 'rate' } },
      Shipment: {
        Shipper: { ShipperNumber: ctx.accountNumber, Address: address(shipment.shipFrom, false) },
        ShipTo: { Address: address(shipment.shipTo, false) },
        ShipFrom: { Address: address(shipment.shipFrom, false) },
        PaymentDetails: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: ctx.accountNumber } }] },
        NumOfPieces: String(shipment.parcels.length),
        Package: packages(shipment, ctx, false),
        ...(ctx.options.negotiatedRates ? { ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' } } : {}),
        ...(value ? { InvoiceLineTotal: { CurrencyCode: value.currency, MonetaryValue: value.amount.toFixed(2) } } : {}),
        ShipmentTotalWeight: { UnitOfMeasurement: KGS, Weight: upsWeight(totalKg) },
        DeliveryTimeInformation: { PackageBillType: '03', Pickup: { Date: yyyymmdd(shipment.shipDate) } },
      },
    },
  };
}

function chargeLines(rated: UpsRatedShipment): ChargeLine[] {
  const lines: ChargeLine[] = [];
  const itemised = asArray(rated.ItemizedCharges);
  const itemisedTotal = itemised.reduce((s, c) => s + Number(c.MonetaryValue), 0);
  const base = rated.BaseServiceCharge ? Number(rated.BaseServiceCharge.MonetaryValue) : Number(rated.TransportationCharges.MonetaryValue) - itemisedTotal;
  if (base) lines.push({ type: 'base', code: 'base', description: 'Transportation', amount: String(base) });
  for (const c of itemised) {
    const amount = Number(c.MonetaryValue);
    if (!amount) continue;
    lines.push(FUEL_CODES.has(c.Code) ? { type: 'fuel', code: c.Code, description: 'Fuel surcharge', amount: String(amount) } : { type: 'surcharge', code: c.Code, amount: String(amount) });
  }
  const options = Number(rated.ServiceOptionsCharges?.MonetaryValue ?? 0);
  if (options) lines.push({ type: 'surcharge', code: 'service_options', description: 'Service options (declared value, signature, dry ice)', amount: String(options) });
  for (const t of asArray(rated.TaxCharges)) {
    const amount = Number(t.MonetaryValue);
    if (amount) lines.push({ type: 'tax', code: t.Type, amount: String(amount) });
  }
  return lines;
}

/** Reads a Shop/Shoptimeintransit response into rates for the services we offer. */
export function parseRateResponse(body: UpsRateResponse, services: ApiServiceDefinition[], ctx: UpsMappingContext): { rates: CarrierRate[]; notOffered: ApiServiceDefinition[] } {
  const rates: CarrierRate[] = [];
  const offered = new Set<string>();
  for (const rated of asArray(body.RateResponse?.RatedShipment)) {
    const service = services.find((s) => s.carrierCode === rated.Service?.Code);
    if (!service || offered.has(service.code)) continue;
    offered.add(service.code);
    const withTaxes = rated.TotalChargesWithTaxes;
    const negotiated = rated.NegotiatedRateCharges?.TotalChargesWithTaxes ?? rated.NegotiatedRateCharges?.TotalCharge;
    const total = negotiated ?? withTaxes ?? rated.TotalCharges;
    const currency = total.CurrencyCode || ctx.currency;
    const arrival = rated.TimeInTransit?.ServiceSummary?.EstimatedArrival;
    const days = Number(arrival?.BusinessDaysInTransit ?? rated.GuaranteedDelivery?.BusinessDaysInTransit);
    const eta = isoFromUps(arrival?.Arrival?.Date) ?? isoFromUps(rated.GuaranteedDelivery?.ScheduledDeliveryDate);
    rates.push({
      service: service.code,
      serviceName: service.name,
      currency,
      charges: reconcileCharges(chargeLines(rated), Number(total.MonetaryValue), currency, ctx.currencies),
      transit: { minDays: Number.isFinite(days) ? days : 0, maxDays: Number.isFinite(days) ? days : 0 },
      ...(eta ? { estimatedDelivery: { earliest: eta, latest: eta } } : {}),
      ...(rated.BillingWeight?.Weight ? { chargeableWeightKg: Number(rated.BillingWeight.Weight) } : {}),
      bookingRef: { serviceCode: rated.Service.Code },
    });
  }
  return { rates, notOffered: services.filter((s) => !offered.has(s.code)) };
}

/**
 * UPS has one 15-character `TaxIdentificationNumber` per party. A tax id is never cut short (a
 * truncated EORI is a wrong EORI): the first one that fits wins, EORI before VAT before others.
 */
export function fittingTaxId(taxIds: TaxId[] | undefined): string | undefined {
  const order = ['eori', 'vat', 'ein'];
  const sorted = [...(taxIds ?? [])].sort((a, b) => rank(a.type) - rank(b.type));
  return sorted.find((t) => t.value.replace(/\s+/g, '').length <= 15)?.value.replace(/\s+/g, '');
  function rank(type: string): number {
    const i = order.indexOf(type.toLowerCase());
    return i === -1 ? order.length : i;
  }
}

function digits(phone: string | undefined): string {
  return (phone ?? '').replace(/[^\d]/g, '').slice(-15);
}

function party(a: AddressSpec, extra: { shipperNumber?: string; taxId?: string }): UpsParty {
  return {
    Name: (a.company ?? a.name ?? '').slice(0, 35),
    ...(a.name ? { AttentionName: a.name.slice(0, 35) } : {}),
    ...(extra.taxId ? { TaxIdentificationNumber: extra.taxId } : {}),
    Phone: { Number: digits(a.phone) },
    ...(extra.shipperNumber ? { ShipperNumber: extra.shipperNumber } : {}),
    ...(a.email ? { EMailAddress: a.email.slice(0, 50) } : {}),
    Address: address(a, true),
  };
}

/** POST /api/shipments/{version}/ship body: labels as GIF (turned into PDF) or ZPL, invoice data for customs. */
export function buildShipmentRequest(req: BookingRequest, serviceCode: string, ctx: UpsMappingContext, invoiceDate: string): UpsShipmentRequest {
  const dutiable = isCustomsDeclarable(req);
  const value = dutiable ? declaredValue(req.items, ctx.currencies) : undefined;
  const shipperTax = fittingTaxId(req.shipFrom.taxIds);
  const receiverTax = fittingTaxId([...(req.shipTo.taxIds ?? []), ...(req.importer?.taxIds ?? [])]);
  const charges: UpsShipmentRequest['ShipmentRequest']['Shipment']['PaymentInformation']['ShipmentCharge'] = [
    { Type: '01', BillShipper: { AccountNumber: ctx.accountNumber } },
  ];
  if (dutiable && req.incoterm === 'DDP') charges.push({ Type: '02', BillShipper: { AccountNumber: ctx.accountNumber } });
  const reference = req.reference?.slice(0, 35);
  return {
    ShipmentRequest: {
      Request: { RequestOption: 'nonvalidate', ...(reference ? { TransactionReference: { CustomerContext: reference } } : {}) },
      Shipment: {
        Description: (req.items.map((i) => i.description).join(', ') || 'Goods').slice(0, 50),
        Shipper: party(req.shipFrom, { shipperNumber: ctx.accountNumber, taxId: shipperTax }) as UpsParty & { ShipperNumber: string },
        ShipTo: party(req.shipTo, { taxId: receiverTax }),
        ShipFrom: party(req.shipFrom, { taxId: shipperTax }),
        PaymentInformation: { ShipmentCharge: charges },
        Service: { Code: serviceCode },
        ...(value ? { InvoiceLineTotal: { CurrencyCode: value.currency, MonetaryValue: value.amount.toFixed(2) } } : {}),
        ...(ctx.options.negotiatedRates ? { ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' } } : {}),
        ...(dutiable && value
          ? {
              ShipmentServiceOptions: {
                InternationalForms: {
                  FormType: ['01'],
                  InvoiceNumber: (reference ?? req.idempotencyKey).slice(0, 35),
                  InvoiceDate: yyyymmdd(invoiceDate),
                  ReasonForExport: 'SALE',
                  CurrencyCode: value.currency,
                  TermsOfShipment: req.incoterm,
                  Product: req.items.map((item) => ({
                    Description: [item.description.slice(0, 35)],
                    Unit: { Number: String(item.quantity), UnitOfMeasurement: { Code: 'PCS', Description: 'PCS' }, Value: item.unitValue.amount },
                    CommodityCode: item.hsCode,
                    OriginCountryCode: item.originCountry,
                    ...(item.unitWeightKg ? { ProductWeight: { UnitOfMeasurement: KGS, Weight: upsWeight(item.unitWeightKg * item.quantity) } } : {}),
                  })),
                },
              },
            }
          : {}),
        Package: packages(req, ctx, true),
      },
      LabelSpecification: {
        LabelImageFormat: req.labelFormat === 'zpl' ? { Code: 'ZPL', Description: 'ZPL' } : { Code: 'GIF', Description: 'GIF' },
        LabelStockSize: { Height: '6', Width: '4' },
      },
    },
  };
}

export interface UpsShipmentResult {
  shipmentId: string;
  packages: { trackingNumber: string; label?: { format: string; data: Buffer } }[];
  invoicePdf?: Buffer;
  total?: { amount: number; currency: string };
}

/** Reads the ship response; labels stay in the carrier's format (GIF or ZPL) for the adapter to convert. */
export function parseShipmentResponse(body: UpsShipmentResponse): UpsShipmentResult {
  const results = body.ShipmentResponse?.ShipmentResults;
  if (!results?.ShipmentIdentificationNumber) throw new Error('ship response has no ShipmentIdentificationNumber');
  const total = results.NegotiatedRateCharges?.TotalCharge ?? results.ShipmentCharges?.TotalCharges;
  const form = results.Form?.Image;
  return {
    shipmentId: results.ShipmentIdentificationNumber,
    packages: asArray(results.PackageResults).map((p) => ({
      trackingNumber: p.TrackingNumber,
      ...(p.ShippingLabel ? { label: { format: p.ShippingLabel.ImageFormat.Code.toUpperCase(), data: Buffer.from(p.ShippingLabel.GraphicImage, 'base64') } } : {}),
    })),
    ...(form && /pdf/i.test(form.ImageFormat.Code) ? { invoicePdf: Buffer.from(form.GraphicImage, 'base64') } : {}),
    ...(total ? { total: { amount: Number(total.MonetaryValue), currency: total.CurrencyCode } } : {}),
  };
}

/** UPS offsets come as `-05:00` (Track API) or `-05.00` (Track Alert). */
function offset(value: string | undefined): string {
  if (!value) return '';
  const m = /^([+-])(\d{1,2})[.:](\d{2})$/.exec(value.trim());
  return m ? `${m[1]}${m[2].padStart(2, '0')}:${m[3]}` : '';
}

function isoTime(date: string | undefined, time: string | undefined): string | undefined {
  const d = isoFromUps(date);
  if (!d) return undefined;
  const t = time && /^\d{4,6}$/.test(time) ? time.padEnd(6, '0') : '000000';
  return `${d}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}`;
}

/** The local time with the carrier's offset; without an offset, the GMT fields as UTC; else local as sent. */
function occurredAt(local: string | undefined, gmt: string | undefined, gmtOffset: string | undefined): string {
  const off = offset(gmtOffset);
  if (local && off) return `${local}${off}`;
  if (gmt) return `${gmt}Z`;
  return local ?? '';
}

function statusCode(code: string | number | undefined): string | undefined {
  if (code === undefined || code === '') return undefined;
  return String(code).padStart(3, '0');
}

function activityEvent(a: UpsActivity, table: EventCodeTable): MappedTrackingEvent {
  const code = statusCode(a.status?.statusCode) ?? a.status?.code ?? a.status?.type ?? 'unknown';
  const addr = a.location?.address;
  return {
    code,
    description: a.status?.description?.trim() || table.get(code)?.description || code,
    occurredAt: occurredAt(isoTime(a.date, a.time), isoTime(a.gmtDate, a.gmtTime), a.gmtOffset),
    ...(addr && (addr.city || addr.countryCode)
      ? { location: { city: addr.city, region: addr.stateProvince, postalCode: addr.postalCode, country: addr.countryCode ?? addr.country } }
      : {}),
    ...table.resolve(statusCode(a.status?.statusCode), a.status?.type),
  };
}

/** Reads GET /api/track/v1/details/{n} (activities arrive newest first) into events, oldest first. */
export function parseTrackResponse(body: UpsTrackResponse, table: EventCodeTable): MappedTrackingEvent[] {
  const activities = (body.trackResponse?.shipment ?? []).flatMap((s) => (s.package ?? []).flatMap((p) => p.activity ?? []));
  return sortEvents(activities.map((a) => activityEvent(a, table)));
}

/** Reads one UPS Track Alert push into an event. */
export function parseTrackAlert(body: UpsTrackAlertEvent, table: EventCodeTable): MappedTrackingEvent & { trackingNumber: string } {
  const s = body.activityStatus ?? {};
  const code = statusCode(s.descriptionCode) ?? s.code ?? s.type ?? 'unknown';
  const loc = body.activityLocation;
  return {
    trackingNumber: body.trackingNumber,
    code,
    description: s.description?.trim() || table.get(code)?.description || code,
    occurredAt: occurredAt(isoTime(body.localActivityDate, body.localActivityTime), isoTime(body.gmtActivityDate, body.gmtActivityTime), body.gmtOffset),
    ...(loc && (loc.city || loc.country) ? { location: { city: loc.city, region: loc.stateProvince, postalCode: loc.postalCode, country: loc.country } } : {}),
    ...table.resolve(statusCode(s.descriptionCode), s.type),
  };
}

/**
 * UPS answers business failures with HTTP 400 and `response.errors[].code`; some codes mean the
 * service or lane is not available rather than that our request was wrong.
 */
export function describeUpsError(_status: number, body: unknown): { message?: string } | undefined {
  const errors = (body as UpsErrorResponse | undefined)?.response?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return { message: errors.map((e) => [e.code, e.message].filter(Boolean).join(' ')).join('; ') };
}
