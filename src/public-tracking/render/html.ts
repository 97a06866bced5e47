/** Markup that is already safe to put into a page (built by `html` or `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element body or a quoted attribute value. */
export function escapeHtml(value: string): string {
  // Most texts need nothing escaped: skip building a copy of them.
  return NEEDS_ESCAPE.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c]) : value;
}

const NEEDS_ESCAPE = /[&<>"']/;

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

/**
 * Template tag that escapes every interpolated value unless it is `SafeHtml` (a nested `html`
 * result); arrays are joined, and `null`, `undefined` and `false` render nothing. Every text that
 * reaches a page goes through here, carrier descriptions included, so no value can inject markup.
 *
 * @example html`<li class="${cls}">${event.description}</li>`
 */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Trusted markup written in our own code (never data). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(v: Part): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}
