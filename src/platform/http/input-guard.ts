import type { ErrorDetail } from '../errors/app-error';

/** Deeper than this, a JSON body is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Finds input no route can use and that would otherwise fail deep inside: NUL characters and unpaired
 * UTF-16 surrogates (PostgreSQL text and JSON cannot hold them) anywhere in keys or strings, and nesting deeper than MAX_JSON_DEPTH (recursive
 * transformers would overflow the stack). Returns the problems with their paths; empty when clean.
 */
export function findUnusableInput(value: unknown, root: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (problems.length >= 20) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ path, message: 'must not contain NUL characters' });
      else if (LONE_SURROGATE.test(v)) problems.push({ path, message: 'must be valid Unicode (unpaired surrogate)' });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth > MAX_JSON_DEPTH) {
      problems.push({ path, message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) problems.push({ path: p.replace(/\u0000/g, '\\0'), message: 'field names must not contain NUL characters' });
      walk(x, p, depth + 1);
    }
  };
  walk(value, root, 0);
  return problems;
}
