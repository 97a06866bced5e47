import { Injectable } from '@nestjs/common';
import type { BookingResult, CallContext, CarrierAdapter, RateResult } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError, type CarrierErrorCode } from '../carrier-error';

interface FakeBehaviour {
  delayMs?: number;
  fail?: CarrierErrorCode;
  crash?: boolean;
  disabled?: boolean;
}

interface FakeService {
  code: string;
  name: string;
  price: string;
  minDays: number;
  maxDays: number;
}

/**
 * A carrier that exists only in its carrier.yaml (adapter `fake`): slow, failing or flat-priced as
 * its `behaviour` says. Tests use it to prove that the quote fan-out keeps its time budget and that a
 * failing carrier does not break the others. It honours the caller's AbortSignal like a real HTTP call.
 */
@Injectable()
export class FakeCarrierAdapter implements CarrierAdapter {
  readonly code = 'fake';

  enabled(carrier: CarrierDefinition): boolean {
    return !(carrier.raw.behaviour as FakeBehaviour | undefined)?.disabled;
  }

  async rate(carrier: CarrierDefinition, _shipment: unknown, ctx: CallContext): Promise<RateResult> {
    const behaviour = (carrier.raw.behaviour ?? {}) as FakeBehaviour;
    if (behaviour.delayMs) await abortableDelay(behaviour.delayMs, ctx.signal, carrier.id);
    if (behaviour.crash) throw new TypeError("Cannot read properties of undefined (reading 'rates')");
    if (behaviour.fail) throw new CarrierError(carrier.id, behaviour.fail, `fake carrier configured to fail with ${behaviour.fail}`);
    return {
      rates: (carrier.services as unknown as FakeService[]).map((s) => ({
        service: s.code,
        serviceName: s.name,
        currency: carrier.currency,
        charges: [{ type: 'base', code: 'base', amount: s.price }],
        transit: { minDays: s.minDays, maxDays: s.maxDays },
      })),
      excluded: [],
    };
  }

  async book(carrier: CarrierDefinition): Promise<BookingResult> {
    throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'a fake carrier cannot book');
  }

  async cancel(carrier: CarrierDefinition): Promise<void> {
    throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'a fake carrier cannot cancel');
  }
}

function abortableDelay(ms: number, signal: AbortSignal, carrier: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CarrierError(carrier, 'TIMEOUT', 'aborted by the caller'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
