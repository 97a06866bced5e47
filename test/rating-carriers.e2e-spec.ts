import { auth, startTestApp, TestApp } from './support/test-app';

describe('GET /v1/carriers: carriers, services, capabilities and limits', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('quotes');
  });
  afterAll(() => t.close());

  it('lists the rate-card carriers with their services, limits, capabilities, surcharges and duty terms', async () => {
    const res = await t.http().get('/v1/carriers').set(auth(key)).expect(200);
    const byId = new Map(res.body.data.map((c: { id: string }) => [c.id, c]));
    for (const id of ['dhl-express', 'deutsche-post', 'asendia', 'dhl-freight', 'dhl-medical-express']) expect(byId.has(id)).toBe(true);
    const post = byId.get('deutsche-post') as Record<string, any>;
    expect(post).toMatchObject({ adapter: 'rate-card', enabled: true, mode: 'postal', trackingNumber: { format: 's10', serviceIndicator: 'CX', countryCode: 'DE' }, ddp: { supported: false } });
    const packet = post.services.find((s: { code: string }) => s.code === 'packet-tracked');
    expect(packet).toMatchObject({ limits: { maxParcelWeightKg: 2 }, trackingNumber: { serviceIndicator: 'LX' }, pricing: { method: 'weight', basis: 'parcel' } });
    expect(packet.pricing.table).toBeUndefined();
    expect(packet.destinations).toEqual(expect.arrayContaining(['US', 'FR', 'JP']));
    expect(packet.destinations).not.toContain('DE');
    const cold = byId.get('dhl-medical-express') as Record<string, any>;
    expect(cold.services[0].accepts.temperature.map((r: { code: string }) => r.code)).toEqual(['controlled-ambient', 'refrigerated', 'frozen', 'cryogenic']);
    expect(cold.services[0].destinations).toEqual(['AT', 'BE', 'CA', 'CH', 'DE', 'DK', 'ES', 'FR', 'GB', 'IT', 'NL', 'PL', 'SE', 'US']);
    const express = byId.get('dhl-express') as Record<string, any>;
    expect(express.fuelPercent).toEqual(expect.any(Number));
    expect(express.surcharges.map((s: { code: string }) => s.code)).toContain('remote-area-delivery');
    expect(express.ddp).toEqual({ supported: true, ddpFee: { amount: '15.00', currency: 'EUR' }, disbursementFee: { percent: 2, minimum: { amount: '12.00', currency: 'EUR' } } });
  });

  it('shows one carrier, 404 for an unknown one', async () => {
    const res = await t.http().get('/v1/carriers/dhl-freight').set(auth(key)).expect(200);
    expect(res.body.palletTypes.map((p: { code: string }) => p.code)).toEqual(['quarter', 'half', 'full']);
    expect((await t.http().get('/v1/carriers/pigeon').set(auth(key)).expect(404)).body.error.code).toBe('CARRIER_NOT_FOUND');
  });
});
