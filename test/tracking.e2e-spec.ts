import { auth, startTestApp, TestApp } from './support/test-app';

/** Events through POST /v1/tracking-events and the CSV upload: mapping, ordering, dedupe, status rules, time zones. */
describe('tracking ingestion (API and CSV)', () => {
  let t: TestApp;
  let writer: string;
  let reader: string;
  let n = 0;
  const number = () => `CX${String(100000000 + ++n)}DE`;

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_POLL_INTERVAL_SECONDS: '0.5' } });
    writer = await t.keyWith('tracking:write');
    reader = await t.keyWith('shipments');
  });
  afterAll(() => t.close());

  const post = (body: object, key = writer) => t.http().post('/v1/tracking-events').set(auth(key)).send(body);
  const timeline = (carrier: string, trackingNumber: string) => t.http().get(`/v1/trackers/${carrier}/${trackingNumber}`).set(auth(reader));

  it('maps carrier codes through the event-code table and orders by occurrence, not arrival', async () => {
    const tn = number();
    // Arrives newest first, the way UPS lists activities.
    const res = await post({
      carrier: 'deutsche-post',
      trackingNumber: tn.toLowerCase(),
      events: [
        { code: 'DLVRD', description: 'Die Sendung wurde zugestellt', occurredAt: '2026-11-21T10:02:00+01:00', location: { city: 'Berlin', country: 'DE' } },
        { code: 'SRTED', description: 'Sortiert im Paketzentrum', occurredAt: '2026-11-20T22:10:00+01:00', location: { city: 'Leipzig', country: 'DE' } },
        { code: 'PCKDU', description: 'Abgeholt', occurredAt: '2026-11-20T16:45:00+01:00', location: { city: 'Bonn', country: 'DE' } },
      ],
    }).expect(200);
    expect(res.body).toMatchObject({ carrier: 'deutsche-post', trackingNumber: tn, created: 3, duplicates: 0, statusChanged: true });
    expect(res.body.status).toMatchObject({ status: 'delivered', substatus: 'delivered.delivered', terminal: true });

    const tl = await timeline('deutsche-post', tn).expect(200);
    expect(tl.body.events.map((e: { code: string }) => e.code)).toEqual(['PCKDU', 'SRTED', 'DLVRD']);
    expect(tl.body.events[0]).toMatchObject({
      status: 'in_transit',
      substatus: 'in_transit.picked_up',
      code: 'PCKDU',
      carrierText: 'Abgeholt',
      occurredAt: '2026-11-20T16:45:00+01:00',
      occurredAtUtc: '2026-11-20T15:45:00.000Z',
      zoneSource: 'carrier_offset',
      source: 'api',
    });
    expect(tl.body.status).toBe('delivered');
  });

  it('merges duplicates, and a reworded event updates the stored one instead of adding another', async () => {
    const tn = number();
    const event = { code: 'SRTED', description: 'Sorted', occurredAt: '2026-11-20T22:10:05+01:00', location: { city: 'Leipzig', country: 'DE' } };
    await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [event] }).expect(200);
    // Same scan again, seconds differ (another channel), plus an exact copy inside the batch.
    const again = await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [{ ...event, occurredAt: '2026-11-20T22:10:41+01:00' }, event] }).expect(200);
    expect(again.body).toMatchObject({ created: 0, duplicates: 2 });
    const reworded = await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [{ ...event, description: 'Sorted at parcel centre Leipzig' }] }).expect(200);
    expect(reworded.body).toMatchObject({ created: 0, updated: 1 });
    const tl = await timeline('deutsche-post', tn).expect(200);
    expect(tl.body.events).toHaveLength(1);
    expect(tl.body.events[0]).toMatchObject({ description: 'Sorted at parcel centre Leipzig', revision: 2 });
  });

  it('uses the carrier event id when given: a corrected event replaces the earlier report', async () => {
    const tn = number();
    await post({ carrier: 'dhl-express', trackingNumber: tn, events: [{ eventId: 'chk-1', code: 'AF', description: 'Arrived', occurredAt: '2026-11-20T08:00:00Z' }] }).expect(200);
    const res = await post({ carrier: 'dhl-express', trackingNumber: tn, events: [{ eventId: 'chk-1', code: 'DF', description: 'Departed', occurredAt: '2026-11-20T08:30:00Z' }] }).expect(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    const tl = await timeline('dhl-express', tn).expect(200);
    expect(tl.body.events).toHaveLength(1);
    expect(tl.body.events[0]).toMatchObject({ code: 'DF', substatus: 'in_transit.departed_facility' });
  });

  it('accepts the unified status from senders that speak it, and keeps unmapped codes without letting them move the status', async () => {
    const tn = number();
    await post({
      carrier: 'asendia',
      trackingNumber: tn,
      events: [
        { status: 'in_transit', substatus: 'arrived_destination_country', description: 'Arrived in the US', occurredAt: '2026-11-22T06:00:00-05:00', location: { city: 'New York', country: 'US' } },
        { status: 'customs', substatus: 'duties_due', reason: 'customs_duties_unpaid', description: 'Duties due', occurredAt: '2026-11-22T09:00:00-05:00' },
        { code: 'ZZ99', description: 'Something new from the carrier', occurredAt: '2026-11-22T10:00:00-05:00' },
      ],
    }).expect(200);
    const tl = await timeline('asendia', tn).expect(200);
    expect(tl.body).toMatchObject({ status: 'customs', substatus: 'customs.duties_due', reason: 'customs_duties_unpaid', actionRequired: true });
    expect(tl.body.events[2]).toMatchObject({ code: 'ZZ99', status: 'unknown', substatus: 'unknown.unmapped_code', carrierText: 'Something new from the carrier' });
  });

  it('keeps delivered sticky against later scans, but follows a later carrier correction', async () => {
    const tn = number();
    await post({
      carrier: 'deutsche-post',
      trackingNumber: tn,
      events: [
        { code: 'DLVRD', occurredAt: '2026-11-21T10:00:00+01:00' },
        { code: 'SRTED', description: 'Late sort scan', occurredAt: '2026-11-21T11:00:00+01:00' },
      ],
    }).expect(200);
    expect((await timeline('deutsche-post', tn)).body.status).toBe('delivered');
    const corrected = await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [{ code: 'DLVRF', description: 'Refused at the door', occurredAt: '2026-11-21T12:00:00+01:00' }] }).expect(200);
    expect(corrected.body.status).toMatchObject({ status: 'exception', substatus: 'exception.refused', terminal: false });
  });

  it('keeps the estimated delivery as history: first promise and latest', async () => {
    const tn = number();
    const ev = { code: 'PCKDU', occurredAt: '2026-11-20T16:45:00+01:00' };
    await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [ev], estimatedDelivery: { earliest: '2026-11-22', latest: '2026-11-23' } }).expect(200);
    await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [ev], estimatedDelivery: { earliest: '2026-11-22', latest: '2026-11-23' } }).expect(200);
    await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [ev], estimatedDelivery: { earliest: '2026-11-24', latest: '2026-11-25' } }).expect(200);
    const tl = await timeline('deutsche-post', tn).expect(200);
    expect(tl.body.estimatedDelivery).toMatchObject({
      first: { earliest: '2026-11-22', latest: '2026-11-23', source: 'carrier' },
      latest: { earliest: '2026-11-24', latest: '2026-11-25' },
      slipped: true,
    });
  });

  describe('time zones with real carrier timestamp formats', () => {
    it.each([
      ['FedEx ISO with offset', { occurredAt: '2026-02-02T12:01:00-07:00', location: { city: 'Denver', region: 'CO', country: 'US' } }, { occurredAt: '2026-02-02T12:01:00-07:00', occurredAtUtc: '2026-02-02T19:01:00.000Z', zoneSource: 'carrier_offset' }],
      ['UPS local date/time plus gmtOffset', { occurredAt: '2026-11-26T21:30:00', utcOffset: '-05:00', location: { city: 'Atlanta', region: 'GA', country: 'US' } }, { occurredAt: '2026-11-26T21:30:00-05:00', occurredAtUtc: '2026-11-27T02:30:00.000Z', zoneSource: 'carrier_gmt_field' }],
      ['USPS eventTimestamp plus GMTTimestamp', { occurredAt: '2026-11-26T21:30:00', occurredAtUtc: '2026-11-27T03:30:00Z', location: { city: 'Memphis', region: 'TN', country: 'US' } }, { occurredAt: '2026-11-26T21:30:00-06:00', occurredAtUtc: '2026-11-27T03:30:00.000Z', zoneSource: 'carrier_gmt_field' }],
      ['local time, zone from the city (multi-zone country)', { occurredAt: '2026-07-04T08:00:00', location: { city: 'Los Angeles', country: 'US' } }, { occurredAt: '2026-07-04T08:00:00-07:00', occurredAtUtc: '2026-07-04T15:00:00.000Z', zoneSource: 'derived_from_location', timeZone: 'America/Los_Angeles' }],
      ['local time, zone from the country (summer time)', { occurredAt: '2026-07-04T08:00:00', location: { city: 'Tokyo', country: 'JP' } }, { occurredAt: '2026-07-04T08:00:00+09:00', occurredAtUtc: '2026-07-03T23:00:00.000Z', zoneSource: 'derived_from_location', timeZone: 'Asia/Tokyo' }],
      ['UTC stamp, local wall time worked out for the place', { occurredAt: '2026-07-04T08:00:00Z', location: { city: 'Leipzig', country: 'DE' } }, { occurredAt: '2026-07-04T10:00:00+02:00', occurredAtUtc: '2026-07-04T08:00:00.000Z', zoneSource: 'carrier_utc' }],
      ['local time, no usable place: the carrier home zone, said so', { occurredAt: '2026-01-10T09:00:00', location: { city: 'Springfield', country: 'US' } }, { occurredAt: '2026-01-10T09:00:00+01:00', occurredAtUtc: '2026-01-10T08:00:00.000Z', zoneSource: 'assumed_carrier_zone', timeZone: 'Europe/Berlin' }],
    ])('%s', async (_case, event, expected) => {
      const tn = number();
      await post({ carrier: 'deutsche-post', trackingNumber: tn, events: [{ status: 'in_transit', description: 'Scan', ...event }] }).expect(200);
      const tl = await timeline('deutsche-post', tn).expect(200);
      expect(tl.body.events[0]).toMatchObject({ occurredAtLocal: expected.occurredAt.slice(0, 19), ...expected });
    });

    it('orders events of different zones by their instant, not their wall clocks', async () => {
      const tn = number();
      await post({
        carrier: 'dhl-express',
        trackingNumber: tn,
        events: [
          // 09:00 in Leipzig is 08:00 UTC; 05:00 in New York is 10:00 UTC: later despite the smaller clock.
          { code: 'AR', description: 'Arrived New York', occurredAt: '2026-11-20T05:00:00', location: { city: 'New York', region: 'NY', country: 'US' } },
          { code: 'DF', description: 'Departed Leipzig', occurredAt: '2026-11-20T09:00:00', location: { city: 'Leipzig', country: 'DE' } },
        ],
      }).expect(200);
      const tl = await timeline('dhl-express', tn).expect(200);
      expect(tl.body.events.map((e: { code: string }) => e.code)).toEqual(['DF', 'AR']);
    });
  });

  describe('bad input', () => {
    it('lists every problem with its path and stores nothing', async () => {
      const tn = number();
      const res = await post({
        carrier: 'deutsche-post',
        trackingNumber: tn,
        colour: 'red',
        events: [
          { code: 'PCKDU', occurredAt: '2026-11-20T16:45:00+01:00' },
          { description: 'no code, no status', occurredAt: '2026-11-20T17:00:00Z' },
          { code: 'SRTED', occurredAt: 'yesterday' },
          { status: 'teleported', occurredAt: '2026-11-20T18:00:00Z' },
          { status: 'customs', substatus: 'delivered', occurredAt: '2026-11-20T19:00:00Z', location: { country: 'Germany' } },
          { code: 'SRTED', occurredAt: '2030-01-01T00:00:00Z' },
        ],
      }).expect(400);
      const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['colour', 'events[3].status', 'events[4].location.country']));
      const second = await post({
        carrier: 'deutsche-post',
        trackingNumber: tn,
        events: [
          { code: 'PCKDU', occurredAt: '2026-11-20T16:45:00+01:00' },
          { description: 'no code, no status', occurredAt: '2026-11-20T17:00:00Z' },
          { code: 'SRTED', occurredAt: 'yesterday' },
          { status: 'customs', substatus: 'delivered', occurredAt: '2026-11-20T19:00:00Z' },
          { code: 'SRTED', occurredAt: '2030-01-01T00:00:00Z' },
        ],
      }).expect(400);
      expect(second.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'events[1].code',
        'events[2].occurredAt',
        'events[3].substatus',
        'events[4].occurredAt',
      ]);
      await timeline('deutsche-post', tn).expect(404);
    });

    it('refuses an unknown carrier and a missing scope', async () => {
      const res = await post({ carrier: 'no-such-carrier', trackingNumber: 'AB12345', events: [{ status: 'in_transit', occurredAt: '2026-11-20T17:00:00Z' }] }).expect(400);
      expect(res.body.error.details).toEqual([{ path: 'carrier', message: 'unknown carrier "no-such-carrier"' }]);
      await post({ carrier: 'deutsche-post', trackingNumber: 'AB12345', events: [{ status: 'in_transit', occurredAt: '2026-11-20T17:00:00Z' }] }, reader).expect(403);
      await t.http().post('/v1/tracking-events').send({}).expect(401);
    });
  });

  describe('CSV upload of a carrier event file', () => {
    const upload = (carrier: string, csv: string) => t.http().post(`/v1/tracking-events/csv?carrier=${carrier}`).set(auth(writer)).set('content-type', 'text/csv').send(csv);

    it('stores every parcel of the file, deduplicating against what is already known', async () => {
      const a = number();
      const b = number();
      const csv = [
        '# Deutsche Post event export 2026-11-21',
        'trackingNumber,code,description,occurredAt,city,postalCode,country',
        `${a},PCKDU,Abgeholt,2026-11-20T16:45:00,Bonn,53113,DE`,
        `${a},SRTED,Sortiert,2026-11-20T22:10:00,Leipzig,04109,DE`,
        `${b},PCKDU,Abgeholt,2026-11-20T17:00:00,Köln,50667,DE`,
        `${a},DLVRD,Zugestellt,2026-11-21T10:02:00,Berlin,10115,DE`,
      ].join('\n');
      const res = await upload('deutsche-post', csv).expect(200);
      expect(res.body).toMatchObject({ rows: 4, parcels: 2, created: 4, duplicates: 0, statusChanges: 2 });
      const again = await upload('deutsche-post', csv).expect(200);
      expect(again.body).toMatchObject({ created: 0, duplicates: 4, statusChanges: 0 });
      const tl = await timeline('deutsche-post', a).expect(200);
      expect(tl.body.status).toBe('delivered');
      // Local times without offset: zone from the German location, and said so.
      expect(tl.body.events[0]).toMatchObject({ occurredAt: '2026-11-20T16:45:00+01:00', zoneSource: 'derived_from_location', timeZone: 'Europe/Berlin', source: 'csv' });
    });

    it('reports problems by file line and stores nothing', async () => {
      const a = number();
      const csv = ['trackingNumber,code,description,occurredAt,country', `${a},PCKDU,ok,2026-11-20T16:45:00,DE`, `${a},SRTED,bad time,20.11.2026 22:10,DE`, `${a},,no code,2026-11-20T23:00:00,DE`, `,PCKDU,no number,2026-11-20T16:45:00,DE`].join('\n');
      const res = await upload('deutsche-post', csv).expect(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['line 3.occurredAt', 'line 4.code', 'line 5.trackingNumber']);
      await timeline('deutsche-post', a).expect(404);
    });

    it('refuses other content types and unknown carriers', async () => {
      await t.http().post('/v1/tracking-events/csv?carrier=deutsche-post').set(auth(writer)).send({ a: 1 }).expect(415);
      const res = await upload('nope', 'trackingNumber,status,occurredAt\nAB12345,in_transit,2026-11-20T10:00:00Z').expect(400);
      expect(res.body.error.details[0].path).toBe('carrier');
    });
  });
});
