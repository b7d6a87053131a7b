import { afterEach, beforeEach, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { openPlatform } from '../app.js';
import { loadConfig } from './config.js';
import { smtpMailer } from './mail.js';
import { JobRunner } from './jobs.js';
import { deadLetters, queueMail, registerMailJob } from './outbox.js';
import { composeMail } from './mail-template.js';
import { translator } from './i18n/index.js';

/** A real SMTP server on loopback; `failNext` makes it refuse the next N messages. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  let failNext = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (failNext > 0) {
          failNext--;
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          return callback(error);
        }
        received.push(await simpleParser(Buffer.concat(chunks)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { received, url: `smtp://127.0.0.1:${port}`, fail(n: number) { failNext = n; }, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describeEachEngine('outbox and mail', (engine) => {
  let tp: TestPlatform;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let runner: JobRunner;

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    smtp = await startSmtp();
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
    const message = smtp.received[0]!;
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
    expect(smtp.received.map((m) => m.to && 'text' in m.to ? m.to.text : '')).toEqual(['carla@example.org']);
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
});
