import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { auth, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

/** The seeded buyer: every value is distinctive so that a leak anywhere is found by a plain search. */
const BUYER = {
  name: 'Henrietta Quillfeather',
  company: 'Quillfeather Atelier',
  street1: 'Zinnowitzer Strasse 17',
  street2: 'Hinterhaus',
  city: 'Zürich',
  postalCode: '8005',
  country: 'CH',
  phone: '+41 44 987 65 43',
  email: 'henrietta.quillfeather@example.net',
};
const SHOP = { name: 'Lotte Versand', company: 'Versandhaus Bonn GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', phone: '+49 228 1234567', email: 'versand@shop.example' };
const ITEMS = [
  { sku: 'SC-1', description: 'Merino wool scarf', hsCode: '611710', originCountry: 'DE', quantity: 2, unitValue: { amount: '35.00', currency: 'EUR' } },
  { sku: 'MG-2', description: 'Stoneware mug', hsCode: '691200', originCountry: 'DE', quantity: 1, unitValue: { amount: '12.00', currency: 'EUR' } },
];

/** What must never appear in an anonymous answer (page or JSON), in any spelling we can think of. */
const PERSONAL = [
  'Henrietta',
  'Quillfeather',
  'Zinnowitzer',
  'Hinterhaus',
  '987 65 43',
  '9876543',
  '41449876543',
  'henrietta.quillfeather',
  'example.net',
  'Merino wool scarf',
  'Stoneware mug',
];

interface Booked {
  id: string;
  token: string;
  trackingNumber: string;
  parcels: string[];
}

describe('public tracking: page, JSON, verification, lookup, privacy', () => {
  let t: TestApp;
  let shipKey: string;
  let writer: string;
  let a: Booked;
  let b: Booked;
  /** Every anonymous response body of this suite, scanned at the end. */
  const anonymous: { what: string; body: string }[] = [];
  let ip = 0;
  /** A fresh client address per call: failure budgets per address stay out of the way of these tests. */
  const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

  const book = async (overrides: Record<string, unknown>): Promise<Booked> => {
    const res = await t
      .http()
      .post('/v1/shipments')
      .set(auth(shipKey))
      .set('Idempotency-Key', randomUUID())
      .send({
        carrier: 'deutsche-post',
        service: 'paket-international',
        reference: 'ORDER-5150',
        shipFrom: SHOP,
        shipTo: BUYER,
        parcels: [{ weight: { value: 1.2, unit: 'kg' } }],
        items: ITEMS,
        incoterm: 'DAP',
        ...overrides,
      })
      .expect(201);
    return {
      id: res.body.id,
      token: res.body.trackingUrl.split('/t/')[1],
      trackingNumber: res.body.trackingNumber,
      parcels: res.body.parcels.map((p: { trackingNumber: string }) => p.trackingNumber),
    };
  };
  const events = (trackingNumber: string, list: object[], extra: object = {}) =>
    t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber, events: list, ...extra }).expect(200);

  /** An anonymous GET (recorded for the privacy scan). */
  const get = async (path: string, headers: Record<string, string> = {}): Promise<Response> => {
    const res = await t.http().get(path).set({ 'X-Forwarded-For': nextIp(), ...headers });
    anonymous.push({ what: `GET ${path} ${JSON.stringify(headers)}`, body: res.text });
    return res;
  };
  const post = async (path: string, body: object, headers: Record<string, string> = {}, record = true): Promise<Response> => {
    const res = await t.http().post(path).set({ 'X-Forwarded-For': nextIp(), ...headers }).send(body);
    if (record) anonymous.push({ what: `POST ${path}`, body: res.text });
    return res;
  };
  const withoutRequestId = (body: { error: Record<string, unknown> }) => ({ ...body, error: { ...body.error, requestId: undefined } });

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_ENABLED: 'false', TRUSTED_PROXY_HOPS: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    shipKey = await t.keyWith('shipments');
    writer = await t.keyWith('tracking:write');
    // One order, two shipments: a two-parcel shipment and a later one-parcel shipment.
    a = await book({ parcels: [{ weight: { value: 1.2, unit: 'kg' } }, { weight: { value: 0.8, unit: 'kg' } }] });
    b = await book({});
    await events(
      a.trackingNumber,
      [
        { code: 'PCKDU', description: 'Picked up at Versandhaus Bonn', occurredAt: '2026-11-23T16:45:00+01:00', location: { city: 'Bonn', country: 'DE', postalCode: '53113' } },
        { code: 'LDTMV', description: 'Departed parcel centre', occurredAt: '2026-11-23T22:10:00+01:00', location: { city: 'Köln', country: 'DE' } },
        {
          status: 'customs',
          substatus: 'duties_due',
          description: 'Held for duties. Recipient Henrietta Quillfeather, Zinnowitzer Strasse 17, tel +41 44 987 65 43, henrietta.quillfeather@example.net',
          occurredAt: '2026-11-25T08:15:00',
          location: { city: 'Zürich', country: 'CH', postalCode: '8005' },
        },
      ],
      { estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' } },
    );
    await events(a.parcels[1], [{ code: 'PCKDU', occurredAt: '2026-11-23T16:50:00+01:00', location: { city: 'Bonn', country: 'DE' } }]);
    await events(b.trackingNumber, [
      { code: 'PCKDU', occurredAt: '2026-11-24T10:00:00+01:00', location: { city: 'Bonn', country: 'DE' } },
      { code: 'DLVRD', description: 'Delivered, signed by H. QUILLFEATHER', occurredAt: '2026-11-26T11:02:00', location: { city: 'Zürich', country: 'CH' } },
    ]);
  });
  afterAll(() => t?.close());

  it('the page shows status, progress bar with its text, window, customs with the DAP duties, the timeline and the other parcels', async () => {
    const res = await get(`/t/${a.token}`, { 'Accept-Language': 'en-GB,en;q=0.8' }).then((r) => r);
    expect(res.status).toBe(200);
    const html = res.text;
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<h1>In customs</h1>');
    expect(html).toContain('Duties and taxes must be paid');
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="3"[^>]*aria-valuetext="Step 3 of 5: Customs"/);
    expect(html).toContain('Between Fri 27 Nov and Sat 28 Nov');
    expect(html).toContain('Duties and taxes must be paid before delivery');
    expect(html).toContain('Deutsche Post DHL');
    // Timeline: newest first, local time with the zone named (the Swiss scan came without an offset).
    expect(html.indexOf('Zürich, Switzerland')).toBeLessThan(html.indexOf('Köln, Germany'));
    expect(html).toContain('<time datetime="2026-11-23T22:10:00+01:00">Mon, 23 Nov 2026, 22:10</time> <span class="zone">(Central European Standard Time)</span>');
    expect(html).toContain('<time datetime="2026-11-25T08:15:00+01:00">Wed, 25 Nov 2026, 08:15</time> <span class="zone">(Central European Standard Time)</span>');
    // The masked numbers only.
    expect(html).not.toContain(a.trackingNumber);
    expect(html).toContain(`${a.trackingNumber.slice(0, 2)}•••••••${a.trackingNumber.slice(-4)}`);
    // Three parcels in the order: two of shipment A, one of B (delivered).
    expect(html).toContain('Parcel 1 of 3');
    expect(html).toContain('Parcel 3 of 3');
    expect(html).toMatch(/Parcel 3 of 3[\s\S]*Delivered/);
    // The verification form, without JavaScript.
    expect(html).toMatch(new RegExp(`<form method="post" action="/t/${a.token}/verify\\?lang=en" novalidate>`));
  });

  it('the JSON has the API.md shape and is exactly what the page shows', async () => {
    const json = await get(`/v1/public/tracking/${a.token}`);
    expect(json.status).toBe(200);
    const v = json.body;
    expect(v).toMatchObject({
      status: 'customs',
      substatus: 'customs.duties_due',
      carrier: 'deutsche-post',
      trackingNumberMasked: expect.stringMatching(/^CX•+\d{2}DE$/),
      estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' },
      customs: { required: true, state: 'duties_due', incoterm: 'DAP', dutiesDue: true, dutiesPayer: 'recipient' },
      returns: [],
      verified: null,
    });
    expect(v.events).toHaveLength(3);
    for (const e of v.events) expect(Object.keys(e.location).sort()).toEqual(['city', 'country', 'countryName']);
    expect(v.events[0]).toMatchObject({ status: 'customs', occurredAt: '2026-11-25T08:15:00+01:00', location: { city: 'Zürich', country: 'CH' } });
    // Everything the JSON says in words is on the page, and the other way round for the key facts.
    const page = (await get(`/t/${a.token}`)).text;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const shown = [
      v.statusText,
      v.substatusText,
      v.progress.text,
      v.trackingNumberMasked,
      v.estimatedDelivery.text,
      v.customs.stateText,
      v.customs.dutiesText,
      ...v.events.flatMap((e: Record<string, string>) => [e.statusText, e.occurredAtText, e.timeZoneText, e.occurredAt, e.description].filter(Boolean)),
      ...v.parcels.flatMap((p: Record<string, string>) => [p.label, p.trackingNumberMasked, p.statusText]),
    ];
    for (const text of shown) expect({ text, onPage: page.includes(esc(text)) }).toEqual({ text, onPage: true });
    // The JSON leaks nothing the page does not show: no raw number, no postal codes, no carrier free text.
    expect(JSON.stringify(v)).not.toContain(a.trackingNumber);
    expect(JSON.stringify(v)).not.toMatch(/53113|"8005"|postalCode/);
  });

  it('languages: Accept-Language picks one, ?lang= switches, dates follow the language', async () => {
    const cases: [Record<string, string>, string, string, string][] = [
      [{ 'Accept-Language': 'de-CH,de;q=0.9' }, '', 'de', '<h1>Beim Zoll</h1>'],
      [{ 'Accept-Language': 'fr-FR' }, '', 'fr', '<h1>En douane</h1>'],
      [{ 'Accept-Language': 'es' }, '', 'es', '<h1>En aduana</h1>'],
      [{ 'Accept-Language': 'zh-CN,zh;q=0.9' }, '', 'zh-Hans', '<h1>清关中</h1>'],
      [{ 'Accept-Language': 'de' }, '?lang=es', 'es', '<h1>En aduana</h1>'],
      [{ 'Accept-Language': 'ja' }, '', 'en', '<h1>In customs</h1>'],
    ];
    for (const [headers, query, lang, heading] of cases) {
      const res = await get(`/t/${a.token}${query}`, headers);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<html lang="${lang}"`);
      expect(res.headers['content-language']).toBe(lang);
      expect(res.text).toContain(heading);
      // The switch: a link per language, the current one marked.
      for (const l of ['en', 'de', 'fr', 'es', 'zh']) expect(res.text).toContain(`href="/t/${a.token}?lang=${l}"`);
    }
    const de = await get(`/v1/public/tracking/${a.token}?lang=de`);
    expect(de.body).toMatchObject({ language: 'de', statusText: 'Beim Zoll', events: [expect.objectContaining({ timeZoneText: 'Mitteleuropäische Normalzeit' }), expect.anything(), expect.anything()] });
    expect(de.body.events[1].location.countryName).toBe('Deutschland');
    const zh = await get(`/v1/public/tracking/${a.token}`, { 'Accept-Language': 'zh' });
    expect(zh.body.estimatedDelivery.text).toBe('11月27日周五 至 11月28日周六');
  });

  it('security and caching headers on every page; the anonymous view may be cached briefly, per language and cookie', async () => {
    const pages = [await get(`/t/${a.token}`), await get('/t/this-token-does-not-exist-at-all'), await get('/t'), await get(`/t?number=${a.trackingNumber}&postalCode=8005`)];
    for (const res of pages) {
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'];
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toMatch(/unsafe-inline|script-src/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.text).not.toMatch(/<script/i);
    }
    expect(pages[0].headers['cache-control']).toBe('public, max-age=60');
    expect(pages[0].headers.vary).toBe('Accept-Language, Cookie');
    expect(pages[1].status).toBe(404);
    expect(pages[1].headers['cache-control']).toBe('private, no-store');
    expect(pages[1].text).toContain('<h1>Parcel not found</h1>');
    expect(pages[3].headers['cache-control']).toBe('private, no-store');
    const json = await get(`/v1/public/tracking/${a.token}`);
    expect(json.headers['cache-control']).toBe('public, max-age=60');
    expect(json.headers.vary).toBe('Accept-Language, Cookie');
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['access-control-allow-origin']).toBe('*');
  });

  it('unknown token, wrong postal code and unknown number: the same 404 body', async () => {
    const unknownToken = await post('/v1/public/tracking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/verify', { postalCode: '8005' });
    const malformedToken = await post('/v1/public/tracking/x/verify', { postalCode: '8005' });
    const wrongCode = await post(`/v1/public/tracking/${a.token}/verify`, { postalCode: '8006' });
    const unknownNumber = await get(`/v1/public/tracking?number=CX999999999DE&postalCode=8005`);
    const wrongNumberCode = await get(`/v1/public/tracking?number=${a.trackingNumber}&postalCode=8006`);
    const unknownTokenGet = await get('/v1/public/tracking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const all = [unknownToken, malformedToken, wrongCode, unknownNumber, wrongNumberCode, unknownTokenGet];
    for (const res of all) {
      expect(res.status).toBe(404);
      expect(withoutRequestId(res.body)).toEqual(withoutRequestId(all[0].body));
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect(all[0].body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No parcel matches these details', details: [] });
  });

  it('verify: the right postal code (any case or spacing) unlocks the masked address and the items; the cookie keeps it, never cached', async () => {
    const res = await post(`/v1/public/tracking/${a.token}/verify`, { postalCode: ' 80 05 ' }, {}, false);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.verified).toEqual({
      orderReference: 'ORDER-5150',
      address: { lines: ['H••• Q•••', 'Q••• A•••', 'Z••• S••• •••', 'H•••', '80••• Zürich'], country: 'CH', countryName: 'Switzerland' },
      items: [
        { description: 'Merino wool scarf', quantity: 2, text: '2 × Merino wool scarf' },
        { description: 'Stoneware mug', quantity: 1, text: '1 × Stoneware mug' },
      ],
    });
    // Verified readers see the carrier's words, scrubbed of the buyer's data.
    expect(res.body.events[0].description).toBe('Held for duties. Recipient …, …, tel …, …');
    const cookie = res.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^pwv_[0-9a-f]{16}=[0-9a-z]+\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=86400; HttpOnly; SameSite=Lax$/);
    const pair = cookie.split(';')[0];
    const page = await t.http().get(`/t/${a.token}`).set('Cookie', pair).expect(200);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.text).toContain('<h2 id="verified-h">Delivery details</h2>');
    expect(page.text).toContain('80••• Zürich');
    expect(page.text).toContain('2 × Merino wool scarf');
    expect(page.text).not.toContain('<form method="post"');
    const json = await t.http().get(`/v1/public/tracking/${a.token}`).set('Cookie', pair).expect(200);
    expect(json.headers['cache-control']).toBe('private, no-store');
    expect(json.headers['access-control-allow-origin']).toBeUndefined();
    expect(json.body.verified.address.lines).toContain('80••• Zürich');
    // The cookie of one token does nothing for another.
    const other = await get(`/t/${b.token}`, { Cookie: pair.replace(/^pwv_[0-9a-f]+/, (n) => n) });
    expect(other.text).not.toContain('Delivery details</h2>');
    // A forged cookie value is ignored.
    const forged = await get(`/t/${a.token}`, { Cookie: pair.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    expect(forged.text).not.toContain('Delivery details</h2>');
    expect(forged.headers['cache-control']).toBe('public, max-age=60');
  });

  it('the page form works without JavaScript: post, redirect, verified page; a wrong code shows the form again with its error', async () => {
    const wrong = await t
      .http()
      .post(`/t/${a.token}/verify?lang=de`)
      .set('X-Forwarded-For', nextIp())
      .type('form')
      .send({ postalCode: '9999' });
    anonymous.push({ what: 'form wrong code', body: wrong.text });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('<p class="error" id="verify-error" role="alert">Diese Postleitzahl passt nicht zu dieser Sendung.');
    expect(wrong.headers['cache-control']).toBe('private, no-store');
    const empty = await t.http().post(`/t/${a.token}/verify`).set('X-Forwarded-For', nextIp()).type('form').send({ postalCode: '' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Please enter a postal code.');
    const right = await t.http().post(`/t/${a.token}/verify?lang=de`).set('X-Forwarded-For', nextIp()).type('form').send({ postalCode: '8005' }).expect(303);
    expect(right.headers.location).toBe(`/t/${a.token}?lang=de#details`);
    const pair = (right.headers['set-cookie'][0] as string).split(';')[0];
    const page = await t.http().get(`/t/${a.token}?lang=de`).set('Cookie', pair).expect(200);
    expect(page.text).toContain('<h2 id="verified-h">Lieferdetails</h2>');
    expect(page.text).toContain('Bestellung ORDER-5150');
    // A form posted from another site is refused.
    await t.http().post(`/t/${a.token}/verify`).set('Sec-Fetch-Site', 'cross-site').type('form').send({ postalCode: '8005' }).expect(403);
  });

  it('a signed merchant link opens the verified view once, then lives on as the cookie; tampered links give the anonymous page', async () => {
    const link = await t.http().post(`/v1/shipments/${a.id}/tracking-link`).set(auth(shipKey)).send({ expiresInDays: 7 }).expect(200);
    expect(link.body.url).toMatch(new RegExp(`/t/${a.token}\\?v=[0-9a-z]+\\.[A-Za-z0-9_-]{43}$`));
    expect(new Date(link.body.verifiedUntil).getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);
    const path = link.body.url.slice(link.body.url.indexOf('/t/'));
    const res = await t.http().get(path).set('Accept-Language', 'fr').expect(303);
    expect(res.headers.location).toBe(`/t/${a.token}?lang=fr`);
    expect(res.headers['set-cookie'][0]).toMatch(/HttpOnly; SameSite=Lax/);
    const json = await t.http().get(`/v1/public/tracking/${a.token}?v=${path.split('v=')[1]}`).expect(200);
    expect(json.body.verified).not.toBeNull();
    const tampered = await get(`/t/${a.token}?v=${path.split('v=')[1].replace(/^[0-9a-z]+/, 'zzzzzz')}`);
    expect(tampered.status).toBe(200);
    expect(tampered.text).not.toContain('Delivery details</h2>');
    // A link of another shipment does not open this one.
    const otherLink = await t.http().post(`/v1/shipments/${b.id}/tracking-link`).set(auth(shipKey)).send({}).expect(200);
    const foreign = await get(`/t/${a.token}?v=${otherLink.body.url.split('v=')[1]}`);
    expect(foreign.text).not.toContain('Delivery details</h2>');
    // Unsigned links and the scope rule.
    const plain = await t.http().post(`/v1/shipments/${a.id}/tracking-link`).set(auth(shipKey)).send({ verified: false }).expect(200);
    expect(plain.body).toEqual({ url: `${t.config.publicBaseUrl}/t/${a.token}`, verifiedUntil: null });
    await t.http().post(`/v1/shipments/${a.id}/tracking-link`).set(auth(await t.keyWith('quotes'))).send({}).expect(403);
    const bad = await t.http().post(`/v1/shipments/${a.id}/tracking-link`).set(auth(shipKey)).send({ expiresInDays: 365, extra: 1 }).expect(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['expiresInDays', 'extra']);
  });

  it('lookup by tracking number needs the destination postal code too', async () => {
    const ok = await get(`/v1/public/tracking?number=${a.parcels[1].toLowerCase()}&postalCode=8005`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'in_transit', verified: null, parcels: expect.arrayContaining([expect.objectContaining({ current: true, label: 'Parcel 2 of 3' })]) });
    const numberOnly = await get(`/v1/public/tracking?number=${a.trackingNumber}`);
    expect(numberOnly.status).toBe(400);
    expect(new Set(numberOnly.body.error.details.map((d: { path: string }) => d.path))).toEqual(new Set(['postalCode']));
    const page = await get(`/t?number=${a.trackingNumber}&postalCode=8005&lang=es`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>En aduana</h1>');
    expect(page.text).not.toContain('<form method="post"');
    const wrong = await get(`/t?number=${a.trackingNumber}&postalCode=1234`);
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('<form method="get" action="/t">');
  });

  it('unknown query parameters on the page (newsletter tracking) are ignored, not refused', async () => {
    const res = await get(`/t/${a.token}?utm_source=mail&utm_campaign=x&lang=de`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Beim Zoll</h1>');
  });

  it('privacy: no name, street, phone number, email or item of the buyer in any anonymous answer', async () => {
    expect(anonymous.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const { what, body } of anonymous) {
      for (const secret of PERSONAL) if (body.toLowerCase().includes(secret.toLowerCase())) leaks.push(`${what}: ${secret}`);
      // The postal code is the verification secret: never shown on token pages (the lookup echoes what was typed).
      if (!what.includes('postalCode=') && /\b8005\b/.test(body.replace(/"\d{4}-\d{2}-\d{2}[^"]*"/g, ''))) leaks.push(`${what}: postal code`);
    }
    expect(leaks).toEqual([]);
  });
});
