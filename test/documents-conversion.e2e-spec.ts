import { GifWriter } from 'omggif';
import { LabelConverter } from '../src/documents/conversion/label-converter';
import { decodePng, RasterImage, rotateClockwise } from '../src/documents/conversion/raster-image';
import { renderLabelsPdf } from '../src/documents/labels/label-pdf.renderer';
import type { LabelData } from '../src/documents/labels/label.types';
import { readLabel } from './documents/barcode-reader';
import { pageSizes, pageToPng } from './documents/pdf-tools';

/** Carrier labels in other formats (UPS sends GIF, others PDF or ZPL) converted offline and still scannable. */
jest.setTimeout(180_000);

describe('label conversion', () => {
  const converter = new LabelConverter();
  const label: LabelData = {
    carrierName: 'Some Carrier',
    serviceName: 'Express',
    trackingNumber: '1Z5R89390357567127',
    shipFrom: { name: 'Acme', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE' },
    shipTo: { name: 'Jane Doe', street1: '350 Fifth Avenue', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' },
    weightKg: 1,
    piece: { index: 1, count: 1 },
    shipDate: '2026-11-27',
  };
  let carrierPdf: Buffer;
  beforeAll(async () => {
    carrierPdf = await renderLabelsPdf([label], '4x6');
  });

  /** A landscape GIF like the ones UPS returns: the label turned a quarter, two colours. */
  async function upsStyleGif(): Promise<Buffer> {
    let image: RasterImage = decodePng(await pageToPng(carrierPdf, 1, 203));
    for (let i = 0; i < 3; i++) image = rotateClockwise(image);
    const indexed = new Uint8Array(image.width * image.height);
    for (let p = 0; p < indexed.length; p++) indexed[p] = image.rgba[p * 4] < 128 ? 1 : 0;
    const out = Buffer.alloc(image.width * image.height + 4096);
    const writer = new GifWriter(out, image.width, image.height, { palette: [0xffffff, 0x000000] });
    writer.addFrame(0, 0, image.width, image.height, indexed as unknown as number[]);
    return out.subarray(0, writer.end());
  }

  it('GIF (landscape) -> 4x6 PDF, upright and scannable', async () => {
    const pdf = await converter.convert({ format: 'gif', data: await upsStyleGif() }, { format: 'pdf', size: '4x6', dpi: 203 });
    expect(pdf.format).toBe('pdf');
    expect(await pageSizes(pdf.data)).toEqual([{ width: 288, height: 432 }]);
    expect(readLabel(await pageToPng(pdf.data, 1, 200), '4x6').code128).toBe(label.trackingNumber);
  });

  it('PDF -> ZPL graphic at 203 dpi, printable and scannable', async () => {
    const zpl = await converter.convert({ format: 'pdf', data: carrierPdf }, { format: 'zpl', size: '4x6', dpi: 203 });
    const text = zpl.data.toString('utf8');
    expect(text).toMatch(/^\^XA\^PW812\^LL1218/);
    expect(text).toContain('^GFA,');
    const [png] = await converter.zplToPngs(text, 203);
    expect(readLabel(png, '4x6').code128).toBe(label.trackingNumber);
  });

  it('ZPL -> A4 PDF, the label in the top-left label area', async () => {
    const zpl = (await converter.convert({ format: 'pdf', data: carrierPdf }, { format: 'zpl', size: '4x6', dpi: 203 })).data;
    const pdf = await converter.convert({ format: 'zpl', data: zpl }, { format: 'pdf', size: 'a4', dpi: 203 });
    expect(await pageSizes(pdf.data)).toEqual([{ width: 595.28, height: 841.89 }]);
    expect(readLabel(await pageToPng(pdf.data, 1, 200), 'a4').code128).toBe(label.trackingNumber);
  });

  it('a 4x6 PDF asked for on A6 is scaled onto A6 pages', async () => {
    const pdf = await converter.convert({ format: 'pdf', data: carrierPdf }, { format: 'pdf', size: 'a6', dpi: 203 });
    expect(await pageSizes(pdf.data)).toEqual([{ width: 297.64, height: 419.53 }]);
    const same = await converter.convert({ format: 'pdf', data: carrierPdf }, { format: 'pdf', size: '4x6', dpi: 203 });
    expect(same.data).toBe(carrierPdf);
  });
});
