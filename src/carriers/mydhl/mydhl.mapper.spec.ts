import path from 'node:path';
import { IsoCurrencyTable } from '../../money/currency-table';
import { loadCsvFile } from '../../platform/data-files/csv-file';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { EventCodeTable } from '../http/event-code-table';
import type { ShipmentSpec } from '../shipment-spec';
import type { MydhlOptions } from './mydhl.kind';
import { MydhlMappingContext, buildRateRequest, buildShipmentRequest, describeMydhlError, parseRateResponse, parseShipmentResponse, parseTrackingResponse, valueAddedServices } from './mydhl.mapper';
import type { MydhlRateResponse, MydhlTrackingResponse } from './mydhl.types';

const currencies = new IsoCurrencyTable(new Map([['EUR', 2], ['GBP', 2], ['USD', 2], ['JPY', 0]].map(([c, n]) => [c as string, { name: c as string, minorUnits: n as number }])));
const options: MydhlOptions = {
  dangerousGoods: 'HE',
  dryIce: 'HC',
  lithium: { 'PI966-II': 'HD', 'PI967-II': 'HV', 'PI969-II': 'HM', 'PI970-II': 'HW' },
  signature: { standard: 'SF' },
  insurance: 'II',
  paperlessTrade: 'WY',
  dutiesAndTaxesPaid: 'DD',
};
const ctx: MydhlMappingContext = { accountNumber: '123456789', options, timeZone: 'Europe/Berlin', currency: 'EUR', currencies };

const service = (code: string, carrierCode: string): ApiServiceDefinition => ({
  code,
  name: code,
  carrierCode,
  scope: 'international',
  limits: { maxWeightKg: 70 },
  accepts: { dangerousGoods: [], dryIce: true, signature: ['standard'], temperatureControl: false },
});

const base: ShipmentSpec = {
  shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
  shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY' },
  parcels: [{ weightKg: 1.5, lengthCm: 30, widthCm: 20, heightCm: 10 }],
  items: [{ description: 'Bushing', hsCode: '848210', originCountry: 'DE', quantity: 4, unitValue: { amount: '25.00', currency: 'EUR' } }],
  handling: { dangerousGoods: [], dryIceKg: 0, fragile: false },
  incoterm: 'DAP',
  shipDate: '2026-11-30',
};

async function eventTable(): Promise<EventCodeTable> {
  const csv = await loadCsvFile<{ code: string; status: string; description: string }>(path.resolve(__dirname, '../../../carriers/mydhl/events.csv'), { type: 'object' });
  return new EventCodeTable(csv.rows.map((r) => r.record));
}

