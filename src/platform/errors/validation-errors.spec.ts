import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

function err(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('builds paths with array indexes and strips the property name from messages', () => {
    const errors = [
      err('items', undefined, [err('0', undefined, [err('hsCode', { isString: 'hsCode must be a string' })])]),
      err('colour', { whitelistValidation: 'property colour should not exist' }),
      err('scopes', { isIn: 'each value in scopes must be one of a, b' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { path: 'items[0].hsCode', message: 'must be a string' },
      { path: 'colour', message: 'unknown field' },
      { path: 'scopes', message: 'each value in scopes must be one of a, b' },
    ]);
  });
});
