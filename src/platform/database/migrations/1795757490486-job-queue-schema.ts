import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates pg-boss's own schema (`pgboss`) with the SQL that pg-boss itself publishes, so that every
 * database is ready for the job queue after migrating (test databases cloned from a migrated template
 * skip pg-boss's start-up DDL). pg-boss still checks and upgrades its schema version when it starts.
 */
export class JobQueueSchema1795757490486 implements MigrationInterface {
  name = 'JobQueueSchema1795757490486';

  async up(q: QueryRunner): Promise<void> {
    // pg-boss wraps its plan in BEGIN/COMMIT; the migration runner already holds a transaction.
    const plan = PgBoss.getConstructionPlans('pgboss').replace(/^\s*(BEGIN|COMMIT);\s*$/gm, '');
    await q.query(plan);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
  }
}
