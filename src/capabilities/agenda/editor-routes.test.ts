import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { movePeriodBack, openAgendaWorld, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { editorMessages } from './editor-messages.js';
import { agendaAmbitionsOf, findAgenda, themesOf } from './store.js';

describe('agenda editor messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(editorMessages));
});

/** The lists, the "new agenda" flow, the editor and the versions, through the real server (SQLite). */
describe('agenda: editor pages, versions and API', () => {
  let w: AgendaWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let olga: Agent;
  let anonymous: Agent;
  const M = '/pleindorp';
  const audits = async () => Number((await w.tp.platform.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const revision = async () => (await findAgenda(w.tp.platform.db, w.a.id, w.agendaId))!.revision;
  const edit = () => `${M}/wijkagendas/${w.agendaId}/bewerken`;

  beforeEach(async () => {
    w = await openAgendaWorld('sqlite', 'draft');
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    olga = await signedInAgent(app, w.tp.platform, 'olga@test.example');
    anonymous = agent(app);
  }, 120_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('sends editors of an adopted agenda from its forms back to the editor with the reason, rather than a form that can only be refused', async () => {
    await w.tp.platform.db.updateTable('agendas').set({ status: 'adopted', adopted_on: '2026-01-10', adopted_version: 1 }).where('id', '=', w.agendaId).execute();
    const ambitionId = (await agendaAmbitionsOf(w.tp.platform.db, w.agendaId))[0]!.id;
    for (const form of ['gegevens', 'reactietermijn', `ambities/${ambitionId}`]) {
      const response = await anna.get(`${edit()}/${form}`);
      expect(response.statusCode, form).toBe(303);
      expect(response.headers.location, form).toBe(edit());
      expect((await anna.get(edit())).body, form).toContain('Deze agenda is vastgesteld en kan niet meer worden gewijzigd.');
    }
  });

  it('lists the agendas of the municipality and of an area, with the way to start one only for those who may', async () => {
    const list = await anonymous.get(`${M}/wijkagendas`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Toekomstagenda Buurt Een-B');
    expect(list.body).toContain('Concept in de maak');
    expect(list.body).not.toContain('/wijkagendas/nieuw');
    expect((await anna.get(`${M}/wijkagendas`)).body).toContain(`href="${M}/wijkagendas/nieuw"`);
    const area = await anonymous.get(`${M}/gebieden/${w.n[1]}/wijkagenda`);
    expect(area.statusCode).toBe(200);
    expect(area.body).toContain('Huidige agenda');
    expect((await anonymous.get(`${M}/gebieden/${w.n[0]}`)).body).toContain('Dit gebied heeft nog geen wijkagenda.');
    expect((await anonymous.get(`${M}/gebieden/${w.n[1]}`)).body).toContain(`href="${M}/wijkagendas/${w.agendaId}"`);
    const summit = await anonymous.get(`${M}/buurttops/${w.summitId}`);
    expect(summit.body).toContain('id="section-agenda-from-summit"');
    expect(summit.body).toContain(`href="${M}/wijkagendas/${w.agendaId}"`);
  });

  it('starts an agenda in two short steps, naming what it refuses', async () => {
    expect((await anonymous.get(`${M}/wijkagendas/nieuw`)).statusCode).not.toBe(200);
    const step1 = await anna.get(`${M}/wijkagendas/nieuw`);
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain(`<option value="${w.n[1]}">`);
    expect(step1.body).not.toContain(`<option value="${w.n[2]}">`); // Anna organises in n[1] only
    const step2 = await anna.get(`${M}/wijkagendas/nieuw?gebied=${w.n[1]}`);
    expect(step2.body).toContain(`<option value="${w.association}" selected>Bewonersvereniging Een-B</option>`);
    expect(step2.body).not.toContain(`<option value="${w.summitId}"`); // its summit has an agenda already
    const before = await audits();
    const bad = await anna.postForm(`${M}/wijkagendas/nieuw`, { areaCode: w.n[1], organiserId: w.taskGroup, firstYear: '2031' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-organiserId">Namens: Kies een bewonersorganisatie of taakgroep die in dit gebied organiseert.</a>');
    expect(await audits()).toBe(before);
    const made = await anna.postForm(`${M}/wijkagendas/nieuw`, { areaCode: w.n[1], organiserId: w.association, firstYear: '2031' });
    expect(made.statusCode).toBe(303);
    const editor = await anna.get(String(made.headers.location));
    expect(editor.statusCode).toBe(200);
    expect(editor.body).toContain('Toekomstagenda Buurt Een-B 2031–2034');
    expect(editor.body).toContain('Nog geen thema’s');
    expect((await bert.postForm(`${M}/wijkagendas/nieuw`, { areaCode: w.n[1], organiserId: w.association })).statusCode).toBe(403);
  });

  it('shows the editor to the editorial team only: themes, ambitions and what the first version will hold', async () => {
    const page = await anna.get(edit());
    expect(page.statusCode).toBe(200);
    const [housing, care] = await themesOf(w.tp.platform.db, w.agendaId);
    expect(page.body).toContain(`<h3 class="utrecht-heading-3" id="thema-${housing!.id}">Wonen</h3>`);
    expect(page.body).toContain(`id="thema-${care!.id}"`);
    expect(page.body).toContain('Betaalbaar blijven wonen');
    expect(page.body).toContain('Een buurtkamer die de buurt zelf runt');
    expect(page.body).toContain('Wat er in de eerste versie komt');
    expect(page.body).toContain('class="ba-diff-ins"');
    expect((await olga.get(edit())).statusCode).toBe(200); // the area's official
    expect((await bert.get(edit())).statusCode).toBe(403); // a plain member
    expect([401, 303]).toContain((await anonymous.get(edit())).statusCode);
  });

  it('edits an ambition on its own form, refusing a stale save and a carrier without a step, and changing nothing then', async () => {
    const first = (await agendaAmbitionsOf(w.tp.platform.db, w.agendaId)).find((a) => a.id === w.ambitionIds[0]);
    const path = `${edit()}/ambities/${first!.id}`;
    const form = await anna.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Woningruil voor ouderen opzetten"');
    expect(form.body).toContain(`name="expectedRevision" value="${await revision()}"`);
    const fields = { themeId: first!.themeId, title: 'Betaalbaar wonen voor iedereen', body: first!.body, horizon: '10', values: w.valueIds[3]!, step_1: 'Woningruil', carrier_1: 'Huurders' };
    const before = await audits();
    const stale = await anna.postForm(path, { ...fields, expectedRevision: String((await revision()) - 1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Iemand anders heeft de agenda intussen gewijzigd');
    const carrierOnly = await anna.postForm(path, { ...fields, expectedRevision: String(await revision()), carrier_3: 'Wie dan ook' });
    expect(carrierOnly.statusCode).toBe(422);
    expect(carrierOnly.body).toContain('href="#field-step_3">Stap 3: Vul ook de stap in');
    expect(await audits()).toBe(before);
    const saved = await anna.postForm(path, { ...fields, expectedRevision: String(await revision()) });
    expect(saved.statusCode).toBe(303);
    const after = (await agendaAmbitionsOf(w.tp.platform.db, w.agendaId)).find((a) => a.id === first!.id)!;
    expect(after).toMatchObject({ title: 'Betaalbaar wonen voor iedereen', steps: [{ step: 'Woningruil', carrier: 'Huurders' }] });
    expect(after.values.map((v) => v.valueId)).toEqual([w.valueIds[3]]);
  });

  it('adds a theme and an ambition, moves them, and refuses to remove a theme that has ambitions', async () => {
    const added = await anna.postForm(`${edit()}/themas`, { name: 'Groen', expectedRevision: String(await revision()) });
    expect(added.statusCode).toBe(303);
    const themes = await themesOf(w.tp.platform.db, w.agendaId);
    const groen = themes.find((t) => t.name === 'Groen')!;
    const ambition = await anna.postForm(`${edit()}/themas/${groen.id}/ambitie-nieuw`, {
      themeId: groen.id, title: 'Meer bomen', body: 'Elke straat een boom erbij.', horizon: '5', ownGoal: 'on', expectedRevision: String(await revision()),
    });
    expect(ambition.statusCode).toBe(303);
    expect((await anna.postForm(`${edit()}/themas/${groen.id}/omhoog`, { expectedRevision: String(await revision()) })).statusCode).toBe(303);
    expect((await themesOf(w.tp.platform.db, w.agendaId)).map((t) => t.name)).toEqual([themes[0]!.name, 'Groen', themes[1]!.name]);
    const refused = await anna.postForm(`${edit()}/themas/${groen.id}/verwijderen`, { expectedRevision: String(await revision()) });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Dit thema heeft nog 1 ambitie(s)');
    const [housing] = await themesOf(w.tp.platform.db, w.agendaId);
    const housingAmbitions = (await agendaAmbitionsOf(w.tp.platform.db, w.agendaId)).filter((a) => a.themeId === housing!.id);
    expect((await anna.postForm(`${edit()}/ambities/${housingAmbitions[1]!.id}/omhoog`, { expectedRevision: String(await revision()) })).statusCode).toBe(303);
    expect((await agendaAmbitionsOf(w.tp.platform.db, w.agendaId)).filter((a) => a.themeId === housing!.id).sort((a, b) => a.position - b.position).map((a) => a.id))
      .toEqual([housingAmbitions[1]!.id, housingAmbitions[0]!.id]);
  });

  it('opens the comment period on a concept, keeps its versions for everyone, and records the adoption after the period', async () => {
    const form = await anna.get(`${edit()}/reactietermijn`);
    expect(form.statusCode).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const opensOn = form.body.match(/name="opensOn" type="date"\s+value="([0-9-]+)"/)?.[1] ?? '';
    expect(opensOn).toBe(today);
    const closesOn = form.body.match(/name="closesOn" type="date"\s+value="([0-9-]+)"/)?.[1] ?? '';
    const short = await anna.postForm(`${edit()}/reactietermijn`, { opensOn, closesOn: opensOn, expectedRevision: String(await revision()) });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('De reactietermijn duurt minstens 7 en hoogstens 90 dagen.');
    expect((await anna.postForm(`${edit()}/reactietermijn`, { opensOn, closesOn, expectedRevision: String(await revision()) })).statusCode).toBe(303);
    const versions = await anonymous.get(`${M}/wijkagendas/${w.agendaId}/versies`);
    expect(versions.statusCode).toBe(200);
    expect(versions.body).toContain(`href="${M}/wijkagendas/${w.agendaId}/versies/1"`);
    const v1 = await anonymous.get(`${M}/wijkagendas/${w.agendaId}/versies/1`);
    expect(v1.statusCode).toBe(200);
    expect(v1.body).toContain('Concept voor reacties');
    expect(v1.body).toContain('Betaalbaar blijven wonen');
    expect((await anonymous.get(`${M}/wijkagendas/${w.agendaId}/vergelijken`)).body).toContain('Er is nog maar één versie.');
    expect((await anna.get(`${edit()}/vaststellen`)).statusCode).toBe(200);
    const early = await anna.postForm(`${edit()}/vaststellen`, { adoptedBy: 'ALV', method: 'meetingVote', adoptedOn: today, expectedRevision: String(await revision()) });
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('Vaststellen kan pas als de reactietermijn voorbij is.');

    await movePeriodBack(w.tp.platform.db, w.agendaId, 60);
    expect((await olga.get(`${edit()}/vaststellen`)).statusCode).toBe(403); // officials do not adopt
    const adopted = await anna.postForm(`${edit()}/vaststellen`, { adoptedBy: 'Algemene ledenvergadering', method: 'meetingVote', adoptedOn: today, decisionReference: 'ALV-7', expectedRevision: String(await revision()) });
    expect(adopted.statusCode).toBe(303);
    const compared = await anonymous.get(`${M}/wijkagendas/${w.agendaId}/vergelijken?van=1&naar=2`);
    expect(compared.statusCode).toBe(200);
    expect(compared.body).toContain('Versie 1 en versie 2 vergeleken');
    expect((await anonymous.get(`${M}/wijkagendas/${w.agendaId}/versies/2`)).body).toContain('ALV-7');
    const editor = await anna.get(edit());
    expect(editor.body).toContain('De agenda verandert niet meer.');
    expect(editor.body).not.toContain(`action="${edit()}/themas"`);
    const late = await anna.postForm(`${edit()}/themas`, { name: 'Te laat', expectedRevision: String(await revision()) });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Deze agenda is vastgesteld en kan niet meer worden gewijzigd.');
  });

  it('gives the agendas as open data and takes the same changes through the API', async () => {
    const list = await anonymous.api('GET', `/api/v1${M}/agendas`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: w.agendaId, phase: 'draft', areaCode: w.n[1], adoption: null })]);
    const publicOne = (await anonymous.api('GET', `/api/v1${M}/agendas/${w.agendaId}`)).json();
    expect(publicOne.versions).toEqual([]);
    expect(publicOne.draft).toBeUndefined();
    const own = (await anna.api('GET', `/api/v1${M}/agendas/${w.agendaId}`)).json();
    expect(own.draft.ambitions).toHaveLength(4);
    const stale = await anna.api('POST', `/api/v1${M}/agendas/${w.agendaId}/themes`, { name: 'Groen', expectedRevision: own.draft.revision - 1 });
    expect(stale.statusCode).toBe(409);
    const added = await anna.api('POST', `/api/v1${M}/agendas/${w.agendaId}/themes`, { name: 'Groen', expectedRevision: own.draft.revision });
    expect(added.statusCode).toBe(201);
    expect(added.json().revision).toBe(own.draft.revision + 1);
    expect((await bert.api('POST', `/api/v1${M}/agendas/${w.agendaId}/themes`, { name: 'Nee' })).statusCode).toBe(403);
    const bad = await anna.api('PUT', `/api/v1${M}/agendas/${w.agendaId}`, { title: '', firstYear: 2030, lastYear: 2029 });
    expect(bad.statusCode).toBe(422);
  });
});
