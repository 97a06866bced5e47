import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/platform/database/migrations';
import { urlForDatabase, withClient } from './database';

/** Migrates a template database once per run; each test file clones it (see createTestDatabase). */
export default async function globalSetup(): Promise<void> {
  const name = `pwt_${randomBytes(3).toString('hex')}`;
  await withClient((c) => c.query(`CREATE DATABASE "${name}"`));
  const ds = new DataSource({ type: 'postgres', url: urlForDatabase(name), migrations: MIGRATIONS, logging: ['error'] });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  process.env.PW_TEST_TEMPLATE = name;
}
