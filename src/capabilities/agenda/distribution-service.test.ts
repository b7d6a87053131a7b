import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { startSmtpServer } from '../../../test/support/smtp.js';
import { openAgendaWorld, type AgendaWorld, type AgendaWorldPhase } from '../../../test/support/agenda-world.js';
import { readAudit } from '../../platform/audit.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { JobRunner } from '../../platform/jobs.js';
import { smtpMailer } from '../../platform/mail.js';
import { registerMailJob } from '../../platform/outbox.js';
import { execute } from '../../platform/service.js';
import { addDays } from '../summit/model.js';
import { addRecipient, recordResponse, removeRecipient, sendAgenda } from './distribution-service.js';
import { DEFAULT_RESPONSE_DAYS, responseState } from './model.js';
import { agendaToday } from './service.js';
import { recipientsOf, responsesOf } from './store.js';

describeEachEngine('agenda: distribution to institutions', (engine) => {
  let w: AgendaWorld;
  afterEach(async () => w?.close());

  const open = async (phase: AgendaWorldPhase = 'adopted') => { w = await openAgendaWorld(engine, phase); };
  const count = async (table: 'outbox' | 'agenda_recipients' | 'agenda_responses' | 'audit_log') =>
    Number((await w.tp.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const counts = async () => Promise.all((['outbox', 'agenda_recipients', 'agenda_responses', 'audit_log'] as const).map(count));
  const organisation = async (name: string, emailAddress: string | null, municipalityId = w.a.id) => {
    const id = newId();
    await w.tp.platform.db.insertInto('organisations').values({ id, municipality_id: municipalityId, kind: 'welfare_organisation', name, description: null, area_code: null, parent_id: null, email: emailAddress, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
    return id;
  };
  const refused = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

  it('lists institutions from the register (with its address unless another is typed) or by hand, naming the field it refuses and changing nothing', async () => {
    await open('commentsOpen');
    const welfare = await organisation('Welzijn Midden', 'Info@Welzijn.example');
    const foreign = await organisation('Elders', 'x@elders.example', w.b.id);
    const agendaId = w.agendaId;
    await execute(w.ctx.anna, addRecipient, { agendaId, organisationId: welfare, kind: 'welfare', name: '', email: '' });
    await execute(w.ctx.olga, addRecipient, { agendaId, organisationId: '', name: 'Woonstede', kind: 'housing', email: 'buurt@woonstede.example' });
    const listed = await recipientsOf(w.tp.platform.db, agendaId);
    expect(listed.map((r) => [r.name, r.kind, r.email, r.organisationId])).toEqual([
      ['Welzijn Midden', 'welfare', 'info@welzijn.example', welfare],
      ['Woonstede', 'housing', 'buurt@woonstede.example', null],
    ]);
    const before = await counts();
    const issues = async (input: Record<string, unknown>) => ((await refused(execute(w.ctx.anna, addRecipient, { agendaId, kind: 'care', ...input }))) as ValidationError).issues;
    expect(await issues({ name: '' })).toEqual([{ field: 'name', key: 'agenda.distribution.error.nameOrOrganisation' }]);
    expect(await issues({ organisationId: foreign })).toEqual([{ field: 'organisationId', key: 'agenda.distribution.error.organisation' }]);
    expect(await issues({ organisationId: welfare })).toEqual([{ field: 'organisationId', key: 'agenda.distribution.error.twice', params: { name: 'Welzijn Midden' } }]);
    expect(await issues({ name: 'woonstede' })).toEqual([{ field: 'name', key: 'agenda.distribution.error.twice', params: { name: 'woonstede' } }]);
    expect((await issues({ name: 'Zorg', email: 'geen-adres' }))[0]!.field).toBe('email');
    expect((await issues({ name: 'Zorg', kind: 'bakery' }))[0]!.field).toBe('kind');
    expect(await refused(execute(w.ctx.bert, addRecipient, { agendaId, name: 'Zorg', kind: 'care' }))).toBeInstanceOf(ForbiddenError);
    expect(await refused(execute(w.ctx.anonymous, addRecipient, { agendaId, name: 'Zorg', kind: 'care' }))).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
    const [entry] = await readAudit(w.tp.platform.db, { action: 'agenda.recipient.add' });
    expect(entry?.entityId).toBe(agendaId);
    // Sending waits for the adoption.
    expect(await refused(execute(w.ctx.anna, sendAgenda, { agendaId }))).toBeInstanceOf(ConflictError);
    expect(await counts()).toEqual(before);
  });

  it('sends the adopted agenda once to each listed institution with an address, with the page, the PDF and the day to answer by; the real message through SMTP', async () => {
    await open('adopted');
    const agendaId = w.agendaId;
    await execute(w.ctx.anna, addRecipient, { agendaId, name: 'Woonstede', kind: 'housing', email: 'buurt@woonstede.example' });
    await execute(w.ctx.anna, addRecipient, { agendaId, name: 'Wijkagent', kind: 'police' });
    const today = agendaToday();
    const before = await counts();
    expect(((await refused(execute(w.ctx.anna, sendAgenda, { agendaId, respondBy: today }))) as ValidationError).issues).toEqual([{ field: 'respondBy', key: 'agenda.distribution.error.respondByPast' }]);
    expect(((await refused(execute(w.ctx.anna, sendAgenda, { agendaId, respondBy: '2031-02-30' }))) as ValidationError).issues[0]!.field).toBe('respondBy');
    expect(await refused(execute(w.ctx.bert, sendAgenda, { agendaId }))).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);

    const smtp = await startSmtpServer();
    const runner = new JobRunner(w.tp.platform.db);
    registerMailJob(runner, w.tp.platform.db, smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
    try {
      const result = await execute(w.ctx.anna, sendAgenda, { agendaId, respondBy: '', message: 'Wij horen graag van u.' });
      expect(result.count).toBe(1);
      expect(await runner.drain()).toBe(1);
      const [mail] = smtp.to('buurt@woonstede.example');
      expect(smtp.received).toHaveLength(1);
      const page = `${w.tp.platform.config.publicUrl}/pleindorp/wijkagendas/${agendaId}`;
      expect(mail!.parsed.subject).toMatch(/^Toekomstagenda: /);
      expect(mail!.parsed.text).toContain('Bewonersvereniging Een-B stuurt u de toekomstagenda');
      expect(mail!.parsed.text).toContain('Wij horen graag van u.');
      expect(mail!.parsed.text).toContain(page);
      expect(mail!.parsed.text).toContain(`${page}/document.pdf`);
      const respondBy = addDays(today, DEFAULT_RESPONSE_DAYS);
      expect(mail!.parsed.text).toContain(new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(`${respondBy}T12:00:00Z`)));
      const rows = await recipientsOf(w.tp.platform.db, agendaId);
      const sent = rows.find((r) => r.name === 'Woonstede')!;
      expect(sent).toMatchObject({ sentVersion: 2, respondBy });
      expect(rows.find((r) => r.name === 'Wijkagent')!.sentAt).toBeNull();
      expect(responseState({ sentAt: sent.sentAt, respondBy: sent.respondBy, responses: 0 }, today)).toBe('waiting');
      expect(responseState({ sentAt: sent.sentAt, respondBy: sent.respondBy, responses: 0 }, addDays(respondBy, 1))).toBe('overdue');
      const [entry] = await readAudit(w.tp.platform.db, { action: 'agenda.distribute' });
      expect(entry?.after).toMatchObject({ version: 2, respond_by: respondBy, recipients: [{ id: sent.id, name: 'Woonstede' }] });
      // Again: nobody left to send to; nothing more is sent.
      expect(((await refused(execute(w.ctx.anna, sendAgenda, { agendaId }))) as ValidationError).issues).toEqual([{ field: 'respondBy', key: 'agenda.distribution.error.noneToSend' }]);
      expect(await runner.drain()).toBe(0);
      expect(smtp.received).toHaveLength(1);
      // One that was sent the agenda stays on the list; one that was not may be taken off.
      expect(await refused(execute(w.ctx.anna, removeRecipient, { agendaId, recipientId: sent.id }))).toBeInstanceOf(ConflictError);
      const other = rows.find((r) => r.name === 'Wijkagent')!;
      await execute(w.ctx.anna, removeRecipient, { agendaId, recipientId: other.id });
      expect((await recipientsOf(w.tp.platform.db, agendaId)).map((r) => r.name)).toEqual(['Woonstede']);
    } finally {
      await smtp.close();
    }
  });

  it('records answers (the day received, a public summary, a link), refusing a day in the future or a bad link', async () => {
    await open('adopted');
    const agendaId = w.agendaId;
    const { id: recipientId } = await execute(w.ctx.anna, addRecipient, { agendaId, name: 'Zorggroep', kind: 'care', email: 'a@zorg.example' });
    const today = agendaToday();
    const before = await counts();
    const issues = async (input: Record<string, unknown>) => ((await refused(execute(w.ctx.anna, recordResponse, { agendaId, recipientId, receivedOn: today, summary: 'Wij doen mee.', ...input }))) as ValidationError).issues;
    expect(await issues({ receivedOn: addDays(today, 1) })).toEqual([{ field: 'receivedOn', key: 'agenda.distribution.error.receivedInFuture' }]);
    expect((await issues({ summary: '  ' }))[0]!.field).toBe('summary');
    expect((await issues({ link: 'javascript:alert(1)' }))[0]).toMatchObject({ field: 'link', key: 'agenda.distribution.error.link' });
    expect(await refused(execute(w.ctx.bert, recordResponse, { agendaId, recipientId, receivedOn: today, summary: 'x' }))).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
    await execute(w.ctx.anna, recordResponse, { agendaId, recipientId, receivedOn: today, summary: 'Wij sluiten aan bij de werkgroep zorg.', link: 'https://zorg.example/antwoord' });
    expect(await responsesOf(w.tp.platform.db, [recipientId])).toEqual([expect.objectContaining({ receivedOn: today, summary: 'Wij sluiten aan bij de werkgroep zorg.', link: 'https://zorg.example/antwoord' })]);
    expect(await readAudit(w.tp.platform.db, { action: 'agenda.response.record' })).toHaveLength(1);
  });
});
