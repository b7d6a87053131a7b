import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { csvFile } from '../../platform/csv.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { contentDisposition } from '../../platform/files/index.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { actionButton, formErrors, heading1, link, paragraph } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { getVersion } from '../../platform/versions/index.js';
import { agendaAndResource } from './access.js';
import { addAmbitionMember, addProgress, carryOver, carryOverState, correctProgress, removeAmbitionMember } from './follow-up-service.js';
import { agendaProgressOf, continuationsOf, continuedIn, correctionsOf } from './follow-up-store.js';
import { themeDataOf } from './model.js';
import { ambitionPage, carryOverBody, correctionPage, frozenFromRows, progressCsvRows, progressLabels, progressPage, withLink, type AmbitionPageInput, type FrozenAmbition } from './pages/follow-up.js';
import { agendaAmbitionPath, agendaPath, agendaProgressPath, agendasPath } from './paths.js';
import { agendaActions } from './policy.js';
import { agendaToday } from './service.js';
import { agendaMembersOf, findAgenda, findAgendaAmbition, progressOf, themesOf, type Agenda } from './store.js';

/**
 * Pages of the follow-up: /{slug}/wijkagendas/{id}/ambities/{a} (one ambition, with
 * …/voortgang to report progress, …/voortgang/{p}/corrigeren, …/werkgroep and
 * …/werkgroep/{m}/verwijderen), /{slug}/wijkagendas/{id}/voortgang[.csv] (progress over time) and
 * /{slug}/wijkagendas/{id}/overnemen (carrying the previous agenda's open ambitions over).
 */
const tr = (ctx: Context) => translator(ctx.locale);
type Params = Record<string, string>;
type Adopted = Agenda & { adoptedOn: string };

const isAdopted = (agenda: Agenda): agenda is Adopted => agenda.status === 'adopted' && agenda.adoptedOn !== null;

/** The ambition as the adopted version froze it (the rows when that version lacks it). */
async function frozenAmbition(db: Db, agenda: Agenda, ambitionId: string): Promise<{ ambition: FrozenAmbition; themeName: string } | null> {
  const row = await findAgendaAmbition(db, agenda.id, ambitionId);
  if (!row) return null;
  const themeName = (await themesOf(db, agenda.id)).find((t) => t.id === row.themeId)?.name ?? '';
  const version = agenda.adoptedVersion ? await getVersion(db, { municipalityId: agenda.municipalityId, documentId: agenda.documentId }, agenda.adoptedVersion) : null;
  for (const section of version?.content.sections ?? []) {
    const frozen = themeDataOf(section)?.ambitions.find((a) => a.id === ambitionId);
    if (frozen) return { ambition: frozen, themeName: section.heading };
  }
  return { ambition: frozenFromRows(row), themeName };
}

