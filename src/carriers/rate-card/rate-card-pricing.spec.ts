import type { CurrencyTable } from '../../money/money';
import type { ServiceExclusion } from '../carrier-adapter';
import { EMPTY_HANDLING, type HandlingSpec, type ParcelSpec, type ShipmentSpec } from '../shipment-spec';
import { PostcodeAreaMap } from './postcode-areas';
import type { RateCardCarrier, RateCardService } from './rate-card-definition';
import type { RateCardTables, RemoteArea } from './rate-card-tables';
import { fuelPercentOn, priceService } from './service-charges';
import { checkEligibility, classifyPallet, isExclusion } from './service-eligibility';

const currencies: CurrencyTable = { minorUnits: (c) => (c === 'JPY' ? 0 : 2), has: () => true };
// 1 USD = 0.9 EUR, for limits and insurance given in another currency.
const toEur = (amount: string, code: string) => Number(amount) * (code === 'USD' ? 0.9 : 1);

const express: RateCardService = {
  code: 'express',
  name: 'Test Express',
  tracked: true,
  pricing: { method: 'weight', basis: 'shipment', table: 'express', dimensionalDivisor: 5000 },
  limits: { maxParcels: 5, maxParcelWeightKg: 70, maxShipmentWeightKg: 100, maxDimensionsCm: [120, 80, 80] },
  accepts: {
    dangerousGoods: [{ name: 'lithium in equipment', unNumbers: ['UN3481'], sections: ['II'] }, { name: 'class 3', classes: ['3'] }],
    dryIce: { maxKgPerParcel: 5 },
    signature: ['standard', 'adult'],
    insurance: { maxValue: { amount: '1000.00', currency: 'EUR' } },
    temperature: [
      { code: 'fridge', name: 'Fridge', minC: 2, maxC: 8 },
      { code: 'frozen', name: 'Frozen', minC: -80, maxC: -20 },
    ],
  },
};
const postal: RateCardService = {
  code: 'postal',
  name: 'Test Post',
  tracked: true,
  pricing: { method: 'weight', basis: 'parcel', table: 'postal' },
  limits: { maxParcelWeightKg: 2, maxSumOfSidesCm: 90, maxValue: { amount: '500.00', currency: 'EUR' } },
};
const pallet: RateCardService = {
  code: 'pallet',
  name: 'Test Pallet',
  tracked: true,
  pricing: { method: 'pallet', table: 'pallet' },
  limits: { maxParcelWeightKg: 1000 },
  accepts: { pallets: true },
};

const carrier = {
  id: 'test',
  name: 'Test Carrier',
  adapter: 'rate-card',
  source: { retrieved: '2026-11-27', status: 'example' },
  currency: 'EUR',
  origins: ['DE'],
  timeZone: 'Europe/Berlin',
  files: { zones: 'zones.csv' },
  ddp: { supported: false },
  fuel: [
    { from: '2026-10-01', percent: 20 },
    { from: '2026-11-01', percent: 10 },
  ],
  palletTypes: [
    { code: 'quarter', name: 'Quarter', maxWeightKg: 300, maxDimensionsCm: [120, 80, 60] },
    { code: 'full', name: 'Full', maxWeightKg: 1000, maxDimensionsCm: [180, 120, 80] },
  ],
  surcharges: [
    { code: 'remote', name: 'Remote area', when: { remoteArea: true }, charge: { amount: 0.5, per: 'kg', minimum: 20 }, fuel: true },
    { code: 'oversize', name: 'Oversize', when: { longestSideOverCm: 100 }, charge: { amount: 30, per: 'parcel' }, fuel: true },
    { code: 'lithium', name: 'Lithium II', when: { dangerousGoods: 'lithium-section-ii' }, charge: { amount: 5, per: 'shipment' } },
    { code: 'dg', name: 'Fully regulated', when: { dangerousGoods: 'fully-regulated' }, charge: { amount: 80, per: 'shipment' } },
    { code: 'dry-ice', name: 'Dry ice', when: { dryIce: true }, charge: { amount: 4, per: 'dry-ice-kg', minimum: 10 } },
    { code: 'adult', name: 'Adult signature', when: { signature: 'adult' }, charge: { amount: 7, per: 'shipment' } },
    { code: 'insurance', name: 'Insurance', when: { insurance: true }, charge: { percent: 2, of: 'insured-value', minimum: 10 } },
    { code: 'fridge', name: 'Fridge box', when: { temperatureRange: 'fridge' }, charge: { amount: 50, per: 'parcel' } },
    { code: 'toll', name: 'Toll', when: { always: true }, charge: { percent: 10, of: 'base' }, services: ['pallet'] },
  ],
  services: [express, postal, pallet],
  dir: '/nowhere',
  raw: {},
  tables: {},
} as unknown as RateCardCarrier;

