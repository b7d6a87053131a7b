import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, signedInAgent } from '../../../test/support/http.js';
import type { Context } from '../context.js';
import { newId, nowIso } from '../db/helpers.js';
import { NotFoundError } from '../errors.js';
import { execute } from '../service.js';
import type { Tenant } from '../tenancy.js';
import { addMember, createOrganisation } from '../../capabilities/parties/index.js';
import { updateOrganisation } from '../../capabilities/parties/service.js';
import { DIGEST_BATCH, FANOUT_BATCH, follow, unsubscribeUrl } from './service.js';

describeEachEngine('notifications, follows and the digest', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  const people: Record<string, string> = {};

  async function person(key: string, opts: { official?: boolean } = {}) {
    const id = newId();
    await tp.platform.db.insertInto('people').values({ id, email: `${key}@example.org`, display_name: key, password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    if (opts.official) await tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: id, role: 'official', scope_type: 'municipality', scope_id: tenant.id, municipality_id: tenant.id, granted_at: nowIso() }).execute();
    people[key] = id;
    return id;
  }
  const ctxOf = (personId: string): Context => ({ platform: tp.platform, actor: { kind: 'person', personId, displayName: '', emailVerified: true, strongAuth: true, grants: [{ role: 'official', scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }], memberships: [] }, tenant, locale: 'nl' });

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    tenant = await insertTestTenant(tp.platform, { slug: 'volgdorp' });
    await person('olga', { official: true });
    await person('anna');
    await person('bert');
  });
  afterEach(async () => tp.close());

  async function organisation() {
    return (await execute(ctxOf(people.olga!), createOrganisation, { kind: 'association', name: 'Buurtvereniging De Linde' })).id;
  }
  const update = (id: string, name: string) => execute(ctxOf(people.olga!), updateOrganisation, { id, kind: 'association', name });

  it('tells followers (not the one who made the change) and mails a daily digest once', async () => {
    const org = await organisation();
    await execute(ctxOf(people.anna!), follow, { targetType: 'organisation', targetId: org });
    await execute(ctxOf(people.olga!), follow, { targetType: 'organisation', targetId: org });
    await update(org, 'Buurtvereniging De Linde & Eik');
    await tp.platform.jobs.drain();
    const rows = await tp.platform.db.selectFrom('notifications').select(['person_id', 'title', 'delivery', 'mailed_at']).execute();
    expect(rows).toEqual([{ person_id: people.anna, title: 'Buurtvereniging De Linde & Eik heeft zijn gegevens bijgewerkt', delivery: 'daily', mailed_at: null }]);
    expect(tp.mailer.sent).toEqual([]); // daily is the default for this kind: no mail yet

    await tp.platform.jobs.tickSchedules(new Date(Date.now() + 86400_000));
    await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('status', '=', 'queued').execute();
    await tp.platform.jobs.drain();
    expect(tp.mailer.sent).toHaveLength(1);
    expect(tp.mailer.sent[0]!.to).toBe('anna@example.org');
    expect(tp.mailer.sent[0]!.subject).toBe('Uw overzicht: 1 nieuwe meldingen');
    expect(tp.mailer.sent[0]!.text).toContain(`/volgdorp/organisaties/${org}`);
    expect(tp.mailer.sent[0]!.headers?.['List-Unsubscribe']).toContain('/afmelden?');
    // A second digest run finds nothing new.
    await tp.platform.jobs.tickSchedules(new Date(Date.now() + 2 * 86400_000));
    await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('status', '=', 'queued').execute();
    await tp.platform.jobs.drain();
    expect(tp.mailer.sent).toHaveLength(1);
  });

  it('mails right away when a person prefers it, and one click unsubscribes without signing in', async () => {
    const org = await organisation();
    await execute(ctxOf(people.olga!), addMember, { organisationId: org, email: 'bert@example.org', duty: 'treasurer' });
    await tp.platform.jobs.drain();
    expect(tp.mailer.sent.map((m) => [m.to, m.subject])).toEqual([['bert@example.org', 'U bent nu penningmeester bij Buurtvereniging De Linde']]);
    const url = new URL(unsubscribeUrl(tp.platform, people.bert!, 'membership.added'));
    const app = await buildTestApp(tp.platform);
    try {
      const forged = await app.inject({ method: 'POST', url: `/afmelden?p=${people.bert}&k=membership.added&t=fout` });
      expect(forged.statusCode).toBe(400);
      const confirm = await app.inject({ method: 'GET', url: url.pathname + url.search });
      expect(confirm.statusCode).toBe(200);
      const response = await app.inject({ method: 'POST', url: url.pathname + url.search });
      expect(response.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const pref = await tp.platform.db.selectFrom('notification_preferences').select('channel').where('person_id', '=', people.bert!).where('kind', '=', 'membership.added').executeTakeFirst();
    expect(pref?.channel).toBe('never');
  });

  it('fans out to many followers in batches and digests them in batches', async () => {
    const org = await organisation();
    const total = FANOUT_BATCH * 2 + 37;
    const now = nowIso();
    const followers = Array.from({ length: total }, (_, i) => ({ id: `f${String(i).padStart(6, '0')}`, email: `f${i}@example.org`, display_name: `F${i}`, password_hash: 'x', email_verified_at: now, locale: 'nl', created_at: now, updated_at: now }));
    for (let i = 0; i < followers.length; i += 200) {
      await tp.platform.db.insertInto('people').values(followers.slice(i, i + 200)).execute();
      await tp.platform.db.insertInto('follows').values(followers.slice(i, i + 200).map((f) => ({ person_id: f.id, target_type: 'organisation', target_id: org, municipality_id: tenant.id, created_at: now }))).execute();
    }
    await update(org, 'Nieuwe naam');
    const fanouts = await tp.platform.jobs.drain();
    expect(fanouts).toBe(3);
    const count = await tp.platform.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(total);
    await tp.platform.jobs.tickSchedules(new Date(Date.now() + 86400_000));
    await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('status', '=', 'queued').execute();
    await tp.platform.jobs.drain(20_000);
    expect(tp.mailer.sent).toHaveLength(total);
    expect(new Set(tp.mailer.sent.map((m) => m.to)).size).toBe(total);
    const digestJobs = await tp.platform.db.selectFrom('jobs').select('id').where('kind', '=', 'notifications.digest').execute();
    expect(digestJobs.length).toBe(Math.ceil(total / DIGEST_BATCH));
  }, 120_000);

  it('cannot follow an item of another municipality, and pages need a signed-in person', async () => {
    const other = await insertTestTenant(tp.platform, { slug: 'elders' });
    const foreign = newId();
    await tp.platform.db.insertInto('organisations').values({ id: foreign, municipality_id: other.id, kind: 'association', name: 'Elders', description: null, area_code: null, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
    await expect(execute(ctxOf(people.anna!), follow, { targetType: 'organisation', targetId: foreign })).rejects.toBeInstanceOf(NotFoundError);
    const app = await buildTestApp(tp.platform);
    try {
      const anonymous = agent(app);
      expect((await anonymous.get('/volgdorp/meldingen')).statusCode).toBe(303);
      const anna = await signedInAgent(app, tp.platform, 'anna@example.org');
      const org = await organisation();
      const followed = await anna.postForm('/volgdorp/volgen', { targetType: 'organisation', targetId: org, terug: `/volgdorp/organisaties/${org}` });
      expect(followed.statusCode).toBe(303);
      expect(followed.headers.location).toBe(`/volgdorp/organisaties/${org}`);
      const settings = await anna.get('/volgdorp/mijn-account/meldingen');
      expect(settings.statusCode).toBe(200);
      expect(settings.body).toContain(org);
      const saved = await anna.postForm('/volgdorp/mijn-account/meldingen', { 'organisation.updated': 'immediately', 'membership.added': 'never' });
      expect(saved.statusCode).toBe(303);
      const bad = await anna.postForm('/volgdorp/mijn-account/meldingen', { 'organisation.updated': 'hourly' });
      expect(bad.statusCode).toBe(422);
      expect((await anna.get('/volgdorp/meldingen')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
