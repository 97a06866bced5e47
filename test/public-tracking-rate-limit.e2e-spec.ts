import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/platform/clock/clock';
import { RateLimiter } from '../src/platform/rate-limit/rate-limiter';
import { TrackingRefresher } from '../src/public-tracking/tracking-refresher';
import { TrackingSecretStore } from '../src/public-tracking/tracking-secret.store';
import { postalBooking } from './documents/shipment-bodies';
import { EmulatorSet, startEmulators } from './emulators/emulator-set';
import { withClient } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';

/**
 * The PostgreSQL-backed limiter itself: counters shared by two application instances on one
 * database, atomic under concurrency, honest Retry-After, refunds and pruning.
 */
describe('RateLimiter on PostgreSQL', () => {
  const clock = new FixedClock(new Date('2026-11-27T10:00:05Z'));
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // The limiter needs no carrier: an empty carriers folder keeps these tests about the limiter alone.
    const env = { JOBS_ENABLED: 'false', CARRIERS_DIR: mkdtempSync(path.join(os.tmpdir(), 'pw-no-carriers-')) };
    a = await startTestApp({ clock, env });
    b = await startTestApp({ clock, databaseUrl: a.databaseUrl, env });
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
  });

  it('two instances share one limit, and concurrent hits never lose a count', async () => {
    const rule = { name: 'shared', limit: 25, windowSeconds: 60 };
    const la = a.app.get(RateLimiter);
    const lb = b.app.get(RateLimiter);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? la : lb).consume(rule, 'client-1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds > 0)).toBe(true);
    // Denied hits were taken back: only the allowed ones stay counted.
    const rows = await withClient((c) => c.query(`SELECT sum(hits)::int AS n FROM rate_limit_counter`), a.databaseUrl);
    expect(rows.rows[0].n).toBe(25);
    // Another key is untouched.
    expect((await la.consume(rule, 'client-2')).allowed).toBe(true);
  });

  it('Retry-After is when the next hit is let through again', async () => {
    const rule = { name: 'retry', limit: 3, windowSeconds: 60 };
    const limiter = a.app.get(RateLimiter);
    clock.set('2026-11-27T11:00:10Z');
    for (let i = 0; i < 3; i++) expect((await limiter.consume(rule, 'k')).allowed).toBe(true);
    const denied = await limiter.consume(rule, 'k');
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limiter.peek(rule, 'k')).allowed).toBe(false);
    clock.advance(denied.retryAfterSeconds * 1000);
    expect((await limiter.peek(rule, 'k')).allowed).toBe(true);
    expect((await limiter.consume(rule, 'k')).allowed).toBe(true);
  });

  it('retrying before Retry-After does not push it further away', async () => {
    const rule = { name: 'retries', limit: 2, windowSeconds: 60 };
    const limiter = a.app.get(RateLimiter);
    clock.set('2026-11-27T11:30:00Z');
    await limiter.consume(rule, 'k');
    await limiter.consume(rule, 'k');
    const first = await limiter.consume(rule, 'k');
    for (let i = 0; i < 20; i++) expect((await limiter.consume(rule, 'k')).retryAfterSeconds).toBe(first.retryAfterSeconds);
    clock.advance(first.retryAfterSeconds * 1000);
    expect((await limiter.consume(rule, 'k')).allowed).toBe(true);
  });

  it('a cooldown is acquired once per period, by one of many concurrent callers', async () => {
    const la = a.app.get(RateLimiter);
    const lb = b.app.get(RateLimiter);
    clock.set('2026-11-27T11:40:00Z');
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? la : lb).cooldown('cool', 'shp_1', 600)));
    expect(got.filter(Boolean)).toHaveLength(1);
    clock.advance(599_000);
    expect(await la.cooldown('cool', 'shp_1', 600)).toBe(false);
    expect(await la.cooldown('cool', 'shp_2', 600)).toBe(true);
    clock.advance(1_000);
    expect(await lb.cooldown('cool', 'shp_1', 600)).toBe(true);
    expect(await lb.cooldown('cool', 'shp_1', 600)).toBe(false);
  });

  it('peek counts nothing; refund takes a hit back', async () => {
    const rule = { name: 'refund', limit: 2, windowSeconds: 3600 };
    const limiter = a.app.get(RateLimiter);
    clock.set('2026-11-27T12:00:00Z');
    for (let i = 0; i < 10; i++) expect((await limiter.peek(rule, 'k')).allowed).toBe(true);
    const first = await limiter.consume(rule, 'k');
    await limiter.refund(first);
    await limiter.consume(rule, 'k');
    expect((await limiter.consume(rule, 'k')).allowed).toBe(true);
    expect((await limiter.consume(rule, 'k')).allowed).toBe(false);
  });

  it('the limit may come from the configuration', async () => {
    const limiter = a.app.get(RateLimiter);
    const rule = { name: 'configured', limit: (c: { PUBLIC_RATE_LIMIT_PER_MINUTE: number }) => c.PUBLIC_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };
    const r = await limiter.consume(rule as never, 'k');
    expect(r.limit).toBe(a.config.PUBLIC_RATE_LIMIT_PER_MINUTE);
  });

  it('the tracking grant key is generated once and shared by every instance on the database, unless configured', async () => {
    const ka = a.app.get(TrackingSecretStore).get();
    expect(ka).toHaveLength(32);
    expect(b.app.get(TrackingSecretStore).get().equals(ka)).toBe(true);
    const rows = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM app_secret`), a.databaseUrl);
    expect(rows.rows[0].n).toBe(1);
    const configured = await startTestApp({
      clock,
      databaseUrl: a.databaseUrl,
      env: { JOBS_ENABLED: 'false', CARRIERS_DIR: a.config.CARRIERS_DIR, PUBLIC_TRACKING_SECRET: 'a-configured-secret-of-at-least-32-chars' },
    });
    try {
      expect(configured.app.get(TrackingSecretStore).get().equals(ka)).toBe(false);
    } finally {
      await configured.app.close();
    }
  });

  it('prune deletes only expired windows; the bucket names are stored hashed', async () => {
    const limiter = a.app.get(RateLimiter);
    clock.set('2026-11-27T13:00:00Z');
    await limiter.consume({ name: 'prune', limit: 5, windowSeconds: 60 }, '203.0.113.9');
    const stored = await withClient((c) => c.query(`SELECT encode(bucket, 'escape') AS b FROM rate_limit_counter`), a.databaseUrl);
    expect(stored.rows.some((r: { b: string }) => r.b.includes('203.0.113.9'))).toBe(false);
    const before = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM rate_limit_counter`), a.databaseUrl);
    clock.set('2026-11-27T13:02:30Z');
    const pruned = await limiter.prune();
    const after = await withClient((c) => c.query(`SELECT count(*)::int AS n FROM rate_limit_counter`), a.databaseUrl);
    expect(pruned).toBe(before.rows[0].n - after.rows[0].n);
    expect(pruned).toBeGreaterThan(0);
    // Only the hour-long window written at 12:00 (kept until 14:00 for the sliding estimate) is left.
    const left = await withClient((c) => c.query(`SELECT expires_at FROM rate_limit_counter`), a.databaseUrl);
    expect(left.rows.map((r: { expires_at: Date }) => r.expires_at.toISOString())).toEqual(['2026-11-27T14:00:00.000Z']);
  });
});

