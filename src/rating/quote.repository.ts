import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../platform/database/prepared-query';
import { QuoteEntity } from './quote.entity';
import type { QuoteView } from './quote.types';

/** A quote as stored and read back: the answer parsed. */
/** Compression runs on libuv's thread pool, off the event loop that serves the next checkout. */
const deflateRawAsync = promisify(deflateRaw);

export type StoredQuote = Omit<QuoteEntity, 'response' | 'responseDeflated'> & { response: QuoteView };

/**
 * Quotes in PostgreSQL: one insert per quote, read by id. The answer's JSON is stored deflated
 * (level 1: about a sixth of the bytes for a fraction of a millisecond): on a checkout path that
 * writes 20-40 KB per request, the bytes sent to the database cost more CPU than compressing them.
 */
@Injectable()
export class QuoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A single INSERT with the JSON pre-serialised (the query builder would cost more than the write);
   * `response` is the answer's JSON exactly as sent.
   */
  async insert(q: Omit<StoredQuote, 'response'> & { response: string }): Promise<void> {
    // One per checkout: a prepared statement on the pool, without TypeORM's query runner around it.
    await preparedQuery(
      this.dataSource,
      'quote-insert',
      `INSERT INTO quote (id, created_at, expires_at, api_key_id, customer_id, currency, incoterm, shipment, response_deflated, options)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [q.id, q.createdAt, q.expiresAt, q.apiKeyId, q.customerId, q.currency, q.incoterm, JSON.stringify(q.shipment), await deflateRawAsync(q.response, { level: 1 }), JSON.stringify(q.options)],
    );
  }

  /** The stored answer as text (sent as it is) with its expiry. */
  async findResponse(id: string): Promise<{ expiresAt: Date; response: string } | null> {
    const rows: { expires_at: Date; response: string | null; response_deflated: Buffer | null }[] = await this.dataSource.query(
      'SELECT expires_at, response::text AS response, response_deflated FROM quote WHERE id = $1',
      [id],
    );
    return rows[0] ? { expiresAt: rows[0].expires_at, response: responseText(rows[0].response, rows[0].response_deflated) } : null;
  }

  async findById(id: string): Promise<StoredQuote | null> {
    const row = await this.dataSource.getRepository(QuoteEntity).findOne({ where: { id } });
    if (!row) return null;
    const { responseDeflated, response, ...rest } = row;
    return { ...rest, response: response ?? (JSON.parse(responseText(null, responseDeflated)) as QuoteView) };
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

function responseText(plain: string | null, deflated: Buffer | null): string {
  if (deflated) return inflateRawSync(deflated).toString('utf8');
  return plain ?? 'null';
}