describe('MyDHL request building', () => {
  it('announces the shipment at noon local time with the zone offset of that date', () => {
    expect(buildRateRequest(base, ctx).plannedShippingDateAndTime).toBe('2026-11-30T12:00:00GMT+01:00');
    expect(buildRateRequest({ ...base, shipDate: '2026-07-01' }, ctx).plannedShippingDateAndTime).toBe('2026-07-01T12:00:00GMT+02:00');
  });

  it.each([
    ['DE', 'US', true],
    ['DE', 'CH', true],
    ['DE', 'GB', true],
    ['DE', 'FR', false],
    ['DE', 'DE', false],
  ])('%s to %s is customs declarable: %s', (from, to, dutiable) => {
    const req = buildRateRequest({ ...base, shipFrom: { ...base.shipFrom, country: from }, shipTo: { ...base.shipTo, country: to } }, ctx);
    expect(req.isCustomsDeclarable).toBe(dutiable);
    expect(req.monetaryAmount !== undefined).toBe(dutiable);
  });

  it('sends the declared value as the sum of rounded item lines', () => {
    expect(buildRateRequest(base, ctx).monetaryAmount).toEqual([{ typeCode: 'declaredValue', value: 100, currency: 'EUR' }]);
  });

  it.each([
    ['lithium ion in equipment', { dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', section: 'II' }] }, [{ serviceCode: 'HV' }]],
    ['lithium metal packed with', { dangerousGoods: [{ unNumber: 'UN3091', class: '9', packingInstruction: 'PI969', section: 'II' }] }, [{ serviceCode: 'HM' }]],
    ['other dangerous goods', { dangerousGoods: [{ unNumber: 'UN1266', class: '3' }] }, [{ serviceCode: 'HE', dangerousGoods: [{ unCodes: ['1266'] }] }]],
    ['dry ice', { dryIceKg: 2.5 }, [{ serviceCode: 'HC', dangerousGoods: [{ dryIceTotalNetWeight: 2.5 }] }]],
    ['signature', { signature: 'standard' as const }, [{ serviceCode: 'SF' }]],
    ['adult signature without a code', { signature: 'adult' as const }, []],
    ['insurance', { insurance: { amount: '500.00', currency: 'EUR' } }, [{ serviceCode: 'II', value: 500, currency: 'EUR' }]],
  ])('%s maps to %j', (_name, handling, expected) => {
    expect(valueAddedServices({ ...base, handling: { ...base.handling, ...handling } }, options)).toEqual(expected);
  });

  it('adds DD for DDP across a customs border only', () => {
    expect(valueAddedServices({ ...base, incoterm: 'DDP' }, options)).toEqual([{ serviceCode: 'DD' }]);
    expect(valueAddedServices({ ...base, incoterm: 'DDP', shipTo: { ...base.shipTo, country: 'FR' } }, options)).toEqual([]);
  });

  it('rates carry value-added service codes without dangerous-goods details (only /shipments takes them)', () => {
    const req = buildRateRequest({ ...base, handling: { ...base.handling, dryIceKg: 1 } }, ctx);
    expect(req.valueAddedServices).toEqual([{ serviceCode: 'HC' }]);
  });

  it('builds a shipment with invoice data, tax ids, the label template and paperless trade', () => {
    const req = buildShipmentRequest(
      {
        ...base,
        shipFrom: { ...base.shipFrom, name: 'Anna', company: 'Acme', street1: 'Allee 1', phone: '+49 228 1', taxIds: [{ type: 'eori', value: 'DE123456789012345' }] },
        shipTo: { ...base.shipTo, name: 'Bob', street1: '350 5th Ave', phone: '+1 212' },
        importer: { type: 'business', taxIds: [{ type: 'ein', value: '12-3456789' }] },
        service: 'express-worldwide',
        reference: 'ORDER-1',
        labelFormat: 'zpl',
        labelSize: '4x6',
        idempotencyKey: 'k1',
      },
      'P',
      ctx,
      '2026-11-27',
    );
    expect(req.productCode).toBe('P');
    expect(req.outputImageProperties.encodingFormat).toBe('zpl');
    expect(req.outputImageProperties.imageOptions).toEqual([
      { typeCode: 'label', templateName: 'ECOM26_84_001' },
      { typeCode: 'invoice', isRequested: true, invoiceType: 'commercial' },
    ]);
    expect(req.valueAddedServices).toEqual([{ serviceCode: 'WY' }]);
    expect(req.customerDetails.shipperDetails.registrationNumbers).toEqual([{ typeCode: 'EOR', number: 'DE123456789012345', issuerCountryCode: 'DE' }]);
    expect(req.customerDetails.receiverDetails.registrationNumbers).toEqual([{ typeCode: 'EIN', number: '12-3456789', issuerCountryCode: 'US' }]);
    expect(req.customerDetails.receiverDetails.contactInformation).toEqual({ phone: '+1 212', companyName: 'Bob', fullName: 'Bob' });
    expect(req.content.exportDeclaration?.invoice).toEqual({ number: 'ORDER-1', date: '2026-11-27' });
    expect(req.content.exportDeclaration?.lineItems[0]).toMatchObject({ number: 1, price: 25, quantity: { value: 4, unitOfMeasurement: 'PCS' }, commodityCodes: [{ typeCode: 'outbound', value: '848210' }], manufacturerCountry: 'DE' });
    expect(req.content.incoterm).toBe('DAP');
  });
});

describe('MyDHL response reading', () => {
  // Shaped like the specification's example `nonDocInternationalShipmentRatesResponse`.
  const example: MydhlRateResponse = {
    products: [
      {
        productName: 'EXPRESS WORLDWIDE NONDOC',
        productCode: 'P',
        localProductCode: 'P',
        networkTypeCode: 'TD',
        weight: { volumetric: 1.2, provided: 1.5, unitOfMeasurement: 'metric' },
        totalPrice: [
          { currencyType: 'BILLC', priceCurrency: 'GBP', price: 157.95 },
          { currencyType: 'PULCL', priceCurrency: 'GBP', price: 157.95 },
          { currencyType: 'BASEC', priceCurrency: 'EUR', price: 182.84 },
        ],
        detailedPriceBreakdown: [
          {
            currencyType: 'BILLC',
            priceCurrency: 'GBP',
            breakdown: [
              { name: 'EXPRESS WORLDWIDE', price: 130 },
              { name: 'EMERGENCY SITUATION', serviceCode: 'CR', localServiceCode: 'CR', serviceTypeCode: 'SCH', price: 0.27 },
              { name: 'FUEL SURCHARGE', serviceCode: 'FF', localServiceCode: 'FF', serviceTypeCode: 'SCH', price: 27.68 },
              { name: 'SATURDAY DELIVERY', serviceCode: 'AA', serviceTypeCode: 'XCH' },
            ],
          },
        ],
        deliveryCapabilities: { deliveryTypeCode: 'QDDC', estimatedDeliveryDateAndTime: '2026-12-02T23:59:00', totalTransitDays: 2 },
      },
      { productName: 'EXPRESS 9:00', productCode: 'K', weight: {}, totalPrice: [{ currencyType: 'BILLC', priceCurrency: 'GBP', price: 201.1 }] },
      { productName: 'NOT OFFERED BY US', productCode: 'X', weight: {}, totalPrice: [{ price: 1 }] },
    ],
  };

  it('reads the billing-currency price with base, fuel and surcharges adding up to the carrier total', () => {
    const { rates, notOffered } = parseRateResponse(example, [service('express-worldwide', 'P'), service('express-0900', 'K'), service('economy-select', 'W')], ctx);
    expect(rates.map((r) => r.service)).toEqual(['express-worldwide', 'express-0900']);
    expect(notOffered.map((s) => s.code)).toEqual(['economy-select']);
    const p = rates[0];
    expect(p).toMatchObject({ currency: 'GBP', transit: { minDays: 2, maxDays: 2 }, estimatedDelivery: { earliest: '2026-12-02', latest: '2026-12-02' }, chargeableWeightKg: 1.5, bookingRef: { productCode: 'P', localProductCode: 'P' } });
    expect(p.charges).toEqual([
      { type: 'base', code: 'base', description: 'EXPRESS WORLDWIDE', amount: '130.00' },
      { type: 'surcharge', code: 'CR', description: 'EMERGENCY SITUATION', amount: '0.27' },
      { type: 'fuel', code: 'FF', description: 'FUEL SURCHARGE', amount: '27.68' },
    ]);
    // Without a breakdown the total is one line.
    expect(rates[1].charges).toEqual([{ type: 'base', code: 'total', description: 'Carrier total', amount: '201.10' }]);
  });

  it('keeps what the carrier total holds beyond its itemised lines as one more line', () => {
    const taxed: MydhlRateResponse = { products: [{ ...example.products[0], totalPrice: [{ currencyType: 'BILLC', priceCurrency: 'GBP', price: 189.54 }] }] };
    const [rate] = parseRateResponse(taxed, [service('express-worldwide', 'P')], ctx).rates;
    expect(rate.charges.at(-1)).toEqual({ type: 'tax', code: 'other', description: 'Other carrier charges and taxes not itemised', amount: '31.59' });
    expect(rate.charges.reduce((s, c) => s + Number(c.amount), 0).toFixed(2)).toBe('189.54');
  });

  it('reads waybill, pieces, a label per piece and the invoice from the shipment response', () => {
    const pdf = Buffer.from('%PDF-1.4 label').toString('base64');
    const result = parseShipmentResponse(
      {
        shipmentTrackingNumber: '1103733901',
        packages: [{ referenceNumber: 1, trackingNumber: 'JD014600004617230770' }, { referenceNumber: 2, trackingNumber: 'JD014600004617230771' }],
        documents: [
          { imageFormat: 'PDF', content: pdf, typeCode: 'label', packageReferenceNumber: 2 },
          { imageFormat: 'PDF', content: pdf, typeCode: 'label', packageReferenceNumber: 1 },
          { imageFormat: 'PDF', content: pdf, typeCode: 'invoice' },
        ],
        shipmentCharges: [{ currencyType: 'BILLC', priceCurrency: 'EUR', price: 118.42 }],
      },
      'pdf',
      ctx,
    );
    expect(result.trackingNumber).toBe('1103733901');
    expect(result.parcels.map((p) => [p.trackingNumber, p.label?.data.toString()])).toEqual([
      ['JD014600004617230770', '%PDF-1.4 label'],
      ['JD014600004617230771', '%PDF-1.4 label'],
    ]);
    expect(result.documents?.map((d) => d.type)).toEqual(['commercial_invoice']);
    expect(result.charges).toEqual([{ type: 'base', code: 'total', description: 'Carrier total', amount: '118.42' }]);
  });

  it('reads tracking events (specification example) with offsets, locations and unified statuses, oldest first', async () => {
    const body: MydhlTrackingResponse = {
      shipments: [
        {
          shipmentTrackingNumber: '1234567890',
          status: 'Success',
          events: [
            { date: '2023-08-09', time: '18:47:01', GMTOffset: '+10:00', typeCode: 'AF', description: 'Arrived at DHL Sort Facility - SYDNEY-AU', serviceArea: [{ code: 'SYD', description: 'SYDNEY-AU' }] },
            { date: '2023-08-09', time: '13:56:21', GMTOffset: '+10:00', typeCode: 'PU', description: 'Shipment picked up', serviceArea: [{ code: 'SYD', description: 'SYDNEY-AU' }] },
            { date: '2023-08-09', time: '21:49:12', typeCode: 'RR', description: 'Customs clearance status updated.', serviceArea: [{ code: 'AKL', description: 'AUCKLAND-NZ' }] },
            { date: '2023-08-11', time: '10:02:00', GMTOffset: '+12:00', typeCode: 'OK', description: 'Delivered', serviceArea: [{ code: 'AKL', description: 'AUCKLAND-NZ' }] },
            { date: '2023-08-11', time: '11:00:00', GMTOffset: '+12:00', typeCode: 'ZZ', description: 'Something new' },
          ],
        },
      ],
    };
    const events = parseTrackingResponse(body, await eventTable());
    expect(events.map((e) => [e.code, e.status, e.substatus, e.occurredAt, e.location?.city, e.location?.country])).toEqual([
      ['PU', 'in_transit', 'in_transit.picked_up', '2023-08-09T13:56:21+10:00', 'SYDNEY', 'AU'],
      ['AF', 'in_transit', 'in_transit.arrived_facility', '2023-08-09T18:47:01+10:00', 'SYDNEY', 'AU'],
      ['RR', 'customs', 'customs.clearance_started', '2023-08-09T21:49:12', 'AUCKLAND', 'NZ'],
      ['OK', 'delivered', 'delivered.delivered', '2023-08-11T10:02:00+12:00', 'AUCKLAND', 'NZ'],
      ['ZZ', 'unknown', undefined, '2023-08-11T11:00:00+12:00', undefined, undefined],
    ]);
  });

  it.each([
    [{ detail: 'The account number is not found or invalid.', title: 'Bad request', status: '400' }, 'The account number is not found or invalid.'],
    [{ detail: '420505: The destination location is invalid.', additionalDetails: ['Receiver postal code is not valid'] }, '420505: The destination location is invalid.; Receiver postal code is not valid'],
    [{ title: 'Unauthorized' }, 'Unauthorized'],
    ['not json', undefined],
  ])('error body %j reads as %s', (body, message) => {
    expect(describeMydhlError(400, body)?.message).toBe(message);
  });
});
