import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Size of one table with its indexes and TOAST, and its row count. */
export interface TableSize {
  table: string;
  rows: number;
  totalBytes: number;
  /** Total bytes / rows (0 when empty). */
  bytesPerRow: number;
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one bench run on the PostgreSQL server of `DATABASE_URL` (the embedded one the
 * launcher started, or the operator's). The service migrates it at boot like any new deployment.
 */
export class BenchDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly serverUrl: string,
  ) {}

  static async create(serverUrl: string): Promise<BenchDatabase> {
    const stamp = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
    const name = `parcelwise_bench_${stamp}_${randomBytes(2).toString('hex')}`;
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return new BenchDatabase(name, u.toString(), serverUrl);
  }

  async serverVersion(): Promise<string> {
    return withClient(this.url, async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
  }

  /** Sizes of the given tables (those that do not exist are left out). Runs ANALYZE first for row estimates. */
  async tableSizes(tables: string[]): Promise<TableSize[]> {
    return withClient(this.url, async (c) => {
      const sizes: TableSize[] = [];
      for (const table of tables) {
        const exists = await c.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [table]);
        if (!exists.rows[0].e) continue;
        const r = await c.query<{ rows: string; bytes: string }>(
          `SELECT (SELECT count(*) FROM "${table}") AS rows, pg_total_relation_size($1) AS bytes`,
          [table],
        );
        const rows = Number(r.rows[0].rows);
        const totalBytes = Number(r.rows[0].bytes);
        sizes.push({ table, rows, totalBytes, bytesPerRow: rows ? totalBytes / rows : 0 });
      }
      return sizes;
    });
  }

  /** Every table of the public schema, with sizes, largest first. */
  async allTableSizes(): Promise<TableSize[]> {
    const names = await withClient(this.url, async (c) =>
      (await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t),
    );
    const sizes = await this.tableSizes(names);
    return sizes.sort((a, b) => b.totalBytes - a.totalBytes);
  }

  async drop(): Promise<void> {
    await withClient(this.serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}
