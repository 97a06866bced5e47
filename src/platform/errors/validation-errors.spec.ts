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

describe('flattenValidationErrors on a missing field', () => {
  it('says only that it is required, not what its other checks make of nothing', () => {
    const errors = [
      err('parcels', { isDefined: 'parcels is required', isArray: 'parcels must be an array', arrayMaxSize: 'parcels must contain no more than 99 elements' }),
      err('quantity', { isInt: 'quantity must be an integer number', max: 'quantity must not be greater than 1000000' }),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { path: 'parcels', message: 'is required' },
      { path: 'quantity', message: 'must be an integer number' },
      { path: 'quantity', message: 'must not be greater than 1000000' },
    ]);
  });
});
