import type { QuoteView } from './quote.types';

/** A quote's answer as sent, and the same answer in its compact stored form (see `expandQuote`). */
export interface SerializedQuote {
  /** The compact stored form, UTF-8. */
  compact: Buffer;
  /** The answer as sent: `JSON.stringify(view)` in UTF-8, put together on the first call. */
  body(): Buffer;
}

/**
 * The compact form: `PWQ2`, then the answer with each option's duties and taxes replaced by a part
 * number between two U+0001, then the parts, all separated by NUL. JSON text never holds a raw
 * control character (JSON.stringify escapes them), so neither the separators nor the placeholders can
 * be mistaken for content, and a stored plain answer (JSON starts with `{`) is told apart by its start.
 */
const PART = '\u0000';
const COMPACT = `PWQ2${PART}`;
const PLACEHOLDER = /\u0001(\d+)\u0001/g;
const PART_BYTES = Buffer.from(PART);

/**
 * `JSON.stringify(view)`, byte for byte, with each duties-and-taxes answer serialised once.
 * Options with the same landed cost point at one object (every option, when the destination values
 * goods FOB), and writing its lines out once per option was the largest per-option cost of a quote.
 *
 * Both forms are bytes put together from pieces: the text around the duties-and-taxes answers
 * (`segments`, one before each option's answer and one after the last) and each answer encoded once.
 * A 20-carrier answer is 83 KB, mostly the same 3.6 KB of duty lines repeated per option; building it
 * as one string cost three more copies of it (a flattened string for its byte length, another for the
 * socket, and the joins), a third of everything a 20-carrier quote allocated. The compact form (about a
 * quarter of the answer before compression) is what is stored.
 */
export function serializeQuote(view: QuoteView): SerializedQuote {
  const shared = new Map<object, number>();
  const parts: Buffer[] = [];
  const order: number[] = [];
  const segments: string[] = [];
  const [outerHead, outerTail] = around(JSON.stringify({ ...view, options: 0 }), '"options":0');
  let before = `${outerHead}[`;
  for (const option of view.options) {
    let index = shared.get(option.dutiesAndTaxes);
    if (index === undefined) {
      index = parts.push(Buffer.from(JSON.stringify(option.dutiesAndTaxes))) - 1;
      shared.set(option.dutiesAndTaxes, index);
    }
    // Replacing the value keeps the key's place; a string value cannot hold `"dutiesAndTaxes":` unescaped.
    const [head, tail] = around(JSON.stringify({ ...option, dutiesAndTaxes: 0 }), '"dutiesAndTaxes":0');
    segments.push(before + head);
    order.push(index);
    before = `${tail},`;
  }
  segments.push(`${view.options.length ? before.slice(0, -1) : before}]${outerTail}`);

  const skeleton: string[] = [COMPACT];
  order.forEach((index, k) => skeleton.push(segments[k], `\u0001${index}\u0001`));
  skeleton.push(segments[order.length]);
  const compact = Buffer.concat([Buffer.from(skeleton.join('')), ...parts.flatMap((p) => [PART_BYTES, p])]);
  let body: Buffer | undefined;
  return { compact, body: () => (body ??= assemble(segments, parts, order)) };
}

/** The segments with option k's answer (`parts[order[k]]`) after segment k, in one buffer. */
function assemble(segments: string[], parts: Buffer[], order: number[]): Buffer {
  let size = 0;
  for (const s of segments) size += Buffer.byteLength(s);
  for (const index of order) size += parts[index].length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  order.forEach((index, k) => {
    at += out.write(segments[k], at);
    at += parts[index].copy(out, at);
  });
  at += out.write(segments[order.length], at);
  if (at !== size) throw new Error(`serializeQuote: wrote ${at} of ${size} bytes`);
  return out;
}

/** The answer's JSON from its compact stored form (a stored answer without parts is returned as it is). */
export function expandQuote(stored: string): string {
  if (!stored.startsWith(COMPACT)) return stored;
  const [skeleton, ...parts] = stored.slice(COMPACT.length).split(PART);
  return skeleton.replace(PLACEHOLDER, (_, index: string) => parts[Number(index)]);
}

/** `json` cut around the `0` that ends the first `marker`: the text before it and the text after it. */
function around(json: string, marker: string): [string, string] {
  const at = json.indexOf(marker);
  if (at < 0) throw new Error(`serializeQuote: ${marker} not found`);
  const end = at + marker.length;
  return [json.slice(0, end - 1), json.slice(end)];
}
