import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { connect, copyInto, type Connection } from './connect.js';

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

  it.runIf(engine === 'postgres')('copies rows in the transaction: any text as it is, nulls, numbers, and gone again on a rollback', async () => {
    tp = await openTestPlatform(engine, { migrate: false });
    conn = connect(tp.databaseUrl);
    const db = conn.db;
    await sql`create table copied (id integer primary key, label text, amount double precision)`.execute(db);
    const rows: Array<[number, string | null, number | null]> = [
      [1, 'plain', 1.5], [2, 'tab\there, line\nbreak and \\ backslash\r', -0.000001], [3, null, null], [4, 'é ü € \\N "quoted" ;', 1e21], [5, '', 0],
      ...Array.from({ length: 2500 }, (_, i): [number, string, number] => [10 + i, `row ${i}`, i / 7]),
    ];
    await db.transaction().execute((tx) => copyInto(tx, 'copied', ['id', 'label', 'amount'], rows, (r) => r, 1000));
    const back = (await sql<{ id: number; label: string | null; amount: number | null }>`select id, label, amount from copied order by id`.execute(db)).rows;
    expect(back.map((r) => [r.id, r.label, r.amount])).toEqual(rows);
    await expect(db.transaction().execute(async (tx) => {
      await copyInto(tx, 'copied', ['id', 'label', 'amount'], [[9000, 'undone', 1]], (r) => r);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect((await sql<{ n: number }>`select count(*)::int as n from copied where id = 9000`.execute(db)).rows[0]!.n).toBe(0);
    // A row that breaks a constraint fails the copy, and the transaction with it.
    await expect(db.transaction().execute((tx) => copyInto(tx, 'copied', ['id', 'label', 'amount'], [[9001, 'new', 1], [1, 'twice', 2]], (r) => r))).rejects.toThrow();
    expect((await sql<{ n: number }>`select count(*)::int as n from copied`.execute(db)).rows[0]!.n).toBe(rows.length);
  });

  it('answers a query on a fresh connection', async () => {
    tp = await openTestPlatform(engine, { migrate: false });
    conn = connect(tp.databaseUrl);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(conn.db);
    expect(Number(rows[0]!.one)).toBe(1);
  });
});
