import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { randomToken } from '../platform/ids/new-id';

export interface WarehouseSession {
  keyId: string;
  keyName: string;
  stationId: string | null;
  csrfToken: string;
  expiresAt: Date;
}

const sha256 = (v: string) => createHash('sha256').update(v, 'utf8').digest('hex');

/**
 * Print-station sign-ins. The browser holds only a random session token (HttpOnly, SameSite=Strict
 * cookie); the API key it signed in with never reaches the page or a URL. Only the token's hash is
 * stored; a session dies with its expiry or with the API key (revoked keys end their sessions).
 */
@Injectable()
export class WarehouseSessionStore {
  constructor(private readonly db: DataSource) {}

  async create(keyId: string, stationId: string, ttlHours: number): Promise<{ token: string; session: WarehouseSession }> {
    const token = randomToken(32);
    const csrf = randomToken(24);
    await this.db.query(
      `INSERT INTO warehouse_session (token_hash, key_id, station_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 hour')`,
      [sha256(token), keyId, stationId, csrf, ttlHours],
    );
    return { token, session: (await this.find(token))! };
  }

  async find(token: string | undefined): Promise<WarehouseSession | undefined> {
    if (!token || token.length > 100) return undefined;
    const [row] = await this.db.query(
      `SELECT s.key_id, k.name AS key_name, s.station_id, s.csrf_token, s.expires_at
         FROM warehouse_session s JOIN api_key k ON k.id = s.key_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND k.revoked_at IS NULL
          AND (k.scopes && ARRAY['shipments', 'admin']::text[])`,
      [sha256(token)],
    );
    return row && { keyId: row.key_id, keyName: row.key_name, stationId: row.station_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.db.query(`DELETE FROM warehouse_session WHERE token_hash = $1 OR expires_at < now()`, [sha256(token)]);
  }
}
