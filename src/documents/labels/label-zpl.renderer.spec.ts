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
    ['Łódź', 'Łódź'],
    ['Dvořák', 'Dvořák'],
    ['Ñandú', 'Ñandú'],
    ['Ελληνικά', 'Ελληνικά'],
    ['Дмитрий', 'Дмитрий'],
    // Decomposed input prints composed.
    ['Zoe\u0308', 'Zoë'],
    // Full-width forms print as their plain letters; the font has no CJK ideographs.
    ['ＡＢＣ', 'ABC'],
    ['東京都', '???'],
    ['a\nb\tc', 'a b c'],
    ['bell\u0007', 'bell?'],
  ])('%s -> %s', (input, expected) => expect(printableText(input)).toBe(expected));
});

describe('ZPL labels with names in other scripts', () => {
  const names = { name: 'Zoë Müller', company: 'Дмитрий Ñandú', street1: 'Ελληνικά 12', street2: 'Łódź', city: 'Αθήνα' };
  const unicodeLabel: LabelData = { ...label, shipTo: { ...label.shipTo, ...names, region: undefined, postalCode: '10557', country: 'GR' } };

  /** The text of every field as the printer decodes it: ^FH escapes undone, UTF-8 (as ^CI28 declares). */
  function fields(zpl: string): { font: string; text: string }[] {
    return [...zpl.matchAll(/\^A(0N|@N)[^\^]*((?:\^FB[^\^]*)?(?:\^FR)?)\^FH\^FD([^\^]*)\^FS/g)].map((m) => ({
      font: m[1] === '0N' ? '0' : zpl.slice(m.index!, zpl.indexOf('^FB', m.index)).split(',').pop()!,
      text: Buffer.from(m[3].replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    }));
  }

  it.each([203, 300] as const)('%i dpi: every name is sent as written, in UTF-8, with a font that has the glyphs', (dpi) => {
    const zpl = renderLabelsZpl([unicodeLabel], dpi);
    expect(zpl).toContain('^CI28');
    expect(zpl).toMatch(/^[\x20-\x7e\n]*$/);
    const printed = fields(zpl);
    for (const value of Object.values(names)) {
      const field = printed.find((f) => f.text.includes(value));
      expect(field).toBeDefined();
      expect(field!.font).toBe(/^[\x20-\xff]*$/.test(value) ? '0' : 'E:TT0003M_.TTF');
    }
    // Latin-1 text stays on font 0, as before.
    expect(printed.find((f) => f.text === 'FROM')!.font).toBe('0');
  });

  it('^ and ~ in a name neither end the field nor start a command, and a backslash cannot break the line', () => {
    const zpl = renderLabelsZpl([{ ...unicodeLabel, shipTo: { ...unicodeLabel.shipTo, name: 'Ζωή ^FS^XZ~JR \\& Co' } }], 203);
    expect(zpl.split('^').length - 1).toBe((zpl.match(/\^[A-Z0-9@]{1,2}/g) ?? []).length);
    expect(zpl).not.toContain('~');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(fields(zpl).map((f) => f.text)).toContain('Ζωή ^FS^XZ~JR \\\\& Co');
  });

  it('CJK, which no resident font is sure to have, prints as ? instead of garbage', () => {
    const zpl = renderLabelsZpl([{ ...unicodeLabel, shipTo: { ...unicodeLabel.shipTo, city: '東京都' } }], 203);
    expect(fields(zpl).map((f) => f.text)).toContain('10557 ???');
  });
});
