import type { CurrencyTable } from '../../money/money';
import { PdfDoc, startPdf } from '../pdf/pdf-buffer';
import { FONT } from '../pdf/fonts';
import { fitText, line } from '../pdf/pdf-text';
import { CustomsDeclaration, declarationTotals, ExportReason, partyLines, taxIdLine } from './customs-declaration';

/** The categories printed as boxes on both UPU forms, in the forms' order. */
const CATEGORIES: { reason: ExportReason[]; text: string }[] = [
  { reason: ['gift'], text: 'Gift' },
  { reason: ['documents'], text: 'Documents' },
  { reason: ['sample'], text: 'Commercial sample' },
  { reason: ['return'], text: 'Returned goods' },
  { reason: ['sale'], text: 'Sale of goods' },
  { reason: ['repair', 'other'], text: 'Other' },
];

export const CN22_DECLARATION =
  'I certify that the particulars given in this customs declaration are correct and that this item does not contain any dangerous article or articles prohibited by legislation or by postal or customs regulations.';
export const CN23_DECLARATION =
  'I certify that the particulars given in this customs declaration are correct and that this item does not contain any dangerous article or articles prohibited by legislation or by postal or customs regulations. I have met all applicable export filing requirements under the applicable regulations.';

/** CN 22 on a 4x6 in page (thermal printers and the pouch on the parcel take the same size). */
export async function renderCn22Pdf(d: CustomsDeclaration, currencies: CurrencyTable): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: `CN 22 ${d.number}`, subject: 'Customs declaration CN 22' });
  const totals = declarationTotals(d, currencies);
  const W = 288;
  const M = 10;
  doc.addPage({ size: [W, 432], margin: 0 });
  doc.lineWidth(0.8).rect(M, M, W - 2 * M, 432 - 2 * M).stroke();
  doc.font(FONT.bold).fontSize(12);
  line(doc, 'CUSTOMS DECLARATION', M + 6, M + 6, 170);
  doc.fontSize(18);
  line(doc, 'CN 22', W - M - 70, M + 4, 64, 'right');
  doc.font(FONT.regular).fontSize(7);
  line(doc, `Designated operator: ${d.carrierName}`, M + 6, M + 22, 180);
  line(doc, 'May be opened officially', W - M - 110, M + 24, 104, 'right');
  let y = M + 36;
  y = categoryBoxes(doc, d.reason, M + 6, y, W - 2 * M - 12, 3);

  // Items: description and quantity, weight, value; HS code and origin under each.
  const cols = [M + 6, M + 160, M + 210];
  doc.font(FONT.bold).fontSize(6.5);
  line(doc, 'Quantity and detailed description of contents', cols[0], y, 150);
  line(doc, 'Weight (kg)', cols[1], y, 48, 'right');
  line(doc, `Value (${d.currency})`, cols[2], y, W - M - 6 - cols[2], 'right');
  y += 10;
  doc.font(FONT.regular).fontSize(7.5);
  const shown = d.items.slice(0, 5);
  shown.forEach((item, i) => {
    line(doc, `${item.quantity} x ${item.description}`, cols[0], y, 150);
    line(doc, item.unitWeightKg !== undefined ? (item.unitWeightKg * item.quantity).toFixed(3) : '-', cols[1], y, 48, 'right');
    line(doc, totals.lineTotals[i].amount, cols[2], y, W - M - 6 - cols[2], 'right');
    doc.fontSize(6.5);
    line(doc, `HS ${item.hsCode}  origin ${item.originCountry}`, cols[0] + 8, y + 9, 150);
    doc.fontSize(7.5);
    y += 20;
  });
  if (d.items.length > shown.length) {
    line(doc, `+ ${d.items.length - shown.length} more items (see CN 23 / invoice)`, cols[0], y, 200);
    y += 11;
  }
  doc.moveTo(M + 6, y).lineTo(W - M - 6, y).stroke();
  y += 4;
  doc.font(FONT.bold).fontSize(7.5);
  line(doc, 'Total gross weight (kg)', cols[0], y, 150);
  line(doc, d.grossWeightKg.toFixed(3), cols[1], y, 48, 'right');
  line(doc, `${totals.goods.amount} ${d.currency}`, cols[2] - 20, y, W - M - 6 - cols[2] + 20, 'right');
  y += 16;

  doc.font(FONT.regular).fontSize(6.5);
  const importerIds = d.importer.taxIds.map(taxIdLine).join(', ');
  if (importerIds) {
    line(doc, `Importer's reference: ${importerIds}`, M + 6, y, W - 2 * M - 12);
    y += 10;
  }
  line(doc, `Sender: ${partyLines(d.exporter).slice(0, 3).join(', ')}`, M + 6, y, W - 2 * M - 12);
  y += 10;
  line(doc, `Tracking: ${d.trackingNumbers.join(', ')}`, M + 6, y, W - 2 * M - 12);
  y += 14;
  doc.text(CN22_DECLARATION, M + 6, y, { width: W - 2 * M - 12 });
  y = doc.y + 8;
  line(doc, `Date: ${d.date}`, M + 6, y, 100);
  line(doc, `Sender's signature: ${d.signatory ?? d.exporter.name ?? d.exporter.company ?? ''}`, M + 100, y, W - 2 * M - 106);
  return finish();
}

