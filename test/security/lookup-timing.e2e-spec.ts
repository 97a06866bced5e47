import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { auth, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * A stranger probing the public lookups must not learn from response times which tracking numbers or
 * tokens exist: a real number with a wrong postal code and a number that does not exist take the same
 * path (a decoy comparison and the same rate-limit bookkeeping). Both kinds of probe are sent
 * interleaved, many times, and their median times compared. A path that does markedly more work for
 * one kind (building the view, several extra queries) moves the ratio outside 0.67-1.5; differences
 * smaller than that are within what one run on a shared two-core machine can tell apart.
 */
describe('public lookups: timing of existing and unknown parcels', () => {
  let t: TestApp;
  let token: string;
  let trackingNumber: string;
  let ip = 0;
  const nextIp = () => `203.0.113.${(ip++ % 250) + 1}`;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        TRUSTED_PROXY_HOPS: '1',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
        PUBLIC_VERIFY_FAILURES_PER_TOKEN_PER_HOUR: '1000',
        PUBLIC_VERIFY_FAILURES_PER_IP_PER_HOUR: '100000',
      },
    });
    const key = await t.keyWith('shipments');
    const res = await t
      .http()
      .post('/v1/shipments')
      .set(auth(key))
      .set('Idempotency-Key', randomUUID())
      .send({
        carrier: 'deutsche-post',
        service: 'paket-international',
        shipFrom: { name: 'Lotte Versand', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', phone: '+49 228 1234567' },
        shipTo: { name: 'Ada Roe', street1: 'Seefeldstrasse 5', city: 'Zürich', postalCode: '8008', country: 'CH', phone: '+41 44 111 22 33' },
        parcels: [{ weight: { value: 1, unit: 'kg' } }],
        items: [{ description: 'Wool scarf', hsCode: '611710', originCountry: 'DE', quantity: 1, unitValue: { amount: '35.00', currency: 'EUR' } }],
        incoterm: 'DAP',
      })
      .expect(201);
    token = res.body.trackingUrl.split('/t/')[1];
    trackingNumber = res.body.trackingNumber;
  });
  afterAll(() => t?.close());

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  /** Sends `a` and `b` alternately (after a warm-up), checking each answer, and returns the ratio of their median times. */
  async function compare(a: () => Promise<number>, b: () => Promise<number>, rounds = 150): Promise<{ ratio: number; a: number; b: number }> {
    for (let i = 0; i < 20; i++) await Promise.all([a(), b()].map((p) => p.catch(() => 0)));
    const ta: number[] = [];
    const tb: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternate the order too, so that neither side always runs right after the other.
      if (i % 2) {
        ta.push(await a());
        tb.push(await b());
      } else {
        tb.push(await b());
        ta.push(await a());
      }
    }
    return { ratio: median(ta) / median(tb), a: median(ta), b: median(tb) };
  }

  const timed = (send: () => Promise<{ status: number; text: string }>, expectedBody: { value?: string }) => async () => {
    const start = performance.now();
    const res = await send();
    const ms = performance.now() - start;
    expect(res.status).toBe(404);
    // The same answer either way: nothing but the time could tell them apart.
    const body = JSON.parse(res.text) as { error: { requestId?: string } };
    delete body.error.requestId;
    const text = JSON.stringify(body);
    if (expectedBody.value === undefined) expectedBody.value = text;
    expect(text).toBe(expectedBody.value);
    return ms;
  };

  it('lookup by number: a real number with a wrong postal code and an unknown number answer alike, in the same time', async () => {
    const unknownNumber = trackingNumber.replace(/\d{8}/, (d) => String((Number(d) + 4_321_987) % 100_000_000).padStart(8, '0'));
    const body = {};
    const lookup = (number: string) => () => t.http().get('/v1/public/tracking').query({ number, postalCode: '9999' }).set('X-Forwarded-For', nextIp());
    const r = await compare(timed(lookup(trackingNumber), body), timed(lookup(unknownNumber), body));
    // eslint-disable-next-line no-console
    console.log(`lookup timing: existing ${r.a.toFixed(2)} ms, unknown ${r.b.toFixed(2)} ms, ratio ${r.ratio.toFixed(2)}`);
    expect(r.ratio).toBeGreaterThan(0.67);
    expect(r.ratio).toBeLessThan(1.5);
  });

  it('verify: a wrong postal code for a real token and any code for an unknown token answer alike, in the same time', async () => {
    const unknownToken = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const body = {};
    const verify = (tok: string) => () => t.http().post(`/v1/public/tracking/${tok}/verify`).set('X-Forwarded-For', nextIp()).send({ postalCode: '9999' });
    const r = await compare(timed(verify(token), body), timed(verify(unknownToken), body));
    // eslint-disable-next-line no-console
    console.log(`verify timing: existing ${r.a.toFixed(2)} ms, unknown ${r.b.toFixed(2)} ms, ratio ${r.ratio.toFixed(2)}`);
    expect(r.ratio).toBeGreaterThan(0.67);
    expect(r.ratio).toBeLessThan(1.5);
  });
});
