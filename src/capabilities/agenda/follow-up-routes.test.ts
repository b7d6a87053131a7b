import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAgendaWorld, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { summitForm } from '../../../test/support/summit-world.js';
import { readCsv } from '../../platform/csv.js';
import { execute } from '../../platform/service.js';
import { createSummit } from '../summit/service.js';
import { addDays } from '../summit/model.js';
import { addAmbitionMember, addProgress } from './follow-up-service.js';
import { correctionsOf } from './follow-up-store.js';
import { agendaToday, createAgenda } from './service.js';
import { agendaAmbitionsOf, agendaMembersOf, findAgenda, progressOf } from './store.js';
import { carryOverButton } from './follow-up-routes.js';

/** The follow-up's pages through the real server (SQLite): the public, the editorial team (Anna), a plain member (Bert). */
describe('agenda follow-up: pages', () => {
  let w: AgendaWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let anonymous: Agent;
  const today = agendaToday();
  const adoptedOn = addDays(today, -200);
  const M = '/pleindorp';
  const agenda = () => `${M}/wijkagendas/${w.agendaId}`;
  const ambition = (i = 0) => `${agenda()}/ambities/${w.ambitionIds[i]}`;
  const count = async (table: 'agenda_progress' | 'agenda_members' | 'audit_log') =>
    Number((await w.tp.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => {
    w = await openAgendaWorld('sqlite', 'adopted');
    await w.tp.platform.db.updateTable('agendas').set({ adopted_on: adoptedOn }).where('id', '=', w.agendaId).execute();
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    anonymous = agent(app);
  }, 90_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('shows an ambition as adopted with its group\'s size to everyone, the names and the forms to the editorial team', async () => {
    await execute(w.ctx.anna, addAmbitionMember, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, name: 'Fatima Yilmaz', role: 'trekker' });
    const page = await anonymous.get(ambition());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="utrecht-heading-1">Betaalbaar blijven wonen</h1>');
    expect(page.body).toContain('De ambitie zoals vastgesteld');
    expect(page.body).toContain('Woningruil voor ouderen opzetten');
    expect(page.body).toContain('Eén persoon werkt aan deze ambitie.');
    expect(page.body).toContain('Wil je meedoen? Laat het weten aan Bewonersvereniging Een-B.');
    expect(page.body).toContain('Nog niet begonnen (nog geen voortgang gemeld)');
    expect(page.body).not.toContain('Fatima');
    expect(page.body).not.toContain('name="happened"');
    const editor = await anna.get(ambition());
    expect(editor.body).toContain('Fatima Yilmaz — trekker');
    expect(editor.body).toContain('name="happened"');
    expect(editor.body).toContain(`value="${today}"`);
    // Unknown ambitions and agendas not yet adopted have no such page.
    expect((await anonymous.get(`${agenda()}/ambities/onbekend`)).statusCode).toBe(404);
    const { id: draft } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, previousAgendaId: w.agendaId });
    expect((await anna.get(`${M}/wijkagendas/${draft}/voortgang`)).statusCode).toBe(404);
  });

  it('lets the editorial team report progress on a short form, names what is missing, and correct an update in the open', async () => {
    const bad = await anna.postForm(`${ambition()}/voortgang`, { status: 'dropped', happened: 'We stoppen.', reason: '', reportedOn: addDays(today, 3) });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-reason">Waarom?: Vertel waarom jullie stoppen met deze ambitie.</a>');
    expect(bad.body).toContain('href="#field-reportedOn">Over welke datum gaat dit?: Deze datum ligt in de toekomst.</a>');
    expect(bad.body).toContain('We stoppen.');
    expect(await count('agenda_progress')).toBe(0);
    const saved = await anna.postForm(`${ambition()}/voortgang`, { status: 'underWay', happened: 'Eerste gesprek met de corporatie.', next: 'Een plan maken.', reportedOn: addDays(today, -10) });
    expect(saved.statusCode).toBe(303);
    const [update] = await progressOf(w.tp.platform.db, [w.ambitionIds[0]!]);
    expect(String(saved.headers.location)).toBe(`${ambition()}#voortgang-${update!.id}`);
    const page = await anonymous.get(ambition());
    expect(page.body).toContain(`id="voortgang-${update!.id}"`);
    expect(page.body).toContain('Eerste gesprek met de corporatie.');
    expect(page.body).toContain('Onderweg (bijgewerkt op');
    // The correction form starts from the update; what it said before stays visible after.
    const form = await anna.get(`${ambition()}/voortgang/${update!.id}/corrigeren`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Eerste gesprek met de corporatie.</textarea>');
    const corrected = await anna.postForm(`${ambition()}/voortgang/${update!.id}/corrigeren`, { status: 'underWay', happened: 'Eerste gesprek met woningcorporatie De Brug.', next: 'Een plan maken.', reportedOn: addDays(today, -10) });
    expect(corrected.statusCode).toBe(303);
    expect(await correctionsOf(w.tp.platform.db, [update!.id])).toHaveLength(1);
    const after = await anonymous.get(ambition());
    expect(after.body).toContain('Eerste gesprek met woningcorporatie De Brug.');
    expect(after.body).toContain('Eerder stond hier: Onderweg');
    expect(after.body).toContain('— Eerste gesprek met de corporatie.');
  });

  it('keeps the working group on the page: added with a name, removed with a button; refused to others, who change nothing', async () => {
    const bad = await anna.postForm(`${ambition(1)}/werkgroep`, { name: '', role: 'trekker' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-name">Naam: Vul dit veld in.</a>');
    expect((await anna.postForm(`${ambition(1)}/werkgroep`, { name: 'Henk', role: '' })).statusCode).toBe(303);
    const [member] = await agendaMembersOf(w.tp.platform.db, [w.ambitionIds[1]!]);
    const before = await Promise.all([count('agenda_members'), count('agenda_progress'), count('audit_log')]);
    for (const who of [bert, anonymous]) {
      const refused = [
        await who.postForm(`${ambition(1)}/werkgroep`, { name: 'Piet' }),
        await who.postForm(`${ambition(1)}/werkgroep/${member!.id}/verwijderen`, {}),
        await who.postForm(`${ambition(1)}/voortgang`, { status: 'underWay', happened: 'x', reportedOn: today }),
        await who.get(`${M}/wijkagendas/${w.agendaId}/overnemen`),
      ];
      expect(refused.map((r) => r.statusCode === 403 || r.statusCode === 401 || (r.statusCode === 303 && String(r.headers.location).includes('/inloggen')))).toEqual([true, true, true, true]);
    }
    expect(await Promise.all([count('agenda_members'), count('agenda_progress'), count('audit_log')])).toEqual(before);
    expect((await anna.postForm(`${ambition(1)}/werkgroep/${member!.id}/verwijderen`, {})).statusCode).toBe(303);
    expect(await agendaMembersOf(w.tp.platform.db, [w.ambitionIds[1]!])).toEqual([]);
  });

  it('shows progress over time in tables, as CSV (formulas guarded) and as open data', async () => {
    await execute(w.ctx.anna, addProgress, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, status: 'achieved', happened: 'Tien ruilen.', reportedOn: today });
    await execute(w.ctx.anna, addProgress, { agendaId: w.agendaId, ambitionId: w.ambitionIds[2]!, status: 'dropped', happened: 'Niemand.', reason: 'Geen vrijwilligers.', reportedOn: today });
    await w.tp.platform.db.updateTable('agenda_ambitions').set({ title: '=HYPERLINK("x")' }).where('id', '=', w.ambitionIds[1]!).execute();
    const page = await anonymous.get(`${agenda()}/voortgang`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption class="utrecht-table__caption">Aantal ambities per stand, per jaar en nu</caption>');
    expect(page.body).toContain('<span class="ba-tag">Bereikt</span>');
    expect(page.body).toContain('<span class="ba-visually-hidden">nog niet</span>');
    const csv = await anonymous.get(`${agenda()}/voortgang.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = [...readCsv(csv.body, ';')].map((r) => r.fields);
    expect(rows[0]!.slice(0, 6)).toEqual(['Thema', 'Ambitie', 'Eigen doel', 'Stand nu', 'Laatst bijgewerkt', 'Werkgroep (aantal)']);
    expect(rows.slice(1).map((r) => r[3])).toEqual(['Bereikt', 'Nog niet begonnen', 'Gestopt', 'Nog niet begonnen']);
    expect(rows[2]![1]).toBe('\'=HYPERLINK("x")');
    const api = await anonymous.api('GET', `/api/v1${M}/agendas/${w.agendaId}/progress`);
    expect(api.statusCode).toBe(200);
    const json = api.json() as { adoptedOn: string; themes: Array<{ ambitions: Array<{ status: string; updates: unknown[]; workingGroupSize: number }> }>; totals: { now: Record<string, number> } };
    expect(json.adoptedOn).toBe(adoptedOn);
    expect(json.themes.flatMap((t) => t.ambitions.map((a) => a.status))).toEqual(['achieved', 'notStarted', 'dropped', 'notStarted']);
    expect(json.totals.now).toEqual({ notStarted: 2, underWay: 0, achieved: 1, dropped: 1 });
    // The editorial team reports through the API with the same use case; others are refused, bad input is named.
    const url = `/api/v1${M}/agendas/${w.agendaId}/ambitions/${w.ambitionIds[3]}/progress`;
    const body = { status: 'underWay', happened: 'Een ruimte gevonden.', reportedOn: today };
    expect((await bert.api('POST', url, body)).statusCode).toBe(403);
    const bad = await anna.api('POST', url, { ...body, status: 'dropped' });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('reason');
    const created = await anna.api('POST', url, body);
    expect(created.statusCode).toBeLessThan(300);
    expect((await progressOf(w.tp.platform.db, [w.ambitionIds[3]!])).map((u) => u.id)).toEqual([(created.json() as { id: string }).id]);
  });

  it('carries the open ambitions over into the next agenda on its own page, and a later BuurtTop of the area starts from the previous agenda', async () => {
    await execute(w.ctx.anna, addProgress, { agendaId: w.agendaId, ambitionId: w.ambitionIds[0]!, status: 'achieved', happened: 'Tien ruilen.', reportedOn: today });
    const { id: next } = await execute(w.ctx.anna, createAgenda, { areaCode: w.n[1], organiserId: w.association, previousAgendaId: w.agendaId });
    // The editor's piece: the count and the button, while there is something to take over.
    const nextAgenda = async () => (await findAgenda(w.tp.platform.db, w.a.id, next))!;
    const piece = String(await carryOverButton(w.ctx.anna, await nextAgenda(), 'token'));
    expect(piece).toContain('zijn 3 ambities nog niet bereikt en niet gestopt');
    expect(piece).toContain(`action="${M}/wijkagendas/${next}/overnemen"`);
    const form = await anna.get(`${M}/wijkagendas/${next}/overnemen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Niet overgenomen (bereikt of gestopt)');
    const carried = await anna.postForm(`${M}/wijkagendas/${next}/overnemen`, {});
    expect(carried.statusCode).toBe(303);
    expect(String(carried.headers.location)).toBe(`${M}/wijkagendas/${next}/bewerken`);
    expect(await agendaAmbitionsOf(w.tp.platform.db, next)).toHaveLength(3);
    expect(await carryOverButton(w.ctx.anna, await nextAgenda(), 'token')).toBeNull();
    const again = await anna.postForm(`${M}/wijkagendas/${next}/overnemen`, {});
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('Er zijn geen open ambities meer om over te nemen.');
    // The summit the agenda came from does not show it; the next BuurtTop of the area does.
    expect((await anonymous.get(`${M}/buurttops/${w.summitId}`)).body).not.toContain('Waar staan we met de vorige agenda');
    const { id: later } = await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2030-03-15' }));
    const summit = await anonymous.get(`${M}/buurttops/${later}`);
    expect(summit.body).toContain('Waar staan we met de vorige agenda');
    expect(summit.body).toContain(`href="${M}/wijkagendas/${w.agendaId}/voortgang"`);
    expect(summit.body).toContain('<span class="ba-tag">Bereikt</span>');
  });
});
