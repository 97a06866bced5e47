import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FixedClock } from '../src/platform/clock/clock';
import { RateLimiter } from '../src/platform/rate-limit/rate-limiter';
import { withClient } from './support/database';
import { startTestApp, TestApp } from './support/test-app';

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
    // Every hit was counted, denied ones included.
    const rows = await withClient((c) => c.query(`SELECT sum(hits)::int AS n FROM rate_limit_counter`), a.databaseUrl);
    expect(rows.rows[0].n).toBe(60);
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