/**
 * The limits on the public routes: per client address on every route, per token and per address for
 * wrong postal codes (and unknown numbers), per shipment for carrier refreshes; returns of the order.
 */
describe('public tracking limits', () => {
  jest.setTimeout(180_000);
  const clock = new FixedClock(new Date());
  let emu: EmulatorSet;
  let t: TestApp;
  let shipKey: string;
  let ip = 0;
  const nextIp = () => `203.0.113.${(ip++ % 250) + 1}`;

  const bookPost = async () => {
    const res = await t.http().post('/v1/shipments').set(auth(shipKey)).set('Idempotency-Key', randomUUID()).send(postalBooking({ reference: `ORDER-${randomUUID().slice(0, 8)}` })).expect(201);
    return { id: res.body.id as string, token: res.body.trackingUrl.split('/t/')[1] as string, trackingNumber: res.body.trackingNumber as string };
  };
  const verify = (token: string, postalCode: string, from: string) =>
    t.http().post(`/v1/public/tracking/${token}/verify`).set('X-Forwarded-For', from).send({ postalCode });

  beforeAll(async () => {
    emu = await startEmulators();
    t = await startTestApp({
      clock,
      env: {
        ...emu.env,
        JOBS_ENABLED: 'false',
        TRUSTED_PROXY_HOPS: '1',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '8',
        PUBLIC_VERIFY_FAILURES_PER_TOKEN_PER_HOUR: '3',
        PUBLIC_VERIFY_FAILURES_PER_IP_PER_HOUR: '4',
        PUBLIC_TRACKING_REFRESH_MINUTES: '10',
      },
    });
    shipKey = await t.keyWith('shipments');
  });
  afterAll(async () => {
    await t?.app.get(TrackingRefresher).settled();
    await t?.close();
    await emu?.stop();
  });

  it('per client address on every public route: 429 with Retry-After in the API error shape, or as a page', async () => {
    const s = await bookPost();
    const me = nextIp();
    const paths = [`/t/${s.token}`, `/v1/public/tracking/${s.token}`, '/t', `/v1/public/tracking?number=${s.trackingNumber}&postalCode=10118`];
    for (let i = 0; i < 8; i++) await t.http().get(paths[i % paths.length]).set('X-Forwarded-For', me).expect((r) => expect(r.status).toBeLessThan(400));
    const json = await t.http().get(`/v1/public/tracking/${s.token}`).set('X-Forwarded-For', me).expect(429);
    expect(json.body.error).toMatchObject({ code: 'RATE_LIMITED', requestId: expect.any(String), details: [] });
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);
    const page = await t.http().get(`/t/${s.token}`).set('X-Forwarded-For', me).expect(429);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<h1>Too many requests</h1>');
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const form = await t.http().post(`/t/${s.token}/verify`).set('X-Forwarded-For', me).type('form').send({ postalCode: '10118' }).expect(429);
    expect(form.text).toContain('Too many requests');
    // A forged X-Forwarded-For entry does not buy a new budget: only the entry the proxy wrote counts.
    await t.http().get(`/t/${s.token}`).set('X-Forwarded-For', `10.9.9.9, ${me}`).expect(429);
    // Another client is not affected; the limit lifts when the window has passed.
    await t.http().get(`/t/${s.token}`).set('X-Forwarded-For', nextIp()).expect(200);
    clock.advance(Number(json.headers['retry-after']) * 1000);
    await t.http().get(`/t/${s.token}`).set('X-Forwarded-For', me).expect(200);
  });

  it('wrong postal codes per token: locked after the limit even for the right code and from new addresses; other tokens unaffected', async () => {
    const s = await bookPost();
    const other = await bookPost();
    for (let i = 0; i < 3; i++) await verify(s.token, '99999', nextIp()).expect(404);
    const locked = await verify(s.token, '10118', nextIp()).expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(7200);
    // The page's form says so too.
    const form = await t.http().post(`/t/${s.token}/verify`).set('X-Forwarded-For', nextIp()).type('form').send({ postalCode: '10118' }).expect(429);
    expect(form.text).toMatch(/Too many attempts\. Please try again in \d+ minutes\./);
    await verify(other.token, '10118', nextIp()).expect(200);
    clock.advance(retryAfter * 1000);
    await verify(s.token, '10118', nextIp()).expect(200);
  });

  it('right codes cost nothing: a buyer may verify again and again', async () => {
    const s = await bookPost();
    const me = nextIp();
    for (let i = 0; i < 6; i++) {
      await verify(s.token, '10118', me).expect(200);
      if (i % 3 === 2) clock.advance(61_000); // stay under the per-minute route limit
    }
  });

  it('failures per client address: wrong codes on many tokens and unknown numbers share one budget', async () => {
    const tokens = await Promise.all([bookPost(), bookPost(), bookPost()]);
    const me = nextIp();
    await verify(tokens[0].token, '11111', me).expect(404);
    await verify(tokens[1].token, '11111', me).expect(404);
    await t.http().get('/v1/public/tracking?number=CX000000000DE&postalCode=10118').set('X-Forwarded-For', me).expect(404);
    await verify('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '10118', me).expect(404);
    clock.advance(61_000);
    const limited = await verify(tokens[2].token, '10118', me).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
    await t.http().get(`/v1/public/tracking?number=${tokens[2].trackingNumber}&postalCode=10118`).set('X-Forwarded-For', me).expect(429);
    await verify(tokens[2].token, '10118', nextIp()).expect(200);
    // Guessing shows in the metrics (outcomes only, nothing about who or which parcel).
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    for (const line of ['kind="verify",outcome="not_found"', 'kind="verify",outcome="limited"', 'kind="verify",outcome="ok"', 'kind="lookup",outcome="not_found"', 'kind="lookup",outcome="limited"']) {
      expect(metrics).toMatch(new RegExp(`public_tracking_attempts_total\\{${line}\\} [1-9]`));
    }
  });

  it('a page view asks an API carrier for fresh events at most once per shipment per 10 minutes', async () => {
    const booked = await t
      .http()
      .post('/v1/shipments')
      .set(auth(shipKey))
      .set('Idempotency-Key', randomUUID())
      .send(postalBooking({ carrier: 'ups', service: 'worldwide-express', reference: 'ORDER-UPS-1', incoterm: 'DDP' }))
      .expect(201);
    const token = booked.body.trackingUrl.split('/t/')[1];
    emu.ups.advance(booked.body.trackingNumber, 'in_transit');
    const calls = () => emu.ups.calls('track').length;
    const before = calls();
    const first = await t.http().get(`/t/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(calls()).toBe(before + 1);
    // The carrier's events were fetched within the page's wait budget and are on the page.
    expect(first.text).toContain('<h1>In customs</h1>');
    expect(first.text).toContain('Cologne, Germany');
    for (let i = 0; i < 3; i++) {
      await t.http().get(`/t/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
      await t.http().get(`/v1/public/tracking/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
    }
    expect(calls()).toBe(before + 1);
    clock.advance(9 * 60_000);
    await t.http().get(`/t/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(calls()).toBe(before + 1);
    clock.advance(61_000);
    emu.ups.advance(booked.body.trackingNumber, 'delivered');
    const later = await t.http().get(`/v1/public/tracking/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(calls()).toBe(before + 2);
    expect(later.body.status).toBe('delivered');
    // Delivered: nothing left to refresh, whatever the window says.
    clock.advance(11 * 60_000);
    await t.http().get(`/t/${token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(calls()).toBe(before + 2);
    // Rate-card carriers are never asked.
    const post = await bookPost();
    await t.http().get(`/t/${post.token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(calls()).toBe(before + 2);
  });

  it('returns of the order appear on the page with their RMA and state', async () => {
    const s = await bookPost();
    const ret = await t
      .http()
      .post(`/v1/shipments/${s.id}/returns`)
      .set(auth(shipKey))
      .send({ reason: 'damaged', items: [{ sku: 'TS-1', quantity: 1 }], carrier: 'ups' })
      .expect(201);
    const view = await t.http().get(`/v1/public/tracking/${s.token}`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(view.body.returns).toEqual([
      expect.objectContaining({ rma: ret.body.rma, label: `Return ${ret.body.rma}`, returnState: 'label_issued', returnStateText: 'Return label issued', carrier: 'ups' }),
    ]);
    expect(view.body.returns[0].trackingNumberMasked).toMatch(/^1Z•+\w{4}$/);
    const page = await t.http().get(`/t/${s.token}?lang=de`).set('X-Forwarded-For', nextIp()).expect(200);
    expect(page.text).toContain(`<h3>Rücksendung ${ret.body.rma}</h3>`);
    expect(page.text).toContain('Rücksendeetikett erstellt');
  });
});
