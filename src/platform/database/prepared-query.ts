import type { DataSource } from 'typeorm';

/**
 * Runs a query as a named prepared statement on the application's pool (node-pg keeps the statement
 * per connection; PostgreSQL then reuses its plan). For hot reads (the public page, timelines, the rate
 * limiter) planning cost about as much as executing. Not for statements whose text varies; not through a transaction-mode
 * connection pooler (pgbouncer < 1.21 drops prepared statements between transactions).
 */
export async function preparedQuery<T>(db: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (db.driver as unknown as { master: { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> } }).master;
  const result = await pool.query({ name, text, values });
  return result.rows;
}
