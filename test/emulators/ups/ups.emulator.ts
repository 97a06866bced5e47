import { DateTime } from 'luxon';
import path from 'node:path';
import { historyStart, EmulatorRequest, EmulatorResponse, Route } from '../carrier-emulator';
import { OAuthCarrierEmulator } from '../oauth-emulator';
import { gifLabel, pdfLabel, zplLabel } from '../label-fixtures';
import { OpenApiDocument, SchemaProblem } from '../openapi-document';

export interface UpsEmulatorOptions {
  clientId: string;
  clientSecret: string;
  accountNumber: string;
  /** Token lifetime announced in `expires_in`, seconds. */
  tokenLifetimeSeconds?: number;
}

type Stage = 'created' | 'picked_up' | 'in_transit' | 'delivered' | 'voided';

interface EmulatedShipment {
  id: string;
  packages: string[];
  from: string;
  to: string;
  stage: Stage;
  createdAt: DateTime;
}

const SPECS = path.join(__dirname, '../specs/ups');
const SERVICES: Record<string, { name: string; days: number; factor: number }> = {
  '54': { name: 'UPS Worldwide Express Plus', days: 1, factor: 1.9 },
  '07': { name: 'UPS Worldwide Express', days: 1, factor: 1.5 },
  '65': { name: 'UPS Worldwide Saver', days: 2, factor: 1.2 },
  '08': { name: 'UPS Worldwide Expedited', days: 4, factor: 1 },
  '11': { name: 'UPS Standard', days: 5, factor: 0.6 },
  '01': { name: 'UPS Next Day Air', days: 1, factor: 1.4 },
  '03': { name: 'UPS Ground', days: 3, factor: 0.4 },
};

/**
 * UPS emulator: OAuth client credentials, Rating (Shop/Shoptimeintransit), Shipping (ship, void)
 * and Tracking, every request validated against the UPS OpenAPI files in `specs/ups` (MIT).
 */
export class UpsEmulator extends OAuthCarrierEmulator {
  private readonly shipments = new Map<string, EmulatedShipment>();
  private readonly oauth = OpenApiDocument.load(path.join(SPECS, 'OAuthClientCredentials.yaml'));
  private readonly rating = OpenApiDocument.load(path.join(SPECS, 'Rating.yaml'));
  private readonly shipping = OpenApiDocument.load(path.join(SPECS, 'Shipping.yaml'));
  private readonly tracking = OpenApiDocument.load(path.join(SPECS, 'Tracking.yaml'));

  constructor(private readonly options: UpsEmulatorOptions) {
    super('ups');
    // Compile the large request schemas and draw the label once, so the first call is not slow.
    this.rating.validate('#/components/schemas/RATERequestWrapper', {});
    this.shipping.validate('#/components/schemas/SHIPRequestWrapper', {});
    gifLabel();
  }

  protected override resetState(): void {
    // Issued tokens survive a reset, as sessions survive at the real carrier.
    this.shipments.clear();
  }

  protected routes(): Route[] {
    return [
      { operation: 'token', method: 'POST', path: '/security/v1/oauth/token', handle: (r) => this.token(r) },
      { operation: 'rate', method: 'POST', path: '/api/rating/{version}/{requestoption}', handle: (r) => this.authorised(r, () => this.rate(r)) },
      { operation: 'ship', method: 'POST', path: '/api/shipments/{version}/ship', handle: (r) => this.authorised(r, () => this.ship(r)) },
      { operation: 'cancel', method: 'DELETE', path: '/api/shipments/{version}/void/cancel/{shipmentidentificationnumber}', handle: (r) => this.authorised(r, () => this.void(r)) },
      { operation: 'track', method: 'GET', path: '/api/track/v1/details/{inquiryNumber}', handle: (r) => this.authorised(r, () => this.track(r)) },
    ];
  }

  protected errorBody(_status: number, message: string, code = '10001'): unknown {
    return { response: { errors: [{ code, message }] } };
  }

  protected businessError(operation: string): EmulatorResponse {
    const errors: Record<string, [string, string]> = {
      rate: ['111210', 'The requested service is unavailable between the selected locations.'],
      ship: ['120802', 'Address Validation Error on ShipTo address'],
      cancel: ['190117', 'The shipment has already been picked up and cannot be voided'],
      track: ['TW0001', 'Tracking Information Not Found'],
    };
    const [code, message] = errors[operation] ?? ['10001', 'The request could not be processed'];
    return { status: operation === 'track' ? 404 : 400, body: this.errorBody(400, message, code) };
  }

