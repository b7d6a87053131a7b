import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/index.js';
import { asDemoPerson } from '../../src/demo/parties.js';
import { addKeyPerson, addRelation } from '../../src/capabilities/ecosystem/index.js';
import { addHistoryEntry } from '../../src/capabilities/history/index.js';
import { addAmbitionMember, agendaAmbitionsOf, createAgenda, listAgendas, progressOf } from '../../src/capabilities/agenda/index.js';
import { recordMoneyFlow } from '../../src/capabilities/money-flows/index.js';
import { findPlace } from '../../src/capabilities/places/index.js';
import { WEEKDAYS, formatDayHours } from '../../src/capabilities/places/model.js';
import type { Context } from '../../src/platform/context.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { execute } from '../../src/platform/service.js';
import { findTenantBySlug } from '../../src/platform/tenancy.js';
import { agent, buildTestApp, signInDirectly, type Agent, type TestResponse } from '../support/http.js';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../support/engines.js';
import { addTheme as addAgendaTheme, addAmbition as addAgendaAmbition, createAgenda as createDraftAgenda, openComments as openAgendaComments } from '../../src/capabilities/agenda/service.js';
import { movePeriodBack } from '../support/agenda-world.js';

/**
 * The role matrix: routes × actors (roles in scopes), with in-process requests. For every cell it
 * asserts whether the request was allowed or refused, and that a refused request changed nothing.
 * Policy is engine-independent, so this runs on SQLite only.
 */
type ActorKey =
  | 'anonymous' | 'unverified' | 'resident' | 'chair' | 'secretary' | 'treasurer' | 'member' | 'professional' | 'official' | 'areaOfficial'
  | 'council' | 'admin' | 'officialB' | 'adminB' | 'installAdmin' | 'weakAdmin' | 'weakTreasurer' | 'moderator' | 'moderatorB';

const ACTORS: ActorKey[] = ['anonymous', 'unverified', 'resident', 'chair', 'secretary', 'treasurer', 'member', 'professional', 'official', 'areaOfficial', 'council', 'admin', 'officialB', 'adminB', 'installAdmin', 'weakAdmin', 'weakTreasurer', 'moderator', 'moderatorB'];
/** Signed in with the password only: the administrator's grant and the treasurer's duty wait for a second factor. */
const WEAK: ActorKey[] = ['weakAdmin', 'weakTreasurer'];

/** Accounts: the demo's, plus extra ones for the other scopes. */
const EMAIL: Record<Exclude<ActorKey, 'anonymous'>, string> = {
  unverified: 'nog-niet-bevestigd@test.example',
  resident: 'bewoner-zonder-vereniging@test.example', // a resident without memberships
  chair: 'bewoner@voorbeeldstad.example', // chair of Bewonersvereniging De Lindenhof
  secretary: 'buurvrouw@voorbeeldstad.example', // its secretary
  treasurer: 'penningmeester@voorbeeldstad.example', // its treasurer: board, but does not manage members
  member: 'buurman@voorbeeldstad.example', // a plain member
  professional: 'opbouwwerker@voorbeeldstad.example',
  official: 'ambtenaar@voorbeeldstad.example',
  areaOfficial: 'wijkambtenaar@test.example',
  council: 'raadslid@voorbeeldstad.example',
  admin: 'beheerder@voorbeeldstad.example',
  officialB: 'ambtenaar@andere.example',
  adminB: 'beheerder@andere.example',
  installAdmin: 'installatie@test.example',
  moderator: 'moderator@voorbeeldstad.example',
  moderatorB: 'moderator@andere.example',
  weakAdmin: 'beheerder@voorbeeldstad.example', // the same administrator, without a second factor in this session
  weakTreasurer: 'penningmeester@voorbeeldstad.example',
};

interface Cell {
  name: string;
  allowed: ActorKey[];
  /** Performs the request as this actor; `n` makes inputs unique per actor. */
  request(a: Agent, n: number): Promise<TestResponse>;
}

const ADMINS: ActorKey[] = ['admin', 'installAdmin'];
/** Who moderates residents' texts in Voorbeeldstad: its moderator and administrators (not the moderator of another municipality). */
const MODERATORS: ActorKey[] = ['moderator', 'admin', 'installAdmin'];
const OFFICIALS: ActorKey[] = ['official', 'admin', 'installAdmin'];
const SIGNED_IN: ActorKey[] = ACTORS.filter((a) => a !== 'anonymous');
const VERIFIED: ActorKey[] = SIGNED_IN.filter((a) => a !== 'unverified');
/** Who manages De Lindenhof: its chair and secretary, the municipality's officials and administrators, an official of its district. */
const MANAGERS: ActorKey[] = ['chair', 'secretary', 'official', 'areaOfficial', 'admin', 'installAdmin'];

/** Who reads the Lindenhof's figures in a role of their own (verified, with a grant that covers it), and that role. */
const WRITING_ROLE: Partial<Record<ActorKey, string>> = {
  resident: 'resident', chair: 'resident', secretary: 'resident', treasurer: 'resident', member: 'resident', weakTreasurer: 'resident',
  professional: 'professional', official: 'official', areaOfficial: 'official', council: 'council_member',
};
const WRITERS = Object.keys(WRITING_ROLE) as ActorKey[];
/** Who records the Lindenhof association's conversation rounds: officials (also of the district), professionals, administrators, and its board (a treasurer only with a second factor). */
const ROUND_RECORDERS: ActorKey[] = ['chair', 'secretary', 'treasurer', 'professional', 'official', 'areaOfficial', 'admin', 'installAdmin'];

/**
 * The demo's two neighbourhoods with places, an ecosystem, a history, money flows and a wijkbeeld:
 * the Lindenhof lies in district WK999901 (where areaOfficial is an official), the Bloemenbuurt in WK999902.
 */
const LINDENHOF_NB = 'BU99990102';
const BLOEMENBUURT_NB = 'BU99990202';
/** The municipality's moderators, officials and administrators. */
const STAFF: ActorKey[] = ['moderator', 'official', 'admin', 'installAdmin'];
/** …and the official of the Lindenhof's district: the staff whose grant covers the Lindenhof. */
const LINDENHOF_STAFF: ActorKey[] = [...STAFF, 'areaOfficial'];
/** Officials and administrators whose grant covers the Lindenhof. */
const LINDENHOF_OFFICIALS: ActorKey[] = [...OFFICIALS, 'areaOfficial'];
/**
 * Who adds to the Lindenhof's ecosystem: verified, with a resident, professional, official, moderator or
 * administrator grant that covers it (a council member has none of these; an administrator needs the second factor).
 */
const ECOSYSTEM_CONTRIBUTORS: ActorKey[] = ['resident', 'chair', 'secretary', 'treasurer', 'member', 'weakTreasurer', 'professional', ...LINDENHOF_STAFF];
const BLOEMENBUURT_CONTRIBUTORS = ECOSYSTEM_CONTRIBUTORS.filter((a) => a !== 'areaOfficial');
/**
 * Who edits the Lindenhof's wijkbeeld: officials and administrators whose grant covers it, and the board of
 * its resident association De Lindenhof (a treasurer only with a second factor; a plain member not).
 */
const PICTURE_EDITORS: ActorKey[] = ['chair', 'secretary', 'treasurer', ...LINDENHOF_OFFICIALS];

let tp: TestPlatform;
let app: FastifyInstance;
const agents = new Map<ActorKey, Agent>();
let lindenhof = '';
let publicValueId = '';
let neighbourhoods: string[] = [];
/** A comment to report (the demo's advertisement) and one comment per actor to hide. */
let reportable = '';
const hideable: string[] = [];
/** One reading of the Lindenhof's figures per actor to hide. */
const hideableReadings: string[] = [];
/** Demo places: Buurthuis De Vaart (added by the chair, in the Lindenhof) with its form's fields, and the football canteen (added by the professional, in district 04). */
let vaart = { id: '', fields: {} as Record<string, string> };
let kantine = '';
/** Demo ecosystem actors of the Lindenhof (added by the professional). */
let koffie = '';
let wandel = '';
/** Per actor: a key person of the Bloemenbuurt whose consent the chair recorded, and a Lindenhof relation the professional added. */
const keyPeople: string[] = [];
const relations: string[] = [];
/** Demo history: the chair's entry on the first summer market (Lindenhof), and a member's on the Rozenschool (Bloemenbuurt), made older than its author's 48 hours. */
let zomermarkt = '';
let rozenschool = '';
/** Per actor: a Lindenhof history entry by the chair (within 48 hours) and a Lindenhof money flow, to delete. */
const historyEntries: string[] = [];
const flows: string[] = [];
/** A demo money flow of the Bloemenbuurt with its form's fields. */
let bloemenFlow = { id: '', fields: {} as Record<string, string> };
/** Demo summits: the Lindenhof's in preparation (its resident association organises) with a working group and a milestone, and the Bloemenbuurt's (a task group without members organises). */
let lindenhofSummit = { id: '', group: '', milestone: '' };
let bloemenSummit = '';
/** The day of the Bloemenbuurt's summit (demo): a table and an ambition. */
let bloemenDay = { table: '', ambition: '' };
/**
 * The follow-up of the Bloemenbuurt's adopted agenda (demo): an ambition with progress and one of its updates, per actor a
 * working-group member to remove and a next agenda of the area (a draft naming it as previous) to carry its open ambitions into.
 * Its editorial team are the task group's organisers: the group's members (none of these actors) and the officials and
 * administrators whose grant covers the Bloemenbuurt (OFFICIALS; the area official's district is the Lindenhof's).
 */
