import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { historyStart, EmulatorRequest, EmulatorResponse, Route } from '../carrier-emulator';
import { OAuthCarrierEmulator } from '../oauth-emulator';
import { pdfLabel, zplLabel } from '../label-fixtures';
import { WireSchema } from '../openapi-document';
import { FEDEX_CANCEL_REQUEST, FEDEX_RATE_REQUEST, FEDEX_SHIP_REQUEST, FEDEX_TOKEN_REQUEST, FEDEX_TRACK_REQUEST } from './fedex-wire.schemas';

export interface FedexEmulatorOptions {
  clientId: string;
  clientSecret: string;
  accountNumber: string;
  tokenLifetimeSeconds?: number;
}

type Stage = 'created' | 'picked_up' | 'in_transit' | 'delivered' | 'cancelled';

interface EmulatedShipment {
  master: string;
  pieces: string[];
  from: string;
  to: string;
  stage: Stage;
  createdAt: DateTime;
}

const SERVICES: Record<string, { name: string; days: string; n: number; factor: number }> = {
  FEDEX_INTERNATIONAL_PRIORITY: { name: 'FedEx International Priority®', days: 'TWO_DAYS', n: 2, factor: 1.5 },
  INTERNATIONAL_ECONOMY: { name: 'FedEx International Economy®', days: 'FIVE_DAYS', n: 5, factor: 1 },
  FEDEX_INTERNATIONAL_CONNECT_PLUS: { name: 'FedEx International Connect Plus', days: 'SIX_DAYS', n: 6, factor: 0.8 },
  PRIORITY_OVERNIGHT: { name: 'FedEx Priority Overnight®', days: 'ONE_DAY', n: 1, factor: 1.3 },
  FEDEX_GROUND: { name: 'FedEx Ground®', days: 'THREE_DAYS', n: 3, factor: 0.5 },
};

/** FedEx emulator: OAuth, Rate, Ship (create, cancel) and Track, requests checked against our FedEx schemas. */
export class FedexEmulator extends OAuthCarrierEmulator {
  private readonly shipments = new Map<string, EmulatedShipment>();
  private readonly schemas = {
    token: new WireSchema(FEDEX_TOKEN_REQUEST),
    rate: new WireSchema(FEDEX_RATE_REQUEST),
    ship: new WireSchema(FEDEX_SHIP_REQUEST),
    cancel: new WireSchema(FEDEX_CANCEL_REQUEST),
    track: new WireSchema(FEDEX_TRACK_REQUEST),
  };

  constructor(private readonly options: FedexEmulatorOptions) {
    super('fedex');
  }

  protected override resetState(): void {
    // Issued tokens survive a reset, as sessions survive at the real carrier.
    this.shipments.clear();
  }

  protected routes(): Route[] {
    return [
      { operation: 'token', method: 'POST', path: '/oauth/token', handle: (r) => this.token(r) },
      { operation: 'rate', method: 'POST', path: '/rate/v1/rates/quotes', handle: (r) => this.authorised(r, () => this.rate(r)) },
      { operation: 'ship', method: 'POST', path: '/ship/v1/shipments', handle: (r) => this.authorised(r, () => this.ship(r)) },
      { operation: 'cancel', method: 'PUT', path: '/ship/v1/shipments/cancel', handle: (r) => this.authorised(r, () => this.cancel(r)) },
      { operation: 'track', method: 'POST', path: '/track/v1/trackingnumbers', handle: (r) => this.authorised(r, () => this.track(r)) },
    ];
  }

  protected errorBody(_status: number, message: string, code = 'INTERNAL.SERVER.ERROR'): unknown {
    return { transactionId: randomUUID(), errors: [{ code, message }] };
  }

  protected businessError(operation: string): EmulatorResponse {
    const errors: Record<string, [number, string, string]> = {
      rate: [400, 'SERVICE.UNAVAILABLE.ERROR', 'The service is currently unavailable. Please try again later or contact FedEx Customer Service.'],
      ship: [422, 'RECIPIENTPOSTAL.CODE.INVALID', 'Recipient postal code or routing code is invalid.'],
      cancel: [400, 'SHIPMENT.CANCEL.NOTALLOWED', 'Shipment has already been picked up and cannot be cancelled.'],
      track: [404, 'TRACKING.TRACKINGNUMBER.NOTFOUND', 'Tracking number cannot be found. Please correct the tracking number and try again.'],
    };
    const [status, code, message] = errors[operation] ?? [400, 'INVALID.INPUT.EXCEPTION', 'Invalid field value in the input'];
    return { status, body: this.errorBody(status, message, code) };
  }

