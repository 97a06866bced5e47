import { LABEL_AREA, LabelAddress, LabelData } from './label.types';
import { localityLines } from '../../addresses/address-format';

/**
 * What a label is made of, in PDF points inside the 4x6 in label area (origin top left). One layout
 * feeds both painters (PDF and ZPL), so a parcel looks the same on office paper and on a thermal printer.
 */
export type LabelElement =
  | {
      kind: 'text';
      x: number;
      y: number;
      width: number;
      size: number;
      bold: boolean;
      text: string;
      align: 'left' | 'center' | 'right';
      /** White on black (drawn over a filled rect). */
      inverse?: boolean;
    }
  | { kind: 'rect'; x: number; y: number; width: number; height: number; thickness: number; fill: boolean }
  | { kind: 'code128'; x: number; y: number; width: number; height: number; data: string }
  | { kind: 'matrix'; x: number; y: number; size: number; data: string };

const M = 8;
const W = LABEL_AREA.width;

/** The compact record in the 2D code: what a sorting scanner needs without a database lookup. */
export function defaultTwoDimensionalData(label: LabelData): string {
  return [
    'PW1',
    label.trackingNumber,
    label.shipTo.country,
    (label.shipTo.postalCode ?? '').replace(/\s+/g, ''),
    label.routingCode ?? '',
    `${label.piece.index}/${label.piece.count}`,
    label.weightKg.toFixed(2),
  ].join('|');
}

export function formatWeight(kg: number): string {
  return `${kg.toFixed(kg < 10 ? 2 : 1)} kg`;
}

/** Lines of an address block, without empty ones; the locality lines in the order the address's country writes them. */
export function addressLines(a: LabelAddress): string[] {
  return [a.name, a.company, a.street1, a.street2, a.street3, ...localityLines(a.country, a)].filter((l): l is string => !!l && l.trim() !== '');
}

/** Lays out one parcel label in the 288 x 432 pt label area. */
export function layoutLabel(label: LabelData): LabelElement[] {
  const els: LabelElement[] = [];
  const text = (x: number, y: number, width: number, size: number, value: string, bold = false, align: 'left' | 'center' | 'right' = 'left') =>
    els.push({ kind: 'text', x, y, width, size, bold, text: value, align });
  const hline = (y: number, thickness = 1.5) => els.push({ kind: 'rect', x: M, y, width: W - 2 * M, height: thickness, thickness, fill: true });

  // Header: carrier, service, ship date; routing code boxed on the right for sorting.
  text(M, 8, 180, 15, label.carrierName.toUpperCase(), true);
  text(M, 27, 180, 10, label.serviceName);
  text(M, 41, 180, 7, `Ship date ${label.shipDate}`);
  if (label.isReturn) {
    els.push({ kind: 'rect', x: 120, y: 38, width: 70, height: 14, thickness: 0, fill: true });
    els.push({ kind: 'text', x: 120, y: 41, width: 70, size: 9, bold: true, text: 'RETURN', align: 'center', inverse: true });
  }
  if (label.routingCode) {
    els.push({ kind: 'rect', x: 196, y: 6, width: W - M - 196, height: 46, thickness: 2, fill: false });
    text(196, 9, W - M - 196, 6, 'ROUTING', true, 'center');
    text(196, 20, W - M - 196, label.routingCode.length > 4 ? 16 : 24, label.routingCode, true, 'center');
  }
  hline(56);

  // Sender, with the 2D code beside it.
  text(M, 61, 60, 6, 'FROM', true);
  const from = addressLines(label.shipFrom);
  from.push(label.shipFrom.country);
  from.slice(0, 7).forEach((line, i) => text(M, 70 + i * 8.5, 196, 7.5, line));
  els.push({ kind: 'matrix', x: 214, y: 61, size: 64, data: label.twoDimensionalData ?? defaultTwoDimensionalData(label) });
  hline(131);

  // Recipient, large.
  text(M, 136, 60, 7, 'TO', true);
  const to = addressLines(label.shipTo);
  const lines = to.slice(0, 6);
  lines.forEach((line, i) => text(M, 146 + i * 14, W - 2 * M, i === lines.length - 1 ? 12 : 11, line, i === 0 || i === lines.length - 1));
  const countryLine = (label.shipTo.countryName ?? label.shipTo.country).toUpperCase();
  text(M, 146 + lines.length * 14 + 2, W - 2 * M, 14, countryLine, true);
  if (label.shipTo.phone) text(M, 236, W - 2 * M, 7, `Tel. ${label.shipTo.phone}`);
  hline(252);

  // Facts row: weight, piece n of m, reference.
  const cell = (x: number, width: number, caption: string, value: string) => {
    text(x, 257, width, 6, caption, true);
    text(x, 266, width, 11, value, true);
  };
  cell(M, 70, 'WEIGHT', formatWeight(label.weightKg));
  cell(82, 62, 'PIECE', `${label.piece.index} of ${label.piece.count}`);
  cell(148, W - M - 148, 'REFERENCE', label.reference ?? '-');
  if (label.marks?.length) {
    els.push({ kind: 'rect', x: M, y: 283, width: W - 2 * M, height: 15, thickness: 0, fill: true });
    els.push({ kind: 'text', x: M, y: 286, width: W - 2 * M, size: 9, bold: true, text: label.marks.join('  /  '), align: 'center', inverse: true });
  }
  hline(302);

  // The tracking barcode across the label, its number printed under it.
  text(M, 307, 120, 6, 'TRACKING NUMBER', true);
  els.push({ kind: 'code128', x: M, y: 317, width: W - 2 * M, height: 82, data: label.trackingNumber });
  text(M, 404, W - 2 * M, 13, label.trackingNumber, true, 'center');
  return els;
}
