import { auth, startTestApp, TestApp } from './support/test-app';

describe('reference data: carriers and HS nomenclature', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('quotes');
  });
  afterAll(() => t.close());

  it('lists the carriers loaded from carriers/', async () => {
    const res = await t.http().get('/v1/carriers').set(auth(key)).expect(200);
    expect(Array.isArray(res.body.data)).toBe(true);
    for (const c of res.body.data) {
      expect(c).toMatchObject({ id: expect.any(String), name: expect.any(String), adapter: expect.any(String), services: expect.any(Array) });
    }
  });

  it('looks up an HS code with its ancestors and children', async () => {
    const res = await t.http().get('/v1/tariffs/hs/6109').set(auth(key)).expect(200);
    expect(res.body).toMatchObject({ code: '6109', level: 4, parent: '61', section: 'XI' });
    expect(res.body.children.map((c: { code: string }) => c.code)).toEqual(['610910', '610990']);
    const sub = await t.http().get('/v1/tariffs/hs/6109.10.0012').set(auth(key)).expect(200);
    expect(sub.body.code).toBe('610910');
    expect(sub.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['61', '6109']);
  });

  it('404 with suggestions for an unknown code, 400 for a malformed one', async () => {
    const res = await t.http().get('/v1/tariffs/hs/610999').set(auth(key)).expect(404);
    expect(res.body.error.code).toBe('HS_CODE_NOT_FOUND');
    expect(res.body.error.details[0].message).toMatch(/610910/);
    await t.http().get('/v1/tariffs/hs/61a').set(auth(key)).expect(400);
  });

  it('ranks 610910 among the first five for "cotton t-shirt"', async () => {
    const res = await t.http().get('/v1/tariffs/hs').query({ q: 'cotton t-shirt' }).set(auth(key)).expect(200);
    const codes = res.body.data.slice(0, 5).map((h: { code: string }) => h.code);
    expect(codes).toContain('610910');
  });

  it('validates the search query', async () => {
    const res = await t.http().get('/v1/tariffs/hs').query({ limit: 500 }).set(auth(key)).expect(400);
    expect([...new Set(res.body.error.details.map((d: { path: string }) => d.path))].sort()).toEqual(['limit', 'q']);
  });
});
