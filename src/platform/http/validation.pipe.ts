import { ValidationPipe } from '@nestjs/common';
import { ValidationError, type ValidatorOptions } from 'class-validator';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { flattenValidationErrors } from '../errors/validation-errors';
import { dtoCheckFor } from './compiled-dto-check';
import { findMisshapenNested } from './nested-shape';
import { runRequestChecks, type Resolve } from './request-checks';

/** A problem found after the decorators (a misshapen nested object or a request check), reported as it is worded. */
class CheckedProblem extends ValidationError {
  constructor(readonly detail: ErrorDetail) {
    super();
    this.property = detail.path;
    this.constraints = { requestCheck: detail.message };
    this.children = [];
  }
}

/**
 * ValidationPipe that also refuses arrays where nested objects are declared (see findMisshapenNested)
 * and runs the request checks the DTO class declares with `@CheckedBy` (given a way to reach the
 * application's providers).
 */
class StrictValidationPipe extends ValidationPipe {
  constructor(
    options: ConstructorParameters<typeof ValidationPipe>[0],
    private readonly resolve?: Resolve,
  ) {
    super(options);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    // A DTO its compiled rules pass (see compileDtoCheck) has nothing for class-validator to report.
    const errors = isStrict(options) && dtoCheckFor(object.constructor as new () => object)?.(object) ? [] : await super.validate(object, options);
    for (const detail of await problemsBeyondDecorators(object, flattenValidationErrors(errors), this.resolve)) errors.push(new CheckedProblem(detail));
    return errors;
  }
}

/** The options the compiled checks stand in for: whitelist, unknown fields and values refused, no groups, nothing skipped. */
function isStrict(options: ValidatorOptions | undefined): boolean {
  return (
    !!options?.whitelist &&
    !!options.forbidNonWhitelisted &&
    options.forbidUnknownValues !== false &&
    !options.groups?.length &&
    !options.always &&
    !options.skipMissingProperties &&
    !options.skipNullProperties &&
    !options.skipUndefinedProperties
  );
}

/**
 * What a request has wrong beyond its DTO's decorators, given their problems: arrays where nested
 * objects are declared (findMisshapenNested), then the request checks its class declares with
 * `@CheckedBy` (when `resolve` reaches the application's providers); none at a path already reported.
 * The global pipe and requests inside other requests (batch items) both use it.
 */
export async function problemsBeyondDecorators(dto: object, structural: readonly ErrorDetail[], resolve?: Resolve): Promise<ErrorDetail[]> {
  const seen = new Set(structural.map((d) => d.path));
  const misshapen = findMisshapenNested(dto).filter((p) => !seen.has(p.path));
  return [...misshapen, ...(resolve ? await runRequestChecks(dto, [...structural, ...misshapen], resolve) : [])];
}

/**
 * Request validation for every route: DTO classes are the whitelist (unknown fields are rejected,
 * at every depth), and the 400 lists every problem with its path. `resolve` reaches the application's
 * providers for the request checks of `@CheckedBy`; without it they are skipped.
 */
export function createValidationPipe(resolve?: Resolve): ValidationPipe {
  return new StrictValidationPipe(
    {
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const details = [
          ...flattenValidationErrors(errors.filter((e) => !(e instanceof CheckedProblem))),
          ...errors.flatMap((e) => (e instanceof CheckedProblem ? [e.detail] : [])),
        ];
        return AppError.validation(
          details.length ? details : [{ path: '', message: 'body must be a JSON object' }],
          `The request is invalid: ${details.length} problem${details.length === 1 ? '' : 's'}`,
        );
      },
    },
    resolve,
  );
}
