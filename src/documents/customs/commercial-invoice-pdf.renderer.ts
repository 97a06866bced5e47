import type { CurrencyTable } from '../../money/money';
import { PdfDoc, startPdf } from '../pdf/pdf-buffer';
import { FONT, FontName } from '../pdf/fonts';
import { line } from '../pdf/pdf-text';
import { CustomsDeclaration, declarationTotals, EXPORT_REASON_TEXT, partyLines, taxIdLine } from './customs-declaration';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const CONTENT = A4.width - 2 * MARGIN;

/** Item table columns: caption, share of the content width, alignment. */
const COLUMNS: { caption: string; width: number; align: 'left' | 'right' }[] = [
  { caption: '#', width: 0.04, align: 'left' },
  { caption: 'Description', width: 0.3, align: 'left' },
  { caption: 'HS code', width: 0.11, align: 'left' },
  { caption: 'Origin', width: 0.07, align: 'left' },
  { caption: 'Qty', width: 0.06, align: 'right' },
  { caption: 'Unit kg', width: 0.09, align: 'right' },
  { caption: 'Unit value', width: 0.155, align: 'right' },
  { caption: 'Total value', width: 0.165, align: 'right' },
];

export const COMMERCIAL_INVOICE_DECLARATION =
  'I/We hereby certify that the information on this invoice is true and correct and that the contents of this shipment are as stated above.';

