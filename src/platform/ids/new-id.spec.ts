import { newId, randomToken } from './new-id';

describe('newId', () => {
  it('has the prefix, 26 characters of Crockford base32 and sorts by time', () => {
    const a = newId('shp', 1_700_000_000_000);
    const b = newId('shp', 1_700_000_000_001);
    expect(a).toMatch(/^shp_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(a < b).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('x', 0)));
    expect(ids.size).toBe(10_000);
  });
});

describe('randomToken', () => {
  it('carries the requested entropy, URL-safe', () => {
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
