import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './app-error';

/**
 * Flattens class-validator's error tree into `{ path, message }` pairs with paths such as
 * `items[0].unitValue.amount`. Unknown properties (rejected by the whitelist) are reported at their own path.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const key = error.property;
    const path = !parent ? key : /^\d+$/.test(key) ? `${parent}[${key}]` : `${parent}.${key}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        path,
        message: constraint === 'whitelistValidation'
            ? 'unknown field'
            : message.startsWith(`${key} `)
              ? message.slice(key.length + 1)
              : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}
