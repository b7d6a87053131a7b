import ICAL from 'ical.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { attachmentNamed, startSmtpServer } from '../../../test/support/smtp.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { readAudit } from '../../platform/audit.js';
import { mailboxAddress } from '../../platform/calendar.js';
import type { Context } from '../../platform/context.js';
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from '../../platform/errors.js';
import { JobRunner } from '../../platform/jobs.js';
import { smtpMailer } from '../../platform/mail.js';
import { registerMailJob } from '../../platform/outbox.js';
import { execute } from '../../platform/service.js';
import { eraseRegistrationsOfPastSummits } from './registration-privacy.js';
import { cancelByOrganiser, cancelRegistration, confirmRegistration, register, registerByHand, registerFrom } from './registration-service.js';
import { registrationRecordOf, registrationsOf } from './registration-store.js';
import { changeSummitStatus, createSummit, editSummit } from './service.js';
import { groupsOf } from './store.js';
import { addPlace } from '../places/index.js';
import { placeForm } from '../../../test/support/places-world.js';

const errorOf = (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);
const fieldsOf = async (run: Promise<unknown>) => {
  const error = await errorOf(run);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};

describeEachEngine('summit: registration', (engine) => {
  let w: SummitWorld;
  let summitId: string;
  const db = () => w.tp.platform.db;
  const visitor = (): Context => w.ctx.anonymous;
  const outbox = async (to: string) => db().selectFrom('outbox').selectAll().where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();
  const tokenIn = (text: string, kind: 'bevestigen' | 'annuleren') => new RegExp(`aanmelding/${kind}\\?sleutel=([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? '';
  const lastToken = async (to: string, kind: 'bevestigen' | 'annuleren') => tokenIn((await outbox(to)).at(-1)!.text_body, kind);
  const form = (over: Record<string, unknown> = {}) => ({ summitId, name: 'Fatima Bakker', email: 'fatima@example.org', consent: 'on', themes: [], ...over });
  const signUp = async (email: string, name = 'Deelnemer') => {
    await execute(visitor(), register, form({ email, name }));
    return execute(visitor(), confirmRegistration, { summitId, token: await lastToken(email, 'bevestigen') });
  };
  const statuses = async () => Object.fromEntries((await registrationsOf(db(), summitId)).map((r) => [r.email ?? r.name, r.status]));

  beforeEach(async () => {
    w = await openSummitWorld(engine);
    summitId = (await execute(w.ctx.anna, createSummit, summitForm(w, { capacity: '2' }))).id;
    await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'registration' });
  }, 60_000);
  afterEach(async () => w.close());

  it('refuses bad input naming each field, and stores nothing', async () => {
    expect(await fieldsOf(execute(visitor(), register, form({ name: '', email: 'geen-adres', children: '-1' }))))
      .toEqual([['name', 'validation.required'], ['email', 'validation.email'], ['children', 'validation.tooSmall']]);
    expect(await fieldsOf(execute(visitor(), register, form({ phone: 'bel me', themes: ['onbekend'], consent: '' }))))
      .toEqual([['phone', 'summit.registration.error.phone'], ['themes', 'summit.registration.error.themes'], ['consent', 'summit.registration.error.consent']]);
    expect(await registrationsOf(db(), summitId)).toEqual([]);
    expect(await outbox('fatima@example.org')).toEqual([]);
    // Not open: in preparation nobody registers.
    await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'preparation' });
    expect(await errorOf(execute(visitor(), register, form()))).toBeInstanceOf(ConflictError);
  });

  it('registers without an account, recognises the same address, confirms, fills the places, then the waiting list; cancelling moves the first waiting up', async () => {
    const groups = await groupsOf(db(), summitId);
    const first = await execute(visitor(), register, form({ themes: [groups[0]!.id, groups[3]!.id], accessNeeds: 'Rolstoel', languageHelp: 'Arabisch', children: '2', phone: '06 1234 5678' }));
    expect(first.outcome).toBe('sent');
    const [pending] = await registrationsOf(db(), summitId);
    expect(pending).toMatchObject({ status: 'pending', name: 'Fatima Bakker', themes: [groups[0]!.id, groups[3]!.id], accessNeeds: 'Rolstoel', languageHelp: 'Arabisch', children: 2, phone: '06 1234 5678' });
    const [link] = await outbox('fatima@example.org');
    expect(link!.subject).toBe('Bevestig je aanmelding voor BuurtTop Buurt Een-B');
    expect(link!.text_body).toContain('zaterdag 15 maart 2031, 10:00–16:00');
    // The same address again (other capitals): no second registration, a fresh link; the older one stops working.
    expect((await execute(visitor(), register, form({ email: 'Fatima@Example.org' }))).outcome).toBe('resent');
    expect(await registrationsOf(db(), summitId)).toHaveLength(1);
    const oldToken = tokenIn(link!.text_body, 'bevestigen');
    expect(await errorOf(execute(visitor(), confirmRegistration, { summitId, token: oldToken }))).toBeInstanceOf(ConflictError);
    expect(await execute(visitor(), confirmRegistration, { summitId, token: await lastToken('fatima@example.org', 'bevestigen') })).toMatchObject({ status: 'confirmed' });
    const placed = (await outbox('fatima@example.org')).at(-1)!;
    expect(placed.subject).toBe('Je bent aangemeld voor BuurtTop Buurt Een-B');
    const ics = JSON.parse(placed.attachments!)[0] as { filename: string; base64: string };
    expect(ics.filename).toBe('buurttop.ics');
    expect(Buffer.from(ics.base64, 'base64').toString()).toContain('STATUS:CONFIRMED');
    // Registering once more when placed: the place mail again, still one registration.
    expect((await execute(visitor(), register, form())).outcome).toBe('already');
    expect(await registrationsOf(db(), summitId)).toHaveLength(1);

    expect((await signUp('bert@example.org')).status).toBe('confirmed');
    expect((await signUp('carla@example.org')).status).toBe('waiting');
    expect((await outbox('carla@example.org')).at(-1)!.subject).toBe('Je staat op de wachtlijst voor BuurtTop Buurt Een-B');
    expect((await signUp('dirk@example.org')).status).toBe('waiting');

    const cancelToken = await lastToken('fatima@example.org', 'annuleren');
    await execute(visitor(), cancelRegistration, { summitId, token: cancelToken });
    expect(await statuses()).toEqual({ 'fatima@example.org': 'cancelled', 'bert@example.org': 'confirmed', 'carla@example.org': 'confirmed', 'dirk@example.org': 'waiting' });
    const cancelled = (await outbox('fatima@example.org')).at(-1)!;
    expect(cancelled.subject).toBe('Je aanmelding voor BuurtTop Buurt Een-B is geannuleerd');
    const cancelIcs = Buffer.from((JSON.parse(cancelled.attachments!)[0] as { base64: string }).base64, 'base64').toString();
    expect(cancelIcs).toContain('STATUS:CANCELLED');
    expect(cancelIcs).toContain('SEQUENCE:1');
    expect((await outbox('carla@example.org')).at(-1)!.subject).toBe('Er is een plaats vrij: je bent aangemeld voor BuurtTop Buurt Een-B');
    // The cancel link works once.
    expect(await errorOf(execute(visitor(), cancelRegistration, { summitId, token: cancelToken }))).toBeInstanceOf(ConflictError);
    // The audit log has ids and statuses, no names or addresses.
    const entries = await readAudit(db(), { entityType: 'summit_registration' });
    expect(entries.length).toBeGreaterThan(5);
    expect(JSON.stringify(entries)).not.toMatch(/fatima|Bakker|Rolstoel/i);
  });

  it('rate-limits registrations per address', async () => {
    for (let i = 0; i < 10; i++) await registerFrom(visitor(), form({ email: `buur${i}@example.org` }), '203.0.113.9');
    expect(await errorOf(registerFrom(visitor(), form({ email: 'buur10@example.org' }), '203.0.113.9'))).toBeInstanceOf(TooManyRequestsError);
    await registerFrom(visitor(), form({ email: 'buur10@example.org' }), '203.0.113.10');
  });

  it('organisers register by hand and cancel; raising the capacity moves the waiting list up', async () => {
    expect(await errorOf(execute(w.ctx.carl, registerByHand, { summitId, name: 'Mevrouw Jansen' }))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(execute(visitor(), registerByHand, { summitId, name: 'Mevrouw Jansen' }))).toBeInstanceOf(ForbiddenError);
    await execute(w.ctx.anna, registerByHand, { summitId, name: 'Mevrouw Jansen', phone: '020 123 4567' });
    await execute(w.ctx.anna, registerByHand, { summitId, name: 'Meneer Pietersen', email: 'piet@example.org' });
    const third = await execute(w.ctx.anna, registerByHand, { summitId, name: 'Buurvrouw Ali', email: 'ali@example.org' });
    expect(third.status).toBe('waiting');
    expect(await fieldsOf(execute(w.ctx.anna, registerByHand, { summitId, name: 'Dubbel', email: 'piet@example.org' }))).toEqual([['email', 'summit.registration.error.duplicate']]);
    expect((await outbox('piet@example.org'))[0]!.subject).toBe('Je bent aangemeld voor BuurtTop Buurt Een-B');
    await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '3' }) });
    expect(await statuses()).toEqual({ 'Mevrouw Jansen': 'confirmed', 'piet@example.org': 'confirmed', 'ali@example.org': 'confirmed' });
    const piet = (await registrationsOf(db(), summitId)).find((r) => r.email === 'piet@example.org')!;
    await execute(w.ctx.anna, cancelByOrganiser, { summitId, id: piet.id });
    expect((await outbox('piet@example.org')).at(-1)!.subject).toBe('Je aanmelding voor BuurtTop Buurt Een-B is geannuleerd');
    expect(await errorOf(execute(w.ctx.anna, cancelByOrganiser, { summitId, id: piet.id }))).toBeInstanceOf(ConflictError);
  });

  it('never overbooks: 200 confirmations at once for 7 places give 7 places and 193 on the waiting list', async () => {
    await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '7' }) });
    const tokens: string[] = [];
    for (let i = 0; i < 200; i++) {
      await execute(visitor(), register, form({ email: `p${i}@example.org`, name: `Persoon ${i}` }));
      tokens.push(await lastToken(`p${i}@example.org`, 'bevestigen'));
    }
    const results = await Promise.all(tokens.map((token) => execute(visitor(), confirmRegistration, { summitId, token })));
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(7);
    const all = await registrationsOf(db(), summitId);
    expect(all.filter((r) => r.status === 'confirmed')).toHaveLength(7);
    expect(all.filter((r) => r.status === 'waiting')).toHaveLength(193);
  }, 120_000);

  it('deletes the personal data 30 days after the day and keeps the counts', async () => {
    const groups = await groupsOf(db(), summitId);
    await execute(visitor(), register, form({ themes: [groups[1]!.id], accessNeeds: 'Rolstoel', children: '3', languageHelp: 'Turks' }));
    await execute(visitor(), confirmRegistration, { summitId, token: await lastToken('fatima@example.org', 'bevestigen') });
    await execute(w.ctx.anna, registerByHand, { summitId, name: 'Mevrouw Jansen' });
    // The summit ends on 15 March 2031 at 16:00; the job passes "30 days ago" as the cutoff: on 14 April nothing goes, on 15 April at 17:00 everything.
    expect(await eraseRegistrationsOfPastSummits(db(), '2031-03-15T12:00:00.000Z')).toBe(0);
    expect(await registrationsOf(db(), summitId)).toHaveLength(2);
    expect(await eraseRegistrationsOfPastSummits(db(), '2031-03-15T16:00:00.000Z')).toBe(1);
    expect(await registrationsOf(db(), summitId)).toEqual([]);
    expect((await registrationRecordOf(db(), summitId))!.counts).toEqual({
      confirmed: 2, waiting: 0, pending: 0, cancelled: 0, perTheme: { [groups[1]!.id]: 1 }, accessNeeds: 1, languageHelp: { turks: 1 }, children: 3, attended: 0, absent: 0,
    });
    const text = JSON.stringify(await db().selectFrom('summit_registration_records').selectAll().execute());
    expect(text).not.toMatch(/Fatima|Jansen|Rolstoel|example\.org/);
  });

  it('sends real messages: the link, the confirmation with a calendar file that parses, the cancellation, and the one who moves up', async () => {
    const smtp = await startSmtpServer();
    const runner = new JobRunner(db());
    registerMailJob(runner, db(), smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
    try {
      await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '1' }) });
      await execute(visitor(), register, form());
      await runner.drain();
      const [link] = smtp.to('fatima@example.org');
      expect(link!.parsed.subject).toBe('Bevestig je aanmelding voor BuurtTop Buurt Een-B');
      const token = tokenIn(link!.parsed.text ?? '', 'bevestigen');
      expect(token).not.toBe('');
      expect(link!.parsed.text).toContain(`${w.tp.platform.config.publicUrl}/pleindorp/buurttops/${summitId}/aanmelding/bevestigen?sleutel=${token}`);
      await execute(visitor(), confirmRegistration, { summitId, token });
      await signUp('bert@example.org');
      await runner.drain();
      const confirmed = smtp.to('fatima@example.org')[1]!;
      expect(confirmed.parsed.subject).toBe('Je bent aangemeld voor BuurtTop Buurt Een-B');
      expect(confirmed.parsed.text).toContain('aanmelding/annuleren?sleutel=');
      const event = new ICAL.Event(new ICAL.Component(ICAL.parse(attachmentNamed(confirmed, 'buurttop.ics').content.toString('utf8'))).getFirstSubcomponent('vevent')!);
      expect(event.summary).toBe('BuurtTop Buurt Een-B');
      expect(event.location).toBe('Buurthuis De Schakel');
      expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-15T09:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2031-03-15T15:00:00.000Z');
      expect(event.component.getFirstPropertyValue('organizer')).toBe(`mailto:${mailboxAddress(w.tp.platform.config.mailFrom)}`);
      expect(String(event.component.getFirstPropertyValue('url'))).toBe(`${w.tp.platform.config.publicUrl}/pleindorp/buurttops/${summitId}`);
      expect(smtp.to('bert@example.org').at(-1)!.parsed.subject).toBe('Je staat op de wachtlijst voor BuurtTop Buurt Een-B');

      await execute(visitor(), cancelRegistration, { summitId, token: tokenIn(confirmed.parsed.text ?? '', 'annuleren') });
      await runner.drain();
      const cancelled = smtp.to('fatima@example.org')[2]!;
      const cancelEvent = new ICAL.Event(new ICAL.Component(ICAL.parse(attachmentNamed(cancelled, 'buurttop.ics').content.toString('utf8'))).getFirstSubcomponent('vevent')!);
      expect(cancelEvent.uid).toBe(event.uid);
      expect(cancelEvent.sequence).toBe(event.sequence + 1);
      expect(cancelEvent.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      const movedUp = smtp.to('bert@example.org').at(-1)!;
      expect(movedUp.parsed.subject).toBe('Er is een plaats vrij: je bent aangemeld voor BuurtTop Buurt Een-B');
      expect(attachmentNamed(movedUp, 'buurttop.ics').content.toString('utf8')).toContain('STATUS:CONFIRMED');
    } finally {
      await smtp.close();
    }
  });

  it('tells those coming and waiting when the summit moves, is called off and is taken up again, each time with a calendar file under their UID and a higher SEQUENCE', async () => {
    const smtp = await startSmtpServer();
    const runner = new JobRunner(db());
    registerMailJob(runner, db(), smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
    const eventOf = (mail: Parameters<typeof attachmentNamed>[0]) => new ICAL.Event(new ICAL.Component(ICAL.parse(attachmentNamed(mail, 'buurttop.ics').content.toString('utf8'))).getFirstSubcomponent('vevent')!);
    try {
      await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '1' }) });
      await signUp('fatima@example.org', 'Fatima');
      await signUp('bert@example.org', 'Bert');
      await execute(visitor(), register, form({ email: 'pending@example.org' }));
      await runner.drain();
      const confirmation = eventOf(smtp.to('fatima@example.org').at(-1)!);
      const before = { fatima: smtp.to('fatima@example.org').length, bert: smtp.to('bert@example.org').length, pending: smtp.to('pending@example.org').length };

      // Another day and time: both hear it, with what changed; calendars get the new time under the same UID.
      expect((await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '1', date: '2031-03-22', startTime: '13:00', endTime: '17:00' }) })).told).toBe(2);
      await runner.drain();
      const moved = smtp.to('fatima@example.org').at(-1)!;
      expect(moved.parsed.subject).toBe('Gewijzigd: BuurtTop Buurt Een-B');
      expect(moved.parsed.text).toContain('Dag en tijd: was zaterdag 15 maart 2031, 10:00–16:00, wordt zaterdag 22 maart 2031, 13:00–17:00.');
      expect(moved.parsed.text).not.toContain('Plaats: was');
      expect(moved.parsed.text).toContain('aanmelding/annuleren?sleutel=');
      const movedEvent = eventOf(moved);
      expect(movedEvent.uid).toBe(confirmation.uid);
      expect(movedEvent.sequence).toBeGreaterThan(confirmation.sequence);
      expect(movedEvent.startDate.toJSDate().toISOString()).toBe('2031-03-22T12:00:00.000Z');
      expect(movedEvent.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      const waitingMoved = smtp.to('bert@example.org').at(-1)!;
      expect(waitingMoved.parsed.text).toContain('Je staat nog op de wachtlijst');
      expect(eventOf(waitingMoved).component.getFirstPropertyValue('status')).toBe('TENTATIVE');
      // Another venue only.
      const { id: otherPlace } = await execute(w.ctx.anna, addPlace, placeForm({ name: 'Wijkcentrum De Brug', capacity: '60' }));
      await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '1', date: '2031-03-22', startTime: '13:00', endTime: '17:00', placeId: otherPlace }) });
      // Only the description: nothing to tell.
      await execute(w.ctx.anna, editSummit, { id: summitId, ...summitForm(w, { capacity: '1', date: '2031-03-22', startTime: '13:00', endTime: '17:00', placeId: otherPlace, description: 'Anders.' }) });
      await runner.drain();
      expect(smtp.to('fatima@example.org')).toHaveLength(before.fatima + 2);
      const venue = smtp.to('fatima@example.org').at(-1)!;
      expect(venue.parsed.text).toContain('Plaats: was Buurthuis De Schakel, wordt Wijkcentrum De Brug.');
      const venueEvent = eventOf(venue);
      expect(venueEvent.location).toBe('Wijkcentrum De Brug');
      expect(venueEvent.sequence).toBeGreaterThan(movedEvent.sequence);

      // Called off: the reason, and a cancelling file; no cancel link.
      expect((await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'cancelled', note: 'De zaal is niet beschikbaar.' })).told).toBe(2);
      await runner.drain();
      const cancelled = smtp.to('fatima@example.org').at(-1)!;
      expect(cancelled.parsed.subject).toBe('Afgelast: BuurtTop Buurt Een-B');
      expect(cancelled.parsed.text).toContain('De zaal is niet beschikbaar.');
      expect(cancelled.parsed.text).not.toContain('aanmelding/annuleren');
      const cancelEvent = eventOf(cancelled);
      expect(cancelEvent.uid).toBe(confirmation.uid);
      expect(cancelEvent.sequence).toBeGreaterThan(venueEvent.sequence);
      expect(cancelEvent.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(eventOf(smtp.to('bert@example.org').at(-1)!).component.getFirstPropertyValue('status')).toBe('CANCELLED');

      // Taken up again: confirmed once more, higher still; the fresh cancel link works.
      await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'preparation' });
      await runner.drain();
      const resumed = smtp.to('fatima@example.org').at(-1)!;
      expect(resumed.parsed.subject).toBe('Gaat toch door: BuurtTop Buurt Een-B');
      const resumedEvent = eventOf(resumed);
      expect(resumedEvent.sequence).toBeGreaterThan(cancelEvent.sequence);
      expect(resumedEvent.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
      // The pending registration heard nothing: it has no place and no calendar file.
      expect(smtp.to('pending@example.org')).toHaveLength(before.pending);
      expect(smtp.to('bert@example.org')).toHaveLength(before.bert + 4);

      // Fatima cancels with the newest link: her file outranks every earlier one; Bert moves up with a file above his tentative one.
      await execute(visitor(), cancelRegistration, { summitId, token: tokenIn(resumed.parsed.text ?? '', 'annuleren') });
      await runner.drain();
      expect(eventOf(smtp.to('fatima@example.org').at(-1)!).sequence).toBeGreaterThan(resumedEvent.sequence);
      const bertTentative = eventOf(smtp.to('bert@example.org').at(-2)!);
      const bertPlaced = smtp.to('bert@example.org').at(-1)!;
      expect(bertPlaced.parsed.subject).toBe('Er is een plaats vrij: je bent aangemeld voor BuurtTop Buurt Een-B');
      expect(eventOf(bertPlaced).uid).toBe(bertTentative.uid);
      expect(eventOf(bertPlaced).sequence).toBeGreaterThan(bertTentative.sequence);
      // The audit log says how many were told, never whom.
      const entries = await readAudit(db(), { entityType: 'summit' });
      expect(entries.find((e) => e.action === 'summit.status' && (e.after as { status: string }).status === 'cancelled')!.after).toMatchObject({ told: 2 });
    } finally {
      await smtp.close();
    }
  });
});
