import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiKeyService } from '../../src/auth/api-key.service';
import type { Scope } from '../../src/auth/scopes';
import { Clock } from '../../src/platform/clock/clock';
import { AppConfig, loadConfig } from '../../src/platform/config/app-config';
import { createApp } from '../../src/platform/http/create-app';
import { createTestDatabase } from './database';

export const TEST_ADMIN_KEY = 'pw_test_admin_key_0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** supertest bound to the running server */
  http: () => request.Agent;
  databaseUrl: string;
  adminKey: string;
  /** Creates an API key with these scopes and returns its value. */
  keyWith: (...scopes: Scope[]) => Promise<string>;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for loadConfig (e.g. QUOTE_TIME_BUDGET_MS). */
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse an existing database instead of cloning a fresh one. */
  databaseUrl?: string;
}

/**
 * Boots the real application on a fresh database cloned from the migrated template, listening on a
 * random local port. Call `close()` in afterAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? db!.url;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    PORT: '0',
    HOST: '127.0.0.1',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
    ...options.env,
  });
  const app = await createApp(config, { clock: options.clock, quiet: true });
  await app.get(ApiKeyService).ensureAdminKey();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const keys = app.get(ApiKeyService);
  return {
    app,
    config,
    url,
    databaseUrl,
    http: () => request.agent(url),
    adminKey: TEST_ADMIN_KEY,
    keyWith: async (...scopes: Scope[]) => (await keys.create(`test ${scopes.join('+')}`, scopes)).key,
    close: async () => {
      await app.close();
      await db?.drop();
    },
  };
}

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
