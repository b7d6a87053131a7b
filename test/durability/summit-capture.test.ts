import { expect, it } from 'vitest';
import { tablePath, tableToken } from '../../src/capabilities/summit/day-service.js';
import { connect } from '../../src/platform/db/connect.js';
import { createTestDatabase, describeEachEngine } from '../support/engines.js';
import { HttpClient, killServer, startServer, type ServerProcess } from '../support/server-process.js';

/**
 * The issue: "Killing the server during the day's capture loses no submitted ambition; a double
 * submit creates one ambition." Four facilitators send ambitions from their tables' pages, as
 * their phones do (the page's form with its one-time key, urlencoded), while the server process
 * is killed with SIGKILL. After a restart on the same database: every ambition the server
 * acknowledged is there with its audit entry; every form that got no answer is sent again, as a
 * facilitator would, and so are some that did — and no ambition exists twice.
 */
const SECRET = 'summit-capture-kill-secret';

interface Submission {
  title: string;
  fields: Array<[string, string]>;
  path: string;
}

describeEachEngine('killing the server during the day\'s capture', (engine) => {
  it('loses no acknowledged ambition, and sending the forms again after the restart makes none twice', async () => {
    const { databaseUrl, drop } = await createTestDatabase(engine);
    const env = { DATABASE_URL: databaseUrl, SEED_DEMO: '1', SESSION_SECRET: SECRET };
    let server: ServerProcess | null = await startServer(env);
    const connection = connect(databaseUrl);
    try {
      const { db } = connection;
      const summit = await db.selectFrom('summits').selectAll().where('status', '=', 'held').executeTakeFirstOrThrow();
      const tables = (await db.selectFrom('summit_tables').selectAll().where('summit_id', '=', summit.id).orderBy('id').execute()).slice(0, 4);
      expect(tables.length).toBeGreaterThanOrEqual(2);
      const paths = tables.map((t) => tablePath('voorbeeldstad', summit.id, t.id, tableToken(SECRET, { id: t.id, linkSalt: t.link_salt })));

      const clients = paths.map(() => new HttpClient(server!.url));
      const acknowledged = new Map<string, string>(); // title → ambition id
      const sent: Submission[] = [];
      const failures: string[] = [];
      let stop = false;
      let counter = 0;
      const facilitator = async (index: number) => {
        const client = clients[index]!;
        const path = paths[index]!;
        while (!stop) {
          let submission: Submission | undefined;
          try {
            const hidden = await client.hiddenFields(path);
            const title = `Ambitie ${index}-${counter++}`;
            submission = { title, path, fields: [...hidden, ['title', title], ['body', 'Wat de tafel wil.'], ['horizon', '5'], ['step_1', 'Een eerste stap'], ['carrier_1', 'De tafel']] };
            sent.push(submission);
            const response = await client.postForm(path, submission.fields);
            const id = /\/ontvangen\/([a-z0-9]+)#ontvangen$/.exec(response.headers.get('location') ?? '')?.[1];
            if (response.status === 303 && id) acknowledged.set(title, id);
            else failures.push(`${response.status} ${(await response.text()).slice(0, 300)}`);
          } catch {
            return; // the connection died with the server
          }
        }
      };
      const running = clients.map((_, i) => facilitator(i));
      while (acknowledged.size < 40 && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
      expect(failures).toEqual([]);
      await killServer(server);
      server = null;
      stop = true;
      await Promise.all(running);

      // Every acknowledged ambition survived the kill, with its audit entry.
      const stored = async () => db.selectFrom('summit_ambitions').select(['id', 'title']).where('summit_id', '=', summit.id).where('title', 'like', 'Ambitie %').execute();
      const afterKill = new Map((await stored()).map((a) => [a.id, a.title]));
      for (const [title, id] of acknowledged) expect(afterKill.get(id), `acknowledged "${title}" is missing`).toBe(title);
      const entries = await db.selectFrom('audit_log').select('after_json').where('action', '=', 'summit.day.ambition.capture').where('entity_id', '=', summit.id).execute();
      const audited = entries.map((e) => (JSON.parse(e.after_json ?? '{}') as { id?: string }).id).filter((id) => id && afterKill.has(id));
      expect(audited.sort(), 'one audit entry per stored ambition, none without its ambition').toEqual([...afterKill.keys()].sort());

      // After the restart the facilitators send again what got no answer, and some that did (a double tap).
      server = await startServer(env);
      const unanswered = sent.filter((s) => !acknowledged.has(s.title));
      const again = [...unanswered, ...sent.filter((s) => acknowledged.has(s.title)).slice(0, 5)];
      for (const submission of again) {
        const client = clients[paths.indexOf(submission.path)]!;
        client.base = server.url;
        const response = await client.postForm(submission.path, submission.fields);
        expect(response.status, `sending "${submission.title}" again`).toBe(303);
        const id = /\/ontvangen\/([a-z0-9]+)#ontvangen$/.exec(response.headers.get('location') ?? '')?.[1];
        expect(id, `sending "${submission.title}" again leads to its confirmation`).toBeDefined();
        if (acknowledged.has(submission.title)) expect(id).toBe(acknowledged.get(submission.title));
      }

      const final = await stored();
      const titles = final.map((a) => a.title);
      expect(new Set(titles).size, 'an ambition exists twice').toBe(titles.length);
      expect(new Set(titles)).toEqual(new Set(sent.map((s) => s.title)));
    } finally {
      if (server) await killServer(server);
      await connection.close();
      await drop();
    }
  }, 180_000);
});
