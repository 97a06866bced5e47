import { chooseReturnCarrier, type CarrierChoice } from './return-carrier';

const CARRIERS: CarrierChoice[] = [
  { id: 'deutsche-post', origins: ['DE'], services: ['paket-international', 'paket'], enabled: true },
  { id: 'mydhl', origins: ['DE', 'US', 'CH'], services: ['express-worldwide'], enabled: true },
  { id: 'ups', origins: ['DE', 'US', 'CH'], services: ['standard'], enabled: false },
];
const original = { carrier: 'deutsche-post', service: 'paket' };

describe('chooseReturnCarrier', () => {
  it.each([
    ['the original carrier when it picks up in the buyer country', { origin: 'DE' }, { carrier: 'deutsche-post', service: 'paket', why: 'original' }],
    ['another eligible carrier when it does not', { origin: 'CH' }, { carrier: 'mydhl', service: 'express-worldwide', why: 'eligible' }],
    ['the requested carrier', { origin: 'DE', requested: { carrier: 'mydhl' } }, { carrier: 'mydhl', service: 'express-worldwide', why: 'requested' }],
    ['the requested carrier and service', { origin: 'DE', requested: { carrier: 'deutsche-post', service: 'paket-international' } }, { carrier: 'deutsche-post', service: 'paket-international', why: 'requested' }],
  ])('%s', (_c, input, expected) => {
    expect(chooseReturnCarrier({ original, carriers: CARRIERS, ...input })).toEqual(expected);
  });

  it.each([
    ['an unknown carrier', { origin: 'DE', requested: { carrier: 'nope' } }, 'carrier'],
    ['a disabled carrier', { origin: 'US', requested: { carrier: 'ups' } }, 'carrier'],
    ['a carrier that does not pick up there', { origin: 'US', requested: { carrier: 'deutsche-post' } }, 'carrier'],
    ['an unknown service', { origin: 'DE', requested: { carrier: 'mydhl', service: 'rocket' } }, 'service'],
    ['a service without carrier', { origin: 'DE', requested: { service: 'paket' } }, 'service'],
    ['nobody picks up there', { origin: 'AQ' }, 'carrier'],
  ])('explains %s', (_c, input, path) => {
    const d = chooseReturnCarrier({ original, carriers: CARRIERS, ...input });
    expect('problem' in d && d.problem.path).toBe(path);
  });
});
