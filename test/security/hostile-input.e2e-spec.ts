import fc from 'fast-check';
import http from 'node:http';
import { auth, startTestApp, TestApp } from '../support/test-app';
import { deref, operations, Operation, requestSchema } from './openapi-walk';

type Schema = Record<string, unknown>;
type Json = unknown;

/**
 * Generated hostile input against every route that takes a body or a query: malformed JSON, wrong
 * types, huge strings and arrays, unicode edge cases, negative and enormous numbers, unknown
 * currencies and countries. The service must answer every one without a 5xx and without hanging,
 * and every rejection must be the error shape with details.
 */
const HOSTILE_LEAVES: Json[] = [
  null,
  true,
  0,
  -1,
  -0.0001,
  1e308,
  -1e308,
  2 ** 53 + 1,
  '',
  ' ',
  'NaN',
  'Infinity',
  '-1',
  '1e999',
  '0x10',
  '\u0000',
  '\ud800',
  '🚚📦',
  'Z̷̢̛a̸l̵g̴o̶',
  '\u202eevil',
  'x'.repeat(100_000),
  'ZZZ',
  'XX',
  '../../etc/passwd',
  "'; DROP TABLE api_key; --",
  '<script>alert(1)</script>',
  { $gt: '' },
  { __proto__: { polluted: true } },
  [],
  Array.from({ length: 5000 }, () => 1),
  {},
];

/** A plausible body for a schema: examples when given, else minimal values of the right type. */
function skeleton(doc: Schema, s: Schema | undefined, depth = 0): Json {
  const schema = deref(doc, s);
  if (!schema || depth > 6) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((x) => skeleton(doc, x as Schema, depth + 1) as object));
  switch (schema.type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) out[k] = skeleton(doc, v, depth + 1);
      return out;
    }
    case 'array':
      return [skeleton(doc, schema.items as Schema, depth + 1)];
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'a';
  }
}

/** Every path to a value inside a JSON value. */
function leafPaths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  const paths: (string | number)[][] = [prefix];
  for (const [k, x] of entries) paths.push(...leafPaths(x, [...prefix, k]));
  return paths;
}