/** Renders a commercial invoice on A4: parties with tax ids, terms, the item table, totals and the declaration. */
export async function renderCommercialInvoicePdf(d: CustomsDeclaration, currencies: CurrencyTable): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: `Commercial invoice ${d.number}`, subject: 'Commercial invoice' });
  const totals = declarationTotals(d, currencies);
  doc.addPage({ size: 'A4', margin: 0 });
  const t = (value: string, x: number, y: number, opts: { width?: number; align?: 'left' | 'right' } = {}) =>
    line(doc, value, x, y, opts.width ?? CONTENT, opts.align);

  doc.font(FONT.bold).fontSize(18);
  t('COMMERCIAL INVOICE', MARGIN, MARGIN);
  doc.font(FONT.regular).fontSize(9);
  const meta: [string, string][] = [
    ['Invoice no.', d.number],
    ['Date', d.date],
    ['Reference', d.reference ?? '-'],
    ['Carrier', `${d.carrierName} - ${d.serviceName}`],
    ['Tracking', d.trackingNumbers.join(', ')],
  ];
  // Beside the title; the values get room for a full shipment id (30 characters) in any font cut.
  meta.forEach(([k, v], i) => {
    doc.font(FONT.bold);
    t(k, 290, MARGIN + i * 12, { width: 60 });
    doc.font(FONT.regular);
    t(v, 355, MARGIN + i * 12, { width: A4.width - MARGIN - 355 });
  });

  // Parties side by side.
  let y = MARGIN + 70;
  const boxWidth = CONTENT / 2 - 5;
  const party = (x: number, title: string, p: CustomsDeclaration['exporter']) => {
    doc.font(FONT.bold).fontSize(8);
    t(title, x + 6, y + 6);
    doc.font(FONT.regular).fontSize(9);
    const lines = [...partyLines(p), ...(p.phone ? [`Tel. ${p.phone}`] : []), ...(p.email ? [p.email] : [])];
    lines.forEach((line, i) => t(line, x + 6, y + 19 + i * 11, { width: boxWidth - 12 }));
    doc.font(FONT.bold);
    const ids = p.taxIds.length ? p.taxIds.map(taxIdLine) : ['Tax ID: none given'];
    ids.forEach((line, i) => t(line, x + 6, y + 19 + (lines.length + i) * 11 + 3, { width: boxWidth - 12 }));
    return 19 + (lines.length + ids.length) * 11 + 10;
  };
  const h = Math.max(party(MARGIN, 'EXPORTER / SHIPPER', d.exporter), party(MARGIN + boxWidth + 10, 'IMPORTER / CONSIGNEE', d.importer));
  doc.lineWidth(0.8).rect(MARGIN, y, boxWidth, h).stroke().rect(MARGIN + boxWidth + 10, y, boxWidth, h).stroke();
  y += h + 12;

  // Terms.
  const destination = [d.importer.city, d.importer.countryName ?? d.importer.country].filter(Boolean).join(', ');
  const origins = [...new Set(d.items.map((i) => i.originCountry))].join(', ');
  const terms: [string, string][] = [
    ['Incoterm', `${d.incoterm} ${destination}`],
    ['Reason for export', EXPORT_REASON_TEXT[d.reason]],
    ['Currency', d.currency],
    ['Country of origin', origins],
    ['Country of destination', d.importer.country],
    ['Parcels', String(d.parcelCount)],
    ['Gross weight', `${d.grossWeightKg.toFixed(2)} kg`],
    ['Net weight', totals.netWeightKg ? `${totals.netWeightKg.toFixed(3)} kg` : '-'],
  ];
  doc.fontSize(9);
  terms.forEach(([k, v], i) => {
    const x = MARGIN + (i % 2) * (CONTENT / 2);
    const row = Math.floor(i / 2);
    doc.font(FONT.bold);
    t(k, x, y + row * 12);
    doc.font(FONT.regular);
    t(v, x + 110, y + row * 12, { width: CONTENT / 2 - 115 });
  });
  y += Math.ceil(terms.length / 2) * 12 + 12;

  // Items, continuing on new pages with the header repeated.
  y = tableHeader(doc, y);
  d.items.forEach((item, i) => {
    if (y > A4.height - MARGIN - 150) {
      doc.addPage({ size: 'A4', margin: 0 });
      y = tableHeader(doc, MARGIN);
    }
    const cells = [
      String(i + 1),
      item.sku ? `${item.description} (${item.sku})` : item.description,
      item.hsCode,
      item.originCountry,
      String(item.quantity),
      item.unitWeightKg !== undefined ? item.unitWeightKg.toFixed(3) : '-',
      `${item.unitValue.amount}`,
      totals.lineTotals[i].amount,
    ];
    row(doc, y, cells, FONT.regular);
    y += 14;
  });
  doc.lineWidth(0.8).moveTo(MARGIN, y).lineTo(MARGIN + CONTENT, y).stroke();
  y += 8;

  // Totals, right-aligned under the value column.
  const totalRows: [string, string][] = [[`Goods (${d.currency})`, totals.goods.amount]];
  if (d.shipping) totalRows.push(['Freight', d.shipping.amount]);
  if (d.insurance) totalRows.push(['Insurance', d.insurance.amount]);
  totalRows.push([`Total invoice value (${d.currency})`, totals.invoiceTotal.amount]);
  totalRows.forEach(([k, v], i) => {
    doc.font(i === totalRows.length - 1 ? FONT.bold : FONT.regular).fontSize(9.5);
    t(k, MARGIN + CONTENT * 0.45, y + i * 13, { width: CONTENT * 0.35, align: 'right' });
    t(v, MARGIN + CONTENT * 0.8, y + i * 13, { width: CONTENT * 0.2, align: 'right' });
  });
  y += totalRows.length * 13 + 20;

  // Declaration and signature.
  doc.font(FONT.bold).fontSize(9);
  t('DECLARATION', MARGIN, y);
  doc.font(FONT.regular).fontSize(9);
  doc.text(COMMERCIAL_INVOICE_DECLARATION, MARGIN, y + 13, { width: CONTENT });
  y += 45;
  const signatory = d.signatory ?? d.exporter.name ?? d.exporter.company ?? '';
  t(`Name: ${signatory}`, MARGIN, y);
  t(`Date: ${d.date}`, MARGIN + 220, y);
  doc.moveTo(MARGIN + 330, y + 10).lineTo(MARGIN + CONTENT, y + 10).stroke();
  t('Signature', MARGIN + 330, y + 13);
  return finish();
}

function tableHeader(doc: PdfDoc, y: number): number {
  doc.rect(MARGIN, y, CONTENT, 15).fill('#e6e6e6').fillColor('black');
  row(doc, y + 4, COLUMNS.map((c) => c.caption), FONT.bold);
  return y + 19;
}

function row(doc: PdfDoc, y: number, cells: string[], font: FontName): void {
  let x = MARGIN;
  doc.font(font).fontSize(8.5);
  cells.forEach((cell, i) => {
    const width = COLUMNS[i].width * CONTENT;
    line(doc, cell, x + 2, y, width - 4, COLUMNS[i].align);
    x += width;
  });
}
