import { spawnSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import type { Test } from 'supertest';
import { PdfRasterizer } from '../../src/documents/conversion/pdf-rasterizer';

/** Page sizes in points, as a PDF reader sees them. */
export async function pageSizes(pdf: Buffer): Promise<{ width: number; height: number }[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((p) => ({ width: Math.round(p.getWidth() * 100) / 100, height: Math.round(p.getHeight() * 100) / 100 }));
}

/** The text of a PDF in reading order (poppler's pdftotext), whitespace collapsed. */
export function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8').replace(/[ \t]+/g, ' ');
}

export function pageToPng(pdf: Buffer, page: number, dpi = 200): Promise<Buffer> {
  return new PdfRasterizer().pageToPng(pdf, page, dpi);
}

/** Reads a supertest response body as raw bytes (PDF, ZPL, CSV), whatever its content type. */
export function asBytes(req: Test): Test {
  return req.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}
