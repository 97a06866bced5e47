import { randomUUID } from 'node:crypto';
import { BONN, expressBooking, NEW_YORK, PARIS, postalBooking } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

/**
 * Returns from abroad with the rate-card carriers alone (no carrier API configured, as on a service
 * without MyDHL, UPS or FedEx credentials): the return products of carriers/<id>/carrier.yaml
 * (`returns`) take the parcel from the buyer's country back to the merchant in Germany.
 */
const TORONTO = { name: 'Sam Tremblay', street1: '100 King Street West', city: 'Toronto', region: 'ON', postalCode: 'M5X 1A9', country: 'CA', phone: '+1 416 555 0100' };
const DOUGLAS = { name: 'Tom Kermode', street1: '12 Athol Street', city: 'Douglas', postalCode: 'IM1 1JA', country: 'IM' };

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

/** DHL Express air waybills: 10 digits, the last the serial (the first nine) mod 7. */
const isMod7 = (n: string) => /^\d{10}$/.test(n) && Number(n.slice(0, 9)) % 7 === Number(n[9]);

describe('returns from abroad', () => {
  let t: TestApp;
  let key: string;
  let writer: string;

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments', 'quotes');
    writer = await t.keyWith('tracking:write');
  });
  afterAll(async () => {
    await t?.close();
  });

  const book = async (body: Record<string, unknown>) => {
    const res = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== 201) throw new Error(`booking the original: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const requestReturn = (shipmentId: string, body: Record<string, unknown>) =>
    t.http().post(`/v1/shipments/${shipmentId}/returns`).set(auth(key)).set('Idempotency-Key', randomUUID()).send(body);
  const track = async (carrier: string, trackingNumber: string, events: object[]) => {
    const res = await t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier, trackingNumber, events });
    expect({ status: res.status, error: res.body.error }).toEqual({ status: 200, error: undefined });
  };

  it('issues a DHL Express Worldwide Import label from Canada back to Bonn, priced on the reverse lane, and follows it into the original timeline', async () => {
    const original = await book(expressBooking({ shipTo: TORONTO, incoterm: 'DAP' }));
    const res = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] });
    expect(res.status).toBe(201);
    const r = res.body;
    expect(r).toMatchObject({ status: 'label_issued', carrier: 'dhl-express', service: 'express-worldwide', international: true, originalShipmentId: original.id });
    expect(r.history.at(-1).description).toMatch(/DHL Express Worldwide Import/);

    const s = r.shipment;
    expect(s).toMatchObject({ id: r.returnShipmentId, direction: 'return', carrier: 'dhl-express', reference: r.rma, returnOf: original.id, customs: { crossesBorder: true, reason: 'return' } });
    expect(s.shipFrom).toMatchObject({ country: 'CA', city: 'Toronto' });
    expect(s.shipTo).toMatchObject({ country: 'DE', postalCode: BONN.postalCode });
    expect(isMod7(s.trackingNumber)).toBe(true);
    expect(s.trackingNumber).not.toBe(original.trackingNumber);
    expect(s.documents.map((d: { type: string }) => d.type)).toContain('commercial_invoice');
    // Canada is DHL Express zone 6 on the export chart; the import product reuses it for the reverse lane.
    const base = s.charges.lines.find((l: { type: string }) => l.type === 'base');
    expect(base.description).toMatch(/zone 6/);
    expect(Number(s.charges.total.amount)).toBeGreaterThan(0);

    const label = await t.http().get(`/v1/shipments/${s.id}/label?format=pdf`).set(auth(key)).expect(200);
    expect(label.headers['content-type']).toMatch(/application\/pdf/);
    expect(label.body.subarray(0, 5).toString()).toBe('%PDF-');

    await track('dhl-express', s.trackingNumber, [{ status: 'in_transit', description: 'Shipment picked up', occurredAt: hoursAgo(26), location: { city: 'Toronto', country: 'CA' } }]);
    expect((await t.http().get(`/v1/returns/${r.id}`).set(auth(key)).expect(200)).body.status).toBe('in_transit');
    await track('dhl-express', s.trackingNumber, [{ status: 'delivered', description: 'Delivered', occurredAt: hoursAgo(1), location: { city: 'Bonn', country: 'DE' } }]);
    const delivered = (await t.http().get(`/v1/returns/${r.id}`).set(auth(key)).expect(200)).body;
    expect(delivered.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'label_issued', 'in_transit', 'delivered_to_merchant']);

    const tl = (await t.http().get(`/v1/shipments/${original.id}/tracking`).set(auth(key)).expect(200)).body;
    expect(tl.events.filter((e: { leg: string }) => e.leg === 'return').map((e: { status: string }) => e.status)).toEqual(['in_transit', 'delivered']);
    expect(tl.returns).toEqual([expect.objectContaining({ id: r.id, carrier: 'dhl-express', trackingNumber: s.trackingNumber, status: 'delivered_to_merchant' })]);
  });

  it('keeps the original postal carrier when its international returns cover the buyer country', async () => {
    const original = await book(postalBooking({ shipTo: PARIS }));
    const r = (await requestReturn(original.id, { reason: 'not_needed', items: [{ sku: 'TS-1', quantity: 2 }] }).expect(201)).body;
    expect(r).toMatchObject({ carrier: 'deutsche-post', service: 'paket-international' });
    expect(r.shipment).toMatchObject({ direction: 'return', carrier: 'deutsche-post', shipFrom: { country: 'FR' }, shipTo: { country: 'DE' } });
    expect(r.shipment.trackingNumber).toMatch(/^CX\d{9}DE$/);
    expect(r.history.at(-1).description).toMatch(/Retoure International/);
  });

  it("takes another carrier's return product when the original's returns do not cover the buyer country, and the next one when that cannot take the parcel", async () => {
    const light = await book(postalBooking({ shipTo: TORONTO }));
    const a = (await requestReturn(light.id, { reason: 'wrong_item', items: [{ sku: 'TS-1', quantity: 1 }] }).expect(201)).body;
    expect(a).toMatchObject({ carrier: 'asendia', service: 'epaq-plus' });
    expect(a.shipment).toMatchObject({ direction: 'return', carrier: 'asendia', shipFrom: { country: 'CA' }, shipTo: { country: 'DE' } });

    // 25 kg: above e-PAQ Plus's 20 kg per piece, so DHL Express takes it.
    const heavy = await book(postalBooking({ shipTo: TORONTO, parcels: [{ weight: { value: 25, unit: 'kg' }, dimensions: { length: 60, width: 40, height: 40, unit: 'cm' } }] }));
    const b = (await requestReturn(heavy.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] }).expect(201)).body;
    expect(b).toMatchObject({ carrier: 'dhl-express', service: 'express-worldwide' });
    expect(b.shipment).toMatchObject({ carrier: 'dhl-express', shipFrom: { country: 'CA' } });
    expect((await t.http().get(`/v1/returns/${b.id}`).set(auth(key)).expect(200)).body).toMatchObject({ carrier: 'dhl-express', service: 'express-worldwide' });
  });

  it('answers 422 naming the lane when no carrier takes returns from the buyer country, leaving nothing behind', async () => {
    const original = await book(postalBooking({ shipTo: DOUGLAS }));
    const res = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }] }).expect(422);
    expect(res.body.error.code).toBe('NO_RETURN_CARRIER');
    expect(res.body.error.details).toEqual([{ path: 'carrier', message: expect.stringMatching(/IM.*DE/) }]);
    expect((await t.http().get(`/v1/shipments/${original.id}/returns`).set(auth(key)).expect(200)).body.data).toEqual([]);

    // Carriers take returns from Canada, but none this parcel: each one's reason is given.
    const toronto = await book(postalBooking({ shipTo: TORONTO }));
    const heavy = await requestReturn(toronto.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], parcels: [{ weight: { value: 400, unit: 'kg' } }] }).expect(422);
    expect(heavy.body.error.code).toBe('NO_RETURN_CARRIER');
    expect(heavy.body.error.details).toEqual([
      { path: 'carrier', message: expect.stringMatching(/^asendia\/epaq-plus: .*400 kg.*20 kg.*\(weight_exceeds_limit\)$/) },
      { path: 'carrier', message: expect.stringMatching(/^dhl-express\/express-worldwide: .*400 kg.*300 kg.*\(weight_exceeds_limit\)$/) },
    ]);
    expect((await t.http().get(`/v1/shipments/${toronto.id}/returns`).set(auth(key)).expect(200)).body.data).toEqual([]);
  });

  it('refuses a requested carrier whose returns do not cover the buyer country, with the reason', async () => {
    const original = await book(postalBooking({ shipTo: TORONTO }));
    const res = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'deutsche-post' }).expect(400);
    expect(res.body.error.details).toEqual([{ path: 'carrier', message: expect.stringMatching(/deutsche-post.*CA/) }]);
    const service = await requestReturn(original.id, { reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'dhl-express', service: 'express-1200' }).expect(400);
    expect(service.body.error.details).toEqual([{ path: 'service', message: expect.stringMatching(/express-worldwide/) }]);
  });

  it('leaves outbound lanes as they were: the return countries are no origin for shipments of their own', async () => {
    const res = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(expressBooking({ shipFrom: TORONTO, shipTo: NEW_YORK, incoterm: 'DAP' }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body.error)).toMatch(/CA/);

    const quote = await t
      .http()
      .post('/v1/quotes')
      .set(auth(key))
      .send({ shipFrom: { country: 'CA', postalCode: 'M5X 1A9' }, shipTo: { country: 'US', postalCode: '10118' }, parcels: [{ weight: { value: 1, unit: 'kg' } }], items: expressBooking().items, incoterm: 'DAP', currency: 'EUR' })
    expect({ status: quote.status, error: quote.body.error }).toEqual({ status: 200, error: undefined });
    expect(quote.body.options.filter((o: { carrier: string }) => ['dhl-express', 'deutsche-post', 'asendia'].includes(o.carrier))).toEqual([]);
    expect(quote.body.unavailable).toEqual(expect.arrayContaining([expect.objectContaining({ carrier: 'dhl-express', service: 'express-worldwide', reason: 'origin_not_served' })]));
  });

  it('lists the carriers\' origins as their files say, and their return products apart', async () => {
    const res = await t.http().get('/v1/carriers').set(auth(key)).expect(200);
    const express = res.body.data.find((c: { id: string }) => c.id === 'dhl-express');
    expect(express.origins).toEqual(['DE']);
    expect(express.returns).toEqual([expect.objectContaining({ service: 'express-worldwide', name: 'DHL Express Worldwide Import', to: ['DE'] })]);
    expect(express.returns[0].from).toEqual(expect.arrayContaining(['CA', 'US', 'JP']));
  });
});
