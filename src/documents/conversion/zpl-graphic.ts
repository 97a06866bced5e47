import { isDark, RasterImage } from './raster-image';

/**
 * A raster image as one ZPL II label that prints it as a graphic field (`^GFA`), scaled
 * (nearest neighbour) to fit `widthDots` x `heightDots` and centred. The hex data uses ZPL's ASCII
 * compression (repeat counts G-Y and g-z, `,` for a row ending in white, `:` for a repeated row),
 * which shrinks a typical label ten times.
 */
export function rasterToZpl(image: RasterImage, widthDots: number, heightDots: number): string {
  const scale = Math.min(widthDots / image.width, heightDots / image.height);
  const w = Math.max(1, Math.floor(image.width * scale));
  const h = Math.max(1, Math.floor(image.height * scale));
  const bytesPerRow = Math.ceil(w / 8);
  const rows: string[] = [];
  let previous = '';
  for (let y = 0; y < h; y++) {
    const sy = Math.min(image.height - 1, Math.floor(y / scale));
    let hex = '';
    for (let b = 0; b < bytesPerRow; b++) {
      let byte = 0;
      for (let bit = 0; bit < 8; bit++) {
        const x = b * 8 + bit;
        if (x < w && isDark(image, Math.min(image.width - 1, Math.floor(x / scale)), sy)) byte |= 0x80 >> bit;
      }
      hex += byte.toString(16).toUpperCase().padStart(2, '0');
    }
    rows.push(hex === previous ? ':' : compressRow(hex));
    previous = hex;
  }
  const total = bytesPerRow * h;
  const x = Math.floor((widthDots - w) / 2);
  const y = Math.floor((heightDots - h) / 2);
  return `^XA^PW${widthDots}^LL${heightDots}^LH0,0^FO${x},${y}^GFA,${total},${total},${bytesPerRow},${rows.join('')}^FS^PQ1^XZ`;
}

/** ZPL ASCII compression of one row of hex digits. */
export function compressRow(hex: string): string {
  const trailingZeros = /0+$/.exec(hex)?.[0].length ?? 0;
  const body = trailingZeros > 0 ? hex.slice(0, hex.length - trailingZeros) : hex;
  let out = '';
  let i = 0;
  while (i < body.length) {
    let j = i;
    while (j < body.length && body[j] === body[i]) j++;
    out += repeatCount(j - i) + body[i];
    i = j;
  }
  return trailingZeros > 0 ? `${out},` : out;
}

function repeatCount(n: number): string {
  if (n === 1) return '';
  let out = '';
  let rest = n;
  // g..z stand for 20..400 in steps of 20; G..Y for 1..19.
  while (rest >= 20) {
    const twenties = Math.min(20, Math.floor(rest / 20));
    out += String.fromCharCode('g'.charCodeAt(0) + twenties - 1);
    rest -= twenties * 20;
  }
  if (rest > 0) out += String.fromCharCode('G'.charCodeAt(0) + rest - 1);
  return out;
}
