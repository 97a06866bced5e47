import type { ShipmentSpec } from '../shipment-spec';
import type { ApiServiceDefinition } from './api-carrier.kind';
import { checkServiceEligibility, lithiumKey } from './api-service-eligibility';

const service: ApiServiceDefinition = {
  code: 'express',
  name: 'Express',
  carrierCode: 'P',
  scope: 'international',
  limits: { maxWeightKg: 70, maxLengthCm: 120, maxLengthPlusGirthCm: 300, maxParcels: 3 },
  accepts: { dangerousGoods: ['PI966-II', 'PI967-II'], dryIce: false, signature: ['standard'], temperatureControl: false, maxInsurance: 1000 },
  excludedDestinations: ['KP'],
};

const base: ShipmentSpec = {
  shipFrom: { country: 'DE' },
  shipTo: { country: 'US' },
  parcels: [{ weightKg: 5, lengthCm: 40, widthCm: 30, heightCm: 20 }],
  items: [],
  handling: { dangerousGoods: [], dryIceKg: 0, fragile: false },
  incoterm: 'DAP',
  shipDate: '2026-11-30',
};

describe('API service eligibility', () => {
  it.each<[string, Partial<ShipmentSpec>, string | undefined]>([
    ['a plain parcel', {}, undefined],
    ['a domestic shipment on an international service', { shipTo: { country: 'DE' } }, 'destination_not_served'],
    ['an excluded destination', { shipTo: { country: 'KP' } }, 'destination_not_served'],
    ['too many parcels', { parcels: Array(4).fill({ weightKg: 1 }) }, 'too_many_parcels'],
    ['a parcel over the weight limit', { parcels: [{ weightKg: 70.5 }] }, 'weight_exceeds_limit'],
    ['a parcel at the weight limit', { parcels: [{ weightKg: 70 }] }, undefined],
    ['a parcel too long (any side order)', { parcels: [{ weightKg: 1, lengthCm: 10, widthCm: 121, heightCm: 10 }] }, 'dimensions_exceed_limit'],
    ['length plus girth over the limit', { parcels: [{ weightKg: 1, lengthCm: 100, widthCm: 50, heightCm: 51 }] }, 'dimensions_exceed_limit'],
    ['accepted lithium', { handling: { dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', section: 'II' }], dryIceKg: 0, fragile: false } }, undefined],
    ['lithium section I', { handling: { dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', section: 'IB' }], dryIceKg: 0, fragile: false } }, 'dangerous_goods_not_accepted'],
    ['other dangerous goods', { handling: { dangerousGoods: [{ unNumber: 'UN1266', class: '3' }], dryIceKg: 0, fragile: false } }, 'dangerous_goods_not_accepted'],
    ['dry ice', { handling: { dangerousGoods: [], dryIceKg: 1, fragile: false } }, 'dry_ice_not_accepted'],
    ['a temperature range', { handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, temperature: { minC: 2, maxC: 8 } } }, 'temperature_control_unavailable'],
    ['an adult signature', { handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, signature: 'adult' } }, 'signature_unavailable'],
    ['insurance above the maximum', { handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, insurance: { amount: '1000.01', currency: 'EUR' } } }, 'insurance_exceeds_limit'],
  ])('%s: %s', (_name, change, reason) => {
    expect(checkServiceEligibility(service, { ...base, ...change })?.reason).toBe(reason);
  });

  it('compares the insured value with the limit only in the carrier currency', () => {
    const insured = (amount: string, currency: string) => ({ ...base, handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, insurance: { amount, currency } } });
    expect(checkServiceEligibility(service, insured('1500.00', 'EUR'), 'EUR')?.reason).toBe('insurance_exceeds_limit');
    expect(checkServiceEligibility(service, insured('1500.00', 'USD'), 'EUR')).toBeUndefined();
    expect(checkServiceEligibility(service, insured('999.99', 'EUR'), 'EUR')).toBeUndefined();
  });

  it.each([
    [{ unNumber: 'UN3481', class: '9', packingInstruction: 'pi 967', section: 'ii' }, 'PI967-II'],
    [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967' }, 'PI967-II'],
    [{ unNumber: 'UN1266', class: '3', packingInstruction: 'Y341' }, undefined],
  ])('lithium key of %j is %s', (dg, key) => {
    expect(lithiumKey(dg)).toBe(key);
  });
});
