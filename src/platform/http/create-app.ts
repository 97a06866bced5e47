import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module';
import { DataFiles, loadDataFiles } from '../../data-files';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { AllExceptionsFilter, toErrorResponse } from '../errors/all-exceptions.filter';
import { MetricsService } from '../metrics/metrics.service';
import { AppError } from '../errors/app-error';
import { findUnusableInput } from './input-guard';
import { handleClientError } from './client-error';
import { genRequestId } from './request-id';
import { createValidationPipe } from './validation.pipe';
import { cacheValidationMetadata } from './validation-metadata-cache';

export interface CreateAppOptions {
  clock?: Clock;
  /** Keep Nest's own boot messages quiet (tests). */
  quiet?: boolean;
  /** Data files already loaded (benchmarks reuse them); read from the configured folders otherwise. */
  data?: DataFiles;
}

/**
 * Builds the HTTP application: Fastify, validation, the error shape, request ids, metrics and the
 * OpenAPI document. Used by `main.ts` and by the e2e tests, so that tests run the real thing.
 */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  cacheValidationMetadata();
  // Data files first: a bad file stops the boot before any connection is opened.
  const data = options.data ?? (await loadDataFiles(config));
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: genRequestId,
    // X-Forwarded-For is believed only for as many proxy hops as the operator says sit in front of us;
    // with none, a client could forge its address (and slip past per-address rate limits).
    // (A hop count, as Fastify's proxy-addr reads a number: the nearest `hops` addresses are proxies.)
    trustProxy: config.TRUSTED_PROXY_HOPS > 0 ? (_address: string, hop: number) => hop < config.TRUSTED_PROXY_HOPS : false,
    routerOptions: { maxParamLength: 500 },
    // Errors the router raises before any route or hook runs (a path parameter over the length limit,
    // a malformed percent-encoding) answer in the one error shape too.
    clientErrorHandler: handleClientError,
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const { status, body, headers } = toErrorResponse(error, String(request.id));
      void reply.code(status).headers({ ...headers, 'x-request-id': String(request.id) }).send(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, data, options.clock), adapter, {
    bufferLogs: true,
    rawBody: true,
    // Throw boot errors (bad data files, unreachable database) to the caller instead of exiting.
    abortOnError: false,
    logger: options.quiet ? false : undefined,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe((type) => app.get(type, { strict: false })));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Input that no route can use (NUL characters, absurd nesting) is refused before any route code runs.
  fastify.addHook('preValidation', async (request) => {
    const problems = [
      ...findUnusableInput(request.params, ''),
      ...findUnusableInput(request.query, ''),
      ...findUnusableInput(request.body, ''),
    ];
    if (problems.length) throw AppError.validation(problems);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Parcelwise')
      .setDescription(
        'Cross-border shipping orchestration: multi-carrier quotes with duties and taxes, booking and labels, unified tracking.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' }, 'apiKey')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  await app.init();
  await fastify.ready();
  return app;
}
