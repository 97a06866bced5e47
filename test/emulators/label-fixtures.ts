import { GifWriter } from 'omggif';
import PDFDocument from 'pdfkit';

/** A one-page 4x6 PDF label naming the carrier and tracking number, like a carrier's PDF label. */
export function pdfLabel(carrier: string, trackingNumber: string, title = 'SHIPPING LABEL'): Promise<Buffer> {
  const doc = new PDFDocument({ size: [288, 432], margin: 18, info: { Title: `${carrier} ${title}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(`${carrier} ${title}`);
  doc.moveDown().fontSize(12).text(`Tracking: ${trackingNumber}`);
  doc.rect(18, 200, 252, 80).fill('#000');
  doc.end();
  return done;
}

/** A ZPL II label as carriers return it (text, base64-encoded on the wire). */
export function zplLabel(carrier: string, trackingNumber: string): string {
  return [
    '^XA',
    '^CI28',
    `^FO40,40^A0N,40,40^FD${carrier}^FS`,
    `^FO40,120^BY3^BCN,160,Y,N,N^FD${trackingNumber}^FS`,
    `^FO40,340^A0N,30,30^FDTRACKING ${trackingNumber}^FS`,
    '^XZ',
  ].join('\n');
}

/**
 * A GIF label the way UPS sends it: landscape (1200 x 800 pixels, wider than tall), two colours, a
 * border and bar pattern so a conversion can be checked by looking at it.
 */
const gifCache = new Map<string, Buffer>();

export function gifLabel(width = 1200, height = 800): Buffer {
  const key = `${width}x${height}`;
  const cached = gifCache.get(key);
  if (cached) return cached;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const border = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const bars = y > height / 2 && y < height * 0.8 && x > width * 0.1 && x < width * 0.9 && Math.floor(x / 7) % 3 === 0;
      pixels[y * width + x] = border || bars ? 1 : 0;
    }
  }
  const buf = Buffer.alloc(width * height + 4096);
  const writer = new GifWriter(buf, width, height, { palette: [0xffffff, 0x000000] });
  writer.addFrame(0, 0, width, height, pixels as unknown as number[]);
  const gif = Buffer.from(buf.subarray(0, writer.end()));
  gifCache.set(key, gif);
  return gif;
}
