import { plainToInstance } from 'class-transformer';
import { CreateQuoteDto } from './quote-request.dto';
import { toCm, toKg, toShipmentSpec } from './shipment-normaliser';

describe('units', () => {
  it.each([
    [{ value: 2.5, unit: 'kg' as const }, 2.5],
    [{ value: 750, unit: 'g' as const }, 0.75],
    [{ value: 10, unit: 'lb' as const }, 4.535924],
    [{ value: 16, unit: 'oz' as const }, 0.453592],
  ])('%o is %p kg', (w, kg) => {
    expect(toKg(w)).toBe(kg);
  });

  it('converts inches to centimetres without float noise', () => {
    expect(toCm({ length: 12, width: 8.5, height: 0.1, unit: 'in' })).toEqual({ lengthCm: 30.48, widthCm: 21.59, heightCm: 0.254 });
    expect(toCm({ length: 30, width: 20, height: 15, unit: 'cm' })).toEqual({ lengthCm: 30, widthCm: 20, heightCm: 15 });
  });
});

describe('toShipmentSpec', () => {
  it('normalises the request into the engines\' shape', () => {
    const dto = plainToInstance(CreateQuoteDto, {
      shipFrom: { country: 'DE', postalCode: '53113' },
      shipTo: { country: 'US', postalCode: '10001', region: 'NY', residential: true },
      parcels: [{ weight: { value: 2, unit: 'lb' }, dimensions: { length: 10, width: 8, height: 4, unit: 'in' }, pallet: false }],
      items: [{ description: 'Shirt', hsCode: '6109.10', originCountry: 'CN', quantity: 2, unitValue: { amount: '12.50', currency: 'EUR' }, unitWeight: { value: 200, unit: 'g' } }],
      handling: { signature: 'adult', insurance: { amount: '100.00', currency: 'EUR' } },
      incoterm: 'DDP',
      currency: 'USD',
      importer: { type: 'business', taxIds: [{ type: 'ein', value: '12-3456789' }] },
    });
    expect(toShipmentSpec(dto, '2026-11-27')).toEqual({
      shipFrom: { country: 'DE', postalCode: '53113', city: undefined, region: undefined, residential: undefined },
      shipTo: { country: 'US', postalCode: '10001', city: undefined, region: 'NY', residential: true },
      parcels: [{ weightKg: 0.907185, lengthCm: 25.4, widthCm: 20.32, heightCm: 10.16 }],
      items: [{ description: 'Shirt', hsCode: '610910', originCountry: 'CN', quantity: 2, unitValue: { amount: '12.50', currency: 'EUR' }, unitWeightKg: 0.2 }],
      handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, signature: 'adult', insurance: { amount: '100.00', currency: 'EUR' } },
      incoterm: 'DDP',
      shipDate: '2026-11-27',
      importer: { type: 'business', taxIds: [{ type: 'ein', value: '12-3456789' }] },
    });
  });
});
