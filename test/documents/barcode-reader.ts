import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  Code128Reader,
  DataMatrixReader,
  HybridBinarizer,
  RGBLuminanceSource,
} from '@zxing/library';
import { PNG } from 'pngjs';

/** A PNG as zxing sees it: one luminance byte per pixel, optionally cropped to a region (fractions of the image). */
function luminance(png: Buffer, crop?: { x: number; y: number; width: number; height: number }) {
  const image = PNG.sync.read(png);
  const x0 = Math.floor((crop?.x ?? 0) * image.width);
  const y0 = Math.floor((crop?.y ?? 0) * image.height);
  const w = Math.floor((crop?.width ?? 1) * image.width);
  const h = Math.floor((crop?.height ?? 1) * image.height);
  const lum = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * image.width + (x0 + x)) * 4;
      const a = image.data[i + 3] / 255;
      // Transparent pixels are paper.
      lum[y * w + x] = Math.round((0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2]) * a + 255 * (1 - a));
    }
  }
  return { lum, w, h };
}

/**
 * Decodes one barcode of `format` from a PNG with ZXing (the reader scanners are built on), or
 * returns undefined when none can be read.
 */
export function readBarcode(
  png: Buffer,
  format: 'code128' | 'datamatrix',
  crop?: { x: number; y: number; width: number; height: number },
): string | undefined {
  const { lum, w, h } = luminance(png, crop);
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format === 'code128' ? BarcodeFormat.CODE_128 : BarcodeFormat.DATA_MATRIX]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = format === 'code128' ? new Code128Reader() : new DataMatrixReader();
  try {
    return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, w, h))), hints).getText();
  } catch {
    return undefined;
  }
}

/**
 * Looks for a barcode anywhere on a page: ZXing's 1D readers give up on a busy full page, so the page is
 * scanned in overlapping horizontal strips (and 2D codes in overlapping tiles). Returns every distinct value.
 */
export function findBarcodes(png: Buffer, format: 'code128' | 'datamatrix'): string[] {
  const found = new Set<string>();
  const full = readBarcode(png, format);
  if (full) found.add(full);
  const step = format === 'code128' ? { w: 1, h: 0.25, dx: 1, dy: 0.1 } : { w: 0.4, h: 0.3, dx: 0.15, dy: 0.1 };
  for (let y = 0; y + step.h <= 1.0001; y += step.dy) {
    for (let x = 0; x + step.w <= 1.0001; x += step.dx) {
      const value = readBarcode(png, format, { x, y, width: step.w, height: Math.min(step.h, 1 - y) });
      if (value) found.add(value);
    }
  }
  return [...found];
}

type Crop = { x: number; y: number; width: number; height: number };

/**
 * Where our layout puts the two codes, as fractions of the page: the label area fills a 4x6 or A6
 * page and sits at the top left of an A4 page. Reading just there keeps ZXing fast.
 */
const LABEL_REGIONS: Record<'4x6' | 'a6' | 'a4', { code128: Crop; matrix: Crop }> = {
  '4x6': { code128: { x: 0, y: 0.69, width: 1, height: 0.26 }, matrix: { x: 0.68, y: 0.1, width: 0.32, height: 0.24 } },
  a6: { code128: { x: 0, y: 0.69, width: 1, height: 0.26 }, matrix: { x: 0.66, y: 0.1, width: 0.34, height: 0.24 } },
  a4: { code128: { x: 0.03, y: 0.4, width: 0.54, height: 0.14 }, matrix: { x: 0.38, y: 0.09, width: 0.2, height: 0.13 } },
};

/** The tracking barcode and the 2D code of one label page. */
export function readLabel(png: Buffer, size: '4x6' | 'a6' | 'a4'): { code128?: string; matrix?: string } {
  const r = LABEL_REGIONS[size];
  return { code128: readBarcode(png, 'code128', r.code128), matrix: readBarcode(png, 'datamatrix', r.matrix) };
}
