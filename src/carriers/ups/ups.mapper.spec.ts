import path from 'node:path';
import { GifWriter } from 'omggif';
import { IsoCurrencyTable } from '../../money/currency-table';
import { loadCsvFile } from '../../platform/data-files/csv-file';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { EventCodeTable } from '../http/event-code-table';
import type { ShipmentSpec } from '../shipment-spec';
import { gifLabelToPdf, gifToPng } from './gif-label.converter';
import { verifyUpsTrackAlert } from './ups-track-alert.verifier';
import type { UpsOptions } from './ups.kind';
import { UpsMappingContext, asArray, buildRateRequest, describeUpsError, fittingTaxId, parseRateResponse, parseShipmentResponse, parseTrackAlert, parseTrackResponse } from './ups.mapper';
import type { UpsRateResponse, UpsTrackResponse } from './ups.types';

const currencies = new IsoCurrencyTable(new Map(['EUR', 'USD', 'GBP'].map((c) => [c, { name: c, minorUnits: 2 }])));
const options: UpsOptions = { signature: { standard: '2', adult: '3' }, dryIce: { regulationSet: 'IATA' }, insurance: true, paperlessTrade: true, negotiatedRates: false };
const ctx: UpsMappingContext = { accountNumber: 'A1B2C3', options, currency: 'EUR', currencies };
const service = (code: string, carrierCode: string): ApiServiceDefinition => ({
  code,
  name: code,
  carrierCode,
  scope: 'international',
  limits: { maxWeightKg: 70 },
  accepts: { dangerousGoods: [], dryIce: true, signature: ['standard'], temperatureControl: false },
});

const base: ShipmentSpec = {
  shipFrom: { country: 'DE', postalCode: '10785', city: 'Berlin' },
  shipTo: { country: 'US', postalCode: '30005', city: 'Alpharetta', region: 'GA' },
  parcels: [
    { weightKg: 2.34, lengthCm: 30.2, widthCm: 20, heightCm: 10 },
    { weightKg: 1, lengthCm: 10, widthCm: 10, heightCm: 10 },
  ],
  items: [{ description: 'Amplifier', hsCode: '851840', originCountry: 'US', quantity: 1, unitValue: { amount: '1274.00', currency: 'USD' } }],
  handling: { dangerousGoods: [], dryIceKg: 0, fragile: false },
  incoterm: 'DAP',
  shipDate: '2026-11-30',
};

async function eventTable(): Promise<EventCodeTable> {
  const csv = await loadCsvFile<{ code: string; status: string; description: string }>(path.resolve(__dirname, '../../../carriers/ups/events.csv'), { type: 'object' });
  return new EventCodeTable(csv.rows.map((r) => r.record));
}

describe('UPS request building', () => {
  it('sends weights and dimensions as strings in KGS and whole CM, rounded up', () => {
    const req = buildRateRequest(base, ctx).RateRequest;
    expect(req.Request.RequestOption).toBe('Shoptimeintransit');
    expect(req.Shipment.Package[0]).toMatchObject({
      PackagingType: { Code: '02' },
      Dimensions: { UnitOfMeasurement: { Code: 'CM' }, Length: '31', Width: '20', Height: '10' },
      PackageWeight: { UnitOfMeasurement: { Code: 'KGS' }, Weight: '2.4' },
    });
    expect(req.Shipment.NumOfPieces).toBe('2');
    expect(req.Shipment.DeliveryTimeInformation).toEqual({ PackageBillType: '03', Pickup: { Date: '20261130' } });
    expect(req.Shipment.InvoiceLineTotal).toEqual({ CurrencyCode: 'USD', MonetaryValue: '1274.00' });
  });

  it('maps signature, dry ice and insurance into package service options (declared value spread over packages)', () => {
    const req = buildRateRequest({ ...base, handling: { dangerousGoods: [], dryIceKg: 3, fragile: false, signature: 'adult', insurance: { amount: '100.01', currency: 'EUR' } } }, ctx);
    const [a, b] = req.RateRequest.Shipment.Package.map((p) => p.PackageServiceOptions);
    expect(a?.DeliveryConfirmation).toEqual({ DCISType: '3' });
    expect(a?.DeclaredValue).toEqual({ CurrencyCode: 'EUR', MonetaryValue: '00050.01' });
    expect(b?.DeclaredValue).toEqual({ CurrencyCode: 'EUR', MonetaryValue: '00050.00' });
    expect(a?.DryIce).toEqual({ RegulationSet: 'IATA', DryIceWeight: { UnitOfMeasurement: { Code: '01', Description: 'Kilograms' }, Weight: '1.5' } });
  });

  it.each([
    [[{ type: 'eori', value: 'DE123456789012345' }, { type: 'vat', value: 'DE123456789' }], 'DE123456789'],
    [[{ type: 'vat', value: 'GB 123 4567 89' }, { type: 'eori', value: 'GB123456789000' }], 'GB123456789000'],
    [[{ type: 'eori', value: 'DE123456789012345' }], undefined],
    [[], undefined],
  ])('picks a tax id that fits 15 characters, never a truncated one: %j', (ids, expected) => {
    expect(fittingTaxId(ids)).toBe(expected);
  });
});

