import { randomUUID } from 'node:crypto';
import { LabelConverter } from '../src/documents/conversion/label-converter';
import { readLabel } from './documents/barcode-reader';
import { asBytes, pageSizes, pageToPng, pdfText } from './documents/pdf-tools';
import { BONN, NEW_YORK, postalBooking, TSHIRTS } from './documents/shipment-bodies';
import { auth, startTestApp, TestApp } from './support/test-app';

/**
 * Names in other scripts on labels and customs papers: the PDFs embed a Unicode font, so their text
 * layer (what pdftotext reads) holds every name exactly as the merchant sent it; ZPL sends them as UTF-8.
 */
jest.setTimeout(180_000);

const RECIPIENT = {
  ...NEW_YORK,
  name: 'Zoë Müller',
  company: 'Дмитрий Ñandú',
  street1: 'Ελληνικά 12',
  street2: 'ul. Łódź 5',
};
const SENDER_NAME = 'Ελένη Παπαδοπούλου';
const ITEM = { ...TSHIRTS[0], description: 'Футболка Ελληνικά Łódź' };

describe('documents: names in Latin-extended, Greek and Cyrillic script', () => {
  let t: TestApp;
  let key: string;
  let shipment: { id: string; shipDate: string; parcels: { trackingNumber: string }[] };
  const get = (path: string) => asBytes(t.http().get(path).set(auth(key)));
  const book = async (body: Record<string, unknown>) => (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body).expect(201)).body;

  beforeAll(async () => {
    t = await startTestApp();
    key = await t.keyWith('shipments');
    shipment = await book(
      postalBooking({
        shipFrom: { ...BONN, name: SENDER_NAME },
        shipTo: RECIPIENT,
        items: [ITEM, TSHIRTS[1]],
      }),
    );
  });
  afterAll(() => t.close());

  it.each(['4x6', 'a6', 'a4'])('PDF label %s: every name in the text layer exactly as written, barcode still scannable', async (size) => {
    const pdf = (await get(`/v1/shipments/${shipment.id}/label?format=pdf&size=${size}`).expect(200)).body as Buffer;
    const text = pdfText(pdf);
    for (const expected of ['Zoë Müller', 'Дмитрий Ñandú', 'Ελληνικά 12', 'ul. Łódź 5', SENDER_NAME, 'Acme GmbH', 'New York NY 10118']) expect(text).toContain(expected);
    expect(text).not.toContain('?');
    expect(await pageSizes(pdf)).toHaveLength(1);
    if (size === '4x6') {
      expect(readLabel(await pageToPng(pdf, 1, 150), '4x6').code128).toBe(shipment.parcels[0].trackingNumber);
    }
  });

  it('commercial invoice and CN 23 carry the names and the item description exactly', async () => {
    for (const doc of ['commercial_invoice', 'cn23']) {
      const text = pdfText((await get(`/v1/shipments/${shipment.id}/documents/${doc}`).expect(200)).body as Buffer);
      for (const expected of [shipment.id, 'Zoë Müller', 'Дмитрий Ñandú', 'Ελληνικά 12', 'ul. Łódź 5', SENDER_NAME, 'Футболка Ελληνικά Łódź']) expect(text).toContain(expected);
    }
  });

  it('ZPL: the names travel as UTF-8 (^CI28, ^FH hex) in fields set in the resident Unicode font, and still print', async () => {
    const zpl = ((await get(`/v1/shipments/${shipment.id}/label?format=zpl&dpi=203`).expect(200)).body as Buffer).toString('utf8');
    expect(zpl).toContain('^CI28');
    const decoded = Buffer.from(zpl.replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    for (const expected of ['Zoë Müller', 'Дмитрий Ñandú', 'Ελληνικά 12', 'ul. Łódź 5', SENDER_NAME]) expect(decoded).toContain(`^FD${expected}^FS`);
    expect(decoded).toMatch(/\^A@N,\d+,\d+,E:TT0003M_\.TTF\^FB\d+,1,0,L\^FH\^FDДмитрий Ñandú\^FS/);
    const [image] = await new LabelConverter().zplToPngs(zpl, 203);
    expect(readLabel(image, '4x6').code128).toBe(shipment.parcels[0].trackingNumber);
  });

  it('a name with ^ and ~ neither breaks the ZPL nor the PDF', async () => {
    const s = await book(postalBooking({ shipTo: { ...RECIPIENT, name: 'Ζωή ^XZ~JR Caret' } }));
    const zpl = ((await get(`/v1/shipments/${s.id}/label?format=zpl`).expect(200)).body as Buffer).toString('utf8');
    expect(zpl).not.toContain('~');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).toContain('^FH^FD_CE_96_CF_89_CE_AE _5EXZ_7EJR Caret^FS');
    const text = pdfText((await get(`/v1/shipments/${s.id}/label`).expect(200)).body as Buffer);
    expect(text).toContain('Ζωή ^XZ~JR Caret');
  });

  it('CJK, which the embedded font lacks, prints as ? (never as other characters), the rest of the line as written', async () => {
    const s = await book(postalBooking({ shipTo: { ...RECIPIENT, name: 'Zoë 東京都' } }));
    const text = pdfText((await get(`/v1/shipments/${s.id}/label`).expect(200)).body as Buffer);
    expect(text).toContain('Zoë ???');
  });

  it('the manifest lists the recipients as written, after documents that embedded accented letters', async () => {
    // The carrier's pick-up day (after its cut-off or on a weekend, the next working day).
    const res = await t.http().post('/v1/manifests').set(auth(key)).send({ carrier: 'deutsche-post', date: shipment.shipDate }).expect(201);
    const text = pdfText((await get(`/v1/manifests/${res.body.id}/document?format=pdf`).expect(200)).body as Buffer);
    // The recipient column shows the company where there is one.
    expect(text.match(/Дмитрий Ñandú, 10118/g)).toHaveLength(3);
    for (const expected of ['Deutsche Post DHL - end-of-day manifest', 'Tracking number', 'Name:']) expect(text).toContain(expected);
  });
});
