import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { NamedMigrations } from './db/migrate.js';
import { engineOf } from './db/connect.js';
import { newId, nowIso } from './db/helpers.js';

/**
 * A durable job queue and scheduler in the database, on SQLite and PostgreSQL alike.
 *
 * - Claiming is one atomic UPDATE … RETURNING (with FOR UPDATE SKIP LOCKED on PostgreSQL), so
 *   with several server processes a job is run by one of them, never two.
 * - A claim is a lease: a worker that dies leaves a job whose lease runs out, and another
 *   worker picks it up again (the attempt counts).
 * - Failures are retried with exponential back-off; after the last attempt the job is "dead"
 *   and shows in the admin view, where it can be retried by hand.
 * - Recurring work is enqueued per occurrence with a unique key (kind + period), so however
 *   many processes run the scheduler, each occurrence exists, and runs, once.
 */
export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'dead';
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: string | null;
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

declare module './db/schema.js' {
  interface Database {
    jobs: JobTable;
  }
}

export const jobMigrations: NamedMigrations = {
  '0004-platform-jobs': {
    async up(db: Kysely<any>) {
      await db.schema.createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('unique_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
    },
  },
};

type Db = Kysely<Database>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one job with this key ever exists (for scheduled occurrences and idempotent work). */
  uniqueKey?: string;
}

