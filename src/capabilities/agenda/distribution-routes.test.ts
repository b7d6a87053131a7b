import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agent, buildTestApp, signedInAgent, type Agent } from '../../../test/support/http.js';
import { openAgendaWorld, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { execute } from '../../platform/service.js';
import { addDays } from '../summit/model.js';
import { addRecipient, recordResponse, sendAgenda } from './distribution-service.js';
import { agendaToday } from './service.js';
import { recipientsOf } from './store.js';

/** The distribution page and its forms, through the real server (SQLite). */
describe('agenda: distribution pages', () => {
  let w: AgendaWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let anonymous: Agent;
  beforeEach(async () => {
    w = await openAgendaWorld('sqlite', 'adopted');
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    anonymous = agent(app);
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  const base = () => `/pleindorp/wijkagendas/${w.agendaId}/verzending`;

  it('shows everyone who answered what, and the silence of who did not: the day asked and how long ago it was sent; addresses only to editors', async () => {
    const agendaId = w.agendaId;
    const { id: housing } = await execute(w.ctx.anna, addRecipient, { agendaId, name: 'Woonstede', kind: 'housing', email: 'buurt@woonstede.example' });
    const { id: care } = await execute(w.ctx.anna, addRecipient, { agendaId, name: 'Amstel Zorggroep', kind: 'care', email: 'info@zorg.example' });
    await execute(w.ctx.anna, sendAgenda, { agendaId });
    await execute(w.ctx.anna, recordResponse, { agendaId, recipientId: care, receivedOn: agendaToday(), summary: 'Wij doen mee met de bezoekersgroep.', link: 'https://zorg.example/antwoord' });
    // Time passes: the housing corporation was asked 50 days ago to answer within 42 days.
    const sent = addDays(agendaToday(), -50);
    await w.tp.platform.db.updateTable('agenda_recipients').set({ sent_at: `${sent}T09:00:00.000Z`, respond_by: addDays(sent, 42) }).where('id', '=', housing).execute();
    const page = await anonymous.get(base());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Antwoord: 1. Wacht op antwoord: 0. Geen antwoord: 1. Nog niet verstuurd: 0.');
    expect(page.body).toContain('Woonstede');
    expect(page.body).toContain('Geen antwoord — gevraagd vóór');
    expect(page.body).toContain('50 dagen geleden');
    expect(page.body).toContain('Al 8 dagen over de datum zonder antwoord.');
    expect(page.body).toContain('Wij doen mee met de bezoekersgroep.');
    expect((await anonymous.get(`/pleindorp/wijkagendas/${agendaId}`)).body).toContain('2 instelling(en): 1 antwoordden, 1 zonder antwoord na de gevraagde datum');
    // Silence first.
    expect(page.body.indexOf('Woonstede')).toBeLessThan(page.body.indexOf('Amstel Zorggroep'));
    expect(page.body).toContain('href="https://zorg.example/antwoord"');
    expect(page.body).not.toContain('buurt@woonstede.example');
    expect(page.body).not.toContain('name="kind"');
    const editor = (await anna.get(base())).body;
    expect(editor).toContain('E-mailadres: buurt@woonstede.example');
    expect(editor).toContain('name="kind"');
    expect(editor).toContain(`${base()}/instellingen/${housing}/antwoord`);
    expect(editor).not.toContain(`${base()}/instellingen/${housing}/verwijderen`);
  });

  it('adds, sends to and records answers of institutions through the forms, naming refused fields; others are refused and nothing changes', async () => {
    const bad = await anna.postForm(`${base()}/instellingen`, { organisationId: '', name: '', kind: '', email: 'fout' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-kind">Soort instelling:');
    expect(bad.body).toContain('href="#field-email">E-mailadres:');
    const noName = await anna.postForm(`${base()}/instellingen`, { organisationId: '', name: '', kind: 'housing', email: '' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('href="#field-name">Naam: Kies een organisatie of vul een naam in.');
    expect((await bert.postForm(`${base()}/instellingen`, { name: 'Woonstede', kind: 'housing' })).statusCode).toBe(403);
    expect((await anonymous.postForm(`${base()}/instellingen`, { name: 'Woonstede', kind: 'housing' })).statusCode).toBe(401);
    expect(await recipientsOf(w.tp.platform.db, w.agendaId)).toEqual([]);
    const added = await anna.postForm(`${base()}/instellingen`, { organisationId: '', name: 'Woonstede', kind: 'housing', email: 'buurt@woonstede.example' });
    expect(added.statusCode).toBe(303);
    const [recipient] = await recipientsOf(w.tp.platform.db, w.agendaId);
    const badSend = await anna.postForm(`${base()}/versturen`, { respondBy: agendaToday(), message: '' });
    expect(badSend.statusCode).toBe(422);
    expect(badSend.body).toContain('href="#field-respondBy">Antwoord graag vóór: Kies een datum na vandaag.');
    expect((await anna.postForm(`${base()}/versturen`, { respondBy: addDays(agendaToday(), 30), message: '' })).statusCode).toBe(303);
    expect((await recipientsOf(w.tp.platform.db, w.agendaId))[0]!.sentAt).not.toBeNull();
    const form = await anna.get(`${base()}/instellingen/${recipient!.id}/antwoord`);
    expect(form.statusCode).toBe(200);
    expect((await bert.get(`${base()}/instellingen/${recipient!.id}/antwoord`)).statusCode).toBe(403);
    const badAnswer = await anna.postForm(`${base()}/instellingen/${recipient!.id}/antwoord`, { receivedOn: agendaToday(), summary: '', link: 'geen link' });
    expect(badAnswer.statusCode).toBe(422);
    expect(badAnswer.body).toContain('href="#field-summary">');
    const answered = await anna.postForm(`${base()}/instellingen/${recipient!.id}/antwoord`, { receivedOn: agendaToday(), summary: 'Wij komen langs.', link: '' });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe(`${base()}#instelling-${recipient!.id}`);
    expect((await anonymous.get(base())).body).toContain('Wij komen langs.');
    // Sent: it stays on the list.
    expect((await anna.postForm(`${base()}/instellingen/${recipient!.id}/verwijderen`, {})).statusCode).toBe(409);
    expect((await anna.get(`${base()}/instellingen/onbekend/antwoord`)).statusCode).toBe(404);
  });

  it('gives the distribution as open data (addresses only to editors) and takes the same changes through the API', async () => {
    const api = `/api/v1/pleindorp/agendas/${w.agendaId}`;
    expect((await bert.api('POST', `${api}/recipients`, { name: 'Woonstede', kind: 'housing' })).statusCode).toBe(403);
    const bad = await anna.api('POST', `${api}/recipients`, { name: 'Woonstede', kind: 'bakery' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('kind');
    const added = await anna.api('POST', `${api}/recipients`, { name: 'Woonstede', kind: 'housing', email: 'buurt@woonstede.example' });
    expect(added.statusCode).toBe(201);
    const { id } = added.json() as { id: string };
    expect((await anna.api('POST', `${api}/distribution`, {})).json()).toEqual({ count: 1 });
    expect((await anna.api('POST', `${api}/recipients/${id}/responses`, { receivedOn: agendaToday(), summary: 'Wij komen langs.' })).statusCode).toBe(201);
    const open = (await anonymous.api('GET', `${api}/distribution`)).json() as { recipients: Array<Record<string, unknown>> };
    expect(open.recipients).toEqual([expect.objectContaining({ id, name: 'Woonstede', kind: 'housing', state: 'answered', sentVersion: 2, respondBy: addDays(agendaToday(), 42), responses: [{ receivedOn: agendaToday(), summary: 'Wij komen langs.', link: null }] })]);
    expect(open.recipients[0]).not.toHaveProperty('email');
    expect(((await anna.api('GET', `${api}/distribution`)).json() as { recipients: Array<Record<string, unknown>> }).recipients[0]!.email).toBe('buurt@woonstede.example');
  });
});
