import { auth, startTestApp, TestApp } from './support/test-app';

describe('customer pricing rules (admin API)', () => {
  let t: TestApp;
  const admin = () => auth(t.adminKey);
  const base = (customer: string) => `/v1/customers/${customer}/pricing-rules`;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates, lists, reads, changes and deletes rules', async () => {
    const created = await t.http().post(base('acme-gmbh')).set(admin()).send({ carrier: 'dhl-express', type: 'discount', percent: 12.5, description: 'Framework 2026' }).expect(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^prr_/),
      customerId: 'acme-gmbh',
      carrier: 'dhl-express',
      service: null,
      type: 'discount',
      percent: 12.5,
      amount: null,
      description: 'Framework 2026',
    });
    const fixed = await t.http().post(base('acme-gmbh')).set(admin()).send({ type: 'markup', amount: { amount: '4.5', currency: 'EUR' } }).expect(201);
    expect(fixed.body.amount).toEqual({ amount: '4.50', currency: 'EUR' });

    const list = await t.http().get(base('acme-gmbh')).set(admin()).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([created.body.id, fixed.body.id]);
    await t.http().get(`${base('acme-gmbh')}/${created.body.id}`).set(admin()).expect(200);

    const changed = await t.http().put(`${base('acme-gmbh')}/${created.body.id}`).set(admin()).send({ carrier: 'dhl-express', service: 'express-worldwide', type: 'discount', percent: 15 }).expect(200);
    expect(changed.body).toMatchObject({ service: 'express-worldwide', percent: 15, description: null });

    await t.http().delete(`${base('acme-gmbh')}/${created.body.id}`).set(admin()).expect(204);
    await t.http().get(`${base('acme-gmbh')}/${created.body.id}`).set(admin()).expect(404);
    await t.http().delete(`${base('acme-gmbh')}/${created.body.id}`).set(admin()).expect(404);
    // Another customer's rules are separate.
    expect((await t.http().get(base('other-co')).set(admin()).expect(200)).body.data).toEqual([]);
    await t.http().get(`${base('other-co')}/${fixed.body.id}`).set(admin()).expect(404);
  });

  it('one rule per scope: a second rule for the same carrier and service is a 409', async () => {
    await t.http().post(base('dup-co')).set(admin()).send({ carrier: 'asendia', type: 'markup', percent: 5 }).expect(201);
    const res = await t.http().post(base('dup-co')).set(admin()).send({ carrier: 'asendia', type: 'discount', percent: 5 }).expect(409);
    expect(res.body.error.code).toBe('PRICING_RULE_EXISTS');
  });

  it('replaces the whole rule set at once, or nothing on error', async () => {
    await t.http().post(base('bulk-co')).set(admin()).send({ type: 'markup', percent: 3 }).expect(201);
    const replaced = await t
      .http()
      .put(base('bulk-co'))
      .set(admin())
      .send({ rules: [{ type: 'discount', percent: 5 }, { carrier: 'dhl-freight', type: 'discount', percent: 20 }] })
      .expect(200);
    expect(replaced.body.data.map((r: { carrier: string | null; percent: number }) => [r.carrier, r.percent])).toEqual([[null, 5], ['dhl-freight', 20]]);

    const bad = await t
      .http()
      .put(base('bulk-co'))
      .set(admin())
      .send({ rules: [{ type: 'discount', percent: 5 }, { type: 'markup', percent: 7 }, { carrier: 'nope', type: 'markup', percent: 1 }] })
      .expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['rules[1]', 'rules[2].carrier']);
    expect((await t.http().get(base('bulk-co')).set(admin()).expect(200)).body.data).toHaveLength(2);
  });

  it('validates every field and lists every problem', async () => {
    const res = await t
      .http()
      .post(base('acme-gmbh'))
      .set(admin())
      .send({ carrier: 'dhl-express', service: 'teleport', type: 'discount', percent: 150, amount: { amount: '5.00', currency: 'XYZ' }, colour: 'red' })
      .expect(400);
    // Structural problems first (unknown field); then the rules the decorators cannot express.
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['colour']);
    const semantic = await t.http().post(base('acme-gmbh')).set(admin()).send({ carrier: 'dhl-express', service: 'teleport', type: 'discount', percent: 150, amount: { amount: '5.00', currency: 'XYZ' } }).expect(400);
    expect(semantic.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['amount.currency', 'percent', 'percent', 'service']);
    const neither = await t.http().post(base('acme-gmbh')).set(admin()).send({ service: 'express-worldwide', type: 'markup' }).expect(400);
    expect(neither.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['percent', 'service']);
    await t.http().post(base('bad customer!')).set(admin()).send({ type: 'markup', percent: 1 }).expect(400);
    // Numbers JavaScript prints in exponent form are judged, not a crash of the decimal-places check.
    for (const percent of [1e-320, 1.5e-7, 12.34567]) {
      const tiny = await t.http().post(base('acme-gmbh')).set(admin()).send({ type: 'markup', percent }).expect(400);
      expect(tiny.body.error.details.map((d: { path: string }) => d.path)).toContain('percent');
    }
  });

  it('needs the admin scope', async () => {
    const quotes = await t.keyWith('quotes');
    await t.http().get(base('acme-gmbh')).set(auth(quotes)).expect(403);
    await t.http().post(base('acme-gmbh')).set(auth(quotes)).send({ type: 'markup', percent: 1 }).expect(403);
    await t.http().get(base('acme-gmbh')).expect(401);
  });
});
