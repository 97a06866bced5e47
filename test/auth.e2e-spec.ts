import { DataSource } from 'typeorm';
import { hashKey } from '../src/auth/api-key.service';
import { FixedClock } from '../src/platform/clock/clock';
import { auth, startTestApp, TestApp } from './support/test-app';

describe('API keys and scopes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('401 without a key, with a malformed header and with an unknown key', async () => {
    for (const headers of [{}, { Authorization: 'Basic abc' }, auth('pw_unknown_key_value_000000000000')]) {
      const res = await t.http().get('/v1/api-keys').set(headers).expect(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('creates a key shown once, stores only its hash, lists it without the secret', async () => {
    const created = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).send({ name: 'checkout-eu', scopes: ['quotes'] }).expect(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^key_/), name: 'checkout-eu', scopes: ['quotes'] });
    const key: string = created.body.key;
    expect(key).toMatch(/^pw_[A-Za-z0-9_-]{32}$/);

    const rows = await t.app.get(DataSource).query('SELECT * FROM api_key WHERE id = $1', [created.body.id]);
    expect(rows[0].key_hash).toBe(hashKey(key));
    expect(JSON.stringify(rows[0])).not.toContain(key);

    const list = await t.http().get('/v1/api-keys').set(auth(t.adminKey)).expect(200);
    const text = JSON.stringify(list.body);
    expect(text).toContain('checkout-eu');
    expect(text).not.toContain(key);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id).prefix).toBe(key.slice(0, 10));
  });

  it('403 when the key lacks the scope; 200 when it has it', async () => {
    const quotesKey = await t.keyWith('quotes');
    const res = await t.http().get('/v1/api-keys').set(auth(quotesKey)).expect(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(res.body.error.message).toMatch(/admin/);
    await t.http().get('/v1/carriers').set(auth(quotesKey)).expect(200);
  });

  it('a revoked key stops working at once', async () => {
    const created = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).send({ name: 'short-lived', scopes: ['admin'] }).expect(201);
    await t.http().get('/v1/api-keys').set(auth(created.body.key)).expect(200);
    await t.http().delete(`/v1/api-keys/${created.body.id}`).set(auth(t.adminKey)).expect(204);
    await t.http().get('/v1/api-keys').set(auth(created.body.key)).expect(401);
    const list = await t.http().get('/v1/api-keys').set(auth(t.adminKey)).expect(200);
    expect(list.body.data.find((k: { id: string }) => k.id === created.body.id).revokedAt).toEqual(expect.any(String));
    await t.http().delete('/v1/api-keys/key_does_not_exist').set(auth(t.adminKey)).expect(404);
  });

  it('ADMIN_API_KEY exists with scope admin after boot', async () => {
    const list = await t.http().get('/v1/api-keys').set(auth(t.adminKey)).expect(200);
    expect(list.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'ADMIN_API_KEY', scopes: ['admin'], source: 'env' })]));
  });
});

describe('API keys checked recently (API_KEY_CACHE_SECONDS)', () => {
  const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { API_KEY_CACHE_SECONDS: '10' } });
  });
  afterAll(() => t.close());

  it('a key revoked by another instance stops within the cache time; one revoked here stops at once', async () => {
    const created = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).send({ name: 'elsewhere', scopes: ['admin'] }).expect(201);
    await t.http().get('/v1/api-keys').set(auth(created.body.key)).expect(200);
    // Another instance revokes it: the row changes, this instance's memory does not.
    await t.app.get(DataSource).query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [created.body.id]);
    clock.advance(9_000);
    await t.http().get('/v1/api-keys').set(auth(created.body.key)).expect(200);
    clock.advance(1_001);
    await t.http().get('/v1/api-keys').set(auth(created.body.key)).expect(401);

    const local = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).send({ name: 'here', scopes: ['admin'] }).expect(201);
    await t.http().get('/v1/api-keys').set(auth(local.body.key)).expect(200);
    await t.http().delete(`/v1/api-keys/${local.body.id}`).set(auth(t.adminKey)).expect(204);
    await t.http().get('/v1/api-keys').set(auth(local.body.key)).expect(401);
  });

  it('an unknown key is never remembered: a key that another instance creates works here at once', async () => {
    const value = 'pw_created_by_another_instance_0000000';
    await t.http().get('/v1/api-keys').set(auth(value)).expect(401);
    await t.app
      .get(DataSource)
      .query(`INSERT INTO api_key (id, name, prefix, key_hash, scopes, source) VALUES ('key_elsewhere', 'elsewhere', $1, $2, '{admin}', 'api')`, [value.slice(0, 10), hashKey(value)]);
    await t.http().get('/v1/api-keys').set(auth(value)).expect(200);
  });
});

describe('first boot without ADMIN_API_KEY', () => {
  it('creates one admin key exactly once', async () => {
    const t = await startTestApp({ env: { ADMIN_API_KEY: '' } });
    try {
      const { ApiKeyService } = await import('../src/auth/api-key.service');
      const keys = t.app.get(ApiKeyService);
      // startTestApp already ran ensureAdminKey once; the bootstrap key exists, so no second one.
      expect(await keys.ensureAdminKey()).toBeUndefined();
      const rows = await t.app.get(DataSource).query(`SELECT source FROM api_key WHERE 'admin' = ANY(scopes)`);
      expect(rows).toEqual([{ source: 'bootstrap' }]);
    } finally {
      await t.close();
    }
  });
});
