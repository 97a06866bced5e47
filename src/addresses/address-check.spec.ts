import path from 'node:path';
import { checkAddress, PostalAddress } from './address-check';
import { AddressRules } from './address-rules';
import { loadAddressRules } from './address-rules.loader';

let rules: AddressRules;
beforeAll(async () => {
  rules = await loadAddressRules(path.resolve(__dirname, '../../tariffs'));
});
const options = { path: 'shipTo', full: true, isKnownCountry: (c: string) => /^[A-Z]{2}$/.test(c) && c !== 'XX' };
const base = { name: 'Jane Doe', street1: '1 Main St', city: 'Somewhere' };

describe('checkAddress', () => {
  const valid: { address: PostalAddress; postalCode: string; region?: string }[] = [
    { address: { ...base, country: 'US', postalCode: '10001', region: 'NY' }, postalCode: '10001', region: 'NY' },
    { address: { ...base, country: 'US', postalCode: '10001-1234', region: 'new york' }, postalCode: '10001-1234', region: 'NY' },
    { address: { ...base, country: 'gb', postalCode: 'sw1a1aa' }, postalCode: 'SW1A 1AA' },
    { address: { ...base, country: 'CA', postalCode: 'k1a0b1', region: 'Ontario' }, postalCode: 'K1A 0B1', region: 'ON' },
    { address: { ...base, country: 'CA', postalCode: 'H2X 1Y4', region: 'PQ' }, postalCode: 'H2X 1Y4', region: 'QC' },
    { address: { ...base, country: 'NL', postalCode: '1012ab' }, postalCode: '1012 AB' },
    { address: { ...base, country: 'JP', postalCode: '1000001' }, postalCode: '100-0001' },
    { address: { ...base, country: 'BR', postalCode: '01310100', region: 'São Paulo' }, postalCode: '01310-100', region: 'SP' },
    { address: { ...base, country: 'AU', postalCode: '2600', region: 'ACT' }, postalCode: '2600', region: 'ACT' },
    { address: { ...base, country: 'MX', postalCode: '06600', region: 'CDMX' }, postalCode: '06600', region: 'CMX' },
    { address: { ...base, country: 'DE', postalCode: '53113' }, postalCode: '53113' },
    { address: { ...base, country: 'IE', postalCode: 'd02x285' }, postalCode: 'D02 X285' },
    { address: { ...base, country: 'AR', postalCode: 'C1425ABC', region: 'CABA' }, postalCode: 'C1425ABC', region: 'C' },
    { address: { ...base, country: 'AR', postalCode: '1425', region: 'C' }, postalCode: '1425', region: 'C' },
  ];
  it.each(valid)('accepts and normalises $address.country $address.postalCode', ({ address, postalCode, region }) => {
    const result = checkAddress(address, rules, options);
    expect(result.problems).toEqual([]);
    expect(result.address.postalCode).toBe(postalCode);
    expect(result.address.region).toBe(region ?? address.region);
  });

  const invalid: { address: PostalAddress; paths: string[]; message?: RegExp }[] = [
    { address: { ...base, country: 'US', postalCode: '1000' , region: 'NY'}, paths: ['shipTo.postalCode'], message: /not a valid postal code for US/ },
    { address: { ...base, country: 'US', postalCode: '10001' }, paths: ['shipTo.region'], message: /required for US/ },
    { address: { ...base, country: 'US', postalCode: '10001', region: 'XY' }, paths: ['shipTo.region'], message: /use one of AL, AK/ },
    { address: { ...base, country: 'CA', postalCode: 'K1A 0B1', region: 'BC' }, paths: ['shipTo.postalCode'], message: /not in British Columbia/ },
    { address: { ...base, country: 'AU', postalCode: '3000', region: 'NSW' }, paths: ['shipTo.postalCode'], message: /not in New South Wales/ },
    { address: { ...base, country: 'DE' }, paths: ['shipTo.postalCode'], message: /required for DE/ },
    { address: { ...base, country: 'GB', postalCode: '12345' }, paths: ['shipTo.postalCode'] },
    { address: { country: 'FR', postalCode: '75008' }, paths: ['shipTo.name', 'shipTo.street1', 'shipTo.city'] },
    { address: { ...base, country: 'XX' }, paths: ['shipTo.country'] },
    { address: { ...base, country: 'DE', postalCode: '53113', email: 'not-an-email', phone: 'call me' }, paths: ['shipTo.email', 'shipTo.phone'] },
  ];
  it.each(invalid)('reports $paths', ({ address, paths, message }) => {
    const { problems } = checkAddress(address, rules, options);
    expect(problems.map((p) => p.path)).toEqual(paths);
    if (message) expect(problems[0].message).toMatch(message);
  });

  it('a partial address (quotes) needs no street or postal code', () => {
    expect(checkAddress({ country: 'DE' }, rules, { ...options, full: false }).problems).toEqual([]);
  });

  it('countries without postal codes accept none', () => {
    expect(checkAddress({ ...base, country: 'HK' }, rules, options).problems).toEqual([]);
  });
});