describe('UPS response reading', () => {
  const rated = {
    Service: { Code: '07', Description: '' },
    BillingWeight: { UnitOfMeasurement: { Code: 'KGS', Description: 'Kilograms' }, Weight: '3.5' },
    TransportationCharges: { CurrencyCode: 'EUR', MonetaryValue: '84.60' },
    BaseServiceCharge: { CurrencyCode: 'EUR', MonetaryValue: '71.29' },
    ItemizedCharges: { Code: '375', CurrencyCode: 'EUR', MonetaryValue: '13.31' },
    ServiceOptionsCharges: { CurrencyCode: 'EUR', MonetaryValue: '4.50' },
    TotalCharges: { CurrencyCode: 'EUR', MonetaryValue: '89.10' },
    TimeInTransit: { PickupDate: '20261130', ServiceSummary: { EstimatedArrival: { Arrival: { Date: '20261201', Time: '103000' }, BusinessDaysInTransit: '1' } } },
  };

  it('reads one RatedShipment sent as an object, with base, fuel and options charges', () => {
    const body = { RateResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, RatedShipment: rated } } as UpsRateResponse;
    const { rates, notOffered } = parseRateResponse(body, [service('worldwide-express', '07'), service('standard', '11')], ctx);
    expect(notOffered.map((s) => s.code)).toEqual(['standard']);
    expect(rates[0]).toMatchObject({ service: 'worldwide-express', currency: 'EUR', transit: { minDays: 1, maxDays: 1 }, estimatedDelivery: { earliest: '2026-12-01' }, chargeableWeightKg: 3.5 });
    expect(rates[0].charges).toEqual([
      { type: 'base', code: 'base', description: 'Transportation', amount: '71.29' },
      { type: 'fuel', code: '375', description: 'Fuel surcharge', amount: '13.31' },
      { type: 'surcharge', code: 'service_options', description: 'Service options (declared value, signature, dry ice)', amount: '4.50' },
    ]);
  });

  it('prices at the negotiated total when UPS gives one: the difference is a discount line', () => {
    const body = { RateResponse: { Response: { ResponseStatus: { Code: '1', Description: 'Success' } }, RatedShipment: [{ ...rated, NegotiatedRateCharges: { TotalCharge: { CurrencyCode: 'EUR', MonetaryValue: '71.28' } } }] } } as UpsRateResponse;
    const [rate] = parseRateResponse(body, [service('worldwide-express', '07')], ctx).rates;
    expect(rate.charges.at(-1)).toEqual({ type: 'discount', code: 'discount', description: 'Account discount on the carrier total', amount: '-17.82' });
    expect(rate.charges.reduce((s, c) => s + Number(c.amount), 0).toFixed(2)).toBe('71.28');
  });

  it('reads the ship response with one package as an object and the international forms PDF', () => {
    const result = parseShipmentResponse({
      ShipmentResponse: {
        Response: { ResponseStatus: { Code: '1', Description: 'Success' } },
        ShipmentResults: {
          ShipmentCharges: { TotalCharges: { CurrencyCode: 'EUR', MonetaryValue: '96.40' } },
          ShipmentIdentificationNumber: '1ZA1B2C30700000011',
          PackageResults: { TrackingNumber: '1ZA1B2C30700000011', ShippingLabel: { ImageFormat: { Code: 'GIF' }, GraphicImage: Buffer.from('GIF89a').toString('base64') } },
          Form: { Image: { ImageFormat: { Code: 'PDF' }, GraphicImage: Buffer.from('%PDF-1.4').toString('base64') } },
        },
      },
    });
    expect(result).toMatchObject({ shipmentId: '1ZA1B2C30700000011', total: { amount: 96.4, currency: 'EUR' } });
    expect(result.packages[0].label?.format).toBe('GIF');
    expect(result.invoicePdf?.toString()).toBe('%PDF-1.4');
  });

  it('reads tracking activities (newest first on the wire) oldest first, with the GMT offset and unified statuses', async () => {
    const body: UpsTrackResponse = {
      trackResponse: {
        shipment: [
          {
            package: [
              {
                trackingNumber: '1Z023E2X0214323462',
                activity: [
                  { date: '20231003', time: '120000', gmtDate: '20231003', gmtTime: '160000', gmtOffset: '-04:00', location: { address: { city: 'Timonium', stateProvince: 'MD', countryCode: 'US' } }, status: { type: 'D', code: 'FS', description: 'DELIVERED', statusCode: '011' } },
                  { date: '20231003', time: '071500', gmtOffset: '-04:00', status: { type: 'I', code: 'OT', description: 'Out For Delivery Today', statusCode: '021' } },
                  { date: '20231002', time: '221300', gmtDate: '20231003', gmtTime: '021300', status: { type: 'I', code: 'DP', description: 'Departed from Facility', statusCode: '005' } },
                  { date: '20231001', time: '090000', status: { type: 'X', code: 'ZZ', description: 'Held by customs', statusCode: '999' } },
                  { date: '20230930', time: '101500', gmtOffset: '-04:00', status: { type: 'M', code: 'MP', description: 'Shipper created a label', statusCode: '003' } },
                ],
              },
            ],
          },
        ],
      },
    };
    const events = parseTrackResponse(body, await eventTable());
    expect(events.map((e) => [e.code, e.status, e.occurredAt])).toEqual([
      ['003', 'label_created', '2023-09-30T10:15:00-04:00'],
      ['999', 'exception', '2023-10-01T09:00:00'],
      ['005', 'in_transit', '2023-10-03T02:13:00Z'],
      ['021', 'out_for_delivery', '2023-10-03T07:15:00-04:00'],
      ['011', 'delivered', '2023-10-03T12:00:00-04:00'],
    ]);
    expect(events[4].location).toEqual({ city: 'Timonium', region: 'MD', postalCode: undefined, country: 'US' });
  });

  it.each([
    [{ type: 'I', code: 'OT', description: 'Out for Delivery', descriptionCode: 21 }, '021', 'out_for_delivery'],
    [{ type: 'D', code: 'FS', description: 'Delivered', descriptionCode: 11 }, '011', 'delivered'],
    [{ type: 'X', code: 'XX', description: 'Exception' }, 'XX', 'exception'],
    [{ type: 'U', code: 'UP', description: 'Updated Delivery Date' }, 'UP', 'in_transit'],
    [{ type: 'MV', code: 'VP', description: 'Voided', descriptionCode: '7' }, '007', 'cancelled'],
  ])('Track Alert status %j reads as code %s, status %s', async (activityStatus, code, status) => {
    const e = parseTrackAlert({ trackingNumber: '1Z204W4R0308071865', localActivityDate: '20240423', localActivityTime: '091519', gmtOffset: '-04.00', activityStatus }, await eventTable());
    expect([e.code, e.status, e.occurredAt]).toEqual([code, status, '2024-04-23T09:15:19-04:00']);
  });

  it.each([
    [{ response: { errors: [{ code: '111210', message: 'The requested service is unavailable between the selected locations.' }] } }, '111210 The requested service is unavailable between the selected locations.'],
    [{ response: { errors: [{ code: '250002', message: 'Invalid Authentication Information' }, { code: '9', message: 'x' }] } }, '250002 Invalid Authentication Information; 9 x'],
    [{}, undefined],
  ])('error body %j reads as %s', (body, message) => {
    expect(describeUpsError(400, body)?.message).toBe(message);
  });

  it('absorbs single objects where arrays are expected', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray([1, 2])).toEqual([1, 2]);
    expect(asArray(undefined)).toEqual([]);
  });
});