  private token(req: EmulatorRequest): EmulatorResponse {
    const problems = this.schemas.token.validate(req.body);
    problems.push(...this.formEncoded(req));
    if (problems.length) return this.invalid(problems);
    const b = req.body as Record<string, string>;
    if (b.client_id !== this.options.clientId || b.client_secret !== this.options.clientSecret) {
      return { status: 401, body: this.errorBody(401, 'The given client credentials were not valid. Please modify your request and try again.', 'NOT.AUTHORIZED.ERROR') };
    }
    const token = this.issueToken((serial) => `fedex-emulated-${serial}-${randomUUID()}`);
    return { status: 200, body: { access_token: token, token_type: 'bearer', expires_in: this.options.tokenLifetimeSeconds ?? 3599, scope: 'CXS-TP' } };
  }

  protected unauthorised(): EmulatorResponse {
    return { status: 401, body: this.errorBody(401, 'We could not authorize your credentials. Please check your permissions and try again.', 'NOT.AUTHORIZED.ERROR') };
  }

  /** FedEx takes JSON only, once the token is good. */
  protected override authorised(req: EmulatorRequest, next: () => EmulatorResponse | Promise<EmulatorResponse>): EmulatorResponse | Promise<EmulatorResponse> {
    return super.authorised(req, () =>
      (req.headers['content-type'] ?? '').includes('application/json') ? next() : this.invalid([{ path: 'header.content-type', message: 'must be application/json' }]),
    );
  }

  private rate(req: EmulatorRequest): EmulatorResponse {
    const problems = this.schemas.rate.validate(req.body);
    const body = req.body as any;
    if (body?.accountNumber?.value && body.accountNumber.value !== this.options.accountNumber) problems.push({ path: 'accountNumber.value', message: 'is not the account of these credentials' });
    if (problems.length) return this.invalid(problems);
    const rs = body.requestedShipment;
    const from = rs.shipper.address.countryCode;
    const to = rs.recipient.address.countryCode;
    const items = rs.requestedPackageLineItems as any[];
    const actual = items.reduce((s, p) => s + p.weight.value, 0);
    const dim = items.reduce((s, p) => s + (p.dimensions ? (p.dimensions.length * p.dimensions.width * p.dimensions.height) / 5000 : 0), 0);
    const billed = Math.max(actual, dim);
    const types = from === to ? (from === 'US' ? ['PRIORITY_OVERNIGHT', 'FEDEX_GROUND'] : ['PRIORITY_OVERNIGHT']) : ['FEDEX_INTERNATIONAL_PRIORITY', 'INTERNATIONAL_ECONOMY', 'FEDEX_INTERNATIONAL_CONNECT_PLUS'];
    const ship = rs.shipDateStamp ?? DateTime.utc().toISODate();
    const extras = items.reduce((s, p) => s + (p.packageSpecialServices?.signatureOptionType ? 7.25 : 0) + (p.packageSpecialServices?.dryIceWeight ? 31 : 0) + (p.declaredValue ? 3.9 : 0), 0);
    const rateReplyDetails = types.map((t) => {
      const s = SERVICES[t];
      const detail = (rateType: string, discount: number) => {
        const base = round2((20 + billed * 8.1) * s.factor);
        const fuel = round2(base * 0.2);
        const surcharges = [{ type: 'FUEL', description: 'Fuel Surcharge', amount: fuel }, ...(extras ? [{ type: 'SIGNATURE_OPTION', description: 'Special handling', amount: round2(extras) }] : [])];
        const freightDiscount = round2(base * discount);
        const net = round2(base - freightDiscount + surcharges.reduce((x, y) => x + y.amount, 0));
        return {
          rateType,
          ratedWeightMethod: 'ACTUAL',
          totalDiscounts: freightDiscount,
          totalBaseCharge: base,
          totalNetCharge: net,
          totalNetFedExCharge: net,
          shipmentRateDetail: {
            rateZone: 'E',
            dimDivisor: 5000,
            fuelSurchargePercent: 20,
            totalSurcharges: round2(surcharges.reduce((x, y) => x + y.amount, 0)),
            totalFreightDiscount: freightDiscount,
            surCharges: surcharges.map((x) => ({ ...x, level: 'PACKAGE' })),
            totalBillingWeight: { units: 'KG', value: round2(billed) },
            currency: 'EUR',
          },
          currency: 'EUR',
        };
      };
      const eta = addBusinessDays(ship, s.n);
      return {
        serviceType: t,
        serviceName: s.name,
        packagingType: 'YOUR_PACKAGING',
        ratedShipmentDetails: (rs.rateRequestType ?? ['LIST']).map((rt: string) => detail(rt, rt === 'ACCOUNT' ? 0.1 : 0)),
        operationalDetail: { originLocationIds: ['CGNR'], commitDays: [''], serviceCode: '01', deliveryDate: `${eta}T10:30:00`, transitTime: s.days, deliveryDay: 'MON' },
        commit: { dateDetail: { dayOfWeek: 'MON', dayFormat: `${eta}T10:30:00` }, transitDays: { minimumTransitTime: s.days, description: s.days } },
        signatureOptionType: 'SERVICE_DEFAULT',
        serviceDescription: { serviceType: t, code: '01', description: s.name },
      };
    });
    return { status: 200, body: { transactionId: randomUUID(), customerTransactionId: req.headers['x-customer-transaction-id'], output: { rateReplyDetails, quoteDate: ship, encoded: false, alerts: [{ code: 'VIRTUAL.RESPONSE', message: 'This is a Virtual Response.', alertType: 'NOTE' }] } } };
  }

