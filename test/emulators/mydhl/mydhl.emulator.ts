import { DateTime } from 'luxon';
import { CarrierEmulator, historyStart, EmulatorRequest, EmulatorResponse, Route } from '../carrier-emulator';
import { pdfLabel, zplLabel } from '../label-fixtures';
import { WireSchema } from '../openapi-document';
import { MYDHL_MULTI_TRACKING_QUERY, MYDHL_RATE_REQUEST, MYDHL_SHIPMENT_REQUEST, MYDHL_TRACKING_QUERY } from './mydhl-wire.schemas';

export interface MydhlEmulatorOptions {
  apiKey: string;
  apiSecret: string;
  /** x-version values the emulated API accepts. */
  versions?: string[];
}

type Stage = 'created' | 'picked_up' | 'in_transit' | 'delivered';

interface EmulatedShipment {
  trackingNumber: string;
  pieces: string[];
  from: string;
  to: string;
  stage: Stage;
  createdAt: DateTime;
}

const PRODUCTS: Record<string, { name: string; days: number; factor: number }> = {
  P: { name: 'EXPRESS WORLDWIDE', days: 2, factor: 1 },
  Y: { name: 'EXPRESS 12:00', days: 2, factor: 1.25 },
  K: { name: 'EXPRESS 9:00', days: 2, factor: 1.6 },
  W: { name: 'ECONOMY SELECT', days: 5, factor: 0.7 },
  N: { name: 'EXPRESS DOMESTIC', days: 1, factor: 0.5 },
};

const SERVICE_PRICES: Record<string, { name: string; price: (input: { weight: number; value?: number }) => number }> = {
  II: { name: 'SHIPMENT INSURANCE', price: ({ value }) => Math.max(17, (value ?? 0) * 0.015) },
  HC: { name: 'DRY ICE UN1845', price: () => 28.5 },
  HD: { name: 'LITHIUM ION PI966 SECTION II', price: () => 0 },
  HV: { name: 'LITHIUM ION PI967-SECTION II', price: () => 0 },
  HM: { name: 'LITHIUM METAL', price: () => 0 },
  HW: { name: 'LITHIUM METAL PI970-SECTION II', price: () => 0 },
  HE: { name: 'DANGEROUS GOODS', price: () => 95 },
  SF: { name: 'DIRECT SIGNATURE', price: () => 5.5 },
  DD: { name: 'DUTY TAX PAID', price: () => 17.5 },
};

/** MyDHL API 3.1.1 (DHL Express) emulator: /rates, /shipments, /shipments/{n}/tracking. */
export class MydhlEmulator extends CarrierEmulator {
  private shipments = new Map<string, EmulatedShipment>();
  private serial = 0;
  private readonly rateSchema = new WireSchema(MYDHL_RATE_REQUEST);
  private readonly shipmentSchema = new WireSchema(MYDHL_SHIPMENT_REQUEST);
  private readonly trackingQuery = new WireSchema(MYDHL_TRACKING_QUERY);
  private readonly multiTrackingQuery = new WireSchema(MYDHL_MULTI_TRACKING_QUERY);

  constructor(private readonly options: MydhlEmulatorOptions) {
    super('mydhl');
  }

  protected override resetState(): void {
    this.shipments.clear();
  }

  protected routes(): Route[] {
    return [
      { operation: 'rate', method: 'POST', path: '/rates', handle: (r) => this.guard(r, () => this.rates(r)) },
      { operation: 'ship', method: 'POST', path: '/shipments', handle: (r) => this.guard(r, () => this.createShipment(r)) },
      { operation: 'track', method: 'GET', path: '/shipments/{shipmentTrackingNumber}/tracking', handle: (r) => this.guard(r, () => this.tracking(r)) },
      { operation: 'track', method: 'GET', path: '/tracking', handle: (r) => this.guard(r, () => this.multiTracking(r)) },
    ];
  }

  protected errorBody(status: number, message: string): unknown {
    return { instance: '/expressapi', detail: message, title: status >= 500 ? 'Internal Server Error' : status === 401 ? 'Unauthorized' : 'Bad request', message: status >= 500 ? 'Internal Server Error' : 'Bad request', status: String(status) };
  }

