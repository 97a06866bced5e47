import { compressRow, rasterToZpl } from '../conversion/zpl-graphic';
import { dataMatrixSide, encodeDataMatrix } from './barcode-encoder';
import { renderLabelsZpl, zplField } from './label-zpl.renderer';
import type { LabelData } from './label.types';
import { printableText } from './printable-text';

const label: LabelData = {
  carrierName: 'Deutsche Post DHL',
  serviceName: 'DHL Paket International',
  trackingNumber: 'CX123456785DE',
  shipFrom: { name: 'Acme GmbH', street1: 'Poststraße 1', city: 'Bonn', postalCode: '53113', country: 'DE' },
  shipTo: { name: 'Zoë ^Caret~Tilde_', street1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
  weightKg: 2.5,
  piece: { index: 1, count: 1 },
  shipDate: '2026-11-27',
  reference: 'ORDER-1',
  routingCode: 'Z5',
};

describe('ZPL labels', () => {
  it.each([
    ['plain', 'plain'],
    ['^FS injection ~JR', '_5EFS injection _7EJR'],
    ['under_score', 'under_5Fscore'],
    ['Straße', 'Stra_C3_9Fe'],
  ])('field data %s is escaped for ^FH', (input, expected) => expect(zplField(input)).toBe(expected));

  it('no field can end the format early: every ^ in the output is a command', () => {
    const zpl = renderLabelsZpl([label], 203);
    const commands = zpl.match(/\^[A-Z0-9]{1,2}/g) ?? [];
    expect(zpl.split('^').length - 1).toBe(commands.length);
    expect(zpl).not.toContain('~');
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it.each([
    [203, '^PW812', '^LL1218'],
    [300, '^PW1200', '^LL1800'],
  ] as const)('%i dpi sizes the 4x6 label', (dpi, pw, ll) => {
    const zpl = renderLabelsZpl([label, { ...label, piece: { index: 2, count: 2 } }], dpi);
    expect(zpl).toContain(pw);
    expect(zpl).toContain(ll);
    expect(zpl.match(/\^XZ/g)).toHaveLength(2);
    expect(zpl).toContain('^FDCX123456785DE^FS');
  });

  it('the Data Matrix size estimate never undersizes what bwip-js encodes', () => {
    for (const data of ['PW1|CX123456785DE|US|62701|Z5|1/1|2.50', 'PW1|1Z5R89390357567127|GB|SW1A1AA||10/12|12.5', 'ÄÖÜ', '0123456789'.repeat(5)]) {
      const encoded = encodeDataMatrix(data);
      expect(dataMatrixSide(data)).toBeGreaterThanOrEqual(Math.max(encoded.columns, encoded.rows));
    }
  });
});

describe('ZPL graphic compression', () => {
  it.each([
    ['FFFF', 'JF'],
    ['FFF', 'IF'],
    ['F0F0', 'F0F,'],
    ['0000', ','],
    ['A', 'A'],
    ['F'.repeat(21), 'gGF'],
    ['F'.repeat(40), 'hF'],
  ])('%s -> %s', (row, expected) => expect(compressRow(row)).toBe(expected));

  it('repeats identical rows with ":" and centres the image', () => {
    // Opaque black pixels (transparent ones count as paper).
    const rgba = new Uint8Array(16 * 4 * 4).map((_, i) => (i % 4 === 3 ? 255 : 0));
    const zpl = rasterToZpl({ width: 16, height: 4, rgba }, 32, 4);
    expect(zpl).toContain('^FO8,0^GFA,8,8,2,');
    expect(zpl).toContain('JF:::');
  });
});

describe('printableText', () => {
  it.each([
    ['Müller', 'Müller'],
    ['Łódź', 'Lódz'],
    ['Dvořák', 'Dvorák'],
    ['東京', '??'],
    ['a\nb', 'a b'],
  ])('%s -> %s', (input, expected) => expect(printableText(input)).toBe(expected));
});
