import { randomUUID } from 'node:crypto';
import { readLabel } from './documents/barcode-reader';
import { asBytes, pageSizes, pageToPng } from './documents/pdf-tools';
import { expressBooking, NEW_YORK, PARIS, postalBooking } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

describe('batches', () => {
  let t: TestApp;
  let key: string;
  const binary = (path: string) => asBytes(t.http().get(path).set(auth(key)));
  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments');
  });
  afterAll(() => t.close());

  it('books each item on its own: bad items fail alone with their paths, the rest are booked', async () => {
    const run = randomUUID().slice(0, 8);
    const items = [
      { idempotencyKey: `${run}-0`, ...postalBooking({ reference: `B-${run}-0` }) },
      { idempotencyKey: `${run}-1`, ...expressBooking({ reference: `B-${run}-1`, parcels: [{ weight: { value: 1, unit: 'kg' } }, { weight: { value: 2, unit: 'kg' } }] }) },
      { idempotencyKey: `${run}-2`, ...postalBooking({ reference: `B-${run}-2`, shipTo: { ...NEW_YORK, postalCode: '1011' } }) },
      { ...expressBooking({ reference: `B-${run}-3`, shipTo: PARIS, items: undefined }) },
      { idempotencyKey: `${run}-4`, ...expressBooking({ reference: `B-${run}-4`, shipTo: PARIS, items: undefined, colour: 'red' }) },
      { idempotencyKey: `${run}-5`, ...expressBooking({ reference: `B-${run}-5`, shipTo: PARIS, items: undefined }) },
      { idempotencyKey: `${run}-6`, ...postalBooking({ reference: `B-${run}-6`, service: 'packet-tracked', parcels: [{ weight: { value: 9, unit: 'kg' } }] }) },
    ];
    const res = await t.http().post('/v1/batches').set(auth(key)).send({ shipments: items }).expect(201);
    const batch = res.body;
    expect(batch).toMatchObject({ id: expect.stringMatching(/^bat_/), status: 'partially_failed', counts: { total: 7, booked: 3, failed: 4 } });
    expect(batch.items.map((i: { status: string }) => i.status)).toEqual(['booked', 'booked', 'failed', 'failed', 'failed', 'booked', 'failed']);
    expect(batch.items[0].shipment).toMatchObject({ reference: `B-${run}-0`, batchId: batch.id, status: 'booked' });
    expect(batch.items[2].error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'shipments[2].shipTo.postalCode' }] });
    expect(batch.items[3].error.details).toEqual([{ path: 'shipments[3].idempotencyKey', message: expect.any(String) }]);
    expect(batch.items[4].error.details).toEqual([{ path: 'shipments[4].colour', message: 'unknown field' }]);
    expect(batch.items[6].error).toMatchObject({ status: 422, code: 'SERVICE_UNAVAILABLE', details: [{ path: 'shipments[6].service' }] });

    const got = await t.http().get(`/v1/batches/${batch.id}`).set(auth(key)).expect(200);
    expect(got.body).toEqual(batch);

    // All labels of the batch in one document: 1 + 2 + 1 parcels.
    const pdf = (await binary(`/v1/batches/${batch.id}/labels?format=pdf`).expect(200)).body as Buffer;
    expect(await pageSizes(pdf)).toHaveLength(4);
    const numbers = [batch.items[0], batch.items[1], batch.items[5]].flatMap((i: { shipment: { parcels: { trackingNumber: string }[] } }) => i.shipment.parcels.map((p) => p.trackingNumber));
    expect(readLabel(await pageToPng(pdf, 1, 150), '4x6').code128).toBe(numbers[0]);
    expect(readLabel(await pageToPng(pdf, 4, 150), '4x6').code128).toBe(numbers[3]);
    const zpl = ((await binary(`/v1/batches/${batch.id}/labels?format=zpl`).expect(200)).body as Buffer).toString('utf8');
    expect(zpl.match(/\^XA/g)).toHaveLength(4);
    for (const n of numbers) expect(zpl).toContain(`^FD${n}^FS`);
    // Printing marks the shipments printed.
    const printed = await t.http().get(`/v1/shipments/${batch.items[0].shipment.id}`).set(auth(key)).expect(200);
    expect(printed.body.printedAt).toEqual(expect.any(String));

    // Sending the same batch again books nothing twice: the items' keys replay.
    const again = await t.http().post('/v1/batches').set(auth(key)).send({ shipments: items }).expect(201);
    expect(again.body.items.filter((i: { status: string }) => i.status === 'booked').map((i: { shipment: { id: string } }) => i.shipment.id)).toEqual(
      [batch.items[0], batch.items[1], batch.items[5]].map((i: { shipment: { id: string } }) => i.shipment.id),
    );
  });

  it('holds each item to the checks of a single booking: amounts at the currency minor units, arrays where objects belong, every problem at once', async () => {
    const run = randomUUID().slice(0, 8);
    const yen = [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 2, unitValue: { amount: '1200.5', currency: 'JPY' } }];
    const items = [
      { idempotencyKey: `${run}-0`, ...expressBooking({ reference: `B-${run}-0`, items: yen }) },
      { idempotencyKey: `${run}-1`, ...expressBooking({ reference: `B-${run}-1`, shipTo: undefined, service: 'teleport', parcels: [{ weight: { value: -1, unit: 'kg' } }] }) },
      { idempotencyKey: `${run}-2`, ...expressBooking({ reference: `B-${run}-2`, shipTo: [PARIS] }) },
    ];
    const batch = (await t.http().post('/v1/batches').set(auth(key)).send({ shipments: items }).expect(201)).body;
    expect(batch.items.map((i: { status: string }) => i.status)).toEqual(['failed', 'failed', 'failed']);
    expect(batch.items[0].error.details).toEqual([{ path: 'shipments[0].items[0].unitValue.amount', message: expect.stringContaining('JPY') }]);
    expect(batch.items[1].error.details.map((d: { path: string }) => d.path).sort()).toEqual(['shipments[1].parcels[0].weight.value', 'shipments[1].service', 'shipments[1].shipTo']);
    expect(batch.items[2].error.details).toEqual([expect.objectContaining({ path: 'shipments[2].shipTo' })]);
  });

  it('500 items in one batch', async () => {
    const run = randomUUID().slice(0, 8);
    const items = Array.from({ length: 500 }, (_, i) => ({ idempotencyKey: `${run}-${i}`, ...expressBooking({ reference: `BULK-${run}-${i}`, shipTo: PARIS, items: undefined }) }));
    const res = await t.http().post('/v1/batches').set(auth(key)).send({ shipments: items }).expect(201);
    expect(res.body.counts).toEqual({ total: 500, booked: 500, failed: 0 });
    expect(res.body.status).toBe('completed');
    const numbers = new Set(res.body.items.map((i: { shipment: { trackingNumber: string } }) => i.shipment.trackingNumber));
    expect(numbers.size).toBe(500);
  });

  it('refuses more than 500 items, an empty batch, and items that are not objects', async () => {
    const item = { idempotencyKey: 'x', ...expressBooking() };
    const tooMany = await t.http().post('/v1/batches').set(auth(key)).send({ shipments: Array(501).fill(item) }).expect(400);
    expect(tooMany.body.error.details).toEqual([expect.objectContaining({ path: 'shipments' })]);
    await t.http().post('/v1/batches').set(auth(key)).send({ shipments: [] }).expect(400);
    await t.http().post('/v1/batches').set(auth(key)).send({ shipments: [1, 'two'] }).expect(400);
    await t.http().get('/v1/batches/bat_0000000000aaaaaaaaaaaaaaaa').set(auth(key)).expect(404);
  });
});
