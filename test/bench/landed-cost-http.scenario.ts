import { bearer, BenchScenario } from './bench-scenario';
import { benchOrder } from './landed-cost.bench';

/** The EU schedule the order is priced on, relative to the tariffs folder (cut for the growth run). */
export const LANDED_COST_SCHEDULE_FILE = 'duty/EU/cn-cet-2020.csv';

/** The HS codes of the order: the lines a cut schedule must keep so both runs compute the same duties. */
export const landedCostOrderCodes = (): string[] => benchOrder().items.map((i) => i.hsCode);

/**
 * `POST /v1/landed-cost` for the landed-cost engine's own benchmark order (20 lines, B2B, CN/VN to DE,
 * EORI importer, mixed USD/EUR values), sent as the API takes it: the engine bench measures the engine
 * in-process, this one the whole request (validation, mapping, rendering the explanation).
 */
export const landedCostHttpScenario: BenchScenario = {
  id: 'landed-cost',
  title: 'POST /v1/landed-cost, 20-line B2B order CN->DE',
  async prepare(ctx) {
    const order = benchOrder();
    const body = {
      shipFrom: order.shipFrom,
      shipTo: order.shipTo,
      items: order.items.map(({ unitWeightKg, ...item }) => ({
        ...item,
        ...(unitWeightKg !== undefined ? { unitWeight: { value: Math.round(unitWeightKg * 1000) / 1000, unit: 'kg' } } : {}),
      })),
      shipping: order.shipping,
      insurance: order.insurance,
      incoterm: order.incoterm,
      currency: order.currency,
      mode: order.mode,
      date: order.date,
      importer: order.importer,
      carrierFees: order.carrierFees,
    };
    const key = await ctx.keyWith('quotes');
    return {
      requests: [{ method: 'POST', path: '/v1/landed-cost', headers: bearer(key), body }],
      verify: (res) => {
        const j = res.json;
        const lines = [...(j?.duties?.lines ?? []), ...(j?.taxes?.lines ?? [])] as { itemIndex: number | null }[];
        const items = new Set(lines.map((l) => l.itemIndex).filter((i) => i !== null));
        if (!j?.total?.amount || j.currency !== 'EUR') return `no total in EUR: ${res.text.slice(0, 300)}`;
        if (items.size === 0) return `no per-item duty or tax line: ${res.text.slice(0, 300)}`;
        return true;
      },
    };
  },
};
