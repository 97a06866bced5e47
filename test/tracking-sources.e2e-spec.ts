import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { signFedexBody } from '../src/carriers/fedex/fedex-webhook.verifier';
import { SignedPushHandler } from '../src/tracking/signed-push.handler';
import { TrackingPoller } from '../src/tracking/tracking-poller';
import { TrackingService } from '../src/tracking/tracking.service';
import { withClient } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';

const PUSH_SECRET = 'dhl-express-push-secret-0123456789';
const UPS_CREDENTIAL = 'ups-track-alert-credential-0123456789';
const FEDEX_SECRET = 'fedex-security-token-0123456789';

/** A minimal UPS Track API emulator (OAuth token + track details, shapes from UPS Tracking.yaml). */
class UpsTrackEmulator {
  calls: string[] = [];
  activities: Record<string, unknown[]> = {};
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.calls.push(`${req.method} ${req.url?.split('?')[0]}`);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.startsWith('/security/v1/oauth/token')) {
          res.end(JSON.stringify({ access_token: 'tok', token_type: 'Bearer', expires_in: '14399', status: 'approved' }));
          return;
        }
        const m = /^\/api\/track\/v1\/details\/([^?]+)/.exec(req.url ?? '');
        if (m) {
          const n = decodeURIComponent(m[1]);
          res.end(JSON.stringify({ trackResponse: { shipment: [{ inquiryNumber: n, package: [{ trackingNumber: n, activity: this.activities[n] ?? [] }] }] } }));
          return;
        }
        res.statusCode = 404;
        res.end('{}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server?.close(() => r()));
  }
}

