import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

/** Hits counted for one bucket in its current and previous fixed window. */
export interface WindowCounts {
  current: number;
  previous: number;
}

/**
 * The `rate_limit_counter` table. Every instance of the service counts in the same rows, so a limit
 * holds however many instances answer a client. Bucket names are hashed before they are stored.
 */
@Injectable()
export class RateLimitStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Adds `cost` hits to the bucket's current window and returns both windows' counts, in one
   * statement: the upsert takes the row lock, so concurrent hits from several instances never lose
   * an increment.
   */
  async hit(bucket: string, currentStart: Date, previousStart: Date, expiresAt: Date, cost: number): Promise<WindowCounts> {
    const rows = await this.prepared<{ current: number; previous: number }>('rate_limit_hit', HIT_SQL, [bucketKey(bucket), currentStart, cost, expiresAt, previousStart]);
    return { current: Number(rows[0].current), previous: Number(rows[0].previous) };
  }

  /** Both windows' counts without counting a hit. */
  async peek(bucket: string, currentStart: Date, previousStart: Date): Promise<WindowCounts> {
    const rows: { window_start: Date; hits: number }[] = await this.db.query(
      `SELECT window_start, hits FROM rate_limit_counter WHERE bucket = $1 AND window_start IN ($2, $3)`,
      [bucketKey(bucket), currentStart, previousStart],
    );
    const counts: WindowCounts = { current: 0, previous: 0 };
    for (const r of rows) {
      if (new Date(r.window_start).getTime() === currentStart.getTime()) counts.current = Number(r.hits);
      else counts.previous = Number(r.hits);
    }
    return counts;
  }

  /**
   * Starts a cooldown unless one is running: one row per bucket (window_start fixed at the epoch) whose
   * `expires_at` is the end of the cooldown. The conditional upsert is atomic across instances.
   */
  async acquire(bucket: string, now: Date, until: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO rate_limit_counter AS c (bucket, window_start, hits, expires_at)
       VALUES ($1, 'epoch', 1, $2)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + 1, expires_at = EXCLUDED.expires_at
       WHERE c.expires_at <= $3
       RETURNING hits`,
      [bucketKey(bucket), until, now],
    );
    return rows.length > 0;
  }

  /** Takes back hits counted in one window (never below zero). */
  async refund(bucket: string, windowStart: Date, cost: number): Promise<void> {
    await this.db.query(`UPDATE rate_limit_counter SET hits = GREATEST(hits - $3, 0) WHERE bucket = $1 AND window_start = $2`, [
      bucketKey(bucket),
      windowStart,
      cost,
    ]);
  }

  /** Forgets every window of a bucket (e.g. after a successful verification). */
  async clear(bucket: string): Promise<void> {
    await this.db.query(`DELETE FROM rate_limit_counter WHERE bucket = $1`, [bucketKey(bucket)]);
  }

  /** Deletes expired rows, at most `batch` per call so that one prune never holds many locks. Returns how many went. */
  async prune(now: Date, batch = 5000): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `DELETE FROM rate_limit_counter WHERE ctid IN (SELECT ctid FROM rate_limit_counter WHERE expires_at < $1 LIMIT $2)`,
      [now, batch],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /**
   * Every guarded request runs `hit`: as a named prepared statement its plan is made once per
   * connection instead of on every request (node-pg keeps the statement on each pooled connection).
   */
  private prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
    return preparedQuery<T>(this.db, name, text, values);
  }
}

const HIT_SQL = `WITH cur AS (
    INSERT INTO rate_limit_counter AS c (bucket, window_start, hits, expires_at)
    VALUES ($1, $2, $3, $4)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = c.hits + EXCLUDED.hits
    RETURNING hits
  )
  SELECT (SELECT hits FROM cur) AS current,
         COALESCE((SELECT hits FROM rate_limit_counter WHERE bucket = $1 AND window_start = $5), 0) AS previous`;

function bucketKey(bucket: string): Buffer {
  return createHash('sha256').update(bucket).digest();
}
