import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/platform/database/migrations';
import { runMigrations } from '../src/platform/database/run-migrations';
import { createEmptyDatabase } from './support/database';

describe('migrations', () => {
  it('build the schema on an empty database, are idempotent, and roll back to empty', async () => {
    const db = await createEmptyDatabase();
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS, logging: false });
    await ds.initialize();
    try {
      const applied = await runMigrations(ds);
      expect(applied).toEqual(MIGRATIONS.map((m) => new m().name ?? m.name));
      expect(await runMigrations(ds)).toEqual([]);
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(tables.map((r: { table_name: string }) => r.table_name)).toEqual(expect.arrayContaining(['api_key', 'migrations']));
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const left = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(left).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('two instances migrating at once do not collide', async () => {
    const db = await createEmptyDatabase();
    const a = await new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS, logging: false }).initialize();
    const b = await new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS, logging: false }).initialize();
    try {
      const [ra, rb] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect(ra.length + rb.length).toBe(MIGRATIONS.length);
    } finally {
      await a.destroy();
      await b.destroy();
      await db.drop();
    }
  });
});
