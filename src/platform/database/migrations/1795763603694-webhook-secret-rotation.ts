import { MigrationInterface, QueryRunner } from 'typeorm';

/** The secret a webhook endpoint had before a rotation, still signed with until it expires. */
export class WebhookSecretRotation1795763603694 implements MigrationInterface {
  name = 'WebhookSecretRotation1795763603694';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoint ADD COLUMN previous_secret varchar(100) NULL, ADD COLUMN previous_secret_expires_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_endpoint DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at`);
  }
}
