import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { randomToken } from '../platform/ids/new-id';

export type Reservation =
  | { kind: 'owned'; leaseToken: string; takeover: boolean }
  | { kind: 'completed'; status: number; body: unknown }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

/**
 * Idempotency keys of bookings, held by PostgreSQL so that every instance agrees. The primary key
 * (owner, key) lets exactly one request insert the row; the others see it. A request owns the key
 * while its lease runs; once the lease expired (the owner died or timed out), a retry takes the key
 * over with a conditional UPDATE, which only one retry can win.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly db: DataSource) {}

  async reserve(owner: string, key: string, requestHash: string, leaseMs: number): Promise<Reservation> {
    const leaseToken = randomToken(16);
    const inserted = await this.db.query(
      `INSERT INTO idempotency_key (owner, key, request_hash, state, lease_token, lease_expires_at)
       VALUES ($1, $2, $3, 'pending', $4, now() + $5 * interval '1 millisecond')
       ON CONFLICT (owner, key) DO NOTHING RETURNING 1`,
      [owner, key, requestHash, leaseToken, leaseMs],
    );
    if (inserted.length) return { kind: 'owned', leaseToken, takeover: false };

    const [row] = await this.db.query(`SELECT request_hash, state, response_status, response_body FROM idempotency_key WHERE owner = $1 AND key = $2`, [
      owner,
      key,
    ]);
    // Released between our insert and our read: try again from the start.
    if (!row) return this.reserve(owner, key, requestHash, leaseMs);
    if (row.request_hash !== requestHash) return { kind: 'conflict' };
    if (row.state === 'completed') return { kind: 'completed', status: row.response_status, body: row.response_body };

    const taken = await this.db.query(
      `UPDATE idempotency_key SET lease_token = $3, lease_expires_at = now() + $4 * interval '1 millisecond', attempts = attempts + 1
       WHERE owner = $1 AND key = $2 AND state = 'pending' AND lease_expires_at < now() RETURNING 1`,
      [owner, key, leaseToken, leaseMs],
    );
    return returnedRows(taken).length ? { kind: 'owned', leaseToken, takeover: true } : { kind: 'in_progress' };
  }

  /** Records the response inside the caller's transaction; false when the lease was lost to a takeover. */
  async complete(tx: EntityManager, owner: string, key: string, leaseToken: string, status: number, body: unknown, shipmentId: string): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE idempotency_key SET state = 'completed', response_status = $4, response_body = $5, shipment_id = $6, completed_at = now(),
         lease_token = NULL, lease_expires_at = NULL
       WHERE owner = $1 AND key = $2 AND lease_token = $3 AND state = 'pending' RETURNING 1`,
      [owner, key, leaseToken, status, JSON.stringify(body), shipmentId],
    );
    return returnedRows(rows).length === 1;
  }

  /** Forgets the key: nothing was booked, so the client may retry with the same key (and any body). */
  async release(owner: string, key: string, leaseToken: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_key WHERE owner = $1 AND key = $2 AND lease_token = $3 AND state = 'pending'`, [owner, key, leaseToken]);
  }

  /**
   * Ends the lease but keeps the key pending: the carrier may have booked (a timeout), so a retry
   * must call the carrier again with the same idempotency key instead of starting afresh.
   */
  async expireLease(owner: string, key: string, leaseToken: string): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_key SET lease_expires_at = now() - interval '1 millisecond' WHERE owner = $1 AND key = $2 AND lease_token = $3 AND state = 'pending'`,
      [owner, key, leaseToken],
    );
  }
}

/** TypeORM answers an UPDATE or DELETE with `[rows, affectedCount]`, a SELECT or INSERT with the rows. */
function returnedRows(result: unknown): unknown[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : (result as unknown[]);
}
