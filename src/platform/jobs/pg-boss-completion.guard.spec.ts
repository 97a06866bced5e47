import { CompletionTarget, guardPgBossCompletions } from './pg-boss-completion.guard';

/** A stand-in for pg-boss's Manager whose database is gone. */
class DeadDatabaseManager implements CompletionTarget {
  complete(..._args: unknown[]): Promise<unknown> {
    return Promise.reject(new Error('Connection terminated unexpectedly'));
  }
  fail(..._args: unknown[]): Promise<unknown> {
    return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  }
}

describe('guardPgBossCompletions', () => {
  it('a completion write nobody awaits no longer rejects unhandled; one that is awaited still throws', async () => {
    const logged: string[] = [];
    guardPgBossCompletions(DeadDatabaseManager.prototype, (m) => logged.push(m));
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const m = new DeadDatabaseManager();
      // What pg-boss 10 does in its worker loop: fire and forget.
      void m.complete('queue', 'job-1');
      void m.fail('queue', 'job-2');
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(logged).toEqual([expect.stringMatching(/completed.*Connection terminated.*run again/), expect.stringMatching(/failed.*ECONNREFUSED/)]);
      await expect(m.complete('queue', 'job-3')).rejects.toThrow('Connection terminated');
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('guards once, however often it is called', () => {
    class M extends DeadDatabaseManager {}
    guardPgBossCompletions(M.prototype, () => undefined);
    const once = M.prototype.complete;
    guardPgBossCompletions(M.prototype, () => undefined);
    expect(M.prototype.complete).toBe(once);
  });

  it('finds the Manager of the installed pg-boss', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const proto = require('pg-boss/src/manager').prototype as CompletionTarget;
    expect(typeof proto.complete).toBe('function');
    expect(typeof proto.fail).toBe('function');
  });
});
