import 'reflect-metadata';
import { ApiKeyService } from './auth/api-key.service';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { DataFileError } from './platform/data-files/data-file-problem';
import { createApp } from './platform/http/create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const adminKey = await app.get(ApiKeyService).ensureAdminKey();
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = config.PUBLIC_BASE_URL ? config.publicBaseUrl : `http://localhost:${config.PORT}`;
  const lines = [
    `Parcelwise is listening on ${url}`,
    `API docs: ${url}/docs (OpenAPI: ${url}/openapi.json)`,
    `Database: ${config.EMBEDDED_DATABASE ? 'embedded PostgreSQL' : 'PostgreSQL from DATABASE_URL'}`,
  ];
  if (adminKey) {
    lines.push(
      '',
      'First boot: an admin API key was created. It is shown only this once; store it now:',
      `  ${adminKey}`,
      'Use it as "Authorization: Bearer <key>" to create keys with narrower scopes (POST /v1/api-keys).',
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataFileError) {
    process.stderr.write(`\nParcelwise cannot start.\n${err.message}\n`);
  } else {
    process.stderr.write(`\nParcelwise cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
