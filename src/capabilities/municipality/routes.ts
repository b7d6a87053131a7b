import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { findFile, sizeLimit, uploadedFile } from '../../platform/files/index.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { issuesOf } from '../../platform/validation.js';
import { amsterdamDayEnd, amsterdamDayStart, chosenColour, decodeCursor, isCalendarDate, LOGO_MAX_BYTES } from './model.js';
import { adminHomePage } from './pages/admin.js';
import { auditLabels, auditPage, type AuditFilterValues } from './pages/audit.js';
import { homePage } from './pages/home.js';
import { editPublicValuePage, publicValueLabels, publicValuesPage, removePublicValuePage } from './pages/public-values.js';
import { settingsLabels, settingsPage } from './pages/settings.js';
import { municipalityActions as actions } from './policy.js';
import {
  addPublicValue, createMunicipality, movePublicValue, removeLogo, removePublicValue, updatePublicValue, updateSettings, uploadLogo,
} from './service.js';
import {
  auditFacets, findMunicipality, findPublicValue, listMunicipalities, listPublicValues, municipalitySlugs, readAuditPage,
  type AuditQuery, type MunicipalityRow, type PublicValueRow,
} from './store.js';

const base = (ctx: Context) => `/${ctx.tenant!.slug}`;
const tr = (ctx: Context) => translator(ctx.locale);
const tenantResource = (ctx: Context): Resource => ({ type: 'municipality', municipalityId: ctx.tenant!.id });
type Params = { municipality: string; id?: string };

function adminCrumbs(ctx: Context, ...rest: Array<{ href: string; label: string }>) {
  return [{ href: `${base(ctx)}/beheer`, label: tr(ctx)('nav.admin') }, ...rest];
}

// ---- audit filters (pages and API) -----------------------------------------------------------

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const code = (key: string) => z.preprocess(emptyToUndefined, z.string().max(100, 'validation.tooLong').regex(/^[A-Za-z0-9_.:-]+$/, key).optional());
const dateOrInstant = z.preprocess(emptyToUndefined, z.string().max(40)
  .refine((v) => isCalendarDate(v) || (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v))), 'municipality.audit.invalidDate').optional());

export const auditFilterSchema = z.object({
  action: code('municipality.audit.invalidCode'),
  entityType: code('municipality.audit.invalidCode'),
  actor: z.preprocess(emptyToUndefined, z.string().max(64, 'validation.tooLong').regex(/^(system|systeem|p-[a-z0-9]+)$/i, 'municipality.audit.invalidActor').optional()),
  from: dateOrInstant,
  to: dateOrInstant,
  before: z.preprocess(emptyToUndefined, z.string().max(200).refine((v) => decodeCursor(v) !== null, 'municipality.audit.invalidCursor').optional()),
  limit: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).optional()),
}).superRefine((value, context) => {
  if (value.from && value.to && toInstant(value.to, 'to') <= toInstant(value.from, 'from')) {
    context.addIssue({ code: 'custom', path: ['to'], message: 'municipality.audit.toBeforeFrom' });
  }
});
type AuditFilterInput = z.output<typeof auditFilterSchema>;

/** Parse the filters, keeping this capability's own message keys (the platform maps only its own). */
function parseAuditFilter(raw: unknown): AuditFilterInput {
  const result = auditFilterSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw new ValidationError(result.error.issues.map((issue, i) => (issue.message.startsWith('municipality.') ? { ...issues[i]!, key: issue.message } : issues[i]!)));
}

/** The same filters as plain strings, for the API document; parseAuditFilter checks them. */
const auditFilterQuery = z.object({
  action: z.string().optional(), entityType: z.string().optional(), actor: z.string().optional(),
  from: z.string().optional(), to: z.string().optional(), before: z.string().optional(), limit: z.string().optional(),
});

