import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.js';
import { copiesPerSheet, printSheets, sendPrintPage } from '../../platform/documents/index.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { invitationLabels, invitationsPage } from './pages/invitations.js';
import { invitationLetter } from './pages/letter.js';
import { summitActions } from './policy.js';
import { sendInvitations } from './invitation-service.js';
import { invitationsOf } from './invitation-store.js';
import { resourceOfSummit, summitPath, summitsPath } from './service.js';
import { findSummit, groupsOf, type Summit } from './store.js';

/** /{slug}/buurttops/{id}/uitnodigingen: for organisers, the invitations sent and the form to invite a group by e-mail. */
export function registerInvitationPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;
  const load = async (request: FastifyRequest) => {
    const summit = request.ctx.tenant ? await findSummit(db, request.ctx.tenant.id, (request.params as Record<string, string>).id!) : null;
    if (!summit) throw new NotFoundError();
    authorize(request.ctx, summitActions.organise, await resourceOfSummit(db, summit));
    return summit;
  };
  const view = async (request: FastifyRequest, reply: FastifyReply, summit: Summit, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    return reply.page({
      title: t('summit.invitation.title', { title: summit.title }),
      breadcrumbs: [{ href: summitsPath(ctx.tenant!.slug), label: t('summit.overview.title') }, { href: summitPath(ctx.tenant!.slug, summit.id), label: summit.title }],
      body: invitationsPage(ctx, { summit, invitations: await invitationsOf(db, summit.id), csrf: request.csrf, values, errors: formErrors(t, issues, invitationLabels(t)) }),
    });
  };

  // The letter holds only what is public of the summit: everyone may print it, 1, 2 or 4 to an A4 (?per=).
  for (const format of ['html', 'pdf'] as const) {
    app.get(`/:municipality/buurttops/:id/uitnodigingen/brief${format === 'pdf' ? '.pdf' : ''}`, async (request, reply) => {
      const { ctx } = request;
      const summit = ctx.tenant ? await findSummit(db, ctx.tenant.id, (request.params as Record<string, string>).id!) : null;
      if (!summit) throw new NotFoundError();
      authorize(ctx, summitActions.view, await resourceOfSummit(db, summit));
      const pageUrl = `${platform.config.publicUrl}${summitPath(ctx.tenant!.slug, summit.id)}`;
      const perSheet = copiesPerSheet((request.query as Record<string, string>).per);
      const sheets = invitationLetter(ctx, {
        summit, groups: await groupsOf(db, summit.id), registerUrl: `${pageUrl}/aanmelden`, pageUrl, perSheet, letterPath: `${summitPath(ctx.tenant!.slug, summit.id)}/uitnodigingen/brief`,
      });
      const t = translator(ctx.locale);
      return sendPrintPage(reply, {
        format, title: sheets.title, locale: ctx.locale, render: (notice) => printSheets({ ...sheets, notice }),
        filename: perSheet === 1 ? t('summit.letter.file', { title: summit.title }) : t('summit.letter.fileN', { title: summit.title, count: perSheet }),
      });
    });
  }

  app.get('/:municipality/buurttops/:id/uitnodigingen', async (request, reply) => view(request, reply, await load(request), {}, []));

  app.post('/:municipality/buurttops/:id/uitnodigingen', async (request, reply) => {
    const summit = await load(request);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, sendInvitations, { ...values, summitId: summit.id }),
      success: (result) => reply.flashRedirect(result.path, 'summit.invitation.flash.sent'),
      invalid: (issues) => view(request, reply, summit, values, issues),
    });
  });
}
