import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { agent, buildTestApp, inputValue, signedInAgent, type Agent } from '../../../test/support/http.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { readAudit } from '../../platform/audit.js';
import { execute } from '../../platform/service.js';
import { registrationMessages } from './registration-messages.js';
import { registrationsOf } from './registration-store.js';
import { changeSummitStatus, createSummit } from './service.js';
import { registerByHand } from './registration-service.js';
import { groupsOf } from './store.js';

describe('summit registration messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(registrationMessages));
});

/** Registering through the real server (SQLite): the form on the summit's page, the mail's links, the organisers' list. */
describe('summit registration: pages', () => {
  let w: SummitWorld;
  let app: FastifyInstance;
  let anna: Agent;
  let bert: Agent;
  let visitor: Agent;
  let summitId: string;
  let page: string;
  const M = '/pleindorp';
  const lastMail = async (to: string) => (await w.tp.platform.db.selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow());
  const tokenIn = (text: string, kind: string) => new RegExp(`aanmelding/${kind}\\?sleutel=([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? '';

  beforeEach(async () => {
    w = await openSummitWorld('sqlite');
    summitId = (await execute(w.ctx.anna, createSummit, summitForm(w, { capacity: '1' }))).id;
    page = `${M}/buurttops/${summitId}`;
    app = await buildTestApp(w.tp.platform);
    anna = await signedInAgent(app, w.tp.platform, 'anna@test.example');
    bert = await signedInAgent(app, w.tp.platform, 'bert@test.example');
    visitor = agent(app, '198.51.100.7');
  }, 60_000);
  afterEach(async () => { await app.close(); await w.close(); });

  it('shows the form once registration opens, names what is wrong, registers once on a double submit, and confirms and cancels through the links', async () => {
    expect((await visitor.get(page)).body).not.toContain('id="aanmelden"');
    await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'registration' });
    const shown = await visitor.get(page);
    expect(shown.body).toContain('Nog 1 van 1 plaatsen vrij.');
    expect(shown.body).toContain(`action="${page}/aanmelden"`);
    const groups = await groupsOf(w.tp.platform.db, summitId);
    expect(shown.body).toContain(`name="theme-${groups[0]!.id}"`);
    const bad = await visitor.postForm(`${page}/aanmelden`, { name: 'Fatima', email: 'fatima@', children: 'twee' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-email">E-mailadres:');
    expect(bad.body).toContain('href="#field-children">Kinderopvang:');
    expect(bad.body).toContain('value="Fatima"');
    const noConsent = await visitor.postForm(`${page}/aanmelden`, { name: 'Fatima', email: 'fatima@example.org' });
    expect(noConsent.body).toContain('href="#field-consent">Toestemming: Zonder toestemming kunnen we je aanmelding niet bewaren.</a>');
    expect(await registrationsOf(w.tp.platform.db, summitId)).toEqual([]);

    const formKey = inputValue(shown.body, '_formkey')!;
    const fields = { _formkey: formKey, name: 'Fatima', email: 'fatima@example.org', consent: 'on', [`theme-${groups[2]!.id}`]: 'on', languageHelp: 'Arabisch' };
    const [one, two] = await Promise.all([visitor.postForm(`${page}/aanmelden`, fields), visitor.postForm(`${page}/aanmelden`, fields)]);
    expect([one.statusCode, two.statusCode]).toEqual([303, 303]);
    expect(await registrationsOf(w.tp.platform.db, summitId)).toMatchObject([{ status: 'pending', themes: [groups[2]!.id], languageHelp: 'Arabisch' }]);
    expect(await w.tp.platform.db.selectFrom('outbox').select('id').where('to_address', '=', 'fatima@example.org').execute()).toHaveLength(1);

    const confirmToken = tokenIn((await lastMail('fatima@example.org')).text_body, 'bevestigen');
    const confirmPage = await visitor.get(`${page}/aanmelding/bevestigen?sleutel=${confirmToken}`);
    expect(confirmPage.body).toContain('Ja, ik kom');
    expect(await registrationsOf(w.tp.platform.db, summitId)).toMatchObject([{ status: 'pending' }]); // a GET changes nothing
    const confirmed = await visitor.postForm(`${page}/aanmelding/bevestigen`, { sleutel: confirmToken });
    expect(confirmed.statusCode).toBe(303);
    expect((await visitor.get(String(confirmed.headers.location))).body).toContain('Je aanmelding is bevestigd.');
    expect((await visitor.get(page)).body).toContain('Alle plaatsen zijn bezet.');
    expect((await visitor.postForm(`${page}/aanmelding/bevestigen`, { sleutel: confirmToken })).statusCode).toBe(409);

    const cancelToken = tokenIn((await lastMail('fatima@example.org')).text_body, 'annuleren');
    expect((await visitor.postForm(`${page}/aanmelding/annuleren`, { sleutel: cancelToken })).statusCode).toBe(303);
    expect(await registrationsOf(w.tp.platform.db, summitId)).toMatchObject([{ status: 'cancelled' }]);
  });

  it('shows organisers the registrations, counts and needs, as a page and as CSV (audited); registers by hand and cancels; others are refused', async () => {
    await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'registration' });
    const form = await anna.get(`${page}/aanmeldingen/nieuw`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="consent"');
    expect((await anna.postForm(`${page}/aanmeldingen/nieuw`, { name: '' })).statusCode).toBe(422);
    expect((await anna.postForm(`${page}/aanmeldingen/nieuw`, { name: 'Mevrouw de Wit', phone: '020 123 4567', accessNeeds: 'Rolstoel', children: '2' })).statusCode).toBe(303);
    expect((await anna.postForm(`${page}/aanmeldingen/nieuw`, { name: '=HYPERLINK("x")', languageHelp: 'Turks' })).statusCode).toBe(303);
    const list = await anna.get(`${page}/aanmeldingen`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('1 aangemeld, 1 op de wachtlijst, 0 nog niet bevestigd, 0 geannuleerd.');
    expect(list.body).toContain('Mevrouw de Wit');
    expect(list.body).toContain('Toegankelijkheid: 1 deelnemers');
    expect(list.body).toContain('Kinderopvang: 2 kinderen');
    expect((await anna.get(page)).body).toContain('Aanmeldingen (1 aangemeld, 1 op de wachtlijst)');
    const csv = await anna.get(`${page}/aanmeldingen.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Mevrouw de Wit;;020 123 4567;Aangemeld');
    expect(csv.body).toContain('\'=HYPERLINK');
    expect((await readAudit(w.tp.platform.db, { action: 'summit.registrations.view' }))).toHaveLength(1);
    expect((await readAudit(w.tp.platform.db, { action: 'summit.registrations.download' }))).toHaveLength(1);

    const [first] = await registrationsOf(w.tp.platform.db, summitId);
    expect((await anna.postForm(`${page}/aanmeldingen/${first!.id}/annuleren`, {})).statusCode).toBe(303);
    expect((await registrationsOf(w.tp.platform.db, summitId)).map((r) => r.status)).toEqual(['cancelled', 'confirmed']);

    // A plain member of the association and a visitor see nothing of it.
    for (const who of [bert, visitor]) {
      expect([401, 403, 303]).toContain((await who.get(`${page}/aanmeldingen`)).statusCode);
      expect([401, 403, 303]).toContain((await who.get(`${page}/aanmeldingen.csv`)).statusCode);
      expect([401, 403]).toContain((await who.postForm(`${page}/aanmeldingen/nieuw`, { name: 'Iemand' })).statusCode);
    }
    expect((await bert.get(page)).body).not.toContain('/aanmeldingen"');
    expect(await registrationsOf(w.tp.platform.db, summitId)).toHaveLength(2);
  });
  it('lets organisers invite a group by e-mail, naming bad lines and sending nothing then', async () => {
    const form = await anna.get(`${page}/uitnodigingen`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Nog geen uitnodigingen verstuurd.');
    const bad = await anna.postForm(`${page}/uitnodigingen`, { group: 'keyPeople', addresses: 'a@example.org\nb@' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-addresses">E-mailadressen: Deze regels bevatten geen geldig e-mailadres: 2 (b@). Er is niets verstuurd.</a>');
    const sent = await anna.postForm(`${page}/uitnodigingen`, { group: 'keyPeople', addresses: 'a@example.org\nb@example.org', message: 'Graag tot dan.' });
    expect(sent.statusCode).toBe(303);
    const after = await anna.get(String(sent.headers.location));
    expect(after.body).toContain('Sterkhouders');
    expect(after.body).toContain('De uitnodigingen staan klaar om te versturen.');
    expect((await bert.get(`${page}/uitnodigingen`)).statusCode).toBe(403);
    expect((await bert.postForm(`${page}/uitnodigingen`, { group: 'keyPeople', addresses: 'c@example.org' })).statusCode).toBe(403);
  });
  it('prints the invitation letter for everyone: the summit, how to register with address and QR code, and a reply slip', async () => {
    const letter = await visitor.get(`${page}/uitnodigingen/brief`);
    expect(letter.statusCode).toBe(200);
    expect(letter.body).toContain('Uitnodiging: BuurtTop Buurt Een-B');
    expect(letter.body).toContain('<strong>zaterdag 15 maart 2031, 10:00–16:00</strong> · Buurthuis De Schakel');
    expect(letter.body).toContain(`${w.tp.platform.config.publicUrl}${page}/aanmelden</a>`);
    expect(letter.body).toContain('<svg class="ba-qr"');
    expect(letter.body).toContain('Antwoordstrook');
    expect(letter.body).toContain('☐ Zorg en zorgzaamheid');
    // One to an A4 by default; 2 (A5) or 4 (A6) to a sheet: the copy repeated, shown once on screen, the chosen layout marked, its PDF offered.
    expect(letter.body).toContain('class="ba-print ba-sheets ba-sheets--1"');
    expect(letter.body.match(/class="ba-sheet__copy/g)).toHaveLength(1);
    expect(letter.body).toContain('Samen vooruit.');
    const four = await visitor.get(`${page}/uitnodigingen/brief?per=4`);
    expect(four.body).toContain('class="ba-print ba-sheets ba-sheets--4"');
    expect(four.body.match(/class="ba-sheet__copy/g)).toHaveLength(4);
    expect(four.body.match(/class="ba-sheet__copy ba-sheet__copy--repeat"/g)).toHaveLength(3);
    expect(four.body.match(/<svg class="ba-qr"/g)).toHaveLength(4);
    expect(four.body).toContain(`href="${page}/uitnodigingen/brief?per=4" aria-current="page">4 per A4`);
    expect(four.body).toContain(`href="${page}/uitnodigingen/brief.pdf?per=4">PDF om af te drukken</a>`);
    expect(four.body).not.toContain('Samen vooruit.'); // the description only on a whole A4
    expect(four.body).toContain('Wat heb je nodig (toegankelijkheid, tolk, kinderopvang)?');
    expect((await visitor.get(`${page}/uitnodigingen/brief?per=2`)).body.match(/class="ba-sheet__copy/g)).toHaveLength(2);
    expect((await visitor.get(`${page}/uitnodigingen/brief?per=3`)).body).toContain('ba-sheets--1');
  });
  it('registers through the API (the same answer for a second time) and shows organisers the registrations there, audited', async () => {
    await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'registration' });
    const api = `/api/v1${M}/summits/${summitId}/registrations`;
    const bad = await visitor.api('POST', api, { name: 'Fatima', email: 'geen' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('email');
    for (let i = 0; i < 2; i++) {
      const ok = await visitor.api('POST', api, { name: 'Fatima', email: 'fatima@example.org', consent: true, children: 1 });
      expect(ok.statusCode).toBe(202);
      expect(ok.json()).toEqual({ mailed: true });
    }
    const list = await anna.api('GET', api);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ counts: { pending: 1 }, record: null, items: [{ name: 'Fatima', email: 'fatima@example.org', status: 'pending', children: 1 }] });
    expect(await readAudit(w.tp.platform.db, { action: 'summit.registrations.view' })).toHaveLength(1);
    expect((await bert.api('GET', api)).statusCode).toBe(403);
    expect((await visitor.api('GET', api)).statusCode).toBe(401);
  });

  it('lets organisers record on or after the day who came and the walk-ins, with totals on the registrations page and in the API', async () => {
    const past = (await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2025-03-15', capacity: '5' }))).id;
    const there = `${M}/buurttops/${past}`;
    for (const name of ['Anna Smit', 'Bert Bos']) await execute(w.ctx.anna, registerByHand, { summitId: past, name });
    const [anne, bertje] = await registrationsOf(w.tp.platform.db, past);
    expect((await anna.get(`${page}/aanwezigheid`)).statusCode).toBe(409); // not yet the day
    expect((await anna.get(`${page}/aanmeldingen`)).body).toContain('De aanwezigheid houd je bij vanaf de dag van de BuurtTop.');
    const before = await anna.get(`${there}/aanmeldingen`);
    expect(before.body).toContain(`href="${there}/aanwezigheid">Aanwezigheid bijhouden</a>`);
    const form = await anna.get(`${there}/aanwezigheid`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="came-${anne!.id}"`);
    expect(form.body).toContain('<legend class="utrecht-form-fieldset__legend">Wie is er gekomen?</legend>');
    const bad = await anna.postForm(`${there}/aanwezigheid`, { [`came-${anne!.id}`]: 'on', walkIns: 'veel' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-walkIns">Binnenlopers:');
    expect(bad.body).toMatch(new RegExp(`name="came-${anne!.id}" checked`));
    const saved = await anna.postForm(`${there}/aanwezigheid`, { [`came-${anne!.id}`]: 'on', walkIns: '3' });
    expect(saved.statusCode).toBe(303);
    const list = await anna.get(`${there}/aanmeldingen`);
    expect(list.body).toMatch(/Aangemeld en gekomen<\/dt><dd class="utrecht-data-list__item-value">1</);
    expect(list.body).toMatch(/Binnenlopers<\/dt><dd class="utrecht-data-list__item-value">3</);
    expect(list.body).toMatch(/Aanwezig in totaal<\/dt><dd class="utrecht-data-list__item-value"><strong>4<\/strong>/);
    expect(list.body).toContain('<span class="ba-tag">niet gekomen</span>');
    const api = `/api/v1${M}/summits/${past}`;
    expect((await anna.api('PUT', `${api}/attendance`, { came: [anne!.id, bertje!.id], walkIns: 2 })).statusCode).toBe(200);
    expect((await anna.api('GET', `${api}/registrations`)).json()).toMatchObject({ counts: { attended: 2, absent: 0 }, attendance: { walkIns: 2 }, items: [{ attended: true }, { attended: true }] });
    for (const who of [bert, visitor]) {
      expect([401, 403, 303]).toContain((await who.get(`${there}/aanwezigheid`)).statusCode);
      expect([401, 403]).toContain((await who.postForm(`${there}/aanwezigheid`, { walkIns: '9' })).statusCode);
      expect([401, 403]).toContain((await who.api('PUT', `${api}/attendance`, { walkIns: 9 })).statusCode);
    }
    expect(await readAudit(w.tp.platform.db, { action: 'summit.attendance.view' })).toHaveLength(1);
  });
});
