import { fontHasGlyph } from '../pdf/fonts';

// Characters of Windows-1252 beyond Latin-1: with Latin-1, what Zebra font 0 prints.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text as the document font prints it (see `FONT`): composed (NFC), line breaks and tabs as spaces,
 * every character the font has kept as written (Latin with diacritics, Greek, Cyrillic, ...). A
 * character it lacks is replaced by its compatibility form when the font has that (full-width
 * `Ａ` -> `A`, `ﬁ` -> `fi`) or by the letter without its marks, and otherwise by `?`: DejaVu Sans has
 * no CJK ideographs, so Chinese, Japanese and Korean characters print as `?`.
 */
export function printableText(value: string): string {
  let out = '';
  for (const ch of value.normalize('NFC').replace(/[\r\n\t]+/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && (code < 0x7f || code > 0x9f) && fontHasGlyph(code)) {
      out += ch;
      continue;
    }
    const plain = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += plain !== '' && [...plain].every((c) => c.codePointAt(0)! >= 0x20 && fontHasGlyph(c.codePointAt(0)!)) ? plain : '?';
  }
  return out;
}

/** Whether Zebra's font 0 prints every character of `text` (Windows-1252 under `^CI28`). */
export function fitsZebraFont0(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (!((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch))) return false;
  }
  return true;
}