  protected businessError(operation: string): EmulatorResponse {
    if (operation === 'ship') {
      return { status: 422, body: { instance: '/expressapi/shipments', detail: '420505: The destination location is invalid.', title: 'Unprocessable Entity', message: 'Unprocessable Entity', status: '422', additionalDetails: ['Receiver postal code is not valid for the destination country'] } };
    }
    return { status: 400, body: { instance: `/expressapi/${operation === 'track' ? 'tracking' : 'rates'}`, detail: '1001: The requested product(s) (P) not available based on your search criteria.', title: 'Bad request', message: 'Bad request', status: '400' } };
  }

  /** HTTP Basic with the configured key and secret, and the mandatory x-version header. */
  private async guard(req: EmulatorRequest, next: () => EmulatorResponse | Promise<EmulatorResponse>): Promise<EmulatorResponse> {
    const expected = `Basic ${Buffer.from(`${this.options.apiKey}:${this.options.apiSecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return { status: 401, body: this.errorBody(401, 'Invalid credentials') };
    const version = req.headers['x-version'];
    if (!version) return this.invalid([{ path: 'header.x-version', message: 'is required' }]);
    if (!(this.options.versions ?? ['3.1.0', '3.1.1']).includes(version)) return this.invalid([{ path: 'header.x-version', message: `unsupported version ${version}` }]);
    return next();
  }

  private rates(req: EmulatorRequest): EmulatorResponse {
    const problems = this.rateSchema.validate(req.body);
    if (problems.length) return this.invalid(problems);
    const body = req.body as any;
    const from = body.customerDetails.shipperDetails.countryCode as string;
    const to = body.customerDetails.receiverDetails.countryCode as string;
    const planned = String(body.plannedShippingDateAndTime).slice(0, 10);
    const provided = body.packages.reduce((s: number, p: any) => s + p.weight, 0);
    const volumetric = body.packages.reduce((s: number, p: any) => s + (p.dimensions ? (p.dimensions.length * p.dimensions.width * p.dimensions.height) / 5000 : 0), 0);
    const chargeable = Math.max(provided, volumetric);
    const value = body.monetaryAmount?.find((m: any) => m.typeCode === 'declaredValue')?.value;
    const codes = from === to ? ['N'] : ['P', 'Y', 'K', 'W'];
    const products = codes.map((code) => {
      const p = PRODUCTS[code];
      const base = round2((25 + chargeable * 9.5) * p.factor);
      const breakdown: any[] = [{ name: p.name, price: base, priceBreakdown: [{ priceType: 'TAX', typeCode: 'All Bu', price: 0, rate: 0, basePrice: base }] }];
      for (const vas of body.valueAddedServices ?? []) {
        const known = SERVICE_PRICES[vas.serviceCode];
        if (!known) continue;
        breakdown.push({ name: known.name, serviceCode: vas.serviceCode, localServiceCode: vas.serviceCode, serviceTypeCode: 'XCH', price: round2(known.price({ weight: chargeable, value: vas.value ?? value })), isCustomerAgreement: false, isMarketedService: true });
      }
      const fuel = round2(breakdown.reduce((s, b) => s + b.price, 0) * 0.215);
      breakdown.push({ name: 'FUEL SURCHARGE', serviceCode: 'FF', localServiceCode: 'FF', serviceTypeCode: 'SCH', price: fuel, isCustomerAgreement: false, isMarketedService: false });
      const total = round2(breakdown.reduce((s, b) => s + b.price, 0));
      const eta = addBusinessDays(planned, p.days);
      return {
        productName: p.name + (body.isCustomsDeclarable ? ' NONDOC' : ''),
        productCode: code,
        localProductCode: code,
        localProductCountryCode: from,
        networkTypeCode: code === 'W' ? 'DD' : 'TD',
        isCustomerAgreement: false,
        weight: { volumetric: round2(volumetric), provided: round2(provided), unitOfMeasurement: 'metric' },
        totalPrice: [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: total }],
        totalPriceBreakdown: [{ currencyType: 'BILLC', priceCurrency: 'EUR', priceBreakdown: [{ typeCode: 'STTXA', price: 0 }, { typeCode: 'SPRQT', price: base }] }],
        detailedPriceBreakdown: [{ currencyType: 'BILLC', priceCurrency: 'EUR', breakdown }],
        pickupCapabilities: { nextBusinessDay: false, localCutoffDateAndTime: `${planned}T17:00:00`, pickupEarliest: '09:00:00', pickupLatest: '18:00:00', originServiceAreaCode: 'BON', originFacilityAreaCode: 'BON', pickupAdditionalDays: 0, pickupDayOfWeek: 5 },
        deliveryCapabilities: { deliveryTypeCode: 'QDDC', estimatedDeliveryDateAndTime: `${eta}T23:59:00`, destinationServiceAreaCode: 'JFK', destinationFacilityAreaCode: 'JFK', deliveryAdditionalDays: 0, deliveryDayOfWeek: 2, totalTransitDays: p.days },
        pricingDate: planned,
      };
    });
    return { status: 200, body: { products, exchangeRates: [{ currentExchangeRate: 1.1, currency: 'USD', baseCurrency: 'EUR' }] } };
  }

