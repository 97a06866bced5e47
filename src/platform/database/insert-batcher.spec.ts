import type { DataSource } from 'typeorm';
import { InsertBatcher } from './insert-batcher';

interface Call {
  name: string;
  text: string;
  values: unknown[];
}

/** A pool that answers after `release()`: refuses statements carrying 'bad' (a data error) and fails those carrying 'down' (the connection). */
function fakeDatabase() {
  const calls: Call[] = [];
  const gates: (() => void)[] = [];
  const master = {
    query(config: Call): Promise<{ rows: unknown[] }> {
      calls.push(config);
      return new Promise((resolve, reject) =>
        gates.push(() => {
          if (config.values.includes('bad')) reject(Object.assign(new Error('invalid input'), { code: '22P02', severity: 'ERROR' }));
          else if (config.values.includes('down')) reject(Object.assign(new Error('Connection terminated unexpectedly'), {}));
          else resolve({ rows: [] });
        }),
      );
    },
  };
  const release = async () => {
    for (let i = 0; i < 20 && gates.length; i++) {
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { db: { driver: { master } } as unknown as DataSource, calls, release };
}

const batcherOn = (db: DataSource, maxRows?: number) =>
  new InsertBatcher<{ id: string; note: string }>(db, { name: 'thing-insert', table: 'thing', columns: ['id', 'note'], values: (r) => [r.id, r.note], maxRows });

describe('InsertBatcher', () => {
  it('sends a lone row at once, in a one-row statement', async () => {
    const { db, calls, release } = fakeDatabase();
    const done = batcherOn(db).insert({ id: 'a', note: 'x' });
    expect(calls).toEqual([{ name: 'thing-insert-1', text: 'INSERT INTO thing (id, note) VALUES ($1, $2)', values: ['a', 'x'] }]);
    await release();
    await expect(done).resolves.toBeUndefined();
  });

  it('groups the rows that arrive while a statement is on its way, and settles each after its own commit', async () => {
    const { db, calls, release } = fakeDatabase();
    const batcher = batcherOn(db);
    const settled: string[] = [];
    const first = batcher.insert({ id: 'a', note: '1' }).then(() => settled.push('a'));
    const rest = ['b', 'c', 'd'].map((id) => batcher.insert({ id, note: id }).then(() => settled.push(id)));
    expect(calls).toHaveLength(1);
    await release();
    await Promise.all([first, ...rest]);
    expect(calls.map((c) => c.name)).toEqual(['thing-insert-1', 'thing-insert-3']);
    expect(calls[1].text).toBe('INSERT INTO thing (id, note) VALUES ($1, $2), ($3, $4), ($5, $6)');
    expect(calls[1].values).toEqual(['b', 'b', 'c', 'c', 'd', 'd']);
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never puts more than maxRows rows in one statement', async () => {
    const { db, calls, release } = fakeDatabase();
    const batcher = batcherOn(db, 2);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => batcher.insert({ id, note: id }));
    await release();
    await Promise.all(all);
    expect(calls.map((c) => c.values.length / 2)).toEqual([1, 2, 2, 1]);
  });

  it('retries a failed group row by row, so that only the bad row fails', async () => {
    const { db, calls, release } = fakeDatabase();
    const batcher = batcherOn(db);
    const first = batcher.insert({ id: 'a', note: 'ok' });
    const good = batcher.insert({ id: 'b', note: 'ok' });
    const bad = batcher.insert({ id: 'c', note: 'bad' });
    const alsoGood = batcher.insert({ id: 'd', note: 'ok' });
    const outcomes = Promise.allSettled([first, good, bad, alsoGood]);
    await release();
    expect((await outcomes).map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([undefined, undefined, 'invalid input', undefined]);
    expect(calls.map((c) => c.name)).toEqual(['thing-insert-1', 'thing-insert-3', 'thing-insert-1', 'thing-insert-1', 'thing-insert-1']);
  });

  it('a row whose values cannot be built fails alone, and nothing is left unsettled', async () => {
    const { db, release } = fakeDatabase();
    const batcher = new InsertBatcher<{ id: string; note: unknown }>(db, { name: 'thing-insert', table: 'thing', columns: ['id', 'note'], values: (r) => [r.id, JSON.stringify(r.note)] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const first = batcher.insert({ id: 'a', note: 1 });
    const rest = [batcher.insert({ id: 'b', note: 2 }), batcher.insert({ id: 'c', note: cyclic }), batcher.insert({ id: 'd', note: 4 })];
    const outcomes = Promise.allSettled([first, ...rest]);
    await release();
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });

  it('a failure that is not about a row (the connection) fails the whole batch without retrying it row by row', async () => {
    const { db, calls, release } = fakeDatabase();
    const batcher = batcherOn(db);
    const first = batcher.insert({ id: 'a', note: 'ok' });
    const batch = [batcher.insert({ id: 'b', note: 'ok' }), batcher.insert({ id: 'c', note: 'down' })];
    const outcomes = Promise.allSettled([first, ...batch]);
    await release();
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(calls.map((c) => c.name)).toEqual(['thing-insert-1', 'thing-insert-2']);
  });

  it('keeps going after a failure: the next row is written', async () => {
    const { db, release } = fakeDatabase();
    const batcher = batcherOn(db);
    const bad = batcher.insert({ id: 'a', note: 'bad' }).catch((e: Error) => e.message);
    await release();
    expect(await bad).toBe('invalid input');
    const next = batcher.insert({ id: 'b', note: 'ok' });
    await release();
    await expect(next).resolves.toBeUndefined();
  });
});
