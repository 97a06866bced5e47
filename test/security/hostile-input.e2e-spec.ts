import fc from 'fast-check';
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

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' } });
    doc = (await t.http().get('/openapi.json').expect(200)).body;
    ops = operations(doc as never);
  });
  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log(`hostile input: ${tried} requests, ${failures.length} failures`);
    await t.close();
  });

  async function check(o: Operation, send: (r: ReturnType<TestApp['http']>) => Promise<{ status: number; body: Record<string, unknown>; text: string }>, what: string) {
    tried++;
    let res: { status: number; body: Record<string, unknown>; text: string };
    try {
      res = await send(t.http());
    } catch (e) {
      failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: ${(e as Error).message}`);
      return;
    }
    if (res.status >= 500) failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: ${res.status} ${res.text.slice(0, 200)}`);
    if (res.status === 400) {
      const error = (res.body as { error?: { code?: string; details?: unknown[]; requestId?: string } }).error;
      if (!error?.code || !error.requestId || !Array.isArray(error.details)) failures.push(`${o.method.toUpperCase()} ${o.path} ${what}: 400 without the error shape`);
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
});
