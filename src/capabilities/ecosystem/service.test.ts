import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { ERASED, readAudit } from '../../platform/audit.js';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ValidationError } from '../../platform/errors.js';
import { anonymous, system, type Actor as PolicyActor, type Role } from '../../platform/policy.js';
import { erasePersonalData, exportPersonalData } from '../../platform/privacy.js';
import { execute } from '../../platform/service.js';
import { hideItem, openReports, report, restoreItem } from '../../platform/moderation/index.js';
import type { Tenant } from '../../platform/tenancy.js';
import { importAreas } from '../areas/index.js';
import { addHistoryEntry, entriesReferringTo } from '../history/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { ecosystemView } from './read.js';
import { addActor, addKeyPerson, addRelation, assessElement, editActor, editRelation, removeActor, removeRelation, withdrawConsent } from './service.js';
import {
  ACTOR_ENTITY, RELATION_ENTITY, assessmentsOf, ecosystemOf, findActor, findRecordedActor, findRelation, hiddenRelationsOf, professionalHoursByArea, usersOfPlace,
} from './store.js';

/**
 * The ecosystem's use cases on both engines: validation that names the field and changes nothing,
 * who may do what, key people only with consent, and withdrawal removing them everywhere.
 */
describeEachEngine('ecosystem use cases', (engine) => {
  let tp: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  let n1: string; // a neighbourhood of home
  let n2: string; // another neighbourhood of home

  const person = (id: string, role: Role | null, tenant: Tenant = home): PolicyActor => ({
    kind: 'person', personId: id, displayName: id, emailVerified: true, strongAuth: true, memberships: [],
    grants: role ? [{ role, scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }] : [],
  });
  const as = (actor: PolicyActor, tenant: Tenant = home): Context => ({ platform: tp.platform, actor, tenant, locale: 'nl' });
  const resident = () => as(person('res-1', 'resident'));
  const official = () => as(person('off-1', 'official'));
  const failure = async (run: Promise<unknown>) => {
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((i) => `${i.field}:${i.key}`);
  };
  const rows = async () => {
    const db = tp.platform.db;
    const n = async (table: 'ecosystem_actors' | 'ecosystem_relations' | 'ecosystem_assessments' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return [await n('ecosystem_actors'), await n('ecosystem_relations'), await n('ecosystem_assessments'), await n('audit_log')];
  };
  const initiative = (name: string, areaCode = n1) => execute(resident(), addActor, { areaCode, kind: 'initiative', name, description: 'Samen koken.' });
  const moderator = () => as(person('mod-1', 'moderator'));
  const hide = (kind: string, id: string, reason = 'Beledigend') => execute(moderator(), hideItem, { kind, id, reason });
  const restore = (kind: string, id: string) => execute(moderator(), restoreItem, { kind, id, restoreNote: 'Tekst is aangepast.' });
  /** A public place of the places capability, straight into its table (the places tests test how places are added). */
  const insertPlace = async (name: string, areaCode = n1) => {
    const placeId = newId();
    await tp.platform.db.insertInto('places').values({
      id: placeId, municipality_id: home.id, name, type: 'community_centre', owner_type: 'municipality', run_by: null, description: null,
      lon: 5.005, lat: 52.005, area_code: areaCode, division_year: 2025, hours_json: '{}', cost_cents: 0, capacity: 40, step_free: 1, accessible_toilet: null,
      hearing_loop: null, status: 'active', threat_kind: null, status_since: '2025-01-01', created_by: null, created_at: nowIso(), updated_at: nowIso(),
    } as never).execute();
    return placeId;
  };
  const keyPerson = (name = 'Tante Truus') => execute(resident(), addKeyPerson, { areaCode: n1, name, role: 'Kent iedereen in de straat', consentMethod: 'verbal', consentGivenOn: '2025-03-01', consentConfirmed: 'on' });

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    home = await insertTestTenant(tp.platform, { slug: 'netwerkstad' });
    other = await insertTestTenant(tp.platform, { slug: 'anderstad' });
    const sys = { platform: tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a.geojson', text: smallMunicipality(home.cbsCode) }], { divisionYear: 2025 });
    await importAreas(sys, [{ name: 'b.geojson', text: smallMunicipality(other.cbsCode, {}, [6, 52]) }], { divisionYear: 2025 });
    n1 = `BU${home.cbsCode.slice(2)}0101`;
    n2 = `BU${home.cbsCode.slice(2)}0102`;
  }, 60_000);
  afterEach(async () => tp.close());

  it('adds actors; a professional service must give its organisation, work, hours and whether it is area-bound', async () => {
    const before = await rows();
    expect(await failure(execute(resident(), addActor, { areaCode: n1, kind: 'professional', name: 'Buurtteam' })))
      .toEqual(['organisation:ecosystem.error.professionalNeeds', 'activities:ecosystem.error.professionalNeeds', 'hoursPerWeek:ecosystem.error.professionalNeeds', 'areaBound:ecosystem.error.professionalNeeds']);
    expect(await failure(execute(resident(), addActor, { areaCode: n1, kind: 'wizard', name: '', hoursPerWeek: 'veel' })))
      .toEqual(expect.arrayContaining(['kind:validation.choice', 'name:validation.required', 'hoursPerWeek:validation.type']));
    expect(await rows()).toEqual(before);
    const { id } = await execute(resident(), addActor, {
      areaCode: n1, kind: 'professional', name: 'Buurtteam Oost', organisation: 'Welzijn Voorbeeld', activities: 'Spreekuur en huisbezoek', hoursPerWeek: '12,5', areaBound: 'no',
    });
    const club = await execute(resident(), addActor, { areaCode: n1, kind: 'association', name: 'Voetbalclub', organisation: 'genegeerd', hoursPerWeek: '3', areaBound: 'yes' });
    const actors = (await ecosystemOf(tp.platform.db, home.id, n1)).actors;
    expect(actors.find((a) => a.id === id)).toMatchObject({ kind: 'professional', organisation: 'Welzijn Voorbeeld', hoursPerWeek: 12.5, areaBound: false });
    // Only a professional service keeps the professional fields: nothing more is collected.
    expect(actors.find((a) => a.id === club.id)).toMatchObject({ organisation: null, hoursPerWeek: null, areaBound: null });
    const [audit] = await readAudit(tp.platform.db, { action: 'ecosystem.actor.add', entityId: id });
    expect(audit?.after).toMatchObject({ name: 'Buurtteam Oost', hours_per_week: 12.5 });
  });

  it('lets residents add but only officials, moderators and administrators edit and remove; nobody without a role or from elsewhere', async () => {
    await expect(execute(as(anonymous), addActor, { areaCode: n1, kind: 'initiative', name: 'X' })).rejects.toMatchObject({ status: 401 });
    await expect(execute(as(person('p-none', null)), addActor, { areaCode: n1, kind: 'initiative', name: 'X' })).rejects.toMatchObject({ status: 403 });
    await expect(execute(as(person('p-other', 'resident', other)), addActor, { areaCode: n1, kind: 'initiative', name: 'X' })).rejects.toMatchObject({ status: 403 });
    // The area code of another municipality is not an area here.
    await expect(execute(resident(), addActor, { areaCode: `BU${other.cbsCode.slice(2)}0101`, kind: 'initiative', name: 'X' })).rejects.toMatchObject({ status: 404 });
    const { id } = await initiative('Kookclub');
    await expect(execute(resident(), editActor, { id, kind: 'initiative', name: 'Anders' })).rejects.toMatchObject({ status: 403 });
    await execute(official(), editActor, { id, kind: 'informal', name: 'Kookgroep' });
    expect(await findActor(tp.platform.db, home.id, id)).toMatchObject({ name: 'Kookgroep', kind: 'informal' });
    await execute(as(person('mod-1', 'moderator')), removeActor, { id });
    expect(await findActor(tp.platform.db, home.id, id)).toBeNull();
    await expect(execute(as(person('off-2', 'official'), other), removeActor, { id })).rejects.toMatchObject({ status: 404 });
  });

  it('adds relations between actors of the area or with a place, refusing what does not fit by field', async () => {
    const a = await initiative('Kookclub');
    const b = await initiative('Moestuin');
    const elsewhere = await initiative('Elders', n2);
    const before = await rows();
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: a.id })))
      .toEqual(['toId:ecosystem.error.otherNeeded']);
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: a.id, toId: a.id }))).toEqual(['toId:ecosystem.error.self']);
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'funds', fromId: a.id, toId: elsewhere.id, since: '2025-02-30' })))
      .toEqual(['toId:ecosystem.error.unknownActor', 'since:ecosystem.error.date']);
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: a.id, since: '2999-01-01' })))
      .toEqual(['placeName:ecosystem.error.placeNeeded', 'since:ecosystem.error.future']);
    expect(await rows()).toEqual(before);
    await execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: a.id, toId: b.id, note: 'Samen oogstfeest', since: '2024-05-01' });
    const place = await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: a.id, toId: b.id, placeName: 'Buurthuis De Vaart' });
    const { relations } = await ecosystemOf(tp.platform.db, home.id, n1);
    expect(relations.map((r) => [r.kind, r.toId, r.place, r.since])).toEqual([
      ['collaborates', b.id, null, '2024-05-01'],
      ['uses_place', null, { ref: null, name: 'Buurthuis De Vaart' }, null],
    ]);
    const view = await ecosystemView(tp.platform.db, home.id, n1);
    expect(view.metrics.ties).toBe(1);
    expect(view.places).toEqual([{ ref: null, name: 'Buurthuis De Vaart', relations: 1, actorIds: [a.id] }]);
    // Who added a relation may remove it; another resident may not.
    await expect(execute(as(person('res-2', 'resident')), removeRelation, { id: place.id })).rejects.toMatchObject({ status: 403 });
    await execute(resident(), removeRelation, { id: place.id });
    expect((await ecosystemOf(tp.platform.db, home.id, n1)).relations).toHaveLength(1);
  });

  it('names a public place of the places capability by its id, keeping its name beside it, and refuses an unknown one', async () => {
    const a = await initiative('Kookclub');
    const placeId = await insertPlace('Buurthuis De Vaart');
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: a.id, placeRef: 'bestaat-niet' }))).toEqual(['placeRef:ecosystem.error.unknownPlace']);
    await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: a.id, placeRef: placeId });
    const { relations } = await ecosystemOf(tp.platform.db, home.id, n1);
    expect(relations.map((r) => r.place)).toEqual([{ ref: placeId, name: 'Buurthuis De Vaart' }]);
  });

  it('lets timeline entries name actors anyone may see, never a key person without consent', async () => {
    const club = await initiative('Kookclub');
    const truus = await keyPerson();
    const entry = (id: string) => execute(resident(), addHistoryEntry, { areaCode: n1, kind: 'event', when: '2024', title: 'Eerste kookavond', story: 'Dertig buren aten samen.', sources: [{ citation: 'Buurtkrant, mei 2024' }], references: [{ type: 'actor', id }] });
    const { id } = await entry(club.id);
    expect((await entriesReferringTo(tp.platform.db, home.id, 'actor', club.id)).map((e) => e.id)).toEqual([id]);
    await entry(truus.id);
    await execute(resident(), withdrawConsent, { id: truus.id });
    expect(await failure(entry(truus.id))).toEqual(['references:history.error.unknownReference.actor']);
  });

  it('adds a key person only with recorded consent, and seals their name in the audit log', async () => {
    const before = await rows();
    expect(await failure(execute(resident(), addKeyPerson, { areaCode: n1, name: 'Truus', role: 'Spil', consentMethod: 'verbal' })))
      .toEqual(['consentGivenOn:validation.required', 'consentConfirmed:ecosystem.error.consentNeeded']);
    expect(await failure(execute(resident(), addKeyPerson, { areaCode: n1, name: 'Truus', role: 'Spil', consentMethod: 'telepathy', consentGivenOn: '2025-01-01', consentConfirmed: 'on' })))
      .toEqual(['consentMethod:validation.choice']);
    expect(await rows()).toEqual(before);
    const { id } = await keyPerson();
    expect(await findActor(tp.platform.db, home.id, id)).toMatchObject({
      kind: 'key_person', name: 'Tante Truus', role: 'Kent iedereen in de straat', consent: { method: 'verbal', givenOn: '2025-03-01', recordedBy: 'res-1' },
    });
    const raw = await tp.platform.db.selectFrom('audit_log').select('after_json').where('action', '=', 'ecosystem.keyPerson.add').execute();
    expect(raw.map((r) => r.after_json).join()).not.toContain('Truus');
  });

  it('removes a key person everywhere when consent is withdrawn: pages read nothing, relations, metrics, export and audit forget them', async () => {
    const club = await initiative('Kookclub');
    const truus = await keyPerson();
    await execute(resident(), addRelation, { areaCode: n1, kind: 'member_of', fromId: truus.id, toId: club.id, note: 'Kookt elke week' });
    await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: truus.id, placeName: 'Bankje bij de vijver' });
    await execute(resident(), assessElement, { areaCode: n1, element: 'human_capital', score: '4', evidence: 'Veel vrijwilligers.', actorIds: [truus.id, club.id] });
    const subject = { personId: 'res-1', email: 'r@test.example', name: 'Resident' };
    expect(JSON.stringify(await exportPersonalData(tp.platform.db, subject))).toContain('Tante Truus');
    expect((await ecosystemView(tp.platform.db, home.id, n1)).metrics.nodes).toContain(truus.id);
    // Another resident may not withdraw it for them; whoever recorded the consent may.
    await expect(execute(as(person('res-2', 'resident')), withdrawConsent, { id: truus.id })).rejects.toMatchObject({ status: 403 });
    await expect(execute(resident(), withdrawConsent, { id: club.id })).rejects.toMatchObject({ status: 404 });
    await execute(resident(), withdrawConsent, { id: truus.id });

    const db = tp.platform.db;
    expect(await db.selectFrom('ecosystem_actors').select('id').where('id', '=', truus.id).execute()).toEqual([]);
    expect(await db.selectFrom('ecosystem_relations').select('id').where((eb) => eb.or([eb('from_actor_id', '=', truus.id), eb('to_actor_id', '=', truus.id)])).execute()).toEqual([]);
    const view = await ecosystemView(db, home.id, n1);
    expect(JSON.stringify(view)).not.toContain('Truus');
    expect(view.metrics.nodes).toEqual([club.id]);
    expect(view.places).toEqual([]);
    expect(JSON.stringify(await exportPersonalData(db, subject))).not.toContain('Truus');
    // The log keeps that something happened, but their name and role can no longer be read.
    const [added] = await readAudit(db, { action: 'ecosystem.keyPerson.add' });
    expect(added?.after).toMatchObject({ name: ERASED, role: ERASED });
    const all = await db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    expect(JSON.stringify(all)).not.toContain('Truus');
    // An assessment that named them still stands, naming only the actors that are still there.
    const [assessment] = await assessmentsOf(db, home.id, n1);
    expect(assessment?.score).toBe(4);
    await expect(execute(resident(), withdrawConsent, { id: truus.id })).rejects.toMatchObject({ status: 404 });
  });

  it('never shows a key person without consent on record, nor their relations, even when one is in the table', async () => {
    const club = await initiative('Kookclub');
    const hidden = newId();
    await tp.platform.db.insertInto('ecosystem_actors').values({
      id: hidden, municipality_id: home.id, area_code: n1, kind: 'key_person', name: 'Zonder Toestemming', description: null, organisation: null, activities: null,
      hours_per_week: null, area_bound: null, role: 'Buurman', consent_method: null, consent_given_on: null, consent_recorded_by: null, consent_recorded_at: null,
      created_by: null, created_at: nowIso(), updated_at: nowIso(),
    }).execute();
    await tp.platform.db.insertInto('ecosystem_relations').values({
      id: newId(), municipality_id: home.id, area_code: n1, kind: 'collaborates', from_actor_id: club.id, to_actor_id: hidden, place_ref: null, place_name: null,
      note: null, since: null, created_by: null, created_at: nowIso(),
    }).execute();
    expect(await findActor(tp.platform.db, home.id, hidden)).toBeNull();
    const { actors, relations } = await ecosystemOf(tp.platform.db, home.id, n1);
    expect(actors.map((a) => a.id)).toEqual([club.id]);
    expect(relations).toEqual([]);
    expect(JSON.stringify(await ecosystemView(tp.platform.db, home.id, n1))).not.toContain('Zonder Toestemming');
    // Nor can anything be tied to them, or changed about them.
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: club.id, toId: hidden }))).toEqual(['toId:ecosystem.error.unknownActor']);
    await expect(execute(official(), editActor, { id: hidden, name: 'X', role: 'Y' })).rejects.toMatchObject({ status: 404 });
  });

  it('keeps the history of assessments of the eight elements, refusing a score outside 1–5 and actors of elsewhere', async () => {
    const club = await initiative('Kookclub');
    const elsewhere = await initiative('Elders', n2);
    const before = await rows();
    expect(await failure(execute(resident(), assessElement, { areaCode: n1, element: 'networks', score: '7', evidence: '' })))
      .toEqual(['score:validation.choice', 'evidence:validation.required']);
    expect(await failure(execute(resident(), assessElement, { areaCode: n1, element: 'networks', score: '3', evidence: 'Goed.', actorIds: [elsewhere.id] }))).toEqual(['actorIds:ecosystem.error.unknownActor']);
    expect(await rows()).toEqual(before);
    await execute(resident(), assessElement, { areaCode: n1, element: 'networks', score: '2', evidence: 'Weinig contact.' });
    await execute(official(), assessElement, { areaCode: n1, element: 'networks', score: '3', evidence: 'Beter sinds de kookclub.', actorIds: club.id });
    const history = await assessmentsOf(tp.platform.db, home.id, n1);
    expect(history.map((a) => [a.element, a.score, a.actorIds])).toEqual([['networks', 3, [club.id]], ['networks', 2, []]]);
  });

  it('erasing a person keeps what they added without who added it', async () => {
    const { id } = await initiative('Kookclub');
    await keyPerson();
    await tp.platform.db.transaction().execute((tx) => erasePersonalData(tx, { personId: 'res-1', email: 'r@test.example', name: 'Resident' }));
    const rowsLeft = await tp.platform.db.selectFrom('ecosystem_actors').select(['id', 'created_by', 'consent_recorded_by']).execute();
    expect(rowsLeft).toHaveLength(2);
    expect(rowsLeft.every((r) => r.created_by === null && r.consent_recorded_by === null)).toBe(true);
    expect(await findActor(tp.platform.db, home.id, id)).not.toBeNull();
  });

  it('changes what a relation says — kind, place, note, since — for whoever added it and the editors, naming the field of bad input', async () => {
    const a = await initiative('Kookclub');
    const b = await initiative('Moestuin');
    const tie = await execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: a.id, toId: b.id, note: 'Oogstfeest', since: '2024-05-01' });
    const placeId = await insertPlace('Buurthuis De Vaart');
    const uses = await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: a.id, placeName: 'Het bankje' });
    const before = await rows();
    expect(await failure(execute(resident(), editRelation, { id: tie.id, kind: 'uses_place', since: '2999-01-01' })))
      .toEqual(['kind:ecosystem.error.staysTie', 'since:ecosystem.error.future']);
    expect(await failure(execute(resident(), editRelation, { id: tie.id, kind: 'befriends', note: 'x'.repeat(501) })))
      .toEqual(expect.arrayContaining(['kind:validation.choice', 'note:validation.tooLong']));
    expect(await failure(execute(resident(), editRelation, { id: uses.id, kind: 'funds' }))).toEqual(['kind:ecosystem.error.staysPlace', 'placeName:ecosystem.error.placeNeeded']);
    expect(await failure(execute(resident(), editRelation, { id: uses.id, placeRef: 'bestaat-niet' }))).toEqual(['placeRef:ecosystem.error.unknownPlace']);
    expect(await rows()).toEqual(before);
    // Who may: whoever added it, and the area's editors; not another resident, nobody signed out, nobody from elsewhere.
    await expect(execute(as(person('res-2', 'resident')), editRelation, { id: tie.id, kind: 'funds' })).rejects.toMatchObject({ status: 403 });
    await expect(execute(as(anonymous), editRelation, { id: tie.id, kind: 'funds' })).rejects.toMatchObject({ status: 401 });
    await expect(execute(as(person('off-b', 'official', other), other), editRelation, { id: tie.id, kind: 'funds' })).rejects.toMatchObject({ status: 404 });
    await execute(resident(), editRelation, { id: tie.id, kind: 'funds', note: 'Betaalt de zaden', since: '2023-03-01' });
    await execute(official(), editRelation, { id: uses.id, placeRef: placeId, note: 'Elke donderdag' });
    const { relations } = await ecosystemOf(tp.platform.db, home.id, n1);
    expect(relations.map((r) => [r.kind, r.fromId, r.toId, r.place, r.note, r.since])).toEqual([
      ['funds', a.id, b.id, null, 'Betaalt de zaden', '2023-03-01'],
      ['uses_place', a.id, null, { ref: placeId, name: 'Buurthuis De Vaart' }, 'Elke donderdag', null],
    ]);
    // Left out is cleared: the form sends every field, so an emptied note or date is gone.
    await execute(resident(), editRelation, { id: tie.id, note: '', since: '' });
    expect(await findRelation(tp.platform.db, home.id, tie.id)).toMatchObject({ kind: 'funds', note: null, since: null });
    const [audit] = await readAudit(tp.platform.db, { action: 'ecosystem.relation.edit', entityId: uses.id });
    expect(audit).toMatchObject({
      before: { kind: 'uses_place', place_ref: null, place_name: 'Het bankje', note: null, since: null },
      after: { kind: 'uses_place', place_ref: placeId, place_name: 'Buurthuis De Vaart', note: 'Elke donderdag', since: null },
    });
  });

  it('hides an actor a moderator hid from everything public, as a key person without consent, until it is restored', async () => {
    const kook = await initiative('Kookclub De Pan');
    const tuin = await initiative('Moestuin');
    const team = await execute(resident(), addActor, { areaCode: n1, kind: 'professional', name: 'Buurtteam', organisation: 'Welzijn', activities: 'Spreekuur', hoursPerWeek: '8', areaBound: 'yes' });
    await execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: kook.id, toId: tuin.id });
    await execute(resident(), addRelation, { areaCode: n1, kind: 'supports', fromId: team.id, toId: kook.id });
    const placeId = await insertPlace('Buurthuis De Vaart');
    await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: kook.id, placeRef: placeId });
    const db = tp.platform.db;
    const shown = async () => {
      const view = await ecosystemView(db, home.id, n1);
      return { actors: view.actors.map((a) => a.name), ties: view.metrics.ties, places: view.places.length, hours: view.professionalHours, text: JSON.stringify(view) };
    };
    expect(await shown()).toMatchObject({ actors: ['Buurtteam', 'Kookclub De Pan', 'Moestuin'], ties: 2, places: 1, hours: 8 });

    // Anyone reports it; the moderators see it in their queue; a resident cannot hide it.
    await execute(as(anonymous), report, { kind: ACTOR_ENTITY, id: kook.id, category: 'abuse' });
    expect((await openReports(db, home.id)).map((r) => [r.kind, r.id])).toEqual([[ACTOR_ENTITY, kook.id]]);
    await expect(execute(resident(), hideItem, { kind: ACTOR_ENTITY, id: kook.id, reason: 'x' })).rejects.toMatchObject({ status: 403 });
    await hide(ACTOR_ENTITY, kook.id);
    const hidden = await shown();
    expect(hidden).toMatchObject({ actors: ['Buurtteam', 'Moestuin'], ties: 0, places: 0 });
    expect(hidden.text).not.toContain('Kookclub');
    expect(hidden.text).not.toContain(kook.id);
    expect((await ecosystemOf(db, home.id, n1)).relations).toEqual([]);
    expect(await findActor(db, home.id, kook.id)).toBeNull();
    expect(await findRecordedActor(db, home.id, kook.id)).toMatchObject({ name: 'Kookclub De Pan', hidden: { reason: 'Beledigend' } });
    expect(await usersOfPlace(db, home.id, placeId)).toEqual([]);
    // Nothing new names it: no relation, assessment or timeline entry.
    expect(await failure(execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: tuin.id, toId: kook.id }))).toEqual(['toId:ecosystem.error.unknownActor']);
    expect(await failure(execute(resident(), assessElement, { areaCode: n1, element: 'networks', score: '3', evidence: 'Goed.', actorIds: [kook.id] }))).toEqual(['actorIds:ecosystem.error.unknownActor']);
    expect(await failure(execute(resident(), addHistoryEntry, { areaCode: n1, kind: 'event', when: '2024', title: 'Kookavond', story: 'Samen gegeten.', sources: [{ citation: 'Buurtkrant' }], references: [{ type: 'actor', id: kook.id }] })))
      .toEqual(['references:history.error.unknownReference.actor']);
    // An editor may still set its text right; then the moderators restore it, with its relations.
    await execute(official(), editActor, { id: kook.id, kind: 'initiative', name: 'Kookclub De Pan', description: 'Samen koken op donderdag.' });
    await restore(ACTOR_ENTITY, kook.id);
    expect(await shown()).toMatchObject({ actors: ['Buurtteam', 'Kookclub De Pan', 'Moestuin'], ties: 2, places: 1, hours: 8 });
    expect((await usersOfPlace(db, home.id, placeId)).map((u) => u.actor.name)).toEqual(['Kookclub De Pan']);

    // A hidden professional service's hours leave the area's and the municipality's figures too.
    await hide(ACTOR_ENTITY, team.id);
    expect(await shown()).toMatchObject({ hours: 0 });
    expect((await professionalHoursByArea(db, home.id)).get(n1)).toBeUndefined();
  });

  it('hides a reported relation by itself, shown with the reason only to whoever may change it; a contributor then no longer changes it', async () => {
    const kook = await initiative('Kookclub');
    const tuin = await initiative('Moestuin');
    const tie = await execute(resident(), addRelation, { areaCode: n1, kind: 'collaborates', fromId: kook.id, toId: tuin.id, note: 'Een scheldwoord' });
    await execute(resident(), addRelation, { areaCode: n1, kind: 'uses_place', fromId: tuin.id, placeName: 'Het hek' });
    const db = tp.platform.db;
    await hide(RELATION_ENTITY, tie.id, 'Scheldwoord in de toelichting');
    const view = await ecosystemView(db, home.id, n1);
    expect(view.actors.map((a) => a.name)).toEqual(['Kookclub', 'Moestuin']);
    expect(view.relations.map((r) => r.kind)).toEqual(['uses_place']);
    expect(JSON.stringify(view)).not.toContain('scheldwoord');
    expect((await hiddenRelationsOf(db, home.id, kook.id)).map((r) => [r.id, r.hidden?.reason])).toEqual([[tie.id, 'Scheldwoord in de toelichting']]);
    expect(await hiddenRelationsOf(db, home.id, tuin.id)).toHaveLength(1);
    // Whoever added it may remove it, not change it; an editor may change it.
    await expect(execute(resident(), editRelation, { id: tie.id, kind: 'collaborates', note: 'Anders' })).rejects.toMatchObject({ status: 409 });
    await execute(official(), editRelation, { id: tie.id, kind: 'collaborates', note: 'Samen oogstfeest' });
    await restore(RELATION_ENTITY, tie.id);
    expect((await ecosystemView(db, home.id, n1)).relations.map((r) => r.note)).toEqual(['Samen oogstfeest', null]);
    expect(await hiddenRelationsOf(db, home.id, kook.id)).toEqual([]);
    // A relation of a hidden actor waits for the actor: nobody changes it meanwhile.
    await hide(ACTOR_ENTITY, tuin.id);
    await expect(execute(official(), editRelation, { id: tie.id, kind: 'funds' })).rejects.toMatchObject({ status: 404 });
    expect(await hiddenRelationsOf(db, home.id, kook.id)).toEqual([]);
  });

  it("keeps a key person's name and role out of what the moderation logs, and forgets its reports and decisions when consent is withdrawn", async () => {
    const truus = await keyPerson();
    await execute(as(anonymous), report, { kind: ACTOR_ENTITY, id: truus.id, category: 'personal_data', explanation: 'Tante Truus wil hier niet staan.' });
    await hide(ACTOR_ENTITY, truus.id, 'Wil niet genoemd worden');
    const moderation = async () => Promise.all((['moderation_reports', 'moderation_decisions', 'moderation_items'] as const)
      .map(async (table) => (await tp.platform.db.selectFrom(table).select('item_id').where('item_id', '=', truus.id).execute()).length));
    expect(await moderation()).toEqual([1, 1, 1]);
    // A hidden key person may still withdraw consent through whoever recorded it.
    await execute(resident(), withdrawConsent, { id: truus.id });
    const all = await tp.platform.db.selectFrom('audit_log').select(['action', 'before_json', 'after_json']).execute();
    expect(all.map((r) => r.action)).toEqual(expect.arrayContaining(['moderation.report', 'moderation.hide', 'ecosystem.keyPerson.withdraw']));
    const [hidden] = await readAudit(tp.platform.db, { action: 'moderation.hide' });
    expect(JSON.stringify(hidden)).not.toMatch(/Truus|Kent iedereen/);
    expect(JSON.stringify(all)).not.toMatch(/Truus|Kent iedereen/);
    // The report's explanation named her: the moderation's own records of her go with her.
    expect(await moderation()).toEqual([0, 0, 0]);
  });
});
