import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

// Each composition registers its checks in the order the same decorators written one above the
// other would (bottom first), so the 400 lists a field's problems in the same order.

/**
 * A field the request must hold (not missing, not null). When it is missing the 400 says only
 * `is required` for it (see flattenValidationErrors), not what its other checks make of nothing.
 * Nested objects and lists need it most: `@ValidateNested()` alone lets a missing one through.
 */
export function Required(): PropertyDecorator {
  return IsDefined({ message: '$property is required' });
}

/** A currency: three capital letters (ISO 4217), with the API's wording for anything else. */
export function IsCurrencyCode(message: string): PropertyDecorator {
  return applyDecorators(Matches(/^[A-Z]{3}$/, { message }), IsString());
}

/** A required object of class `type`, validated. */
export function RequiredNested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(Type(type), ValidateNested(), Required());
}

/** A required list of `min` to `max` objects of class `type`, each validated. */
export function RequiredNestedList(type: () => new () => object, min: number, max: number): PropertyDecorator {
  return applyDecorators(Type(type), ValidateNested({ each: true }), ArrayMaxSize(max), ...(min > 0 ? [ArrayMinSize(min)] : []), IsArray(), Required());
}

/** An optional list of at most `max` objects of class `type`, each validated. */
export function OptionalNestedList(type: () => new () => object, max: number): PropertyDecorator {
  return applyDecorators(Type(type), ValidateNested({ each: true }), ArrayMaxSize(max), IsArray(), IsOptional());
}
