import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every service instance (see RateLimiter).
 *
 * One row per (bucket, fixed window); the limiter estimates a sliding window from the current and the
 * previous row. The table is UNLOGGED: counters are worth nothing after a crash (PostgreSQL empties an
 * unlogged table on crash recovery, which at worst resets limits for one window) and skipping the WAL
 * keeps the per-request upsert cheap. `bucket` is a SHA-256 of the limiter name and its key, so client
 * addresses are not stored in clear; rows are pruned once `expires_at` has passed.
 */
export class RateLimitCounters1795757754425 implements MigrationInterface {
  name = 'RateLimitCounters1795757754425';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_counter (
        bucket        bytea NOT NULL,
        window_start  timestamptz NOT NULL,
        hits          integer NOT NULL,
        expires_at    timestamptz NOT NULL,
        PRIMARY KEY (bucket, window_start)
      )`);
    await q.query(`CREATE INDEX rate_limit_counter_expiry ON rate_limit_counter (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_counter`);
  }
}
