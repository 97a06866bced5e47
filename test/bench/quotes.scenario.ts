import { bearer, type BenchContext, type BenchScenario } from './bench-scenario';

/**
 * The checkout the issue describes: five lines of goods, two parcels, Germany to the US with duties
 * paid (DDP), every carrier asked, the answer in US dollars.
 */
export const QUOTE_BENCH_BODY = {
  shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
  shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY', residential: true },
  parcels: [
    { weight: { value: 1.4, unit: 'kg' }, dimensions: { length: 35, width: 25, height: 12, unit: 'cm' } },
    { weight: { value: 0.6, unit: 'kg' }, dimensions: { length: 25, width: 20, height: 10, unit: 'cm' } },
  ],
  items: [
    { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } },
    { sku: 'SW-1', description: 'Cotton pullover', hsCode: '611020', originCountry: 'PT', quantity: 1, unitValue: { amount: '39.00', currency: 'EUR' } },
    { sku: 'BAG-1', description: 'Leather handbag', hsCode: '420221', originCountry: 'IT', quantity: 1, unitValue: { amount: '89.00', currency: 'EUR' } },
    { sku: 'HP-1', description: 'Wireless headphones', hsCode: '851830', originCountry: 'CN', quantity: 1, unitValue: { amount: '59.90', currency: 'EUR' } },
    { sku: 'BK-1', description: 'Printed book', hsCode: '490199', originCountry: 'DE', quantity: 2, unitValue: { amount: '18.00', currency: 'EUR' } },
  ],
  incoterm: 'DDP',
  currency: 'USD',
} as const;

/** The same cart for a B2B customer with negotiated rules (one extra indexed read per quote). */
export const QUOTE_BENCH_CUSTOMER = 'bench-b2b-customer';

/** Seeds the customer's rules through the admin API: 8 % off everything, a fixed markup on one service. */
export async function seedQuoteCustomer(ctx: BenchContext): Promise<void> {
  const res = await ctx.request({
    method: 'PUT',
    path: `/v1/customers/${QUOTE_BENCH_CUSTOMER}/pricing-rules`,
    headers: bearer(ctx.adminKey),
    body: { rules: [{ type: 'discount', percent: 8 }, { carrier: 'dhl-express', service: 'express-1200', type: 'markup', amount: { amount: '4.00', currency: 'EUR' } }] },
  });
  if (res.status !== 200) throw new Error(`seeding pricing rules failed: ${res.status} ${res.text.slice(0, 300)}`);
}

/** A correct quote answer: several priced options, each with duties paid by the sender and its tags. */
function verifyQuote(res: { status: number; json: any; text: string }): true | string {
  const q = res.json;
  if (res.status !== 200 || !Array.isArray(q?.options)) return `no quote: ${res.status} ${res.text.slice(0, 300)}`;
  if (q.options.length < 3) return `expected several options, got ${q.options.length}: ${JSON.stringify(q.unavailable).slice(0, 300)}`;
  for (const o of q.options) {
    if (o.landedCost?.currency !== 'USD' || !(Number(o.dutiesAndTaxes?.total?.amount) > 0) || o.dutiesAndTaxes.payer !== 'sender') return `option ${o.carrier}/${o.service} lacks DDP duties`;
  }
  const tags = q.options.flatMap((o: { tags: string[] }) => o.tags);
  for (const t of ['cheapest', 'fastest', 'best_value']) if (!tags.includes(t)) return `no option tagged ${t}`;
  return true;
}

/** `POST /v1/quotes` for the benchmark cart: all carriers in parallel, duties on every option, one INSERT. */
export const quotesScenario: BenchScenario = {
  id: 'quotes',
  title: 'POST /v1/quotes (5 items, 2 parcels, DE->US DDP, all carriers)',
  async prepare(ctx) {
    const key = await ctx.keyWith('quotes');
    return { requests: [{ method: 'POST', path: '/v1/quotes', headers: bearer(key), body: QUOTE_BENCH_BODY }], verify: verifyQuote };
  },
};

/** The same with `customerId`: the customer's pricing rules are read and applied on every option. */
export const quotesCustomerScenario: BenchScenario = {
  id: 'quotes-customer',
  title: 'POST /v1/quotes with a B2B customer\'s pricing rules',
  async prepare(ctx) {
    await seedQuoteCustomer(ctx);
    const key = await ctx.keyWith('quotes');
    return {
      requests: [{ method: 'POST', path: '/v1/quotes', headers: bearer(key), body: { ...QUOTE_BENCH_BODY, customerId: QUOTE_BENCH_CUSTOMER } }],
      verify: (res) => {
        const ok = verifyQuote(res);
        if (ok !== true) return ok;
        return res.json.options.some((o: { shipping: { charges: { type: string }[] } }) => o.shipping.charges.some((c) => c.type === 'discount')) || 'no customer discount applied';
      },
    };
  },
};

/** `GET /v1/quotes/:id` of a stored quote (the read booking and checkouts do). */
export const quoteReadScenario: BenchScenario = {
  id: 'quote-read',
  title: 'GET /v1/quotes/:id',
  async prepare(ctx) {
    const key = await ctx.keyWith('quotes');
    const created = await ctx.request({ method: 'POST', path: '/v1/quotes', headers: bearer(key), body: QUOTE_BENCH_BODY });
    if (created.status !== 200) throw new Error(`creating the quote failed: ${created.status} ${created.text.slice(0, 300)}`);
    return {
      requests: [{ method: 'GET', path: `/v1/quotes/${created.json.id}`, headers: bearer(key) }],
      verify: (res) => (res.status === 200 && res.json?.id === created.json.id) || `GET answered ${res.status}`,
    };
  },
};
