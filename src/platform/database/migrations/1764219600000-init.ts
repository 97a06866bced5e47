import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764219600000 implements MigrationInterface {
  name = 'Init1764219600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id          varchar(40) PRIMARY KEY,
        name        varchar(100) NOT NULL,
        prefix      varchar(16) NOT NULL,
        key_hash    char(64) NOT NULL UNIQUE,
        scopes      text[] NOT NULL,
        source      varchar(20) NOT NULL DEFAULT 'api',
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz NULL,
        last_used_at timestamptz NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_key');
  }
}