function toInstant(value: string, edge: 'from' | 'to'): string {
  if (isCalendarDate(value)) return edge === 'from' ? amsterdamDayStart(value) : amsterdamDayEnd(value);
  return new Date(value).toISOString();
}

function auditQuery(filter: AuditFilterInput, municipalityId: string | undefined): AuditQuery {
  return {
    municipalityId,
    action: filter.action,
    entityType: filter.entityType,
    actor: filter.actor ? (/^(system|systeem)$/i.test(filter.actor) ? 'system' : filter.actor.toLowerCase()) : undefined,
    from: filter.from ? toInstant(filter.from, 'from') : undefined,
    to: filter.to ? toInstant(filter.to, 'to') : undefined,
  };
}

async function auditView(request: FastifyRequest, reply: FastifyReply, scope: { municipalityId: string | null; path: string; scopeName: string }) {
  const { ctx } = request;
  const t = tr(ctx);
  authorize(ctx, actions.audit, { type: 'audit', municipalityId: scope.municipalityId });
  const raw = request.query as Record<string, unknown>;
  const shown: AuditFilterValues = {};
  for (const key of ['action', 'entityType', 'actor', 'from', 'to', 'limit'] as const) if (typeof raw[key] === 'string' && raw[key]) shown[key] = (raw[key] as string).slice(0, 100);
  const db = ctx.platform.db;
  const municipalityId = scope.municipalityId ?? undefined;
  const common = {
    path: scope.path, locale: ctx.locale, filter: shown, facets: await auditFacets(db, municipalityId), scopeName: scope.scopeName,
    municipalities: scope.municipalityId ? undefined : await municipalitySlugs(db),
  };
  const show = (body: ReturnType<typeof auditPage>) => reply.page({
    title: t('municipality.audit.title'), body,
    breadcrumbs: ctx.tenant ? adminCrumbs(ctx, { href: scope.path, label: t('municipality.audit.title') }) : [],
  });
  let filter: AuditFilterInput;
  try {
    filter = parseAuditFilter(raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    reply.code(422);
    return show(auditPage(t, { ...common, entries: [], next: null, paged: false, errors: formErrors(t, error.issues, auditLabels(t)) }));
  }
  const page = await readAuditPage(db, auditQuery(filter, municipalityId), filter.before ? decodeCursor(filter.before) : null, filter.limit ?? 50);
  return show(auditPage(t, { ...common, entries: page.items, next: page.next, paged: Boolean(filter.before), errors: {} }));
}

// ---- uploads ---------------------------------------------------------------------------------

// ---- pages -----------------------------------------------------------------------------------

export function registerMunicipalityPages(app: FastifyInstance, platform: Platform): void {
  app.get('/:municipality', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.view, tenantResource(ctx));
    const values = await listPublicValues(platform.db, ctx.tenant!.id);
    return reply.page({
      title: t('municipality.home.pageTitle'),
      body: homePage(t, { tenant: ctx.tenant!, locale: ctx.locale, values, signedIn: ctx.actor.kind === 'person', canAdminister: allowed(ctx, actions.admin, tenantResource(ctx)) }),
    });
  });

  app.get('/:municipality/beheer', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.admin, tenantResource(ctx));
    const values = await listPublicValues(platform.db, ctx.tenant!.id);
    return reply.page({ title: t('nav.admin'), breadcrumbs: adminCrumbs(ctx), body: adminHomePage(t, { tenant: ctx.tenant!, publicValueCount: values.length }) });
  });

  // ---- settings ------------------------------------------------------------------------------
  const settingsView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[], logoIssues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.settings, tenantResource(ctx));
    const municipality = (await findMunicipality(platform.db, ctx.tenant!.id)) as MunicipalityRow;
    const logo = municipality.logo_file_id ? await findFile(platform.db, municipality.logo_file_id, { municipalityId: municipality.id }) : null;
    const labels = settingsLabels(t);
    return reply.page({
      title: t('municipality.settings.title'),
      breadcrumbs: adminCrumbs(ctx, { href: `${base(ctx)}/beheer/instellingen`, label: t('municipality.settings.title') }),
      body: settingsPage(t, { base: base(ctx), csrf: request.csrf, locale: ctx.locale, tenant: ctx.tenant!, municipality, logo, values, errors: formErrors(t, issues, labels), logoErrors: formErrors(t, logoIssues, labels) }),
    });
  };

  app.get('/:municipality/beheer/instellingen', (request, reply) => settingsView(request, reply, {}, [], []));

  app.post('/:municipality/beheer/instellingen', async (request, reply) => {
    const { ctx } = request;
    const form = formBody(request);
    const tenant = ctx.tenant!;
    const values: Record<string, string> = {};
    if (form.name !== undefined) values.name = form.name;
    const primary = chosenColour(tenant.primaryColour, form.primaryColour, form.primaryColourPicker);
    const accent = chosenColour(tenant.accentColour, form.accentColour, form.accentColourPicker);
    if (primary !== undefined) values.primaryColour = primary;
    if (accent !== undefined) values.accentColour = accent;
    return handleForm(reply, {
      run: () => execute(ctx, updateSettings, values),
      success: () => reply.flashRedirect(`${base(ctx)}/beheer/instellingen`, 'municipality.flash.settingsSaved'),
      invalid: (issues) => settingsView(request, reply, values, issues, []),
    });
  });

  app.post('/:municipality/beheer/instellingen/logo', {
    // A file above the upload limit is refused before the handler runs: say so next to the field.
    errorHandler: async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      if ((error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') && request.ctx?.tenant) {
        reply.code(422);
        return settingsView(request, reply, {}, [], [{ field: 'logo', key: 'files.tooLarge', params: sizeLimit(LOGO_MAX_BYTES) }]);
      }
      throw error;
    },
  }, async (request, reply) => {
    const { ctx } = request;
    const logo = await uploadedFile(request, 'logo');
    return handleForm(reply, {
      run: () => execute(ctx, uploadLogo, { logo: logo?.bytes ?? null, name: logo?.name }),
      success: () => reply.flashRedirect(`${base(ctx)}/beheer/instellingen#logo`, 'municipality.flash.logoSaved'),
      invalid: (issues) => settingsView(request, reply, {}, [], issues),
    });
  });

  app.post('/:municipality/beheer/instellingen/logo/verwijderen', async (request, reply) => {
    const { ctx } = request;
    return handleForm(reply, {
      run: () => execute(ctx, removeLogo, {}),
      success: () => reply.flashRedirect(`${base(ctx)}/beheer/instellingen#logo`, 'municipality.flash.logoRemoved'),
      invalid: (issues) => settingsView(request, reply, {}, [], issues),
    });
  });

  // ---- public values -----------------------------------------------------------------------
  const valuesPath = (ctx: Context) => `${base(ctx)}/beheer/publieke-waarden`;
  const valuesCrumbs = (ctx: Context, ...rest: Array<{ href: string; label: string }>) =>
    adminCrumbs(ctx, { href: valuesPath(ctx), label: tr(ctx)('municipality.values.title') }, ...rest);

  const valuesView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, actions.publicValues, tenantResource(ctx));
    const rows = await listPublicValues(platform.db, ctx.tenant!.id);
    return reply.page({ title: t('municipality.values.title'), breadcrumbs: valuesCrumbs(ctx),
      body: publicValuesPage(t, ctx.locale, { base: base(ctx), csrf: request.csrf, rows, values, errors: formErrors(t, issues, publicValueLabels(t)) }) });
  };

  /** Policy first, then the id, and only within this municipality. */
  const valueOf = async (ctx: Context, id: string | undefined): Promise<PublicValueRow> => {
    authorize(ctx, actions.publicValues, tenantResource(ctx));
    const row = id ? await findPublicValue(platform.db, ctx.tenant!.id, id) : undefined;
    if (!row) throw new NotFoundError();
    return row;
  };

  app.get('/:municipality/beheer/publieke-waarden', (request, reply) => valuesView(request, reply, {}, []));

  app.post('/:municipality/beheer/publieke-waarden', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, addPublicValue, values),
      success: () => reply.flashRedirect(valuesPath(ctx), 'municipality.flash.valueAdded'),
      invalid: (issues) => valuesView(request, reply, values, issues),
    });
  });

  const editView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const row = await valueOf(ctx, (request.params as Params).id);
    const current = values ?? { nameNl: row.name_nl, nameEn: row.name_en, descriptionNl: row.description_nl, descriptionEn: row.description_en };
    const name = ctx.locale === 'en' ? row.name_en : row.name_nl;
    return reply.page({ title: t('municipality.values.editTitle', { name }), breadcrumbs: valuesCrumbs(ctx, { href: `${valuesPath(ctx)}/${row.id}`, label: name }),
      body: editPublicValuePage(t, { base: base(ctx), csrf: request.csrf, row, values: current, errors: formErrors(t, issues, publicValueLabels(t)), locale: ctx.locale }) });
  };

  app.get('/:municipality/beheer/publieke-waarden/:id', (request, reply) => editView(request, reply, null, []));

  app.post('/:municipality/beheer/publieke-waarden/:id', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, updatePublicValue, { ...values, id: (request.params as Params).id }),
      success: () => reply.flashRedirect(valuesPath(ctx), 'municipality.flash.valueSaved'),
      invalid: (issues) => editView(request, reply, values, issues),
    });
  });

  for (const [segment, direction] of [['omhoog', 'up'], ['omlaag', 'down']] as const) {
    app.post(`/:municipality/beheer/publieke-waarden/:id/${segment}`, async (request, reply) => {
      const { ctx } = request;
      return handleForm(reply, {
        run: () => execute(ctx, movePublicValue, { id: (request.params as Params).id, direction }),
        success: () => reply.flashRedirect(valuesPath(ctx), 'municipality.flash.valueMoved'),
        invalid: (issues) => valuesView(request, reply, {}, issues),
      });
    });
  }

  const removeView = async (request: FastifyRequest, reply: FastifyReply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const row = await valueOf(ctx, (request.params as Params).id);
    const count = (await listPublicValues(platform.db, ctx.tenant!.id)).length;
    const name = ctx.locale === 'en' ? row.name_en : row.name_nl;
    return reply.page({ title: t('municipality.values.removeTitle', { name }), breadcrumbs: valuesCrumbs(ctx, { href: `${valuesPath(ctx)}/${row.id}/verwijderen`, label: t('municipality.values.removeTitle', { name }) }),
      body: removePublicValuePage(t, { base: base(ctx), csrf: request.csrf, row, isLast: count <= 1, locale: ctx.locale }) });
  };

  app.get('/:municipality/beheer/publieke-waarden/:id/verwijderen', removeView);

  app.post('/:municipality/beheer/publieke-waarden/:id/verwijderen', async (request, reply) => {
    const { ctx } = request;
    try {
      await execute(ctx, removePublicValue, { id: (request.params as Params).id });
    } catch (error) {
      if (error instanceof ConflictError) {
        reply.code(409);
        return removeView(request, reply);
      }
      throw error;
    }
    return reply.flashRedirect(valuesPath(ctx), 'municipality.flash.valueRemoved');
  });

  // ---- audit log -----------------------------------------------------------------------------
  app.get('/:municipality/beheer/logboek', (request, reply) =>
    auditView(request, reply, { municipalityId: request.ctx.tenant!.id, path: `${base(request.ctx)}/beheer/logboek`, scopeName: request.ctx.tenant!.name }));

  app.get('/beheer/logboek', (request, reply) =>
    auditView(request, reply, { municipalityId: null, path: '/beheer/logboek', scopeName: tr(request.ctx)('municipality.audit.wholeInstallation') }));
}