/** CN 23 on A4: sender and addressee with references, items with HS code and origin, totals, category, declaration. */
export async function renderCn23Pdf(d: CustomsDeclaration, currencies: CurrencyTable): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: `CN 23 ${d.number}`, subject: 'Customs declaration CN 23' });
  const totals = declarationTotals(d, currencies);
  const M = 36;
  const W = 595.28 - 2 * M;
  doc.addPage({ size: 'A4', margin: 0 });
  doc.font(FONT.bold).fontSize(16);
  line(doc, 'CUSTOMS DECLARATION', M, M, 300);
  doc.fontSize(22);
  line(doc, 'CN 23', M + W - 120, M - 4, 120, 'right');
  doc.font(FONT.regular).fontSize(8);
  line(doc, `Designated operator: ${d.carrierName} (${d.serviceName})   May be opened officially`, M, M + 20, W);
  line(doc, `Item no.: ${d.trackingNumbers.join(', ')}   Reference: ${d.reference ?? '-'}`, M, M + 31, W);

  let y = M + 48;
  const half = W / 2 - 4;
  const party = (x: number, title: string, p: CustomsDeclaration['exporter'], refTitle: string) => {
    doc.font(FONT.bold).fontSize(7.5);
    line(doc, title, x + 5, y + 4, half - 10);
    doc.font(FONT.regular).fontSize(8.5);
    const lines = [...partyLines(p), ...(p.phone ? [`Tel. ${p.phone}`] : []), ...(p.email ? [p.email] : [])];
    lines.forEach((l, i) => line(doc, l, x + 5, y + 15 + i * 10.5, half - 10));
    doc.font(FONT.bold).fontSize(7.5);
    line(doc, refTitle, x + 5, y + 18 + lines.length * 10.5, half - 10);
    const ids = p.taxIds.length ? p.taxIds.map(taxIdLine) : ['-'];
    ids.forEach((id, i) => line(doc, id, x + 5, y + 28 + (lines.length + i) * 10.5, half - 10));
    return 34 + (lines.length + ids.length) * 10.5;
  };
  const h = Math.max(party(M, 'FROM (sender)', d.exporter, "Sender's customs reference"), party(M + half + 8, 'TO (addressee)', d.importer, "Importer's reference (tax code / VAT / EORI / IOSS)"));
  doc.lineWidth(0.8).rect(M, y, half, h).stroke().rect(M + half + 8, y, half, h).stroke();
  y += h + 10;

  // Items.
  const cols = [
    { t: 'Detailed description of contents', w: 0.34, a: 'left' as const },
    { t: 'Quantity', w: 0.09, a: 'right' as const },
    { t: 'Net weight (kg)', w: 0.13, a: 'right' as const },
    { t: `Value (${d.currency})`, w: 0.14, a: 'right' as const },
    { t: 'HS tariff number', w: 0.16, a: 'left' as const },
    { t: 'Country of origin', w: 0.14, a: 'left' as const },
  ];
  const rowAt = (cells: string[], yy: number, bold: boolean) => {
    let x = M;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(bold ? 7.5 : 8.5);
    cells.forEach((c, i) => {
      line(doc, c, x + 3, yy, cols[i].w * W - 6, cols[i].a);
      x += cols[i].w * W;
    });
  };
  doc.rect(M, y, W, 14).fill('#e6e6e6').fillColor('black');
  rowAt(cols.map((c) => c.t), y + 4, true);
  y += 18;
  d.items.forEach((item, i) => {
    if (y > 700) {
      doc.addPage({ size: 'A4', margin: 0 });
      y = M;
    }
    rowAt(
      [
        item.description,
        String(item.quantity),
        item.unitWeightKg !== undefined ? (item.unitWeightKg * item.quantity).toFixed(3) : '-',
        totals.lineTotals[i].amount,
        item.hsCode,
        item.originCountry,
      ],
      y,
      false,
    );
    y += 13;
  });
  doc.moveTo(M, y).lineTo(M + W, y).stroke();
  y += 5;
  doc.font(FONT.bold).fontSize(8.5);
  line(doc, `Total gross weight: ${d.grossWeightKg.toFixed(3)} kg`, M, y, W / 2);
  line(doc, `Total value: ${totals.goods.amount} ${d.currency}`, M + W / 2, y, W / 2, 'right');
  y += 12;
  doc.font(FONT.regular).fontSize(8.5);
  const postage = [d.shipping ? `Postal charges/fees: ${d.shipping.amount} ${d.shipping.currency}` : '', d.insurance ? `Insurance: ${d.insurance.amount} ${d.insurance.currency}` : '']
    .filter(Boolean)
    .join('   ');
  if (postage) {
    line(doc, postage, M, y, W);
    y += 12;
  }
  y += 4;
  y = categoryBoxes(doc, d.reason, M, y, W, 6);
  doc.font(FONT.regular).fontSize(8.5);
  line(doc, `Explanation: ${d.reason === 'repair' ? 'Repair or warranty' : d.reason === 'other' ? 'Other goods' : '-'}   Incoterm: ${d.incoterm}`, M, y, W);
  y += 12;
  line(doc, `Invoice: ${d.number}   Licence: -   Certificate: -`, M, y, W);
  y += 12;
  line(doc, `Office of origin / date of posting: ${d.exporter.city ?? ''} ${d.exporter.country} / ${d.date}   Parcels: ${d.parcelCount}`, M, y, W);
  y += 18;
  doc.text(CN23_DECLARATION, M, y, { width: W });
  y = doc.y + 14;
  line(doc, `Date and sender's signature: ${d.date}   ${d.signatory ?? d.exporter.name ?? d.exporter.company ?? ''}`, M, y, W * 0.6);
  doc.moveTo(M + W * 0.62, y + 10).lineTo(M + W, y + 10).stroke();
  return finish();
}

/** The category boxes, the declaration's own reason ticked. Returns the y below them. */
function categoryBoxes(doc: PdfDoc, reason: ExportReason, x: number, y: number, width: number, perRow: number): number {
  doc.font(FONT.regular).fontSize(7.5);
  const cell = width / perRow;
  CATEGORIES.forEach((c, i) => {
    const cx = x + (i % perRow) * cell;
    const cy = y + Math.floor(i / perRow) * 12;
    doc.lineWidth(0.6).rect(cx, cy, 8, 8).stroke();
    if (c.reason.includes(reason)) {
      doc.lineWidth(1.2).moveTo(cx + 1.5, cy + 4).lineTo(cx + 3.5, cy + 7).lineTo(cx + 7, cy + 1).stroke();
    }
    doc.text(fitText(doc, c.text, cell - 14), cx + 11, cy + 0.5, { lineBreak: false });
  });
  return y + Math.ceil(CATEGORIES.length / perRow) * 12 + 6;
}
