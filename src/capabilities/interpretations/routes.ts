import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors, heading1 } from '../../platform/ui/components.js';
import { areaOfRequest, areaPathOf, parseAreaCode, type TenantArea } from '../areas/index.js';
import { findOrganisation, listOrganisations } from '../parties/index.js';
import { catalogueFor, figuresOf } from '../statistics/index.js';
import { editable, EDIT_MINUTES, type FigureKey } from './model.js';
import { areaResource, boardOrganisations, interpretationActions, writingRolesOf } from './policy.js';
import { interpretationsFor, interpretationsLinkedTo } from './read.js';
import { deleteInterpretation, editInterpretation, interpretationAnchor, interpretationsPath, postInterpretation, recordConversationRound, roundsPath } from './service.js';
import { findInterpretation, findRound, roundsOfArea, yearsWithReadings } from './store.js';
import {
  cannotWrite, duidingPage, figureName, figureValue, formIntro, interpretationForm, interpretationLabels,
} from './pages/interpretations.js';
import { roundForm, roundLabels, roundPage, roundsPage } from './pages/rounds.js';

const tr = (ctx: Context) => translator(ctx.locale);
const yearParam = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1990).max(2100).optional()).catch(undefined);
const query = z.object({ jaar: yearParam, indicator: z.string().max(40).optional().catch(undefined), ronde: z.string().max(64).optional().catch(undefined), terug: z.string().max(500).optional().catch(undefined) }).loose();
type Params = { code: string; id?: string };

/** A path in this municipality to return to; anything else is ignored. */
function localPath(ctx: Context, path: string | undefined): string | null {
  if (!path) return null;
  const prefix = `/${ctx.tenant!.slug}/`;
  return path.startsWith(prefix) && !/[\\\s]|\/\//.test(path) && !path.includes('#') ? path : null;
}

