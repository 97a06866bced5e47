import { ValidationPipe } from '@nestjs/common';
import { ValidationError, type ValidatorOptions } from 'class-validator';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation-errors';
import { findMisshapenNested } from './nested-shape';

/** ValidationPipe that also refuses arrays where nested objects are declared (see findMisshapenNested). */
class StrictValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    const seen = new Set(flattenValidationErrors(errors).map((d) => d.path));
    for (const p of findMisshapenNested(object)) {
      if (seen.has(p.path)) continue;
      errors.push(Object.assign(new ValidationError(), { property: p.path, constraints: { isObject: p.message }, children: [] }));
    }
    return errors;
  }
}

/**
 * Request validation for every route: DTO classes are the whitelist (unknown fields are rejected,
 * at every depth), and the 400 lists every problem with its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return AppError.validation(
        details.length ? details : [{ path: '', message: 'body must be a JSON object' }],
        `The request is invalid: ${details.length} problem${details.length === 1 ? '' : 's'}`,
      );
    },
  });
}
