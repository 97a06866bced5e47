import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

// Each composition registers its checks in the order the same decorators written one above the
// other would (bottom first), so the 400 lists a field's problems in the same order.

/** A currency: three capital letters (ISO 4217), with the API's wording for anything else. */
export function IsCurrencyCode(message: string): PropertyDecorator {
  return applyDecorators(Matches(/^[A-Z]{3}$/, { message }), IsString());
}

/** An optional list of at most `max` objects of class `type`, each validated. */
export function OptionalNestedList(type: () => new () => object, max: number): PropertyDecorator {
  return applyDecorators(Type(type), ValidateNested({ each: true }), ArrayMaxSize(max), IsArray(), IsOptional());
}