const zones = new PostcodeAreaMap<string>();
zones.setCountry('US', 'Z1');
zones.setCountry('FR', 'Z2');
zones.setCountry('DE', 'Z2');
zones.addRange('FR', { from: '20', to: '20', value: 'NOT_SERVED' });
zones.addRange('CA', { from: 'H', to: 'H', value: 'Z1' });
const remoteAreas = new PostcodeAreaMap<RemoteArea>();
remoteAreas.addRange('US', { from: '99500', to: '99999', value: { name: 'Alaska' } });
const band = (maxKg: number, price: number, perUnit = 0, stepKg?: number) => ({ maxKg, price, perUnit, unitKg: 1, stepKg });
const tables: RateCardTables = {
  zones,
  rates: new Map([
    ['express', new Map([['Z1', [band(0.5, 20), band(1, 25), band(5, 40), band(100, 0, 8, 1)]], ['Z2', [band(5, 15)]]])],
    ['postal', new Map([['Z1', [band(2, 3, 10, 0.01)]]])],
  ]),
  palletRates: new Map([['pallet', new Map([['Z2', new Map([['quarter', 100], ['full', 180]])]])]]),
  transit: new Map([
    ['express', new Map([['Z1', { minDays: 1, maxDays: 3 }], ['Z2', { minDays: 1, maxDays: 2 }]])],
    ['postal', new Map([['Z1', { minDays: 5, maxDays: 9 }]])],
    ['pallet', new Map([['Z2', { minDays: 2, maxDays: 4 }]])],
  ]),
  lanes: new Map(),
  remoteAreas,
};

const parcel = (weightKg: number, dims?: [number, number, number], extra: Partial<ParcelSpec> = {}): ParcelSpec => ({
  weightKg,
  ...(dims && { lengthCm: dims[0], widthCm: dims[1], heightCm: dims[2] }),
  ...extra,
});