  private async ship(req: EmulatorRequest): Promise<EmulatorResponse> {
    const problems = this.schemas.ship.validate(req.body);
    const body = req.body as any;
    if (body?.accountNumber?.value && body.accountNumber.value !== this.options.accountNumber) problems.push({ path: 'accountNumber.value', message: 'is not the account of these credentials' });
    const rs = body?.requestedShipment;
    if (rs && rs.requestedPackageLineItems && rs.totalPackageCount !== undefined && rs.totalPackageCount !== rs.requestedPackageLineItems.length) problems.push({ path: 'requestedShipment.totalPackageCount', message: 'does not match the number of package line items' });
    if (problems.length) return this.invalid(problems);
    const base = 794600000000 + this.nextSerial() * 10;
    const pieces = rs.requestedPackageLineItems.map((_: unknown, i: number) => String(base + i));
    const imageType = rs.labelSpecification.imageType;
    const pieceResponses = await Promise.all(
      pieces.map(async (n: string) => ({
        trackingNumber: n,
        masterTrackingNumber: pieces[0],
        packageDocuments: [
          {
            contentType: 'LABEL',
            copiesToPrint: 1,
            encodedLabel: imageType === 'ZPLII' ? Buffer.from(zplLabel('FEDEX', n)).toString('base64') : (await pdfLabel('FEDEX', n)).toString('base64'),
            docType: imageType === 'ZPLII' ? 'ZPLII' : 'PDF',
          },
        ],
      })),
    );
    const wantsInvoice = (rs.shippingDocumentSpecification?.shippingDocumentTypes ?? []).includes('COMMERCIAL_INVOICE');
    this.shipments.set(pieces[0], { master: pieces[0], pieces, from: rs.shipper.address.countryCode, to: rs.recipients[0].address.countryCode, stage: 'created', createdAt: DateTime.utc() });
    return {
      status: 200,
      body: {
        transactionId: randomUUID(),
        output: {
          transactionShipments: [
            {
              masterTrackingNumber: pieces[0],
              serviceType: rs.serviceType,
              shipDatestamp: rs.shipDatestamp,
              serviceName: SERVICES[rs.serviceType]?.name ?? rs.serviceType,
              pieceResponses,
              shipmentDocuments: wantsInvoice ? [{ contentType: 'COMMERCIAL_INVOICE', copiesToPrint: 1, encodedLabel: (await pdfLabel('FEDEX', pieces[0], 'COMMERCIAL INVOICE')).toString('base64'), docType: 'PDF' }] : [],
              completedShipmentDetail: { shipmentRating: { actualRateType: 'PAYOR_ACCOUNT_SHIPMENT', shipmentRateDetails: [{ rateType: 'PAYOR_ACCOUNT_SHIPMENT', totalNetCharge: 104.37, currency: 'EUR' }] } },
            },
          ],
          alerts: [],
        },
      },
    };
  }

