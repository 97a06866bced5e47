import { findUnusableInput, MAX_JSON_DEPTH } from './input-guard';

describe('findUnusableInput', () => {
  it('accepts ordinary input, unicode included', () => {
    expect(findUnusableInput({ a: ['x', { b: '🚚 Zürich 北京' }], n: 1 }, '')).toEqual([]);
  });

  it('finds NUL characters with their path', () => {
    expect(findUnusableInput({ items: [{ sku: 'a\u0000b' }] }, '')).toEqual([{ path: 'items[0].sku', message: 'must not contain NUL characters' }]);
    expect(findUnusableInput('x\u0000', 'id')).toEqual([{ path: 'id', message: 'must not contain NUL characters' }]);
  });

  it('finds unpaired surrogates', () => {
    expect(findUnusableInput({ city: 'a\ud800b' }, '')).toEqual([{ path: 'city', message: 'must be valid Unicode (unpaired surrogate)' }]);
    expect(findUnusableInput({ city: '\ud83d\ude9a' }, '')).toEqual([]);
  });

  it('refuses nesting beyond the limit without recursing further', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const problems = findUnusableInput({ a: deep }, '');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(String(MAX_JSON_DEPTH));
  });
});
