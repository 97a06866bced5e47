import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './app-error';

/**
 * Flattens class-validator's error tree into `{ path, message }` pairs with paths such as
 * `items[0].unitValue.amount`. Unknown properties (rejected by the whitelist) are reported at their own path.
 * A missing required field (its `@IsDefined` / `@Required` failed) gets that one message only: what
 * its other checks say of a value that is not there ("must not be greater than 1000000") is noise.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const key = error.property;
    const path = !parent ? key : /^\d+$/.test(key) ? `${parent}[${key}]` : `${parent}.${key}`;
    const message = (constraint: string, text: string) =>
      constraint === 'whitelistValidation' ? 'unknown field' : text.startsWith(`${key} `) ? text.slice(key.length + 1) : text;
    const missing = error.constraints?.isDefined;
    if (missing !== undefined) {
      out.push({ path, message: message('isDefined', missing) });
      continue;
    }
    for (const [constraint, text] of Object.entries(error.constraints ?? {})) out.push({ path, message: message(constraint, text) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}
