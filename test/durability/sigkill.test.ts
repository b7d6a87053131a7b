import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/platform/db/connect.js';
import { HttpClient, startServer } from '../support/server-process.js';

/**
 * Crash safety: a server process is killed with SIGKILL in the middle of a stream of writes.
 * After restart every write that was acknowledged to a client must be there, and the audit
 * log must match the data exactly (no change without its audit entry, no entry without its change).
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ba-sigkill-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SIGKILL during a stream of writes (SQLite)', () => {
  it('keeps every acknowledged write and an audit log that matches the data', async () => {
    const databaseUrl = `sqlite:${path.join(dir, 'crash.sqlite')}`;
    const env = { DATABASE_URL: databaseUrl, SEED_DEMO: '1', SESSION_SECRET: 'sigkill-test-secret' };
    const { child, url } = await startServer(env);
    const client = new HttpClient(url);
    const login = await client.request('POST', '/api/v1/session', { email: 'ambtenaar@voorbeeldstad.example', password: 'voorbeeldstad-demo' }, await client.csrf());
    expect(login.status).toBe(200);
    const csrf = await client.csrf();

    const acknowledged: string[] = [];
    const failures: string[] = [];
    let stop = false;
    let counter = 0;
    const writer = async () => {
      while (!stop) {
        const n = counter++;
        try {
          const response = await client.request('POST', '/api/v1/voorbeeldstad/organisations', { kind: 'welfare_organisation', name: `Crash test ${n}` }, csrf);
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
          else failures.push(`${response.status} ${await response.text()}`);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.length < 60 && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(failures).toEqual([]);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited;

    const connection = connect(databaseUrl);
    try {
      const rows = await connection.db.selectFrom('organisations').select('id').where('name', 'like', 'Crash test %').execute();
      const stored = new Set(rows.map((r) => r.id));
      for (const id of acknowledged) expect(stored.has(id), `acknowledged organisation ${id} is missing`).toBe(true);
      const audited = await connection.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'organisation.create').execute();
      const auditedIds = new Set(audited.map((a) => a.entity_id));
      for (const id of stored) expect(auditedIds.has(id), `organisation ${id} has no audit entry`).toBe(true);
      const orgIds = new Set((await connection.db.selectFrom('organisations').select('id').execute()).map((r) => r.id));
      for (const id of auditedIds) expect(orgIds.has(id), `audit entry for ${id} without its organisation`).toBe(true);
    } finally {
      await connection.close();
    }
    // And the server starts again on the same database.
    const again = await startServer(env);
    const health = await fetch(`${again.url}/health`);
    expect(health.status).toBe(200);
    again.child.kill('SIGTERM');
  }, 120_000);
});