describe('tracking sources: carrier pushes, warehouse scans, polling, shipment timelines', () => {
  let t: TestApp;
  let ups: UpsTrackEmulator;
  let reader: string;
  let seq = 0;

  beforeAll(async () => {
    ups = await new UpsTrackEmulator().start();
    t = await startTestApp({
      env: {
        JOBS_POLL_INTERVAL_SECONDS: '0.5',
        CARRIER_WEBHOOK_SECRETS: `dhl-express=${PUSH_SECRET}`,
        CARRIER_WEBHOOK_TOLERANCE_SECONDS: '300',
        UPS_WEBHOOK_CREDENTIAL: UPS_CREDENTIAL,
        FEDEX_WEBHOOK_SECRET: FEDEX_SECRET,
        UPS_BASE_URL: ups.url,
        UPS_CLIENT_ID: 'client',
        UPS_CLIENT_SECRET: 'secret',
        UPS_ACCOUNT_NUMBER: 'A1B2C3',
      },
    });
    reader = await t.keyWith('shipments');
  });
  afterAll(async () => {
    await t.close();
    await ups.stop();
  });

  const timeline = (carrier: string, n: string) => t.http().get(`/v1/trackers/${carrier}/${n}`).set(auth(reader));

  /** A booked shipment as the shipments room stores it (only what tracking reads matters here). */
  async function insertShipment(carrier: string, numbers: string[], extra: { direction?: string; returnOf?: string } = {}): Promise<string> {
    const id = `shp_test${randomBytes(6).toString('hex')}`;
    await withClient(async (c) => {
      await c.query(
        `INSERT INTO shipment (id, status, direction, carrier, service, service_name, tracking_number, tracking_token, label_format, label_size, ship_date,
                               ship_from, ship_to, items, handling, incoterm, customs, currency, charges, total_amount, return_of)
         VALUES ($1, 'booked', $2, $3, 'standard', 'Standard', $4, $5, 'pdf', '4x6', '2026-11-20', '{"country":"DE"}', '{"country":"US"}', '[]', '{}', 'DAP', '{}', 'EUR', '[]', 10, $6)`,
        [id, extra.direction ?? 'outbound', carrier, numbers[0], randomBytes(16).toString('base64url'), extra.returnOf ?? null],
      );
      for (const [i, n] of numbers.entries()) {
        await c.query(`INSERT INTO shipment_parcel (shipment_id, index, carrier, tracking_number, weight_kg) VALUES ($1, $2, $3, $4, 1)`, [id, i, carrier, n]);
      }
    }, t.databaseUrl);
    return id;
  }

  describe('carrier webhooks in the signed Parcelwise format', () => {
    const push = (body: object, headers: Record<string, string>) => t.http().post('/v1/carriers/dhl-express/webhooks').set(headers).set('content-type', 'application/json').send(JSON.stringify(body));
    const signed = (body: object, id = `push-${++seq}`, ts = Math.floor(Date.now() / 1000)) => ({
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': SignedPushHandler.sign(PUSH_SECRET, id, ts, JSON.stringify(body)),
    });

    it('accepts a verified push, and acknowledges a re-sent one without storing it twice', async () => {
      const n = `${1000000000 + ++seq}`;
      const body = { trackingNumber: n, events: [{ code: 'PU', description: 'Shipment picked up', occurredAt: '2026-11-20T14:03:00+01:00', location: { city: 'Bonn', country: 'DE' } }] };
      const headers = signed(body);
      const res = await push(body, headers).expect(200);
      expect(res.body).toEqual({ accepted: true, duplicate: false, parcels: 1, events: 1 });
      const again = await push(body, headers).expect(200);
      expect(again.body).toMatchObject({ duplicate: true });
      const tl = await timeline('dhl-express', n).expect(200);
      expect(tl.body.events).toHaveLength(1);
      expect(tl.body.events[0]).toMatchObject({ source: 'webhook', substatus: 'in_transit.picked_up' });
    });

    it('accepts several parcels in one push', async () => {
      const a = `${1000000000 + ++seq}`;
      const b = `${1000000000 + ++seq}`;
      const body = { shipments: [{ trackingNumber: a, events: [{ code: 'WC', occurredAt: '2026-11-21T08:00:00Z' }] }, { trackingNumber: b, events: [{ code: 'OK', occurredAt: '2026-11-21T09:00:00Z' }] }] };
      await push(body, signed(body)).expect(200);
      expect((await timeline('dhl-express', b)).body.status).toBe('delivered');
    });

    it.each([
      ['a tampered body', (h: Record<string, string>) => h, { tamper: true }, 'INVALID_SIGNATURE'],
      ['a timestamp outside the replay window', (h: Record<string, string>) => h, { stale: true }, 'STALE_WEBHOOK'],
      ['no signature', () => ({ 'webhook-id': 'x' }), {}, 'INVALID_SIGNATURE'],
      ['a signature made with another secret', (h: Record<string, string>) => ({ ...h, 'webhook-signature': SignedPushHandler.sign('another-secret-0123456789', h['webhook-id'], Number(h['webhook-timestamp']), '{}') }), {}, 'INVALID_SIGNATURE'],
    ])('refuses %s with 401', async (_c, mutate, opts: { tamper?: boolean; stale?: boolean }, code) => {
      const n = `${1000000000 + ++seq}`;
      const body = { trackingNumber: n, events: [{ code: 'PU', occurredAt: '2026-11-20T14:03:00+01:00' }] };
      const headers = mutate(signed(body, `push-${++seq}`, opts.stale ? Math.floor(Date.now() / 1000) - 3600 : undefined));
      const sent = opts.tamper ? { ...body, trackingNumber: `${n}9` } : body;
      const res = await push(sent, headers).expect(401);
      expect(res.body.error.code).toBe(code);
      await timeline('dhl-express', n).expect(404);
    });

    it('answers 404 alike for an unknown carrier and one without a push channel, and 400 for a bad event', async () => {
      const a = await t.http().post('/v1/carriers/nope/webhooks').send({}).expect(404);
      const b = await t.http().post('/v1/carriers/asendia/webhooks').send({}).expect(404);
      expect(a.body.error.message).toBe(b.body.error.message);
      const body = { trackingNumber: `${1000000000 + ++seq}`, events: [{ code: 'PU', occurredAt: 12 }] };
      const res = await push(body, signed(body)).expect(400);
      expect(res.body.error.details[0].path).toBe('events[0].occurredAt');
    });
  });

  describe('UPS Track Alert pushes (through the UPS adapter)', () => {
    const alert = (n: string) => ({
      trackingNumber: n,
      localActivityDate: '20261120',
      localActivityTime: '143000',
      gmtActivityDate: '20261120',
      gmtActivityTime: '193000',
      gmtOffset: '-05.00',
      activityLocation: { city: 'ATLANTA', stateProvince: 'GA', postalCode: '30301', country: 'US' },
      activityStatus: { type: 'I', code: 'OR', description: 'Origin Scan', descriptionCode: '005' },
    });

    it('verifies the credential, maps the code through carriers/ups/events.csv and keeps the local time with its offset', async () => {
      const n = `1Z999AA1${String(10000000 + ++seq)}`;
      await t.http().post('/v1/carriers/ups/webhooks').set('credential', UPS_CREDENTIAL).send(alert(n)).expect(200);
      const again = await t.http().post('/v1/carriers/ups/webhooks').set('credential', UPS_CREDENTIAL).send(alert(n)).expect(200);
      expect(again.body.duplicate).toBe(true);
      const tl = await timeline('ups', n).expect(200);
      expect(tl.body.events).toHaveLength(1);
      expect(tl.body.events[0]).toMatchObject({ code: '005', status: 'in_transit', occurredAt: '2026-11-20T14:30:00-05:00', occurredAtUtc: '2026-11-20T19:30:00.000Z', source: 'webhook' });
      await t.http().post('/v1/carriers/ups/webhooks').set('credential', 'wrong').send(alert(`1Z999AA1${String(10000000 + ++seq)}`)).expect(401);
    });
  });

  describe('FedEx tracking webhooks (fdx-signature through the FedEx adapter)', () => {
    it('verifies the HMAC over the raw bytes, keeps FedEx offsets, and ignores a re-sent push', async () => {
      const n = `7946${String(10000000 + ++seq)}`;
      // Out of order, as FedEx warns it may send them; the raw bytes keep their spacing.
      const raw = `{"trackingNumberInfo": {"trackingNumber": "${n}"}, "scanEvents": [
        {"date": "2026-11-21T09:12:00-05:00", "eventType": "AR", "eventDescription": "Arrived at FedEx location", "scanLocation": {"city": "MEMPHIS", "stateOrProvinceCode": "TN", "countryCode": "US"}},
        {"date": "2026-11-20T18:40:00-07:00", "eventType": "PU", "eventDescription": "Picked up", "scanLocation": {"city": "DENVER", "stateOrProvinceCode": "CO", "countryCode": "US"}}]}`;
      const send = (body: string, signature: string) => t.http().post('/v1/carriers/fedex/webhooks').set('content-type', 'application/json').set('fdx-signature', signature).send(body);
      await send(raw, signFedexBody(raw, FEDEX_SECRET)).expect(200);
      expect((await send(raw, signFedexBody(raw, FEDEX_SECRET)).expect(200)).body.duplicate).toBe(true);
      // The same JSON re-serialised is not what FedEx signed.
      await send(JSON.stringify(JSON.parse(raw)), signFedexBody(raw, FEDEX_SECRET)).expect(401);
      await send(raw, signFedexBody(raw, 'another-token')).expect(401);
      const tl = await timeline('fedex', n).expect(200);
      expect(tl.body.events.map((e: { code: string; occurredAt: string }) => `${e.code}@${e.occurredAt}`)).toEqual(['PU@2026-11-20T18:40:00-07:00', 'AR@2026-11-21T09:12:00-05:00']);
      expect(tl.body.status).toBe('in_transit');
    });
  });

  describe('warehouse scans and the shipment timeline', () => {
    it('records scans on the shipment and merges them with carrier events into one timeline', async () => {
      const n = `CX${String(300000000 + ++seq)}DE`;
      const id = await insertShipment('deutsche-post', [n]);
      const scan = await t.http().post(`/v1/shipments/${id}/events`).set(auth(reader)).send({ type: 'handed_to_carrier', occurredAt: '2026-11-20T15:00:00+01:00', scanId: 'dock-3-0001', location: { city: 'Bonn', country: 'DE' } }).expect(201);
      expect(scan.body.results[0]).toMatchObject({ shipmentId: id, created: 1, status: { status: 'in_transit' } });
      // The same scan again (station retry) is recognised.
      const again = await t.http().post(`/v1/shipments/${id}/events`).set(auth(reader)).send({ type: 'handed_to_carrier', occurredAt: '2026-11-20T15:00:00+01:00', scanId: 'dock-3-0001', location: { city: 'Bonn', country: 'DE' } }).expect(201);
      expect(again.body.results[0]).toMatchObject({ created: 0, duplicates: 1 });
      // Carrier events for the same number are linked to the shipment by its parcel.
      const writer = await t.keyWith('tracking:write');
      await t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber: n, events: [{ code: 'SRTED', occurredAt: '2026-11-20T22:10:00+01:00' }, { code: 'PCKDU', occurredAt: '2026-11-20T16:45:00+01:00' }] }).expect(200);
      const tl = await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(reader)).expect(200);
      expect(tl.body).toMatchObject({ shipmentId: id, status: 'in_transit', substatus: 'in_transit.arrived_facility' });
      expect(tl.body.events.map((e: { source: string; code: string }) => `${e.source}:${e.code}`)).toEqual(['scan:scan.handed_to_carrier', 'api:PCKDU', 'api:SRTED']);
      expect(tl.body.trackers).toEqual([expect.objectContaining({ trackingNumber: n, leg: 'outbound', shipmentId: id })]);

      // The read model for the public page: status, our wording, city and country; nothing personal.
      await t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber: n, events: [{ code: 'DLVRD', description: 'Zugestellt an Herrn J. Schmidt, Hauptstr. 5', occurredAt: '2026-11-21T10:02:00+01:00', location: { city: 'Berlin', postalCode: '10115', country: 'DE' } }] }).expect(200);
      const pub = await t.app.get(TrackingService).publicTimeline(id);
      expect(pub).toMatchObject({ status: 'delivered', carrier: 'deutsche-post', trackingNumber: n });
      expect(pub!.events.at(-1)).toEqual({ status: 'delivered', substatus: 'delivered.delivered', description: 'Delivered', occurredAt: '2026-11-21T10:02:00+01:00', location: { city: 'Berlin', country: 'DE' }, leg: 'outbound' });
      expect(JSON.stringify(pub)).not.toMatch(/Schmidt|Hauptstr|10115|dock-3/);
      expect(await t.app.get(TrackingService).publicTimeline('shp_nope')).toBeUndefined();
    });

    it('validates scans and answers 404 for unknown shipments', async () => {
      const n = `CX${String(300000000 + ++seq)}DE`;
      const id = await insertShipment('deutsche-post', [n]);
      const res = await t.http().post(`/v1/shipments/${id}/events`).set(auth(reader)).send({ type: 'beamed', trackingNumber: 'NOT-MINE-1', extra: 1 }).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'type']);
      const other = await t.http().post(`/v1/shipments/${id}/events`).set(auth(reader)).send({ type: 'held', trackingNumber: 'NOTMINE1' }).expect(400);
      expect(other.body.error.details).toEqual([{ path: 'trackingNumber', message: 'is not a parcel of this shipment' }]);
      await t.http().post('/v1/shipments/shp_nope/events').set(auth(reader)).send({ type: 'held' }).expect(404);
      await t.http().get('/v1/shipments/shp_nope/tracking').set(auth(reader)).expect(404);
    });

    it('reports a multi-parcel shipment by its least advanced parcel', async () => {
      const a = `CX${String(300000000 + ++seq)}DE`;
      const b = `CX${String(300000000 + ++seq)}DE`;
      const id = await insertShipment('deutsche-post', [a, b]);
      const writer = await t.keyWith('tracking:write');
      await t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber: a, events: [{ code: 'DLVRD', occurredAt: '2026-11-21T10:00:00+01:00' }] }).expect(200);
      await t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber: b, events: [{ code: 'SRTED', occurredAt: '2026-11-21T09:00:00+01:00' }] }).expect(200);
      const tl = await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(reader)).expect(200);
      expect(tl.body).toMatchObject({ status: 'in_transit', terminal: false });
      expect(tl.body.trackers).toHaveLength(2);
    });
  });

  describe('polling API carriers through the job queue', () => {
    it('polls until the parcel is delivered, then stops', async () => {
      const n = `1Z999AA1${String(20000000 + ++seq)}`;
      const id = await insertShipment('ups', [n]);
      const tracking = t.app.get(TrackingService);
      const registered = await tracking.registerShipment({ shipmentId: id, carrier: 'ups', trackingNumbers: [n], promisedDelivery: { earliest: '2026-11-23', latest: '2026-11-24' } });
      expect(registered.polling).toBe(true);
      ups.activities[n] = [
        { date: '20261120', time: '143000', gmtDate: '20261120', gmtTime: '193000', gmtOffset: '-05:00', location: { address: { city: 'ATLANTA', stateProvince: 'GA', countryCode: 'US' } }, status: { type: 'I', code: 'OR', description: 'Origin Scan', statusCode: '005' } },
      ];
      // Polling starts an hour after booking; ask for the first poll now.
      await withClient((c) => c.query(`UPDATE tracker SET poll_next_at = NULL WHERE id = $1`, [registered.trackerIds[0]]), t.databaseUrl);
      await t.app.get(TrackingPoller).start(registered.trackerIds[0], 'ups');
      const waitFor = async (ok: (b: { status: string }) => boolean) => {
        for (let i = 0; i < 60; i++) {
          const r = await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(reader));
          if (ok(r.body)) return r.body;
          await new Promise((res) => setTimeout(res, 250));
        }
        throw new Error('polling did not happen');
      };
      const first = await waitFor((b) => b.status === 'in_transit');
      expect(first.events[0]).toMatchObject({ source: 'poll', code: '005' });
      expect(first.estimatedDelivery.first).toMatchObject({ earliest: '2026-11-23', source: 'checkout' });
      const state = await withClient((c) => c.query(`SELECT poll_count, poll_next_at, poll_stopped FROM tracker WHERE id = $1`, [registered.trackerIds[0]]), t.databaseUrl);
      expect(state.rows[0]).toMatchObject({ poll_count: 1, poll_stopped: null });
      // The parcel moved just now: the next poll is in about an hour.
      expect(new Date(state.rows[0].poll_next_at).getTime() - Date.now()).toBeGreaterThan(3000 * 1000);

      ups.activities[n].unshift({ date: '20261121', time: '101500', gmtDate: '20261121', gmtTime: '151500', gmtOffset: '-05:00', location: { address: { city: 'NEW YORK', stateProvince: 'NY', countryCode: 'US' } }, status: { type: 'D', code: 'KB', description: 'Delivered', statusCode: '011' } });
      await withClient((c) => c.query(`UPDATE tracker SET poll_next_at = NULL WHERE id = $1`, [registered.trackerIds[0]]), t.databaseUrl);
      await t.app.get(TrackingPoller).start(registered.trackerIds[0], 'ups');
      const done = await waitFor((b) => b.status === 'delivered');
      expect(done.events.map((e: { code: string }) => e.code)).toEqual(['005', '011']);
      const stopped = await withClient((c) => c.query(`SELECT poll_stopped FROM tracker WHERE id = $1`, [registered.trackerIds[0]]), t.databaseUrl);
      expect(stopped.rows[0].poll_stopped).toBe('terminal');
      expect(ups.calls.filter((c) => c.startsWith('GET /api/track')).length).toBe(2);
      // A delivered parcel is not polled again.
      expect(await t.app.get(TrackingPoller).start(registered.trackerIds[0], 'ups')).toBe(false);
    });

    it('does not poll carriers that push', async () => {
      expect(t.app.get(TrackingPoller).canPoll('deutsche-post')).toBe(false);
      expect(t.app.get(TrackingPoller).canPoll('ups')).toBe(true);
    });
  });
});
