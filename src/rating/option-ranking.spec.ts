import fc from 'fast-check';
import { bestValueScore, rankOptions, type Rankable } from './option-ranking';

const opt = (id: string, cost: number, latest: string, over: Partial<Rankable> = {}): Rankable => ({
  id,
  landedCost: cost,
  buyerTotal: cost,
  earliest: latest,
  latest,
  tracked: true,
  ...over,
});
const TODAY = '2026-11-25';

describe('bestValueScore', () => {
  it.each<[string, Rankable, number, number, number]>([
    ['cheapest and fastest', opt('a', 50, '2026-11-27'), 50, 2, 1],
    ['twice the price, as fast', opt('a', 100, '2026-11-27'), 50, 2, 0.7],
    ['as cheap, twice as slow', opt('a', 50, '2026-11-29'), 50, 2, 0.8],
    ['untracked', opt('a', 50, '2026-11-27', { tracked: false }), 50, 2, 0.9],
    ['free shipping counts as cheapest', opt('a', 0, '2026-11-27'), 0, 2, 1],
  ])('%s', (_name, o, lowest, fewest, expected) => {
    expect(bestValueScore(o, lowest, fewest, TODAY)).toBeCloseTo(expected, 4);
  });
});

describe('rankOptions', () => {
  const options = [opt('post', 30, '2026-12-04'), opt('express', 90, '2026-11-27'), opt('noon', 110, '2026-11-27', { earliest: '2026-11-26' }), opt('economy', 25, '2026-12-10', { tracked: false })];

  it.each<[string, 'best_value' | 'cheapest' | 'fastest', string[]]>([
    ['cheapest', 'cheapest', ['economy', 'post', 'express', 'noon']],
    // Same latest date: the earlier earliest date wins, then the lower price.
    ['fastest', 'fastest', ['noon', 'express', 'post', 'economy']],
    // post 0.5889, economy (0.6 + 0.4 x 2/15) x 0.9 = 0.588, express 0.5667, noon 0.5364.
    ['best value', 'best_value', ['post', 'economy', 'express', 'noon']],
  ])('orders by %s', (_name, sort, ids) => {
    expect(rankOptions(options, sort, TODAY).ordered.map((o) => o.id)).toEqual(ids);
  });

  it('tags one winner per tag, whatever the sort', () => {
    const { tags } = rankOptions(options, 'cheapest', TODAY);
    expect(Object.fromEntries(tags)).toEqual({ economy: ['cheapest'], noon: ['fastest'], post: ['best_value'], express: [] });
  });

  it('ranks by the buyer total for best value, by the landed cost for cheapest', () => {
    // DAP: the same checkout price, but one carrier adds a disbursement fee at the door.
    const dap = [opt('a', 40, '2026-12-01', { buyerTotal: 70 }), opt('b', 41, '2026-12-01', { buyerTotal: 55 })];
    const r = rankOptions(dap, 'best_value', TODAY);
    expect(r.ordered[0].id).toBe('b');
    expect(r.tags.get('a')).toContain('cheapest');
  });

  it('is empty for no options', () => {
    expect(rankOptions([], 'best_value', TODAY).ordered).toEqual([]);
  });

  it('property: every order is a permutation, each tag goes to exactly one option, scores are in (0, 1]', () => {
    const arb = fc.array(
      fc.record({ cost: fc.integer({ min: 0, max: 100_000 }), extra: fc.integer({ min: 0, max: 5_000 }), days: fc.integer({ min: 0, max: 40 }), tracked: fc.boolean() }),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('best_value' as const, 'cheapest' as const, 'fastest' as const), (raw, sort) => {
        const list = raw.map((r, i) => opt(`o${i}`, r.cost / 100, new Date(Date.UTC(2026, 10, 25 + r.days)).toISOString().slice(0, 10), { buyerTotal: (r.cost + r.extra) / 100, tracked: r.tracked }));
        const { ordered, tags, scores } = rankOptions(list, sort, TODAY);
        expect(ordered.map((o) => o.id).sort()).toEqual(list.map((o) => o.id).sort());
        for (const tag of ['cheapest', 'fastest', 'best_value'] as const) expect([...tags.values()].filter((t) => t.includes(tag))).toHaveLength(1);
        for (const s of scores.values()) expect(s > 0 && s <= 1).toBe(true);
        if (sort === 'cheapest') for (let i = 1; i < ordered.length; i++) expect(ordered[i].landedCost).toBeGreaterThanOrEqual(ordered[i - 1].landedCost);
        if (sort === 'fastest') for (let i = 1; i < ordered.length; i++) expect(ordered[i].latest >= ordered[i - 1].latest).toBe(true);
      }),
    );
  });
});
