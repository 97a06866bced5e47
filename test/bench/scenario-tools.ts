import type { BenchResponse, BenchScenario } from './bench-scenario';

/** The same scenario judged by another check (e.g. a one-carrier service cannot tag three options). */
export function withVerify(scenario: BenchScenario, verify: (res: BenchResponse) => true | string): BenchScenario {
  return {
    ...scenario,
    async prepare(ctx) {
      return { ...(await scenario.prepare(ctx)), verify };
    },
  };
}

/** A priced quote with at least one option whose landed cost is in the asked currency. */
export function verifyAnyQuote(res: BenchResponse): true | string {
  const q = res.json;
  if (res.status !== 200 || !Array.isArray(q?.options) || q.options.length === 0) {
    return `no option: ${res.status} ${res.text.slice(0, 300)}`;
  }
  return q.options.every((o: { landedCost?: { currency?: string } }) => o.landedCost?.currency === q.currency) || 'an option lacks its landed cost';
}
