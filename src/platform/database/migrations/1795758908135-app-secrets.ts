import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys the service generates for itself when the operator gives none (e.g. the signing key of the
 * public tracking page's verified-view grants when PUBLIC_TRACKING_SECRET is unset), so that every
 * instance on one database signs and checks with the same key. Written once, never updated.
 */
export class AppSecrets1795758908135 implements MigrationInterface {
  name = 'AppSecrets1795758908135';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_secret (
        name        varchar(60) PRIMARY KEY,
        value       text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_secret`);
  }
}