// ---- JSON API ------------------------------------------------------------------------------

const municipalityParam = z.object({ municipality: z.string().max(60) });
const valueParams = municipalityParam.extend({ id: z.string().max(64) });

const municipalityOut = z.object({
  slug: z.string(), name: z.string(), cbsCode: z.string(), divisionYear: z.number().int(),
  primaryColour: z.string(), accentColour: z.string(), logoUrl: z.string().nullable(), themeUrl: z.string(), url: z.string(), updatedAt: z.string(),
});
const publicValueOut = z.object({ id: z.string(), position: z.number().int(), nameNl: z.string(), nameEn: z.string(), descriptionNl: z.string(), descriptionEn: z.string() });
const publicValueIn = z.object({ nameNl: z.string(), nameEn: z.string(), descriptionNl: z.string(), descriptionEn: z.string() });
const auditEntryOut = z.object({
  id: z.string(), at: z.string(), municipality: z.string().nullable(), actor: z.string().nullable(), action: z.string(), entityType: z.string(), entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable(),
});
const auditOut = z.object({ items: z.array(auditEntryOut), next: z.string().nullable() });

function municipalityJson(m: MunicipalityRow) {
  const version = encodeURIComponent(m.updated_at);
  return {
    slug: m.slug, name: m.name, cbsCode: m.cbs_code, divisionYear: m.division_year, primaryColour: m.primary_colour, accentColour: m.accent_colour,
    logoUrl: m.logo_file_id ? `/${m.slug}/logo?v=${version}` : null, themeUrl: `/${m.slug}/thema.css?v=${version}`, url: `/${m.slug}`, updatedAt: m.updated_at,
  };
}

