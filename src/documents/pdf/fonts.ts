import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PdfDoc } from './pdf-buffer';

/**
 * The font family of every PDF we draw: DejaVu Sans Condensed, regular and bold (package
 * `dejavu-fonts-ttf`, Bitstream Vera / DejaVu licence, in the package's LICENSE). It covers Latin with
 * all its extensions, Greek, Cyrillic, Armenian, Georgian and more, so names print as written; it has
 * no CJK ideographs (see `printable-text.ts` for what happens to characters it lacks). The condensed
 * cut sets text about as wide as Helvetica did, so the layouts keep their room.
 */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

/** The part of a fontkit font we use (pdfkit embeds fontkit fonts). */
export interface LoadedFont {
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): GlyphInternals;
  readonly characterSet: number[];
  readonly postscriptName: string;
}

/** pdfkit's per-document font object, as far as `shareLayouts` and `reuseSubsets` reach into it. */
interface EmbeddedFontInternals {
  font?: unknown;
  layoutCache?: Record<string, unknown>;
  subset?: { glyphs: number[]; includeGlyph(glyphId: number): number; encode(): Uint8Array };
  widths?: number[];
  unicode?: number[][];
  scale?: number;
}

interface GlyphInternals {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

const FILES: Record<FontName, string> = { [FONT.regular]: 'DejaVuSansCondensed.ttf', [FONT.bold]: 'DejaVuSansCondensed-Bold.ttf' };

/** Parsed once per process, when the documents code is first loaded (at boot), and shared by all documents. */
const loaded: Record<FontName, LoadedFont> = loadFonts();

/** Code points both weights have a glyph for. */
const covered: ReadonlySet<number> = new Set(loaded[FONT.regular].characterSet.filter((cp) => loaded[FONT.bold].hasGlyphForCodePoint(cp)));

function loadFonts(): Record<FontName, LoadedFont> {
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  // The fontkit pdfkit itself depends on, so the font objects are the kind pdfkit accepts.
  const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Uint8Array): LoadedFont };
  const out = {} as Record<FontName, LoadedFont>;
  for (const [name, file] of Object.entries(FILES) as [FontName, string][]) {
    const font = fontkit.create(readFileSync(path.join(dir, file)));
    // fontkit keeps a glyph object per glyph with the characters it was first made for, and pdfkit
    // writes those into the text layer (ToUnicode). Embedding an accented letter makes its base
    // letter (ü -> u) as a component, with no characters; in a font shared by all documents that
    // glyph would then be text-less in every later document. Made here first, each glyph carries
    // its character.
    for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
    out[name] = font;
  }
  return out;
}

/** Whether the document font (both weights) has a glyph for this code point. */
export function fontHasGlyph(codePoint: number): boolean {
  return covered.has(codePoint);
}

/**
 * Laid-out words, per font, shared by all documents. pdfkit lays out (shapes) every word with
 * fontkit and keeps the result per document only; labels repeat most of their words (carrier,
 * service, captions, cities), so sharing the results across documents saves most of that work.
 * The runs are never modified after layout (pdfkit copies before it adjusts spacing), and a
 * run depends only on the font file and the word. Bounded: dropped and restarted when large.
 */
const MAX_SHARED_WORDS = 20_000;
const sharedLayouts = new Map<FontName, { words: Record<string, unknown>; documents: number }>();

/**
 * Makes the document fonts available in `doc` under the names in `FONT`, and leaves the regular one
 * selected. Both are opened here so they share the laid-out words; a font no text uses is not embedded.
 */
export function registerFonts(doc: PdfDoc): void {
  for (const name of [FONT.bold, FONT.regular]) {
    // pdfkit accepts a parsed fontkit font in place of a file or buffer.
    doc.registerFont(name, loaded[name] as unknown as Buffer);
    doc.font(name);
    const font = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
    if (!font || font.font !== loaded[name]) continue;
    shareLayouts(name, font);
    reuseSubsets(name, font);
  }
}

/** Points pdfkit's per-document layout cache of `name` at the shared one (if pdfkit's internals are as expected). */
function shareLayouts(name: FontName, font: EmbeddedFontInternals): void {
  if (typeof font.layoutCache !== 'object') return;
  let shared = sharedLayouts.get(name);
  // Counting keys is linear, so it is done every few hundred documents only.
  if (!shared || (++shared.documents % 500 === 0 && Object.keys(shared.words).length > MAX_SHARED_WORDS)) {
    shared = { words: Object.create(null) as Record<string, unknown>, documents: 0 };
    sharedLayouts.set(name, shared);
  }
  font.layoutCache = shared.words;
}

/**
 * Embedding a document's font subset (fontkit re-encoding the TrueType tables) is a large part of the cost of
 * a one-page label. The subset depends only on the glyphs in it and their order, so every document's
 * subset starts with the printable ASCII glyphs in a fixed order: documents whose text is ASCII all
 * have the same subset, encoded once per process; documents with other letters append theirs and
 * are encoded as before. Recently encoded subsets are kept, a few dozen at most.
 */
const SEEDED_CODE_POINTS = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);
const MAX_ENCODED_SUBSETS = 32;
const encodedSubsets = new Map<FontName, Map<string, Uint8Array>>();

function reuseSubsets(name: FontName, font: EmbeddedFontInternals): void {
  const { subset, widths, unicode, scale } = font;
  if (!subset || !Array.isArray(subset.glyphs) || typeof subset.encode !== 'function' || !Array.isArray(widths) || !Array.isArray(unicode) || typeof scale !== 'number') return;
  if (subset.glyphs.length !== 1) return;
  for (const codePoint of SEEDED_CODE_POINTS) {
    const glyph = loaded[name].glyphForCodePoint(codePoint);
    const gid = subset.includeGlyph(glyph.id);
    // What pdfkit records when it first draws a glyph: its width and its text.
    widths[gid] ??= glyph.advanceWidth * scale;
    unicode[gid] ??= glyph.codePoints;
  }
  let cache = encodedSubsets.get(name);
  if (!cache) encodedSubsets.set(name, (cache = new Map()));
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = subset.glyphs.join(',');
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = encode();
      if (cache.size >= MAX_ENCODED_SUBSETS) cache.delete(cache.keys().next().value!);
      cache.set(key, bytes);
    }
    return bytes;
  };
}
