import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { toErrorResponse } from '../errors/all-exceptions.filter';
import { AppError } from '../errors/app-error';
import { codeForStatus } from '../errors/error-codes';

/**
 * The answer to a request Node's HTTP parser refused before Fastify saw it (headers or URL over the
 * size limit, a malformed request line, a client too slow to send its headers): the API's error shape
 * with a fresh request id, then the connection is closed, as Node and Fastify do by default.
 */
export function clientErrorResponse(err: NodeJS.ErrnoException): string {
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request was not received in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request line and headers are larger than the service accepts']
        : [400, 'The request is not valid HTTP'];
  const requestId = randomUUID();
  const { body } = toErrorResponse(new AppError(status, codeForStatus(status), message), requestId);
  const text = JSON.stringify(body);
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${text}`
  );
}

/** Fastify's `clientErrorHandler`: writes `clientErrorResponse` when the socket can still take it. */
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) socket.end(clientErrorResponse(err));
  socket.destroySoon();
}
