import { LandedCostService } from '../src/landed-cost/landed-cost.service';
import { FixedClock } from '../src/platform/clock/clock';
import { auth, startTestApp, TestApp } from './support/test-app';

// Carriers of test/fixtures/carriers-fan-out: a quick one, one answering after 20 s, one failing with a
// carrier error, one whose adapter throws a plain error, one not configured.
describe('quote fan-out: time budget and failing carriers', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({
      clock: new FixedClock(new Date('2026-11-25T09:00:00Z')),
      env: { CARRIERS_DIR: 'test/fixtures/carriers-fan-out', QUOTE_TIME_BUDGET_MS: '400' },
    });
    key = await t.keyWith('quotes');
  });
  afterAll(() => t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    shipFrom: { country: 'DE', postalCode: '53113' },
    shipTo: { country: 'DE', postalCode: '10115' },
    parcels: [{ weight: { value: 1, unit: 'kg' } }],
    items: [],
    incoterm: 'DAP',
    currency: 'EUR',
    ...over,
  });

  /** T-shirts from China quoted by the two carriers that price alike (two services each, 9.90 and 19.90). */
  const quoteBothQuickPosts = (shipTo: Record<string, string>, quantity: number) =>
    t
      .http()
      .post('/v1/quotes')
      .set(auth(key))
      .send(
        body({
          shipTo,
          items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity, unitValue: { amount: '12.50', currency: 'EUR' } }],
          carriers: ['quick-post', 'quick-post-twin'],
        }),
      )
      .expect(200);

  it('answers within the budget with what arrived; the slow carrier is a timeout, the failing ones carrier errors', async () => {
    const started = Date.now();
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(body()).expect(200);
    // The slow carrier would take 20 s: the answer came when the 400 ms budget was spent, not then.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.body.options.map((o: { carrier: string; service: string }) => `${o.carrier}/${o.service}`).sort()).toEqual([
      'quick-post-twin/express',
      'quick-post-twin/standard',
      'quick-post/express',
      'quick-post/standard',
    ]);
    expect(res.body.unavailable).toEqual([
      { carrier: 'broken-courier', service: 'economy', reason: 'carrier_error', message: 'Broken Courier is unavailable (UNAVAILABLE)' },
      { carrier: 'broken-courier', service: 'priority', reason: 'carrier_error', message: 'Broken Courier is unavailable (UNAVAILABLE)' },
      { carrier: 'buggy-courier', service: 'standard', reason: 'carrier_error', message: 'Buggy Courier failed unexpectedly' },
      { carrier: 'slow-courier', service: 'overnight', reason: 'carrier_timeout', message: 'Slow Courier did not answer within 400 ms' },
      // Picks up in DE but has no credentials here: said, so that an empty answer is never a mystery.
      { carrier: 'unconfigured-courier', service: 'standard', reason: 'carrier_unavailable', message: 'Unconfigured Courier is not configured on this service' },
    ]);
    // The quote is complete and stored even though a carrier never answered.
    await t.http().get(`/v1/quotes/${res.body.id}`).set(auth(key)).expect(200);
  });

  it('a carrier asked for by name that is not configured is listed as unavailable', async () => {
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(body({ carriers: ['unconfigured-courier', 'quick-post'] })).expect(200);
    expect(res.body.options).toHaveLength(2);
    expect(res.body.unavailable).toEqual([
      { carrier: 'unconfigured-courier', service: 'standard', reason: 'carrier_unavailable', message: 'Unconfigured Courier is not configured on this service' },
    ]);
  });

  it('an unconfigured carrier that does not pick up in the origin country is not listed', async () => {
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(body({ shipFrom: { country: 'AT', postalCode: '1010' } }));
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
    expect(res.body.unavailable.map((u: { carrier: string }) => u.carrier)).not.toContain('unconfigured-courier');
  });

  it('asking only the slow carrier gives an empty answer at the budget, not an error', async () => {
    const res = await t.http().post('/v1/quotes').set(auth(key)).send(body({ carriers: ['slow-courier'] })).expect(200);
    expect(res.body.options).toEqual([]);
    expect(res.body.unavailable).toEqual([expect.objectContaining({ carrier: 'slow-courier', reason: 'carrier_timeout' })]);
  });

  it('options with the same price, fees and dates share one landed-cost estimate', async () => {
    const estimate = jest.spyOn(t.app.get(LandedCostService), 'prepare');
    const res = await quoteBothQuickPosts({ country: 'CH', postalCode: '8001' }, 4);
    expect(res.body.options).toHaveLength(4);
    // Two prices (9.90 and 19.90), each offered by both carriers: two estimates, not four.
    expect(estimate).toHaveBeenCalledTimes(2);
    const byPrice = new Map<string, unknown>();
    for (const o of res.body.options) {
      const seen = byPrice.get(o.shipping.total.amount);
      if (seen) expect(o.dutiesAndTaxes).toEqual(seen);
      byPrice.set(o.shipping.total.amount, o.dutiesAndTaxes);
    }
    // Swiss import VAT is charged on the transport cost too: the two prices have different answers.
    expect(new Set(res.body.options.map((o: { dutiesAndTaxes: { taxes: { amount: string } } }) => o.dutiesAndTaxes.taxes.amount)).size).toBe(2);
    estimate.mockRestore();
  });

  it('where shipping does not enter duties or taxes (US: FOB value, no import tax), all options share one estimate', async () => {
    const estimate = jest.spyOn(t.app.get(LandedCostService), 'prepare');
    const res = await quoteBothQuickPosts({ country: 'US', postalCode: '10001', region: 'NY' }, 40);
    expect(res.body.options).toHaveLength(4);
    expect(new Set(res.body.options.map((o: { shipping: { total: { amount: string } } }) => o.shipping.total.amount)).size).toBe(2);
    expect(estimate).toHaveBeenCalledTimes(1);
    expect(Number(res.body.options[0].dutiesAndTaxes.duties.amount)).toBeGreaterThan(0);
    for (const o of res.body.options) expect(o.dutiesAndTaxes).toEqual(res.body.options[0].dutiesAndTaxes);
    estimate.mockRestore();
  });
});
