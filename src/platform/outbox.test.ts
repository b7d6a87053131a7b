import { afterEach, beforeEach, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { attachmentNamed, startSmtpServer, toAddresses, type TestSmtpServer } from '../../test/support/smtp.js';
import { openBeforeMigration } from '../../test/support/migrations.js';
import { openPlatform } from '../app.js';
import { loadConfig } from './config.js';
import { logMailer, smtpMailer } from './mail.js';
import { enqueue, JobRunner } from './jobs.js';
import { deadLetters, MAIL_JOB, MAX_ATTACHMENT_BYTES, queueMail, registerMailJob } from './outbox.js';
import { calendarAttachment, calendarUid } from './calendar.js';
import { composeMail } from './mail-template.js';
import { translator } from './i18n/index.js';

describeEachEngine('outbox and mail', (engine) => {
  let tp: TestPlatform;
  let smtp: TestSmtpServer;
  let runner: JobRunner;

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    smtp = await startSmtpServer();
    runner = new JobRunner(tp.platform.db);
    registerMailJob(runner, tp.platform.db, smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
  });
  afterEach(async () => {
    await smtp.close();
    await tp.close();
  });

  const mail = (to: string, withUnsubscribe = false) => ({
    to, ...composeMail(translator('nl'), {
      locale: 'nl', subject: 'Uw buurt <nieuws>', paragraphs: ['Er is iets nieuws in uw buurt & omgeving.'],
      action: { label: 'Bekijk het', url: 'http://buurtarena.test/voorbeeldstad' }, unsubscribeUrl: withUnsubscribe ? 'http://buurtarena.test/afmelden?t=abc' : undefined,
    }), unsubscribeUrl: withUnsubscribe ? 'http://buurtarena.test/afmelden?t=abc' : undefined,
  });

  it('sends a committed message through SMTP: plain text and HTML, a fixed Message-ID, one-click unsubscribe', async () => {
    const id = await tp.platform.db.transaction().execute((tx) => queueMail(tx, mail('anna@example.org', true), 'buurtarena.test'));
    expect(await runner.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0]!.parsed;
    expect(message.subject).toBe('Uw buurt <nieuws>');
    expect(message.to).toMatchObject({ text: 'anna@example.org' });
    expect(message.text).toContain('Er is iets nieuws in uw buurt & omgeving.');
    expect(message.text).toContain('http://buurtarena.test/voorbeeldstad');
    expect(message.html).toContain('lang="nl"');
    expect(message.html).toContain('Er is iets nieuws in uw buurt &amp; omgeving.');
    expect(message.html).not.toContain('<nieuws>');
    expect(message.messageId).toBe(`<${id}@buurtarena.test>`);
    const header = (name: string) => message.headerLines.find((h) => h.key === name)?.line;
    expect(header('list-unsubscribe')).toBe('List-Unsubscribe: <http://buurtarena.test/afmelden?t=abc>');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(await runner.drain()).toBe(0); // never twice
    expect(smtp.received).toHaveLength(1);
  });

  it('sends nothing for a change that rolled back', async () => {
    await tp.platform.db.transaction().execute(async (tx) => {
      await queueMail(tx, mail('bert@example.org'));
      throw new Error('the change failed');
    }).catch(() => {});
    expect(await runner.drain()).toBe(0);
    expect(smtp.received).toEqual([]);
  });

  it('a message committed just before the server died is sent exactly once after the restart', async () => {
    await tp.platform.db.transaction().execute((tx) => queueMail(tx, mail('carla@example.org')));
    // "Restart": a new process on the same database with its own job runner.
    const restarted = await openPlatform(loadConfig({ DATABASE_URL: tp.databaseUrl, SESSION_SECRET: 'x', SEED_DEMO: '0', SMTP_URL: smtp.url }), { migrate: false });
    try {
      expect(await restarted.platform.jobs.drain()).toBe(1);
      expect(await restarted.platform.jobs.drain()).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(await runner.drain()).toBe(0);
    expect(smtp.received.map(toAddresses)).toEqual([['carla@example.org']]);
  });

  it('retries when the mail server refuses, and lists the message as a dead letter after the last attempt', async () => {
    await tp.platform.db.transaction().execute((tx) => queueMail(tx, mail('dirk@example.org')));
    smtp.fail(1);
    expect(await runner.drain()).toBe(1); // refused, queued again with back-off
    expect(smtp.received).toEqual([]);
    await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).execute();
    expect(await runner.drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);

    await tp.platform.db.transaction().execute((tx) => queueMail(tx, mail('eva@example.org')));
    smtp.fail(100);
    for (let attempt = 0; attempt < 8; attempt++) {
      await tp.platform.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('status', '=', 'queued').execute();
      await runner.drain();
    }
    const dead = await deadLetters(tp.platform.db);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ to_address: 'eva@example.org', attempts: 8 });
    expect(dead[0]!.last_error).toMatch(/Try again later|451/);
  });

  const invitation = calendarAttachment('buurttop-lindenhof.ics', {
    uid: calendarUid(['summit', 'lindenhof', 'reg1'], 'buurtarena.test'), sequence: 0, status: 'CONFIRMED',
    start: new Date('2025-10-04T08:00:00Z'), end: new Date('2025-10-04T14:30:00Z'),
    summary: 'BuurtTop Lindenhof', location: 'Buurthuis De Linde, Lindenlaan 1', description: 'Neem je ideeën mee; iedereen is welkom.\nTot dan!',
    url: 'http://buurtarena.test/voorbeeldstad/buurttop', organizer: { name: 'Bewonersvereniging Lindenhof', email: 'noreply@buurtarena.test' },
  });
  const count = async () => Number((await tp.platform.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('sends an .ics file through SMTP that arrives byte for byte, as text/calendar with method=PUBLISH, and parses', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i); // every byte value
    await tp.platform.db.transaction().execute((tx) => queueMail(tx, {
      to: 'anna@example.org', ...composeMail(translator('nl'), { locale: 'nl', subject: 'Je bent aangemeld voor de BuurtTop', paragraphs: ['Tot zaterdag 4 oktober!'] }),
      attachments: [invitation, { filename: 'bytes.bin', contentType: 'application/octet-stream', content: bytes }],
    }));
    expect(await runner.drain()).toBe(1);
    const [message] = await smtp.waitFor(1);
    expect(message!.parsed.subject).toBe('Je bent aangemeld voor de BuurtTop');
    expect(message!.parsed.text).toContain('Tot zaterdag 4 oktober!');
    expect(message!.parsed.html).toContain('Tot zaterdag 4 oktober!');

    const ics = attachmentNamed(message!, 'buurttop-lindenhof.ics');
    expect(ics.contentType).toBe('text/calendar');
    expect(ics.contentDisposition).toBe('attachment');
    expect(ics.content.toString('utf8')).toBe(invitation.content); // CRLF line ends and folding intact
    const header = message!.raw.toString('latin1').split('\r\n\r\n')[0]!; // the top-level headers
    expect(header).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(ics.headers.get('content-type')).toMatchObject({ value: 'text/calendar', params: { charset: 'utf-8', method: 'PUBLISH' } });
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('BuurtTop Lindenhof');
    expect(event.description).toBe('Neem je ideeën mee; iedereen is welkom.\nTot dan!');
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-10-04T08:00:00.000Z');

    expect(Buffer.compare(attachmentNamed(message!, 'bytes.bin').content, Buffer.from(bytes))).toBe(0);
  });

  it('refuses attachments over 256 KiB together, with a bad name or a bad type, and writes nothing', async () => {
    const before = await count();
    const half = 'x'.repeat(MAX_ATTACHMENT_BYTES / 2);
    const queue = (attachments: Parameters<typeof queueMail>[1]['attachments']) =>
      tp.platform.db.transaction().execute((tx) => queueMail(tx, { to: 'bert@example.org', subject: 'Te groot', text: 'x', attachments }));
    await queue([{ filename: 'a.txt', contentType: 'text/plain', content: half }, { filename: 'b.txt', contentType: 'text/plain', content: half }]); // exactly the limit
    await expect(queue([{ filename: 'a.txt', contentType: 'text/plain', content: half }, { filename: 'b.txt', contentType: 'text/plain', content: half + 'x' }]))
      .rejects.toThrow(/too large: "b\.txt" brings them to 262145 bytes, more than the 262144/);
    await expect(queue([{ filename: '../etc/passwd', contentType: 'text/plain', content: 'x' }])).rejects.toThrow(/not a harmless file name/);
    await expect(queue([{ filename: 'a.txt', contentType: 'text/plain\r\nBcc: x@example.org', content: 'x' }])).rejects.toThrow(/not a MIME type/);
    expect(await count()).toBe(before + 1);
  });

  it('a message queued before attachments existed is sent after the upgrade (0021)', async () => {
    const old = await openBeforeMigration(engine, '0021-platform-outbox-attachments');
    try {
      const db = old.test.platform.db;
      await old.db.insertInto('outbox').values({
        id: 'oldmessage', municipality_id: null, to_address: 'carla@example.org', subject: 'Van voor de upgrade', text_body: 'Hallo',
        html_body: null, unsubscribe_url: null, message_id: '<oldmessage@buurtarena.test>', status: 'pending', attempts: 0, last_error: null, created_at: new Date().toISOString(), sent_at: null,
      }).execute();
      await enqueue(db, MAIL_JOB, { id: 'oldmessage' });
      await old.migrate();
      const oldRunner = new JobRunner(db);
      registerMailJob(oldRunner, db, smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
      expect(await oldRunner.drain()).toBe(1);
      expect(smtp.received.map((m) => [m.parsed.subject, m.parsed.attachments.length])).toEqual([['Van voor de upgrade', 0]]);
    } finally {
      await old.test.close();
    }
  });
});

it('the log mailer names attachments', async () => {
  const lines: string[] = [];
  await logMailer((line) => lines.push(line)).send({
    to: 'anna@example.org', subject: 'Aangemeld', text: 'Zie http://buurtarena.test/x',
    attachments: [{ filename: 'buurttop.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: Buffer.from('BEGIN:VCALENDAR') }],
  });
  expect(lines).toEqual(['[mail] to anna@example.org: Aangemeld\n       http://buurtarena.test/x\n       attachment: buurttop.ics (text/calendar, 15 bytes)']);
});
