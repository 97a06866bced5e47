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

describe('newId randomness', () => {
  it('stays unique and evenly spread across many refills of its random pool', () => {
    const ids = Array.from({ length: 50_000 }, () => newId('x', 0).slice(12));
    expect(new Set(ids).size).toBe(ids.length);
    // Every base32 digit appears about equally often in the random part (no stuck or reused bytes).
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (ids.length * 16) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});
