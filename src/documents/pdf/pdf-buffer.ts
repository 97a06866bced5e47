import PDFDocument from 'pdfkit';
import { registerFonts } from './fonts';

export type PdfDoc = PDFKit.PDFDocument;

/**
 * Starts a pdfkit document that collects its output in memory, with the document fonts (`FONT`)
 * registered and the regular one selected. Pages are added by the caller (`autoFirstPage` is off);
 * `finish()` ends the document and resolves with its bytes.
 */
export function startPdf(info: { title: string; subject?: string }): { doc: PdfDoc; finish: () => Promise<Buffer> } {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    compress: true,
    // No default font at construction: pdfkit would load Helvetica's metrics for nothing.
    font: '',
    // pdfkit hashes every info entry into the file id, so an undefined entry would throw.
    info: { Title: info.title, ...(info.subject ? { Subject: info.subject } : {}), Producer: 'Parcelwise', Creator: 'Parcelwise' },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}