  private cancel(req: EmulatorRequest): EmulatorResponse {
    const problems = this.schemas.cancel.validate(req.body);
    if (problems.length) return this.invalid(problems);
    const s = this.shipments.get((req.body as any).trackingNumber);
    if (!s || s.stage === 'cancelled') return { status: 404, body: this.errorBody(404, 'Shipment not found or already cancelled.', 'TRACKINGNUMBER.NOT.FOUND') };
    if (s.stage !== 'created') return this.businessError('cancel');
    s.stage = 'cancelled';
    return { status: 200, body: { transactionId: randomUUID(), output: { cancelledShipment: true, cancelledHistory: true, successMessage: 'Success' } } };
  }

  override advance(trackingNumber: string, to: string): boolean {
    const s = [...this.shipments.values()].find((x) => x.pieces.includes(trackingNumber));
    if (!s || !['created', 'picked_up', 'in_transit', 'delivered'].includes(to)) return false;
    s.stage = to as Stage;
    return true;
  }

  private track(req: EmulatorRequest): EmulatorResponse {
    const problems = this.schemas.track.validate(req.body);
    if (problems.length) return this.invalid(problems);
    const infos = (req.body as any).trackingInfo as { trackingNumberInfo: { trackingNumber: string } }[];
    const completeTrackResults = infos.map(({ trackingNumberInfo: { trackingNumber } }) => {
      const s = [...this.shipments.values()].find((x) => x.pieces.includes(trackingNumber));
      if (!s) {
        return { trackingNumber, trackResults: [{ trackingNumberInfo: { trackingNumber }, error: { code: 'TRACKING.TRACKINGNUMBER.NOTFOUND', message: 'Tracking number cannot be found.' } }] };
      }
      const scan = (hours: number, offset: string, eventType: string, eventDescription: string, city: string, countryCode: string) => ({
        date: historyStart().plus({ hours }).startOf('second').setZone(`UTC${offset.replace(':00', '')}`).toISO({ suppressMilliseconds: true }),
        eventType,
        eventDescription,
        scanLocation: { city, countryCode, postalCode: '' },
      });
      const all: { stage: Stage; e: unknown }[] = [
        { stage: 'created', e: scan(0, '+01:00', 'OC', 'Shipment information sent to FedEx', '', s.from) },
        { stage: 'picked_up', e: scan(3, '+01:00', 'PU', 'Picked up', 'COLOGNE', s.from) },
        { stage: 'in_transit', e: scan(9, '+01:00', 'DP', 'Left FedEx origin facility', 'COLOGNE', s.from) },
        { stage: 'in_transit', e: scan(20, '-05:00', 'CC', 'International shipment release - Import', 'MEMPHIS', s.to) },
        { stage: 'delivered', e: scan(30, '-05:00', 'OD', 'On FedEx vehicle for delivery', 'NEW YORK', s.to) },
        { stage: 'delivered', e: scan(34, '-05:00', 'DL', 'Delivered', 'NEW YORK', s.to) },
      ];
      const order: Stage[] = ['created', 'picked_up', 'in_transit', 'delivered'];
      const reached = s.stage === 'cancelled' ? 0 : order.indexOf(s.stage);
      // FedEx lists the newest scan first.
      const scanEvents = all.filter((x) => order.indexOf(x.stage) <= reached).map((x) => x.e).reverse();
      if (s.stage === 'cancelled') scanEvents.unshift(scan(1, '+01:00', 'CA', 'Shipment cancelled by sender', '', s.from));
      const latest = scanEvents[0] as { eventType: string; eventDescription: string };
      return {
        trackingNumber,
        trackResults: [{ trackingNumberInfo: { trackingNumber, carrierCode: 'FDXE' }, latestStatusDetail: { code: latest.eventType, derivedCode: latest.eventType, description: latest.eventDescription }, scanEvents }],
      };
    });
    return { status: 200, body: { transactionId: randomUUID(), output: { completeTrackResults } } };
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
