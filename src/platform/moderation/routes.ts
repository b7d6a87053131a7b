import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../context.js';
import type { FieldIssue } from '../errors.js';
import { clientAddress, formBody, handleForm } from '../http/forms.js';
import { translator } from '../i18n/index.js';
import { authorize, execute } from '../service.js';
import { formErrors } from '../ui/components.js';
import { itemLabels, itemPage, itemPath, queuePage, reportLabels, reportPage, type QueueEntry } from './render.js';
import {
  decisionsOf, dismissReports, hiddenItems, hideItem, loadItem, moderatedKind, moderationActions, moderationResource, moderationState,
  openReports, reportFromAddress, reportsOf, restoreItem,
} from './service.js';

const tr = (ctx: Context) => translator(ctx.locale);
const base = (ctx: Context) => `/${ctx.tenant!.slug}`;
type ItemParams = { kind: string; id: string };

function adminCrumbs(ctx: Context, ...rest: Array<{ href: string; label: string }>) {
  return [{ href: `${base(ctx)}/beheer/moderatie`, label: tr(ctx)('moderation.queue.title') }, ...rest];
}

export function registerModerationPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  // ---- reporting: anyone, also without an account ---------------------------------------------
  const reportView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const { kind, id } = request.params as ItemParams;
    const { item } = await loadItem(db, ctx, kind, id);
    authorize(ctx, moderationActions.report, { type: 'moderationItem', municipalityId: item.municipalityId });
    const label = t(moderatedKind(kind).labelKey);
    return reply.page({
      title: t('moderation.report.title', { item: label }),
      breadcrumbs: [{ href: item.path, label: item.title }],
      body: reportPage(t, { base: base(ctx), csrf: request.csrf, kind, id, item, values, errors: formErrors(t, issues, reportLabels(t)) }),
    });
  };

  app.get('/:municipality/melden/:kind/:id', (request, reply) => reportView(request, reply, {}, []));

  app.post('/:municipality/melden/:kind/:id', async (request, reply) => {
    const { ctx } = request;
    const { kind, id } = request.params as ItemParams;
    const values = formBody(request);
    return handleForm(reply, {
      run: async () => {
        await reportFromAddress(ctx, { category: values.category, explanation: values.explanation, kind, id }, clientAddress(request));
        return (await loadItem(db, ctx, kind, id)).item.path;
      },
      success: (path) => reply.flashRedirect(path, 'moderation.flash.reported'),
      invalid: (issues) => reportView(request, reply, values, issues),
    });
  });

  // ---- the moderators' queue and one item --------------------------------------------------------
  app.get('/:municipality/beheer/moderatie', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, moderationActions.moderate, moderationResource(tenant.id));
    const load = async (kind: string, id: string) => {
      try { return (await loadItem(db, ctx, kind, id)).item; } catch { return null; }
    };
    const entries: QueueEntry[] = [];
    for (const open of await openReports(db, tenant.id)) entries.push({ open, item: await load(open.kind, open.id) });
    const hidden = [];
    for (const h of await hiddenItems(db, tenant.id)) hidden.push({ kind: h.item_type, id: h.item_id, hiddenAt: h.hidden_at!, reason: h.hidden_reason ?? '', item: await load(h.item_type, h.item_id) });
    return reply.page({ title: t('moderation.queue.title'), breadcrumbs: adminCrumbs(ctx), body: queuePage(t, ctx.locale, { base: base(ctx), entries, hidden }) });
  });

  const itemView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, moderationActions.moderate, moderationResource(tenant.id));
    const { kind, id } = request.params as ItemParams;
    const { item } = await loadItem(db, ctx, kind, id);
    const [state, reports, history] = await Promise.all([moderationState(db, kind, id), reportsOf(db, tenant.id, kind, id), decisionsOf(db, tenant.id, kind, id)]);
    const moderatorIds = [...new Set(history.map((d) => d.moderator_id).filter((m): m is string => m !== null))];
    const names = moderatorIds.length ? await platform.directory.contactsOf(db, moderatorIds) : new Map();
    const decisions = history.map((d) => ({ ...d, moderator: d.moderator_id ? names.get(d.moderator_id)?.name ?? null : null }));
    return reply.page({
      title: item.title,
      breadcrumbs: adminCrumbs(ctx, { href: itemPath(base(ctx), kind, id), label: item.title }),
      body: itemPage(t, ctx.locale, { base: base(ctx), csrf: request.csrf, kind, id, item, state, reports, decisions, values, errors: formErrors(t, issues, itemLabels(t)) }),
    });
  };

  app.get('/:municipality/beheer/moderatie/:kind/:id', (request, reply) => itemView(request, reply, {}, []));

  const decisionRoutes = [['verbergen', hideItem, 'moderation.flash.hidden'], ['afwijzen', dismissReports, 'moderation.flash.dismissed'], ['terugzetten', restoreItem, 'moderation.flash.restored']] as const;
  for (const [segment, useCase, flash] of decisionRoutes) {
    app.post(`/:municipality/beheer/moderatie/:kind/:id/${segment}`, async (request, reply) => {
      const { ctx } = request;
      const { kind, id } = request.params as ItemParams;
      const values = formBody(request);
      return handleForm(reply, {
        run: () => execute(ctx, useCase as typeof hideItem, { ...values, kind, id }),
        success: () => reply.flashRedirect(itemPath(base(ctx), kind, id), flash),
        invalid: (issues) => itemView(request, reply, values, issues),
      });
    });
  }
}