function setAt(v: Json, path: (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, Json>;
  const [head, ...rest] = path;
  copy[head] = setAt((v as Record<string | number, Json>)[head], rest, value);
  return copy;
}

describe('hostile input on every route', () => {
  let t: TestApp;
  let doc: Schema;
  let ops: Operation[];
  let tried = 0;
  const failures: string[] = [];
  const statuses: Record<number, number> = {};

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' } });
    doc = (await t.http().get('/openapi.json').expect(200)).body;
    ops = operations(doc as never);
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`hostile input: ${tried} requests, ${failures.length} failures, 4xx answers ${JSON.stringify(statuses)}`);
    await t.close();
  });

  type Answer = { status: number; body: Record<string, unknown>; text: string; headers: Record<string, string> };
  async function check(o: Operation, send: (r: ReturnType<TestApp['http']>) => Promise<Answer>, what: string) {
    tried++;
    let res: Answer;
    try {
      // No hang: a request that takes this long fails the run.
      res = await Promise.race([
        send(t.http()),
        new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('no answer within 30 s')), 30_000).unref()),
      ]);
    } catch (e) {
      failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: ${(e as Error).message}`);
      return;
    }
    if (res.status >= 500) failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: ${res.status} ${res.text.slice(0, 200)}`);
    if (res.status >= 400 && res.status < 500) {
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      // The buyer's page answers a person with a page of its own (in their language) rather than the
      // JSON error shape; the router's own refusals (an over-long path) still come in the shape.
      if ((o.path.startsWith('/t/') || o.path === '/t') && String(res.headers['content-type']).startsWith('text/html')) return;
      const error = (res.body as { error?: { code?: string; details?: { path?: unknown; message?: unknown }[]; requestId?: string } }).error;
      if (!error?.code || !error.requestId || !Array.isArray(error.details)) failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: ${res.status} without the error shape`);
      // A rejected input says what was wrong with it: at least one problem, each with a path and a message.
      else if (res.status === 400 && (error.details.length === 0 || error.details.some((d) => typeof d.path !== 'string' || typeof d.message !== 'string' || !d.message))) {
        failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: 400 ${error.code} without details`);
      }
    }
  }

  const keyFor = (o: Operation) => (o.scopes.includes('public') ? {} : auth(t.adminKey));

  it('bodies: malformed JSON and non-object bodies', async () => {
    const raw = ['{', '{"a":', '[1,2', 'nul', '"\\ud800"', '{"a":1}{"b":2}', '{"__proto__":{"x":1}}', '[]', '42', 'null', '"x"', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}'];
    for (const o of ops.filter((x) => ['post', 'put', 'patch'].includes(x.method))) {
      for (const body of raw) {
        await check(o, (r) => r[o.method as 'post'](o.concretePath).set(keyFor(o)).set('content-type', 'application/json').send(body) as never, `raw ${body.slice(0, 20)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('bodies: every field replaced by hostile values', async () => {
    for (const o of ops.filter((x) => ['post', 'put', 'patch'].includes(x.method))) {
      const schema = requestSchema(doc, o.op);
      const base = skeleton(doc, schema) ?? {};
      // Each field gets every sixth hostile value, rotating, so every value meets many fields while
      // the run stays a few hundred requests per route.
      for (const [i, path] of leafPaths(base).slice(0, 48).entries()) {
        for (const value of HOSTILE_LEAVES.filter((_v, j) => (i + j) % 6 === 0)) {
          const body = setAt(base, path, value);
          await check(
            o,
            (r) => r[o.method as 'post'](o.concretePath).set(keyFor(o)).set('content-type', 'application/json').send(JSON.stringify(body)) as never,
            `${path.join('.')}=${JSON.stringify(value)?.slice(0, 20)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('bodies: random JSON values (fast-check, fixed seed)', async () => {
    const bodyOps = ops.filter((x) => ['post', 'put', 'patch'].includes(x.method));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyOps), fc.jsonValue({ maxDepth: 4 }), async (o, body) => {
        await check(o, (r) => r[o.method as 'post'](o.concretePath).set(keyFor(o)).set('content-type', 'application/json').send(JSON.stringify(body)) as never, `random ${JSON.stringify(body).slice(0, 40)}`);
        return true;
      }),
      { seed: 20261127, numRuns: 300 },
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('query strings and path parameters', async () => {
    const values = ['', '-1', '1e999', 'x'.repeat(5000), '%00', '%F0%9F%9A%9A', 'ZZ', '<script>', "' OR 1=1 --", '../..', '[]', '{}'];
    for (const o of ops.filter((x) => x.method === 'get' || x.method === 'delete')) {
      const params = ((o.op.parameters as { name: string; in: string }[]) ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const v of values) {
        const query = params.map((p) => `${encodeURIComponent(p)}=${v}`).join('&');
        await check(o, (r) => r[o.method as 'get'](`${o.concretePath}${query ? `?${query}` : ''}`).set(keyFor(o)) as never, `query ${v.slice(0, 20)}`);
        if (o.path.includes('{')) {
          const p = o.path.replace(/\{\w+\}/g, v === '' ? 'x' : v);
          await check(o, (r) => r[o.method as 'get'](p).set(keyFor(o)) as never, `path ${v.slice(0, 20)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  /** Values aimed at one kind of field, by its name or its type in the skeleton body. */
  function valuesFor(name: string, value: Json): Json[] {
    if (/currency$/i.test(name)) return ['ZZZ', 'usd', 'EURO', '€', 'XTS ', 'EUR\u202e'];
    if (/country$/i.test(name)) return ['XX', 'ZZ', 'usa', 'de', '🇩🇪', 'Ｄｅ'];
    if (typeof value === 'number') return [-1, -0.000001, 0, 1e308, -1e308, 2 ** 64, 1e-320, 123456789012345680000];
    if (typeof value === 'string') return ['e\u0301\u0301\u0301', '\ufeff', '\u202e\u0645\u0631\u062d\u0628\u0627', '🚚'.repeat(3000), '\u2028\u2029', 'İı', 'a\u0007b'];
    return [];
  }

  it('fields by kind: unknown currencies and countries, enormous and negative numbers, unicode edge cases', async () => {
    for (const o of ops.filter((x) => ['post', 'put', 'patch'].includes(x.method))) {
      const base = skeleton(doc, requestSchema(doc, o.op)) ?? {};
      for (const path of leafPaths(base).slice(1, 40)) {
        const leaf = path.reduce<Json>((v, k) => (v as Record<string | number, Json>)?.[k], base);
        const name = String([...path].reverse().find((k) => typeof k === 'string') ?? '');
        for (const value of valuesFor(name, leaf)) {
          const body = setAt(base, path, value);
          await check(o, (r) => r[o.method as 'post'](o.concretePath).set(keyFor(o)).set('content-type', 'application/json').send(JSON.stringify(body)) as never, `${path.join('.')}=${JSON.stringify(value)?.slice(0, 20)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('unknown currencies and countries where money and customs depend on them: 400 naming the field', async () => {
    const quote = {
      shipFrom: { country: 'DE', postalCode: '53113' },
      shipTo: { country: 'US', postalCode: '10001', region: 'NY' },
      parcels: [{ weight: { value: 1, unit: 'kg' } }],
      items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 1, unitValue: { amount: '12.50', currency: 'EUR' } }],
      incoterm: 'DDP',
      currency: 'USD',
    };
    const landed = {
      shipFrom: { country: 'US' },
      shipTo: { country: 'AU', postalCode: '2000' },
      items: [{ description: 'Amplifier', hsCode: '851840', originCountry: 'US', quantity: 1, unitValue: { amount: '1274.00', currency: 'USD' } }],
      shipping: { amount: '100.00', currency: 'USD' },
      incoterm: 'DAP',
      currency: 'AUD',
    };
    const cases: [string, object, (string | number)[], Json][] = [
      ['/v1/quotes', quote, ['currency'], 'ZZZ'],
      ['/v1/quotes', quote, ['items', 0, 'unitValue', 'currency'], 'XBT'],
      ['/v1/quotes', quote, ['shipTo', 'country'], 'XX'],
      ['/v1/quotes', quote, ['items', 0, 'originCountry'], 'ZZ'],
      ['/v1/quotes', quote, ['parcels', 0, 'weight', 'value'], 1e308],
      ['/v1/quotes', quote, ['items', 0, 'quantity'], -3],
      ['/v1/landed-cost', landed, ['currency'], 'ZZZ'],
      ['/v1/landed-cost', landed, ['shipping', 'currency'], 'ABC'],
      ['/v1/landed-cost', landed, ['shipTo', 'country'], 'XX'],
      ['/v1/landed-cost', landed, ['items', 0, 'unitValue', 'amount'], '1e400'],
    ];
    const problems: string[] = [];
    for (const [route, body, path, value] of cases) {
      tried++;
      const res = await t.http().post(route).set(auth(t.adminKey)).send(setAt(body, path, value) as object);
      const expected = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
      const paths = ((res.body.error?.details ?? []) as { path: string }[]).map((d) => d.path);
      if (res.status !== 400 || !paths.some((p) => p === expected || p.startsWith(`${expected}.`) || expected.startsWith(`${p}.`))) {
        problems.push(`${route} ${expected}=${JSON.stringify(value)}: ${res.status} ${JSON.stringify(paths)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('bodies above the size limit: 413 in the error shape on every route that takes a body, read or not', async () => {
    const limit = t.config.BODY_LIMIT_BYTES;
    const big = JSON.stringify({ padding: 'x'.repeat(limit + 1024) });
    const problems: string[] = [];
    for (const o of ops.filter((x) => ['post', 'put', 'patch'].includes(x.method))) {
      tried++;
      const res = await t.http()[o.method as 'post'](o.concretePath).set(keyFor(o)).set('content-type', 'application/json').send(big);
      if (res.status !== 413 || res.body.error?.code !== 'PAYLOAD_TOO_LARGE' || !res.body.error.requestId) problems.push(`${o.method.toUpperCase()} ${o.path}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    // The event-file upload has a parser of its own.
    tried++;
    const csv = await t.http().post('/v1/tracking-events/csv?carrier=deutsche-post').set(auth(t.adminKey)).set('content-type', 'text/csv').send(`trackingNumber,occurredAt\n${'CX123456785DE,2026-11-20T09:15:00\n'.repeat(Math.ceil(limit / 30))}`);
    if (csv.status !== 413) problems.push(`POST /v1/tracking-events/csv: ${csv.status}`);
    // Without a Content-Length (chunked), the limit holds while the body streams in.
    tried++;
    const chunked = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${t.url}/v1/quotes`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...auth(t.adminKey) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The service may answer 413 and close before the whole body is written.
      req.on('error', (e) => setTimeout(() => reject(e), 1000));
      for (let sent = 0; sent < limit + 65536; sent += 65536) req.write('x'.repeat(65536));
      req.end();
    });
    if (chunked !== 413) problems.push(`chunked POST /v1/quotes: ${chunked}`);
    expect(problems).toEqual([]);
  }, 300_000);
});
