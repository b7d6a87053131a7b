import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { connect, type Connection } from './connect.js';

describeEachEngine('connection', (engine) => {
  let tp: TestPlatform | undefined;
  let conn: Connection | undefined;
  afterEach(async () => {
    await conn?.close();
    await tp?.close();
  });

  it.runIf(engine === 'postgres')('survives the server ending an idle connection, and the next query works', async () => {
    tp = await openTestPlatform(engine, { migrate: false });
    conn = connect(tp.databaseUrl);
    const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn.db)).rows[0]!.pid);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      await sql`select pg_terminate_backend(${pid})`.execute(tp.platform.db);
      await new Promise((resolve) => setTimeout(resolve, 200)); // let the notice of the ended connection arrive
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(conn.db);
      expect(rows[0]!.one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('answers a query on a fresh connection', async () => {
    tp = await openTestPlatform(engine, { migrate: false });
    conn = connect(tp.databaseUrl);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(conn.db);
    expect(Number(rows[0]!.one)).toBe(1);
  });
});
