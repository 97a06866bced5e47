import { GifReader } from 'omggif';
import PDFDocument from 'pdfkit';
import zlib from 'node:zlib';

/** Page sizes in PDF points (1/72 inch) of the label sizes we print. */
const PAGE_POINTS: Record<'4x6' | 'a6' | 'a4', [number, number]> = {
  '4x6': [288, 432],
  a6: [297.64, 419.53],
  a4: [595.28, 841.89],
};

/**
 * Turns a carrier's GIF label (UPS renders labels as GIF; there is no PDF option) into a one-page
 * PDF of the requested size. UPS draws its 4x6 label landscape (wider than tall) with the text
 * running bottom to top, so a landscape image is turned a quarter to the left to read upright.
 */
export async function gifLabelToPdf(gif: Buffer, size: '4x6' | 'a6' | 'a4' = '4x6'): Promise<Buffer> {
  const { png, width, height } = gifToPng(gif);
  const [pageW, pageH] = PAGE_POINTS[size];
  const doc = new PDFDocument({ size: [pageW, pageH], margin: 0, compress: true, info: { Title: 'Shipping label', Producer: 'Parcelwise' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const landscape = width > height;
  if (landscape) {
    // Rotate around the page origin, then place the image so that it fills the page upright.
    doc.save();
    doc.rotate(-90, { origin: [0, 0] });
    doc.image(png, -pageH, 0, { fit: [pageH, pageW], align: 'center', valign: 'center' });
    doc.restore();
  } else {
    doc.image(png, 0, 0, { fit: [pageW, pageH], align: 'center', valign: 'center' });
  }
  doc.end();
  return done;
}

/** Decodes the first frame of a GIF into an 8-bit RGBA PNG (pdfkit embeds PNG and JPEG only). */
export function gifToPng(gif: Buffer): { png: Buffer; width: number; height: number } {
  let reader: GifReader;
  try {
    reader = new GifReader(new Uint8Array(gif.buffer, gif.byteOffset, gif.byteLength));
  } catch (e) {
    throw new Error(`not a readable GIF image: ${(e as Error).message}`);
  }
  const { width, height } = reader;
  const rgba = new Uint8Array(width * height * 4);
  reader.decodeAndBlitFrameRGBA(0, rgba);
  // Transparent pixels (alpha 0) become white: labels are printed on white stock.
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) {
      rgba[i] = 255;
      rgba[i + 1] = 255;
      rgba[i + 2] = 255;
      rgba[i + 3] = 255;
    }
  }
  return { png: encodePng(width, height, rgba), width, height };
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([len, typeAndData, crc]);
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(buf: Buffer): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of buf) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
