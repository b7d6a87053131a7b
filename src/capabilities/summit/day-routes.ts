import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { DuplicateSubmission, FORM_KEY_FIELD, isFormKey, withFormKey } from '../../platform/http/form-keys.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute, type UseCase } from '../../platform/service.js';
import { errorSummary, formErrors, heading1, link, paragraph } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import type { Tenant } from '../../platform/tenancy.js';
import { listPublicValues } from '../municipality/index.js';
import { captureIsOpen, consentState, dotsOrder, plenaryOrder } from './day-model.js';
import {
  addObjection, addRound, addTable, captureAmbition, correctAmbition, dayPath, plenaryPath, recordConsent, renewTableLink, resolveObjection, setDots, setDotVoting,
  tablePath, tableResource, tableToken,
} from './day-service.js';
import { ambitionOfSubmission, ambitionsOf, detailsOf, dotVotingOf, findAmbition, findTable, roundsOf, tablesOf, type Ambition, type DayTable } from './day-store.js';
import { resolveLinks } from './links.js';
import { dayLabels, dayPage, outcomePage, plenaryPage, tablePage, type AmbitionView, type TablePageInput } from './pages/day.js';
import { summitActions } from './policy.js';
import { amsterdamParts, amsterdamToday, resourceOfSummit, summitPath, summitsPath } from './service.js';
import { findSummit, groupsOf, linksOf, type Summit } from './store.js';

/**
 * Pages of the day: /{slug}/buurttops/{id}/dag (organisers: rounds, tables, facilitator links)
 * with …/rondes, …/tafels, …/tafels/{t}/nieuwe-link; a table's page for its facilitator,
 * …/dag/tafels/{t}/{secret} (capture), …/ontvangen/{a} (what the server acknowledged) and
 * …/ambities/{a} (correct); the plenary …/plenair (consent, objections, dots) and the outcome
 * everyone reads after the day, …/ambities.
 */
type Params = Record<string, string>;
const tr = (ctx: Context) => translator(ctx.locale);
const tenantOf = (ctx: Context): Tenant => {
  if (!ctx.tenant) throw new NotFoundError();
  return ctx.tenant;
};
const summitDay = (summit: Summit) => amsterdamParts(summit.startsAt).date;
const captureOpen = (summit: Summit) => captureIsOpen(summit.status, summitDay(summit), amsterdamToday());

/** Every value of a form field that may repeat (checkboxes). */
function listOf(request: FastifyRequest, name: string): string[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
}

/** The ambitions of a summit as the plenary and the outcome show them: theme position, consent state, value names, facts, steps, objections. */
export async function ambitionViews(db: Db, ctx: Context, summit: Summit, ambitions: Ambition[]): Promise<AmbitionView[]> {
  const [groups, details] = await Promise.all([groupsOf(db, summit.id), detailsOf(db, ambitions.map((a) => a.id))]);
  const facts = await resolveLinks(db, tenantOf(ctx), summit, details.facts.map((f) => ({ id: f.id, groupId: f.ambitionId, kind: f.kind, reference: f.reference, note: null })), ctx.locale);
  return ambitions.map((a) => {
    const objections = details.objections.filter((o) => o.ambitionId === a.id);
    const group = groups.find((g) => g.id === a.groupId);
    return {
      ambition: a, objections, state: consentState(a.consentAt !== null, objections), themePosition: group ? group.position : Number.MAX_SAFE_INTEGER,
      values: details.values.filter((v) => v.ambitionId === a.id).map((v) => (ctx.locale === 'en' ? v.nameEn : v.nameNl)),
      facts: facts.filter((f) => f.groupId === a.id), steps: details.steps.filter((s) => s.ambitionId === a.id),
    };
  });
}

