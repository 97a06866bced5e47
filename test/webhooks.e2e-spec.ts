import { verifyWebhook } from '../src/webhooks/webhook-signature';
import { createTestDatabase } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const FAST = { JOBS_POLL_INTERVAL_SECONDS: '0.5', WEBHOOK_RETRY_SCHEDULE_SECONDS: '0,1,1,1' };
let seq = 0;
const number = () => `CX${String(200000000 + ++seq)}DE`;

function pickup(trackingNumber: string, code = 'PCKDU', occurredAt = '2026-11-20T16:45:00+01:00') {
  return { carrier: 'deutsche-post', trackingNumber, events: [{ code, occurredAt, location: { city: 'Bonn', country: 'DE' } }] };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('merchant webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let writer: string;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ env: FAST });
    writer = await t.keyWith('tracking:write');
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const admin = () => auth(t.adminKey);
  const register = (body: object) => t.http().post('/v1/webhook-endpoints').set(admin()).send(body);
  const ingest = (body: object) => t.http().post('/v1/tracking-events').set(auth(writer)).send(body).expect(200);
  const deliveries = (endpointId: string) => t.http().get(`/v1/webhook-endpoints/${endpointId}/deliveries`).set(admin()).expect(200);

  describe('endpoints', () => {
    it('registers an endpoint and shows its secret only once', async () => {
      const res = await register({ url: receiver.url, events: ['shipment.status_changed'], description: 'ERP' }).expect(201);
      expect(res.body).toMatchObject({ id: expect.stringMatching(/^wep_/), url: receiver.url, events: ['shipment.status_changed'], status: 'enabled' });
      expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const got = await t.http().get(`/v1/webhook-endpoints/${res.body.id}`).set(admin()).expect(200);
      expect(got.body.secret).toBeUndefined();
      const list = await t.http().get('/v1/webhook-endpoints').set(admin()).expect(200);
      expect(list.body.data.map((e: { id: string }) => e.id)).toContain(res.body.id);
      expect(JSON.stringify(list.body)).not.toContain('whsec_');
      await t.http().delete(`/v1/webhook-endpoints/${res.body.id}`).set(admin()).expect(204);
      await t.http().get(`/v1/webhook-endpoints/${res.body.id}`).set(admin()).expect(404);
      await t.http().delete(`/v1/webhook-endpoints/${res.body.id}`).set(admin()).expect(404);
    });

    it('lists every problem of a bad registration', async () => {
      const res = await register({ url: 42, events: ['shipment.teleported'], secret: 'mine' }).expect(400);
      expect([...new Set(res.body.error.details.map((d: { path: string }) => d.path.replace(/\[\d+\]$/, '')))].sort()).toEqual(['events', 'secret', 'url']);
      const bad = await register({ url: 'ftp://user:pw@files.example/x', events: ['*'] }).expect(400);
      expect(bad.body.error.details.map((d: { message: string }) => d.message).join(' ')).toMatch(/https.*credentials/s);
    });

    it.each([
      ['a private address', 'https://10.0.0.5/hook', /private/],
      ['the cloud metadata address', 'https://169.254.169.254/latest/meta-data', /link-local/],
      ['IPv6 loopback', 'https://[::1]:8443/hook', /loopback/],
      ['an IPv4-mapped private address', 'https://[::ffff:192.168.1.1]/hook', /private/],
      ['plain http to a host not allow-listed', 'http://8.8.8.8/hook', /https/],
    ])('refuses a target on %s', async (_c, url, message) => {
      const res = await register({ url, events: ['*'] }).expect(400);
      expect(res.body.error.details[0]).toMatchObject({ path: 'url', message: expect.stringMatching(message) });
    });

    it('needs the admin scope', async () => {
      await register({ url: receiver.url, events: ['*'] }).set(auth(writer)).expect(403);
    });
  });

  describe('deliveries', () => {
    it('signs each delivery per Standard Webhooks and sends only subscribed events', async () => {
      const ep = (await register({ url: receiver.url, events: ['shipment.status_changed', 'shipment.delivered'] }).expect(201)).body;
      const start = receiver.received.length;
      const tn = number();
      await ingest(pickup(tn));
      await ingest(pickup(tn, 'DLVRD', '2026-11-21T10:00:00+01:00'));
      await receiver.waitFor(start + 3);
      const got = receiver.received.slice(start);
      const bodies = got.map((r) => JSON.parse(r.body));
      expect(bodies.map((b) => b.type).sort()).toEqual(['shipment.delivered', 'shipment.status_changed', 'shipment.status_changed']);
      const delivered = bodies.find((b) => b.type === 'shipment.delivered');
      expect(delivered.data).toMatchObject({ carrier: 'deutsche-post', trackingNumber: tn, status: 'delivered', previousStatus: 'in_transit', terminal: true });
      expect(delivered.data.event).toMatchObject({ occurredAt: '2026-11-21T10:00:00+01:00', city: 'Bonn', country: 'DE' });
      for (const r of got) {
        expect(r.headers['webhook-id']).toMatch(/^msg_/);
        expect(r.headers['content-type']).toBe('application/json');
        const verdict = verifyWebhook(ep.secret, { id: String(r.headers['webhook-id']), timestamp: String(r.headers['webhook-timestamp']), signature: String(r.headers['webhook-signature']) }, r.body, Math.floor(Date.now() / 1000));
        expect(verdict).toEqual({ ok: true });
      }
      // A different secret does not verify.
      const r0 = got[0];
      expect(verifyWebhook('whsec_' + Buffer.alloc(32, 1).toString('base64'), { id: String(r0.headers['webhook-id']), timestamp: String(r0.headers['webhook-timestamp']), signature: String(r0.headers['webhook-signature']) }, r0.body, Math.floor(Date.now() / 1000)).ok).toBe(false);
      await t.http().delete(`/v1/webhook-endpoints/${ep.id}`).set(admin()).expect(204);
    });

    it('retries failures with the same webhook-id and shows each attempt', async () => {
      const ep = (await register({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      const start = receiver.received.length;
      receiver.respondWith(500, { status: 503, headers: { 'retry-after': '1' } }, 200);
      await ingest(pickup(number()));
      await receiver.waitFor(start + 3);
      const attempts = receiver.received.slice(start, start + 3);
      expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
      expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
      const list = await until(() => deliveries(ep.id), (r) => r.body.data[0]?.status === 'succeeded');
      const d = list.body.data[0];
      expect(d).toMatchObject({ status: 'succeeded', attemptCount: 3, eventType: 'shipment.status_changed', eventId: attempts[0].headers['webhook-id'] });
      expect(d.attempts.map((a: { statusCode: number; outcome: string }) => [a.statusCode, a.outcome])).toEqual([
        [500, 'retry'],
        [503, 'retry'],
        [200, 'delivered'],
      ]);
      const one = await t.http().get(`/v1/webhook-deliveries/${d.id}`).set(admin()).expect(200);
      expect(one.body.attempts).toHaveLength(3);
      await t.http().delete(`/v1/webhook-endpoints/${ep.id}`).set(admin()).expect(204);
    });

    it('gives up after the last scheduled attempt', async () => {
      const ep = (await register({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      receiver.respondWith(500, 500, 500, 500);
      await ingest(pickup(number()));
      const list = await until(() => deliveries(ep.id), (r) => r.body.data[0]?.status === 'failed');
      expect(list.body.data[0].attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'failed']);
      // The merchant fixed the endpoint and asks for the delivery again: one more attempt, same webhook-id.
      const id = list.body.data[0].id;
      await t.http().post(`/v1/webhook-deliveries/${id}/retry`).set(admin()).expect(200);
      const done = await until(() => t.http().get(`/v1/webhook-deliveries/${id}`).set(admin()), (r) => r.body.status === 'succeeded');
      expect(done.body.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['retry', 'retry', 'retry', 'failed', 'delivered']);
      expect(new Set(receiver.received.slice(-5).map((r) => r.headers['webhook-id'])).size).toBe(1);
      const again = await t.http().post(`/v1/webhook-deliveries/${id}/retry`).set(admin()).expect(409);
      expect(again.body.error.code).toBe('ALREADY_DELIVERED');
      await t.http().delete(`/v1/webhook-endpoints/${ep.id}`).set(admin()).expect(204);
    });

    it('rotates the secret: during the grace period deliveries carry signatures with the new and the old one', async () => {
      const ep = (await register({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      const rotated = await t.http().post(`/v1/webhook-endpoints/${ep.id}/rotate-secret`).set(admin()).expect(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(ep.secret);
      const start = receiver.received.length;
      await ingest(pickup(number()));
      await receiver.waitFor(start + 1);
      const r = receiver.received[start];
      const headers = { id: String(r.headers['webhook-id']), timestamp: String(r.headers['webhook-timestamp']), signature: String(r.headers['webhook-signature']) };
      expect(headers.signature.split(' ')).toHaveLength(2);
      const now = Math.floor(Date.now() / 1000);
      expect(verifyWebhook(rotated.body.secret, headers, r.body, now)).toEqual({ ok: true });
      expect(verifyWebhook(ep.secret, headers, r.body, now)).toEqual({ ok: true });
      await t.http().delete(`/v1/webhook-endpoints/${ep.id}`).set(admin()).expect(204);
    });

    it('disables an endpoint that answers 410 Gone, and it can be enabled again', async () => {
      const ep = (await register({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      receiver.respondWith(410);
      await ingest(pickup(number()));
      await until(() => t.http().get(`/v1/webhook-endpoints/${ep.id}`).set(admin()), (r) => r.body.status === 'disabled');
      const list = await deliveries(ep.id);
      expect(list.body.data[0]).toMatchObject({ status: 'failed', attempts: [{ statusCode: 410, outcome: 'endpoint_disabled' }] });
      const before = receiver.received.length;
      await ingest(pickup(number()));
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received.length).toBe(before);
      const enabled = await t.http().post(`/v1/webhook-endpoints/${ep.id}/enable`).set(admin()).expect(200);
      expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null });
      await t.http().delete(`/v1/webhook-endpoints/${ep.id}`).set(admin()).expect(204);
    });
  });
});

describe('merchant webhooks: nothing is lost across process restarts', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterAll(() => receiver.stop());

  it('a retry scheduled by one process is delivered by the next one, with the same webhook-id', async () => {
    const db = await createTestDatabase();
    try {
      const first = await startTestApp({ databaseUrl: db.url, env: { ...FAST, WEBHOOK_RETRY_SCHEDULE_SECONDS: '0,3' } });
      const ep = (await first.http().post('/v1/webhook-endpoints').set(auth(first.adminKey)).send({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      receiver.respondWith(500);
      await first.http().post('/v1/tracking-events').set(auth(first.adminKey)).send(pickup(number())).expect(200);
      await receiver.waitFor(1);
      // Give the first process the moment it needs to record the failed attempt, then stop it.
      await until(() => first.http().get(`/v1/webhook-endpoints/${ep.id}/deliveries`).set(auth(first.adminKey)), (r) => r.body.data[0]?.attemptCount === 1 && r.body.data[0]?.nextAttemptAt);
      await first.close();

      const second = await startTestApp({ databaseUrl: db.url, env: { ...FAST, WEBHOOK_RETRY_SCHEDULE_SECONDS: '0,3' } });
      try {
        await receiver.waitFor(2);
        expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
        expect(receiver.received[1].body).toBe(receiver.received[0].body);
        const list = await until(() => second.http().get(`/v1/webhook-endpoints/${ep.id}/deliveries`).set(auth(second.adminKey)), (r) => r.body.data[0]?.status === 'succeeded');
        expect(list.body.data[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
        expect(verifyWebhook(ep.secret, { id: String(receiver.received[1].headers['webhook-id']), timestamp: String(receiver.received[1].headers['webhook-timestamp']), signature: String(receiver.received[1].headers['webhook-signature']) }, receiver.received[1].body, Math.floor(Date.now() / 1000))).toEqual({ ok: true });
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('an event recorded while no worker runs is delivered once one does (transactional outbox)', async () => {
    const db = await createTestDatabase();
    const start = receiver.received.length;
    try {
      const api = await startTestApp({ databaseUrl: db.url, env: { ...FAST, JOBS_ENABLED: 'false' } });
      const ep = (await api.http().post('/v1/webhook-endpoints').set(auth(api.adminKey)).send({ url: receiver.url, events: ['shipment.status_changed'] }).expect(201)).body;
      await api.http().post('/v1/tracking-events').set(auth(api.adminKey)).send(pickup(number())).expect(200);
      const pending = await api.http().get(`/v1/webhook-endpoints/${ep.id}/deliveries`).set(auth(api.adminKey)).expect(200);
      expect(pending.body.data[0]).toMatchObject({ status: 'pending', attemptCount: 0 });
      await new Promise((r) => setTimeout(r, 1000));
      expect(receiver.received.length).toBe(start);
      await api.close();

      const worker = await startTestApp({ databaseUrl: db.url, env: FAST });
      try {
        await receiver.waitFor(start + 1);
        expect(JSON.parse(receiver.received[start].body)).toMatchObject({ type: 'shipment.status_changed', data: { status: 'in_transit' } });
      } finally {
        await worker.close();
      }
    } finally {
      await db.drop();
    }
  });
});
