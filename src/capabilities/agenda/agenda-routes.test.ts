import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, signInDirectly, type Agent } from '../../../test/support/http.js';
import { openAgendaWorld, revisionOf, type AgendaWorld, type AgendaWorldPhase } from '../../../test/support/agenda-world.js';
import { newId } from '../../platform/db/helpers.js';
import { execute } from '../../platform/service.js';
import { addDays } from '../summit/model.js';
import { addProgress } from './follow-up-service.js';
import { agendaToday, openComments } from './service.js';
import { publicationMessages } from './publication-messages.js';

describe('publication messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(publicationMessages));
});

/** The agenda's public page, its comments on the concept and its paper forms, through the real server (SQLite). */
describe('agenda: the public page, comments and paper', () => {
  let w: AgendaWorld;
  let app: FastifyInstance;
  let as: Record<'anna' | 'bert' | 'carl' | 'anonymous', Agent>;
  afterEach(async () => { await app?.close(); await w?.close(); });

  const open = async (phase: AgendaWorldPhase) => {
    w = await openAgendaWorld('sqlite', phase);
    app = await buildTestApp(w.tp.platform);
    as = { anna: agent(app), bert: agent(app), carl: agent(app), anonymous: agent(app) };
    for (const who of ['anna', 'bert', 'carl'] as const) await signInDirectly(as[who], w.tp.platform, `${who}@test.example`);
  };
  const page = () => `/pleindorp/wijkagendas/${w.agendaId}`;
  const counts = async () => {
    const db = w.tp.platform.db;
    const n = async (table: 'comments' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return [await n('comments'), await n('audit_log')];
  };

  it('shows readers a draft as not public yet (no content, no paper, no comments); editors see that and the way to the editor', async () => {
    await open('draft');
    const reader = await as.anonymous.get(page());
    expect(reader.statusCode).toBe(200);
    expect(reader.body).toContain('Deze agenda is nog niet openbaar.');
    expect(reader.body).toContain('Bewonersvereniging Een-B');
    expect(reader.body).toContain('Concept in de maak');
    expect(reader.body).not.toContain('Betaalbaar blijven wonen');
    expect(reader.body).not.toContain('/bewerken');
    const editor = await as.anna.get(page());
    expect(editor.body).toContain('Er is nog geen openbare versie.');
    expect(editor.body).toContain(`href="/pleindorp/wijkagendas/${w.agendaId}/bewerken"`);
    for (const path of ['/document', '/document.pdf', '/folder', '/document?versie=1']) expect((await as.bert.get(`${page()}${path}`)).statusCode).toBe(404);
    expect((await as.anonymous.get(`/pleindorp/reacties/agenda/${w.agendaId}`)).statusCode).toBe(404);
    expect((await as.bert.postForm('/pleindorp/reacties', { subjectType: 'agenda', subjectId: w.agendaId, body: 'Te vroeg.' })).statusCode).toBe(404);
    expect((await as.anonymous.get('/pleindorp/wijkagendas/onbekend')).statusCode).toBe(404);
    expect((await as.anonymous.get(`/anderdorp/wijkagendas/${w.agendaId}`)).statusCode).toBe(404);
  }, 60_000);

  it('keeps a concept whose period has not begun from readers (no content, no comments), and shows it to editors as not public yet', async () => {
    await open('draft');
    const opens = addDays(agendaToday(), 3);
    await execute(w.ctx.anna, openComments, { agendaId: w.agendaId, opensOn: opens, closesOn: addDays(opens, 13), expectedRevision: await revisionOf(w.tp.platform.db, w.a.id, w.agendaId) });
    const reader = (await as.bert.get(page())).body;
    expect(reader).toContain('Reageren kan vanaf');
    expect(reader).toContain('Deze agenda is nog niet openbaar.');
    expect(reader).not.toContain('Betaalbaar blijven wonen');
    expect((await as.bert.get(`${page()}/document?versie=1`)).statusCode).toBe(404);
    expect((await as.bert.postForm('/pleindorp/reacties', { subjectType: 'agenda', subjectId: w.agendaId, body: 'Te vroeg.' })).statusCode).toBe(404);
    const editor = (await as.anna.get(page())).body;
    expect(editor).toContain('Er is nog geen openbare versie.');
    expect(editor).toContain('Concept (versie 1)');
    expect(editor).toContain('Betaalbaar blijven wonen');
    expect(editor).not.toContain('name="body"');
    expect((await as.anna.get(`${page()}/document`)).statusCode).toBe(200);
  }, 60_000);

  it('shows the concept during the comment period with its ambitions, and takes residents\' comments under it', async () => {
    await open('commentsOpen');
    const reader = (await as.anonymous.get(page())).body;
    expect(reader).toContain('Concept (versie 1)');
    expect(reader).toContain('Dit is het concept. Iedereen uit de buurt kan erop reageren, tot en met');
    expect(reader).toContain('Betaalbaar blijven wonen');
    expect(reader).toContain('Eigen doel van de buurt');
    expect(reader).toContain('Log in om te reageren');
    // The concept's ambitions do not link to pages that belong to an adopted agenda.
    expect(reader).not.toContain('/ambities/');
    expect(reader).not.toContain('/folder');
    const posted = await as.bert.postForm('/pleindorp/reacties', { subjectType: 'agenda', subjectId: w.agendaId, body: 'Graag ook iets voor jongeren.' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(new RegExp(`^/pleindorp/wijkagendas/${w.agendaId}#reactie-`));
    expect((await as.anonymous.get(page())).body).toContain('Graag ook iets voor jongeren.');
    expect((await as.carl.get(page())).body).toContain('Bevestig eerst uw e-mailadres');
  }, 60_000);

  it('after the period keeps the concept and its comments readable, and refuses a new comment with the reason, changing nothing', async () => {
    await open('revision');
    const db = w.tp.platform.db;
    await db.insertInto('comments').values({ id: newId(), municipality_id: w.a.id, subject_type: 'agenda', subject_id: w.agendaId, author_id: w.ids.bert, body: 'Op tijd gereageerd.', status: 'published', created_at: '2026-01-02T10:00:00Z', deleted_at: null }).execute();
    const reader = (await as.bert.get(page())).body;
    expect(reader).toContain('Op tijd gereageerd.');
    expect(reader).toContain('Reageren kon tot en met');
    expect(reader).not.toContain('name="body"');
    const before = await counts();
    const refused = await as.bert.postForm('/pleindorp/reacties', { subjectType: 'agenda', subjectId: w.agendaId, body: 'Te laat.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Reageren kon tot en met');
    expect(await counts()).toEqual(before);
  }, 60_000);

  it('shows the adopted agenda with its adoption record, links to its ambitions, paper, distribution and progress, and the concept\'s comments', async () => {
    await open('adopted');
    await w.tp.platform.db.insertInto('comments').values({ id: newId(), municipality_id: w.a.id, subject_type: 'agenda', subject_id: w.agendaId, author_id: w.ids.bert, body: 'Op het concept.', status: 'published', created_at: '2026-01-02T10:00:00Z', deleted_at: null }).execute();
    const body = (await as.anonymous.get(page())).body;
    expect(body).toContain('Vastgestelde agenda (versie 2)');
    expect(body).toContain('Algemene ledenvergadering');
    expect(body).toContain('in een open bewonersbijeenkomst, bij consent');
    expect(body).toContain('Veertig leden aanwezig.');
    expect(body).toContain('ALV-2026-07');
    expect(body).not.toContain('Verstuurd naar');
    expect(body).toContain(`href="/pleindorp/wijkagendas/${w.agendaId}/ambities/${w.ambitionIds[0]}"`);
    expect(body.match(/Stand: Nog niet begonnen</g)).toHaveLength(w.ambitionIds.length);
    for (const path of ['/document', '/document.pdf', '/folder', '/folder.pdf', '/verzending', '/voortgang', '/versies']) expect(body).toContain(`href="${page()}${path}"`);
    expect(body).toContain(`href="/pleindorp/reacties/agenda/${w.agendaId}">Reacties op het concept (1)`);
    expect(body).not.toContain('Op het concept.');
    expect((await as.anonymous.get(`/pleindorp/reacties/agenda/${w.agendaId}`)).body).toContain('De agenda is vastgesteld; reageren kan niet meer.');
    expect((await as.anna.get(page())).body).not.toContain('/bewerken"');
    // Where each ambition stands, as its last progress update says.
    await execute(w.ctx.anna, addProgress, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, status: 'underWay', happened: 'Een eerste gesprek.', reportedOn: agendaToday() });
    const updated = (await as.anonymous.get(page())).body;
    const article = updated.slice(updated.indexOf(`id="ambitie-${w.ambitionIds[0]}"`));
    expect(article.slice(0, article.indexOf('</article>'))).toContain('Stand: Onderweg (bijgewerkt ');
    expect(updated.match(/Stand: Nog niet begonnen</g)).toHaveLength(w.ambitionIds.length - 1);
    // In English the public values have their English names.
    const english = (await as.anonymous.get(`${page()}?lang=en`)).body;
    expect(english).toContain('Adopted agenda (version 2)');
    const value = await w.tp.platform.db.selectFrom('agenda_ambition_values').select(['name_nl', 'name_en']).where('ambition_id', '=', w.ambitionIds[0]!).orderBy('name_en').executeTakeFirstOrThrow();
    expect(english).toContain(value.name_en);
    expect(english).not.toContain(value.name_nl);
  }, 60_000);

  it('prints the public version by default, an earlier one on request, never one after it, and the folder with the ambitions, QR code and adoption', async () => {
    await open('adopted');
    const doc = await as.anonymous.get(`${page()}/document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain('class="ba-print"');
    expect(doc.body).toContain('Vastgesteld door Algemene ledenvergadering op');
    expect(doc.body).toContain('Kenmerk: ALV-2026-07.');
    expect(doc.body).toContain('Betaalbaar blijven wonen');
    expect(doc.body).not.toContain('/ambities/');
    expect(doc.body).toContain('<option value="1">');
    const concept = await as.anonymous.get(`${page()}/document?versie=1`);
    expect(concept.body).toContain('Concept (versie 1)');
    expect(concept.body).toContain('Bewoners konden erop reageren van');
    expect((await as.anonymous.get(`${page()}/document?versie=3`)).statusCode).toBe(404);
    const folder = await as.anonymous.get(`${page()}/folder`);
    expect(folder.statusCode).toBe(200);
    expect(folder.body).toContain('ba-print--leaflet');
    expect(folder.body).not.toContain('ba-print-toc');
    expect(folder.body).toContain('<li>Betaalbaar blijven wonen</li>');
    expect(folder.body).toContain('(eigen doel van de buurt)');
    expect(folder.body).toContain('<svg');
    expect(folder.body).toContain(`/pleindorp/wijkagendas/${w.agendaId}</a>`);
    expect(folder.body).toContain('Vastgesteld door Algemene ledenvergadering op');
  }, 60_000);
});
