import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the suite runs on: embedded (started by scripts/launch.mjs) or DATABASE_URL. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the suite with `npm test`, which provides a PostgreSQL');
  return url;
}

export function urlForDatabase(name: string, base = serverUrl()): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withClient<T>(fn: (c: Client) => Promise<T>, url = serverUrl()): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Name of this run's migrated template database (set by global-setup). */
export function templateName(): string {
  const name = process.env.PW_TEST_TEMPLATE;
  if (!name) throw new Error('PW_TEST_TEMPLATE is not set (global-setup did not run)');
  return name;
}

/**
 * A fresh database for one test file, cloned from the migrated template: fast and isolated.
 * Returns its URL.
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const template = templateName();
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  // Concurrent clones of one template can collide ("being accessed by other users"); retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await withClient((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      break;
    } catch (e) {
      if (attempt >= 30 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    name,
    url: urlForDatabase(name),
    drop: () => withClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database (no migrations), for testing migrations themselves. */
export async function createEmptyDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${templateName()}_e${randomBytes(4).toString('hex')}`;
  await withClient((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: urlForDatabase(name),
    drop: () => withClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
