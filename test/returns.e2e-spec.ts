import { randomUUID } from 'node:crypto';
import { ReturnsService } from '../src/returns/returns.service';
import { postalBooking } from './documents/shipment-bodies';
import { EmulatorSet, startEmulators } from './emulators/emulator-set';
import { withClient } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('returns', () => {
  let emu: EmulatorSet;
  let t: TestApp;
  let receiver: WebhookReceiver;
  let key: string;
  let writer: string;

  beforeAll(async () => {
    emu = await startEmulators();
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ env: { ...emu.env, JOBS_POLL_INTERVAL_SECONDS: '0.5' } });
    key = await t.keyWith('shipments');
    writer = await t.keyWith('tracking:write');
    await t.http().post('/v1/webhook-endpoints').set(auth(t.adminKey)).send({ url: receiver.url, events: ['return.created', 'return.updated'] }).expect(201);
  });
  afterAll(async () => {
    await t?.close();
    await emu?.stop();
    await receiver?.stop();
  });

  const bookOriginal = async (overrides: Record<string, unknown> = {}) =>
    (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(postalBooking(overrides)).expect(201)).body;
  const requestReturn = (shipmentId: string, body: Record<string, unknown>, idem?: string) => {
    const req = t.http().post(`/v1/shipments/${shipmentId}/returns`).set(auth(key));
    if (idem) req.set('Idempotency-Key', idem);
    return req.send(body);
  };
  const track = (carrier: string, trackingNumber: string, events: object[]) => t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier, trackingNumber, events }).expect(200);

  it('creates an RMA with a return label from an eligible carrier, customs papers marked as returned goods', async () => {
    const original = await bookOriginal();
    const idem = randomUUID();
    const res = await requestReturn(original.id, { reason: 'damaged', note: 'Arrived torn', items: [{ sku: 'TS-1', quantity: 2 }], carrier: 'ups' }, idem).expect(201);
    const r = res.body;
    expect(r).toMatchObject({
      id: expect.stringMatching(/^ret_/),
      rma: expect.stringMatching(/^RMA-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'label_issued',
      reason: 'damaged',
      originalShipmentId: original.id,
      carrier: 'ups',
      international: true,
      items: [{ line: 0, sku: 'TS-1', quantity: 2, description: 'Cotton T-shirt' }],
      history: [{ status: 'requested' }, { status: 'label_issued' }],
    });
    expect(r.shipment).toMatchObject({ id: r.returnShipmentId, direction: 'return', carrier: 'ups', reference: r.rma, customs: { crossesBorder: true, reason: 'return' } });
    // From the buyer back to the merchant.
    expect(r.shipment.shipFrom.country).toBe('US');
    expect(r.shipment.shipTo.country).toBe('DE');
    expect(r.shipment.labels.length).toBeGreaterThan(0);
    expect(r.shipment.documents.map((d: { type: string }) => d.type)).toContain('commercial_invoice');
    expect(new Date(r.labelExpiresAt).getTime() - Date.now()).toBeGreaterThan(27 * 86_400_000);

    // The same request with the same key: the same RMA, no second label.
    const again = await requestReturn(original.id, { reason: 'damaged', note: 'Arrived torn', items: [{ sku: 'TS-1', quantity: 2 }], carrier: 'ups' }, idem).expect(201);
    expect(again.body).toMatchObject({ id: r.id, returnShipmentId: r.returnShipmentId });
    const reused = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'ups' }, idem).expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await t.http().get(`/v1/shipments/${original.id}/returns`).set(auth(key)).expect(200);
    expect(list.body.data.map((x: { id: string }) => x.id)).toEqual([r.id]);

    await receiver.waitFor(1);
    const created = receiver.bodies().find((b) => b.type === 'return.created' && b.data.returnId === r.id);
    expect(created?.data).toMatchObject({ rma: r.rma, status: 'label_issued', originalShipmentId: original.id, returnShipmentId: r.returnShipmentId });
  });

  it('picks another eligible carrier when the original one does not pick up in the buyer country', async () => {
    // Deutsche Post's international returns cover Europe only; the first carrier (catalog order) with a
    // return product from the US is Asendia (e-PAQ Returns).
    const original = await bookOriginal();
    const res = await requestReturn(original.id, { reason: 'not_needed', items: [{ line: 1, quantity: 1 }] }).expect(201);
    expect(res.body).toMatchObject({ carrier: 'asendia', service: 'epaq-plus' });
    expect(res.body.shipment).toMatchObject({ direction: 'return', carrier: 'asendia', shipFrom: { country: 'US' }, shipTo: { country: 'DE' } });
  });

  it('refuses what cannot be returned, listing every problem', async () => {
    const original = await bookOriginal();
    await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 4 }], carrier: 'ups' }).expect(201);
    const res = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 7 }, { sku: 'NOPE', quantity: 1 }], carrier: 'deutsche-post' }).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['carrier', 'items[0].quantity', 'items[1].sku']);
    const bad = await requestReturn(original.id, { reason: 'bored', items: [], colour: 'red' }).expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['colour', 'items', 'reason']);
    await requestReturn('shp_0000000000aaaaaaaaaaaaaaaa', { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] }).expect(404);
    await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] }).set(auth(writer)).expect(403);
  });

  it('follows the return shipment through tracking to the merchant, then received and closed; the original timeline shows it all', async () => {
    const original = await bookOriginal();
    await track('deutsche-post', original.trackingNumber, [{ code: 'DLVRD', occurredAt: '2026-11-24T11:00:00-05:00', location: { city: 'New York', region: 'NY', country: 'US' } }]);
    const r = (await requestReturn(original.id, { reason: 'wrong_item', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'ups' }).expect(201)).body;
    const n = r.shipment.trackingNumber;
    await track('ups', n, [{ status: 'in_transit', substatus: 'picked_up', description: 'Picked up', occurredAt: '2026-11-26T09:00:00-05:00', location: { city: 'New York', region: 'NY', country: 'US' } }]);
    expect((await t.http().get(`/v1/returns/${r.id}`).set(auth(key))).body.status).toBe('in_transit');
    await track('ups', n, [{ status: 'delivered', description: 'Delivered', occurredAt: '2026-11-27T06:00:00+01:00', location: { city: 'Bonn', country: 'DE' } }]);
    const delivered = await t.http().get(`/v1/returns/${r.id}`).set(auth(key)).expect(200);
    expect(delivered.body.status).toBe('delivered_to_merchant');
    expect(delivered.body.history.map((h: { status: string; source: string }) => `${h.status}/${h.source}`)).toEqual(['requested/api', 'label_issued/api', 'in_transit/tracking', 'delivered_to_merchant/tracking']);

    await t.http().post(`/v1/returns/${r.id}/receive`).set(auth(key)).send({ note: 'Checked: resellable' }).expect(200);
    const closed = await t.http().post(`/v1/returns/${r.id}/close`).set(auth(key)).send({ resolution: 'refund' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'refund' });
    const refused = await t.http().post(`/v1/returns/${r.id}/cancel`).set(auth(key)).expect(409);
    expect(refused.body.error.code).toBe('RETURN_NOT_CANCELLABLE');

    const tl = await t.http().get(`/v1/shipments/${original.id}/tracking`).set(auth(key)).expect(200);
    // The outbound shipment keeps its own status; the return's legs join its timeline.
    expect(tl.body.status).toBe('delivered');
    expect(tl.body.events.map((e: { leg: string; status: string }) => `${e.leg}:${e.status}`)).toEqual(['outbound:delivered', 'return:in_transit', 'return:delivered']);
    expect(tl.body.events[1]).toMatchObject({ returnId: r.id, trackingNumber: n });
    expect(tl.body.returns).toEqual([expect.objectContaining({ id: r.id, rma: r.rma, status: 'closed', trackingNumber: n, events: expect.arrayContaining([expect.objectContaining({ status: 'received' })]) })]);

    // Deliveries run in parallel and may arrive in any order (receivers sort by the payload, not arrival).
    const expected = ['return.created:label_issued', 'return.updated:in_transit', 'return.updated:delivered_to_merchant', 'return.updated:received', 'return.updated:closed'];
    const got = await until(
      async () => receiver.bodies().filter((b) => b.data.returnId === r.id).map((b) => `${b.type}:${b.data.status}`),
      (types) => expected.every((e) => types.includes(e)),
    );
    expect([...got].sort()).toEqual([...expected].sort());
  });

  it('keeps a carrier return-to-sender on the outbound shipment, apart from customer returns', async () => {
    const original = await bookOriginal();
    await track('deutsche-post', original.trackingNumber, [
      { code: 'PCKDU', occurredAt: '2026-11-20T16:00:00+01:00' },
      { code: 'RETRN', description: 'Refused; returning to sender', occurredAt: '2026-11-25T09:00:00-05:00', location: { city: 'New York', region: 'NY', country: 'US' } },
    ]);
    const tl = await t.http().get(`/v1/shipments/${original.id}/tracking`).set(auth(key)).expect(200);
    expect(tl.body).toMatchObject({ status: 'return_to_sender', substatus: 'return_to_sender.initiated', returns: [] });
    expect(tl.body.events.every((e: { leg: string }) => e.leg === 'outbound')).toBe(true);
  });

  it('cancels a return whose label is unused (voiding it), and expires one left unused', async () => {
    const original = await bookOriginal();
    const a = (await requestReturn(original.id, { reason: 'not_needed', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'ups' }).expect(201)).body;
    const cancelled = await t.http().post(`/v1/returns/${a.id}/cancel`).set(auth(key)).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await t.http().get(`/v1/shipments/${a.returnShipmentId}`).set(auth(key))).body.status).toBe('cancelled');
    // The cancelled return no longer holds its items: they can be returned again.
    const b = (await requestReturn(original.id, { reason: 'not_needed', items: [{ sku: 'TS-1', quantity: 10 }], carrier: 'ups' }).expect(201)).body;
    await withClient((c) => c.query(`UPDATE customer_return SET label_expires_at = now() - interval '1 minute' WHERE id = $1`, [b.id]), t.databaseUrl);
    await t.app.get(ReturnsService).expire(b.id);
    const expired = await t.http().get(`/v1/returns/${b.id}`).set(auth(key)).expect(200);
    expect(expired.body.status).toBe('expired');
    expect(expired.body.history.at(-1)).toMatchObject({ status: 'expired', source: 'system' });
  });

  it('does not return a return', async () => {
    const original = await bookOriginal();
    const r = (await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'ups' }).expect(201)).body;
    const res = await requestReturn(r.returnShipmentId, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] }).expect(409);
    expect(res.body.error.code).toBe('NOT_RETURNABLE');
  });
});