describe('Track Alert verification', () => {
  it.each([
    [{ credential: 's3cret-credential' }, true],
    [{ authorization: 'Bearer s3cret-credential' }, true],
    [{ credential: 's3cret-credentia' }, false],
    [{ authorization: 'Basic s3cret-credential' }, false],
    [{}, false],
  ])('headers %j verify: %s', (headers, ok) => {
    expect(verifyUpsTrackAlert(headers, 's3cret-credential')).toBe(ok);
  });

  it('refuses every push when no credential is configured', () => {
    expect(verifyUpsTrackAlert({ credential: '' }, undefined)).toBe(false);
  });
});

describe('GIF label conversion', () => {
  function gif(width: number, height: number): Buffer {
    const pixels = new Array(width * height).fill(0).map((_, i) => (i % 3 === 0 ? 1 : 0));
    const buf = Buffer.alloc(width * height + 1024);
    const w = new GifWriter(buf, width, height, { palette: [0xffffff, 0x000000] });
    w.addFrame(0, 0, width, height, pixels);
    return buf.subarray(0, w.end());
  }

  it('decodes a GIF into a PNG of the same size', () => {
    const { png, width, height } = gifToPng(gif(12, 8));
    expect([width, height]).toEqual([12, 8]);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    ['4x6', '[0 0 288 432]'],
    ['a6', '[0 0 297.64 419.53]'],
    ['a4', '[0 0 595.28 841.89]'],
  ] as const)('puts a landscape UPS label on one upright %s page', async (size, box) => {
    const pdf = (await gifLabelToPdf(gif(60, 40), size)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain(`/MediaBox ${box}`);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });

  it('refuses bytes that are not a GIF', async () => {
    await expect(gifLabelToPdf(Buffer.from('%PDF-1.4'))).rejects.toThrow(/not a readable GIF/);
  });
});
