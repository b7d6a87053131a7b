import type { FastifyInstance } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { commentsPath, countComments, registerCommentSubject, renderComments } from '../../platform/comments/index.js';
import { formatDate, translator } from '../../platform/i18n/index.js';
import { allowed, authorize } from '../../platform/service.js';
import { getDocument, getVersion, type DocumentVersion } from '../../platform/versions/index.js';
import { tenantArea } from '../areas/index.js';
import { agendaAndResource } from './access.js';
import { phaseOf, responseState } from './model.js';
import { agendaPage } from './pages/agenda.js';
import { agendasPath, agendaPath } from './paths.js';
import { agendaActions } from './policy.js';
import { commentsClosedReason, publicVersionOf } from './publication-model.js';
import { agendaToday } from './service.js';
import { findAgenda, recipientsOf, responsesOf, type Agenda } from './store.js';
import { agendaProgressOf } from './follow-up-store.js';

/** The comments on an agenda are on its concept: the subject "agenda" with the agenda's id. */
export const AGENDA_COMMENTS = 'agenda';

/**
 * Residents comment on an agenda once its concept is public; only while the period is open (else
 * the reason, e.g. from when, until when, or that it was adopted, stands in place of the form).
 */
registerCommentSubject({
  type: AGENDA_COMMENTS,
  async find(db, tenant, id, _t, locale) {
    const agenda = await findAgenda(db, tenant.id, id);
    const today = agendaToday();
    if (!agenda || publicVersionOf(agenda, today) === null) return null;
    const closed = commentsClosedReason(agenda, today, (iso) => formatDate(locale ?? 'nl', iso));
    return { id: agenda.id, title: agenda.title, path: agendaPath(tenant.slug, agenda.id), ...(closed ? { closed } : {}) };
  },
});

/** The version someone sees on the agenda's page: the public one; for editors before that, the latest frozen one. */
export async function shownVersion(platform: Platform, ctx: Context, agenda: Agenda, canEdit: boolean, today = agendaToday()): Promise<DocumentVersion | null> {
  const ref = { municipalityId: agenda.municipalityId, documentId: agenda.documentId };
  const number = publicVersionOf(agenda, today) ?? (canEdit ? (await getDocument(platform.db, ref))?.publishedVersion ?? null : null);
  return number ? getVersion(platform.db, ref, number) : null;
}

/** /{slug}/wijkagendas/{id}: the agenda as everyone reads it (see pages/agenda.ts). */
export function registerAgendaPage(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;
  app.get('/:municipality/wijkagendas/:id', async (request, reply) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    const { agenda, resource } = await agendaAndResource(db, ctx, (request.params as { id: string }).id);
    authorize(ctx, agendaActions.view, resource);
    const today = agendaToday();
    const canEdit = allowed(ctx, agendaActions.edit, resource);
    const [version, area] = await Promise.all([shownVersion(platform, ctx, agenda, canEdit, today), tenantArea(db, ctx.tenant!, agenda.areaCode, t)]);
    const publicVersion = publicVersionOf(agenda, today);
    const subject = { type: AGENDA_COMMENTS, id: agenda.id };
    const showsConcept = version !== null && publicVersion !== null && version.number === agenda.conceptVersion && agenda.status !== 'adopted';
    const comments = showsConcept ? await renderComments(ctx, subject, { csrf: request.csrf, back: request.url }) : null;
    const conceptCount = agenda.status === 'adopted' && agenda.conceptVersion ? await countComments(db, agenda.municipalityId, subject) : 0;
    const sent = agenda.status === 'adopted' ? (await recipientsOf(db, agenda.id)).filter((r) => r.sentAt) : [];
    const answers = await responsesOf(db, sent.map((r) => r.id));
    const states = sent.map((r) => responseState({ sentAt: r.sentAt, respondBy: r.respondBy, responses: answers.filter((a) => a.recipientId === r.id).length }, today));
    const progress = agenda.status === 'adopted' && agenda.adoptedOn ? await agendaProgressOf(db, { ...agenda, adoptedOn: agenda.adoptedOn }, today) : null;
    const standing = new Map(progress?.themes.flatMap((th) => th.ambitions.map((a) => [a.ambition.id, { status: a.status, since: a.lastUpdate?.reportedOn ?? null }] as const)) ?? []);
    return reply.page({
      title: agenda.title,
      breadcrumbs: [{ href: agendasPath(ctx.tenant!.slug), label: t('agenda.nav') }, { href: agendaPath(ctx.tenant!.slug, agenda.id), label: agenda.title }],
      body: agendaPage(ctx, {
        agenda, area: { code: agenda.areaCode, title: area?.title ?? agenda.areaCode }, phase: phaseOf(agenda, today), version, publicVersion, canEdit, comments,
        conceptComments: conceptCount > 0 ? { count: conceptCount, href: commentsPath(ctx.tenant!.slug, subject) } : null,
        distribution: { sent: sent.length, answered: states.filter((s) => s === 'answered').length, overdue: states.filter((s) => s === 'overdue').length },
        progress: (id) => standing.get(id),
      }),
    });
  });
}
