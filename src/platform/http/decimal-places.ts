import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * True when `value` has at most `places` decimal places. Unlike class-validator's
 * `IsNumber({ maxDecimalPlaces })`, which splits `String(value)` on the dot and throws on numbers
 * JavaScript prints in exponent form (`1e-320`, `1.5e-7`), this works on every finite number.
 */
export function hasAtMostDecimalPlaces(value: unknown, places: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const text = value.toString();
  const exp = /e([+-]\d+)$/i.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return fraction - (exp ? Number(exp[1]) : 0) <= places;
}

/** Property decorator: a finite number with at most `places` decimal places. */
export function MaxDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasAtMostDecimalPlaces(value, places),
        defaultMessage: () => `$property must have at most ${places} decimal places`,
      },
    },
    options,
  );
}
