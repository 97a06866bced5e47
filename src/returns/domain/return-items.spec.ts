import { resolveReturnItems, type OriginalItem } from './return-items';

const ORIGINAL: OriginalItem[] = [
  { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 3, unitValue: { amount: '12.50', currency: 'EUR' } },
  { sku: 'MUG-2', description: 'Mug', hsCode: '691200', originCountry: 'PT', quantity: 1, unitValue: { amount: '8.00', currency: 'EUR' } },
  { description: 'Sticker', hsCode: '491199', originCountry: 'DE', quantity: 5, unitValue: { amount: '1.00', currency: 'EUR' } },
];

describe('resolveReturnItems', () => {
  it('matches by SKU or by line and keeps the original customs data', () => {
    const r = resolveReturnItems([{ sku: 'TS-1', quantity: 2, reason: 'size_too_small' }, { line: 2, quantity: 5 }], ORIGINAL, new Map());
    expect(r.problems).toEqual([]);
    expect(r.items).toEqual([
      expect.objectContaining({ line: 0, sku: 'TS-1', quantity: 2, hsCode: '610910', originCountry: 'CN', reason: 'size_too_small' }),
      expect.objectContaining({ line: 2, description: 'Sticker', quantity: 5 }),
    ]);
  });

  it.each([
    ['unknown SKU', [{ sku: 'NOPE', quantity: 1 }], new Map(), 'items[0].sku'],
    ['line out of range', [{ line: 7, quantity: 1 }], new Map(), 'items[0].line'],
    ['more than shipped', [{ sku: 'MUG-2', quantity: 2 }], new Map(), 'items[0].quantity'],
    ['more than left after an earlier return', [{ sku: 'TS-1', quantity: 2 }], new Map([[0, 2]]), 'items[0].quantity'],
    ['the same line twice beyond the quantity', [{ sku: 'TS-1', quantity: 2 }, { line: 0, quantity: 2 }], new Map(), 'items[1].quantity'],
    ['neither SKU nor line', [{ quantity: 1 }], new Map(), 'items[0]'],
    ['SKU and line disagree', [{ sku: 'MUG-2', line: 0, quantity: 1 }], new Map(), 'items[0].sku'],
  ])('refuses %s', (_c, requested, returned, path) => {
    const r = resolveReturnItems(requested, ORIGINAL, returned);
    expect(r.problems.map((p) => p.path)).toEqual([path]);
  });

  it('needs at least one item', () => {
    expect(resolveReturnItems([], ORIGINAL, new Map()).problems).toEqual([{ path: 'items', message: 'at least one item must be returned' }]);
  });
});