export function registerInterpretationPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const areaOf = (request: FastifyRequest) => areaOfRequest(db, request);
  const queryOf = (request: FastifyRequest) => query.parse(request.query ?? {});
  const resourceOf = (ctx: Context, area: TenantArea) => areaResource(ctx.tenant!.id, area.path);
  /** For offering the round form: staff of the area, or a board member of any organisation of the municipality (who then names it). */
  const roundResource = (ctx: Context, area: TenantArea) => ({
    type: 'conversationRound', municipalityId: ctx.tenant!.id, areaPath: area.path, organisationPath: boardOrganisations(ctx.actor, ctx.tenant!.id),
  });
  /** The year shown: asked for, or the latest with readings, or the municipality's division year. */
  const yearOf = async (ctx: Context, area: TenantArea, asked: number | undefined) => asked ?? (await yearsWithReadings(db, ctx.tenant!.id, area.code))[0] ?? ctx.tenant!.divisionYear;

  // ---- the readings of an area's figures -----------------------------------------------------
  app.get('/:municipality/gebieden/:code/duiding', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    authorize(ctx, interpretationActions.view, resourceOf(ctx, area));
    const year = await yearOf(ctx, area, queryOf(request).jaar);
    const [catalogue, figures, grouped, rounds, years] = await Promise.all([
      catalogueFor(db, tenant.id), figuresOf(db, tenant.id, area.code, year), interpretationsFor(db, tenant.id, area.code, year),
      roundsOfArea(db, tenant.id, area.code), yearsWithReadings(db, tenant.id, area.code),
    ]);
    return reply.page({
      title: t('interpretations.page.title', { area: area.title }),
      breadcrumbs: [{ href: `/${tenant.slug}/gebieden/${area.code}`, label: area.title }, { href: interpretationsPath(tenant.slug, area.code, year), label: t('interpretations.page.crumb') }],
      body: await duidingPage(ctx, {
        area, year, years: [...new Set([year, ...years])].sort((a, b) => b - a), catalogue, figures, grouped, rounds, csrf: request.csrf, back: request.url,
        canRecordRound: allowed(ctx, interpretationActions.recordRound, roundResource(ctx, area)),
      }),
    });
  });

  // ---- writing one: the short form -------------------------------------------------------------
  const formView = async (request: FastifyRequest, reply: FastifyReply, input: { editing?: { id: string; indicator: FigureKey; year: number }; values: Record<string, string>; issues: FieldIssue[] }) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    const asked = queryOf(request);
    const posted = Number(input.values.year);
    const year = input.editing?.year ?? (Number.isInteger(posted) && posted >= 1990 && posted <= 2100 ? posted : await yearOf(ctx, area, asked.jaar));
    const [catalogue, rounds] = await Promise.all([catalogueFor(db, tenant.id), roundsOfArea(db, tenant.id, area.code)]);
    const byId = new Map(catalogue.map((i) => [i.id, i]));
    const rawIndicator = input.editing ? input.editing.indicator : (input.values.indicator ?? asked.indicator ?? '') || null;
    const known = rawIndicator === null || byId.has(rawIndicator);
    const figure = known && (input.editing || asked.indicator !== undefined || input.values.indicator !== undefined)
      ? { key: rawIndicator, name: figureName(t, ctx, byId, rawIndicator), value: rawIndicator === null ? null : figureValue(ctx, (await figuresOf(db, tenant.id, area.code, year)).find((f) => f.indicator.id === rawIndicator)) }
      : null;
    const back = localPath(ctx, input.values.terug ?? asked.terug) ?? interpretationsPath(tenant.slug, area.code, year);
    const title = input.editing ? t('interpretations.form.editTitle') : figure ? t('interpretations.form.titleFor', { figure: figure.name }) : t('interpretations.form.title');
    const roles = writingRolesOf(ctx.actor, resourceOf(ctx, area));
    const values = { ...input.values };
    if (!input.editing && values.roundId === undefined && asked.ronde) values.roundId = asked.ronde;
    const body = input.editing || roles.length
      ? interpretationForm(ctx, {
        area, year, figure, catalogue, roles, rounds, csrf: request.csrf, values, errors: formErrors(t, input.issues, interpretationLabels(t)), back,
        action: input.editing ? `/${tenant.slug}/gebieden/${area.code}/duiding/${input.editing.id}/bewerken` : `/${tenant.slug}/gebieden/${area.code}/duiding/nieuw`,
        submit: t(input.editing ? 'interpretations.form.save' : 'interpretations.form.submit'),
      })
      : cannotWrite(t, ctx, request.url);
    return reply.page({
      title,
      breadcrumbs: [{ href: `/${tenant.slug}/gebieden/${area.code}`, label: area.title }, { href: interpretationsPath(tenant.slug, area.code, year), label: t('interpretations.page.crumb') }],
      body: [heading1(title), formIntro(t, { area, year, figure }), body],
    });
  };

  app.get('/:municipality/gebieden/:code/duiding/nieuw', async (request, reply) => {
    const area = await areaOf(request);
    authorize(request.ctx, interpretationActions.view, resourceOf(request.ctx, area));
    return formView(request, reply, { values: {}, issues: [] });
  });

  const afterSaving = (request: FastifyRequest, values: Record<string, string>, result: { id: string; path: string }) => {
    const back = localPath(request.ctx, values.terug);
    return back ? `${back}#${interpretationAnchor(result.id)}` : result.path;
  };

  app.post('/:municipality/gebieden/:code/duiding/nieuw', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, postInterpretation, { ...values, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(afterSaving(request, values, result), 'interpretations.flash.posted'),
      invalid: (issues) => formView(request, reply, { values, issues }),
    });
  });

  /** The author's own interpretation that may still be changed. */
  const editable$ = async (request: FastifyRequest) => {
    const { ctx } = request;
    const { code, id } = request.params as Required<Params>;
    const row = await findInterpretation(db, ctx.tenant!.id, id);
    if (!row || row.status !== 'published' || row.area_code !== parseAreaCode(code)?.code) throw new NotFoundError();
    authorize(ctx, interpretationActions.edit, areaResource(row.municipality_id, areaPathOf(row.area_code), { ownerId: row.author_id }));
    if (!editable(row.created_at)) throw new ConflictError('interpretations.error.editWindow', { minutes: EDIT_MINUTES });
    return row;
  };

  app.get('/:municipality/gebieden/:code/duiding/:id/bewerken', async (request, reply) => {
    const row = await editable$(request);
    return formView(request, reply, {
      editing: { id: row.id, indicator: row.indicator, year: Number(row.year) },
      values: { kind: row.kind, role: row.author_role, body: row.body, roundId: row.round_id ?? '' }, issues: [],
    });
  });

  app.post('/:municipality/gebieden/:code/duiding/:id/bewerken', async (request, reply) => {
    const { ctx } = request;
    const row = await editable$(request);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, editInterpretation, { ...values, id: row.id }),
      success: (result) => reply.flashRedirect(afterSaving(request, values, result), 'interpretations.flash.edited'),
      invalid: (issues) => formView(request, reply, { editing: { id: row.id, indicator: row.indicator, year: Number(row.year) }, values, issues }),
    });
  });

  app.post('/:municipality/gebieden/:code/duiding/:id/verwijderen', async (request, reply) => {
    const { ctx } = request;
    const { id } = request.params as Required<Params>;
    return handleForm(reply, {
      run: () => execute(ctx, deleteInterpretation, { id }),
      success: (result) => reply.flashRedirect(result.path, 'interpretations.flash.deleted'),
      invalid: () => { throw new NotFoundError(); },
    });
  });

  // ---- conversation rounds -------------------------------------------------------------------------

  app.get('/:municipality/gebieden/:code/gespreksrondes', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    authorize(ctx, interpretationActions.view, resourceOf(ctx, area));
    const rounds = await roundsOfArea(db, tenant.id, area.code);
    return reply.page({
      title: t('interpretations.rounds.title', { area: area.title }),
      breadcrumbs: [{ href: `/${tenant.slug}/gebieden/${area.code}`, label: area.title }, { href: roundsPath(tenant.slug, area.code), label: t('interpretations.rounds.heading') }],
      body: roundsPage(ctx, { area, rounds, year: await yearOf(ctx, area, queryOf(request).jaar), canRecord: allowed(ctx, interpretationActions.recordRound, roundResource(ctx, area)) }),
    });
  });

  const roundFormView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, indicators: string[], issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    authorize(ctx, interpretationActions.recordRound, roundResource(ctx, area));
    const posted = Number(values.year);
    const year = Number.isInteger(posted) && posted >= 1990 && posted <= 2100 ? posted : await yearOf(ctx, area, queryOf(request).jaar);
    const [catalogue, organisations] = await Promise.all([catalogueFor(db, tenant.id), listOrganisations(db, tenant.id, { limit: 1000 })]);
    return reply.page({
      title: t('interpretations.round.new', { area: area.title }),
      breadcrumbs: [{ href: `/${tenant.slug}/gebieden/${area.code}`, label: area.title }, { href: roundsPath(tenant.slug, area.code), label: t('interpretations.rounds.heading') }],
      body: roundForm(ctx, { area, year, catalogue, organisations, csrf: request.csrf, values, indicators, errors: formErrors(t, issues, roundLabels(t)) }),
    });
  };

  app.get('/:municipality/gebieden/:code/gespreksrondes/nieuw', (request, reply) => roundFormView(request, reply, {}, [], []));

  app.post('/:municipality/gebieden/:code/gespreksrondes/nieuw', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    const raw = (request.body as Record<string, unknown> | undefined)?.indicators;
    const indicators = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 500);
    return handleForm(reply, {
      run: () => execute(ctx, recordConversationRound, { ...values, indicators, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'interpretations.flash.roundRecorded'),
      invalid: (issues) => roundFormView(request, reply, values, indicators, issues),
    });
  });

  app.get('/:municipality/gebieden/:code/gespreksrondes/:id', async (request, reply) => {
    const { ctx } = request;
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    authorize(ctx, interpretationActions.view, resourceOf(ctx, area));
    const round = await findRound(db, tenant.id, (request.params as Required<Params>).id);
    if (!round || round.areaCode !== area.code) throw new NotFoundError();
    const [catalogue, interpretations, organisation] = await Promise.all([
      catalogueFor(db, tenant.id), interpretationsLinkedTo(db, tenant.id, round.id), round.organisationId ? findOrganisation(db, tenant.id, round.organisationId) : Promise.resolve(undefined),
    ]);
    return reply.page({
      title: round.title,
      breadcrumbs: [{ href: `/${tenant.slug}/gebieden/${area.code}`, label: area.title }, { href: roundsPath(tenant.slug, area.code), label: tr(ctx)('interpretations.rounds.heading') }],
      body: roundPage(ctx, {
        area, round, catalogue, interpretations, csrf: request.csrf, organiser: organisation ? { id: organisation.id, name: organisation.name } : null,
        canWrite: allowed(ctx, interpretationActions.post, resourceOf(ctx, area)),
      }),
    });
  });
}
