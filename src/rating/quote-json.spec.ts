import { expandQuote, serializeQuote } from './quote-json';
import type { QuoteView } from './quote.types';

const money = (amount: string) => ({ amount, currency: 'USD' });
const duties = (total: string, description: string) => ({
  total: money(total),
  payer: 'sender',
  confidence: 'exact',
  lines: [{ itemIndex: 0, component: 'duty', description, rate: '5%', amount: money(total), ruleId: 'r', payer: 'sender' }],
  deMinimis: [],
  collectedAtSale: false,
  warnings: [],
});
const option = (id: string, dutiesAndTaxes: object, extra: Record<string, unknown> = {}) => ({
  id,
  carrier: 'c',
  carrierName: 'Carrier "quoted" \u00e9\u4e2d',
  service: 's',
  serviceName: '"dutiesAndTaxes":0 and "options":0 in a name',
  tracked: true,
  shipping: { total: money('10.00'), charges: [] },
  dutiesAndTaxes,
  landedCost: money('12.00'),
  transit: { minDays: 1, maxDays: 2 },
  pickupDate: '2026-11-27',
  estimatedDelivery: { earliest: '2026-11-28', latest: '2026-11-29', holidays: [] },
  tags: ['cheapest'],
  score: 0.5,
  ...extra,
});

/** Both forms as text; the answer's bytes are checked to be its UTF-8 encoding. */
function texts(view: QuoteView): { json: string; compact: string } {
  const serialized = serializeQuote(view);
  const body = serialized.body();
  expect(body.equals(Buffer.from(JSON.stringify(view)))).toBe(true);
  expect(serialized.body()).toBe(body);
  return { json: body.toString('utf8'), compact: serialized.compact.toString('utf8') };
}

describe('serializeQuote', () => {
  it('writes exactly what JSON.stringify writes, with shared and own duties, tricky strings and absent fields', () => {
    const shared = duties('2.00', 'line with "dutiesAndTaxes":0 inside \\ and \n');
    const view = {
      id: 'quo_1',
      createdAt: '2026-11-27T10:00:00.000Z',
      expiresAt: '2026-11-27T10:30:00.000Z',
      currency: 'USD',
      incoterm: 'DDP',
      sort: 'best_value',
      shipDate: '2026-11-27',
      customerId: null,
      options: [option('a', shared), option('b', shared, { note: undefined }), option('c', duties('3.00', 'own \u2028 line'))],
      unavailable: [{ carrier: 'x', service: 'y', reason: 'destination_not_served', message: '"options":0' }],
      exchangeRates: [],
      dutyRules: [],
    } as unknown as QuoteView;
    const { json, compact } = texts(view);
    expect(json).toBe(JSON.stringify(view));
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(view)));
    expect(expandQuote(compact)).toBe(json);
    // The shared answer is stored once: the tag, the answer and two parts for three options.
    expect(compact.split('\u0000')).toHaveLength(4);
    expect(compact.split('line with').length - 1).toBe(1);
  });

  it('an answer stored before the compact form (plain JSON) reads back as it is', () => {
    const plain = JSON.stringify({ id: 'quo_3', options: [{ id: 'a', dutiesAndTaxes: { total: money('1.00') } }] });
    expect(expandQuote(plain)).toBe(plain);
  });

  it('many distinct answers (two-digit part numbers)', () => {
    const view = { id: 'quo_4', options: Array.from({ length: 12 }, (_, i) => option(`o${i}`, duties(`${i}.00`, `line ${i}`))), unavailable: [] } as unknown as QuoteView;
    const { json, compact } = texts(view);
    expect(json).toBe(JSON.stringify(view));
    expect(expandQuote(compact)).toBe(json);
  });

  it('a numeric dutiesAndTaxes elsewhere in the answer is left alone', () => {
    const view = { id: 'quo_5', options: [option('a', duties('1.00', 'x'), { extra: { dutiesAndTaxes: 7 } })], unavailable: [] } as unknown as QuoteView;
    const { json, compact } = texts(view);
    expect(expandQuote(compact)).toBe(json);
    expect(JSON.parse(expandQuote(compact)).options[0].extra).toEqual({ dutiesAndTaxes: 7 });
  });

  it('a quote without options', () => {
    const view = { id: 'quo_2', options: [], unavailable: [] } as unknown as QuoteView;
    const { json, compact } = texts(view);
    expect(json).toBe(JSON.stringify(view));
    expect(expandQuote(compact)).toBe(JSON.stringify(view));
  });
});