let bloemenFollowUp = { id: '', ambition: '', update: '', reportedOn: '' };
const agendaMembers: string[] = [];
const nextAgendas: string[] = [];

/**
 * The distribution of the Bloemenbuurt's adopted agenda (demo; its editorial team is OFFICIALS, as for the follow-up):
 * one institution that was sent the agenda (to record answers of) and per actor one not sent yet (to take off the list);
 * before each send an institution with an address not sent yet is put on the list directly (not through a use case,
 * so that the audit log still tells whether a refused request changed anything).
 */
let bloemenDistribution = { id: '', sent: '' };
const unsentRecipients: string[] = [];

/**
 * Drafting agendas: the Lindenhof's, organised by De Lindenhof — its editorial team are the summit's organisers
 * (SUMMIT_ORGANISERS), the adoption is its board's (not officials'); starting one for the Lindenhof may also the district's
 * working group (the professional). A draft with a theme and an ambition to edit; per actor an empty theme and an ambition
 * to remove, a draft to open for comments and a concept whose period has passed to adopt — for the forms and the API each.
 */
let lindenhofDraft = { id: '', theme: '', ambition: '', versions: '' };
interface DraftingPerActor { scratch: string; emptyTheme: string; ambition: string; apiTheme: string; apiAmbition: string; concept: string; apiConcept: string; revision: string; apiRevision: string }
const drafting: DraftingPerActor[] = [];
const AGENDA_ADOPTERS: ActorKey[] = ['chair', 'secretary', 'treasurer'];
const amsterdamDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

/**
 * Who organises the Lindenhof's summit: the board of De Lindenhof (a treasurer only with a second factor) and the
 * officials and administrators whose grant covers it. Starting one there may also the members of the district's
 * working group (the professional), for the working group.
 */
const SUMMIT_ORGANISERS: ActorKey[] = ['chair', 'secretary', 'treasurer', ...LINDENHOF_OFFICIALS];

async function addPerson(email: string, name: string, verified: boolean): Promise<string> {
  const id = newId();
  const now = nowIso();
  await tp.platform.db.insertInto('people').values({ id, email, display_name: name, password_hash: 'scrypt$1$1$1$AA==$AA==', email_verified_at: verified ? now : null, locale: 'nl', created_at: now, updated_at: now }).execute();
  return id;
}

async function grant(personId: string, role: string, scopeType: string, scopeId: string, municipalityId: string | null) {
  await tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: personId, role: role as never, scope_type: scopeType as never, scope_id: scopeId, municipality_id: municipalityId, granted_at: nowIso() }).execute();
}

beforeAll(async () => {
  tp = await openTestPlatform('sqlite');
  await seedDemo(tp.platform);
  const a = (await tp.platform.db.selectFrom('municipalities').select(['id']).where('slug', '=', 'voorbeeldstad').executeTakeFirstOrThrow()).id;
  const b = await insertTestTenant(tp.platform, { slug: 'andere', name: 'Gemeente Andere' });
  await addPerson(EMAIL.unverified, 'Nog Niet', false);
  await grant(await addPerson(EMAIL.resident, 'Bewoner', true), 'resident', 'municipality', a, a);
  await grant(await addPerson(EMAIL.areaOfficial, 'Wijk Ambtenaar', true), 'official', 'area', 'WK999901', a);
  await grant(await addPerson(EMAIL.officialB, 'Ambtenaar B', true), 'official', 'municipality', b.id, b.id);
  await grant(await addPerson(EMAIL.adminB, 'Beheerder B', true), 'administrator', 'municipality', b.id, b.id);
  await grant(await addPerson(EMAIL.moderatorB, 'Moderator B', true), 'moderator', 'municipality', b.id, b.id);
  await grant(await addPerson(EMAIL.installAdmin, 'Installatiebeheer', true), 'administrator', 'installation', '', null);
  for (let i = 0; i < ACTORS.length; i++) await addPerson(`doel-${i}@test.example`, `Doel ${i}`, true);
  lindenhof = (await tp.platform.db.selectFrom('organisations').select('id').where('name', '=', 'Bewonersvereniging De Lindenhof').executeTakeFirstOrThrow()).id;
  publicValueId = (await tp.platform.db.selectFrom('public_values').select('id').where('municipality_id', '=', a).orderBy('position').executeTakeFirstOrThrow()).id;
  reportable = (await tp.platform.db.selectFrom('comments').select('id').where('body', 'like', 'Glazenwasser%').executeTakeFirstOrThrow()).id;
  for (const n of ACTORS.keys()) {
    hideable.push(newId());
    await tp.platform.db.insertInto('comments').values({ id: hideable[n]!, municipality_id: a, subject_type: 'area', subject_id: 'BU99990102', author_id: null, body: `Te verbergen ${n}`, status: 'published', created_at: nowIso(), deleted_at: null }).execute();
    hideableReadings.push(newId());
    await tp.platform.db.insertInto('interpretations').values({ id: hideableReadings[n]!, municipality_id: a, area_code: 'BU99990102', year: 2025, indicator: null, kind: 'behind', body: `Te verbergen ${n}`, author_id: null, author_role: 'resident', round_id: null, status: 'published', created_at: nowIso(), edited_at: null, deleted_at: null }).execute();
  }
  await seedNewerCapabilities(a);
  await seedAgendaDistribution();
  await seedAgendaFollowUp();
  await seedAgendaDrafting();
  neighbourhoods = (await tp.platform.db.selectFrom('areas').select('code').where('municipality_code', '=', 'GM9999').where('kind', '=', 'neighbourhood').orderBy('code').execute()).map((r) => r.code);
  app = await buildTestApp(tp.platform);
  for (const key of ACTORS) {
    const ag = agent(app);
    if (key !== 'anonymous') await signInDirectly(ag, tp.platform, EMAIL[key], { strong: !WEAK.includes(key) });
    agents.set(key, ag);
  }
}, 120_000);

