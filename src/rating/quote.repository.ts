import { Injectable } from '@nestjs/common';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { InsertBatcher } from '../platform/database/insert-batcher';
import { expandQuote } from './quote-json';
import { QuoteEntity } from './quote.entity';
import type { QuoteView } from './quote.types';

/** A quote as stored and read back: the answer parsed. */
export type StoredQuote = Omit<QuoteEntity, 'response' | 'responseDeflated'> & { response: QuoteView };
type NewQuote = Omit<StoredQuote, 'response'> & { response: Buffer };

/**
 * Quotes in PostgreSQL: one row per quote (inserted in groups under load), read by id. The answer is
 * stored in its compact form (`serializeQuote`) deflated (level 1: about a sixth of the bytes for a
 * fraction of a millisecond): on a checkout path that writes 20-40 KB per request, the bytes sent to
 * the database cost more CPU than compressing them.
 * Compression is synchronous: `deflateRaw` on the thread pool cost eight times the CPU for an
 * 18 KB answer (about 490 us against 60 us: a new stream, its buffers and two thread hand-overs).
 */
@Injectable()
export class QuoteRepository {
  /** One INSERT per checkout at low load, many quotes per INSERT under load (see InsertBatcher). */
  private readonly inserts: InsertBatcher<NewQuote>;

  constructor(private readonly dataSource: DataSource) {
    this.inserts = new InsertBatcher<NewQuote>(dataSource, {
      name: 'quote-insert',
      table: 'quote',
      columns: ['id', 'created_at', 'expires_at', 'api_key_id', 'customer_id', 'currency', 'incoterm', 'shipment', 'response_deflated', 'options'],
      values: (q) => [q.id, q.createdAt, q.expiresAt, q.apiKeyId, q.customerId, q.currency, q.incoterm, JSON.stringify(q.shipment), deflateRawSync(q.response, { level: 1 }), JSON.stringify(q.options)],
    });
  }

  /** Stores a quote; resolves once it is committed. `response` is the answer in its compact form (`serializeQuote`), UTF-8. */
  insert(q: NewQuote): Promise<void> {
    return this.inserts.insert(q);
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

/** The answer's JSON exactly as it was sent, from either stored form. */
function responseText(plain: string | null, deflated: Buffer | null): string {
  if (deflated) return expandQuote(inflateRawSync(deflated).toString('utf8'));
  return plain ?? 'null';
}