function shipment(over: Partial<Omit<ShipmentSpec, 'handling'>> & { handling?: Partial<HandlingSpec> } = {}): ShipmentSpec {
  return {
    shipFrom: { country: 'DE', postalCode: '53113' },
    shipTo: { country: 'US', postalCode: '10001' },
    parcels: [parcel(1.2, [30, 20, 10])],
    items: [{ description: 'T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 2, unitValue: { amount: '100.00', currency: 'EUR' } }],
    incoterm: 'DAP',
    shipDate: '2026-11-27',
    ...over,
    handling: { ...EMPTY_HANDLING, ...over.handling },
  };
}

function rate(service: RateCardService, s: ShipmentSpec) {
  const eligible = checkEligibility(carrier, tables, service, s, toEur);
  if (isExclusion(eligible)) return eligible;
  const priced = priceService(carrier, tables, service, s, eligible, toEur, currencies);
  return 'reason' in priced ? priced : { ...priced, zone: eligible.zone, transit: eligible.transit };
}

describe('rate-card eligibility', () => {
  it.each<[string, RateCardService, ShipmentSpec, ServiceExclusion['reason'], RegExp]>([
    ['origin', express, shipment({ shipFrom: { country: 'FR' } }), 'origin_not_served', /does not pick up in FR/],
    ['destination without a zone', express, shipment({ shipTo: { country: 'JP' } }), 'destination_not_served', /does not deliver to JP/],
    ['zone without prices for the service', postal, shipment({ shipTo: { country: 'FR' } }), 'destination_not_served', /does not deliver to FR/],
    ['explicitly not served postcode', express, shipment({ shipTo: { country: 'FR', postalCode: '20090' } }), 'destination_not_served', /FR 20090/],
    ['zone known only by postcode, none given', express, shipment({ shipTo: { country: 'CA' } }), 'destination_not_served', /needs the destination postal code/],
    ['DDP where the carrier cannot bill duties', express, shipment({ incoterm: 'DDP' }), 'incoterm_not_supported', /DDP/],
    ['pallet on a parcel service', express, shipment({ parcels: [parcel(200, undefined, { pallet: true })] }), 'packaging_not_accepted', /does not carry pallets/],
    ['parcel on a pallet service', pallet, shipment({ shipTo: { country: 'FR' } }), 'packaging_not_accepted', /pallets only/],
    ['too many pieces', express, shipment({ parcels: Array.from({ length: 6 }, () => parcel(1)) }), 'too_many_parcels', /at most 5/],
    ['piece too heavy', postal, shipment({ parcels: [parcel(2.5)] }), 'weight_exceeds_limit', /2\.5 kg.*up to 2 kg/],
    ['shipment too heavy', express, shipment({ parcels: [parcel(60), parcel(60)] }), 'weight_exceeds_limit', /120 kg.*up to 100 kg/],
    ['side too long', express, shipment({ parcels: [parcel(5, [130, 20, 20])] }), 'dimensions_exceed_limit', /130 x 20 x 20/],
    ['sides sorted before comparing', express, shipment({ parcels: [parcel(5, [50, 90, 85])] }), 'dimensions_exceed_limit', /90 x 85 x 50/],
    ['sum of sides', postal, shipment({ parcels: [parcel(1, [50, 30, 20])] }), 'dimensions_exceed_limit', /100 cm/],
    ['pallet too heavy for any size', pallet, shipment({ shipTo: { country: 'FR' }, parcels: [parcel(1000.5, undefined, { pallet: true })] }), 'weight_exceeds_limit', /1000\.5 kg/],
    ['pallet too tall for any size', pallet, shipment({ shipTo: { country: 'FR' }, parcels: [parcel(200, [120, 80, 200], { pallet: true })] }), 'dimensions_exceed_limit', /pallet 1/],
    ['standalone lithium batteries', express, shipment({ handling: { dangerousGoods: [{ unNumber: 'UN3480', class: '9', packingInstruction: 'PI965', section: 'IB' }] } }), 'dangerous_goods_not_accepted', /UN3480 class 9 PI965 section IB/],
    ['no dangerous goods at all', postal, shipment({ handling: { dangerousGoods: [{ unNumber: 'UN1266', class: '3' }] } }), 'dangerous_goods_not_accepted', /accepts no dangerous goods/],
    ['dry ice not accepted', postal, shipment({ handling: { dryIceKg: 1 } }), 'dry_ice_not_accepted', /does not accept dry ice/],
    ['too much dry ice per piece', express, shipment({ handling: { dryIceKg: 6 } }), 'dry_ice_not_accepted', /6 kg of dry ice per piece/],
    ['no temperature control', postal, shipment({ handling: { temperature: { minC: 2, maxC: 8 } } }), 'temperature_control_unavailable', /not temperature-controlled/],
    ['no packaging inside the declared range', express, shipment({ handling: { temperature: { minC: -25, maxC: -15 } } }), 'temperature_control_unavailable', /cannot hold -25 to -15/],
    ['signature not offered', postal, shipment({ handling: { signature: 'standard' } }), 'signature_unavailable', /signature on delivery/],
    ['insurance not offered', postal, shipment({ handling: { insurance: { amount: '100.00', currency: 'EUR' } } }), 'insurance_exceeds_limit', /no insurance/],
    ['insurance over the limit, in another currency', express, shipment({ handling: { insurance: { amount: '1200.00', currency: 'USD' } } }), 'insurance_exceeds_limit', /up to 1000.00 EUR/],
    ['goods worth more than the limit', postal, shipment({ items: [{ description: 'Watch', hsCode: '910211', originCountry: 'CH', quantity: 1, unitValue: { amount: '600.00', currency: 'USD' } }] }), 'value_exceeds_limit', /up to 500.00 EUR/],
  ])('%s', (_name, service, s, reason, message) => {
    const result = checkEligibility(carrier, tables, service, s, toEur);
    expect(result).toMatchObject({ service: service.code, reason });
    expect((result as ServiceExclusion).message).toMatch(message);
  });

  it.each<[string, RateCardService, ShipmentSpec]>([
    ['lithium in equipment, section II', express, shipment({ handling: { dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingInstruction: 'PI967', section: 'II' }] } })],
    ['class 3 by its class', express, shipment({ handling: { dangerousGoods: [{ unNumber: 'UN1266', class: '3' }] } })],
    ['insurance at the limit in another currency', express, shipment({ handling: { insurance: { amount: '1100.00', currency: 'USD' } } })],
    ['value exactly at the limit', postal, shipment({ items: [{ description: 'x', hsCode: '610910', originCountry: 'CN', quantity: 5, unitValue: { amount: '100.00', currency: 'EUR' } }] })],
    ['DDP within one country needs no duty billing', express, shipment({ incoterm: 'DDP', shipFrom: { country: 'DE' }, shipTo: { country: 'DE' } })],
  ])('accepts: %s', (_name, service, s) => {
    expect(isExclusion(checkEligibility(carrier, tables, service, s, toEur))).toBe(false);
  });

  it('chooses the first packaging whose guaranteed range lies inside the declared one', () => {
    expect(checkEligibility(carrier, tables, express, shipment({ handling: { temperature: { minC: 0, maxC: 10 } } }), toEur)).toMatchObject({ temperatureRange: { code: 'fridge' } });
    expect(checkEligibility(carrier, tables, express, shipment({ handling: { temperature: { minC: -90, maxC: -18 } } }), toEur)).toMatchObject({ temperatureRange: { code: 'frozen' } });
  });

  it.each([
    [250, [120, 80, 50] as [number, number, number], 'quarter'],
    [250, [120, 100, 80] as [number, number, number], 'full'],
    [350, undefined, 'full'],
    [1200, undefined, 'weight'],
    [100, [200, 120, 80] as [number, number, number], 'dimensions'],
  ])('classifies a %p kg pallet of %p as %s', (kg, sides, expected) => {
    const r = classifyPallet(kg, sides, carrier.palletTypes!);
    expect(typeof r === 'string' ? r : r.code).toBe(expected);
  });
});

