import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openPlatform, type OpenedPlatform } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Platform } from '../../src/platform/context.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { memoryMailer } from '../../src/platform/mail.js';
import { defaultPublicValues, findTenantById, type Tenant } from '../../src/platform/tenancy.js';

/**
 * The database engines the store and service tests run on: always SQLite, and PostgreSQL as well
 * when the global setup (test/setup/postgres.ts) provides a server.
 */
export const TEST_SESSION_SECRET = 'buurtarena-test-session-secret';

function postgresServerUrl(): string | null {
  let provided: string | null | undefined;
  try {
    provided = inject('postgresUrl');
  } catch {
    provided = undefined; // outside a vitest worker
  }
  return provided ?? process.env.BUURTARENA_TEST_POSTGRES_URL ?? null;
}

export function engines(): Engine[] {
  return postgresServerUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** One describe block per engine, named "<name> [sqlite]" / "<name> [postgres]". */
export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of engines()) describe(`${name} [${engine}]`, () => fn(engine));
}

export interface TestPlatform {
  platform: Platform;
  opened: OpenedPlatform;
  mailer: ReturnType<typeof memoryMailer>;
  databaseUrl: string;
  close(): Promise<void>;
}

let counter = 0;
let tenantCounter = 0;

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A fresh, empty database of this engine, not opened: SQLite a file in a temporary folder (not
 * :memory:, so WAL and backup behave as in production), PostgreSQL a uniquely named database on
 * the test server. `drop` removes it again. For tests that run a server process of their own.
 */
export async function createTestDatabase(engine: Engine): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtarena-test-'));
    return { databaseUrl: `sqlite:${path.join(dir, 'test.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error('PostgreSQL tests need the server from test/setup/postgres.ts (BUURTARENA_TEST_POSTGRES=1)');
  const database = `ba_test_${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  return {
    databaseUrl: databaseUrlOn(serverUrl, database),
    drop: async () => { await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)); },
  };
}

/** A fresh, migrated, empty database (`createTestDatabase`) with its platform (fixed session secret, memory mailer). */
export async function openTestPlatform(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestPlatform> {
  const mailer = memoryMailer();
  const env = { SESSION_SECRET: TEST_SESSION_SECRET, SEED_DEMO: '0', PUBLIC_URL: 'http://buurtarena.test', LOG_LEVEL: 'warn', MAIL_FROM: 'test@buurtarena.invalid' };
  const { databaseUrl, drop } = await createTestDatabase(engine);
  try {
    const opened = await openPlatform(loadConfig({ ...env, DATABASE_URL: databaseUrl }), { mailer, migrate: options.migrate });
    return {
      platform: opened.platform, opened, mailer, databaseUrl,
      async close() {
        try { await opened.close(); } finally { await drop(); }
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * A municipality (tenant) inserted directly, for tests that need one or two tenants without
 * going through the municipality capability's use cases.
 */
export async function insertTestTenant(platform: Platform, input: { slug: string; name?: string; cbsCode?: string; divisionYear?: number }): Promise<Tenant> {
  const id = newId();
  const now = nowIso();
  const cbsCode = input.cbsCode ?? `GM${8000 + (++tenantCounter)}`;
  await platform.db.transaction().execute(async (tx) => {
    await tx.insertInto('municipalities').values({
      id, slug: input.slug, name: input.name ?? `Gemeente ${input.slug}`, cbs_code: cbsCode, division_year: input.divisionYear ?? 2025,
      primary_colour: '#1d5c4d', accent_colour: '#0e3b31', logo_file_id: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('public_values').values(defaultPublicValues.map((v, position) => ({ id: newId(), municipality_id: id, position, ...v }))).execute();
  });
  return (await findTenantById(platform.db, id))!;
}
