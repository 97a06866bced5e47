import { GifReader } from 'omggif';
import { PNG } from 'pngjs';

/** A decoded image: 8-bit RGBA, row-major. */
export interface RasterImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

export function decodePng(data: Buffer): RasterImage {
  const png = PNG.sync.read(data);
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
}

/** First frame of a GIF (carrier labels are single-frame). */
export function decodeGif(data: Buffer): RasterImage {
  const reader = new GifReader(new Uint8Array(data));
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  // Transparent pixels stay 0 alpha; `isDark` treats them as paper.
  reader.decodeAndBlitFrameRGBA(0, rgba);
  return { width: reader.width, height: reader.height, rgba };
}

export function encodePng(image: RasterImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.length).copy(png.data);
  return PNG.sync.write(png);
}

/** Dark enough to print as a black dot on a thermal printer (luminance below half, and not transparent). */
export function isDark(image: RasterImage, x: number, y: number): boolean {
  const i = (y * image.width + x) * 4;
  const a = image.rgba[i + 3];
  if (a < 128) return false;
  const lum = 0.299 * image.rgba[i] + 0.587 * image.rgba[i + 1] + 0.114 * image.rgba[i + 2];
  return lum < 128;
}

/** Turns a landscape image a quarter clockwise, so a landscape carrier label fills a portrait 4x6 page. */
export function rotateClockwise(image: RasterImage): RasterImage {
  const { width: w, height: h } = image;
  const out = new Uint8Array(image.rgba.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const src = (y * w + x) * 4;
      const dst = (x * h + (h - 1 - y)) * 4;
      out[dst] = image.rgba[src];
      out[dst + 1] = image.rgba[src + 1];
      out[dst + 2] = image.rgba[src + 2];
      out[dst + 3] = image.rgba[src + 3];
    }
  }
  return { width: h, height: w, rgba: out };
}
