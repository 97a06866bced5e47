import { randomUUID } from 'node:crypto';
import { BONN } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

/** Tracking follows the booking: trackers linked when a shipment is booked, a voided label recorded. */
describe('tracking across the shipment lifecycle', () => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('quotes', 'shipments', 'tracking:write');
  });
  afterAll(() => t.close());

  it('records a voided label on the timeline, and a carrier scan after the void corrects it', async () => {
    const booked = await t
      .http()
      .post('/v1/shipments')
      .set(auth(key))
      .set('Idempotency-Key', randomUUID())
      .send({
        carrier: 'dhl-express',
        service: 'express-worldwide',
        shipFrom: BONN,
        shipTo: { name: 'Marie Curie', street1: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' },
        parcels: [{ weight: { value: 1, unit: 'kg' } }],
        incoterm: 'DAP',
      })
      .expect(201);
    const s = booked.body;
    const linked = await t.http().get(`/v1/shipments/${s.id}/tracking`).set(auth(key)).expect(200);
    expect(linked.body.trackers).toEqual([expect.objectContaining({ trackingNumber: s.trackingNumber, leg: 'outbound', status: 'unknown', shipmentId: s.id })]);
    await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(key)).expect(200);
    const voided = await t.http().get(`/v1/shipments/${s.id}/tracking`).set(auth(key)).expect(200);
    expect(voided.body).toMatchObject({ status: 'cancelled', substatus: 'cancelled.label_voided', terminal: true });
    expect(voided.body.events).toEqual([expect.objectContaining({ status: 'cancelled', source: 'system', code: 'label.voided' })]);

    // The parcel went out on the voided label after all: the carrier's scan wins over the void.
    await t
      .http()
      .post('/v1/tracking-events')
      .set(auth(key))
      .send({ carrier: 'dhl-express', trackingNumber: s.trackingNumber, events: [{ code: 'PU', occurredAt: new Date(Date.now() + 60_000).toISOString() }] })
      .expect(200);
    const corrected = await t.http().get(`/v1/shipments/${s.id}/tracking`).set(auth(key)).expect(200);
    // ...and the merchant is told: a label used after its void is billed and travels without a shipment.
    expect(corrected.body).toMatchObject({ status: 'in_transit', terminal: false, actionRequired: true });
  });
});
