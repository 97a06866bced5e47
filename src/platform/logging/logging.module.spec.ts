import { maskTokens } from './logging.module';

describe('maskTokens', () => {
  it.each([
    ['/t/AbCdEf0123456789abcdefABCDEF', '/t/[token]'],
    ['/t/AbCdEf0123/verify', '/t/[token]/verify'],
    ['/v1/public/tracking/AbCdEf0123', '/v1/public/tracking/[token]'],
    ['/v1/public/tracking/AbCdEf0123/verify', '/v1/public/tracking/[token]/verify'],
    ['/v1/public/tracking', '/v1/public/tracking'],
    ['/v1/shipments/shp_123', '/v1/shipments/shp_123'],
  ])('%s -> %s', (path, expected) => {
    expect(maskTokens(path)).toBe(expected);
  });
});
