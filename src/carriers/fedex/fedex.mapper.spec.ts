import path from 'node:path';
import { IsoCurrencyTable } from '../../money/currency-table';
import { loadCsvFile } from '../../platform/data-files/csv-file';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { EventCodeTable } from '../http/event-code-table';
import type { ShipmentSpec } from '../shipment-spec';
import { signFedexBody, verifyFedexSignature } from './fedex-webhook.verifier';
import type { FedexOptions } from './fedex.kind';
import { FedexMappingContext, buildRateRequest, buildShipRequest, describeFedexError, fromFedexCurrency, parseRateResponse, parseShipResponse, parseTrackResponse, toFedexCurrency } from './fedex.mapper';
import type { FedexRateResponse } from './fedex.types';

const currencies = new IsoCurrencyTable(new Map(['EUR', 'USD', 'GBP', 'JPY'].map((c) => [c, { name: c, minorUnits: c === 'JPY' ? 0 : 2 }])));
const options: FedexOptions = { signature: { standard: 'DIRECT', adult: 'ADULT' }, dryIce: true, insurance: true, paperlessTrade: true, rateRequestTypes: ['ACCOUNT', 'LIST'] };
const ctx: FedexMappingContext = { accountNumber: '740561073', options, currency: 'EUR', currencies };
const service = (code: string, carrierCode: string): ApiServiceDefinition => ({
  code,
  name: code,
  carrierCode,
  scope: 'international',
  limits: { maxWeightKg: 68 },
  accepts: { dangerousGoods: [], dryIce: true, signature: ['standard'], temperatureControl: false },
});

const base: ShipmentSpec = {
  shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
  shipTo: { country: 'GB', postalCode: 'SW1A 1AA', city: 'London' },
  parcels: [{ weightKg: 2.5, lengthCm: 30.4, widthCm: 20, heightCm: 15 }],
  items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 10, unitValue: { amount: '12.50', currency: 'GBP' } }],
  handling: { dangerousGoods: [], dryIceKg: 0, fragile: false },
  incoterm: 'DDP',
  shipDate: '2026-11-30',
};

async function eventTable(): Promise<EventCodeTable> {
  const csv = await loadCsvFile<{ code: string; status: string; description: string }>(path.resolve(__dirname, '../../../carriers/fedex/events.csv'), { type: 'object' });
  return new EventCodeTable(csv.rows.map((r) => r.record));
}

