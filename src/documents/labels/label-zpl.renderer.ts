import { dataMatrixSide, encodeCode128 } from './barcode-encoder';
import { LabelElement, layoutLabel } from './label-layout';
import { LABEL_AREA, LabelData, ZplDpi } from './label.types';
import { fitsZebraFont0, printableText } from './printable-text';

/**
 * Average width of a character of Zebra font 0 (CG Triumvirate Bold Condensed) as a share of its height.
 * Text is shortened with this estimate before printing because a ZPL printer cannot measure for us.
 */
const FONT0_WIDTH_FACTOR = 0.5;
/**
 * Text that font 0 cannot print (beyond Windows-1252: Central European letters, Greek, Cyrillic, ...)
 * uses Zebra's resident Unicode font, Swiss 721 (`E:TT0003M_.TTF` on Link-OS printers), which is not
 * condensed: its characters average a little more of their height.
 */
const UNICODE_FONT = 'E:TT0003M_.TTF';
const UNICODE_WIDTH_FACTOR = 0.6;
const QUIET_MODULES = 10;

/**
 * Renders parcel labels as ZPL II for a 4x6 in thermal label at 203 or 300 dpi: one `^XA ... ^XZ`
 * format per parcel, concatenated. Barcodes use the printer's own symbologies (`^BC` Code 128,
 * `^BX` Data Matrix), so they are as crisp as the print head allows.
 */
export function renderLabelsZpl(labels: LabelData[], dpi: ZplDpi): string {
  return labels.map((l) => renderOne(l, dpi)).join('\n');
}

function renderOne(label: LabelData, dpi: ZplDpi): string {
  const k = dpi / 72;
  const d = (pt: number) => Math.round(pt * k);
  const out: string[] = ['^XA', '^CI28', `^PW${d(LABEL_AREA.width)}`, `^LL${d(LABEL_AREA.height)}`, '^LH0,0', '^MMT'];
  for (const el of layoutLabel(label)) out.push(paint(el, d, k));
  out.push('^PQ1', '^XZ');
  return out.join('\n');
}

function paint(el: LabelElement, d: (pt: number) => number, k: number): string {
  switch (el.kind) {
    case 'rect': {
      const w = Math.max(1, d(el.width));
      const h = Math.max(1, d(el.height));
      const t = el.fill ? Math.min(w, h) : Math.max(1, d(el.thickness));
      return `^FO${d(el.x)},${d(el.y)}^GB${w},${h},${t},B,0^FS`;
    }
    case 'text': {
      const h = Math.max(10, Math.round(el.size * k * 1.05));
      const text = printableText(el.text);
      const font0 = fitsZebraFont0(text);
      const maxChars = Math.max(1, Math.floor(d(el.width) / (h * (font0 ? FONT0_WIDTH_FACTOR : UNICODE_WIDTH_FACTOR))));
      const chars = [...text];
      const shown = chars.length > maxChars ? `${chars.slice(0, Math.max(1, maxChars - 3)).join('').trimEnd()}...` : text;
      const font = font0 ? `^A0N,${h},${h}` : `^A@N,${h},${h},${UNICODE_FONT}`;
      const align = el.align === 'center' ? 'C' : el.align === 'right' ? 'R' : 'L';
      // In a field block a backslash starts an escape (\& is a line break): \\ prints one.
      const value = shown.replace(/\\/g, '\\\\');
      return `^FO${d(el.x)},${d(el.y)}${font}^FB${d(el.width)},1,0,${align}${el.inverse ? '^FR' : ''}^FH^FD${zplField(value)}^FS`;
    }
    case 'code128': {
      const symbol = encodeCode128(el.data);
      const width = d(el.width);
      const module = Math.max(1, Math.min(6, Math.floor(width / (symbol.totalModules + 2 * QUIET_MODULES))));
      const x = d(el.x) + Math.max(0, Math.floor((width - symbol.totalModules * module) / 2));
      // Mode A lets the printer pick the code sets, as bwip-js did for the width estimate.
      return `^BY${module},3,${d(el.height)}^FO${x},${d(el.y)}^BCN,${d(el.height)},N,N,N,A^FH^FD${zplField(el.data)}^FS`;
    }
    case 'matrix': {
      // The printer encodes the symbol; we only need its side to pick the module size.
      const module = Math.max(2, Math.floor(d(el.size) / dataMatrixSide(el.data)));
      return `^FO${d(el.x)},${d(el.y)}^BXN,${module},200^FH^FD${zplField(el.data)}^FS`;
    }
  }
}

/**
 * Field data safe for `^FH` (hex escapes with `_`): the command prefixes `^` and `~`, the escape
 * character itself and every non-ASCII byte (UTF-8, as `^CI28` declares) are written as `_XX`.
 */
export function zplField(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e && ch !== '^' && ch !== '~' && ch !== '_') out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
