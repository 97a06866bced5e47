import { encodeCode128 } from '../labels/barcode-encoder';
import { startPdf } from '../pdf/pdf-buffer';
import { FONT } from '../pdf/fonts';
import { line } from '../pdf/pdf-text';
import { ManifestData, manifestTotals } from './manifest.types';

const A4 = { width: 595.28, height: 841.89 };
const M = 36;
const W = A4.width - 2 * M;
const COLUMNS: { caption: string; width: number; align?: 'right' }[] = [
  { caption: '#', width: 0.05 },
  { caption: 'Tracking number', width: 0.22 },
  { caption: 'Piece', width: 0.07 },
  { caption: 'Reference', width: 0.15 },
  { caption: 'Service', width: 0.14 },
  { caption: 'Destination', width: 0.27 },
  { caption: 'kg', width: 0.1, align: 'right' },
];

/**
 * End-of-day manifest on A4: shipper, carrier and day, a Code 128 of the manifest id for the driver's
 * scanner, one line per parcel, totals, and signature boxes for the hand-over.
 */
export async function renderManifestPdf(m: ManifestData): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: `Manifest ${m.id}`, subject: `${m.carrierName} ${m.shipDate}` });
  const totals = manifestTotals(m);
  let page = 0;
  const header = () => {
    page++;
    doc.addPage({ size: 'A4', margin: 0 });
    doc.font(FONT.bold).fontSize(16);
    line(doc, `${m.carrierName} - end-of-day manifest`, M, M, W - 170);
    doc.font(FONT.regular).fontSize(9);
    line(doc, `Ship date ${m.shipDate}   Manifest ${m.id}   Page ${page}`, M, M + 20, W - 170);
    const shipper = [m.shipper.company ?? m.shipper.name, m.shipper.street1, [m.shipper.postalCode, m.shipper.city].filter(Boolean).join(' '), m.shipper.country].filter(Boolean).join(', ');
    line(doc, `Shipper: ${shipper}`, M, M + 32, W - 170);
    const symbol = encodeCode128(m.id);
    const module = Math.min(1, 160 / symbol.totalModules);
    let x = A4.width - M - symbol.totalModules * module;
    symbol.widths.forEach((w, i) => {
      if (i % 2 === 0) doc.rect(x, M, w * module, 34);
      x += w * module;
    });
    doc.fill('black');
    let y = M + 54;
    doc.rect(M, y, W, 14).fill('#e6e6e6').fillColor('black');
    doc.font(FONT.bold).fontSize(8);
    let cx = M;
    for (const c of COLUMNS) {
      line(doc, c.caption, cx + 2, y + 4, c.width * W - 4, c.align);
      cx += c.width * W;
    }
    return y + 18;
  };
  let y = header();
  doc.font(FONT.regular).fontSize(8);
  m.lines.forEach((l, i) => {
    if (y > A4.height - M - 120) {
      y = header();
      doc.font(FONT.regular).fontSize(8);
    }
    const destination = [l.recipient, [l.postalCode, l.city].filter(Boolean).join(' '), l.country].filter(Boolean).join(', ');
    const cells = [String(i + 1), l.trackingNumber, `${l.piece.index}/${l.piece.count}`, l.reference ?? '', l.service, destination, l.weightKg.toFixed(3)];
    let cx = M;
    cells.forEach((value, c) => {
      line(doc, value, cx + 2, y, COLUMNS[c].width * W - 4, COLUMNS[c].align);
      cx += COLUMNS[c].width * W;
    });
    y += 12;
  });
  doc.moveTo(M, y + 2).lineTo(M + W, y + 2).stroke();
  doc.font(FONT.bold).fontSize(10);
  line(doc, `Total: ${totals.shipments} shipments, ${totals.parcels} parcels, ${totals.weightKg.toFixed(3)} kg`, M, y + 8, W);
  y += 40;
  doc.font(FONT.regular).fontSize(9);
  const box = (x: number, title: string) => {
    doc.lineWidth(0.8).rect(x, y, W / 2 - 8, 70).stroke();
    line(doc, title, x + 6, y + 6, W / 2 - 20);
    line(doc, 'Name:', x + 6, y + 26, W / 2 - 20);
    line(doc, 'Date / time:', x + 6, y + 40, W / 2 - 20);
    line(doc, 'Signature:', x + 6, y + 54, W / 2 - 20);
  };
  box(M, 'Handed over by (shipper)');
  box(M + W / 2 + 8, `Received by (${m.carrierName})`);
  return finish();
}