  private token(req: EmulatorRequest): EmulatorResponse {
    const expected = `Basic ${Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64')}`;
    const problems = this.oauth.validate('#/paths/~1security~1v1~1oauth~1token/post/requestBody/content/application~1x-www-form-urlencoded/schema', req.body);
    problems.push(...this.formEncoded(req));
    if (problems.length) return this.invalid(problems);
    if (req.headers.authorization !== expected) return { status: 401, body: this.errorBody(401, 'Invalid Authentication Information', '250003') };
    const token = this.issueToken((serial) => `ups-emulated-token-${serial}-${Date.now().toString(36)}`);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        client_id: this.options.clientId,
        access_token: token,
        expires_in: String(this.options.tokenLifetimeSeconds ?? 14399),
        status: 'approved',
      },
    };
  }

  protected unauthorised(): EmulatorResponse {
    return { status: 401, body: this.errorBody(401, 'Invalid Authentication Information', '250002') };
  }

  private params(doc: OpenApiDocument, template: string, method: string, req: EmulatorRequest, overrides = {}): SchemaProblem[] {
    return doc.validateParameters(template, method, { path: req.params, query: req.query, headers: req.headers }, overrides);
  }

  private rate(req: EmulatorRequest): EmulatorResponse {
    const problems = [
      ...this.params(this.rating, '/rating/{version}/{requestoption}', 'POST', req, {
        // Rating.yaml caps requestoption at 10 characters yet lists Shoptimeintransit: check against the list.
        requestoption: (v: string) => (['Rate', 'Shop', 'Ratetimeintransit', 'Shoptimeintransit'].includes(v) ? undefined : 'must be Rate, Shop, Ratetimeintransit or Shoptimeintransit'),
        version: (v: string) => (v === 'v2409' ? undefined : 'must be v2409'),
      }),
      ...this.rating.validate('#/components/schemas/RATERequestWrapper', req.body),
    ];
    if (problems.length) return this.invalid(problems);
    const shipment = (req.body as any).RateRequest.Shipment;
    const from = shipment.ShipFrom?.Address?.CountryCode ?? shipment.Shipper.Address.CountryCode;
    const to = shipment.ShipTo.Address.CountryCode;
    const packages = asArray(shipment.Package);
    const weight = packages.reduce((s: number, p: any) => s + Number(p.PackageWeight.Weight), 0);
    const dim = packages.reduce((s: number, p: any) => s + (p.Dimensions ? (Number(p.Dimensions.Length) * Number(p.Dimensions.Width) * Number(p.Dimensions.Height)) / 5000 : 0), 0);
    const billing = Math.max(weight, dim);
    const codes = from === to ? (from === 'US' ? ['01', '03'] : ['11', '65']) : ['54', '07', '65', '08', '11'];
    const withTransit = req.params.requestoption.toLowerCase().includes('timeintransit');
    const pickup = shipment.DeliveryTimeInformation?.Pickup?.Date ?? DateTime.utc().toFormat('yyyyMMdd');
    const options = packages.reduce((s: number, p: any) => s + (p.PackageServiceOptions?.DeclaredValue ? 4.5 : 0) + (p.PackageServiceOptions?.DeliveryConfirmation ? 6.9 : 0) + (p.PackageServiceOptions?.DryIce ? 25 : 0), 0);
    const negotiated = shipment.ShipmentRatingOptions?.NegotiatedRatesIndicator !== undefined;
    const RatedShipment = codes.map((code) => {
      const s = SERVICES[code];
      const base = money((18 + billing * 7.2) * s.factor);
      const fuel = money(Number(base) * 0.185);
      const transport = money(Number(base) + Number(fuel));
      const total = money(Number(transport) + options);
      const arrival = addBusinessDays(pickup, s.days);
      return {
        Service: { Code: code, Description: '' },
        RatedShipmentAlert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }],
        BillingWeight: { UnitOfMeasurement: { Code: 'KGS', Description: 'Kilograms' }, Weight: billing.toFixed(1) },
        TransportationCharges: { CurrencyCode: 'EUR', MonetaryValue: transport },
        BaseServiceCharge: { CurrencyCode: 'EUR', MonetaryValue: base },
        ItemizedCharges: [{ Code: '375', CurrencyCode: 'EUR', MonetaryValue: fuel }],
        ServiceOptionsCharges: { CurrencyCode: 'EUR', MonetaryValue: money(options) },
        TotalCharges: { CurrencyCode: 'EUR', MonetaryValue: total },
        ...(negotiated ? { NegotiatedRateCharges: { TotalCharge: { CurrencyCode: 'EUR', MonetaryValue: money(Number(total) * 0.8) } } } : {}),
        ...(withTransit
          ? {
              TimeInTransit: {
                PickupDate: pickup,
                PackageBillType: '03',
                ServiceSummary: {
                  Service: { Description: s.name },
                  EstimatedArrival: { Arrival: { Date: arrival, Time: '103000' }, BusinessDaysInTransit: String(s.days), Pickup: { Date: pickup, Time: '170000' }, DayOfWeek: 'MON', TotalTransitDays: String(s.days) },
                  SaturdayDelivery: '0',
                },
              },
            }
          : {}),
        GuaranteedDelivery: { BusinessDaysInTransit: String(s.days), DeliveryByTime: '10:30 A.M.' },
      };
    });
    return {
      status: 200,
      body: {
        RateResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' }, Alert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }], TransactionReference: { CustomerContext: 'rate' } },
          RatedShipment,
        },
      },
    };
  }

  private async ship(req: EmulatorRequest): Promise<EmulatorResponse> {
    const problems = [
      ...this.params(this.shipping, '/shipments/{version}/ship', 'POST', req, { version: (v: string) => (v === 'v2409' ? undefined : 'must be v2409') }),
      ...this.shipping.validate('#/components/schemas/SHIPRequestWrapper', req.body),
    ];
    const body = req.body as any;
    const shipment = body?.ShipmentRequest?.Shipment;
    if (shipment && shipment.Shipper?.ShipperNumber !== this.options.accountNumber) problems.push({ path: 'ShipmentRequest.Shipment.Shipper.ShipperNumber', message: 'is not the account of these credentials' });
    if (problems.length) return this.invalid(problems);
    const serial = this.nextSerial();
    const service = shipment.Service.Code;
    const packages = asArray(shipment.Package);
    const format = body.ShipmentRequest.LabelSpecification.LabelImageFormat.Code;
    const numbers = packages.map((_: unknown, i: number) => upsTrackingNumber(this.options.accountNumber, service, serial * 10 + i));
    const results = await Promise.all(
      numbers.map(async (n: string) => ({
        TrackingNumber: n,
        ServiceOptionsCharges: { CurrencyCode: 'EUR', MonetaryValue: '0.00' },
        ShippingLabel: {
          ImageFormat: { Code: format, Description: format },
          GraphicImage: format === 'ZPL' ? Buffer.from(zplLabel('UPS', n)).toString('base64') : gifLabel().toString('base64'),
        },
      })),
    );
    const id = numbers[0];
    this.shipments.set(id, { id, packages: numbers, from: shipment.ShipFrom?.Address?.CountryCode ?? shipment.Shipper.Address.CountryCode, to: shipment.ShipTo.Address.CountryCode, stage: 'created', createdAt: DateTime.utc() });
    const forms = shipment.ShipmentServiceOptions?.InternationalForms;
    return {
      status: 200,
      body: {
        ShipmentResponse: {
          Response: { ResponseStatus: { Code: '1', Description: 'Success' }, TransactionReference: body.ShipmentRequest.Request.TransactionReference },
          ShipmentResults: {
            ShipmentCharges: {
              TransportationCharges: { CurrencyCode: 'EUR', MonetaryValue: '96.40' },
              ServiceOptionsCharges: { CurrencyCode: 'EUR', MonetaryValue: '0.00' },
              TotalCharges: { CurrencyCode: 'EUR', MonetaryValue: '96.40' },
            },
            BillingWeight: { UnitOfMeasurement: { Code: 'KGS', Description: 'Kilograms' }, Weight: '3.0' },
            ShipmentIdentificationNumber: id,
            // UPS answers one package as an object, several as an array.
            PackageResults: results.length === 1 ? results[0] : results,
            ...(forms ? { Form: { Code: '01', Description: 'All Requested International Forms', Image: { ImageFormat: { Code: 'PDF', Description: 'PDF' }, GraphicImage: (await pdfLabel('UPS', id, 'COMMERCIAL INVOICE')).toString('base64') }, FormGroupId: 'A1' } } : {}),
          },
        },
      },
    };
  }

  private void(req: EmulatorRequest): EmulatorResponse {
    const problems = this.params(this.shipping, '/shipments/{version}/void/cancel/{shipmentidentificationnumber}', 'DELETE', req, { version: (v: string) => (v === 'v2409' ? undefined : 'must be v2409') });
    if (problems.length) return this.invalid(problems);
    const s = this.shipments.get(req.params.shipmentidentificationnumber);
    if (!s || s.stage === 'voided') return { status: 400, body: this.errorBody(400, 'No shipment found within the allowed void period', '190100') };
    if (s.stage !== 'created') return this.businessError('cancel');
    s.stage = 'voided';
    return { status: 200, body: { VoidShipmentResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, SummaryResult: { Status: { Code: '1', Description: 'Voided' } } } } };
  }

  override advance(trackingNumber: string, to: string): boolean {
    const s = [...this.shipments.values()].find((x) => x.id === trackingNumber || x.packages.includes(trackingNumber));
    if (!s || !['created', 'picked_up', 'in_transit', 'delivered'].includes(to)) return false;
    s.stage = to as Stage;
    return true;
  }

  private track(req: EmulatorRequest): EmulatorResponse {
    const problems = this.params(this.tracking, '/track/v1/details/{inquiryNumber}', 'GET', req);
    if (problems.length) return this.invalid(problems);
    const number = req.params.inquiryNumber;
    const s = [...this.shipments.values()].find((x) => x.id === number || x.packages.includes(number));
    if (!s) return this.businessError('track');
    const act = (hours: number, city: string, country: string, offset: string, type: string, code: string, statusCode: string, description: string) => {
      const utc = historyStart().plus({ hours });
      const local = utc.setZone(`UTC${offset.replace(':00', '')}`);
      return {
        location: { address: { city, stateProvince: '', countryCode: country, country }, slic: '8071' },
        status: { type, description, code, statusCode, simplifiedTextDescription: description },
        date: local.toFormat('yyyyMMdd'),
        time: local.toFormat('HHmmss'),
        gmtDate: utc.toFormat('yyyyMMdd'),
        gmtTime: utc.toFormat('HHmmss'),
        gmtOffset: offset,
      };
    };
    const all: { stage: Stage; a: unknown }[] = [
      { stage: 'created', a: act(0, '', s.from, '+01:00', 'M', 'MP', '003', 'Shipper created a label, UPS has not received the package yet.') },
      { stage: 'picked_up', a: act(3, 'Cologne', s.from, '+01:00', 'I', 'OR', '038', 'Pickup Scan') },
      { stage: 'in_transit', a: act(8, 'Cologne', s.from, '+01:00', 'I', 'DP', '005', 'Departed from Facility') },
      { stage: 'in_transit', a: act(20, 'Louisville', s.to, '-05:00', 'I', 'AR', '005', 'Arrived at Facility') },
      { stage: 'in_transit', a: act(22, 'Louisville', s.to, '-05:00', 'I', 'IP', '012', 'Your package is being processed by customs') },
      { stage: 'delivered', a: act(30, 'New York', s.to, '-05:00', 'I', 'OT', '021', 'Out For Delivery Today') },
      { stage: 'delivered', a: act(34, 'New York', s.to, '-05:00', 'D', 'FS', '011', 'Delivered') },
    ];
    const order: Stage[] = ['created', 'picked_up', 'in_transit', 'delivered'];
    const reached = s.stage === 'voided' ? 0 : order.indexOf(s.stage);
    // Activities are listed newest first, as UPS does.
    const activity = all.filter((x) => order.indexOf(x.stage) <= reached).map((x) => x.a).reverse();
    if (s.stage === 'voided') activity.unshift(act(1, '', s.from, '+01:00', 'MV', 'VP', '007', 'Shipment information voided'));
    return {
      status: 200,
      body: {
        trackResponse: {
          shipment: [
            {
              inquiryNumber: number,
              package: [{ trackingNumber: number, deliveryDate: [{ type: 'SDD', date: addBusinessDays(s.createdAt.toFormat('yyyyMMdd'), 2) }], activity, packageCount: s.packages.length }],
            },
          ],
        },
      },
    };
  }
}

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function money(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

function addBusinessDays(yyyymmdd: string, days: number): string {
  let d = DateTime.fromFormat(yyyymmdd, 'yyyyMMdd');
  let left = days;
  while (left > 0) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) left -= 1;
  }
  return d.toFormat('yyyyMMdd');
}

/** 1Z + shipper number + service + 7-digit serial + check digit (UPS mod-10 over the 15 characters). */
function upsTrackingNumber(account: string, service: string, serial: number): string {
  const body = `${account}${service.padStart(2, '0')}${String(serial).padStart(7, '0')}`.toUpperCase().slice(0, 15);
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
