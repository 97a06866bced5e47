import { PDFDocument } from 'pdf-lib';
import { LABEL_AREA, LabelSize, PAGE_SIZES, ZplDpi } from '../labels/label.types';
import type { CarrierLabel } from '../labels/label.types';
import { startPdf } from '../pdf/pdf-buffer';
import { PdfRasterizer } from './pdf-rasterizer';
import { decodeGif, decodePng, encodePng, RasterImage, rotateClockwise } from './raster-image';
import { rasterToZpl } from './zpl-graphic';
import { ZplRasterizer } from './zpl-rasterizer';

export interface LabelTarget {
  format: 'pdf' | 'zpl';
  size: LabelSize;
  dpi: ZplDpi;
}

export interface ConvertedLabel {
  format: 'pdf' | 'zpl';
  data: Buffer;
}

/** 4x6 in, the stock carrier labels are made for. */
const LABEL_MM = { width: 101.6, height: 152.4 };

/**
 * Turns a label a carrier produced (PDF, ZPL, PNG or GIF) into the format and size the warehouse asked
 * for, offline: PDF pages and images become ZPL graphic fields, ZPL and images become PDF pages.
 * Carrier adapters call `convert` when a carrier cannot return the requested format itself (UPS
 * returns GIF), and the shipments service calls it when a label is fetched in another format.
 *
 * @example
 * const pdf = await converter.convert({ format: 'gif', data: gifFromUps }, { format: 'pdf', size: '4x6', dpi: 203 });
 */
export class LabelConverter {
  constructor(
    private readonly pdfRasterizer = new PdfRasterizer(),
    private readonly zplRasterizer = new ZplRasterizer(),
  ) {}

  async convert(label: CarrierLabel, target: LabelTarget): Promise<ConvertedLabel> {
    if (target.format === 'pdf') {
      switch (label.format) {
        case 'pdf':
          return { format: 'pdf', data: await fitPdfToSize(label.data, target.size) };
        case 'zpl':
          return { format: 'pdf', data: await this.zplToPdf(label.data.toString('utf8'), target) };
        case 'png':
          return { format: 'pdf', data: await imagesToPdf([decodePng(label.data)], target.size) };
        case 'gif':
          return { format: 'pdf', data: await imagesToPdf([decodeGif(label.data)], target.size) };
      }
    }
    switch (label.format) {
      case 'zpl':
        return { format: 'zpl', data: label.data };
      case 'pdf':
        return { format: 'zpl', data: Buffer.from(await this.pdfToZpl(label.data, target.dpi), 'utf8') };
      case 'png':
        return { format: 'zpl', data: Buffer.from(imageToZpl(decodePng(label.data), target.dpi), 'utf8') };
      case 'gif':
        return { format: 'zpl', data: Buffer.from(imageToZpl(decodeGif(label.data), target.dpi), 'utf8') };
    }
  }

  /** PNG images of ZPL labels (one per `^XA ... ^XZ`), as a 4x6 in printer at `dpi` would print them. */
  async zplToPngs(zpl: string, dpi: ZplDpi): Promise<Buffer[]> {
    return this.zplRasterizer.toPngs(zpl, LABEL_MM.width, LABEL_MM.height, dpi);
  }

  private async zplToPdf(zpl: string, target: LabelTarget): Promise<Buffer> {
    const pngs = await this.zplToPngs(zpl, target.dpi);
    return imagesToPdf(pngs.map(decodePng), target.size);
  }

  private async pdfToZpl(pdf: Buffer, dpi: ZplDpi): Promise<string> {
    const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
    const out: string[] = [];
    for (let page = 1; page <= pages; page++) {
      out.push(imageToZpl(decodePng(await this.pdfRasterizer.pageToPng(pdf, page, dpi)), dpi));
    }
    return out.join('\n');
  }
}

/** A label image as one ZPL label filling the 4x6 in area; landscape images are turned upright first. */
export function imageToZpl(image: RasterImage, dpi: ZplDpi): string {
  const upright = image.width > image.height ? rotateClockwise(image) : image;
  return rasterToZpl(upright, Math.round((LABEL_AREA.width * dpi) / 72), Math.round((LABEL_AREA.height * dpi) / 72));
}

/** One PDF page per image, the image fitted into the label area of the page size (upright). */
export async function imagesToPdf(images: RasterImage[], size: LabelSize): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: 'Shipping label' });
  const page = PAGE_SIZES[size];
  const area = size === 'a4' ? { x: 36, y: 36, ...LABEL_AREA } : { x: 0, y: 0, ...page };
  for (const image of images) {
    const upright = image.width > image.height ? rotateClockwise(image) : image;
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    doc.image(encodePng(upright), area.x, area.y, { fit: [area.width, area.height], align: 'center', valign: 'center' });
  }
  return finish();
}

/**
 * A carrier's PDF on the requested paper: pages already of that size (within 2 pt) are kept as they
 * are; others are scaled to fit (on A4, into the label area at the top left, like our own labels).
 */
export async function fitPdfToSize(pdf: Buffer, size: LabelSize): Promise<Buffer> {
  const source = await PDFDocument.load(pdf, { updateMetadata: false });
  const target = PAGE_SIZES[size];
  const pages = source.getPages();
  if (pages.every((p) => Math.abs(p.getWidth() - target.width) < 2 && Math.abs(p.getHeight() - target.height) < 2)) return pdf;
  const out = await PDFDocument.create();
  const embedded = await out.embedPages(pages);
  const area = size === 'a4' ? { x: 36, y: target.height - 36 - LABEL_AREA.height, ...LABEL_AREA } : { x: 0, y: 0, ...target };
  for (const e of embedded) {
    const page = out.addPage([target.width, target.height]);
    const scale = Math.min(area.width / e.width, area.height / e.height);
    page.drawPage(e, {
      x: area.x + (area.width - e.width * scale) / 2,
      y: area.y + (area.height - e.height * scale) / 2,
      xScale: scale,
      yScale: scale,
    });
  }
  return Buffer.from(await out.save());
}

/** Concatenates PDF documents page by page (batch printing of labels from many shipments). */
export async function mergePdfs(pdfs: Buffer[]): Promise<Buffer> {
  if (pdfs.length === 1) return pdfs[0];
  const out = await PDFDocument.create();
  for (const pdf of pdfs) {
    const source = await PDFDocument.load(pdf, { updateMetadata: false });
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return Buffer.from(await out.save());
}
