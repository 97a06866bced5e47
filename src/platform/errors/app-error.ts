/** One problem with a request, located by a JSON path such as `items[0].hsCode`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * The one error type the service throws on purpose. The global filter turns it into
 * `{ "error": { "code", "message", "details", "requestId" } }` with `status` as the HTTP status.
 *
 * @example throw new AppError(409, 'SHIPMENT_IN_TRANSIT', 'The carrier already has this parcel');
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(details: ErrorDetail[], message = 'The request is invalid'): AppError {
    return new AppError(400, 'VALIDATION_FAILED', message, details);
  }

  static notFound(what: string): AppError {
    return new AppError(404, 'NOT_FOUND', `${what} not found`);
  }

  static unauthorized(message = 'A valid API key is required'): AppError {
    return new AppError(401, 'UNAUTHORIZED', message);
  }

  static forbidden(message: string): AppError {
    return new AppError(403, 'FORBIDDEN', message);
  }

  static conflict(code: string, message: string): AppError {
    return new AppError(409, code, message);
  }
}