/** What the cells of places, ecosystem, history and money flows work on: the demo's, and per actor something to withdraw or delete (through the use cases, as the demo's people). */
async function seedNewerCapabilities(municipalityId: string): Promise<void> {
  const db = tp.platform.db;
  const ctx: Context = { platform: tp.platform, actor: { kind: 'system' }, tenant: await findTenantBySlug(db, 'voorbeeldstad'), locale: 'nl' };
  const chair = await asDemoPerson(ctx, EMAIL.chair);
  const professional = await asDemoPerson(ctx, EMAIL.professional);
  const official = await asDemoPerson(ctx, EMAIL.official);
  const placeId = async (name: string) => (await db.selectFrom('places').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const place = (await findPlace(db, municipalityId, await placeId('Buurthuis De Vaart')))!;
  const fact = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
  vaart = { id: place.id, fields: {
    name: place.name, type: place.type, ownerType: place.ownerType, runBy: place.runBy ?? '', lat: String(place.lat), lon: String(place.lon),
    cost: place.costCents === null ? '' : (place.costCents / 100).toFixed(2).replace('.', ','), capacity: place.capacity === null ? '' : String(place.capacity),
    stepFree: fact(place.accessibility.stepFree), accessibleToilet: fact(place.accessibility.accessibleToilet), hearingLoop: fact(place.accessibility.hearingLoop),
    ...Object.fromEntries(WEEKDAYS.map((d) => [`hours_${d}`, formatDayHours(place.hours[d])])),
  } };
  kantine = await placeId('Kantine VV Voorbeeldstad');
  const actorId = async (name: string) => (await db.selectFrom('ecosystem_actors').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  koffie = await actorId('Koffieochtend in het buurthuis');
  wandel = await actorId('Wandelgroep Lindenhof');
  const entryId = async (title: string) => (await db.selectFrom('history_entries').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  zomermarkt = await entryId('Eerste zomermarkt');
  rozenschool = await entryId('Sluiting van de Rozenschool');
  await db.updateTable('history_entries').set({ created_at: new Date(Date.now() - 72 * 3_600_000).toISOString() }).where('id', '=', rozenschool).execute();
  const flow = await db.selectFrom('money_flows').selectAll().where('area_code', '=', BLOEMENBUURT_NB).orderBy('year', 'desc').orderBy('purpose').executeTakeFirstOrThrow();
  const cents = Number(flow.amount_cents);
  bloemenFlow = { id: flow.id, fields: {
    year: String(flow.year), source: flow.source, purpose: flow.purpose, amount: `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`,
    certainty: flow.certainty, method: flow.method, figureSource: flow.figure_source ?? '',
  } };
  const summitOf = async (area: string) => (await db.selectFrom('summits').select('id').where('area_code', '=', area).executeTakeFirstOrThrow()).id;
  const lindenhofSummitId = await summitOf(LINDENHOF_NB);
  lindenhofSummit = {
    id: lindenhofSummitId,
    group: (await db.selectFrom('summit_groups').select('id').where('summit_id', '=', lindenhofSummitId).orderBy('position').executeTakeFirstOrThrow()).id,
    milestone: (await db.selectFrom('summit_milestones').select('id').where('summit_id', '=', lindenhofSummitId).orderBy('due_on').executeTakeFirstOrThrow()).id,
  };
  bloemenSummit = await summitOf(BLOEMENBUURT_NB);
  bloemenDay = {
    table: (await db.selectFrom('summit_tables').select('id').where('summit_id', '=', bloemenSummit).orderBy('created_at').executeTakeFirstOrThrow()).id,
    ambition: (await db.selectFrom('summit_ambitions').select('id').where('summit_id', '=', bloemenSummit).orderBy('created_at').executeTakeFirstOrThrow()).id,
  };
  for (const n of ACTORS.keys()) {
    keyPeople.push((await execute(chair, addKeyPerson, { areaCode: BLOEMENBUURT_NB, name: `Buurman ${n}`, role: 'Kent iedereen in de straat', consentMethod: 'verbal', consentGivenOn: '2025-02-10', consentConfirmed: 'on' })).id);
    relations.push((await execute(professional, addRelation, { areaCode: LINDENHOF_NB, kind: 'refers_to', fromId: koffie, toId: wandel, note: `Verwijzing ${n}` })).id);
    historyEntries.push((await execute(chair, addHistoryEntry, { areaCode: LINDENHOF_NB, title: `Te verwijderen ${n}`, kind: 'event', when: '2001', story: 'Een verhaal.', sources: [{ citation: 'Buurtkrant' }] })).id);
    flows.push((await execute(official, recordMoneyFlow, { areaCode: LINDENHOF_NB, year: 2023, source: 'subsidies', purpose: `Te verwijderen ${n}`, amountCents: 100_000, method: 'Beschikking', certainty: 'measured' })).id);
  }
}

/** What the agenda follow-up's cells work on (after every other lookup: the next agendas are drafts of the Bloemenbuurt). */
async function seedAgendaFollowUp(): Promise<void> {
  const db = tp.platform.db;
  const ctx: Context = { platform: tp.platform, actor: { kind: 'system' }, tenant: await findTenantBySlug(db, 'voorbeeldstad'), locale: 'nl' };
  const official = await asDemoPerson(ctx, EMAIL.official);
  const agenda = (await listAgendas(db, ctx.tenant!.id, { areaCodes: [BLOEMENBUURT_NB] })).find((x) => x.status === 'adopted')!;
  const ambition = (await agendaAmbitionsOf(db, agenda.id)).find((x) => x.title.startsWith('Samen van het gas af'))!;
  const [update] = await progressOf(db, [ambition.id]);
  bloemenFollowUp = { id: agenda.id, ambition: ambition.id, update: update!.id, reportedOn: update!.reportedOn };
  for (const n of ACTORS.keys()) {
    agendaMembers.push((await execute(official, addAmbitionMember, { agendaId: agenda.id, ambitionId: ambition.id, name: `Buur ${n}` })).id);
    nextAgendas.push((await execute(official, createAgenda, { areaCode: BLOEMENBUURT_NB, organiserId: agenda.organiserId, previousAgendaId: agenda.id })).id);
  }
}

/** What the drafting cells work on (through the use cases, as De Lindenhof's chair). */
async function seedAgendaDrafting(): Promise<void> {
  const db = tp.platform.db;
  const ctx: Context = { platform: tp.platform, actor: { kind: 'system' }, tenant: await findTenantBySlug(db, 'voorbeeldstad'), locale: 'nl' };
  const chair = await asDemoPerson(ctx, EMAIL.chair);
  const today = amsterdamDay();
  const later = new Date(Date.parse(`${today}T12:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
  const draft = async (title: string) => {
    const { id } = await execute(chair, createDraftAgenda, { areaCode: LINDENHOF_NB, organiserId: lindenhof, title });
    const { id: theme } = await execute(chair, addAgendaTheme, { agendaId: id, name: 'Ontmoeten' });
    const { id: ambition } = await execute(chair, addAgendaAmbition, { agendaId: id, themeId: theme, title: 'Een buurtkamer', body: 'Elke dag open.', horizon: '5' });
    return { id, theme, ambition };
  };
  const concept = async (title: string, passed: boolean) => {
    const { id } = await draft(title);
    if (passed) {
      await execute(chair, openAgendaComments, { agendaId: id, opensOn: today, closesOn: later });
      await movePeriodBack(db, id, 30);
    }
    return id;
  };
  const main = await draft('Wijkagenda Lindenhof (concept)');
  await execute(chair, openAgendaComments, { agendaId: main.id, opensOn: today, closesOn: later });
  lindenhofDraft = { ...main, versions: main.id };
  for (const n of ACTORS.keys()) {
    const scratch = await draft(`Kladblok ${n}`);
    const emptyTheme = (await execute(chair, addAgendaTheme, { agendaId: scratch.id, name: `Leeg ${n}` })).id;
    const apiTheme = (await execute(chair, addAgendaTheme, { agendaId: scratch.id, name: `Leeg API ${n}` })).id;
    const extra = async () => (await execute(chair, addAgendaAmbition, { agendaId: scratch.id, themeId: scratch.theme, title: `Weg ${n}`, body: 'Mag weg.', horizon: '5' })).id;
    drafting.push({
      scratch: scratch.id, emptyTheme, apiTheme, ambition: await extra(), apiAmbition: await extra(),
      concept: await concept(`Concept ${n}`, false), apiConcept: await concept(`Concept API ${n}`, false),
      revision: await concept(`Herzien ${n}`, true), apiRevision: await concept(`Herzien API ${n}`, true),
    });
  }
}

/** An institution on the Bloemenbuurt agenda's list, put there directly (sent today, or not yet). */
async function insertRecipient(name: string, sent: boolean): Promise<string> {
  const id = newId();
  const agenda = (await tp.platform.db.selectFrom('agendas').select(['id', 'municipality_id']).where('id', '=', bloemenDistribution.id).executeTakeFirstOrThrow());
  await tp.platform.db.insertInto('agenda_recipients').values({
    id, agenda_id: agenda.id, municipality_id: agenda.municipality_id, organisation_id: null, name, kind: 'other', email: `${id}@instelling.example`,
    sent_at: sent ? nowIso() : null, sent_version: sent ? 2 : null, respond_by: sent ? '2099-01-01' : null, created_at: nowIso(),
  }).execute();
  return id;
}

/** What the distribution's cells work on. */
async function seedAgendaDistribution(): Promise<void> {
  const db = tp.platform.db;
  const municipalityId = (await findTenantBySlug(db, 'voorbeeldstad'))!.id;
  bloemenDistribution.id = (await db.selectFrom('agendas').select('id').where('municipality_id', '=', municipalityId).where('area_code', '=', BLOEMENBUURT_NB).where('status', '=', 'adopted').executeTakeFirstOrThrow()).id;
  bloemenDistribution.sent = await insertRecipient('Instelling die antwoordt', true);
  for (const n of ACTORS.keys()) unsentRecipients.push(await insertRecipient(`Nog niet verstuurd ${n}`, false));
}

afterAll(async () => {
  await app?.close();
  await tp?.close();
});

const M = '/voorbeeldstad';
const cells: Cell[] = [
  // ---- pages that only some may see
  { name: 'GET admin home', allowed: ADMINS, request: (a) => a.get(`${M}/beheer`) },
  { name: 'GET roles page', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/rollen`) },
  { name: 'GET settings page', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/instellingen`) },
  { name: 'GET public values admin', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/publieke-waarden`) },
  { name: 'GET audit log page', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/logboek`) },
  { name: 'GET installation audit log', allowed: ['installAdmin'], request: (a) => a.get('/beheer/logboek') },
  { name: 'GET background jobs and dead letters', allowed: ['installAdmin'], request: (a) => a.get('/beheer/taken') },
  { name: 'GET my account', allowed: SIGNED_IN, request: (a) => a.get(`${M}/mijn-account`) },
  { name: 'GET my second step', allowed: SIGNED_IN, request: (a) => a.get(`${M}/mijn-account/tweede-stap`) },
  { name: 'GET staff sign-in settings', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/inlogdienst`) },
  { name: 'GET house rules editor', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/huisregels`) },
  { name: 'GET house rules review', allowed: ADMINS, request: (a) => a.get(`${M}/beheer/huisregels/publiceren`) },
  { name: 'GET edit organisation', allowed: ['chair', 'secretary', 'official', 'areaOfficial', 'admin', 'installAdmin'], request: (a) => a.get(`${M}/organisaties/${lindenhof}/bewerken`) },
  // ---- public pages: everyone
  { name: 'GET municipality home', allowed: ACTORS, request: (a) => a.get(M) },
  { name: 'GET areas', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden`) },
  { name: 'GET organisations', allowed: ACTORS, request: (a) => a.get(`${M}/organisaties`) },
  { name: 'GET budget areas', allowed: ACTORS, request: (a) => a.get(`${M}/budgetgebieden`) },
  { name: 'GET comments of an area', allowed: ACTORS, request: (a) => a.get(`${M}/reacties/area/BU99990102`) },
  { name: 'GET report form', allowed: ACTORS, request: (a) => a.get(`${M}/melden/comment/${reportable}`) },
  { name: 'GET moderation queue', allowed: MODERATORS, request: (a) => a.get(`${M}/beheer/moderatie`) },
  { name: 'GET moderation item', allowed: MODERATORS, request: (a) => a.get(`${M}/beheer/moderatie/comment/${reportable}`) },
  { name: 'GET house rules', allowed: ACTORS, request: (a) => a.get(`${M}/huisregels`) },
  { name: 'GET house rules versions', allowed: ACTORS, request: (a) => a.get(`${M}/huisregels/versies`) },
  { name: 'GET house rules comparison', allowed: ACTORS, request: (a) => a.get(`${M}/huisregels/vergelijken?van=1&naar=2`) },
  { name: 'GET house rules print page', allowed: ACTORS, request: (a) => a.get(`${M}/huisregels/versies/1/document`) },
  { name: 'GET readings of an area', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/BU99990102/duiding`) },
  { name: 'GET conversation rounds of an area', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/BU99990102/gespreksrondes`) },
  { name: 'GET record a conversation round', allowed: ROUND_RECORDERS, request: (a) => a.get(`${M}/gebieden/BU99990102/gespreksrondes/nieuw`) },
  // ---- changes through forms
  { name: 'POST update organisation (form)', allowed: MANAGERS,
    request: (a, n) => a.postForm(`${M}/organisaties/${lindenhof}/bewerken`, { kind: 'association', name: `De Lindenhof ${n}`, areaCode: 'BU99990102' }) },
  { name: 'POST add member (form)', allowed: MANAGERS,
    request: (a, n) => a.postForm(`${M}/organisaties/${lindenhof}/leden`, { email: `doel-${n}@test.example`, duty: 'member' }) },
  { name: 'POST create resident organisation (form)', allowed: VERIFIED,
    request: (a, n) => a.postForm(`${M}/organisaties/nieuw`, { kind: 'association', name: `Nieuwe vereniging ${n}` }) },
  { name: 'POST create provider (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/organisaties/nieuw`, { kind: 'welfare_organisation', name: `Welzijn ${n}` }) },
  { name: 'POST grant role (form)', allowed: ADMINS,
    request: (a, n) => a.postForm(`${M}/beheer/rollen`, { email: `doel-${n}@test.example`, role: 'resident', scopeType: 'municipality' }) },
  { name: 'POST settings (form)', allowed: ADMINS,
    request: (a, n) => a.postForm(`${M}/beheer/instellingen`, { name: `Gemeente Voorbeeldstad ${n}`, primaryColour: '#1d5c4d', accentColour: '#0e3b31' }) },
  { name: 'POST staff sign-in settings (form)', allowed: ADMINS,
    request: (a, n) => a.postForm(`${M}/beheer/inlogdienst`, { issuer: 'https://login.voorbeeldstad.example', clientId: `buurtarena-${n}`, clientSecret: 'geheim', claim: 'groups', mapOfficial: 'medewerkers' }) },
  { name: 'POST house rules draft (form)', allowed: ADMINS, request: (a, n) => saveHouseRulesDraft(a, n) },
  { name: 'POST publish house rules (form)', allowed: ADMINS,
    request: async (a, n) => {
      const saved = await saveHouseRulesDraft(a, n);
      return saved.statusCode === 303 ? a.postForm(`${M}/beheer/huisregels/publiceren`, { summary: `Versie van ${n}.` }) : saved;
    } },
  { name: 'POST discard house rules draft (form)', allowed: ADMINS,
    request: async (a, n) => {
      const saved = await saveHouseRulesDraft(a, n);
      return saved.statusCode === 303 ? a.postForm(`${M}/beheer/huisregels/concept-weggooien`, {}) : saved;
    } },
  { name: 'POST comment (form)', allowed: VERIFIED,
    request: (a, n) => a.postForm(`${M}/reacties`, { subjectType: 'area', subjectId: 'BU99990102', body: `Reactie ${n}` }) },
  { name: 'POST report (form)', allowed: ACTORS,
    request: (a, n) => a.postForm(`${M}/melden/comment/${reportable}`, { category: 'spam', explanation: `Melding ${n}` }) },
  { name: 'POST hide a comment (form)', allowed: MODERATORS,
    request: (a, n) => a.postForm(`${M}/beheer/moderatie/comment/${hideable[n]}/verbergen`, { reason: `Reden ${n}` }) },
  { name: 'POST reading of a figure (form)', allowed: WRITERS,
    request: (a, n) => a.postForm(`${M}/gebieden/BU99990102/duiding/nieuw`, { year: '2025', indicator: 's_65_oo', kind: 'strength', role: WRITING_ROLE[ACTORS[n]!] ?? 'resident', body: `Duiding ${n}` }) },
  { name: 'POST conversation round (form)', allowed: ROUND_RECORDERS,
    request: (a, n) => a.postForm(`${M}/gebieden/BU99990102/gespreksrondes/nieuw`, { year: '2025', title: `Ronde ${n}`, heldOn: '2025-03-12', residents: '5', outcome: 'Goed gesprek.', organisationId: lindenhof }) },
  { name: 'POST hide a reading (form)', allowed: MODERATORS,
    request: (a, n) => a.postForm(`${M}/beheer/moderatie/interpretation/${hideableReadings[n]}/verbergen`, { reason: `Reden ${n}` }) },
  { name: 'POST budget area (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/budgetgebieden`, { name: `Groep ${n}`, codes: neighbourhoods[n]! }) },
  // ---- the resident survey: public and answered without an account, run by officials
  { name: 'GET survey (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurtmonitor`) },
  { name: 'GET survey: take part (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurtmonitor/meedoen`) },
  { name: 'GET survey admin', allowed: OFFICIALS, request: (a) => a.get(`${M}/beheer/buurtmonitor`) },
  { name: 'GET survey questions admin', allowed: OFFICIALS, request: (a) => a.get(`${M}/beheer/buurtmonitor/vragen`) },
  { name: 'GET survey letters admin', allowed: OFFICIALS, request: (a) => a.get(`${M}/beheer/buurtmonitor/brieven`) },
  { name: 'POST survey minimum (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/beheer/buurtmonitor/minimum`, { minResponses: String(10 + n) }) },
  { name: 'POST survey question (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/beheer/buurtmonitor/vragen`, { code: `vraag_${n}`, textNl: `Vraag ${n}?`, theme: 'other', polarity: 'strength', scale: 'agree', position: '20' }) },
  // ---- statistics: public figures, map and indices; indices edited by officials of the municipality
  { name: 'GET an area\'s money flows as CSV (public)', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/BU99990102/geldstromen.csv`) },
  { name: 'GET all money flows as CSV (public)', allowed: ACTORS, request: (a) => a.get(`${M}/geldstromen.csv`) },
  { name: 'GET all money flows as CSV (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/money-flows.csv`) },
  { name: 'GET area statistics (public)', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/BU99990102/cijfers`) },
  { name: 'GET indicator map (public)', allowed: ACTORS, request: (a) => a.get(`${M}/kaart`) },
  { name: 'GET indices (public)', allowed: ACTORS, request: (a) => a.get(`${M}/indices`) },
  { name: 'GET one index explained (public)', allowed: ACTORS, request: (a) => a.get(`${M}/indices/vitaliteit`) },
  { name: 'GET index edit form', allowed: OFFICIALS, request: (a) => a.get(`${M}/beheer/indices/vitaliteit`) },
  // ---- public places: anyone verified adds and assesses; who added a place and the municipality's staff (covering its area) change it
  { name: 'GET add a place', allowed: VERIFIED, request: (a) => a.get(`${M}/plekken/nieuw`) },
  { name: 'POST add a place (form)', allowed: VERIFIED,
    request: (a, n) => a.postForm(`${M}/plekken/nieuw`, { name: `Buurtkamer ${n}`, type: 'common_room', ownerType: 'residents', lat: vaart.fields.lat!, lon: vaart.fields.lon! }) },
  { name: 'GET edit a place (the chair added it, in the Lindenhof)', allowed: ['chair', ...LINDENHOF_STAFF], request: (a) => a.get(`${M}/plekken/${vaart.id}/bewerken`) },
  { name: 'POST edit a place (form)', allowed: ['chair', ...LINDENHOF_STAFF],
    request: (a, n) => a.postForm(`${M}/plekken/${vaart.id}/bewerken`, { ...vaart.fields, description: `Het buurthuis van de Lindenhof (${n}).` }) },
  { name: 'GET status of a place (the professional added it, in another district)', allowed: ['professional', ...STAFF], request: (a) => a.get(`${M}/plekken/${kantine}/status`) },
  { name: 'POST status of a place (form)', allowed: ['professional', ...STAFF],
    request: (a, n) => a.postForm(`${M}/plekken/${kantine}/status`, { status: 'active', changedOn: '2025-06-01', note: `Nagekeken (${n}).` }) },
  { name: 'GET assess a place', allowed: VERIFIED, request: (a) => a.get(`${M}/plekken/${vaart.id}/beoordelen`) },
  { name: 'POST assess a place (form)', allowed: VERIFIED,
    request: (a, n) => a.postForm(`${M}/plekken/${vaart.id}/beoordelen`, { score_accessible: String(1 + (n % 5)), comment: `Beoordeling ${n}` }) },
  // ---- an area's ecosystem: contributors with a role covering the area add; its staff edit; who recorded consent or added a relation may undo it
  { name: 'GET add an ecosystem actor (Lindenhof)', allowed: ECOSYSTEM_CONTRIBUTORS, request: (a) => a.get(`${ecosystem(LINDENHOF_NB)}/actoren/nieuw`) },
  { name: 'POST add an ecosystem actor (form)', allowed: ECOSYSTEM_CONTRIBUTORS,
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/actoren/nieuw`, { kind: 'informal', name: `Buurgroep ${n}` }) },
  { name: 'GET add a key person (Bloemenbuurt)', allowed: BLOEMENBUURT_CONTRIBUTORS, request: (a) => a.get(`${ecosystem(BLOEMENBUURT_NB)}/sterkhouders/nieuw`) },
  { name: 'POST add a key person with consent (form, Bloemenbuurt)', allowed: BLOEMENBUURT_CONTRIBUTORS,
    request: (a, n) => a.postForm(`${ecosystem(BLOEMENBUURT_NB)}/sterkhouders/nieuw`, { name: `Buurvrouw ${n}`, role: 'Zet de koffie', consentMethod: 'written', consentGivenOn: '2025-02-10', consentConfirmed: 'on' }) },
  { name: 'GET edit an ecosystem actor', allowed: LINDENHOF_STAFF, request: (a) => a.get(`${ecosystem(LINDENHOF_NB)}/actoren/${koffie}/bewerken`) },
  { name: 'POST edit an ecosystem actor (form)', allowed: LINDENHOF_STAFF,
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/actoren/${koffie}/bewerken`, { kind: 'informal', name: 'Koffieochtend in het buurthuis', description: `Elke woensdag koffie (${n}).` }) },
  { name: 'POST withdraw consent the chair recorded (Bloemenbuurt)', allowed: ['chair', ...STAFF],
    request: (a, n) => a.postForm(`${ecosystem(BLOEMENBUURT_NB)}/actoren/${keyPeople[n]}/toestemming-intrekken`, {}) },
  { name: 'GET add a relation', allowed: ECOSYSTEM_CONTRIBUTORS, request: (a) => a.get(`${ecosystem(LINDENHOF_NB)}/relaties/nieuw`) },
  { name: 'POST add a relation (form)', allowed: ECOSYSTEM_CONTRIBUTORS,
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/relaties/nieuw`, { kind: 'collaborates', fromId: wandel, toId: koffie, note: `Samen ${n}` }) },
  { name: 'GET change a relation the professional added', allowed: ['professional', ...LINDENHOF_STAFF],
    request: (a, n) => a.get(`${ecosystem(LINDENHOF_NB)}/relaties/${relations[n]}/bewerken`) },
  { name: 'POST change a relation the professional added (form)', allowed: ['professional', ...LINDENHOF_STAFF],
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/relaties/${relations[n]}/bewerken`, { kind: 'refers_to', note: `Verwijst door ${n}`, since: '2024-05-01' }) },
  { name: 'PUT change a relation the professional added (API)', allowed: ['professional', ...LINDENHOF_STAFF],
    request: (a, n) => a.api('PUT', `/api/v1${M}/areas/${LINDENHOF_NB}/ecosystem/relations/${relations[n]}`, { kind: 'refers_to', note: `Via de API ${n}` }) },
  { name: 'POST remove a relation the professional added', allowed: ['professional', ...LINDENHOF_STAFF],
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/relaties/${relations[n]}/verwijderen`, {}) },
  { name: 'GET assess an element', allowed: ECOSYSTEM_CONTRIBUTORS, request: (a) => a.get(`${ecosystem(LINDENHOF_NB)}/elementen/beoordelen`) },
  { name: 'POST assess an element (form)', allowed: ECOSYSTEM_CONTRIBUTORS,
    request: (a, n) => a.postForm(`${ecosystem(LINDENHOF_NB)}/elementen/beoordelen`, { element: 'networks', score: String(1 + (n % 5)), evidence: `Gezien ${n}`, actorIds: koffie }) },
  // ---- an area's history: anyone verified adds; the author for 48 hours, and staff covering the area always, change and delete
  { name: 'POST history entry (form)', allowed: VERIFIED,
    request: (a, n) => a.postForm(`${history(LINDENHOF_NB)}/nieuw`, { title: `Verhaal ${n}`, kind: 'event', when: '1999', story: `Wat er gebeurde (${n}).`, citation1: 'Buurtkrant' }) },
  { name: 'GET edit a history entry (the chair\'s, within 48 hours)', allowed: ['chair', ...LINDENHOF_STAFF], request: (a) => a.get(`${history(LINDENHOF_NB)}/${zomermarkt}/bewerken`) },
  { name: 'POST edit a history entry (form)', allowed: ['chair', ...LINDENHOF_STAFF],
    request: (a, n) => a.postForm(`${history(LINDENHOF_NB)}/${zomermarkt}/bewerken`, { title: 'Eerste zomermarkt', kind: 'event', when: '1994', story: `De eerste zomermarkt op het plein (${n}).`, citation1: 'Jubileumboekje 25 jaar zomermarkt (2019)' }) },
  { name: 'POST edit a history entry after its author\'s 48 hours (form, a member\'s, Bloemenbuurt)', allowed: STAFF,
    request: (a, n) => a.postForm(`${history(BLOEMENBUURT_NB)}/${rozenschool}/bewerken`, { title: 'Sluiting van de Rozenschool', kind: 'closure', when: '2004', story: `De Rozenschool sloot (${n}).`, citation1: 'Schoolgids Rozenschool (2004)' }) },
  { name: 'POST delete a history entry (the chair\'s, within 48 hours)', allowed: ['chair', ...LINDENHOF_STAFF],
    request: (a, n) => a.postForm(`${history(LINDENHOF_NB)}/${historyEntries[n]}/verwijderen`, {}) },
  // ---- money flows: officials and administrators whose grant covers the area; the import needs a municipality-wide grant
  { name: 'GET record a money flow (Lindenhof)', allowed: LINDENHOF_OFFICIALS, request: (a) => a.get(`${money(LINDENHOF_NB)}/nieuw`) },
  { name: 'POST record a money flow (form)', allowed: LINDENHOF_OFFICIALS,
    request: (a, n) => a.postForm(`${money(LINDENHOF_NB)}/nieuw`, { year: '2025', source: 'subsidies', purpose: `Subsidie ${n}`, amount: `${1000 + n},00`, certainty: 'measured', method: 'Subsidiebeschikking' }) },
  { name: 'GET change a money flow (Bloemenbuurt)', allowed: OFFICIALS, request: (a) => a.get(`${money(BLOEMENBUURT_NB)}/${bloemenFlow.id}/bewerken`) },
  { name: 'POST change a money flow (form, Bloemenbuurt)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${money(BLOEMENBUURT_NB)}/${bloemenFlow.id}/bewerken`, { ...bloemenFlow.fields, figureSource: `Jaarrekening (${n})` }) },
  { name: 'POST delete a money flow (Lindenhof)', allowed: LINDENHOF_OFFICIALS, request: (a, n) => a.postForm(`${money(LINDENHOF_NB)}/${flows[n]}/verwijderen`, {}) },
  { name: 'GET import money flows', allowed: OFFICIALS, request: (a) => a.get(`${M}/beheer/geldstromen`) },
  { name: 'POST import money flows (form)', allowed: OFFICIALS, request: (a, n) => a.postForm(`${M}/beheer/geldstromen`, { csv: moneyFlowsCsv(n) }) },
  // ---- the wijkbeeld: officials and administrators covering the area, and the board of a resident organisation of it
  { name: 'GET edit the wijkbeeld (Lindenhof)', allowed: PICTURE_EDITORS, request: (a) => a.get(`${picture(LINDENHOF_NB)}/bewerken`) },
  { name: 'GET review the wijkbeeld draft', allowed: PICTURE_EDITORS, request: (a) => a.get(`${picture(LINDENHOF_NB)}/publiceren`) },
  { name: 'POST wijkbeeld draft (form)', allowed: PICTURE_EDITORS, request: (a, n) => savePictureDraft(a, LINDENHOF_NB, n) },
  { name: 'POST publish the wijkbeeld (form)', allowed: PICTURE_EDITORS,
    request: async (a, n) => {
      const saved = await savePictureDraft(a, LINDENHOF_NB, n);
      return saved.statusCode === 303 ? a.postForm(`${picture(LINDENHOF_NB)}/publiceren`, { summary: `Versie van ${n}.` }) : saved;
    } },
  { name: 'POST discard the wijkbeeld draft (form)', allowed: PICTURE_EDITORS,
    request: async (a, n) => {
      const saved = await savePictureDraft(a, LINDENHOF_NB, n);
      return saved.statusCode === 303 ? a.postForm(`${picture(LINDENHOF_NB)}/concept-weggooien`, {}) : saved;
    } },
  { name: 'POST wijkbeeld draft of the Bloemenbuurt (form, no resident organisation there)', allowed: OFFICIALS, request: (a, n) => savePictureDraft(a, BLOEMENBUURT_NB, n) },
  // ---- BuurtTops: public to read; organised by the organiser's board, a task group's members, and officials and administrators covering the area
  { name: 'GET BuurtTops (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops`) },
  { name: 'GET an area\'s BuurtTops (public)', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/${LINDENHOF_NB}/buurttop`) },
  { name: 'GET a BuurtTop (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}`) },
  { name: 'GET a working group (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/werkgroepen/${lindenhofSummit.group}`) },
  { name: 'GET a BuurtTop (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/summits/${lindenhofSummit.id}`) },
  { name: 'GET start a BuurtTop (Lindenhof)', allowed: [...SUMMIT_ORGANISERS, 'professional'], request: (a) => a.get(`${M}/gebieden/${LINDENHOF_NB}/buurttop/nieuw`) },
  { name: 'POST start a BuurtTop for De Lindenhof (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/gebieden/${LINDENHOF_NB}/buurttop/nieuw`, { organiserId: lindenhof, title: `BuurtTop ${n}`, date: '2031-05-17', startTime: '10:00', endTime: '16:00' }) },
  { name: 'GET change a BuurtTop', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/bewerken`) },
  { name: 'POST change a BuurtTop (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/bewerken`, { organiserId: lindenhof, title: 'BuurtTop Lindenhof', date: '2031-05-17', startTime: '10:00', endTime: '16:00', placeId: vaart.id, description: `Welkom (${n}).` }) },
  { name: 'GET the status of a BuurtTop', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/status`) },
  { name: 'POST a step of the plan (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/mijlpalen/nieuw`, { title: `Stap ${n}`, dueOn: '2031-01-01' }) },
  { name: 'POST mark a step done', allowed: SUMMIT_ORGANISERS,
    request: (a) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/mijlpalen/${lindenhofSummit.milestone}/klaar`, { done: 'on' }) },
  { name: 'POST a working group\'s briefing (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/werkgroepen/${lindenhofSummit.group}/briefing`, { briefing: `Wat we weten (${n}).` }) },
  { name: 'POST a member of a working group (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/werkgroepen/${lindenhofSummit.group}/leden/nieuw`, { name: `Buur ${n}` }) },
  { name: 'POST information for a working group (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/werkgroepen/${lindenhofSummit.group}/informatie/nieuw`, { kind: 'figure', reference: 's_65_oo', note: `Cijfer ${n}` }) },
  { name: 'POST a working group (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/werkgroepen/nieuw`, { name: `Werkgroep ${n}` }) },
  { name: 'POST a step of the plan (API)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('POST', `/api/v1${M}/summits/${lindenhofSummit.id}/milestones`, { title: `API-stap ${n}`, dueOn: '2031-02-01' }) },
  { name: 'POST a step of the Bloemenbuurt\'s plan (its task group has no members)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/buurttops/${bloemenSummit}/mijlpalen/nieuw`, { title: `Stap ${n}`, dueOn: '2031-01-01' }) },
  // ---- BuurtTop registrations: the form is public; who registered, their needs and the CSV are the organisers' (personal data)
  { name: 'GET the registration form of a BuurtTop (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/aanmelden`) },
  { name: 'GET a BuurtTop\'s registrations', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/aanmeldingen`) },
  { name: 'GET a BuurtTop\'s registrations (CSV)', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/aanmeldingen.csv`) },
  { name: 'GET a BuurtTop\'s registrations (API)', allowed: SUMMIT_ORGANISERS, request: (a) => a.api('GET', `/api/v1${M}/summits/${lindenhofSummit.id}/registrations`) },
  { name: 'GET register someone by hand', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/aanmeldingen/nieuw`) },
  { name: 'POST register someone by hand (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/aanmeldingen/nieuw`, { name: `Buurbewoner ${n}`, phone: '06 1234 5678' }) },
  { name: 'GET invitations of a BuurtTop', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/uitnodigingen`) },
  { name: 'GET the invitation letter of a BuurtTop (public, print page)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/${lindenhofSummit.id}/uitnodigingen/brief`) },
  { name: 'POST invite a group to a BuurtTop (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/buurttops/${lindenhofSummit.id}/uitnodigingen`, { group: 'residents', addresses: `buur${n}@test.example` }) },
  // ---- the day of a BuurtTop: its organisers (the Bloemenbuurt's task group has no members, so officials) run it; a table's page needs its secret link; the agreed ambitions are public
  { name: 'GET the day of a BuurtTop', allowed: OFFICIALS, request: (a) => a.get(`${M}/buurttops/${bloemenSummit}/dag`) },
  { name: 'POST a round of the day (form)', allowed: OFFICIALS, request: (a, n) => a.postForm(`${M}/buurttops/${bloemenSummit}/dag/rondes`, { name: `Ronde ${n}` }) },
  { name: 'GET a table\'s page with a wrong secret', allowed: OFFICIALS, request: (a) => a.get(`${M}/buurttops/${bloemenSummit}/dag/tafels/${bloemenDay.table}/${'x'.repeat(32)}`) },
  { name: 'GET the plenary of a BuurtTop', allowed: OFFICIALS, request: (a) => a.get(`${M}/buurttops/${bloemenSummit}/plenair`) },
  { name: 'POST an objection in the plenary (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/buurttops/${bloemenSummit}/plenair/ambities/${bloemenDay.ambition}/bezwaar`, { reason: `Bezwaar ${n}` }) },
  { name: 'POST consent in the plenary (form)', allowed: OFFICIALS, request: (a) => a.postForm(`${M}/buurttops/${bloemenSummit}/plenair/ambities/${bloemenDay.ambition}/instemming`, { consent: 'on' }) },
  { name: 'GET the agreed ambitions of a BuurtTop (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/${bloemenSummit}/ambities`) },
  // Attendance at the Bloemenbuurt's held BuurtTop: its organisers (the officials, as for its day).
  { name: 'GET the attendance of a BuurtTop', allowed: OFFICIALS, request: (a) => a.get(`${M}/buurttops/${bloemenSummit}/aanwezigheid`) },
  { name: 'POST the attendance of a BuurtTop (form)', allowed: OFFICIALS, request: (a, n) => a.postForm(`${M}/buurttops/${bloemenSummit}/aanwezigheid`, { walkIns: String(20 + n) }) },
  { name: 'PUT the attendance of a BuurtTop (API)', allowed: OFFICIALS, request: (a, n) => a.api('PUT', `/api/v1${M}/summits/${bloemenSummit}/attendance`, { walkIns: 20 + n }) },
  // The yearly BuurtTop day: public; set by the municipality's officials and administrators (not an official of one district).
  { name: 'GET the BuurtTop day of a year (public)', allowed: ACTORS, request: (a) => a.get(`${M}/buurttops/dag/2031`) },
  { name: 'GET the BuurtTop day of a year (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/summits/days/2031`) },
  { name: 'GET set the BuurtTop day', allowed: OFFICIALS, request: (a) => a.get(`${M}/buurttops/dag/2031/instellen`) },
  { name: 'POST set the BuurtTop day (form)', allowed: OFFICIALS, request: (a, n) => a.postForm(`${M}/buurttops/dag/2031/instellen`, { date: `2031-09-${String(10 + (n % 18)).padStart(2, '0')}`, note: `Dag ${n}` }) },
  { name: 'PUT the BuurtTop day (API)', allowed: OFFICIALS, request: (a, n) => a.api('PUT', `/api/v1${M}/summits/days/2031`, { date: `2031-09-${String(10 + (n % 18)).padStart(2, '0')}` }) },
  // ---- the follow-up of an adopted agenda (the Bloemenbuurt's): public progress; its editorial team reports, corrects, keeps the group, carries over
  { name: 'GET an ambition of an agenda with its progress (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}`) },
  { name: 'GET the progress of an agenda (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenFollowUp.id}/voortgang`) },
  { name: 'GET the progress of an agenda (CSV, public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenFollowUp.id}/voortgang.csv`) },
  { name: 'GET the progress of an agenda (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/agendas/${bloemenFollowUp.id}/progress`) },
  { name: 'POST progress of an ambition (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}/voortgang`, { status: 'underWay', happened: `Weer een blok verder (${n}).`, reportedOn: new Date().toISOString().slice(0, 10).replace(/-\d\d$/, '-01') }) },
  { name: 'POST progress of an ambition (API)', allowed: OFFICIALS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${bloemenFollowUp.id}/ambitions/${bloemenFollowUp.ambition}/progress`, { status: 'underWay', happened: `Via de API (${n}).`, reportedOn: bloemenFollowUp.reportedOn }) },
  { name: 'GET correct a progress update', allowed: OFFICIALS, request: (a) => a.get(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}/voortgang/${bloemenFollowUp.update}/corrigeren`) },
  { name: 'POST correct a progress update (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}/voortgang/${bloemenFollowUp.update}/corrigeren`, { status: 'underWay', happened: `Gecorrigeerd (${n}).`, reportedOn: bloemenFollowUp.reportedOn }) },
  { name: 'POST a member of an ambition\'s working group (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}/werkgroep`, { name: `Buurvrouw ${n}`, role: 'energiecoach' }) },
  { name: 'POST remove a member of an ambition\'s working group', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenFollowUp.id}/ambities/${bloemenFollowUp.ambition}/werkgroep/${agendaMembers[n]}/verwijderen`, {}) },
  { name: 'GET carry open ambitions over into the next agenda', allowed: OFFICIALS, request: (a, n) => a.get(`${M}/wijkagendas/${nextAgendas[n]}/overnemen`) },
  { name: 'POST carry open ambitions over into the next agenda (form)', allowed: OFFICIALS, request: (a, n) => a.postForm(`${M}/wijkagendas/${nextAgendas[n]}/overnemen`, {}) },
  // ---- the publication of an agenda (the Bloemenbuurt's, adopted): public page, paper and distribution; its editorial team sends and records answers
  { name: 'GET an agenda (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}`) },
  { name: 'GET an agenda to print (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}/document?versie=1`) },
  { name: 'GET an agenda\'s folder (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}/folder`) },
  { name: 'GET to whom an agenda was sent, and the answers (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}/verzending`) },
  { name: 'POST an institution to send an agenda to (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenDistribution.id}/verzending/instellingen`, { organisationId: '', name: `Instelling ${n}`, kind: 'other', email: '' }) },
  { name: 'POST take an institution not sent yet off the list', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenDistribution.id}/verzending/instellingen/${unsentRecipients[n]}/verwijderen`, {}) },
  { name: 'POST send an adopted agenda (form)', allowed: OFFICIALS,
    request: async (a, n) => {
      await insertRecipient(`Te versturen ${n}`, false);
      return a.postForm(`${M}/wijkagendas/${bloemenDistribution.id}/verzending/versturen`, { respondBy: '2099-06-01', message: '' });
    } },
  { name: 'GET record an institution\'s answer', allowed: OFFICIALS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}/verzending/instellingen/${bloemenDistribution.sent}/antwoord`) },
  { name: 'POST record an institution\'s answer (form)', allowed: OFFICIALS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${bloemenDistribution.id}/verzending/instellingen/${bloemenDistribution.sent}/antwoord`, { receivedOn: '2025-01-02', summary: `Wij doen mee (${n}).`, link: '' }) },
  { name: 'GET to whom an agenda was sent, and the answers (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/agendas/${bloemenDistribution.id}/distribution`) },
  { name: 'POST an institution to send an agenda to (API)', allowed: OFFICIALS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${bloemenDistribution.id}/recipients`, { name: `Instelling API ${n}`, kind: 'other' }) },
  { name: 'POST send an adopted agenda (API)', allowed: OFFICIALS,
    request: async (a, n) => {
      await insertRecipient(`Te versturen API ${n}`, false);
      return a.api('POST', `/api/v1${M}/agendas/${bloemenDistribution.id}/distribution`, { respondBy: '2099-06-01' });
    } },
  { name: 'POST record an institution\'s answer (API)', allowed: OFFICIALS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${bloemenDistribution.id}/recipients/${bloemenDistribution.sent}/responses`, { receivedOn: '2025-01-02', summary: `Wij doen mee, API (${n}).` }) },
  // ---- drafting an agenda (the Lindenhof's, organised by De Lindenhof): lists and versions are public; its editorial team edits, its board adopts
  { name: 'GET the agendas (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas`) },
  { name: 'GET the agendas of an area (public)', allowed: ACTORS, request: (a) => a.get(`${M}/gebieden/${LINDENHOF_NB}/wijkagenda`) },
  { name: 'GET start an agenda (Lindenhof)', allowed: [...SUMMIT_ORGANISERS, 'professional'], request: (a) => a.get(`${M}/wijkagendas/nieuw?gebied=${LINDENHOF_NB}`) },
  { name: 'POST start an agenda (form, Lindenhof)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/nieuw`, { areaCode: LINDENHOF_NB, organiserId: lindenhof, title: `Wijkagenda ${n}`, firstYear: '2031' }) },
  { name: 'GET the editor of an agenda', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken`) },
  { name: 'POST an agenda\'s details (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/gegevens`, { title: `Wijkagenda Lindenhof ${n}`, firstYear: '2027', lastYear: '2030', introduction: '' }) },
  { name: 'POST a theme of an agenda (form)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.postForm(`${M}/wijkagendas/${drafting[n]!.scratch}/bewerken/themas`, { name: `Thema ${n}` }) },
  { name: 'POST rename a theme (form)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/themas/${lindenhofDraft.theme}`, { name: `Ontmoeten ${n}` }) },
  { name: 'POST move a theme down', allowed: SUMMIT_ORGANISERS, request: (a) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/themas/${lindenhofDraft.theme}/omlaag`, {}) },
  { name: 'POST move a theme up', allowed: SUMMIT_ORGANISERS, request: (a) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/themas/${lindenhofDraft.theme}/omhoog`, {}) },
  { name: 'POST remove an empty theme', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.postForm(`${M}/wijkagendas/${drafting[n]!.scratch}/bewerken/themas/${drafting[n]!.emptyTheme}/verwijderen`, {}) },
  { name: 'POST an ambition of an agenda (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/themas/${lindenhofDraft.theme}/ambitie-nieuw`, { themeId: lindenhofDraft.theme, title: `Ambitie ${n}`, body: 'Samen.', horizon: '10' }) },
  { name: 'GET an ambition\'s form in the editor', allowed: SUMMIT_ORGANISERS, request: (a) => a.get(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/ambities/${lindenhofDraft.ambition}`) },
  { name: 'POST change an ambition (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/ambities/${lindenhofDraft.ambition}`, { themeId: lindenhofDraft.theme, title: `Een buurtkamer ${n}`, body: 'Elke dag open.', horizon: '5', step_1: 'Een ruimte', carrier_1: 'De Lindenhof' }) },
  { name: 'POST move an ambition down', allowed: SUMMIT_ORGANISERS, request: (a) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/ambities/${lindenhofDraft.ambition}/omlaag`, {}) },
  { name: 'POST move an ambition up', allowed: SUMMIT_ORGANISERS, request: (a) => a.postForm(`${M}/wijkagendas/${lindenhofDraft.id}/bewerken/ambities/${lindenhofDraft.ambition}/omhoog`, {}) },
  { name: 'POST remove an ambition', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.postForm(`${M}/wijkagendas/${drafting[n]!.scratch}/bewerken/ambities/${drafting[n]!.ambition}/verwijderen`, {}) },
  { name: 'GET open the comment period', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.get(`${M}/wijkagendas/${drafting[n]!.concept}/bewerken/reactietermijn`) },
  { name: 'POST open the comment period on a concept (form)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${drafting[n]!.concept}/bewerken/reactietermijn`, { opensOn: '2099-01-01', closesOn: '2099-01-31', summary: '' }) },
  { name: 'GET record the adoption', allowed: AGENDA_ADOPTERS, request: (a, n) => a.get(`${M}/wijkagendas/${drafting[n]!.revision}/bewerken/vaststellen`) },
  { name: 'POST record the adoption (form, the board of De Lindenhof)', allowed: AGENDA_ADOPTERS,
    request: (a, n) => a.postForm(`${M}/wijkagendas/${drafting[n]!.revision}/bewerken/vaststellen`, { adoptedBy: 'Algemene ledenvergadering', method: 'meetingVote', adoptedOn: amsterdamDay(), decisionReference: `ALV-${n}` }) },
  { name: 'GET the versions of an agenda (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${lindenhofDraft.versions}/versies`) },
  { name: 'GET a version of an agenda (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${lindenhofDraft.versions}/versies/1`) },
  { name: 'GET two versions of an agenda compared (public)', allowed: ACTORS, request: (a) => a.get(`${M}/wijkagendas/${bloemenDistribution.id}/vergelijken?van=1&naar=2`) },
  { name: 'GET the agendas (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/agendas`) },
  { name: 'GET an agenda with its versions (API, public)', allowed: ACTORS, request: (a) => a.api('GET', `/api/v1${M}/agendas/${lindenhofDraft.id}`) },
  { name: 'POST start an agenda (API, Lindenhof)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas`, { areaCode: LINDENHOF_NB, organiserId: lindenhof, title: `Wijkagenda API ${n}` }) },
  { name: 'PUT an agenda\'s details (API)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('PUT', `/api/v1${M}/agendas/${lindenhofDraft.id}`, { title: `Wijkagenda Lindenhof API ${n}`, firstYear: 2027, lastYear: 2030 }) },
  { name: 'POST a theme (API)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${drafting[n]!.scratch}/themes`, { name: `Thema API ${n}` }) },
  { name: 'PUT a theme (API)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.api('PUT', `/api/v1${M}/agendas/${lindenhofDraft.id}/themes/${lindenhofDraft.theme}`, { name: `Ontmoeten API ${n}` }) },
  { name: 'POST move a theme (API)', allowed: SUMMIT_ORGANISERS, request: (a) => a.api('POST', `/api/v1${M}/agendas/${lindenhofDraft.id}/themes/${lindenhofDraft.theme}/move`, { direction: 'down' }) },
  { name: 'DELETE an empty theme (API)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.api('DELETE', `/api/v1${M}/agendas/${drafting[n]!.scratch}/themes/${drafting[n]!.apiTheme}`) },
  { name: 'POST an ambition (API)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${lindenhofDraft.id}/ambitions`, { themeId: lindenhofDraft.theme, title: `Ambitie API ${n}`, body: 'Samen.', horizon: 5, ownGoal: true }) },
  { name: 'PUT an ambition (API)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('PUT', `/api/v1${M}/agendas/${lindenhofDraft.id}/ambitions/${lindenhofDraft.ambition}`, { themeId: lindenhofDraft.theme, title: `Een buurtkamer API ${n}`, body: 'Elke dag open.', horizon: 10 }) },
  { name: 'POST move an ambition (API)', allowed: SUMMIT_ORGANISERS, request: (a) => a.api('POST', `/api/v1${M}/agendas/${lindenhofDraft.id}/ambitions/${lindenhofDraft.ambition}/move`, { direction: 'up' }) },
  { name: 'DELETE an ambition (API)', allowed: SUMMIT_ORGANISERS, request: (a, n) => a.api('DELETE', `/api/v1${M}/agendas/${drafting[n]!.scratch}/ambitions/${drafting[n]!.apiAmbition}`) },
  { name: 'POST open the comment period (API)', allowed: SUMMIT_ORGANISERS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${drafting[n]!.apiConcept}/comment-period`, { opensOn: '2099-01-01', closesOn: '2099-01-31' }) },
  { name: 'POST record the adoption (API, the board of De Lindenhof)', allowed: AGENDA_ADOPTERS,
    request: (a, n) => a.api('POST', `/api/v1${M}/agendas/${drafting[n]!.apiRevision}/adoption`, { adoptedBy: 'Algemene ledenvergadering', method: 'meetingConsent', adoptedOn: amsterdamDay() }) },
  // ---- the same through the API
  { name: 'PUT organisation (API)', allowed: MANAGERS,
    request: (a, n) => a.api('PUT', `/api/v1${M}/organisations/${lindenhof}`, { kind: 'association', name: `De Lindenhof API ${n}`, areaCode: 'BU99990102' }) },
  { name: 'POST organisation (API, provider)', allowed: OFFICIALS,
    request: (a, n) => a.api('POST', `/api/v1${M}/organisations`, { kind: 'freelancer', name: `Zzp ${n}` }) },
  { name: 'GET roles (API)', allowed: ADMINS, request: (a) => a.api('GET', `/api/v1${M}/roles`) },
  { name: 'POST role (API)', allowed: ADMINS,
    request: (a, n) => a.api('POST', `/api/v1${M}/roles`, { email: `doel-${n}@test.example`, role: 'professional', scopeType: 'municipality' }) },
  { name: 'PUT settings (API)', allowed: ADMINS,
    request: (a, n) => a.api('PUT', `/api/v1${M}/settings`, { name: `Voorbeeldstad API ${n}`, primaryColour: '#1d5c4d', accentColour: '#0e3b31' }) },
  { name: 'PUT public value (API)', allowed: ADMINS,
    request: (a, n) => a.api('PUT', `/api/v1${M}/public-values/${publicValueId}`, { nameNl: `Duurzaamheid ${n}`, nameEn: `Sustainability ${n}`, descriptionNl: 'Zuinig.', descriptionEn: 'Careful.' }) },
  { name: 'GET audit (API)', allowed: ADMINS, request: (a) => a.api('GET', `/api/v1${M}/audit`) },
  { name: 'GET installation audit (API)', allowed: ['installAdmin'], request: (a) => a.api('GET', '/api/v1/audit') },
  { name: 'GET area imports (API)', allowed: ['installAdmin'], request: (a) => a.api('GET', '/api/v1/area-imports') },
  { name: 'POST ecosystem actor (API)', allowed: ECOSYSTEM_CONTRIBUTORS,
    request: (a, n) => a.api('POST', `/api/v1${M}/areas/${LINDENHOF_NB}/ecosystem/actors`, { kind: 'initiative', name: `Initiatief ${n}` }) },
  { name: 'POST history entry (API)', allowed: VERIFIED,
    request: (a, n) => a.api('POST', `/api/v1${M}/areas/${LINDENHOF_NB}/history`, { title: `Verhaal API ${n}`, kind: 'other', when: '2010', story: 'Zo ging het.', sources: [{ citation: 'Buurtkrant' }] }) },
  { name: 'POST money flows import (API)', allowed: OFFICIALS, request: (a, n) => a.api('POST', `/api/v1${M}/money-flows/import`, { csv: moneyFlowsCsv(n) }) },
];

/** A draft of the house rules through the editor form (a part of the demo's rules, reworded per actor). */
function saveHouseRulesDraft(a: Agent, n: number): Promise<TestResponse> {
  return a.postForm(`${M}/beheer/huisregels`, { title: 'Huisregels voor bijdragen', 'sections.1.key': 'waarom', 'sections.1.heading': 'Waarom deze huisregels?', 'sections.1.body': `Iedereen is welkom (${n}).` });
}

const ecosystem = (code: string) => `${M}/gebieden/${code}/ecosysteem`;
const history = (code: string) => `${M}/gebieden/${code}/geschiedenis`;
const money = (code: string) => `${M}/gebieden/${code}/geldstromen`;
const picture = (code: string) => `${M}/gebieden/${code}/wijkbeeld`;

/** A file of one flow for a neighbourhood and year no other cell uses (an import replaces what the file names). */
function moneyFlowsCsv(n: number): string {
  return `year;area_code;source;purpose;amount_eur;method;certainty\n2023;BU99990103;subsidies;Buurtbudget ${n};${500 + n},00;Beschikking;measured\n`;
}

/** A draft of an area's wijkbeeld through the editor form (its three standard parts, reworded per actor). */
function savePictureDraft(a: Agent, code: string, n: number): Promise<TestResponse> {
  return a.postForm(`${picture(code)}/bewerken`, {
    title: 'Wijkbeeld', 'sections.1.key': 'trots', 'sections.1.body': `De zomermarkt (${n}).`,
    'sections.2.key': 'zorgen', 'sections.2.body': 'De huren.', 'sections.3.key': 'nodig', 'sections.3.body': 'Een vaste plek.',
  });
}

function refused(response: TestResponse): boolean {
  if (response.statusCode === 401 || response.statusCode === 403) return true;
  return response.statusCode === 303 && String(response.headers.location ?? '').includes('/inloggen');
}

async function auditCount(): Promise<number> {
  const row = await tp.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('role matrix: routes × roles × scopes', () => {
  for (const cell of cells) {
    it(cell.name, async () => {
      const outcomes: string[] = [];
      for (const [n, actor] of ACTORS.entries()) {
        const before = await auditCount();
        const response = await cell.request(agents.get(actor)!, n);
        const isAllowed = cell.allowed.includes(actor);
        const wasRefused = refused(response);
        if (isAllowed && (wasRefused || response.statusCode >= 400)) outcomes.push(`${actor}: expected allowed, got ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (!isAllowed && !wasRefused) outcomes.push(`${actor}: expected refused, got ${response.statusCode}`);
        if (!isAllowed && (await auditCount()) !== before) outcomes.push(`${actor}: a refused request changed data`);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