describe('FedEx request building', () => {
  it('sends whole-number dimensions, FedEx currency codes and commodities for customs', () => {
    const rs = buildRateRequest(base, ctx).requestedShipment;
    expect(rs.requestedPackageLineItems[0]).toMatchObject({ weight: { units: 'KG', value: 2.5 }, dimensions: { length: 31, width: 20, height: 15, units: 'CM' } });
    expect(rs.customsClearanceDetail).toEqual({
      dutiesPayment: { paymentType: 'SENDER' },
      commodities: [
        {
          description: 'Cotton T-shirt',
          quantity: 10,
          quantityUnits: 'PCS',
          weight: { units: 'KG', value: 2.5 },
          customsValue: { amount: 125, currency: 'UKL' },
          unitPrice: { amount: 12.5, currency: 'UKL' },
          countryOfManufacture: 'CN',
          harmonizedCode: '610910',
          numberOfPieces: 1,
        },
      ],
    });
    expect(rs.rateRequestType).toEqual(['ACCOUNT', 'LIST']);
  });

  it.each([
    ['PI966', 'LITHIUM_ION', 'PACKED_WITH_EQUIPMENT'],
    ['PI967', 'LITHIUM_ION', 'CONTAINED_IN_EQUIPMENT'],
    ['PI969', 'LITHIUM_METAL', 'PACKED_WITH_EQUIPMENT'],
    ['PI970', 'LITHIUM_METAL', 'CONTAINED_IN_EQUIPMENT'],
  ])('lithium %s section II is a %s battery %s', (pi, material, packing) => {
    const s = { ...base, handling: { ...base.handling, dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: pi, section: 'II' }] } };
    const services = buildRateRequest(s, ctx).requestedShipment.requestedPackageLineItems[0].packageSpecialServices;
    expect(services).toEqual({ specialServiceTypes: ['BATTERY'], batteryDetails: [{ material, regulatorySubType: 'IATA_SECTION_II', packing }] });
  });

  it('maps other dangerous goods, dry ice and an adult signature to special services', () => {
    const s = { ...base, handling: { dangerousGoods: [{ unNumber: 'UN1266', class: '3' }], dryIceKg: 4, fragile: false, signature: 'adult' as const } };
    expect(buildRateRequest(s, ctx).requestedShipment.requestedPackageLineItems[0].packageSpecialServices).toEqual({
      specialServiceTypes: ['SIGNATURE_OPTION', 'DRY_ICE', 'DANGEROUS_GOODS'],
      signatureOptionType: 'ADULT',
      dryIceWeight: { units: 'KG', value: 4 },
      dangerousGoodsDetail: { options: ['HAZARDOUS_MATERIALS'], accessibility: 'ACCESSIBLE' },
    });
  });

  it('ships with electronic trade documents, duties billed per incoterm and the invoice number', () => {
    const req = buildShipRequest(
      {
        ...base,
        incoterm: 'DAP',
        shipFrom: { ...base.shipFrom, name: 'Anna', street1: 'Allee 1', phone: '+49 (228) 1-2', taxIds: [{ type: 'eori', value: 'DE123456789012345' }] },
        shipTo: { ...base.shipTo, name: 'Bob', street1: '10 Downing St', phone: '+44 20 7946 0000' },
        service: 'international-priority',
        reference: 'ORDER-9',
        labelFormat: 'zpl',
        labelSize: '4x6',
        idempotencyKey: 'k',
      },
      'FEDEX_INTERNATIONAL_PRIORITY',
      ctx,
    ).requestedShipment;
    expect(req.labelSpecification).toEqual({ imageType: 'ZPLII', labelStockType: 'STOCK_4X6' });
    expect(req.shipmentSpecialServices).toEqual({ specialServiceTypes: ['ELECTRONIC_TRADE_DOCUMENTS'], etdDetail: { requestedDocumentTypes: ['COMMERCIAL_INVOICE'] } });
    expect(req.customsClearanceDetail?.dutiesPayment).toEqual({ paymentType: 'RECIPIENT' });
    expect(req.customsClearanceDetail?.commercialInvoice).toEqual({ shipmentPurpose: 'SOLD', termsOfSale: 'DAP', customerReferences: [{ customerReferenceType: 'INVOICE_NUMBER', value: 'ORDER-9' }] });
    expect(req.shipper.contact.phoneNumber).toBe('+4922812');
    expect(req.shipper.tins).toEqual([{ number: 'DE123456789012345', tinType: 'BUSINESS_NATIONAL' }]);
  });

  it.each([
    ['GBP', 'UKL'],
    ['CHF', 'SFR'],
    ['JPY', 'JYE'],
    ['EUR', 'EUR'],
    ['USD', 'USD'],
  ])('currency %s travels as %s and comes back', (iso, fedex) => {
    expect(toFedexCurrency(iso)).toBe(fedex);
    expect(fromFedexCurrency(fedex, 'EUR')).toBe(iso);
  });
});

