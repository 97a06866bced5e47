import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { asBytes, pageSizes, pdfText } from './documents/pdf-tools';
import { FixedClock } from '../src/platform/clock/clock';
import { BONN, expressBooking, PARIS, postalBooking } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

describe('manifests', () => {
  let t: TestApp;
  let key: string;
  // Thursday 26 November 2026, 10:00 in Bonn: every carrier picks up today.
  const clock = new FixedClock(new Date('2026-11-26T09:00:00Z'));
  const book = async (body: Record<string, unknown>) => {
    const booked = (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body).expect(201)).body;
    clock.advance(1_000); // ids sort by creation time, and so do manifest lines
    return booked;
  };
  const binary = asBytes;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    key = await t.keyWith('shipments');
  });
  afterAll(() => t.close());

  it('lists the day’s booked parcels of one carrier as PDF and CSV; a second manifest takes only what came after', async () => {
    const today = '2026-11-26';
    const a = await book(postalBooking({ reference: 'M-A' }));
    const b = await book(postalBooking({ reference: 'M-B', parcels: [{ weight: { value: 1, unit: 'kg' } }, { weight: { value: 2, unit: 'kg' } }] }));
    const cancelled = await book(postalBooking({ reference: 'M-C' }));
    await t.http().post(`/v1/shipments/${cancelled.id}/cancel`).set(auth(key)).expect(200);
    await book(expressBooking({ reference: 'M-OTHER-CARRIER', shipTo: PARIS, items: undefined }));

    const res = await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'deutsche-post', date: today }).expect(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^man_/), carrier: 'deutsche-post', date: today, shipments: 2, parcels: 3, totalWeight: { value: 5.5, unit: 'kg' } });
    expect(res.body.shipmentIds.sort()).toEqual([a.id, b.id].sort());

    const pdfRes = await binary(t.http().get(`/v1/manifests/${res.body.id}/document?format=pdf`).set(auth(key))).expect(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    expect(await pageSizes(pdfRes.body)).toEqual([{ width: 595.28, height: 841.89 }]);
    const text = pdfText(pdfRes.body);
    for (const expected of ['Deutsche Post DHL - end-of-day manifest', today, a.trackingNumber, ...b.parcels.map((p: { trackingNumber: string }) => p.trackingNumber), 'M-A', 'M-B', '1/2', '2/2', 'Total: 2 shipments, 3 parcels, 5.500 kg', 'Received by']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(cancelled.trackingNumber);

    const csvRes = await binary(t.http().get(`/v1/manifests/${res.body.id}/document?format=csv`).set(auth(key))).expect(200);
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse((csvRes.body as Buffer).toString('utf8'), { columns: true, comment: '#' }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ manifest_id: res.body.id, carrier: 'deutsche-post', ship_date: today, tracking_number: a.trackingNumber, pieces: '1', weight_kg: '2.500', country: 'US', postal_code: '10118' });

    await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'deutsche-post', date: today }).expect(409);
    const late = await book(postalBooking({ reference: 'M-LATE' }));
    const csv = await binary(t.http().post('/v1/manifests').set(auth(key)).set('Accept', 'text/csv').send({ carrier: 'deutsche-post', date: today })).expect(201);
    const lateRows = parse((csv.body as Buffer).toString('utf8'), { columns: true, comment: '#' }) as Record<string, string>[];
    expect(lateRows.map((r) => r.shipment_id)).toEqual([late.id]);

    const got = await t.http().get(`/v1/manifests/${res.body.id}`).set(auth(key)).expect(200);
    expect(got.body).toEqual(res.body);
  });

  it('a parcel booked after the carrier’s cut-off is on the manifest of its pick-up day, not of the booking day', async () => {
    // Friday 27 November, 14:30 in Bonn: Asendia's 14:00 cut-off has passed, and the weekend follows.
    clock.set('2026-11-27T13:30:00Z');
    const s = await book(postalBooking({ carrier: 'asendia', service: 'epaq-plus', reference: 'M-ASENDIA', shipFrom: BONN, parcels: [{ weight: { value: 1, unit: 'kg' } }] }));
    expect(s.shipDate).toBe('2026-11-30');
    const friday = await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'asendia', date: '2026-11-27' }).expect(409);
    expect(friday.body.error.code).toBe('NOTHING_TO_MANIFEST');
    const monday = await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'asendia', date: '2026-11-30' }).expect(201);
    expect(monday.body).toMatchObject({ carrier: 'asendia', date: '2026-11-30', shipmentIds: [s.id] });
    const csv = (await binary(t.http().get(`/v1/manifests/${monday.body.id}/document?format=csv`).set(auth(key))).expect(200)).body as Buffer;
    expect(parse(csv.toString('utf8'), { columns: true, comment: '#' })).toEqual([expect.objectContaining({ shipment_id: s.id, ship_date: '2026-11-30' })]);
  });

  it('validates the request', async () => {
    const res = await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'Nope!', date: '27.11.2026' }).expect(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['carrier', 'date']);
    await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'no-such-carrier', date: '2026-11-27' }).expect(400);
    await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'dhl-express', date: '2001-01-01' }).expect(409);
    await t.http().get('/v1/manifests/man_0000000000aaaaaaaaaaaaaaaa').set(auth(key)).expect(404);
  });
});
