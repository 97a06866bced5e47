import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QuoteEntity } from './quote.entity';

/** Quotes in PostgreSQL: one insert per quote, read by id. */
@Injectable()
export class QuoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A single INSERT with the JSON pre-serialised (the query builder would cost more than the write);
   * `response` is the answer's JSON exactly as sent.
   */
  async insert(q: Omit<QuoteEntity, 'response'> & { response: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO quote (id, created_at, expires_at, api_key_id, customer_id, currency, incoterm, shipment, response, options)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [q.id, q.createdAt, q.expiresAt, q.apiKeyId, q.customerId, q.currency, q.incoterm, JSON.stringify(q.shipment), q.response, JSON.stringify(q.options)],
    );
  }

  /** The stored answer as text (sent as it is) with its expiry. */
  async findResponse(id: string): Promise<{ expiresAt: Date; response: string } | null> {
    const rows: { expires_at: Date; response: string }[] = await this.dataSource.query('SELECT expires_at, response::text AS response FROM quote WHERE id = $1', [id]);
    return rows[0] ? { expiresAt: rows[0].expires_at, response: rows[0].response } : null;
  }

  async findById(id: string): Promise<QuoteEntity | null> {
    return this.dataSource.getRepository(QuoteEntity).findOne({ where: { id } });
  }

  /** Deletes up to `limit` quotes that expired before `before` (short batches keep locks short); returns how many. */
  async deleteExpired(before: Date, limit = 5000): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected count].
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM quote WHERE id IN (SELECT id FROM quote WHERE expires_at < $1 ORDER BY expires_at LIMIT $2)`,
      [before, limit],
    );
    return affected;
  }
}
