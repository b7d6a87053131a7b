import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../context.js';
import { NotFoundError, type FieldIssue } from '../errors.js';
import { formBody, handleForm } from '../http/forms.js';
import { translator } from '../i18n/index.js';
import { authorize, execute } from '../service.js';
import { formErrors, heading1, link, paragraph } from '../ui/components.js';
import { html } from '../html.js';
import { renderComments } from './render.js';
import { commentActions, deleteComment, findSubject, postComment, type CommentSubject } from './service.js';

const tr = (ctx: Context) => translator(ctx.locale);
const pageQuery = z.object({ pagina: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) }).loose();

export function registerCommentPages(app: FastifyInstance, platform: Platform): void {
  /** All comments of a subject, paged, with the form (also where a form with errors comes back). */
  const commentsView = async (request: FastifyRequest, reply: FastifyReply, subject: CommentSubject, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, commentActions.view, { type: 'comment', municipalityId: ctx.tenant!.id });
    const found = await findSubject(platform.db, ctx, subject);
    const { pagina } = pageQuery.parse(request.query ?? {});
    const list = await renderComments(ctx, { type: subject.type, id: found.id }, {
      csrf: request.csrf, back: request.url, page: pagina ?? Number.MAX_SAFE_INTEGER, values, errors: formErrors(t, issues, { body: t('comments.field.body') }),
    });
    return reply.page({
      title: t('comments.pageTitle', { subject: found.title }),
      breadcrumbs: [{ href: found.path, label: found.title }],
      body: html`${heading1(t('comments.pageTitle', { subject: found.title }))}${paragraph(link(found.path, t('comments.back', { subject: found.title })))}${list}`,
    });
  };

  app.get('/:municipality/reacties/:type/:id', (request, reply) => {
    const { type, id } = request.params as { type: string; id: string };
    return commentsView(request, reply, { type, id }, {}, []);
  });

  app.post('/:municipality/reacties', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    const subject = { type: values.subjectType ?? '', id: values.subjectId ?? '' };
    return handleForm(reply, {
      run: () => execute(ctx, postComment, { subjectType: subject.type, subjectId: subject.id, body: values.body }),
      success: (result) => reply.flashRedirect(result.path, 'comments.flash.posted'),
      invalid: (issues) => commentsView(request, reply, subject, values, issues),
    });
  });

  app.post('/:municipality/reacties/:id/verwijderen', async (request, reply) => {
    const { ctx } = request;
    const { id } = request.params as { id: string };
    return handleForm(reply, {
      run: () => execute(ctx, deleteComment, { id }),
      success: (result) => reply.flashRedirect(result.path, 'comments.flash.deleted'),
      invalid: () => { throw new NotFoundError(); },
    });
  });
}
