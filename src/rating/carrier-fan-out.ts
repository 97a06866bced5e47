import type { CarrierAdapter, CarrierRate, ExclusionReason, ServiceExclusion } from '../carriers/carrier-adapter';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { CarrierError } from '../carriers/carrier-error';
import type { ShipmentSpec } from '../carriers/shipment-spec';

export interface CarrierCall {
  carrier: CarrierDefinition;
  adapter: CarrierAdapter;
}

/** What one carrier answered within the budget: its rates and exclusions, or why it gave none. */
export type CarrierOutcome =
  | { carrier: CarrierDefinition; ok: true; rates: CarrierRate[]; excluded: ServiceExclusion[]; ms: number }
  | { carrier: CarrierDefinition; ok: false; reason: Extract<ExclusionReason, 'carrier_timeout' | 'carrier_error'>; message: string; ms: number; error?: unknown };

/**
 * Asks every carrier at once and waits at most `budgetMs` in total. A carrier that has not answered
 * when the budget is spent is reported as `carrier_timeout` (its call is aborted through the signal,
 * and not waited for even if it ignores the signal); one that throws is `carrier_error`. The others'
 * answers are never delayed or lost because of it.
 */
export async function fanOut(calls: CarrierCall[], shipment: ShipmentSpec, budgetMs: number, reference?: string): Promise<CarrierOutcome[]> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, budgetMs);
  });
  const elapsed = () => Math.round(performance.now() - started);
  try {
    return await Promise.all(
      calls.map(async ({ carrier, adapter }): Promise<CarrierOutcome> => {
        const call = Promise.resolve()
          .then(() => adapter.rate(carrier, shipment, { signal: controller.signal, reference }))
          .then(
            (result) => ({ carrier, ok: true as const, rates: result.rates, excluded: result.excluded, ms: elapsed() }),
            (error: unknown) => failure(carrier, error, elapsed()),
          );
        const first = await Promise.race([call, deadline]);
        if (first === 'timeout') {
          call.catch(() => undefined);
          return { carrier, ok: false, reason: 'carrier_timeout', message: `${carrier.name} did not answer within ${budgetMs} ms`, ms: elapsed() };
        }
        return first;
      }),
    );
  } finally {
    clearTimeout(timer);
  }
}

function failure(carrier: CarrierDefinition, error: unknown, ms: number): CarrierOutcome {
  if (error instanceof CarrierError) {
    if (error.code === 'TIMEOUT') return { carrier, ok: false, reason: 'carrier_timeout', message: `${carrier.name} timed out`, ms, error };
    const what: Record<string, string> = {
      RATE_LIMITED: 'is limiting our requests',
      AUTH: 'refused our credentials',
      INVALID_REQUEST: 'rejected the request',
      UNAVAILABLE: 'is unavailable',
      UNKNOWN: 'answered with an error',
    };
    // The carrier's own words help when it rejects the request (a field it wants); never for other codes.
    const detail = error.code === 'INVALID_REQUEST' ? `: ${error.message.slice(0, 200)}` : '';
    return { carrier, ok: false, reason: 'carrier_error', message: `${carrier.name} ${what[error.code] ?? 'failed'} (${error.code})${detail}`, ms, error };
  }
  return { carrier, ok: false, reason: 'carrier_error', message: `${carrier.name} failed unexpectedly`, ms, error };
}
