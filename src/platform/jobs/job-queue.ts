import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { guardPgBossCompletions } from './pg-boss-completion.guard';

/** How a job is sent. Delays are in seconds and measured by the database clock, like pg-boss does. */
export interface JobSendOptions {
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** At most one queued or active job per key in the queue (pg-boss singleton key). */
  singletonKey?: string;
  /** How often pg-boss retries the job after a handler failure or a crash (job expiry). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An active job not finished after this long is considered lost (process died) and retried. */
  expireInSeconds?: number;
}

export interface JobContext {
  id: string;
  name: string;
  retryCount: number;
}

/** Handles one job's data. Throwing fails the job; pg-boss then retries it if its retry limit allows. */
export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface QueueDefinition {
  /** Defaults for jobs of this queue (pg-boss queue options). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Jobs fetched per poll; each is handled on its own. */
  batchSize?: number;
}

interface Registered {
  name: string;
  handler: JobHandler<unknown>;
  options: QueueDefinition;
}

/**
 * The service's job queue: pg-boss 10 on the application's PostgreSQL, so that any number of
 * instances share one queue and a job can be written in the same transaction as the change that
 * caused it (pass the transaction's EntityManager to `send`).
 *
 * Modules declare their queues with `define()` while the application initialises; the queue starts
 * when the application boots. With `JOBS_ENABLED=false` jobs are still accepted (sent) but this
 * process runs no worker and no pg-boss maintenance, so a separate worker instance does the work.
 *
 * @example
 * jobs.define<{ deliveryId: string }>('webhook_delivery', (data) => deliver(data.deliveryId), { retryLimit: 5 });
 * await dataSource.transaction((tx) => jobs.send('webhook_delivery', { deliveryId }, {}, tx));
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly queues = new Map<string, Registered>();
  private readonly workerIds = new Map<string, string>();
  private boss?: PgBoss;
  private starting?: Promise<void>;

  constructor(private readonly config: AppConfig) {}

  /** Declares a queue and the handler that runs its jobs. Call during module initialisation. */
  define<T>(name: string, handler: JobHandler<T>, options: QueueDefinition = {}): void {
    if (this.boss) throw new Error(`queue "${name}" defined after the job queue started`);
    this.queues.set(name, { name, handler: handler as JobHandler<unknown>, options });
  }

  /** True when this process runs workers. */
  get workersEnabled(): boolean {
    return this.config.JOBS_ENABLED;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): Promise<void> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  private async doStart(): Promise<void> {
    const enabled = this.config.JOBS_ENABLED;
    const boss = new PgBoss({
      connectionString: this.config.DATABASE_URL,
      schema: 'pgboss',
      max: 4,
      application_name: 'parcelwise-jobs',
      migrate: true,
      // Maintenance (expiring lost jobs, archiving) and cron only where workers run.
      supervise: enabled,
      schedule: false,
      pollingIntervalSeconds: this.config.JOBS_POLL_INTERVAL_SECONDS,
      maintenanceIntervalSeconds: this.config.JOBS_MAINTENANCE_INTERVAL_SECONDS,
    });
    boss.on('error', (err: Error) => this.logger.error(`job queue error: ${err.message}`));
    // A database restart must not end the process through pg-boss's un-awaited completion writes.
    guardPgBossCompletions();
    await boss.start();
    this.boss = boss;
    await this.createQueues(boss);
    if (!enabled) {
      this.logger.log('JOBS_ENABLED=false: jobs are queued here and run by another instance');
      return;
    }
    for (const q of this.queues.values()) {
      const batchSize = q.options.batchSize ?? 1;
      let workerId: string | undefined;
      workerId = await boss.work<unknown>(q.name, { batchSize, includeMetadata: true, pollingIntervalSeconds: this.config.JOBS_POLL_INTERVAL_SECONDS }, (jobs: PgBoss.JobWithMetadata<unknown>[]) =>
        this.runBatch(boss, q, jobs, batchSize, () => workerId),
      );
      this.workerIds.set(q.name, workerId);
    }
  }

  /**
   * Creates the queues this database does not have yet, one instance at a time. pg-boss's
   * create_queue writes the queue's row and attaches a partition table in one statement; two
   * instances of a new deployment doing that at once deadlock, and PostgreSQL ends one of them,
   * which would stop that instance from starting. A session advisory lock held on a connection of
   * its own lines them up; whoever comes second finds the queues there and creates nothing.
   */
  private async createQueues(boss: PgBoss): Promise<void> {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    if ([...this.queues.keys()].every((name) => existing.has(name))) return;
    const lock = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'parcelwise-jobs' });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [QUEUE_CREATION_LOCK]);
      for (const q of this.queues.values()) {
        await boss.createQueue(q.name, {
          name: q.name,
          retryLimit: q.options.retryLimit ?? 3,
          retryDelay: q.options.retryDelaySeconds ?? 10,
          expireInSeconds: q.options.expireInSeconds ?? 300,
        });
      }
    } finally {
      // Closing the session releases its advisory lock, also when a creation failed.
      await lock.end().catch((e: Error) => this.logger.warn(`closing the queue-creation lock: ${e.message}`));
    }
  }

  /**
   * Runs the jobs of one fetch side by side. Each job stands alone: the ones that throw are marked
   * failed (pg-boss retries them per the queue's retry rules), and pg-boss completes the rest when this
   * resolves (it completes only jobs still active). A full batch means more are waiting: the worker is
   * told to fetch again at once instead of sleeping a polling interval, so a backlog drains at the pace
   * of the handlers, not one batch per interval.
   */
  private async runBatch(boss: PgBoss, q: Registered, jobs: PgBoss.JobWithMetadata<unknown>[], batchSize: number, workerId: () => string | undefined): Promise<void> {
    const results = await Promise.allSettled(jobs.map((job) => q.handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount })));
    const failed = jobs.flatMap((job, i) => {
      const r = results[i];
      return r.status === 'rejected' ? [{ job, message: String((r.reason as Error)?.message ?? r.reason).slice(0, 500) }] : [];
    });
    if (failed.length) {
      this.logger.warn(`${failed.length} of ${jobs.length} ${q.name} jobs failed: ${failed[0].message}`);
      // If these writes fail too (database gone), the whole batch fails and is retried: handlers are idempotent.
      await Promise.all(failed.map((f) => boss.fail(q.name, f.job.id, { message: f.message })));
    }
    const id = workerId();
    if (jobs.length >= batchSize && id && this.boss === boss) boss.notifyWorker(id);
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    this.starting = undefined;
    // Graceful: running handlers finish (bounded), then the pool closes before the app's own pool.
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((e: Error) => this.logger.warn(`stopping the job queue: ${e.message}`));
  }

  /**
   * Queues a job. With `tx` (the EntityManager of an open transaction) the job row is written in that
   * transaction: it exists exactly when the transaction commits (transactional outbox).
   * Returns the job id, or null when a singleton key already has a job waiting.
   */
  async send<T extends object>(name: string, data: T, options: JobSendOptions = {}, tx?: EntityManager): Promise<string | null> {
    const boss = this.requireBoss();
    if (!this.queues.has(name)) throw new Error(`unknown queue "${name}"`);
    const sendOptions: PgBoss.SendOptions = {};
    if (options.startAfterSeconds !== undefined && options.startAfterSeconds > 0) sendOptions.startAfter = Math.ceil(options.startAfterSeconds);
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    if (options.retryLimit !== undefined) sendOptions.retryLimit = options.retryLimit;
    if (options.retryDelaySeconds !== undefined) sendOptions.retryDelay = options.retryDelaySeconds;
    if (options.expireInSeconds !== undefined) sendOptions.expireInSeconds = options.expireInSeconds;
    if (tx) sendOptions.db = transactionDb(tx);
    return boss.send(name, data, sendOptions);
  }

  /** Asks this process's worker of `name` to fetch now instead of at its next poll. */
  notify(name: string): void {
    const id = this.workerIds.get(name);
    if (id && this.boss) this.boss.notifyWorker(id);
  }

  /** Jobs of a queue by state, for tests and diagnostics. */
  async countJobs(name: string): Promise<number> {
    return this.requireBoss().getQueueSize(name);
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('the job queue is not started');
    return this.boss;
  }
}

/** The advisory lock that lines up instances creating pg-boss queues. */
const QUEUE_CREATION_LOCK = 'parcelwise.pgboss.create_queue';

/** pg-boss's database hook bound to the query runner of an open TypeORM transaction. */
function transactionDb(tx: EntityManager): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const runner = tx.queryRunner;
      if (!runner) throw new Error('JobQueue.send: the EntityManager passed is not inside a transaction');
      const result = await runner.query(text, values, true);
      return { rows: result.records ?? [] };
    },
  };
}
