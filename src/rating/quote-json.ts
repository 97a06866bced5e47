import type { QuoteView } from './quote.types';

/** A quote's answer as sent, and the same answer in its compact stored form (see `expandQuote`). */
export interface SerializedQuote {
  json: string;
  compact: string;
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

/**
 * `JSON.stringify(view)`, character for character, with each duties-and-taxes answer serialised once.
 * Options with the same landed cost point at one object (every option, when the destination values
 * goods FOB), and writing its lines out once per option was the largest per-option cost of a quote.
 *
 * The compact form is what is stored: the answer with each option's duties and taxes replaced by the
 * number of a shared part, then the parts. A 20-carrier quote's answer (83 KB, mostly the same 3.6 KB
 * of duty lines repeated per option) shrinks to about a quarter before compression.
 */
export function serializeQuote(view: QuoteView): SerializedQuote {
  const shared = new Map<object, number>();
  const parts: string[] = [];
  const sent: string[] = [];
  const stored: string[] = [];
  for (const option of view.options) {
    let index = shared.get(option.dutiesAndTaxes);
    if (index === undefined) {
      index = parts.push(JSON.stringify(option.dutiesAndTaxes)) - 1;
      shared.set(option.dutiesAndTaxes, index);
    }
    // Replacing the value keeps the key's place; a string value cannot hold `"dutiesAndTaxes":` unescaped.
    const skeleton = JSON.stringify({ ...option, dutiesAndTaxes: 0 });
    stored.push(fill(skeleton, '"dutiesAndTaxes":0', `\u0001${index}\u0001`));
    sent.push(fill(skeleton, '"dutiesAndTaxes":0', parts[index]));
  }
  const outer = JSON.stringify({ ...view, options: 0 });
  return {
    json: fill(outer, '"options":0', `[${sent.join(',')}]`),
    compact: COMPACT + [fill(outer, '"options":0', `[${stored.join(',')}]`), ...parts].join(PART),
  };
}

/** The answer's JSON from its compact stored form (a stored answer without parts is returned as it is). */
export function expandQuote(stored: string): string {
  if (!stored.startsWith(COMPACT)) return stored;
  const [skeleton, ...parts] = stored.slice(COMPACT.length).split(PART);
  return skeleton.replace(PLACEHOLDER, (_, index: string) => parts[Number(index)]);
}

/** Puts `value` in place of the `0` that ends the first `marker` in `json`. */
function fill(json: string, marker: string, value: string): string {
  const at = json.indexOf(marker);
  if (at < 0) throw new Error(`serializeQuote: ${marker} not found`);
  const end = at + marker.length;
  return `${json.slice(0, end - 1)}${value}${json.slice(end)}`;
}
