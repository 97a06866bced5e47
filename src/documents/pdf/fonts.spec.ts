import { spawnSync } from 'node:child_process';
import { startPdf } from './pdf-buffer';
import { line } from './pdf-text';
import { FONT } from './fonts';

/** The text layer of a PDF as poppler's pdftotext reads it. */
function pdfText(pdf: Buffer): string {
  const out = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf });
  if (out.status !== 0) throw new Error(`pdftotext failed: ${out.stderr.toString()}`);
  return out.stdout.toString('utf8');
}

async function render(lines: string[]): Promise<Buffer> {
  const { doc, finish } = startPdf({ title: 'test' });
  doc.addPage({ size: [400, 300], margin: 0 });
  lines.forEach((text, i) => {
    doc.font(i % 2 ? FONT.bold : FONT.regular).fontSize(10);
    line(doc, text, 10, 10 + i * 14, 380);
  });
  return finish();
}

describe('document fonts', () => {
  it('letters first embedded as parts of accented letters keep their text in later documents', async () => {
    // Only accented forms of u, N and e here: the plain letters enter the font as components.
    expect(pdfText(await render(['Ñü é', 'Ñü é']))).toContain('Ñü é');
    const text = pdfText(await render(['Number unique', 'Number unique']));
    expect(text.match(/Number unique/g)).toHaveLength(2);
  });

  it('prints Latin-extended, Greek and Cyrillic names in both weights, and shortens by whole characters', async () => {
    const names = ['Zoë Müller', 'Łódź Ñandú', 'Ελληνικά', 'Дмитрий'];
    const text = pdfText(await render([...names, ...names.map((n) => n.toUpperCase())]));
    for (const n of [...names, ...names.map((n) => n.toUpperCase())]) expect(text).toContain(n);
    const { doc, finish } = startPdf({ title: 'fit' });
    doc.addPage({ size: [400, 300], margin: 0 });
    doc.font(FONT.regular).fontSize(10);
    line(doc, 'Ελληνικά '.repeat(20), 10, 10, 100);
    const shortened = pdfText(await finish()).trim();
    expect(shortened).toMatch(/^Ελληνικά( Ελληνικά| [Α-ω]+)*\.\.\.$/);
  });
});