export function registerFollowUpPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const agendaOfRequest = async (request: FastifyRequest) => agendaAndResource(db, request.ctx, (request.params as Params).id!);
  /** An adopted agenda of the request (404 otherwise: follow-up begins with the adoption). */
  const adoptedOfRequest = async (request: FastifyRequest, action: string): Promise<{ agenda: Adopted; resource: Resource }> => {
    const { agenda, resource } = await agendaOfRequest(request);
    authorize(request.ctx, action, resource);
    if (!isAdopted(agenda)) throw new NotFoundError();
    return { agenda, resource };
  };
  const crumbs = (ctx: Context, agenda: Agenda, last?: NavItem): NavItem[] => [
    { href: agendasPath(ctx.tenant!.slug), label: tr(ctx)('agenda.nav') }, { href: agendaPath(ctx.tenant!.slug, agenda.id), label: agenda.title }, ...(last ? [last] : []),
  ];

  // ---- one ambition ---------------------------------------------------------------------------------

  const emptyForm = { values: {}, errors: {} };
  async function showAmbition(request: FastifyRequest, reply: FastifyReply, forms: Partial<Pick<AmbitionPageInput, 'progressForm' | 'memberForm'>> = {}) {
    const { ctx } = request;
    const { agenda, resource } = await adoptedOfRequest(request, agendaActions.view);
    const ambitionId = (request.params as Params).ambitionId!;
    const found = await frozenAmbition(db, agenda, ambitionId);
    if (!found) throw new NotFoundError();
    const canEdit = allowed(ctx, agendaActions.edit, resource);
    const [updates, members, continues, carriedOn] = await Promise.all([
      progressOf(db, [ambitionId]), agendaMembersOf(db, [ambitionId]), continuationsOf(db, agenda.id), continuedIn(db, agenda.id),
    ]);
    const linkTo = async (agendaId: string, id: string) => {
      const other = await findAgenda(db, agenda.municipalityId, agendaId);
      const ambition = other ? await findAgendaAmbition(db, other.id, id) : null;
      return other && ambition ? { href: other.status === 'adopted' ? agendaAmbitionPath(ctx.tenant!.slug, other.id, id) : agendaPath(ctx.tenant!.slug, other.id), title: `${ambition.title} (${other.title})` } : null;
    };
    const from = continues.find((c) => c.ambitionId === ambitionId);
    const into = carriedOn.find((c) => c.previousAmbitionId === ambitionId);
    const today = agendaToday();
    return reply.page({
      title: found.ambition.title,
      breadcrumbs: crumbs(ctx, agenda, { href: agendaAmbitionPath(ctx.tenant!.slug, agenda.id, ambitionId), label: found.ambition.title }),
      body: ambitionPage(ctx, {
        agenda, themeName: found.themeName, ambition: found.ambition, updates, corrections: await correctionsOf(db, updates.map((u) => u.id)),
        memberCount: members.length, members: canEdit ? members : null,
        continues: from ? await linkTo(from.previousAgendaId, from.previousAmbitionId) : null,
        continuedIn: into ? await linkTo(into.agendaId, into.ambitionId) : null,
        canEdit, csrf: request.csrf,
        progressForm: forms.progressForm ?? { values: { reportedOn: today }, errors: {} },
        memberForm: forms.memberForm ?? emptyForm,
      }),
    });
  }

  app.get('/:municipality/wijkagendas/:id/ambities/:ambitionId', (request, reply) => showAmbition(request, reply));

  const ids = (request: FastifyRequest) => ({ agendaId: (request.params as Params).id!, ambitionId: (request.params as Params).ambitionId! });
  const labelsOf = (ctx: Context) => progressLabels(tr(ctx));

  /** A short form on the ambition's page: the use case, or the page again with the form's errors named. */
  const ambitionForm = (path: string, useCase: UseCase<any, { path: string }>, form: 'progressForm' | 'memberForm', flash: string) =>
    app.post(`/:municipality/wijkagendas/:id/ambities/:ambitionId/${path}`, async (request, reply) => {
      await adoptedOfRequest(request, agendaActions.edit);
      const values = formBody(request);
      return handleForm(reply, {
        run: () => execute(request.ctx, useCase, { ...values, ...ids(request) }),
        success: (result) => reply.flashRedirect(result.path, flash),
        invalid: (issues) => showAmbition(request, reply, { [form]: { values, errors: formErrors(tr(request.ctx), issues, labelsOf(request.ctx)) } }),
      });
    });
  ambitionForm('voortgang', addProgress, 'progressForm', 'agenda.followUp.flash.progressAdded');
  ambitionForm('werkgroep', addAmbitionMember, 'memberForm', 'agenda.followUp.flash.memberAdded');

  app.post('/:municipality/wijkagendas/:id/ambities/:ambitionId/werkgroep/:memberId/verwijderen', async (request, reply) => {
    await adoptedOfRequest(request, agendaActions.edit);
    const result = await execute(request.ctx, removeAmbitionMember, { ...ids(request), id: (request.params as Params).memberId! });
    return reply.flashRedirect(result.path, 'agenda.followUp.flash.memberRemoved');
  });

  // ---- correcting an update -------------------------------------------------------------------------

  const correctionOfRequest = async (request: FastifyRequest) => {
    const { agenda } = await adoptedOfRequest(request, agendaActions.edit);
    const { ambitionId } = ids(request);
    const ambition = await findAgendaAmbition(db, agenda.id, ambitionId);
    const update = ambition ? (await progressOf(db, [ambition.id])).find((u) => u.id === (request.params as Params).progressId) : undefined;
    if (!ambition || !update) throw new NotFoundError();
    return { agenda, ambition, update };
  };
  const showCorrection = (request: FastifyRequest, reply: FastifyReply, loaded: Awaited<ReturnType<typeof correctionOfRequest>>, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const title = tr(ctx)('agenda.followUp.correctTitle', { title: loaded.ambition.title });
    return reply.page({
      title,
      breadcrumbs: crumbs(ctx, loaded.agenda, { href: agendaAmbitionPath(ctx.tenant!.slug, loaded.agenda.id, loaded.ambition.id), label: loaded.ambition.title }),
      body: correctionPage(ctx, { agenda: loaded.agenda, ambition: loaded.ambition, values, errors: formErrors(tr(ctx), issues, labelsOf(ctx)), csrf: request.csrf, action: request.url.split('?')[0]! }),
    });
  };
  app.get('/:municipality/wijkagendas/:id/ambities/:ambitionId/voortgang/:progressId/corrigeren', async (request, reply) => {
    const loaded = await correctionOfRequest(request);
    const u = loaded.update;
    return showCorrection(request, reply, loaded, { status: u.status, happened: u.happened, next: u.next ?? '', reason: u.reason ?? '', reportedOn: u.reportedOn }, []);
  });
  app.post('/:municipality/wijkagendas/:id/ambities/:ambitionId/voortgang/:progressId/corrigeren', async (request, reply) => {
    const loaded = await correctionOfRequest(request);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, correctProgress, { ...values, ...ids(request), id: loaded.update.id }),
      success: (result) => reply.flashRedirect(result.path, 'agenda.followUp.flash.progressCorrected'),
      invalid: (issues) => showCorrection(request, reply, loaded, values, issues),
    });
  });

  // ---- progress over time ---------------------------------------------------------------------------

  app.get('/:municipality/wijkagendas/:id/voortgang', async (request, reply) => {
    const { ctx } = request;
    const { agenda } = await adoptedOfRequest(request, agendaActions.view);
    const progress = await agendaProgressOf(db, agenda, agendaToday());
    return reply.page({
      title: tr(ctx)('agenda.followUp.overview.title', { agenda: agenda.title }),
      breadcrumbs: crumbs(ctx, agenda, { href: agendaProgressPath(ctx.tenant!.slug, agenda.id), label: tr(ctx)('agenda.followUp.timeline') }),
      body: progressPage(ctx, { agenda, progress, csvHref: `${agendaProgressPath(ctx.tenant!.slug, agenda.id)}.csv` }),
    });
  });

  app.get('/:municipality/wijkagendas/:id/voortgang.csv', async (request, reply) => {
    const { agenda } = await adoptedOfRequest(request, agendaActions.view);
    const progress = await agendaProgressOf(db, agenda, agendaToday());
    return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('attachment', 'voortgang.csv')).send(csvFile(progressCsvRows(tr(request.ctx), progress)));
  });

  // ---- carrying over --------------------------------------------------------------------------------

  const showCarryOver = async (request: FastifyRequest, reply: FastifyReply, issues: FieldIssue[]) => {
    const { ctx } = request;
    const { agenda, resource } = await agendaOfRequest(request);
    authorize(ctx, agendaActions.edit, resource);
    const state = await carryOverState(db, agenda);
    const title = tr(ctx)('agenda.followUp.carry.title');
    return reply.page({
      title,
      breadcrumbs: crumbs(ctx, agenda, { href: `${agendaPath(ctx.tenant!.slug, agenda.id)}/overnemen`, label: title }),
      body: html`${heading1(title)}${carryOverBody(ctx, { agenda, ...state, errors: formErrors(tr(ctx), issues, {}), csrf: request.csrf, action: request.url.split('?')[0]! })}`,
    });
  };
  app.get('/:municipality/wijkagendas/:id/overnemen', (request, reply) => showCarryOver(request, reply, []));
  app.post('/:municipality/wijkagendas/:id/overnemen', async (request, reply) => {
    const { resource } = await agendaOfRequest(request);
    authorize(request.ctx, agendaActions.edit, resource);
    return handleForm(reply, {
      run: () => execute(request.ctx, carryOver, { agendaId: (request.params as Params).id! }),
      success: (result) => reply.flashRedirect(result.path, 'agenda.followUp.flash.carried'),
      invalid: (issues) => showCarryOver(request, reply, issues),
    });
  });
}

/**
 * A small piece for the agenda's editor: when the agenda follows an adopted one and has open
 * ambitions left to take over, a line and the button that carries them over (posting to
 * /wijkagendas/{id}/overnemen); null otherwise. Give it only to those who may edit.
 */
export async function carryOverButton(ctx: Context, agenda: Agenda, csrf: string): Promise<SafeHtml | null> {
  if (agenda.status === 'adopted' || !agenda.previousAgendaId) return null;
  const state = await carryOverState(ctx.platform.db, agenda);
  if (!state.previous || state.open.length === 0) return null;
  const t = tr(ctx);
  return html`<section aria-labelledby="overnemen"><h2 class="utrecht-heading-2" id="overnemen">${t('agenda.followUp.carry.title')}</h2>
    ${paragraph(withLink(t, 'agenda.followUp.carry.count', { count: String(state.open.length) }, link(agendaProgressPath(ctx.tenant!.slug, state.previous.id), state.previous.title)))}
    ${actionButton({ action: `${agendaPath(ctx.tenant!.slug, agenda.id)}/overnemen`, csrf, label: t('agenda.followUp.carry.submit') })}</section>`;
}