describe('rate-card charges', () => {
  const amounts = (r: ReturnType<typeof rate>) => ('charges' in r ? Object.fromEntries(r.charges.map((c) => [c.code, c.amount])) : r);

  it.each<[string, RateCardService, ShipmentSpec, Record<string, string>, number]>([
    // 1.2 kg actual vs 30x20x10/5000 = 1.2 kg: the 5 kg break, fuel 10 % in November.
    ['base and fuel', express, shipment(), { base: '40.00', fuel: '4.00' }, 1.2],
    // Dimensional weight 60x40x40/5000 = 19.2 kg beats 3 kg actual: 20 per started kg above 5 kg.
    ['dimensional weight, per started kg', express, shipment({ parcels: [parcel(3, [60, 40, 40])] }), { base: '160.00', fuel: '16.00' }, 19.2],
    // Shipment basis: two 2 kg pieces priced once on 4 kg.
    ['per consignment', express, shipment({ parcels: [parcel(2), parcel(2)] }), { base: '40.00', fuel: '4.00' }, 4],
    // Parcel basis: (3 + 10 x 1.2) + (3 + 10 x 0.35, the weight rounded up to 10 g).
    ['per parcel, per item plus per kg', postal, shipment({ parcels: [parcel(1.2), parcel(0.345)] }), { base: '21.50', fuel: '2.15' }, 1.545],
    // Remote area: 0.5 per started kg, at least 20; fuel on base and remote area.
    ['remote area with its minimum, fuel on it', express, shipment({ shipTo: { country: 'US', postalCode: '99801' } }), { base: '40.00', remote: '20.00', fuel: '6.00' }, 1.2],
    // Chargeable 1.1 + 1 + 1.05 kg; two pieces have a side over 100 cm.
    ['oversize per matching piece', express, shipment({ parcels: [parcel(1, [110, 10, 5]), parcel(1, [30, 10, 10]), parcel(1, [105, 10, 5])] }), { base: '40.00', oversize: '60.00', fuel: '10.00' }, 3.15],
    ['lithium section II and fully regulated', express, shipment({ handling: { dangerousGoods: [{ unNumber: 'UN3481', class: '9', section: 'II' }, { unNumber: 'UN1266', class: '3' }] } }), { base: '40.00', lithium: '5.00', dg: '80.00', fuel: '4.00' }, 1.2],
    ['dry ice per kg with minimum', express, shipment({ handling: { dryIceKg: 2 } }), { base: '40.00', 'dry-ice': '10.00', fuel: '4.00' }, 1.2],
    ['dry ice per kg above minimum', express, shipment({ handling: { dryIceKg: 4.5 } }), { base: '40.00', 'dry-ice': '18.00', fuel: '4.00' }, 1.2],
    ['adult signature', express, shipment({ handling: { signature: 'adult' } }), { base: '40.00', adult: '7.00', fuel: '4.00' }, 1.2],
    // 2 % of 900 USD = 2 % of 810 EUR = 16.20.
    ['insurance as a percentage of the insured value in another currency', express, shipment({ handling: { insurance: { amount: '900.00', currency: 'USD' } } }), { base: '40.00', insurance: '16.20', fuel: '4.00' }, 1.2],
    ['temperature packaging per piece', express, shipment({ parcels: [parcel(1), parcel(1)], handling: { temperature: { minC: 2, maxC: 8 } } }), { base: '40.00', fridge: '100.00', fuel: '4.00' }, 2],
    // Pallets: a quarter and a full pallet to zone Z2, toll 10 % of the base (service-only surcharge).
    ['pallets by size, percentage of base', pallet, shipment({ shipTo: { country: 'FR' }, parcels: [parcel(250, [100, 80, 50], { pallet: true }), parcel(700, undefined, { pallet: true })] }), { base: '280.00', toll: '28.00', fuel: '28.00' }, 950],
  ])('%s', (_name, service, s, expected, chargeableKg) => {
    const r = rate(service, s);
    expect(amounts(r)).toEqual(expected);
    expect('chargeableWeightKg' in r && r.chargeableWeightKg).toBeCloseTo(chargeableKg, 3);
  });

  it('refuses a weight above the heaviest band of the table', () => {
    // 60 kg + 80 x 80 x 60 / 5000 = 76.8 kg dimensional: 136.8 kg chargeable, the table stops at 100 kg.
    expect(rate(express, shipment({ parcels: [parcel(60), parcel(40, [80, 80, 60])] }))).toMatchObject({ reason: 'weight_exceeds_limit', message: expect.stringMatching(/136\.8 kg chargeable.*100 kg/) });
  });

  it.each([
    ['2026-09-30', 0],
    ['2026-10-01', 20],
    ['2026-10-31', 20],
    ['2026-11-01', 10],
    ['2027-01-15', 10],
  ])('fuel percentage on %s is %p', (date, percent) => {
    expect(fuelPercentOn(carrier, date)).toBe(percent);
  });

  it('rounds each line to the minor units of the carrier currency', () => {
    const jpy = { ...carrier, currency: 'JPY', fuel: [{ from: '2026-01-01', percent: 12.5 }] } as RateCardCarrier;
    const eligible = checkEligibility(jpy, tables, express, shipment(), toEur);
    const priced = priceService(jpy, tables, express, shipment({ parcels: [parcel(0.3)] }), eligible as never, toEur, currencies);
    expect('charges' in priced && priced.charges.map((c) => c.amount)).toEqual(['20', '3']);
  });
});

