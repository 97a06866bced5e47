import { ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation-errors';

/**
 * Request validation for every route: DTO classes are the whitelist (unknown fields are rejected,
 * at every depth), and the 400 lists every problem with its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
