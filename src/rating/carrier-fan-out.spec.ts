import type { CarrierAdapter, RateResult } from '../carriers/carrier-adapter';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { CarrierError } from '../carriers/carrier-error';
import { EMPTY_HANDLING, type ShipmentSpec } from '../carriers/shipment-spec';
import { fanOut } from './carrier-fan-out';

const carrier = (id: string): CarrierDefinition =>
  ({ id, name: id.toUpperCase(), adapter: 'test', source: { retrieved: '2026-11-27', status: 'example' }, currency: 'EUR', origins: ['DE'], timeZone: 'Europe/Berlin', services: [{ code: 's', name: 'S' }], dir: '', raw: {}, tables: {} }) as CarrierDefinition;

const shipment: ShipmentSpec = { shipFrom: { country: 'DE' }, shipTo: { country: 'FR' }, parcels: [{ weightKg: 1 }], items: [], handling: EMPTY_HANDLING, incoterm: 'DAP', shipDate: '2026-11-27' };
const ok: RateResult = { rates: [{ service: 's', serviceName: 'S', currency: 'EUR', charges: [{ type: 'base', code: 'base', amount: '1.00' }], transit: { minDays: 1, maxDays: 2 } }], excluded: [] };

const adapter = (rate: CarrierAdapter['rate']): CarrierAdapter => ({ code: 'test', rate, book: jest.fn(), cancel: jest.fn() });
const after = (ms: number, signal: AbortSignal, value: RateResult) =>
  new Promise<RateResult>((resolve, reject) => {
    const timer = setTimeout(() => resolve(value), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new CarrierError('x', 'TIMEOUT', 'aborted'));
    });
  });

describe('fanOut', () => {
  it('collects answers, failures and timeouts without one waiting for another', async () => {
    const signals: AbortSignal[] = [];
    const started = Date.now();
    const outcomes = await fanOut(
      [
        { carrier: carrier('fast'), adapter: adapter(async () => ok) },
        { carrier: carrier('slow'), adapter: adapter((_c, _s, ctx) => (signals.push(ctx.signal), after(5_000, ctx.signal, ok))) },
        // Ignores the signal entirely: still not waited for.
        { carrier: carrier('deaf'), adapter: adapter(() => new Promise<RateResult>((resolve) => setTimeout(() => resolve(ok), 1_500))) },
        { carrier: carrier('limited'), adapter: adapter(async () => Promise.reject(new CarrierError('limited', 'RATE_LIMITED', '429'))) },
        { carrier: carrier('rejects'), adapter: adapter(async () => Promise.reject(new CarrierError('rejects', 'INVALID_REQUEST', 'postal code missing'))) },
        { carrier: carrier('sync-throw'), adapter: adapter(() => { throw new Error('boom'); }) },
      ],
      shipment,
      100,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(outcomes.map((o) => (o.ok ? `${o.carrier.id}: ok` : `${o.carrier.id}: ${o.reason} ${o.message}`))).toEqual([
      'fast: ok',
      'slow: carrier_timeout SLOW did not answer within 100 ms',
      'deaf: carrier_timeout DEAF did not answer within 100 ms',
      'limited: carrier_error LIMITED is limiting our requests (RATE_LIMITED)',
      'rejects: carrier_error REJECTS rejected the request (INVALID_REQUEST): postal code missing',
      'sync-throw: carrier_error SYNC-THROW failed unexpectedly',
    ]);
    expect(signals[0].aborted).toBe(true);
  });

  it('a carrier reporting its own timeout is a timeout', async () => {
    const [o] = await fanOut([{ carrier: carrier('t'), adapter: adapter(async () => Promise.reject(new CarrierError('t', 'TIMEOUT', 'socket timeout'))) }], shipment, 1_000);
    expect(o).toMatchObject({ ok: false, reason: 'carrier_timeout' });
  });

  it('does not abort when everyone answered in time', async () => {
    let signal: AbortSignal | undefined;
    await fanOut([{ carrier: carrier('a'), adapter: adapter(async (_c, _s, ctx) => ((signal = ctx.signal), ok)) }], shipment, 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(signal!.aborted).toBe(false);
  });
});