  private async createShipment(req: EmulatorRequest): Promise<EmulatorResponse> {
    const problems = this.shipmentSchema.validate(req.body);
    if (problems.length) return this.invalid(problems);
    const body = req.body as any;
    this.serial += 1;
    const trackingNumber = String(1103733900 + this.serial);
    const pieces = body.content.packages.map((_: unknown, i: number) => `JD0146000046172307${String(70 + this.serial * 10 + i).padStart(2, '0')}`);
    const format = body.outputImageProperties?.encodingFormat ?? 'pdf';
    const labels = await Promise.all(
      pieces.map(async (piece: string, i: number) => ({
        imageFormat: format.toUpperCase(),
        content: format === 'zpl' ? Buffer.from(zplLabel('DHL EXPRESS', piece)).toString('base64') : (await pdfLabel('DHL EXPRESS', piece)).toString('base64'),
        typeCode: 'label',
        packageReferenceNumber: i + 1,
      })),
    );
    const wantsInvoice = (body.outputImageProperties?.imageOptions ?? []).some((o: any) => o.typeCode === 'invoice' && o.isRequested);
    const documents: any[] = [...labels];
    if (wantsInvoice && body.content.exportDeclaration) {
      documents.push({ imageFormat: 'PDF', content: (await pdfLabel('DHL EXPRESS', trackingNumber, 'COMMERCIAL INVOICE')).toString('base64'), typeCode: 'invoice' });
    }
    this.shipments.set(trackingNumber, {
      trackingNumber,
      pieces,
      from: body.customerDetails.shipperDetails.postalAddress.countryCode,
      to: body.customerDetails.receiverDetails.postalAddress.countryCode,
      stage: 'created',
      createdAt: DateTime.utc(),
    });
    const planned = String(body.plannedShippingDateAndTime).slice(0, 10);
    return {
      status: 201,
      body: {
        shipmentTrackingNumber: trackingNumber,
        trackingUrl: `https://express.api.dhl.com/mydhlapi/shipments/${trackingNumber}/tracking`,
        packages: pieces.map((p: string, i: number) => ({ referenceNumber: i + 1, trackingNumber: p, trackingUrl: `https://express.api.dhl.com/mydhlapi/shipments/${trackingNumber}/tracking?pieceTrackingNumber=${p}` })),
        documents,
        shipmentCharges: [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: 118.42 }],
        estimatedDeliveryDate: { estimatedDeliveryDate: `${addBusinessDays(planned, 2)}T23:59:00Z`, estimatedDeliveryType: 'QDDC' },
      },
    };
  }

  override advance(trackingNumber: string, to: string): boolean {
    const s = this.shipments.get(trackingNumber);
    if (!s || !['created', 'picked_up', 'in_transit', 'delivered'].includes(to)) return false;
    s.stage = to as Stage;
    return true;
  }

  /** GET /tracking: by waybill or piece numbers (the first one given). */
  private multiTracking(req: EmulatorRequest): EmulatorResponse {
    const problems = this.multiTrackingQuery.validate(req.query);
    if (!req.query.shipmentTrackingNumber && !req.query.pieceTrackingNumber) problems.push({ path: 'query', message: 'needs shipmentTrackingNumber or pieceTrackingNumber' });
    if (problems.length) return this.invalid(problems);
    const piece = req.query.pieceTrackingNumber?.split(',')[0];
    const waybill = req.query.shipmentTrackingNumber?.split(',')[0] ?? [...this.shipments.values()].find((x) => x.pieces.includes(piece!))?.trackingNumber;
    return this.tracking({ ...req, query: { trackingView: req.query.trackingView, levelOfDetail: req.query.levelOfDetail }, params: { shipmentTrackingNumber: waybill ?? piece ?? '' } });
  }

  private tracking(req: EmulatorRequest): EmulatorResponse {
    const problems = this.trackingQuery.validate(Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined)));
    if (problems.length) return this.invalid(problems);
    const number = req.params.shipmentTrackingNumber;
    const s = this.shipments.get(number);
    if (!s) return { status: 404, body: { instance: `/expressapi/shipments/${number}/tracking`, detail: 'No shipment with given tracking number found', title: 'Not Found', message: 'Not Found', status: '404' } };
    const withOffset = req.query.requestGMTOffsetPerEvent === 'true';
    const at = (hours: number, area: string, offset: string) => {
      const t = historyStart().plus({ hours });
      return { date: t.toISODate(), time: t.toFormat('HH:mm:ss'), ...(withOffset ? { GMTOffset: offset } : {}), serviceArea: [{ code: area.slice(0, 3).toUpperCase(), description: area }] };
    };
    const origin = `BONN-${s.from}`;
    const dest = `NEW YORK-${s.to}`;
    const history = [
      { stage: 'picked_up', ...at(2, origin, '+01:00'), typeCode: 'PU', description: 'Shipment picked up' },
      { stage: 'in_transit', ...at(5, `LEIPZIG-${s.from}`, '+01:00'), typeCode: 'AF', description: `Arrived at DHL Sort Facility - LEIPZIG-${s.from}` },
      { stage: 'in_transit', ...at(7, `LEIPZIG-${s.from}`, '+01:00'), typeCode: 'DF', description: `Shipment has departed from a DHL facility - LEIPZIG-${s.from}` },
      { stage: 'in_transit', ...at(20, dest, '-05:00'), typeCode: 'RR', description: 'Customs clearance status updated.' },
      { stage: 'in_transit', ...at(22, dest, '-05:00'), typeCode: 'CR', description: 'Clearance processing complete' },
      { stage: 'delivered', ...at(30, dest, '-05:00'), typeCode: 'WC', description: 'Shipment is out with courier for delivery' },
      { stage: 'delivered', ...at(33, dest, '-05:00'), typeCode: 'OK', description: 'Delivered' },
    ];
    const order: Stage[] = ['created', 'picked_up', 'in_transit', 'delivered'];
    const events = history.filter((e) => order.indexOf(e.stage as Stage) <= order.indexOf(s.stage)).map(({ stage: _s, ...e }) => e);
    return {
      status: 200,
      body: {
        shipments: [
          {
            shipmentTrackingNumber: s.trackingNumber,
            status: 'Success',
            shipmentTimestamp: s.createdAt.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
            productCode: 'P',
            description: 'Goods',
            shipperDetails: { name: '', postalAddress: { cityName: '', postalCode: '', countryCode: s.from }, serviceArea: [{ code: 'BON', description: origin }] },
            receiverDetails: { name: '', postalAddress: { cityName: '', postalCode: '', countryCode: s.to }, serviceArea: [{ code: 'NEW', description: dest }] },
            totalWeight: 2.5,
            unitOfMeasurements: 'metric',
            events,
            numberOfPieces: s.pieces.length,
          },
        ],
      },
    };
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function addBusinessDays(isoDate: string, days: number): string {
  let d = DateTime.fromISO(isoDate);
  let left = days;
  while (left > 0) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) left -= 1;
  }
  return d.toISODate()!;
}
