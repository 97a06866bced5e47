/**
 * Scrubs personal data from free texts that reach the public page (carrier event descriptions).
 * Carriers write things like "Delivered, signed by J SMITH" or put a phone number into a note; we
 * also know the buyer's own name, street, phone and email, and remove any of them wherever they
 * appear. What is removed is replaced by `…`.
 */
export class PrivacyFilter {
  private readonly known: RegExp | null;

  /** `personal`: the buyer's name, company, street lines, phone and email (nulls ignored). */
  constructor(personal: (string | null | undefined)[]) {
    const needles = new Set<string>();
    for (const value of personal) {
      if (!value) continue;
      const v = value.trim();
      if (v.length >= 3) needles.add(v);
      // Single words of a name or street count too ("SMITH" alone in "signed by SMITH").
      for (const word of v.split(/[\s,]+/)) if (word.length >= 3 && !/^\d+$/.test(word)) needles.add(word);
      const digits = v.replace(/\D/g, '');
      if (digits.length >= 6) needles.add(digits);
    }
    const sorted = [...needles].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.known = sorted.length ? new RegExp(sorted.map((s) => `(?<![\\p{L}\\p{N}])${s}(?![\\p{L}\\p{N}])`).join('|'), 'giu') : null;
  }

  /** A view repeats its cities and carrier texts: each distinct text is scrubbed once per filter. */
  private readonly cleaned = new Map<string, string>();

  clean(text: string): string {
    let out = this.cleaned.get(text);
    if (out === undefined) {
      out = this.scrub(text);
      if (this.cleaned.size < 1000) this.cleaned.set(text, out);
    }
    return out;
  }

  private scrub(text: string): string {
    let out = text;
    out = out.replace(SIGNED_BY, (_m, lead: string) => `${lead} …`);
    out = out.replace(EMAIL, '…');
    out = out.replace(PHONE, (m) => (looksLikeDateOrTime(m) || digitCount(m) < 8 ? m : '…'));
    if (this.known) {
      out = out.replace(this.known, '…');
      // Phone numbers written with other separators than stored: compare digit runs as well.
      out = out.replace(/[+\d][\d\s().\/-]{5,}\d/g, (m) => (this.isKnownDigits(m) ? '…' : m));
    }
    // "Jane" and "Doe" removed one by one leave "… …": one mark is enough.
    return out.replace(/…(\s+…)+/g, '…').trim();
  }

  private isKnownDigits(run: string): boolean {
    const digits = run.replace(/\D/g, '');
    return digits.length >= 6 && !!this.known && new RegExp(this.known.source, 'iu').test(digits);
  }
}

/** "signed by …", "received by: …", "unterschrieben von …", "signé par …", "firmado por …", "签收人：…" up to the end of the clause. */
const SIGNED_BY =
  /\b(signed(?:\s+for)?\s+by|received\s+by|accepted\s+by|delivered\s+to|left\s+with|unterschrieben\s+von|empfangen\s+von|zugestellt\s+an|signé\s+par|reçu\s+par|firmado\s+por|recibido\s+por|签收人|收件人)\s*[:：]?\s*[^,;.\n]*/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d\s().\/-]{6,}\d(?![\p{L}\p{N}])/gu;

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length;
}

function looksLikeDateOrTime(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(s.trim()) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(s.trim()) || /^\d{1,2}:\d{2}/.test(s.trim());
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
