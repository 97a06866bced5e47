import type { DataSource } from 'typeorm';
import { preparedReads } from './prepared-reads';

describe('preparedReads', () => {
  function fakeDataSource() {
    const pooled: { name: string; text: string; values: unknown[] }[] = [];
    const plain: { sql: string; parameters: unknown[] }[] = [];
    const db = {
      driver: { master: { query: async (c: { name: string; text: string; values: unknown[] }) => (pooled.push(c), { rows: [{ from: 'pool' }] }) } },
      query: async (sql: string, parameters: unknown[]) => (plain.push({ sql, parameters }), [{ from: 'plain' }]),
    } as unknown as DataSource;
    return { db, pooled, plain };
  }

  it('runs a listed statement under its name on the pool and returns its rows', async () => {
    const { db, pooled, plain } = fakeDataSource();
    const reads = preparedReads(db, { tracking_a: 'SELECT 1 WHERE $1', tracking_b: 'SELECT 2 WHERE $1' });
    expect(await reads.query('SELECT 2 WHERE $1', ['x'])).toEqual([{ from: 'pool' }]);
    expect(pooled).toEqual([{ name: 'tracking_b', text: 'SELECT 2 WHERE $1', values: ['x'] }]);
    expect(plain).toEqual([]);
  });

  it('runs any other text as a plain query', async () => {
    const { db, pooled, plain } = fakeDataSource();
    const reads = preparedReads(db, { tracking_a: 'SELECT 1 WHERE $1' });
    expect(await reads.query('SELECT 3 WHERE $1', [1])).toEqual([{ from: 'plain' }]);
    expect(plain).toEqual([{ sql: 'SELECT 3 WHERE $1', parameters: [1] }]);
    expect(pooled).toEqual([]);
  });
});
