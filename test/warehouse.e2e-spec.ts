import { randomUUID } from 'node:crypto';
import net from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { FixedClock } from '../src/platform/clock/clock';
import { postalBooking } from './documents/shipment-bodies';
import { FakePrinter } from './support/fake-printer';
import { auth, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** A TCP server that only counts who connected: it stands for a database or an internal admin port. */
async function tripwire(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = net.createServer((s) => {
    count++;
    s.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The print station over plain HTTP: printer addresses are an administrator's choice, "today" is local. */
describe('warehouse print station', () => {
  let t: TestApp;
  let key: string;
  let agent: request.Agent;
  let csrf: string;
  let shipmentId: string;
  const printer = new FakePrinter();
  let printerPort: number;
  let internal: Awaited<ReturnType<typeof tripwire>>;
  // 23:30 UTC on Wednesday the 25th is 00:30 on Thursday the 26th in Bonn, where Deutsche Post's day
  // is counted (and picks up).
  const clock = new FixedClock(new Date('2026-11-25T23:30:00Z'));

  const form = (path: string, fields: Record<string, string>) =>
    agent.post(path).type('form').send({ _csrf: csrf, ...fields }).redirects(0);
  const saveStation = (fields: Record<string, string>) => form('/warehouse/station', { name: 'Desk 1', labelDpi: '203', labelSize: '4x6', ...fields });
  const listed = async () => (await agent.get('/warehouse').expect(200)).text.includes(`value="${shipmentId}"`);

  beforeAll(async () => {
    printerPort = (await printer.start()).port;
    internal = await tripwire();
    t = await startTestApp({ clock, env: { PRINTER_ALLOWED_HOSTS: `127.0.0.1:${printerPort},10.99.0.0/16` } });
    key = await t.keyWith('shipments');
    const booked = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(postalBooking({ reference: 'WH-TZ-1' })).expect(201);
    shipmentId = booked.body.id;
    agent = request.agent(t.url);
    await agent.post('/warehouse/login').type('form').send({ apiKey: key, station: 'Desk 1' }).expect(303);
    csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/warehouse/station').expect(200)).text)![1];
  });
  afterAll(async () => {
    await t?.close();
    await printer.stop();
    await internal?.close();
  });

  it('lists the allowed printers on the settings page', async () => {
    const page = (await agent.get('/warehouse/station').expect(200)).text;
    expect(page).toContain(`Printers an administrator allowed: 127.0.0.1:${printerPort}, 10.99.0.0/16`);
  });

  it.each([
    ['the database port on the same host', () => ({ printerHost: '127.0.0.1', printerPort: String(internal.port) })],
    ['cloud metadata', () => ({ printerHost: '169.254.169.254', printerPort: '80' })],
    ['an allowed block on another port', () => ({ printerHost: '10.99.1.2', printerPort: '22' })],
    ['a host name whose addresses are outside the list', () => ({ printerHost: 'localhost', printerPort: '9100' })],
  ])('refuses to save %s as the printer', async (_name, fields) => {
    const res = await saveStation(fields()).expect(303);
    expect(res.headers.location).toBe('/warehouse/station?error=PRINTER_NOT_ALLOWED');
    const page = (await agent.get(res.headers.location).expect(200)).text;
    expect(page).toContain('not on the list an administrator allowed');
    expect(page).toContain('no network printer');
  });

  it('saves an allowed printer (a block entry allows port 9100 only) and prints on it', async () => {
    expect((await saveStation({ printerHost: '10.99.1.2', printerPort: '9100' }).expect(303)).headers.location).toBe('/warehouse?notice=saved');
    expect((await saveStation({ printerHost: '127.0.0.1', printerPort: String(printerPort) }).expect(303)).headers.location).toBe('/warehouse?notice=saved');
    const res = await form('/warehouse/print', { ids: shipmentId, action: 'zpl' }).expect(303);
    expect(res.headers.location).toBe(`/warehouse/shipments/${shipmentId}?notice=printed`);
    const [job] = await printer.waitForJobs(1);
    expect(job.toString('utf8')).toContain('^XA');
  });

  it('checks the list again at every job: a printer saved before (or since removed) is refused without a connection', async () => {
    await t.app.get(DataSource).query(`UPDATE print_station SET printer_host = '127.0.0.1', printer_port = $1`, [internal.port]);
    const res = await form('/warehouse/print', { ids: shipmentId, action: 'zpl' }).expect(303);
    expect(res.headers.location).toBe(`/warehouse/shipments/${shipmentId}?error=PRINTER_NOT_ALLOWED`);
    expect(internal.connections()).toBe(0);
  });

  it("lists today's unprinted shipments by the origin's day, not the UTC date", async () => {
    const pdf = await form('/warehouse/print', { ids: shipmentId, action: 'pdf' });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Printed: the list is empty again; a new booking is due "today" in Bonn (the 26th) while UTC still says the 25th.
    expect(await listed()).toBe(false);
    const booked = await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(postalBooking({ reference: 'WH-TZ-2' })).expect(201);
    expect(booked.body).toMatchObject({ status: 'booked' });
    shipmentId = booked.body.id;
    const detail = await t.http().get(`/v1/shipments/${shipmentId}`).set(auth(key)).expect(200);
    expect(detail.body.shipDate).toBe('2026-11-26');
    expect(await listed()).toBe(true);
  });

  it("a station with its own time zone uses that zone's day", async () => {
    const save = (timeZone: string) => saveStation({ printerHost: '', printerPort: '9100', timeZone }).expect(303);
    expect((await save('America/New_York')).headers.location).toBe('/warehouse?notice=saved');
    // 18:30 on the 25th in New York: the parcel due on the 26th is not yet today's.
    expect(await listed()).toBe(false);
    await save('Europe/Warsaw');
    expect(await listed()).toBe(true);
    expect((await save('Mars/Olympus_Mons')).headers.location).toBe('/warehouse/station?error=bad_settings');
    expect((await agent.get('/warehouse/station').expect(200)).text).toContain('value="Europe/Warsaw"');
  });

  it('a hand-over at the station and one scanned through the API leave the same record', async () => {
    const book = async (reference: string) =>
      (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(postalBooking({ reference })).expect(201)).body.id as string;
    const atStation = await book('WH-HANDOVER-1');
    const throughApi = await book('WH-HANDOVER-2');
    expect((await form('/warehouse/handover', { ids: atStation }).expect(303)).headers.location).toMatch(/notice=handed_over$/);
    await t.http().post(`/v1/shipments/${throughApi}/events`).set(auth(key)).send({ type: 'handed_to_carrier' }).expect(201);
    for (const id of [atStation, throughApi]) {
      const s = (await t.http().get(`/v1/shipments/${id}`).set(auth(key)).expect(200)).body;
      expect({ id, status: s.status, handedOverAt: s.handedOverAt }).toEqual({ id, status: 'in_transit', handedOverAt: clock.now().toISOString() });
      const timeline = (await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(key)).expect(200)).body;
      expect(timeline.events.map((e: { source: string; code: string }) => `${e.source}:${e.code}`)).toEqual(['scan:scan.handed_to_carrier']);
      expect((await t.http().post(`/v1/shipments/${id}/cancel`).set(auth(key)).expect(409)).body.error.code).toBe('SHIPMENT_IN_TRANSIT');
      // The station shows it handed over and does not record it again.
      expect((await form('/warehouse/handover', { ids: id }).expect(303)).headers.location).toMatch(/notice=handed_over$/);
      expect((await t.http().get(`/v1/shipments/${id}/tracking`).set(auth(key)).expect(200)).body.events).toHaveLength(1);
    }
  });
});
