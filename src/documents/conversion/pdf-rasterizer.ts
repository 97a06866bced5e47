import { spawn } from 'node:child_process';

/**
 * Renders PDF pages to grayscale PNG with poppler's `pdftoppm` (Debian package poppler-utils).
 * The PDF goes in on stdin and the PNG comes back on stdout; nothing touches the disk.
 */
export class PdfRasterizer {
  constructor(private readonly command = 'pdftoppm') {}

  /** Page numbers start at 1. */
  async pageToPng(pdf: Buffer, page: number, dpi: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, ['-r', String(dpi), '-png', '-gray', '-f', String(page), '-l', String(page), '-singlefile', '-'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      let err = '';
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', (e) => reject(new Error(`cannot run ${this.command} (install poppler-utils): ${e.message}`)));
      child.on('close', (code) => {
        if (code === 0 && out.length) resolve(Buffer.concat(out));
        else reject(new Error(`${this.command} failed (exit ${code}): ${err.trim().slice(0, 300)}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(pdf);
    });
  }
}