export function registerSummitDayPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  const summitOfRequest = async (request: FastifyRequest) => {
    const summit = await findSummit(db, tenantOf(request.ctx).id, (request.params as Params).id!);
    if (!summit) throw new NotFoundError();
    return { summit, resource: await resourceOfSummit(db, summit) };
  };
  const crumbs = (ctx: Context, summit: Summit, last?: NavItem): NavItem[] => [
    { href: summitsPath(tenantOf(ctx).slug), label: tr(ctx)('summit.overview.title') }, { href: summitPath(tenantOf(ctx).slug, summit.id), label: summit.title }, ...(last ? [last] : []),
  ];

  // ---- the organisers' page ---------------------------------------------------------------------------

  const showDay = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, issues: FieldIssue[] = []) => {
    const { ctx } = request;
    const { summit, resource } = await summitOfRequest(request);
    authorize(ctx, summitActions.organise, resource);
    const [rounds, tables, groups, ambitions] = await Promise.all([roundsOf(db, summit.id), tablesOf(db, summit.id), groupsOf(db, summit.id), ambitionsOf(db, summit.id)]);
    const slug = tenantOf(ctx).slug;
    return reply.page({
      title: tr(ctx)('summit.day.title', { title: summit.title }),
      breadcrumbs: crumbs(ctx, summit),
      body: dayPage(ctx, {
        summit, rounds, groups, captureOpen: captureOpen(summit), csrf: request.csrf, values, errors: formErrors(tr(ctx), issues, dayLabels(tr(ctx))), origin: platform.config.publicUrl,
        tables: tables.map((tb) => ({ ...tb, href: tablePath(slug, summit.id, tb.id, tableToken(platform.secret, tb)), ambitions: ambitions.filter((a) => a.tableId === tb.id).length })),
      }),
    });
  };
  app.get('/:municipality/buurttops/:id/dag', (request, reply) => showDay(request, reply));

  /** A form on the organisers' pages: the use case, then on to its result, or the page again with the errors named. */
  const organiserForm = (path: string, useCase: UseCase<any, { path: string }>, input: (request: FastifyRequest, summit: Summit) => Record<string, unknown>, flash: string,
    invalid: (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => Promise<FastifyReply>) => {
    app.post(path, async (request, reply) => {
      const { summit, resource } = await summitOfRequest(request);
      authorize(request.ctx, summitActions.organise, resource);
      const values = formBody(request);
      return handleForm(reply, {
        run: () => execute(request.ctx, useCase, { ...values, ...input(request, summit), summitId: summit.id }),
        success: (result) => reply.flashRedirect(result.path, flash),
        invalid: (issues) => invalid(request, reply, values, issues),
      });
    });
  };
  organiserForm('/:municipality/buurttops/:id/dag/rondes', addRound, () => ({}), 'summit.day.flash.round', showDay);
  organiserForm('/:municipality/buurttops/:id/dag/tafels', addTable, () => ({}), 'summit.day.flash.table', showDay);
  organiserForm('/:municipality/buurttops/:id/dag/tafels/:table/nieuwe-link', renewTableLink, (r) => ({ id: (r.params as Params).table }), 'summit.day.flash.link', showDay);

  // ---- a table's page ---------------------------------------------------------------------------------

  const tableOfRequest = async (request: FastifyRequest) => {
    const { summit } = await summitOfRequest(request);
    const params = request.params as Params;
    const table = await findTable(db, summit.id, params.table!);
    if (!table) throw new NotFoundError();
    authorize(request.ctx, summitActions.facilitate, await tableResource(db, request.ctx, summit, table, params.token));
    return { summit, table, base: tablePath(tenantOf(request.ctx).slug, summit.id, table.id, params.token!) };
  };

  const showTable = async (request: FastifyRequest, reply: FastifyReply, loaded: { summit: Summit; table: DayTable; base: string }, extra: Partial<TablePageInput> & { issues?: FieldIssue[] } = {}) => {
    const { ctx } = request;
    const { summit, table } = loaded;
    const [rounds, publicValues, ambitions, groupLinks] = await Promise.all([
      roundsOf(db, summit.id), listPublicValues(db, summit.municipalityId), ambitionsOf(db, summit.id, { tableId: table.id }), table.groupId ? linksOf(db, [table.groupId]) : [],
    ]);
    const t = tr(ctx);
    const title = extra.correcting ? t('summit.day.correctTitle', { title: extra.correcting.title }) : t('summit.day.tableTitle', { theme: table.themeName });
    return reply.page({
      title,
      body: tablePage(ctx, {
        summit, table, base: loaded.base, round: rounds.find((r) => r.id === table.roundId) ?? null, publicValues, ambitions, captureOpen: captureOpen(summit),
        facts: await resolveLinks(db, tenantOf(ctx), summit, groupLinks, ctx.locale), received: null, correcting: null, values: {}, chosen: { values: [], facts: [] }, csrf: request.csrf,
        ...extra, errors: formErrors(t, extra.issues ?? [], dayLabels(t)),
      }),
    });
  };

  const tableRoute = '/:municipality/buurttops/:id/dag/tafels/:table/:token';
  app.get(tableRoute, async (request, reply) => showTable(request, reply, await tableOfRequest(request)));

  app.get(`${tableRoute}/ontvangen/:ambition`, async (request, reply) => {
    const loaded = await tableOfRequest(request);
    const received = await findAmbition(db, loaded.summit.id, (request.params as Params).ambition!);
    if (!received || received.tableId !== loaded.table.id) throw new NotFoundError();
    return showTable(request, reply, loaded, { received });
  });

  /**
   * Capture: the ambition is committed before the answer leaves. A second arrival of the same
   * submission (a double tap, the browser's retry, a reload after the Wi-Fi dropped the answer)
   * finds the ambition by its form key — also when both arrive at once: the second waits for the
   * first's key in the database — and is sent to the first one's confirmation.
   */
  app.post(tableRoute, async (request, reply) => {
    const loaded = await tableOfRequest(request);
    const { summit, table, base } = loaded;
    const key = (request.body as Record<string, unknown> | undefined)?.[FORM_KEY_FIELD];
    const confirmation = (ambition: Ambition) => `${base}/ontvangen/${ambition.id}#ontvangen`;
    const earlier = async () => (isFormKey(key) ? ambitionOfSubmission(db, summit.id, key) : null);
    const done = await earlier();
    if (done) return reply.flashRedirect(confirmation(done), 'form.alreadySubmitted');
    const values = formBody(request);
    const chosen = { values: listOf(request, 'values'), facts: listOf(request, 'facts') };
    const input = { ...values, ...chosen, summitId: summit.id, tableId: table.id, token: (request.params as Params).token, submissionKey: isFormKey(key) ? key : undefined };
    try {
      const run = () => execute(request.ctx, captureAmbition, input);
      const result = isFormKey(key) ? await withFormKey(key, run) : await run();
      return reply.redirect(`${base}/ontvangen/${result.id}#ontvangen`, 303);
    } catch (error) {
      if (error instanceof DuplicateSubmission) {
        const first = await earlier();
        return reply.flashRedirect(first ? confirmation(first) : base, 'form.alreadySubmitted');
      }
      if (error instanceof ValidationError) {
        reply.code(422);
        return showTable(request, reply, loaded, { values, chosen, issues: error.issues });
      }
      throw error;
    }
  });

  const ambitionRoute = `${tableRoute}/ambities/:ambition`;
  const ambitionOfTable = async (request: FastifyRequest, loaded: { summit: Summit; table: DayTable }) => {
    const ambition = await findAmbition(db, loaded.summit.id, (request.params as Params).ambition!);
    if (!ambition || ambition.tableId !== loaded.table.id) throw new NotFoundError();
    return ambition;
  };
  app.get(ambitionRoute, async (request, reply) => {
    const loaded = await tableOfRequest(request);
    const ambition = await ambitionOfTable(request, loaded);
    const details = await detailsOf(db, [ambition.id]);
    const groupLinks = loaded.table.groupId ? await linksOf(db, [loaded.table.groupId]) : [];
    const values: Record<string, string> = { title: ambition.title, body: ambition.body, why: ambition.why ?? '', horizon: String(ambition.horizon) };
    details.steps.forEach((s, i) => { values[`step_${i + 1}`] = s.step; values[`carrier_${i + 1}`] = s.carrier ?? ''; });
    const facts = groupLinks.filter((l) => details.facts.some((f) => f.kind === l.kind && f.reference === l.reference)).map((l) => l.id);
    return showTable(request, reply, loaded, { correcting: ambition, values, chosen: { values: details.values.map((v) => v.valueId), facts } });
  });
  app.post(ambitionRoute, async (request, reply) => {
    const loaded = await tableOfRequest(request);
    const ambition = await ambitionOfTable(request, loaded);
    const values = formBody(request);
    const chosen = { values: listOf(request, 'values'), facts: listOf(request, 'facts') };
    return handleForm(reply, {
      run: () => execute(request.ctx, correctAmbition, { ...values, ...chosen, summitId: loaded.summit.id, tableId: loaded.table.id, token: (request.params as Params).token, id: ambition.id }),
      success: () => reply.redirect(`${loaded.base}/ontvangen/${ambition.id}#ontvangen`, 303),
      invalid: (issues) => showTable(request, reply, loaded, { correcting: ambition, values, chosen, issues }),
    });
  });

  // ---- the plenary ------------------------------------------------------------------------------------

  app.get('/:municipality/buurttops/:id/plenair', async (request, reply) => {
    const { ctx } = request;
    const { summit, resource } = await summitOfRequest(request);
    authorize(ctx, summitActions.organise, resource);
    const dotVoting = await dotVotingOf(db, summit.id);
    const byDots = dotVoting && (request.query as Record<string, string>).volgorde === 'stippen';
    const views = await ambitionViews(db, ctx, summit, await ambitionsOf(db, summit.id));
    const ordered = byDots ? dotsOrder(views.map((v) => ({ ...v, id: v.ambition.id, dots: v.ambition.dots, createdAt: v.ambition.createdAt }))) : plenaryOrder(views.map((v) => ({ ...v, id: v.ambition.id, dots: v.ambition.dots, createdAt: v.ambition.createdAt })));
    return reply.page({
      title: tr(ctx)('summit.plenary.title', { title: summit.title }),
      breadcrumbs: crumbs(ctx, summit, { href: dayPath(tenantOf(ctx).slug, summit.id), label: tr(ctx)('summit.day.crumb') }),
      body: plenaryPage(ctx, { summit, views: ordered, dotVoting, byDots, open: captureOpen(summit), csrf: request.csrf, base: plenaryPath(tenantOf(ctx).slug, summit.id) }),
    });
  });

  /** A plenary form the use case refused: the errors named, and the way back. */
  const plenaryInvalid = async (request: FastifyRequest, reply: FastifyReply, _values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const { summit } = await summitOfRequest(request);
    const t = tr(ctx);
    return reply.page({
      title: t('summit.plenary.title', { title: summit.title }),
      breadcrumbs: crumbs(ctx, summit),
      body: [heading1(t('summit.plenary.title', { title: summit.title })), errorSummary(t, formErrors(t, issues, dayLabels(t)), dayLabels(t)), paragraph(link(plenaryPath(tenantOf(ctx).slug, summit.id), t('summit.plenary.back')))],
    });
  };
  const ambitionId = (r: FastifyRequest) => ({ id: (r.params as Params).ambition });
  organiserForm('/:municipality/buurttops/:id/plenair/stippen', setDotVoting, () => ({}), 'summit.plenary.flash.dotVoting', plenaryInvalid);
  organiserForm('/:municipality/buurttops/:id/plenair/ambities/:ambition/instemming', recordConsent, ambitionId, 'summit.plenary.flash.consent', plenaryInvalid);
  organiserForm('/:municipality/buurttops/:id/plenair/ambities/:ambition/bezwaar', addObjection, ambitionId, 'summit.plenary.flash.objection', plenaryInvalid);
  organiserForm('/:municipality/buurttops/:id/plenair/ambities/:ambition/stippen', setDots, ambitionId, 'summit.plenary.flash.dots', plenaryInvalid);
  organiserForm('/:municipality/buurttops/:id/plenair/bezwaren/:objection', resolveObjection, (r) => ({ id: (r.params as Params).objection }), 'summit.plenary.flash.resolution', plenaryInvalid);

  // ---- the outcome, for everyone -----------------------------------------------------------------------

  app.get('/:municipality/buurttops/:id/ambities', async (request, reply) => {
    const { ctx } = request;
    const { summit, resource } = await summitOfRequest(request);
    authorize(ctx, summitActions.view, resource);
    const published = summit.status === 'held' || summit.status === 'closed';
    const views = published ? await ambitionViews(db, ctx, summit, await ambitionsOf(db, summit.id)) : [];
    const ordered = plenaryOrder(views.map((v) => ({ ...v, id: v.ambition.id, dots: v.ambition.dots, createdAt: v.ambition.createdAt })));
    return reply.page({
      title: tr(ctx)('summit.outcome.title', { title: summit.title }),
      breadcrumbs: crumbs(ctx, summit),
      body: outcomePage(ctx, { summit, views: ordered, published }),
    });
  });
}
