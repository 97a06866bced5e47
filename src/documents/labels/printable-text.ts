// Characters of Windows-1252 beyond Latin-1 that the PDF standard fonts can print.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text as the label fonts can print it. The PDF standard fonts (and Zebra font 0) cover Windows-1252,
 * so other Latin letters lose their diacritics (ł -> l, č -> c) and anything else becomes `?`.
 * Carriers require Latin script on international labels, so this is a fallback, not a translation.
 */
export function printableText(value: string): string {
  let out = '';
  for (const ch of value.replace(/[\r\n\t]+/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch)) {
      out += ch;
      continue;
    }
    const stripped = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += /^[\x20-\x7e]+$/.test(stripped) ? stripped : SPECIAL[ch] ?? '?';
  }
  return out;
}

const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', ı: 'i', ŀ: 'l', ø: 'o', Ø: 'O' };
