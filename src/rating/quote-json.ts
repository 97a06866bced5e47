import type { QuoteView } from './quote.types';

/** A quote's answer as sent, and the same answer in its compact stored form (see `expandQuote`). */
export interface SerializedQuote {
  json: string;
  compact: string;
}

/** Separates the parts of the compact form; JSON text never holds a raw NUL (JSON.stringify escapes it). */
const PART = '\u0000';
const PLACEHOLDER = /"dutiesAndTaxes":(\d+)/g;

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
    const skeleton = JSON.stringify({ ...option, dutiesAndTaxes: index });
    stored.push(skeleton);
    sent.push(fill(skeleton, `"dutiesAndTaxes":${index}`, parts[index]));
  }
  const outer = JSON.stringify({ ...view, options: 0 });
  return {
    json: fill(outer, '"options":0', `[${sent.join(',')}]`),
    compact: [fill(outer, '"options":0', `[${stored.join(',')}]`), ...parts].join(PART),
  };
}

/** The answer's JSON from its compact stored form (a stored answer without parts is returned as it is). */
export function expandQuote(stored: string): string {
  if (!stored.includes(PART)) return stored;
  const [skeleton, ...parts] = stored.split(PART);
  return fillParts(skeleton, parts);
}

function fillParts(skeleton: string, parts: string[]): string {
  return skeleton.replace(PLACEHOLDER, (_, index: string) => `"dutiesAndTaxes":${parts[Number(index)]}`);
}

/** Puts `value` in place of the number that ends the first `marker` in `json`. */
function fill(json: string, marker: string, value: string): string {
  const at = json.indexOf(marker);
  if (at < 0) throw new Error(`serializeQuote: ${marker} not found`);
  const colon = json.indexOf(':', at + 1);
  return `${json.slice(0, colon + 1)}${value}${json.slice(at + marker.length)}`;
}
