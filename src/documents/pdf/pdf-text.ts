import { printableText } from '../labels/printable-text';
import type { PdfDoc } from './pdf-buffer';

/** Text as the standard fonts print it, shortened with an ellipsis until it fits `width` in the current font. */
export function fitText(doc: PdfDoc, value: string, width: number): string {
  const text = printableText(value);
  // No standard-font glyph is wider than 1.02 em: short text fits without measuring (kerning lookups are costly).
  if (text.length * (doc as unknown as { _fontSize: number })._fontSize * 1.02 <= width) return text;
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}...`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}...`;
}

/** One line of text that never wraps and never runs past `width`. */
export function line(doc: PdfDoc, value: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
  doc.text(fitText(doc, value, width), x, y, { width, align, lineBreak: false });
}
