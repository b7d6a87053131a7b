import ICAL from 'ical.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { attachmentNamed, startSmtpServer } from '../../../test/support/smtp.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import { JobRunner } from '../../platform/jobs.js';
import { smtpMailer } from '../../platform/mail.js';
import { registerMailJob } from '../../platform/outbox.js';
import { execute } from '../../platform/service.js';
import { sendInvitations } from './invitation-service.js';
import { invitationsOf } from './invitation-store.js';
import { createSummit } from './service.js';

describeEachEngine('summit: invitations', (engine) => {
  let w: SummitWorld;
  let summitId: string;
  const outboxCount = async () => Number((await w.tp.platform.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => {
    w = await openSummitWorld(engine);
    summitId = (await execute(w.ctx.anna, createSummit, summitForm(w))).id;
  }, 60_000);
  afterEach(async () => w.close());

  it('sends nothing when one line is bad, naming every bad line; only organisers invite', async () => {
    const error = await execute(w.ctx.anna, sendInvitations, { summitId, group: 'residents', addresses: 'a@example.org\njan@\nb@example.org; piet at example.org' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ field: 'addresses', key: 'summit.invitation.error.addresses', params: { lines: '2 (jan@), 3 (piet at example.org)' } }]);
    expect(await outboxCount()).toBe(0);
    expect(await invitationsOf(w.tp.platform.db, summitId)).toEqual([]);
    expect(await execute(w.ctx.carl, sendInvitations, { summitId, group: 'residents', addresses: 'a@example.org' }).catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);
  });

  it('mails each address once with the summit, the message, the registration link and a calendar file, and records only the group, number and moment', async () => {
    const smtp = await startSmtpServer();
    const runner = new JobRunner(w.tp.platform.db);
    registerMailJob(runner, w.tp.platform.db, smtpMailer(smtp.url, 'Buurtarena <noreply@buurtarena.test>'));
    try {
      const result = await execute(w.ctx.anna, sendInvitations, { summitId, group: 'entrepreneurs', addresses: 'bakker@example.org, Slager@example.org\nbakker@example.org', message: 'Ook de ondernemers horen erbij!' });
      expect(result.count).toBe(2);
      expect(await runner.drain()).toBe(2);
      const mail = smtp.to('slager@example.org')[0]!;
      expect(mail.parsed.subject).toBe('Uitnodiging: BuurtTop Buurt Een-B');
      expect(mail.parsed.text).toContain('Ook de ondernemers horen erbij!');
      expect(mail.parsed.text).toContain(`${w.tp.platform.config.publicUrl}/pleindorp/buurttops/${summitId}/aanmelden`);
      const calendar = new ICAL.Component(ICAL.parse(attachmentNamed(mail, 'buurttop.ics').content.toString('utf8')));
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      expect(event.summary).toBe('BuurtTop Buurt Een-B');
      expect(event.uid).toBe(`summit.${summitId}@${new URL(w.tp.platform.config.publicUrl).hostname}`);
      expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-15T09:00:00.000Z');
      expect(smtp.to('bakker@example.org')).toHaveLength(1);
      const [recorded] = await invitationsOf(w.tp.platform.db, summitId);
      expect(recorded).toMatchObject({ group: 'entrepreneurs', count: 2, message: 'Ook de ondernemers horen erbij!' });
      expect(JSON.stringify(await w.tp.platform.db.selectFrom('summit_invitations').selectAll().execute())).not.toContain('example.org');
    } finally {
      await smtp.close();
    }
  });
});
