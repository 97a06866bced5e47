import { chooseReturnCarrier, type CarrierChoice } from './return-carrier';

const CARRIERS: CarrierChoice[] = [
  { id: 'asendia', origins: ['DE'], services: ['epaq-standard', 'epaq-plus'], returns: [{ service: 'epaq-plus', name: 'Asendia e-PAQ Returns', from: ['FR', 'CA', 'US'], to: ['DE'] }], enabled: true },
  {
    id: 'deutsche-post',
    origins: ['DE'],
    services: ['paket-international', 'paket'],
    returns: [{ service: 'paket-international', name: 'DHL Retoure International', from: ['FR', 'AT'], to: ['DE'] }],
    enabled: true,
  },
  { id: 'dhl-express', origins: ['DE'], services: ['express-worldwide', 'express-1200'], returns: [{ service: 'express-worldwide', name: 'DHL Express Worldwide Import', from: ['FR', 'CA', 'US', 'CH'], to: ['DE'] }], enabled: true },
  { id: 'mydhl', origins: ['DE', 'US', 'CH'], services: ['express-worldwide'], returns: [], enabled: true },
  { id: 'ups', origins: ['DE', 'US', 'CH'], services: ['standard'], returns: [], enabled: false },
];
const original = { carrier: 'deutsche-post', service: 'paket' };
const lane = (from: string, to = 'DE') => ({ from, to });

describe('chooseReturnCarrier', () => {
  it.each([
    [
      'the original carrier and service on its own lanes, then the others',
      { ...lane('DE') },
      [
        { carrier: 'deutsche-post', service: 'paket', why: 'original' },
        { carrier: 'asendia', service: 'epaq-standard', why: 'eligible' },
        { carrier: 'dhl-express', service: 'express-worldwide', why: 'eligible' },
        { carrier: 'mydhl', service: 'express-worldwide', why: 'eligible' },
      ],
    ],
    [
      'the original carrier with its return product, then the others',
      { ...lane('FR') },
      [
        { carrier: 'deutsche-post', service: 'paket-international', why: 'original', product: 'DHL Retoure International' },
        { carrier: 'asendia', service: 'epaq-plus', why: 'eligible', product: 'Asendia e-PAQ Returns' },
        { carrier: 'dhl-express', service: 'express-worldwide', why: 'eligible', product: 'DHL Express Worldwide Import' },
      ],
    ],
    [
      'other carriers in catalog order when the original takes no returns there: return products and own lanes alike, disabled ones left out',
      { ...lane('US') },
      [
        { carrier: 'asendia', service: 'epaq-plus', why: 'eligible', product: 'Asendia e-PAQ Returns' },
        { carrier: 'dhl-express', service: 'express-worldwide', why: 'eligible', product: 'DHL Express Worldwide Import' },
        { carrier: 'mydhl', service: 'express-worldwide', why: 'eligible' },
      ],
    ],
    ['the requested carrier on its own lanes', { ...lane('DE'), requested: { carrier: 'mydhl' } }, [{ carrier: 'mydhl', service: 'express-worldwide', why: 'requested' }]],
    ['the requested carrier and service', { ...lane('DE'), requested: { carrier: 'deutsche-post', service: 'paket-international' } }, [{ carrier: 'deutsche-post', service: 'paket-international', why: 'requested' }]],
    ['the requested carrier with its return product', { ...lane('CA'), requested: { carrier: 'dhl-express' } }, [{ carrier: 'dhl-express', service: 'express-worldwide', why: 'requested', product: 'DHL Express Worldwide Import' }]],
    [
      'the requested return product named by its service',
      { ...lane('CA'), requested: { carrier: 'dhl-express', service: 'express-worldwide' } },
      [{ carrier: 'dhl-express', service: 'express-worldwide', why: 'requested', product: 'DHL Express Worldwide Import' }],
    ],
  ])('%s', (_c, input, candidates) => {
    expect(chooseReturnCarrier({ original, carriers: CARRIERS, ...input })).toEqual({ candidates });
  });

  it.each([
    ['an unknown carrier', { ...lane('DE'), requested: { carrier: 'nope' } }, 'carrier', /unknown carrier/],
    ['a disabled carrier', { ...lane('US'), requested: { carrier: 'ups' } }, 'carrier', /cannot be used now/],
    ['a carrier whose returns do not cover the buyer country', { ...lane('US'), requested: { carrier: 'deutsche-post' } }, 'carrier', /deutsche-post does not pick up returns in US for DE.*DHL Retoure International from FR, AT to DE/],
    ['a carrier whose returns do not go to the merchant country', { ...lane('FR', 'NL'), requested: { carrier: 'dhl-express' } }, 'carrier', /does not pick up returns in FR for NL/],
    ['an unknown service', { ...lane('DE'), requested: { carrier: 'mydhl', service: 'rocket' } }, 'service', /no service "rocket"/],
    ['a service that is not the return product', { ...lane('CA'), requested: { carrier: 'dhl-express', service: 'express-1200' } }, 'service', /express-worldwide \(DHL Express Worldwide Import\), not "express-1200"/],
    ['a service without carrier', { ...lane('DE'), requested: { service: 'paket' } }, 'service', /together/],
  ])('explains %s as a problem of the request', (_c, input, path, message) => {
    const d = chooseReturnCarrier({ original, carriers: CARRIERS, ...input });
    expect(d).toEqual({ problem: { path, message: expect.stringMatching(message) } });
  });

  it('says when nobody takes returns on the lane', () => {
    expect(chooseReturnCarrier({ original, carriers: CARRIERS, ...lane('AQ') })).toEqual({ unavailable: { path: 'carrier', message: 'no carrier picks up returns in AQ for delivery to DE' } });
    // Returns to a merchant outside the return products' destinations: only own lanes remain.
    expect(chooseReturnCarrier({ original, carriers: CARRIERS, ...lane('FR', 'NL') })).toEqual({ unavailable: expect.objectContaining({ path: 'carrier' }) });
  });
});
