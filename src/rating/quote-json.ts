import type { QuoteView } from './quote.types';

/**
 * `JSON.stringify(view)`, character for character, with each duties-and-taxes answer serialised once.
 * Options with the same landed cost point at one object (every option, when the destination values
 * goods FOB), and writing its lines out once per option was the largest per-option cost of a quote.
 */
export function serializeQuote(view: QuoteView): string {
  const shared = new Map<object, string>();
  const options = view.options.map((option) => {
    let duties = shared.get(option.dutiesAndTaxes);
    if (duties === undefined) {
      duties = JSON.stringify(option.dutiesAndTaxes);
      shared.set(option.dutiesAndTaxes, duties);
    }
    // The placeholder keeps the key's place; no string value can contain it unescaped.
    return fill(JSON.stringify({ ...option, dutiesAndTaxes: 0 }), '"dutiesAndTaxes":0', duties);
  });
  return fill(JSON.stringify({ ...view, options: 0 }), '"options":0', `[${options.join(',')}]`);
}

/** Puts `value` in place of the `0` that ends the first `marker` in `json`. */
function fill(json: string, marker: string, value: string): string {
  const at = json.indexOf(marker);
  if (at < 0) throw new Error(`serializeQuote: ${marker} not found`);
  const end = at + marker.length;
  return `${json.slice(0, end - 1)}${value}${json.slice(end)}`;
}
