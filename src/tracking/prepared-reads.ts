import type { DataSource } from 'typeorm';
import { preparedQuery } from '../platform/database/prepared-query';

/** What the store's reads need of a connection: an EntityManager (in or out of a transaction) or `preparedReads`. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Runs the listed statements (name to text) as named prepared statements on the application's pool:
 * node-pg keeps each on every pooled connection and PostgreSQL reuses its plan, where a plain query is
 * parsed and planned on every call (for a timeline read's three small statements, about as long as
 * running them). Any other text runs as a plain query. Only for reads outside a transaction.
 */
export function preparedReads(db: DataSource, statements: Record<string, string>): SqlRunner {
  const names = new Map(Object.entries(statements).map(([name, text]) => [text, name]));
  return {
    async query(sql: string, parameters: unknown[] = []) {
      const name = names.get(sql);
      return name ? preparedQuery(db, name, sql, parameters) : db.query(sql, parameters);
    },
  };
}
