import { startPdf, PdfDoc } from '../pdf/pdf-buffer';
import { FONT } from '../pdf/fonts';
import { line } from '../pdf/pdf-text';
import { darkRuns, encodeCode128, encodeDataMatrix } from './barcode-encoder';
import { LabelElement, layoutLabel } from './label-layout';
import { LABEL_AREA, LabelData, LabelSize, PAGE_SIZES } from './label.types';

/** Code 128 quiet zone: ten modules each side (ISO/IEC 15417). */
const QUIET_MODULES = 10;
/** Narrowest bar we print: 0.75 pt is ~0.26 mm, which scanners read from laser and thermal prints alike. */
const MIN_MODULE_PT = 0.75;
const MAX_MODULE_PT = 2.2;

/**
 * Renders parcel labels into one PDF, one page per parcel: 4x6 in, A6 (the 4x6 layout scaled to fit),
 * or A4 (the label at full size in the top-left corner inside a dashed cut line).
 */
export async function renderLabelsPdf(labels: LabelData[], size: LabelSize): Promise<Buffer> {
  if (labels.length === 0) throw new Error('renderLabelsPdf needs at least one label');
  const { doc, finish } = startPdf({ title: `Shipping label ${labels[0].trackingNumber}`, subject: 'Shipping labels' });
  const page = PAGE_SIZES[size];
  for (const label of labels) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    let offsetX = 0;
    let offsetY = 0;
    let scale = 1;
    if (size === 'a4') {
      offsetX = 36;
      offsetY = 36;
      doc.save().lineWidth(0.5).dash(4, { space: 3 }).rect(offsetX - 6, offsetY - 6, LABEL_AREA.width + 12, LABEL_AREA.height + 12).stroke().undash().restore();
      doc.font(FONT.regular).fontSize(7).fillColor('black');
      doc.text('Cut along the dashed line and attach the label to the largest side of the parcel.', offsetX - 6, offsetY + LABEL_AREA.height + 12, {
        width: LABEL_AREA.width + 12,
        lineBreak: false,
      });
    } else if (size !== '4x6') {
      scale = Math.min(page.width / LABEL_AREA.width, page.height / LABEL_AREA.height);
      offsetX = (page.width - LABEL_AREA.width * scale) / 2;
      offsetY = (page.height - LABEL_AREA.height * scale) / 2;
    }
    doc.save();
    doc.translate(offsetX, offsetY).scale(scale);
    for (const el of layoutLabel(label)) paint(doc, el);
    doc.restore();
  }
  return finish();
}

function paint(doc: PdfDoc, el: LabelElement): void {
  switch (el.kind) {
    case 'rect':
      if (el.fill) doc.rect(el.x, el.y, el.width, el.height).fill('black');
      else doc.lineWidth(el.thickness).rect(el.x, el.y, el.width, el.height).stroke('black');
      return;
    case 'text': {
      const font = el.bold ? FONT.bold : FONT.regular;
      doc.font(font).fontSize(el.size).fillColor(el.inverse ? 'white' : 'black');
      line(doc, el.text, el.x, el.y, el.width, el.align);
      doc.fillColor('black');
      return;
    }
    case 'code128': {
      const symbol = encodeCode128(el.data);
      const module = Math.max(MIN_MODULE_PT, Math.min(MAX_MODULE_PT, el.width / (symbol.totalModules + 2 * QUIET_MODULES)));
      let x = el.x + (el.width - symbol.totalModules * module) / 2;
      symbol.widths.forEach((w, i) => {
        if (i % 2 === 0) doc.rect(x, el.y, w * module, el.height);
        x += w * module;
      });
      doc.fill('black');
      return;
    }
    case 'matrix': {
      const symbol = encodeDataMatrix(el.data);
      const module = el.size / Math.max(symbol.columns, symbol.rows);
      for (const run of darkRuns(symbol)) doc.rect(el.x + run.col * module, el.y + run.row * module, run.length * module, module);
      doc.fill('black');
      return;
    }
  }
}
