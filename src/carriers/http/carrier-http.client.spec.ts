import { Logger } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CarrierError } from '../carrier-error';
import { BasicAuth, CarrierAuth } from './carrier-auth';
import { CarrierHttpClient, CarrierHttpSettings } from './carrier-http.client';
import { codeForHttpStatus, parseRetryAfter } from './http-failure.mapper';
import { redactHeaders, redactSecrets, redactUrl } from './redaction';
import { retryDelay } from './retry-backoff';

type Reply = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };

/** A real local HTTP server answering from a script of replies, recording what it received. */
async function scriptedServer(script: Reply[]) {
  const seen: { at: number; headers: http.IncomingHttpHeaders; url: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ at: Date.now(), headers: req.headers, url: req.url ?? '', body });
      const reply = script.length > 1 ? script.shift()! : script[0];
      setTimeout(() => {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(reply.body ?? '');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function client(baseUrl: string, overrides: Partial<CarrierHttpSettings> = {}) {
  return new CarrierHttpClient({
    carrier: 'test-carrier',
    baseUrl,
    timeoutMs: 500,
    maxAttempts: 3,
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 50, cooldownMs: 60_000 },
    maxRetryAfterMs: 2_000,
    describeError: (_s, body) => ({ message: (body as { message?: string } | undefined)?.message }),
    ...overrides,
  });
}

async function failure(p: Promise<unknown>): Promise<CarrierError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CarrierError) return e;
    throw e;
  }
  throw new Error('expected a CarrierError');
}

