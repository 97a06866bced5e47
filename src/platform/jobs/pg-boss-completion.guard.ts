import { Logger } from '@nestjs/common';

// pg-boss 10 ends each job with `this.complete(...)` or `this.fail(...)` without awaiting it
// (src/manager.js, the worker's onFetch). When the database is restarting, that write rejects with
// nobody listening, and Node ends the whole process on the unhandled rejection: one database restart
// would take every worker instance down. The guard keeps the promise (a caller that awaits it still
// sees the error) and attaches a handler that logs. The job then stays active, expires and is retried
// by pg-boss; job handlers are idempotent, so the retry does no harm. (pg-boss 11 awaits these calls,
// but needs Node 22.)

type Completion = (...args: unknown[]) => Promise<unknown>;
export interface CompletionTarget {
  complete: Completion;
  fail: Completion;
}

const GUARDED = Symbol.for('parcelwise.pgBossCompletionGuard');
const logger = new Logger('JobQueue');

/** Makes pg-boss's un-awaited job completion writes safe (see above). Idempotent; call before workers start. */
export function guardPgBossCompletions(target: CompletionTarget = managerPrototype(), log: (message: string) => void = (m) => logger.warn(m)): void {
  const guardedTarget = target as CompletionTarget & { [GUARDED]?: boolean };
  if (guardedTarget[GUARDED]) return;
  guardedTarget[GUARDED] = true;
  for (const operation of ['complete', 'fail'] as const) {
    const original = target[operation];
    target[operation] = function guarded(this: unknown, ...args: unknown[]): Promise<unknown> {
      const result = original.apply(this, args);
      result.catch((e: unknown) => log(`could not record a job as ${operation === 'complete' ? 'completed' : 'failed'} (${(e as Error)?.message ?? e}); it will expire and run again`));
      return result;
    };
  }
}

function managerPrototype(): CompletionTarget {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('pg-boss/src/manager') as { prototype: CompletionTarget }).prototype;
}