describe('FedEx response reading', () => {
  const reply: FedexRateResponse = {
    output: {
      rateReplyDetails: [
        {
          serviceType: 'FEDEX_INTERNATIONAL_PRIORITY',
          serviceName: 'FedEx International Priority®',
          ratedShipmentDetails: [
            { rateType: 'LIST', totalBaseCharge: 100, totalNetCharge: 124.5, shipmentRateDetail: { currency: 'UKL', surCharges: [{ type: 'FUEL', description: 'Fuel Surcharge', amount: 24.5 }] } },
            {
              rateType: 'ACCOUNT',
              totalBaseCharge: 100,
              totalNetCharge: 114.5,
              shipmentRateDetail: {
                currency: 'UKL',
                totalFreightDiscount: 10,
                surCharges: [{ type: 'FUEL', description: 'Fuel Surcharge', amount: 20 }, { type: 'RESIDENTIAL_DELIVERY', description: 'Residential', amount: 4.5 }],
                totalBillingWeight: { units: 'KG', value: 3 },
              },
            },
          ],
          operationalDetail: { deliveryDate: '2026-12-02T10:30:00', transitTime: 'TWO_DAYS' },
          commit: { transitDays: { minimumTransitTime: 'TWO_DAYS', maximumTransitTime: 'THREE_DAYS' } },
        },
        { serviceType: 'SMART_POST', ratedShipmentDetails: [{ rateType: 'LIST', totalNetCharge: 9 }] },
      ],
    },
  };

  it('prefers the account rate and itemises base, discount, fuel and surcharges to the net total', () => {
    const { rates, notOffered } = parseRateResponse(reply, [service('international-priority', 'FEDEX_INTERNATIONAL_PRIORITY'), service('international-economy', 'INTERNATIONAL_ECONOMY')], ctx);
    expect(notOffered.map((s) => s.code)).toEqual(['international-economy']);
    expect(rates[0]).toMatchObject({ currency: 'GBP', transit: { minDays: 2, maxDays: 3 }, estimatedDelivery: { earliest: '2026-12-02' }, chargeableWeightKg: 3 });
    expect(rates[0].charges).toEqual([
      { type: 'base', code: 'base', description: 'Base charge', amount: '100.00' },
      { type: 'discount', code: 'freight_discount', description: 'Freight discount', amount: '-10.00' },
      { type: 'fuel', code: 'FUEL', description: 'Fuel Surcharge', amount: '20.00' },
      { type: 'surcharge', code: 'RESIDENTIAL_DELIVERY', description: 'Residential', amount: '4.50' },
    ]);
  });

  it('falls back to the list rate when the account rate is missing', () => {
    const listOnly: FedexRateResponse = { output: { rateReplyDetails: [{ ...reply.output!.rateReplyDetails![0], ratedShipmentDetails: [reply.output!.rateReplyDetails![0].ratedShipmentDetails![0]] }] } };
    const [rate] = parseRateResponse(listOnly, [service('international-priority', 'FEDEX_INTERNATIONAL_PRIORITY')], ctx).rates;
    expect(rate.charges.reduce((s, c) => s + Number(c.amount), 0)).toBe(124.5);
  });

  it('reads master and piece numbers, labels and the commercial invoice', () => {
    const label = Buffer.from('^XA^XZ').toString('base64');
    const r = parseShipResponse(
      {
        output: {
          transactionShipments: [
            {
              masterTrackingNumber: '794600000010',
              pieceResponses: [
                { trackingNumber: '794600000010', packageDocuments: [{ contentType: 'LABEL', docType: 'ZPLII', encodedLabel: label }] },
                { trackingNumber: '794600000011', packageDocuments: [{ contentType: 'LABEL', docType: 'ZPLII', encodedLabel: label }] },
              ],
              shipmentDocuments: [{ contentType: 'COMMERCIAL_INVOICE', docType: 'PDF', encodedLabel: Buffer.from('%PDF').toString('base64') }],
              completedShipmentDetail: { shipmentRating: { shipmentRateDetails: [{ totalNetCharge: 104.37, currency: 'UKL' }] } },
            },
          ],
        },
      },
      'EUR',
    );
    expect(r.masterTrackingNumber).toBe('794600000010');
    expect(r.pieces.map((p) => [p.trackingNumber, p.label?.toString()])).toEqual([
      ['794600000010', '^XA^XZ'],
      ['794600000011', '^XA^XZ'],
    ]);
    expect(r.invoicePdf?.toString()).toBe('%PDF');
    expect(r.total).toEqual({ amount: 104.37, currency: 'GBP' });
  });

  it('of several results for one (reused) number takes the one with the newest scan, events oldest first', async () => {
    const events = parseTrackResponse(
      {
        output: {
          completeTrackResults: [
            {
              trackingNumber: '123456789012',
              trackResults: [
                { scanEvents: [{ date: '2019-03-01T10:00:00-06:00', eventType: 'DL', eventDescription: 'Delivered' }] },
                {
                  scanEvents: [
                    { date: '2026-12-02T09:12:00-05:00', eventType: 'DL', eventDescription: 'Delivered', scanLocation: { city: 'LONDON', countryCode: 'GB' } },
                    { date: '2026-12-01T18:00:00+00:00', eventType: 'CD', eventDescription: 'Clearance delay', exceptionDescription: 'Import documentation missing' },
                    { date: '2026-11-30T17:30:00+01:00', eventType: 'PU', eventDescription: 'Picked up' },
                  ],
                },
              ],
            },
          ],
        },
      },
      await eventTable(),
    );
    expect(events.map((e) => [e.code, e.status, e.reason, e.description])).toEqual([
      ['PU', 'in_transit', undefined, 'Picked up'],
      ['CD', 'customs', 'customs_delay', 'Clearance delay: Import documentation missing'],
      ['DL', 'delivered', undefined, 'Delivered'],
    ]);
  });

  it.each([
    [{ errors: [{ code: 'SERVICE.UNAVAILABLE.ERROR', message: 'The service is currently unavailable.' }] }, 'SERVICE.UNAVAILABLE.ERROR The service is currently unavailable.'],
    [{ transactionId: 'x', errors: [] }, undefined],
    [null, undefined],
  ])('error body %j reads as %s', (body, message) => {
    expect(describeFedexError(400, body)?.message).toBe(message);
  });
});

describe('fdx-signature', () => {
  const secret = 'fedex-security-token';
  const body = '{"trackingNumber":"794600000010"}';
  it.each([
    ['the signature of the body', signFedexBody(body, secret), body, true],
    ['a signature of another body', signFedexBody('{}', secret), body, false],
    ['a signature with another key', signFedexBody(body, 'other'), body, false],
    ['garbage', 'not base64!!', body, false],
    ['no header', undefined, body, false],
  ])('%s verifies: %s', (_name, signature, raw, ok) => {
    expect(verifyFedexSignature(Buffer.from(raw as string), signature as string | undefined, secret)).toBe(ok);
  });

  it('refuses every push when no secret is configured', () => {
    expect(verifyFedexSignature(body, signFedexBody(body, secret), undefined)).toBe(false);
  });
});
