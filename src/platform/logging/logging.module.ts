import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '../config/app-config';

/** Headers whose values never reach a log line. */
export const REDACTED_HEADERS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'idempotency-key',
  'fdx-signature',
  'webhook-signature',
  'x-ups-signature',
];

/**
 * Public tracking tokens in a path are capabilities (whoever has one sees the parcel): they are
 * logged as `[token]`.
 */
export function maskTokens(path: string): string {
  return path.replace(/^(\/t\/|\/v1\/public\/tracking\/)(?!\[token\])[^/]+/, '$1[token]');
}

type Req = IncomingMessage & { requestId?: string; routeOptions?: { url?: string } };

/**
 * Structured JSON logs (pino) with the request id on every line written while handling a request.
 * Requests are logged by path only: query strings (postal codes, tracking numbers), bodies and
 * credentials are personal or secret and stay out of the logs.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          autoLogging: config.LOG_REQUESTS,
          genReqId: (req: IncomingMessage) => (req as Req).requestId ?? 'unknown',
          customProps: () => ({}),
          serializers: {
            req: (req: Req & { raw?: Req }) => ({
              id: req.id,
              method: req.method,
              path: maskTokens(String(req.url ?? '').split('?')[0]),
            }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          redact: {
            paths: REDACTED_HEADERS.map((h) => `req.headers["${h}"]`),
            censor: '[redacted]',
          },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
            err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
