import { randomUUID } from 'node:crypto';
import { LabelConverter } from '../src/documents/conversion/label-converter';
import { readLabel } from './documents/barcode-reader';
import { asBytes, pageSizes, pageToPng, pdfText } from './documents/pdf-tools';
import { BONN, expressBooking, NEW_YORK, postalBooking, TSHIRTS } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

/** Labels and customs documents as a warehouse receives them: real PDFs and ZPL, read back like a scanner would. */
jest.setTimeout(180_000);

describe('documents: labels and customs papers', () => {
  let t: TestApp;
  let key: string;
  let postal: { id: string; parcels: { trackingNumber: string }[]; documents: { type: string }[] };
  const get = (path: string) => asBytes(t.http().get(path).set(auth(key)));

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments');
    const parcels = [
      { weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } },
      { weight: { value: 1.2, unit: 'kg' } },
    ];
    postal = (
      await t
        .http()
        .post('/v1/shipments')
        .set(auth(key))
        .set('Idempotency-Key', randomUUID())
        .send(postalBooking({ parcels, shipTo: { ...NEW_YORK, importerIgnored: undefined } }))
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  it.each([
    ['4x6', { width: 288, height: 432 }],
    ['a6', { width: 297.64, height: 419.53 }],
    ['a4', { width: 595.28, height: 841.89 }],
  ])('PDF %s: one page per parcel at the paper size, each Code 128 decoding to its tracking number', async (size, dims) => {
    const res = await get(`/v1/shipments/${postal.id}/label?format=pdf&size=${size}`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(await pageSizes(pdf)).toEqual([dims, dims]);
    for (const [i, parcel] of postal.parcels.entries()) {
      const codes = readLabel(await pageToPng(pdf, i + 1, 150), size as '4x6' | 'a6' | 'a4');
      expect(codes.code128).toBe(parcel.trackingNumber);
      expect(codes.matrix).toMatch(new RegExp(`^PW1\\|${parcel.trackingNumber}\\|US\\|10118\\|[0-9A-Z]*\\|${i + 1}/2\\|${i === 0 ? '2.50' : '1.20'}$`));
    }
  });

  it('the label carries sender, recipient, service, weight, piece n of m, reference and routing zone', async () => {
    const pdf = (await get(`/v1/shipments/${postal.id}/label`).expect(200)).body as Buffer;
    const text = pdfText(pdf);
    for (const expected of ['DEUTSCHE POST DHL', 'DHL Paket International', 'FROM', 'Acme GmbH', '53113 Bonn', 'TO', 'Jane Doe', '350 Fifth Avenue', 'New York NY 10118', 'Tel. +1 212 555 0100', '2.50 kg', '1.20 kg', '1 of 2', '2 of 2', 'ORDER-1001', 'ROUTING', postal.parcels[0].trackingNumber, postal.parcels[1].trackingNumber]) {
      expect(text).toContain(expected);
    }
  });

  it.each([
    [203, 812, 1218],
    [300, 1200, 1800],
  ])('ZPL II at %i dpi: one ^XA..^XZ per parcel sized for 4x6, printable and scannable', async (dpi, width, height) => {
    const res = await get(`/v1/shipments/${postal.id}/label?format=zpl&dpi=${dpi}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const zpl = (res.body as Buffer).toString('utf8');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(zpl.match(/\^XZ/g)).toHaveLength(2);
    expect(zpl).toContain(`^PW${width}`);
    expect(zpl).toContain(`^LL${height}`);
    expect(zpl).toContain('^BCN');
    expect(zpl).toContain('^BXN');
    // Printed by an offline ZPL renderer, then read back.
    const images = await new LabelConverter().zplToPngs(zpl, dpi as 203 | 300);
    expect(images).toHaveLength(2);
    for (const [i, parcel] of postal.parcels.entries()) {
      const codes = readLabel(images[i], '4x6');
      expect(codes.code128).toBe(parcel.trackingNumber);
      expect(codes.matrix).toContain(`PW1|${parcel.trackingNumber}|US|10118|`);
    }
  });

  it('commercial invoice: parties with tax ids, terms, items with HS code and origin, totals, declaration', async () => {
    const res = await get(`/v1/shipments/${postal.id}/documents/commercial_invoice`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(await pageSizes(res.body as Buffer)).toEqual([{ width: 595.28, height: 841.89 }]);
    for (const expected of [
      'COMMERCIAL INVOICE',
      postal.id,
      'EXPORTER / SHIPPER',
      'Acme GmbH',
      'EORI: DE123456789012345',
      'VAT: DE123456789',
      'IMPORTER / CONSIGNEE',
      'Jane Doe',
      'DAP New York, United States',
      'Sale of goods',
      'Cotton T-shirt (TS-1)',
      '610910',
      'PT',
      '420231',
      'IT',
      '12.50',
      '125.00',
      '45.99',
      '91.98',
      'Goods (EUR)',
      '216.98',
      'Freight',
      'Total invoice value (EUR)',
      'I/We hereby certify',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('CN 23 for a postal parcel above the small-packet limits', async () => {
    const text = pdfText((await get(`/v1/shipments/${postal.id}/documents/cn23`).expect(200)).body as Buffer);
    for (const expected of ['CUSTOMS DECLARATION', 'CN 23', 'Deutsche Post DHL', 'Cotton T-shirt', '610910', 'Total value: 216.98 EUR', 'Sale of goods', 'I certify that the particulars']) {
      expect(text).toContain(expected);
    }
    await get(`/v1/shipments/${postal.id}/documents/cn22`).expect(404);
    await get(`/v1/shipments/${postal.id}/documents/packing_slip`).expect(400);
  });

  it('CN 22 for a light, low-value postal packet', async () => {
    const small = (
      await t
        .http()
        .post('/v1/shipments')
        .set(auth(key))
        .set('Idempotency-Key', randomUUID())
        .send(
          postalBooking({
            service: 'packet-tracked',
            parcels: [{ weight: { value: 0.6, unit: 'kg' }, dimensions: { length: 25, width: 18, height: 5, unit: 'cm' } }],
            items: [TSHIRTS[0]],
            customs: { reason: 'gift' },
          }),
        )
        .expect(201)
    ).body;
    expect(small.customs.documents).toEqual(['cn22']);
    expect(small.trackingNumber).toMatch(/^LX\d{9}DE$/);
    const res = await get(`/v1/shipments/${small.id}/documents/cn22`).expect(200);
    expect(await pageSizes(res.body as Buffer)).toEqual([{ width: 288, height: 432 }]);
    const text = pdfText(res.body as Buffer);
    for (const expected of ['CUSTOMS DECLARATION', 'CN 22', '10 x Cotton T-shirt', 'HS 610910 origin PT', '125.00', 'Total gross weight (kg)']) expect(text).toContain(expected);
  });

  it('courier shipments get a commercial invoice and no postal form', async () => {
    const s = (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(expressBooking({ shipFrom: BONN })).expect(201)).body;
    expect(s.customs.documents).toEqual(['commercial_invoice']);
    await get(`/v1/shipments/${s.id}/documents/commercial_invoice`).expect(200);
    await get(`/v1/shipments/${s.id}/documents/cn23`).expect(404);
    const text = pdfText((await get(`/v1/shipments/${s.id}/label`).expect(200)).body as Buffer);
    expect(text).toContain('DDP');
  });
});
