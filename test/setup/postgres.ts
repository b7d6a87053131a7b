import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Vitest global setup: the PostgreSQL server for the store and service tests.
 *
 * With BUURTARENA_TEST_POSTGRES=1 (CI sets it) the tests also run on PostgreSQL: on the server
 * named by BUURTARENA_TEST_POSTGRES_URL, or else on a throw-away cluster created here from the
 * installed `postgresql` package (initdb into a temporary folder, listening on 127.0.0.1 only,
 * trust authentication, fsync off) and removed again afterwards. When PostgreSQL is requested
 * but cannot be started, the run fails: a CI run must never silently skip it.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (database "postgres") for PostgreSQL tests, or null when they are not requested. */
    postgresUrl: string | null;
  }
}

const URL_VARIABLE = 'BUURTARENA_TEST_POSTGRES_URL';

function requested(): boolean {
  return process.env.BUURTARENA_TEST_POSTGRES === '1' || Boolean(process.env[URL_VARIABLE]);
}

async function checkServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function compareVersions(a: string, b: string): number {
  return Number.parseFloat(b) - Number.parseFloat(a);
}

/** The folder with initdb and pg_ctl: Debian keeps them outside PATH, under /usr/lib/postgresql/<version>/bin. */
function findBinaries(): string {
  const candidates: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const version of fs.readdirSync(debian).sort(compareVersions)) candidates.push(path.join(debian, version, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error('PostgreSQL tests were requested (BUURTARENA_TEST_POSTGRES=1), but initdb/pg_ctl were not found. '
      + `Install the server (Debian: apt-get install postgresql) or set ${URL_VARIABLE} to an existing server.`);
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Cluster {
  url: string;
  stop(): void;
}

/** initdb refuses to run as root: as root, the cluster belongs to the "postgres" system user. */
function runAs(user: string | null, command: string, args: string[], cwd: string) {
  const [file, fullArgs] = user ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args];
  return spawnSync(file, fullArgs, { cwd, encoding: 'utf8', timeout: 120_000 });
}

async function startCluster(): Promise<Cluster> {
  const bin = findBinaries();
  const isRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  let user: string | null = null;
  if (isRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error('PostgreSQL tests run as root need the "postgres" system user (created by the Debian postgresql package) to own the temporary cluster.');
    }
    fs.chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    user = 'postgres';
  }
  const fail = (what: string, result: { stdout?: string | null; stderr?: string | null; error?: Error }): never => {
    const logText = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-4000) : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start the temporary PostgreSQL server for the tests (${what}):\n${result.error?.message ?? ''}${result.stdout ?? ''}${result.stderr ?? ''}${logText}`);
  };

  const init = runAs(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], dir);
  if (init.status !== 0) fail('initdb', init);

  const port = await freePort();
  const options = [
    `-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`,
    // A throw-away cluster: durability settings off for speed.
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
    '-c max_connections=300', '-c shared_buffers=64MB',
  ].join(' ');
  const start = runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start'], dir);
  if (start.status !== 0) fail('pg_ctl start', start);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // If vitest is interrupted before teardown, do not leave a server behind.
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!requested()) {
    console.log('\n[buurtarena] PostgreSQL tests skipped: set BUURTARENA_TEST_POSTGRES=1 to run the store and service tests on PostgreSQL as well.\n');
    project.provide('postgresUrl', null);
    return;
  }
  const existing = process.env[URL_VARIABLE];
  if (existing) {
    try {
      await checkServer(existing);
    } catch (error) {
      throw new Error(`${URL_VARIABLE} is set, but the PostgreSQL server there does not answer: ${(error as Error).message}`);
    }
    project.provide('postgresUrl', existing);
    return;
  }
  const started = Date.now();
  const cluster = await startCluster();
  try {
    await checkServer(cluster.url);
  } catch (error) {
    cluster.stop();
    throw new Error(`The temporary PostgreSQL server started but does not answer: ${(error as Error).message}`);
  }
  console.log(`\n[buurtarena] temporary PostgreSQL server at ${cluster.url} (started in ${Date.now() - started} ms)\n`);
  process.env[URL_VARIABLE] = cluster.url;
  project.provide('postgresUrl', cluster.url);
  return async () => cluster.stop();
}
