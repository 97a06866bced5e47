import { SCOPES } from '../../src/auth/scopes';
import { auth, startTestApp, TestApp } from '../support/test-app';
import { operations, Operation } from './openapi-walk';

/**
 * Every route in the OpenAPI document declares who may call it (`x-required-scopes`), and the
 * declaration is enforced: a new route without a scope fails here.
 */
describe('route access, table-driven over the OpenAPI document', () => {
  let t: TestApp;
  let ops: Operation[];
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http().get('/openapi.json').expect(200)).body;
    ops = operations(doc);
    for (const s of SCOPES) keys[s] = await t.keyWith(s);
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(ops.length).toBeGreaterThan(5);
  });

  it('every route declares its scopes', () => {
    const missing = ops.filter((o) => o.scopes.length === 0).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(missing).toEqual([]);
  });

  it('every non-public route answers 401 without a key and with a revoked key', async () => {
    const created = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).send({ name: 'to-revoke', scopes: ['admin'] }).expect(201);
    await t.http().delete(`/v1/api-keys/${created.body.id}`).set(auth(t.adminKey)).expect(204);
    const failures: string[] = [];
    for (const o of ops.filter((x) => !x.scopes.includes('public'))) {
      for (const headers of [{}, auth(created.body.key)]) {
        const res = await t.http()[o.method as 'get'](o.concretePath).set(headers).send(o.method === 'get' || o.method === 'delete' ? undefined : {});
        if (res.status !== 401) failures.push(`${o.method.toUpperCase()} ${o.path}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every scoped route answers 403 to a key holding only other scopes', async () => {
    const failures: string[] = [];
    for (const o of ops.filter((x) => !x.scopes.includes('public') && !x.scopes.includes('any'))) {
      for (const s of SCOPES.filter((sc) => sc !== 'admin' && !o.scopes.includes(sc))) {
        const res = await t.http()[o.method as 'get'](o.concretePath).set(auth(keys[s])).send(o.method === 'get' || o.method === 'delete' ? undefined : {});
        if (res.status !== 403) failures.push(`${o.method.toUpperCase()} ${o.path} with ${s}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a key with the right scope gets past the guard (no 401/403)', async () => {
    const failures: string[] = [];
    for (const o of ops.filter((x) => !x.scopes.includes('public'))) {
      const scope = o.scopes.includes('any') ? 'quotes' : o.scopes[0];
      const res = await t.http()[o.method as 'get'](o.concretePath).set(auth(keys[scope])).send(o.method === 'get' || o.method === 'delete' ? undefined : {});
      if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`${o.method.toUpperCase()} ${o.path} with ${scope}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