describe('rate-card return lanes (carrier.yaml `returns`)', () => {
  // Returns from the US and France (and, by postcode range, Canada) back to Germany with `express`,
  // zoned by the pickup country; `postal` returns from the US priced with the express table.
  const withReturns = {
    ...carrier,
    origins: ['DE'],
    returns: [
      { service: 'express', name: 'Test Express Import', from: ['US', 'FR', 'CA'], to: ['DE'], pricing: { zone: 'pickup-country' } },
      { service: 'postal', name: 'Test Post Returns', from: ['US'], to: ['DE'], pricing: { zone: 'pickup-country', table: 'express' } },
    ],
  } as RateCardCarrier;
  const back = (from: ShipmentSpec['shipFrom'], over: Partial<ShipmentSpec> = {}) => shipment({ shipFrom: from, shipTo: { country: 'DE', postalCode: '53113' }, ...over });
  const price = (service: RateCardService, s: ShipmentSpec) => {
    const eligible = checkEligibility(withReturns, tables, service, s, toEur);
    if (isExclusion(eligible)) return eligible;
    return { eligible, priced: priceService(withReturns, tables, service, s, eligible, toEur, currencies) };
  };

  it('prices a return with the zone, rates and transit days of the pickup country, named after the return product', () => {
    // US is zone Z1 (the outbound lane DE -> US): 1.2 kg on the 5 kg break, as the outbound price.
    const r = price(express, back({ country: 'US', postalCode: '10001' }));
    expect(r).toMatchObject({ eligible: { zone: 'Z1', transit: { minDays: 1, maxDays: 3 }, returnOffer: { name: 'Test Express Import', table: 'express' } } });
    const charges = 'priced' in r && 'charges' in r.priced ? r.priced.charges : [];
    expect(charges.map((c) => [c.code, c.amount])).toEqual([...(rate(express, shipment()) as { charges: { code: string; amount: string }[] }).charges.map((c) => [c.code, c.amount])]);
    expect(charges[0].description).toMatch(/^Test Express Import, zone Z1/);
  });

  it('takes the pickup postal code where the zone map goes by postcode, and the table the return product names', () => {
    expect(price(express, back({ country: 'CA', postalCode: 'H2X 1Y4' }))).toMatchObject({ eligible: { zone: 'Z1' } });
    const postalReturn = price(postal, back({ country: 'US', postalCode: '10001' }));
    expect(postalReturn).toMatchObject({ eligible: { zone: 'Z1', transit: { minDays: 5, maxDays: 9 }, returnOffer: { table: 'express' } } });
    expect('priced' in postalReturn && 'charges' in postalReturn.priced && postalReturn.priced.charges[0]).toMatchObject({ amount: '40.00', description: expect.stringMatching(/^Test Post Returns, zone Z1/) });
  });

  it.each<[string, RateCardService, ShipmentSpec, ServiceExclusion['reason'], RegExp]>([
    ['an outbound shipment from a returns country', express, shipment({ shipFrom: { country: 'US' }, shipTo: { country: 'FR' } }), 'origin_not_served', /does not pick up in US; Test Carrier picks up there only for returns: Test Express Import.* to DE/],
    ['a service without a return product there', postal, back({ country: 'FR' }), 'origin_not_served', /Test Post does not pick up in FR; .*only for returns: Test Express Import/],
    ['a country with no return product', express, back({ country: 'JP' }), 'origin_not_served', /Test Carrier does not pick up in JP$/],
    ['a pickup postcode the zone map does not serve', express, back({ country: 'FR', postalCode: '20090' }), 'origin_not_served', /Test Express Import does not pick up in FR 20090/],
    ['a pickup zone known by postcode, none given', express, back({ country: 'CA' }), 'origin_not_served', /needs the pickup postal code/],
  ])('refuses %s', (_name, service, s, reason, message) => {
    const result = checkEligibility(withReturns, tables, service, s, toEur);
    expect(result).toMatchObject({ service: service.code, reason });
    expect((result as ServiceExclusion).message).toMatch(message);
  });

  it('leaves outbound lanes from the carrier origins as they were', () => {
    expect(checkEligibility(withReturns, tables, express, shipment(), toEur)).toEqual(checkEligibility(carrier, tables, express, shipment(), toEur));
  });
});
