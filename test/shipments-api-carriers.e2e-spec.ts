import { randomUUID } from 'node:crypto';
import { asBytes, pageSizes } from './documents/pdf-tools';
import { BONN, NEW_YORK, TSHIRTS } from './documents/shipment-bodies';
import { carriersFolder, EmulatorSet, startEmulators } from './emulators/emulator-set';
import { auth, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** Booking with carriers that have APIs (emulated over HTTP): their labels pass through, converted on request. */
describe('shipments with API carriers', () => {
  let emu: EmulatorSet;
  let t: TestApp;
  let key: string;
  let folder: { dir: string; remove: () => void };
  const binary = (path: string) => asBytes(t.http().get(path).set(auth(key)));
  const body = (carrier: string, service: string, extra: Record<string, unknown> = {}) => ({
    carrier,
    service,
    reference: `API-${carrier}`,
    shipFrom: BONN,
    shipTo: NEW_YORK,
    parcels: [
      { weight: { value: 2, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } },
      { weight: { value: 1, unit: 'kg' }, dimensions: { length: 20, width: 20, height: 10, unit: 'cm' } },
    ],
    items: TSHIRTS,
    incoterm: 'DAP',
    ...extra,
  });

  beforeAll(async () => {
    emu = await startEmulators();
    folder = carriersFolder(['mydhl', 'ups']);
    t = await startTestApp({ env: { ...emu.env, CARRIERS_DIR: folder.dir, CARRIER_BREAKER_FAILURES: '1000' } });
    key = await t.keyWith('shipments');
  });
  afterAll(async () => {
    await t?.close();
    await emu?.stop();
    folder?.remove();
  });

  it.each([
    ['mydhl', 'express-worldwide'],
    ['ups', 'worldwide-express'],
  ])('%s: the carrier’s labels are kept, served as PDF and converted to ZPL', async (carrier, service) => {
    const res = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body(carrier, service)).expect(201);
    const s = res.body;
    expect(s.parcels).toHaveLength(2);
    const pdf = (await binary(`/v1/shipments/${s.id}/label?format=pdf&size=4x6`).expect(200)).body as Buffer;
    const sizes = await pageSizes(pdf);
    expect(sizes).toHaveLength(2);
    const zpl = ((await binary(`/v1/shipments/${s.id}/label?format=zpl`).expect(200)).body as Buffer).toString('utf8');
    expect(zpl.match(/\^XA/g)?.length).toBeGreaterThanOrEqual(2);
    const a4 = (await binary(`/v1/shipments/${s.id}/label?format=pdf&size=a4`).expect(200)).body as Buffer;
    expect(await pageSizes(a4)).toEqual([
      { width: 595.28, height: 841.89 },
      { width: 595.28, height: 841.89 },
    ]);
    expect(emu[carrier as 'mydhl' | 'ups'].calls('ship')).toHaveLength(1);
  });

  it('a carrier 5xx on booking keeps the key; the retry books once and records the booking', async () => {
    const idem = randomUUID();
    emu.mydhl.fault({ mode: 'server-error', operation: 'ship', count: 1, status: 503 });
    const first = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body('mydhl', 'express-worldwide', { reference: 'API-5XX' })).expect(503);
    expect(first.body.error.code).toBe('CARRIER_UNAVAILABLE');
    const retry = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body('mydhl', 'express-worldwide', { reference: 'API-5XX' })).expect(201);
    const replay = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', idem).send(body('mydhl', 'express-worldwide', { reference: 'API-5XX' })).expect(201);
    expect(replay.body.id).toBe(retry.body.id);
    const list = await t.http().get('/v1/shipments').query({ reference: 'API-5XX' }).set(auth(key)).expect(200);
    expect(list.body.data).toHaveLength(1);
  });
});