/** Enqueue inside the caller's transaction, so a job exists if and only if the change that caused it was committed. */
export async function enqueue(db: Db, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<string | null> {
  const id = newId();
  const inserted = await db.insertInto('jobs').values({
    id, kind, payload: JSON.stringify(payload ?? null), status: 'queued', run_at: (options.runAt ?? new Date()).toISOString(),
    attempts: 0, max_attempts: options.maxAttempts ?? 5, last_error: null, locked_by: null, locked_until: null,
    unique_key: options.uniqueKey ?? null, created_at: nowIso(), finished_at: null,
  }).onConflict((oc) => oc.column('unique_key').doNothing()).returning('id').executeTakeFirst();
  return inserted ? id : null;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** Claim one due job (or one whose lease expired) for this worker. */
export async function claimJob(db: Db, workerId: string, leaseSeconds: number, kinds: string[]): Promise<ClaimedJob | null> {
  if (kinds.length === 0) return null;
  const now = nowIso();
  const until = new Date(Date.now() + leaseSeconds * 1000).toISOString();
  const kindList = sql.join(kinds.map((k) => sql`${k}`));
  // A job whose worker died (its lease ran out) goes back to the queue first. Kept apart from the
  // claim below on purpose: with an OR of both conditions in one query, neither engine can use the
  // (status, run_at) index, and every claim sorts the whole queue (measured: 19 ms a claim with
  // 50,000 jobs waiting, falling as the queue empties, so a large batch cost the square of its size).
  await sql`UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL
    WHERE status = 'running' AND locked_until < ${now} AND kind IN (${kindList})`.execute(db);
  const lock = engineOf(db) === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const result = await sql<{ id: string; kind: string; payload: string; attempts: number; max_attempts: number }>`
    UPDATE jobs SET status = 'running', locked_by = ${workerId}, locked_until = ${until}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE status = 'queued' AND run_at <= ${now} AND kind IN (${kindList})
      ORDER BY run_at LIMIT 1 ${lock}
    ) AND status = 'queued'
    RETURNING id, kind, payload, attempts, max_attempts`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return { id: row.id, kind: row.kind, payload: JSON.parse(row.payload), attempts: Number(row.attempts), maxAttempts: Number(row.max_attempts) };
}

export async function completeJob(db: Db, id: string, workerId: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', finished_at: nowIso(), locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id).where('locked_by', '=', workerId).execute();
}

/** Exponential back-off: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

export async function failJob(db: Db, job: ClaimedJob, workerId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.stack ?? error.message : String(error)).slice(0, 4000);
  const dead = job.attempts >= job.maxAttempts;
  await db.updateTable('jobs').set({
    status: dead ? 'dead' : 'queued', last_error: message, locked_by: null, locked_until: null,
    run_at: dead ? nowIso() : new Date(Date.now() + backoffSeconds(job.attempts) * 1000).toISOString(),
    finished_at: dead ? nowIso() : null,
  }).where('id', '=', job.id).where('locked_by', '=', workerId).execute();
}

/** Put a dead job back in the queue (from the admin view). */
export async function retryJob(db: Db, id: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ status: 'queued', run_at: nowIso(), attempts: 0, finished_at: null })
    .where('id', '=', id).where('status', '=', 'dead').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<void>;

/** A recurring job: `occurrence(now)` names the current period (e.g. "2026-11-29" for a daily job) and when it may start. */
export interface Schedule {
  kind: string;
  occurrence(now: Date): { key: string; runAt: Date };
}

/** Minutes that Europe/Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function amsterdamOffsetMinutes(at: Date): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** Daily at a local (Europe/Amsterdam) hour; the occurrence is named by the local date. */
export function dailyAt(kind: string, hour: number): Schedule {
  return {
    kind,
    occurrence(now) {
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const guess = new Date(Date.UTC(y, m - 1, d, hour));
      return { key: `${kind}:${day}`, runAt: new Date(guess.getTime() - amsterdamOffsetMinutes(guess) * 60_000) };
    },
  };
}

/** Every N minutes, aligned to the clock. */
export function everyMinutes(kind: string, minutes: number): Schedule {
  return {
    kind,
    occurrence(now) {
      const slot = Math.floor(now.getTime() / (minutes * 60_000)) * minutes * 60_000;
      return { key: `${kind}:${new Date(slot).toISOString()}`, runAt: new Date(slot) };
    },
  };
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: Schedule[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  readonly workerId = `${os.hostname()}:${process.pid}:${newId().slice(0, 6)}`;

  constructor(private readonly db: Db, private readonly options: { leaseSeconds?: number; pollMs?: number; onError?: (error: unknown) => void } = {}) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  schedule(schedule: Schedule): void {
    this.schedules.push(schedule);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /** Enqueue the current occurrence of every schedule (idempotent across processes). */
  async tickSchedules(now = new Date()): Promise<void> {
    for (const schedule of this.schedules) {
      const { key, runAt } = schedule.occurrence(now);
      await enqueue(this.db, schedule.kind, {}, { uniqueKey: key, runAt, maxAttempts: 3 });
    }
  }

  /** Run due jobs until none is left; returns how many ran. */
  async drain(limit = 1000): Promise<number> {
    let count = 0;
    while (count < limit) {
      const job = await claimJob(this.db, this.workerId, this.options.leaseSeconds ?? 300, this.kinds());
      if (!job) break;
      count++;
      try {
        await this.handlers.get(job.kind)!(job.payload, job);
        await completeJob(this.db, job.id, this.workerId);
      } catch (error) {
        await failJob(this.db, job, this.workerId, error);
        this.options.onError?.(error);
      }
    }
    return count;
  }

  start(): void {
    if (this.timer) return;
    const loop = async () => {
      try {
        await this.tickSchedules();
        await this.drain(100);
      } catch (error) {
        this.options.onError?.(error);
      }
    };
    this.timer = setInterval(() => {
      if (!this.running) this.running = loop().finally(() => { this.running = null; });
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

export interface JobCounts { queued: number; running: number; done: number; dead: number }

export async function jobCounts(db: Db): Promise<JobCounts> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts: JobCounts = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function listJobs(db: Db, status: JobTable['status'], limit = 100) {
  return db.selectFrom('jobs').select(['id', 'kind', 'status', 'run_at', 'attempts', 'max_attempts', 'last_error', 'created_at', 'finished_at'])
    .where('status', '=', status).orderBy('run_at', 'desc').limit(limit).execute();
}