describe('CarrierHttpClient', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const servers: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const serve = async (script: Reply[]) => {
    const s = await scriptedServer(script);
    servers.push(s);
    return s;
  };

  it('retries a safe call after 5xx and returns the parsed body', async () => {
    const s = await serve([{ status: 503, body: '{"message":"busy"}' }, { status: 200, body: '{"ok":true}' }]);
    const res = await client(s.url).request<{ ok: boolean }>({ operation: 'rate', method: 'POST', path: '/rates', json: { a: 1 }, safe: true });
    expect(res.body).toEqual({ ok: true });
    expect(s.seen).toHaveLength(2);
    expect(JSON.parse(s.seen[0].body)).toEqual({ a: 1 });
  });

  it('never retries an unsafe call (a second label could be bought)', async () => {
    const s = await serve([{ status: 503, body: '{"message":"busy"}' }, { status: 200, body: '{}' }]);
    const e = await failure(client(s.url).request({ operation: 'ship', method: 'POST', path: '/ship', json: {}, safe: false }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.options.carrierMessage).toBe('busy');
    expect(s.seen).toHaveLength(1);
  });

  it('gives up after maxAttempts and keeps the last carrier message', async () => {
    const s = await serve([{ status: 500, body: '{"message":"process failure"}' }]);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(s.seen).toHaveLength(3);
    expect(e).toMatchObject({ code: 'UNAVAILABLE', carrier: 'test-carrier' });
    expect(e.message).toContain('process failure');
  });

  it('does not retry client mistakes', async () => {
    const s = await serve([{ status: 400, body: '{"message":"postal code invalid"}' }]);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('INVALID_REQUEST');
    expect(s.seen).toHaveLength(1);
  });

  it('waits for Retry-After on 429 before retrying', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '1' }, body: '{"message":"slow down"}' }, { status: 200, body: '{}' }]);
    await client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true });
    expect(s.seen).toHaveLength(2);
    expect(s.seen[1].at - s.seen[0].at).toBeGreaterThanOrEqual(950);
  });

  it('fails at once with RATE_LIMITED when Retry-After exceeds what a call may wait', async () => {
    const s = await serve([{ status: 429, headers: { 'retry-after': '120' }, body: '{"message":"quota"}' }]);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.options.retryAfterMs).toBe(120_000);
    expect(s.seen).toHaveLength(1);
  });

  it('times out an attempt that gets no answer', async () => {
    const s = await serve([{ status: 200, body: '{}', delayMs: 400 }]);
    const e = await failure(client(s.url, { timeoutMs: 100, maxAttempts: 1 }).request({ operation: 'track', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('TIMEOUT');
  });

  it('stops when the caller aborts (time budget), without further retries', async () => {
    const s = await serve([{ status: 200, body: '{}', delayMs: 300 }]);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true, signal: ac.signal }));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toContain('time budget');
    expect(s.seen).toHaveLength(1);
  });

  it('reports malformed JSON as UNKNOWN and does not retry it', async () => {
    const s = await serve([{ status: 200, body: '{"products": [' }]);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('UNKNOWN');
    expect(e.message).toContain('malformed JSON');
    expect(s.seen).toHaveLength(1);
  });

  it('reports a refused connection as UNAVAILABLE', async () => {
    const s = await serve([{ status: 200 }]);
    await s.close();
    servers.pop();
    const e = await failure(client(s.url, { maxAttempts: 1 }).request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('UNAVAILABLE');
  });

  it('opens the circuit after consecutive failures and then fails fast without calling the carrier', async () => {
    const s = await serve([{ status: 503, body: '{}' }]);
    const c = client(s.url, { maxAttempts: 1, breaker: { consecutiveFailures: 3, cooldownMs: 60_000 } });
    for (let i = 0; i < 3; i++) await failure(c.request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(c.circuit).toBe('open');
    const e = await failure(c.request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toContain('circuit open');
    expect(s.seen).toHaveLength(3);
  });

  it('client mistakes do not open the circuit', async () => {
    const s = await serve([{ status: 400, body: '{}' }]);
    const c = client(s.url, { maxAttempts: 1, breaker: { consecutiveFailures: 2, cooldownMs: 60_000 } });
    for (let i = 0; i < 4; i++) await failure(c.request({ operation: 'rate', method: 'GET', path: '/x', safe: true }));
    expect(c.circuit).toBe('closed');
    expect(s.seen).toHaveLength(4);
  });

  it('renews the credential once on 401, also for unsafe calls', async () => {
    const s = await serve([{ status: 401, body: '{"message":"expired"}' }, { status: 201, body: '{"id":1}' }]);
    let n = 0;
    const auth: CarrierAuth = {
      headers: async () => ({ Authorization: `Bearer t${++n}` }),
      invalidate: () => true,
    };
    const res = await client(s.url).request({ operation: 'ship', method: 'POST', path: '/ship', json: {}, safe: false, auth });
    expect(res.status).toBe(201);
    expect(s.seen.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('a second 401 after renewal is an AUTH failure, and static credentials are not retried', async () => {
    const s = await serve([{ status: 401, body: '{"message":"bad key"}' }]);
    const e = await failure(client(s.url).request({ operation: 'rate', method: 'GET', path: '/x', safe: true, auth: new BasicAuth('k', 's') }));
    expect(e.code).toBe('AUTH');
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0].headers.authorization).toBe(`Basic ${Buffer.from('k:s').toString('base64')}`);
  });

  it('scrubs credentials the carrier echoes in its message', async () => {
    const s = await serve([{ status: 400, body: '{"message":"client secret s3cr3t-value is not valid"}' }]);
    const e = await failure(client(s.url, { secrets: ['s3cr3t-value'] }).request({ operation: 'token', method: 'POST', path: '/t', safe: true }));
    expect(e.message).not.toContain('s3cr3t-value');
    expect(e.options.carrierMessage).toContain('[redacted]');
  });

  it('returns accepted non-2xx statuses to the caller', async () => {
    const s = await serve([{ status: 404, body: '{"detail":"not found"}' }]);
    const res = await client(s.url).request<{ detail: string }>({ operation: 'track', method: 'GET', path: '/x', safe: true, acceptStatuses: [404] });
    expect(res).toMatchObject({ status: 404, body: { detail: 'not found' } });
  });

  it('sends form bodies and query parameters', async () => {
    const s = await serve([{ status: 200, body: '{}' }]);
    await client(s.url).request({ operation: 'token', method: 'POST', path: '/oauth/token', form: { grant_type: 'client_credentials' }, query: { a: 1, b: undefined }, safe: true });
    expect(s.seen[0].url).toBe('/oauth/token?a=1');
    expect(s.seen[0].body).toBe('grant_type=client_credentials');
    expect(s.seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
  });
});

describe('HTTP failure mapping', () => {
  it.each([
    [400, 'INVALID_REQUEST'],
    [404, 'INVALID_REQUEST'],
    [422, 'INVALID_REQUEST'],
    [401, 'AUTH'],
    [403, 'AUTH'],
    [408, 'TIMEOUT'],
    [429, 'RATE_LIMITED'],
    [500, 'UNAVAILABLE'],
    [502, 'UNAVAILABLE'],
    [503, 'UNAVAILABLE'],
    [504, 'TIMEOUT'],
  ])('HTTP %i is %s', (status, code) => {
    expect(codeForHttpStatus(status)).toBe(code);
  });

  const now = new Date('2026-11-27T10:00:00Z');
  it.each([
    ['5', 5000],
    ['0', 0],
    ['1.5', 1500],
    ['Fri, 27 Nov 2026 10:00:30 GMT', 30000],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('Retry-After %s is %s ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('retry backoff', () => {
  const settings = { baseDelayMs: 100, maxDelayMs: 1000 };
  it.each([
    [1, 0.999, 99],
    [2, 0.999, 199],
    [3, 0.5, 200],
    [10, 0.999, 999],
    [1, 0, 0],
  ])('attempt %i with random %f waits %i ms (full jitter under an exponential cap)', (attempt, r, ms) => {
    expect(retryDelay(attempt, new Error('x'), settings, () => r)).toBe(ms);
  });

  it('uses a 429 Retry-After instead of the computed delay', () => {
    const e = new CarrierError('c', 'RATE_LIMITED', 'x', { retryAfterMs: 3000 });
    expect(retryDelay(1, e, settings, () => 0.1)).toBe(3000);
  });
});

describe('redaction', () => {
  it('masks credential headers', () => {
    expect(redactHeaders({ Authorization: 'Bearer abc', 'x-version': '3.1.0', credential: 'xyz' })).toEqual({
      Authorization: '[redacted]',
      'x-version': '3.1.0',
      credential: '[redacted]',
    });
  });
  it.each([
    ['/oauth/token?client_secret=abc&x=1', '/oauth/token?client_secret=%5Bredacted%5D&x=1'],
    ['https://user:pw@example.test/a?access_token=t', 'https://%5Bredacted%5D@example.test/a?access_token=%5Bredacted%5D'],
    ['/track/v1/details/1Z999?locale=en_US', '/track/v1/details/1Z999?locale=en_US'],
  ])('masks secrets in %s', (input, out) => {
    expect(redactUrl(input)).toBe(out);
  });
  it('removes secrets from text and ignores very short ones', () => {
    expect(redactSecrets('key abcd and ab', ['abcd', 'ab', undefined])).toBe('key [redacted] and ab');
  });
});