function publicValueJson(v: PublicValueRow) {
  return { id: v.id, position: v.position, nameNl: v.name_nl, nameEn: v.name_en, descriptionNl: v.description_nl, descriptionEn: v.description_en };
}

export function registerMunicipalityApi(api: ApiRegistry, platform: Platform): void {
  const db = platform.db;
  const current = async (ctx: Context) => (await findMunicipality(db, ctx.tenant!.id))!;
  const values = async (ctx: Context) => (await listPublicValues(db, ctx.tenant!.id)).map(publicValueJson);
  const auditResponse = async (query: AuditFilterInput, municipalityId: string | undefined) => {
    const page = await readAuditPage(db, auditQuery(query, municipalityId), query.before ? decodeCursor(query.before) : null, query.limit ?? 50);
    const slugs = municipalityId ? null : await municipalitySlugs(db);
    const ownSlug = municipalityId ? (await findMunicipality(db, municipalityId))?.slug ?? null : null;
    return {
      items: page.items.map((e) => ({
        id: e.id, at: e.at, municipality: e.municipalityId ? (slugs ? slugs.get(e.municipalityId) ?? null : ownSlug) : null,
        actor: e.actor, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after,
      })),
      next: page.next,
    };
  };

  api.route({
    method: 'GET', path: '/municipalities', tag: 'Municipalities', summary: 'All municipalities in this installation.',
    response: z.object({ items: z.array(municipalityOut) }),
    async handler(_input, ctx) {
      authorize(ctx, actions.list, { type: 'municipality', municipalityId: null });
      return { items: (await listMunicipalities(db)).map(municipalityJson) };
    },
  });

  api.route({
    method: 'POST', path: '/municipalities', tag: 'Municipalities',
    summary: 'Add a municipality (installation administrators). The default public values are added with it. divisionYear defaults to this year; colours to the Buurtarena blues.',
    body: z.object({ slug: z.string(), name: z.string(), cbsCode: z.string(), divisionYear: z.number().int().optional(), primaryColour: z.string().optional(), accentColour: z.string().optional() }),
    response: municipalityOut.extend({ publicValues: z.array(publicValueOut) }),
    async handler({ body }, ctx) {
      const { id } = await execute(ctx, createMunicipality, body);
      return { ...municipalityJson((await findMunicipality(db, id))!), publicValues: (await listPublicValues(db, id)).map(publicValueJson) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality', tag: 'Municipalities', summary: 'A municipality: its public settings and public values.',
    params: municipalityParam, response: municipalityOut.extend({ publicValues: z.array(publicValueOut) }),
    async handler(_input, ctx) {
      authorize(ctx, actions.view, tenantResource(ctx));
      return { ...municipalityJson(await current(ctx)), publicValues: await values(ctx) };
    },
  });

  api.route({
    method: 'PUT', path: '/:municipality/settings', tag: 'Municipalities',
    summary: 'Change name and colours (administrators of the municipality). Colours are #rrggbb with a contrast of at least 4.5:1 against white.',
    params: municipalityParam, body: z.object({ name: z.string(), primaryColour: z.string(), accentColour: z.string() }), response: municipalityOut,
    async handler({ body }, ctx) {
      await execute(ctx, updateSettings, body);
      return municipalityJson(await current(ctx));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/public-values', tag: 'Public values', summary: 'The public values of a municipality, in order.',
    params: municipalityParam, response: z.object({ items: z.array(publicValueOut) }),
    async handler(_input, ctx) {
      authorize(ctx, actions.view, tenantResource(ctx));
      return { items: await values(ctx) };
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/public-values', tag: 'Public values', summary: 'Add a public value at the end (administrators).',
    params: municipalityParam, body: publicValueIn, response: publicValueOut,
    async handler({ body }, ctx) {
      const { id } = await execute(ctx, addPublicValue, body);
      return publicValueJson((await findPublicValue(db, ctx.tenant!.id, id))!);
    },
  });

  api.route({
    method: 'PUT', path: '/:municipality/public-values/:id', tag: 'Public values', summary: 'Change the names and descriptions of a public value (administrators).',
    params: valueParams, body: publicValueIn, response: publicValueOut,
    async handler({ params, body }, ctx) {
      await execute(ctx, updatePublicValue, { ...body, id: params.id });
      return publicValueJson((await findPublicValue(db, ctx.tenant!.id, params.id))!);
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/public-values/:id/move', tag: 'Public values', summary: 'Move a public value one place up or down (administrators).',
    params: valueParams, body: z.object({ direction: z.enum(['up', 'down']) }), response: z.object({ items: z.array(publicValueOut) }), status: 200,
    async handler({ params, body }, ctx) {
      await execute(ctx, movePublicValue, { id: params.id, direction: body.direction });
      return { items: await values(ctx) };
    },
  });

  api.route({
    method: 'DELETE', path: '/:municipality/public-values/:id', tag: 'Public values', summary: 'Remove a public value (administrators). The last one cannot be removed (409).',
    params: valueParams,
    async handler({ params }, ctx) {
      await execute(ctx, removePublicValue, { id: params.id });
      return undefined;
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/audit', tag: 'Audit log',
    summary: 'The audit log of a municipality, newest first (administrators). from/to are dates (YYYY-MM-DD, Europe/Amsterdam; "to" includes the whole day) or UTC instants; actor is a pseudonym or "system"; pass "next" as "before" for older entries. Erased personal values read "[erased]".',
    params: municipalityParam, query: auditFilterQuery, response: auditOut,
    async handler({ query }, ctx) {
      authorize(ctx, actions.audit, { type: 'audit', municipalityId: ctx.tenant!.id });
      return auditResponse(parseAuditFilter(query), ctx.tenant!.id);
    },
  });

  api.route({
    method: 'GET', path: '/audit', tag: 'Audit log', summary: 'The audit log of the whole installation (installation administrators); same filters as per municipality.',
    query: auditFilterQuery, response: auditOut,
    async handler({ query }, ctx) {
      authorize(ctx, actions.audit, { type: 'audit', municipalityId: null });
      return auditResponse(parseAuditFilter(query), undefined);
    },
  });
}

