import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorDetail } from './app-error';
import { codeForStatus } from './error-codes';

export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[]; requestId: string };
}

/** Maps anything thrown while handling a request to the one error shape of the API. */
export function toErrorResponse(
  exception: unknown,
  requestId: string,
): { status: number; body: ErrorBody; headers: Record<string, string> } {
  let status = 500;
  let code = 'INTERNAL';
  let message = 'Internal error';
  let details: ErrorDetail[] = [];
  let headers: Record<string, string> = {};

  if (exception instanceof AppError) {
    ({ status, code, message, details, headers } = exception);
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    code = codeForStatus(status);
    const res = exception.getResponse();
    message =
      typeof res === 'string'
        ? res
        : typeof (res as { message?: unknown }).message === 'string'
          ? (res as { message: string }).message
          : exception.message;
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) message = 'Route not found';
    if (status === 400 && /JSON/.test(message)) code = 'INVALID_JSON';
  } else if (isDataException(exception)) {
    // PostgreSQL "data exception" (SQLSTATE class 22: value out of range, invalid text for a type):
    // caused by a value the client sent that validation let through. Not a server fault.
    status = 400;
    code = 'INVALID_VALUE';
    message = 'A value in the request cannot be stored or compared (out of range or malformed)';
  } else if (isDatabaseUnavailable(exception)) {
    // The database is restarting or unreachable: nothing the client did, and worth retrying shortly.
    status = 503;
    code = 'DATABASE_UNAVAILABLE';
    message = 'The service cannot reach its database right now; retry shortly';
    headers = { 'Retry-After': '5' };
  } else if (isFastifyClientError(exception)) {
    status = exception.statusCode;
    code = codeForStatus(status);
    message = fastifyMessage(exception);
    if (exception.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || exception.code === undefined) code = 'INVALID_JSON';
    if (status === 400 && /JSON/i.test(exception.message)) code = 'INVALID_JSON';
  }
  // A rejected request always says what was wrong: a problem with no field of its own (malformed JSON,
  // a bad header) is reported against the body as a whole.
  if (status === 400 && details.length === 0) details = [{ path: '', message }];
  return { status, headers, body: { error: { code, message, details, requestId } } };
}

/** A PostgreSQL error through TypeORM (QueryFailedError) or straight from node-pg (prepared statements on the pool). */
function isDataException(e: unknown): boolean {
  const err = e as { name?: unknown; code?: unknown; severity?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.name === 'QueryFailedError' ? err.driverError?.code : err && typeof err.severity === 'string' ? err.code : undefined;
  return typeof code === 'string' && code.startsWith('22');
}

/** Network codes and PostgreSQL SQLSTATEs of a lost or refused database connection. */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);
const DATABASE_DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/;

const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/** True for a lost or refused database connection (a server restart, failover or outage). */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur = e as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown } | null, depth = 0; cur && depth < 4; depth++) {
    const code = typeof cur.code === 'string' ? cur.code : undefined;
    if (code && (DATABASE_DOWN_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof cur.message === 'string' && DATABASE_DOWN_MESSAGES.test(cur.message)) return true;
    // A transaction whose connection died is rolled back and its runner released under the statements still queued on it.
    if (RELEASED_RUNNER_ERRORS.has(String((cur as { name?: unknown }).name))) return true;
    cur = (cur.driverError ?? cur.cause) as typeof cur;
  }
  return false;
}

interface FastifyClientError {
  statusCode: number;
  code?: string;
  message: string;
}

function isFastifyClientError(e: unknown): e is FastifyClientError {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function fastifyMessage(e: FastifyClientError): string {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type; send application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Body cannot be empty when content-type is application/json';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body';
    default:
      return /JSON/i.test(e.message) ? `Malformed JSON body: ${e.message.slice(0, 200)}` : e.message.slice(0, 300);
  }
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body, headers } = toErrorResponse(exception, String(request.id));
    if (status >= 500) {
      this.logger.error(
        { err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : exception },
        'unhandled error',
      );
    }
    for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
