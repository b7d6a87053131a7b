import { z } from 'zod';
import { html } from '../html.js';
import { formatDateTime, translator } from '../i18n/index.js';
import { jobCounts, listJobs, retryJob } from '../jobs.js';
import type { CapabilityModule } from '../module.js';
import { deadLetters } from '../outbox.js';
import { hasRole, type Resource } from '../policy.js';
import { authorize } from '../service.js';
import { appendAudit } from '../audit.js';
import { NotFoundError } from '../errors.js';
import { actionButton, heading1, paragraph, table } from '../ui/components.js';
import { adminMessages } from './messages.js';

/**
 * The installation's own administration: the job queue (what waits, what failed for good and
 * can be retried) and the mail dead-letter list. For installation administrators.
 */
const installation: Resource = { type: 'installation', municipalityId: null };

export const adminModule: CapabilityModule = {
  name: 'admin',
  messages: adminMessages,
  registerPolicies(policy) {
    policy.register('installation.jobs', (actor) => hasRole(actor, ['administrator'], installation));
  },
  registerPages(app, platform) {
    app.get('/beheer/taken', async (request, reply) => {
      const { ctx } = request;
      authorize(ctx, 'installation.jobs', installation);
      const t = translator(ctx.locale);
      const [counts, dead, letters] = await Promise.all([jobCounts(platform.db), listJobs(platform.db, 'dead', 100), deadLetters(platform.db, 100)]);
      return reply.page({
        title: t('admin.jobs.title'),
        body: html`${heading1(t('admin.jobs.title'))}
          ${paragraph(t('admin.jobs.intro'))}
          ${table({
            caption: t('admin.jobs.counts'), empty: '', rows: (['queued', 'running', 'done', 'dead'] as const).map((status) => ({ status, n: counts[status] })),
            columns: [{ header: t('admin.jobs.status'), cell: (r) => t(`admin.jobs.status.${r.status}`) }, { header: t('admin.jobs.number'), cell: (r) => String(r.n), numeric: true }],
          })}
          <h2 class="utrecht-heading-2">${t('admin.jobs.dead')}</h2>
          ${table({
            caption: t('admin.jobs.dead'), captionHidden: true, empty: t('admin.jobs.deadNone'), rows: dead,
            columns: [
              { header: t('admin.jobs.kind'), cell: (j) => html`<code>${j.kind}</code>` },
              { header: t('admin.jobs.attempts'), cell: (j) => `${j.attempts} / ${j.max_attempts}`, numeric: true },
              { header: t('admin.jobs.when'), cell: (j) => (j.finished_at ? formatDateTime(ctx.locale, j.finished_at) : '—') },
              { header: t('admin.jobs.error'), cell: (j) => html`<pre class="ba-json">${(j.last_error ?? '').split('\n').slice(0, 3).join('\n')}</pre>` },
              { header: t('parties.organisations.actions'), cell: (j) => actionButton({ action: `/beheer/taken/${j.id}/opnieuw`, csrf: request.csrf, label: t('admin.jobs.retry', { kind: j.kind }) }) },
            ],
          })}
          <h2 class="utrecht-heading-2">${t('admin.mail.dead')}</h2>
          ${paragraph(t('admin.mail.deadIntro'))}
          ${table({
            caption: t('admin.mail.dead'), captionHidden: true, empty: t('admin.mail.deadNone'), rows: letters,
            columns: [
              { header: t('admin.mail.to'), cell: (m) => m.to_address },
              { header: t('admin.mail.subject'), cell: (m) => m.subject },
              { header: t('admin.jobs.attempts'), cell: (m) => String(m.attempts), numeric: true },
              { header: t('admin.jobs.error'), cell: (m) => m.last_error ?? '—' },
            ],
          })}`,
      });
    });

    app.post('/beheer/taken/:id/opnieuw', async (request, reply) => {
      const { ctx } = request;
      authorize(ctx, 'installation.jobs', installation);
      const { id } = z.object({ id: z.string().max(64) }).parse(request.params);
      await platform.db.transaction().execute(async (tx) => {
        if (!(await retryJob(tx, id))) throw new NotFoundError();
        // The mail of a retried mail job is pending again, no longer a dead letter.
        const job = await tx.selectFrom('jobs').select(['kind', 'payload']).where('id', '=', id).executeTakeFirstOrThrow();
        if (job.kind === 'mail.send') await tx.updateTable('outbox').set({ status: 'pending' }).where('id', '=', (JSON.parse(job.payload) as { id: string }).id).execute();
        await appendAudit(tx, ctx.actor, { action: 'job.retry', entityType: 'job', entityId: id, municipalityId: null, after: { kind: job.kind } });
      });
      return reply.flashRedirect('/beheer/taken', 'admin.jobs.retried');
    });
  },
};
