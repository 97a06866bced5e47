import { randomUUID } from 'node:crypto';
import { hashKey } from '../src/auth/api-key.service';
import { issueTrackingNumber } from '../src/carriers/rate-card/tracking-numbers';
import { carrierIdempotencyKey } from '../src/shipments/booking.service';
import { requestFingerprint } from '../src/shipments/domain/request-fingerprint';
import { expressBooking, PARIS, postalBooking } from './documents/shipment-bodies';
import { withClient } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';

describe('shipments: idempotent booking', () => {
  let t: TestApp;
  let key: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withClient((c) => c.query(text, params).then((r) => r.rows as T[]), t.databaseUrl);
  const book = (body: Record<string, unknown>, idem: string, k = key) => t.http().post('/v1/shipments').set(auth(k)).set('Idempotency-Key', idem).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments');
  });
  afterAll(() => t.close());

  it('the same key and body returns the first response; another body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const idem = randomUUID();
    const body = postalBooking({ reference: `IDEM-${idem}` });
    const first = await book(body, idem).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await book(reordered, idem).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await book({ ...body, reference: 'SOMETHING-ELSE' }, idem).expect(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [`IDEM-${idem}`])).toHaveLength(1);
  });

  it('keys belong to the API key that used them', async () => {
    const idem = randomUUID();
    const otherKey = await t.keyWith('shipments');
    const a = await book(expressBooking({ shipTo: PARIS, items: undefined }), idem).expect(201);
    const b = await book(expressBooking({ shipTo: PARIS, items: undefined }), idem, otherKey).expect(201);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('50 concurrent identical requests: one shipment, one carrier booking, every caller gets it', async () => {
    const idem = randomUUID();
    const reference = `RACE-${idem}`;
    const body = expressBooking({ reference, parcels: [{ weight: { value: 2, unit: 'kg' } }, { weight: { value: 3, unit: 'kg' } }] });
    const [{ last: before }] = await sql<{ last: string }>(`SELECT last_value::text AS last FROM tracking_number_serial`);
    const responses = await Promise.all(Array.from({ length: 50 }, () => book(body, idem)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await sql(`SELECT id FROM shipment WHERE reference = $1`, [reference])).toHaveLength(1);
    // The carrier was asked once: one booking, two tracking numbers drawn from the sequence.
    const bookings = await sql<{ tracking_numbers: string[] }>(`SELECT tracking_numbers FROM rate_card_booking WHERE tracking_numbers && $1::text[]`, [
      responses[0].body.parcels.map((p: { trackingNumber: string }) => p.trackingNumber),
    ]);
    expect(bookings).toHaveLength(1);
    const [{ last: after }] = await sql<{ last: string }>(`SELECT last_value::text AS last FROM tracking_number_serial`);
    expect(Number(after) - Number(before)).toBe(2);
  });

  it('a carrier that refuses leaves no shipment and frees the key', async () => {
    const app = await startTestApp({ env: { CARRIERS_DIR: 'test/fixtures/booking-carriers' } });
    try {
      const k = await app.keyWith('shipments');
      const idem = randomUUID();
      const body = { ...expressBooking({ carrier: 'refusing-carrier', service: 'standard', shipTo: PARIS, items: undefined, reference: 'REFUSED' }) };
      const res = await app.http().post('/v1/shipments').set(auth(k)).set('Idempotency-Key', idem).send(body).expect(422);
      expect(res.body.error.code).toBe('CARRIER_REJECTED');
      const rows = await withClient((c) => c.query(`SELECT (SELECT count(*) FROM shipment)::int AS s, (SELECT count(*) FROM idempotency_key)::int AS k`), app.databaseUrl);
      expect(rows.rows[0]).toEqual({ s: 0, k: 0 });
      // The key is free: the same key may be used for a corrected request.
      await app.http().post('/v1/shipments').set(auth(k)).set('Idempotency-Key', idem).send({ ...body, reference: 'REFUSED-2' }).expect(422);
    } finally {
      await app.close();
    }
  });

  it('a booking the process never finished recording is completed by the retry, without a second booking', async () => {
    const idem = randomUUID();
    const body = expressBooking({ reference: `CRASH-${idem}`, shipTo: PARIS, items: undefined });
    const [{ id: owner }] = await sql<{ id: string }>(`SELECT id FROM api_key WHERE key_hash = $1`, [hashKey(key)]);
    // As the crashed request left things: its key pending with a lapsed lease, and the carrier booked.
    const tracking = issueTrackingNumber({ format: 'mod7', length: 10 }, 987654321);
    await sql(`INSERT INTO idempotency_key (owner, key, request_hash, state, lease_token, lease_expires_at) VALUES ($1, $2, $3, 'pending', 'dead', now() - interval '1 second')`, [
      owner,
      idem,
      requestFingerprint({ ...body, direction: 'outbound', returnOf: undefined }),
    ]);
    await sql(`INSERT INTO rate_card_booking (idempotency_key, carrier, service, tracking_numbers) VALUES ($1, 'dhl-express', 'express-worldwide', $2)`, [
      `dhl-express:${carrierIdempotencyKey(owner, idem)}`,
      [tracking],
    ]);
    const res = await book(body, idem).expect(201);
    expect(res.body.trackingNumber).toBe(tracking);
    expect(await sql(`SELECT 1 FROM rate_card_booking WHERE idempotency_key LIKE 'dhl-express:%' AND $1 = ANY(tracking_numbers)`, [tracking])).toHaveLength(1);
    const [row] = await sql<{ state: string; attempts: number }>(`SELECT state, attempts FROM idempotency_key WHERE owner = $1 AND key = $2`, [owner, idem]);
    expect(row).toEqual({ state: 'completed', attempts: 2 });
  });

  it('a duplicate that arrives while the first is still running waits for it, then gets its response', async () => {
    const idem = randomUUID();
    const body = expressBooking({ reference: `WAIT-${idem}`, shipTo: PARIS, items: undefined });
    const [{ id: owner }] = await sql<{ id: string }>(`SELECT id FROM api_key WHERE key_hash = $1`, [hashKey(key)]);
    // Someone holds the key with a live lease; it "finishes" by releasing it after 300 ms.
    await sql(`INSERT INTO idempotency_key (owner, key, request_hash, state, lease_token, lease_expires_at) VALUES ($1, $2, $3, 'pending', 'live', now() + interval '1 minute')`, [
      owner,
      idem,
      requestFingerprint({ ...body, direction: 'outbound', returnOf: undefined }),
    ]);
    setTimeout(() => void sql(`DELETE FROM idempotency_key WHERE owner = $1 AND key = $2`, [owner, idem]), 300);
    const started = Date.now();
    const res = await book(body, idem).expect(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(res.body.reference).toBe(`WAIT-${idem}`);
  });
});
