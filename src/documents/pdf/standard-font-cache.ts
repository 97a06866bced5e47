import type { PdfDoc } from './pdf-buffer';

/** The parts of pdfkit's document we reach into (its font registry); see `reuseStandardFonts`. */
interface FontRegistry {
  _fontFamilies?: Record<string, object>;
  _fontCount?: number;
}

const parsed = new Map<string, object>();
const STANDARD = ['Helvetica', 'Helvetica-Bold'];

/**
 * pdfkit parses a standard font's metrics (widths and about 2,700 kerning pairs) again for every
 * document; for one-page labels that is a fifth of the rendering time. The metrics never change, so
 * a new document gets light per-document font objects that inherit the parsed metrics of the first
 * document's fonts and keep their own identity in the file (`document`, `id`, `dictionary`).
 * If pdfkit's internals ever differ from what this expects, documents simply parse fonts as before.
 */
export function reuseStandardFonts(doc: PdfDoc): void {
  const registry = doc as unknown as FontRegistry;
  if (typeof registry._fontFamilies !== 'object' || typeof registry._fontCount !== 'number') return;
  for (const name of STANDARD) {
    const metrics = parsed.get(name);
    if (!metrics || registry._fontFamilies[name]) continue;
    registry._fontFamilies[name] = Object.create(metrics, {
      document: { value: doc, writable: true },
      id: { value: `F${++registry._fontCount}`, writable: true },
      dictionary: { value: undefined, writable: true },
      embedded: { value: false, writable: true },
    });
  }
}

/** Keeps the standard fonts a finished document parsed, for the documents after it. */
export function rememberStandardFonts(doc: PdfDoc): void {
  const families = (doc as unknown as FontRegistry)._fontFamilies;
  if (!families) return;
  for (const name of STANDARD) {
    const font = families[name] as { font?: unknown; name?: string } | undefined;
    if (font && !parsed.has(name) && Object.prototype.hasOwnProperty.call(font, 'font') && font.name === name) parsed.set(name, font);
  }
}
