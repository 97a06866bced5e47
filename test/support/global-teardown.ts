import { withClient } from './database';

/** Drops the template and every database cloned from it in this run. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.PW_TEST_TEMPLATE;
  if (!template) return;
  await withClient(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
