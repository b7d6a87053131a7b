import type { FastifyInstance } from 'fastify';
import { buildTestApp, agent, signInDirectly, type Agent } from './http.js';
import { insertTestTenant, openTestPlatform, type TestPlatform } from './engines.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { registerCommentSubject } from '../../src/platform/comments/index.js';
import type { Tenant } from '../../src/platform/tenancy.js';

/**
 * Two municipalities, a subject kind of their own ("testitem": ids starting with "ok" exist in
 * every municipality, those starting with "closed" too but take no new comments) and people with
 * the roles the comments and moderation tests need.
 */
registerCommentSubject({
  type: 'testitem',
  async find(_db, tenant, id) {
    if (id.startsWith('closed')) return { id, title: `Testitem ${id}`, path: `/${tenant.slug}/testitems/${id}`, closed: { key: 'comments.closed' } };
    return id.startsWith('ok') ? { id, title: `Testitem ${id}`, path: `/${tenant.slug}/testitems/${id}` } : null;
  },
});

export type Who = 'anna' | 'bert' | 'carl' | 'mo' | 'moB' | 'admin';

export interface ModerationWorld {
  tp: TestPlatform;
  app: FastifyInstance;
  a: Tenant;
  b: Tenant;
  ids: Record<Who, string>;
  /** Signed-in agents (carl's address is not verified; admin is signed in without a second factor as `weakAdmin`). */
  as: Record<Who | 'weakAdmin' | 'anonymous', Agent>;
  close(): Promise<void>;
}

export async function openModerationWorld(engine: Engine): Promise<ModerationWorld> {
  const tp = await openTestPlatform(engine);
  const a = await insertTestTenant(tp.platform, { slug: 'reactiedorp', name: 'Gemeente Reactiedorp' });
  const b = await insertTestTenant(tp.platform, { slug: 'anderdorp', name: 'Gemeente Anderdorp' });
  const db = tp.platform.db;
  const people: Array<[Who, string, boolean, string | null, Tenant | null]> = [
    ['anna', 'Anna Aalders', true, null, null],
    ['bert', 'Bert Bos', true, null, null],
    ['carl', 'Carl Cohen', false, null, null],
    ['mo', 'Mo Moderator', true, 'moderator', a],
    ['moB', 'Mia Moderator', true, 'moderator', b],
    ['admin', 'Ada Beheer', true, 'administrator', a],
  ];
  const ids = {} as Record<Who, string>;
  for (const [who, name, verified, role, tenant] of people) {
    const id = newId();
    await db.insertInto('people').values({ id, email: `${who.toLowerCase()}@test.example`, display_name: name, password_hash: 'x', email_verified_at: verified ? nowIso() : null, locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    if (role && tenant) await db.insertInto('role_grants').values({ id: newId(), person_id: id, role: role as never, scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: nowIso() }).execute();
    ids[who] = id;
  }
  const app = await buildTestApp(tp.platform);
  const as = { anonymous: agent(app) } as ModerationWorld['as'];
  for (const [who] of people) {
    as[who] = agent(app);
    await signInDirectly(as[who], tp.platform, `${who.toLowerCase()}@test.example`);
  }
  as.weakAdmin = agent(app);
  await signInDirectly(as.weakAdmin, tp.platform, 'admin@test.example', { strong: false });
  return { tp, app, a, b, ids, as, async close() { await app.close(); await tp.close(); } };
}

export async function count(tp: TestPlatform, table: 'comments' | 'moderation_reports' | 'moderation_decisions' | 'audit_log' | 'notifications'): Promise<number> {
  const row = await tp.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Post a comment as this agent on testitem `ok1` of Reactiedorp; returns the new comment's id. */
export async function postAs(world: ModerationWorld, who: Who, body: string, subjectId = 'ok1'): Promise<string> {
  const response = await world.as[who].postForm('/reactiedorp/reacties', { subjectType: 'testitem', subjectId, body });
  if (response.statusCode !== 303) throw new Error(`posting answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
  const id = /#reactie-([a-z0-9]+)$/.exec(String(response.headers.location))?.[1];
  if (!id) throw new Error(`no comment anchor in ${String(response.headers.location)}`);
  return id;
}
