import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/index.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { buildTestApp, signedInAgent, type Agent } from '../support/http.js';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../support/engines.js';

/**
 * Bad input on every API route that changes data, taken from the OpenAPI document so a new route
 * is covered the day it is added: empty, wrong type, too long, unknown ids and ids of another
 * municipality. Each must be answered with a 4xx problem+json naming what is wrong, and change
 * nothing. Sent as the installation administrator, whom the policy allows everything.
 */
let tp: TestPlatform;
let app: FastifyInstance;
let admin: Agent;
let foreignOrganisation = '';

beforeAll(async () => {
  tp = await openTestPlatform('sqlite');
  await seedDemo(tp.platform);
  const other = await insertTestTenant(tp.platform, { slug: 'andere' });
  foreignOrganisation = newId();
  await tp.platform.db.insertInto('organisations').values({ id: foreignOrganisation, municipality_id: other.id, kind: 'association', name: 'Vereniging elders', description: null, area_code: null, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
  const person = newId();
  await tp.platform.db.insertInto('people').values({ id: person, email: 'root@test.example', display_name: 'Root', password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
  await tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: person, role: 'administrator', scope_type: 'installation', scope_id: '', municipality_id: null, granted_at: nowIso() }).execute();
  app = await buildTestApp(tp.platform);
  admin = await signedInAgent(app, tp.platform, 'root@test.example');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tp?.close();
});

async function snapshot(): Promise<string> {
  const tables = ['audit_log', 'organisations', 'memberships', 'role_grants', 'municipalities', 'public_values', 'budget_areas', 'areas', 'people'] as const;
  const counts = [];
  for (const table of tables) {
    const row = await tp.platform.db.selectFrom(table as never).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow() as { n: number };
    counts.push(`${table}=${row.n}`);
  }
  const m = await tp.platform.db.selectFrom('municipalities').select(['name', 'primary_colour', 'updated_at']).orderBy('id').execute();
  return counts.join(' ') + JSON.stringify(m);
}

const badBodies: Array<[string, unknown]> = [
  ['empty object', {}],
  ['array', []],
  ['string', 'just text'],
  ['wrong types', { name: 123, kind: ['association'], email: false, nameNl: {}, primaryColour: 7, role: null, codes: 'BU', direction: 5 }],
  ['too long', { name: 'x'.repeat(10_000), kind: 'association', email: `${'a'.repeat(300)}@example.org`, nameNl: 'x'.repeat(10_000), nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x', primaryColour: '#000000', accentColour: '#000000' }],
];

describe('bad input on every API route that changes data', () => {
  it('is refused with a problem naming the field, and changes nothing', async () => {
    const doc = (await admin.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (path === '/api/v1/session') continue; // signing in/out is not a data change
        const variants = new Map<string, string>();
        variants.set('unknown ids', path.replace('{municipality}', 'voorbeeldstad').replace(/\{(\w+)\}/g, 'onbekend'));
        if (path.includes('{id}') && path.includes('organisations')) variants.set('id of another municipality', path.replace('{municipality}', 'voorbeeldstad').replace('{id}', foreignOrganisation).replace(/\{(\w+)\}/g, 'onbekend'));
        if (!/\{(?!municipality)\w+\}/.test(path)) variants.set('valid path', path.replace('{municipality}', 'voorbeeldstad'));
        variants.set('unknown municipality', path.replace('{municipality}', 'bestaat-niet').replace(/\{(\w+)\}/g, 'onbekend'));
        for (const [variant, url] of variants) {
          for (const [label, body] of method === 'delete' ? [['no body', undefined] as [string, unknown]] : badBodies) {
            const before = await snapshot();
            const response = await admin.api(method.toUpperCase() as 'POST', url, body);
            checked++;
            const where = `${method.toUpperCase()} ${url} (${variant}, ${label})`;
            if (variant === 'valid path' && method === 'delete') continue;
            if (response.statusCode < 400 || response.statusCode >= 500) { failures.push(`${where}: status ${response.statusCode}`); continue; }
            if (!String(response.headers['content-type']).startsWith('application/problem+json')) failures.push(`${where}: not problem+json`);
            const problem = response.json() as { status: number; title: string; errors?: Array<{ field: string; message: string }> };
            if (problem.status !== response.statusCode || !problem.title) failures.push(`${where}: incomplete problem ${response.body}`);
            if (response.statusCode === 422 && !(problem.errors ?? []).every((e) => typeof e.message === 'string' && e.message.length > 0)) failures.push(`${where}: 422 without field messages`);
            if ((await snapshot()) !== before) failures.push(`${where}: data changed`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 120_000);
});
