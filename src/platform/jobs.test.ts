import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { connect, type Connection } from './db/connect.js';
import { JobRunner, backoffSeconds, claimJob, dailyAt, enqueue, everyMinutes, jobCounts, listJobs, retryJob } from './jobs.js';

describeEachEngine('jobs', (engine) => {
  let tp: TestPlatform;
  let second: Connection;

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    second = connect(tp.databaseUrl); // a second "server process" on the same database
  });
  afterEach(async () => {
    await second.close();
    await tp.close();
  });

  it('runs a queued job once, with its payload', async () => {
    const runner = new JobRunner(tp.platform.db);
    const seen: unknown[] = [];
    runner.register('test.echo', async (payload) => { seen.push(payload); });
    await enqueue(tp.platform.db, 'test.echo', { n: 1 });
    expect(await runner.drain()).toBe(1);
    expect(await runner.drain()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await jobCounts(tp.platform.db)).toMatchObject({ done: 1, queued: 0 });
  });

  it('does not run a job that is not due yet', async () => {
    const runner = new JobRunner(tp.platform.db);
    runner.register('test.later', async () => {});
    await enqueue(tp.platform.db, 'test.later', {}, { runAt: new Date(Date.now() + 60_000) });
    expect(await runner.drain()).toBe(0);
  });

  it('retries with back-off and ends in the dead-letter list, from which it can be retried', async () => {
    const runner = new JobRunner(tp.platform.db);
    let calls = 0;
    runner.register('test.fail', async () => { calls++; throw new Error('boom'); });
    const id = (await enqueue(tp.platform.db, 'test.fail', {}, { maxAttempts: 3 }))!;
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runner.drain()).toBe(1);
      // make the back-off elapse
      await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('id', '=', id).where('status', '=', 'queued').execute();
    }
    expect(calls).toBe(3);
    const [dead] = await listJobs(tp.platform.db, 'dead');
    expect(dead).toMatchObject({ id, attempts: 3 });
    expect(dead!.last_error).toContain('boom');
    expect(await retryJob(tp.platform.db, id)).toBe(true);
    expect(await jobCounts(tp.platform.db)).toMatchObject({ queued: 1, dead: 0 });
    expect(backoffSeconds(1)).toBe(30);
    expect(backoffSeconds(3)).toBe(120);
    expect(backoffSeconds(30)).toBe(3600);
  });

  it('with two processes draining at once, every job runs exactly once', async () => {
    const runs = new Map<number, number>();
    const handler = async (payload: unknown) => {
      const { n } = payload as { n: number };
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    const a = new JobRunner(tp.platform.db);
    const b = new JobRunner(second.db);
    a.register('test.count', handler);
    b.register('test.count', handler);
    for (let n = 0; n < 40; n++) await enqueue(tp.platform.db, 'test.count', { n });
    const [ranA, ranB] = await Promise.all([a.drain(), b.drain()]);
    expect(ranA + ranB).toBe(40);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.size).toBe(40);
  });

  it('schedules each occurrence once, however many processes tick', async () => {
    const now = new Date('2026-03-10T08:30:00Z');
    const ran: string[] = [];
    const make = (conn: typeof tp.platform.db) => {
      const runner = new JobRunner(conn);
      runner.register('test.daily', async () => { ran.push('daily'); });
      runner.schedule(dailyAt('test.daily', 6));
      return runner;
    };
    const a = make(tp.platform.db);
    const b = make(second.db);
    await Promise.all([a.tickSchedules(now), b.tickSchedules(now), a.tickSchedules(now)]);
    await Promise.all([a.drain(), b.drain()]);
    expect(ran).toEqual(['daily']);
    // the next day is a new occurrence
    await b.tickSchedules(new Date('2026-03-11T08:30:00Z'));
    await a.drain();
    expect(ran).toEqual(['daily', 'daily']);
  });

  it('takes over a job whose worker died (its lease ran out)', async () => {
    await enqueue(tp.platform.db, 'test.lease', {});
    const dead = await claimJob(tp.platform.db, 'worker-that-dies', -1, ['test.lease']);
    expect(dead).not.toBeNull();
    const runner = new JobRunner(second.db);
    let ran = 0;
    runner.register('test.lease', async () => { ran++; });
    expect(await runner.drain()).toBe(1);
    expect(ran).toBe(1);
    expect((await listJobs(tp.platform.db, 'done'))[0]).toMatchObject({ attempts: 2 });
  });

  it('deduplicates by unique key', async () => {
    expect(await enqueue(tp.platform.db, 'test.once', {}, { uniqueKey: 'k1' })).not.toBeNull();
    expect(await enqueue(tp.platform.db, 'test.once', {}, { uniqueKey: 'k1' })).toBeNull();
  });
});

it('names daily occurrences by the Amsterdam date and runs them at the local hour', () => {
  expect(dailyAt('d', 6).occurrence(new Date('2026-07-01T12:00:00Z'))).toEqual({ key: 'd:2026-07-01', runAt: new Date('2026-07-01T04:00:00Z') });
  expect(dailyAt('d', 6).occurrence(new Date('2026-11-29T23:30:00Z'))).toEqual({ key: 'd:2026-11-30', runAt: new Date('2026-11-30T05:00:00Z') });
  expect(everyMinutes('m', 15).occurrence(new Date('2026-01-01T10:17:00Z')).key).toBe('m:2026-01-01T10:15:00.000Z');
});
