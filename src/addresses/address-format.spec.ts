import { localityLines } from './address-format';

describe('localityLines', () => {
  it.each<[string, { city?: string; region?: string; postalCode?: string }, string[]]>([
    ['US', { city: 'New York', region: 'NY', postalCode: '10001' }, ['New York NY 10001']],
    ['CA', { city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6' }, ['Toronto ON M5V 2T6']],
    ['AU', { city: 'Sydney', region: 'NSW', postalCode: '2000' }, ['Sydney NSW 2000']],
    ['GB', { city: 'London', postalCode: 'SW1A 1AA' }, ['London', 'SW1A 1AA']],
    ['BR', { city: 'São Paulo', region: 'SP', postalCode: '01310-100' }, ['São Paulo - SP', '01310-100']],
    ['DE', { city: 'Bonn', postalCode: '53113' }, ['53113 Bonn']],
    ['IT', { city: 'Roma', region: 'RM', postalCode: '00144' }, ['00144 Roma RM']],
    ['HK', { city: 'Hong Kong' }, ['Hong Kong']],
    ['US', { city: '  ', region: 'NY' }, ['NY']],
  ])('%s %j', (country, locality, expected) => {
    expect(localityLines(country, locality)).toEqual(expected);
  });
});
