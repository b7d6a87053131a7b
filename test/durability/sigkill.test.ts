import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/platform/db/connect.js';

/**
 * Crash safety: a server process is killed with SIGKILL in the middle of a stream of writes.
 * After restart every write that was acknowledged to a client must be there, and the audit
 * log must match the data exactly (no change without its audit entry, no entry without its change).
 */
const root = path.resolve(import.meta.dirname, '../..');

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve'], {
      cwd: root, env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s/]+)\//.exec(output);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1]! }); }
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)); });
  });
}

class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async request(method: string, url: string, body?: unknown, csrf?: string): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=');
      if (value) this.cookies.set(name!, value); else this.cookies.delete(name!);
    }
    return response;
  }
  async csrf(): Promise<string> {
    return ((await (await this.request('GET', '/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ba-sigkill-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SIGKILL during a stream of writes (SQLite)', () => {
  it('keeps every acknowledged write and an audit log that matches the data', async () => {
    const databaseUrl = `sqlite:${path.join(dir, 'crash.sqlite')}`;
    const env = { DATABASE_URL: databaseUrl, SEED_DEMO: '1', SESSION_SECRET: 'sigkill-test-secret' };
    const { child, url } = await startServer(env);
    const client = new Client(url);
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
