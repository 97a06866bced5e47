import { JobQueue } from '../src/platform/jobs/job-queue';
import { loadConfig } from '../src/platform/config/app-config';
import { createTestDatabase, withClient } from './support/database';
import { eventually } from './support/process-harness';

jest.setTimeout(120_000);

/** The job queue on a real PostgreSQL: batches drain without waiting a polling interval per batch, and each job of a batch stands alone. */
describe('job queue (pg-boss)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let queue: JobQueue;
  const ran: string[] = [];
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    db = await createTestDatabase();
    // A polling interval far longer than the test: only draining can run more than the first batch.
    queue = new JobQueue(loadConfig({ DATABASE_URL: db.url, JOBS_POLL_INTERVAL_SECONDS: '60', LOG_LEVEL: 'silent' }));
    queue.define<{ n: string }>(
      'test_batch',
      async ({ n }) => {
        attempts.set(n, (attempts.get(n) ?? 0) + 1);
        if (n === 'bad') throw new Error('this job always fails');
        await new Promise((r) => setTimeout(r, 5));
        ran.push(n);
      },
      { batchSize: 3, retryLimit: 1, retryDelaySeconds: 1 },
    );
    await queue.start();
  });
  afterAll(async () => {
    await queue?.stop();
    await db?.drop();
  });

  it('a backlog of many batches drains after one wake-up, not one batch per polling interval', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `job-${i}`);
    for (const n of names) await queue.send('test_batch', { n });
    queue.notify('test_batch');
    await eventually(async () => ran.length, (count) => count >= names.length, 30_000, 'all 20 jobs run (7 batches of 3) within one 60 s polling interval');
    expect([...ran].sort()).toEqual([...names].sort());
  });

  it('a failing job in a batch fails alone: its batch mates complete, once', async () => {
    ran.length = 0;
    for (const n of ['ok-1', 'bad', 'ok-2']) await queue.send('test_batch', { n });
    queue.notify('test_batch');
    await eventually(async () => ran.length, (count) => count >= 2, 30_000, 'the two good jobs run');
    const states = await withClient(
      (c) => c.query<{ n: string; state: string }>(`SELECT data->>'n' AS n, state FROM pgboss.job WHERE name = 'test_batch' AND data->>'n' IN ('ok-1', 'ok-2', 'bad')`),
      db.url,
    );
    const byName = Object.fromEntries(states.rows.map((r) => [r.n, r.state]));
    expect(byName['ok-1']).toBe('completed');
    expect(byName['ok-2']).toBe('completed');
    expect(['retry', 'failed', 'active', 'created']).toContain(byName.bad);
    expect(attempts.get('ok-1')).toBe(1);
    expect(attempts.get('ok-2')).toBe(1);
  });
});

/** Instances of a new deployment boot side by side on an empty database: each must start, and each queue exist once. */
describe('job queue (pg-boss): instances starting at once', () => {
  const names = Array.from({ length: 8 }, (_, i) => `boot_race_${i}`);

  it.each([1, 2, 3])('four instances starting together on a new database all start (round %i)', async () => {
    const db = await createTestDatabase();
    const queues = Array.from({ length: 4 }, () => {
      const q = new JobQueue(loadConfig({ DATABASE_URL: db.url, JOBS_POLL_INTERVAL_SECONDS: '60', LOG_LEVEL: 'silent' }));
      for (const n of names) q.define(n, async () => undefined);
      return q;
    });
    try {
      const started = await Promise.allSettled(queues.map((q) => q.start()));
      expect(started.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as Error).message)] : []))).toEqual([]);
      const rows = await withClient((c) => c.query<{ name: string }>(`SELECT name FROM pgboss.queue WHERE name LIKE 'boot_race_%' ORDER BY name`), db.url);
      expect(rows.rows.map((r) => r.name)).toEqual([...names].sort());
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await db.drop();
    }
  });
});
