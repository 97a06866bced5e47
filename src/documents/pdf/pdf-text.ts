import { printableText } from '../labels/printable-text';
import type { PdfDoc } from './pdf-buffer';

/**
 * Text as the document font prints it, shortened with an ellipsis until it fits `width` in the current
 * font and size. Measuring lays the words out, and pdfkit keeps those layouts for the drawing itself.
 */
export function fitText(doc: PdfDoc, value: string, width: number): string {
  const text = printableText(value);
  if (doc.widthOfString(text) <= width) return text;
  // Cut between characters, never inside one (surrogate pairs), then trim.
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${chars.slice(0, mid).join('')}...`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}...`;
}

/** One line of text that never wraps and never runs past `width`. */
export function line(doc: PdfDoc, value: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right' = 'left'): void {
  doc.text(fitText(doc, value, width), x, y, { width, align, lineBreak: false });
}
