import { bearer, BenchScenario } from './bench-scenario';
import { QUOTE_BENCH_BODY } from './quotes.scenario';
import { verifyAnyQuote } from './scenario-tools';

/** The carriers priced through their HTTP APIs (MyDHL, UPS, FedEx), here answered by the emulators. */
export const API_CARRIERS = ['mydhl', 'ups', 'fedex'];

/**
 * The benchmark cart quoted through the API carriers only: the service calls the three emulators in
 * parallel over HTTP (OAuth tokens cached, requests built and responses mapped by the adapters), so
 * the figure is the whole service path with real wire formats, against carriers that answer at once.
 */
export const apiCarrierQuotesScenario: BenchScenario = {
  id: 'quotes-api-carriers',
  title: 'POST /v1/quotes through MyDHL, UPS and FedEx adapters (emulators answering at once)',
  async prepare(ctx) {
    const key = await ctx.keyWith('quotes');
    return {
      requests: [{ method: 'POST', path: '/v1/quotes', headers: bearer(key), body: { ...QUOTE_BENCH_BODY, carriers: API_CARRIERS } }],
      verify: (res) => {
        const ok = verifyAnyQuote(res);
        if (ok !== true) return ok;
        const priced = new Set(res.json.options.map((o: { carrier: string }) => o.carrier));
        const missing = API_CARRIERS.filter((c) => !priced.has(c));
        return missing.length === 0 || `no option from ${missing.join(', ')}: ${JSON.stringify(res.json.unavailable).slice(0, 300)}`;
      },
    };
  },
};
