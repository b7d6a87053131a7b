import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { html, type HtmlValue } from '../../platform/html.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { actionButton, formErrors } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { diffVersions, emptyContent, latestVersion } from '../../platform/versions/index.js';
import { areaCrumbs, areaOfRequest, areasOfMunicipality, tenantArea } from '../areas/index.js';
import { listPublicValues } from '../municipality/index.js';
import { addDays } from '../summit/model.js';
import { organiserChoices } from '../summit/service.js';
import { listSummits } from '../summit/store.js';
import { MIN_COMMENT_DAYS, phaseOf, type AgendaAmbition, type AgendaTheme } from './model.js';
import {
  ambitionEditPath, ambitionFields, ambitionValues, adoptionFields, commentsFields, detailsFields, editorFormPage, editorLabels, editorPage, themeNameFields, themePath,
} from './pages/editor.js';
import { agendasPage, areaAgendasPage, chooseAreaForm, newAgendaFields, newAgendaLabels, newAgendaPath, type NewAgendaChoices } from './pages/list.js';
import { agendaEditPath, agendaPath, agendasPath, areaAgendaPath } from './paths.js';
import { agendaActions, agendaResource } from './policy.js';
import {
  addAmbition, addTheme, adoptAgenda, agendaToday, areaAgendaResource, createAgenda, currentContent, editAgenda, editAmbition, moveAmbition, moveTheme, openComments,
  removeAmbition, removeTheme, renameTheme,
} from './service.js';
import { resourceOfAgenda } from './access.js';
import { carryOverButton } from './follow-up-routes.js';
import { agendaAmbitionsOf, findAgenda, listAgendas, themesOf, type Agenda } from './store.js';

/**
 * Pages of drafting an agenda: /{slug}/wijkagendas (every agenda), /{slug}/gebieden/{code}/wijkagenda
 * (an area's), /{slug}/wijkagendas/nieuw (start one: the area, then organiser, BuurtTop, previous
 * agenda), and the editor /{slug}/wijkagendas/{id}/bewerken with …/gegevens, …/themas (add),
 * …/themas/{t} (rename) and …/themas/{t}/omhoog|omlaag|verwijderen|ambitie-nieuw,
 * …/ambities/{a} (one ambition's form) and …/ambities/{a}/omhoog|omlaag|verwijderen,
 * …/reactietermijn (open the comment period) and …/vaststellen (record the adoption).
 */
type Params = Record<string, string>;
const tr = (ctx: Context) => translator(ctx.locale);
const tenantOf = (ctx: Context) => {
  if (!ctx.tenant) throw new NotFoundError();
  return ctx.tenant;
};

/** A refused change shown on the form: someone else's newer change (409) or the agenda's state. */
async function refusalsOnForm<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConflictError) throw new ValidationError([{ field: '_form', key: error.key, params: error.params }]);
    throw error;
  }
}
const conflictCode = (reply: FastifyReply, issues: FieldIssue[]) => {
  if (issues.some((i) => i.field === '_form' && (i.key === 'agenda.editor.stale' || i.key === 'agenda.editor.error.adopted'))) reply.code(409);
};

interface Loaded {
  agenda: Agenda;
  resource: Resource;
  areaTitle: string;
}

export function registerEditorPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  const agendaOfRequest = async (request: FastifyRequest): Promise<Loaded> => {
    const { ctx } = request;
    const agenda = await findAgenda(db, tenantOf(ctx).id, (request.params as Params).id!);
    if (!agenda) throw new NotFoundError();
    const area = await tenantArea(db, ctx.tenant!, agenda.areaCode, tr(ctx));
    return { agenda, resource: await resourceOfAgenda(db, agenda), areaTitle: area?.title ?? agenda.areaCode };
  };
  const themeOf = async (loaded: Loaded, request: FastifyRequest): Promise<AgendaTheme> => {
    const theme = (await themesOf(db, loaded.agenda.id)).find((t) => t.id === (request.params as Params).theme);
    if (!theme) throw new NotFoundError();
    return theme;
  };
  const ambitionOf = async (loaded: Loaded, request: FastifyRequest): Promise<AgendaAmbition> => {
    const ambition = (await agendaAmbitionsOf(db, loaded.agenda.id)).find((a) => a.id === (request.params as Params).ambition);
    if (!ambition) throw new NotFoundError();
    return ambition;
  };
  const listCrumb = (ctx: Context): NavItem => ({ href: agendasPath(tenantOf(ctx).slug), label: tr(ctx)('agenda.list.title') });
  const editorCrumbs = (ctx: Context, l: Loaded): NavItem[] => [
    listCrumb(ctx), { href: agendaPath(tenantOf(ctx).slug, l.agenda.id), label: l.agenda.title }, { href: agendaEditPath(tenantOf(ctx).slug, l.agenda.id), label: tr(ctx)('agenda.editor.crumb') },
  ];
  const toEditor = (ctx: Context, l: Loaded, anchor = '') => `${agendaEditPath(tenantOf(ctx).slug, l.agenda.id)}${anchor}`;

  /** The districts and neighbourhoods for which this person may start an agenda (none for visitors); `first`: stop at the first. */
  const creatableAreas = async (ctx: Context, options: { first?: boolean } = {}): Promise<Array<{ code: string; title: string }>> => {
    if (ctx.actor.kind !== 'person') return [];
    const tenant = tenantOf(ctx);
    const areas = (await areasOfMunicipality(db, tenant.cbsCode, tenant.divisionYear)).filter((a) => a.kind !== 'municipality' && !a.placeholder);
    const out: Array<{ code: string; title: string }> = [];
    for (const a of areas) {
      if (allowed(ctx, agendaActions.edit, await areaAgendaResource(db, ctx, a.code))) out.push({ code: a.code, title: a.name ?? a.code });
      if (options.first && out.length) break;
    }
    return out;
  };

  // ---- lists ------------------------------------------------------------------------------------------

  app.get('/:municipality/wijkagendas', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, agendaActions.view, agendaResource(tenant.id, [], { boards: [], groups: [] }));
    const agendas = await listAgendas(db, tenant.id);
    const areaNames = new Map<string, string>();
    for (const code of new Set(agendas.map((a) => a.areaCode))) areaNames.set(code, (await tenantArea(db, tenant, code, tr(ctx)))?.title ?? code);
    return reply.page({
      title: tr(ctx)('agenda.list.title'),
      body: agendasPage(ctx, { agendas, areaNames, today: agendaToday(), canCreate: (await creatableAreas(ctx, { first: true })).length > 0 }),
    });
  });

  app.get('/:municipality/gebieden/:code/wijkagenda', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const area = await areaOfRequest(db, request);
    if (area.code.startsWith('GM')) throw new NotFoundError();
    const resource = await areaAgendaResource(db, ctx, area.code);
    authorize(ctx, agendaActions.view, resource);
    return reply.page({
      title: tr(ctx)('agenda.area.title', { area: area.title }),
      breadcrumbs: areaCrumbs(ctx, area, { href: areaAgendaPath(tenant.slug, area.code), label: tr(ctx)('agenda.area.crumb') }),
      body: areaAgendasPage(ctx, { area, agendas: await listAgendas(db, tenant.id, { areaCodes: [area.code] }), today: agendaToday(), canCreate: allowed(ctx, agendaActions.edit, resource) }),
    });
  });

  // ---- a new agenda -----------------------------------------------------------------------------------

  /** The choices for an area: organisers, its held summits without an agenda, its adopted agendas. */
  const choicesFor = async (ctx: Context, areaCode: string): Promise<NewAgendaChoices> => {
    const tenant = tenantOf(ctx);
    const [organisers, summits, agendas] = await Promise.all([organiserChoices(db, tenant, areaCode), listSummits(db, tenant.id, { areaCodes: [areaCode] }), listAgendas(db, tenant.id, { areaCodes: [areaCode] })]);
    return {
      organisers,
      summits: summits.filter((s) => (s.status === 'held' || s.status === 'closed') && !agendas.some((a) => a.summitId === s.id)).reverse().map((s) => ({ id: s.id, title: s.title })),
      previous: agendas.filter((a) => a.status === 'adopted').map((a) => ({ id: a.id, title: a.title })),
    };
  };

  const showNew = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    const code = (values.areaCode ?? '').trim().toUpperCase();
    const area = code ? await tenantArea(db, tenant, code, t) : null;
    const crumbs = [listCrumb(ctx), { href: newAgendaPath(tenant.slug), label: t('agenda.new.title') }];
    if (!area || area.code.startsWith('GM')) {
      const areas = await creatableAreas(ctx);
      if (areas.length === 0) throw new ForbiddenError(ctx.actor.kind !== 'anonymous');
      return reply.page({ title: t('agenda.new.title'), breadcrumbs: crumbs, body: editorFormShell(ctx, t('agenda.new.title'), t('agenda.new.intro'), chooseAreaForm(t, { action: newAgendaPath(tenant.slug), areas })) });
    }
    authorize(ctx, agendaActions.edit, await areaAgendaResource(db, ctx, area.code));
    const choices = await choicesFor(ctx, area.code);
    const labels = newAgendaLabels(t);
    const errors = formErrors(t, issues, labels);
    return reply.page({
      title: t('agenda.new.titleFor', { area: area.title }),
      breadcrumbs: crumbs,
      body: editorFormPageWithoutRevision(ctx, {
        title: t('agenda.new.titleFor', { area: area.title }), intro: t('agenda.new.introFor'), action: newAgendaPath(tenant.slug), cancel: agendasPath(tenant.slug), csrf: request.csrf,
        submit: t('agenda.new.submit'), errors, labels, body: newAgendaFields(t, choices, { ...values, areaCode: area.code }, errors),
      }),
    });
  };

  app.get('/:municipality/wijkagendas/nieuw', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const code = typeof query.gebied === 'string' ? query.gebied : '';
    const summitId = typeof query.buurttop === 'string' ? query.buurttop : '';
    const values: Record<string, string> = { areaCode: code, summitId };
    if (code) {
      const summit = summitId ? (await listSummits(db, tenantOf(request.ctx).id, { areaCodes: [code.toUpperCase()] })).find((s) => s.id === summitId) : undefined;
      const organisers = await organiserChoices(db, tenantOf(request.ctx), code.toUpperCase()).catch(() => []);
      values.organiserId = summit && organisers.some((o) => o.id === summit.organiserId) ? summit.organiserId : organisers.length === 1 ? organisers[0]!.id : '';
    }
    return showNew(request, reply, values, []);
  });

  app.post('/:municipality/wijkagendas/nieuw', async (request, reply) => {
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, createAgenda, values),
      success: (result) => reply.flashRedirect(result.path, 'agenda.flash.created'),
      invalid: (issues) => showNew(request, reply, values, issues),
    });
  });

  // ---- the editor -------------------------------------------------------------------------------------

  const showEditor = async (request: FastifyRequest, reply: FastifyReply, loaded: Loaded, values: Record<string, string> = {}, issues: FieldIssue[] = []) => {
    const { ctx } = request;
    const t = tr(ctx);
    authorize(ctx, agendaActions.edit, loaded.resource);
    const { agenda } = loaded;
    const [themes, ambitions, latest, content] = await Promise.all([
      themesOf(db, agenda.id), agendaAmbitionsOf(db, agenda.id), latestVersion(db, { municipalityId: agenda.municipalityId, documentId: agenda.documentId }), currentContent(db, agenda),
    ]);
    const diff = diffVersions(latest ?? { title: agenda.title, content: emptyContent }, { title: agenda.title, content });
    return reply.page({
      title: t('agenda.editor.title', { title: agenda.title }),
      breadcrumbs: editorCrumbs(ctx, loaded),
      body: editorPage(ctx, {
        agenda, areaTitle: loaded.areaTitle, phase: phaseOf(agenda, agendaToday()), themes, ambitions, latestVersion: latest?.number ?? null, diff,
        canAdopt: allowed(ctx, agendaActions.adopt, loaded.resource), csrf: request.csrf, values, errors: formErrors(t, issues, editorLabels(t)),
        carryOver: await carryOverButton(ctx, agenda, request.csrf),
      }),
    });
  };

  app.get('/:municipality/wijkagendas/:id/bewerken', async (request, reply) => showEditor(request, reply, await agendaOfRequest(request)));

  /** A one-button change (move, remove) or the editor's own small form (add a theme): back to the editor, or the editor with the refusal named. */
  function editorAction(path: string, useCase: UseCase<any, { path: string }>, input: (request: FastifyRequest, loaded: Loaded) => Promise<Record<string, unknown>> | Record<string, unknown>, flash: string): void {
    app.post(path, async (request, reply) => {
      const loaded = await agendaOfRequest(request);
      authorize(request.ctx, agendaActions.edit, loaded.resource);
      const values = formBody(request);
      return handleForm(reply, {
        run: async () => refusalsOnForm(async () => execute(request.ctx, useCase, { ...values, ...(await input(request, loaded)), agendaId: loaded.agenda.id })),
        success: (result) => reply.flashRedirect(result.path, flash),
        invalid: async (issues) => {
          conflictCode(reply, issues);
          return showEditor(request, reply, await agendaOfRequest(request), values, issues);
        },
      });
    });
  }

  interface FormRoute<L extends Loaded> {
    path: string;
    load(request: FastifyRequest): Promise<L>;
    action?: string;
    title(t: Translate, l: L): string;
    intro?(t: Translate, l: L): string;
    submit(t: Translate): string;
    fields(request: FastifyRequest, l: L): Promise<(t: Translate, values: Record<string, string>, errors: Record<string, string>) => HtmlValue> | ((t: Translate, values: Record<string, string>, errors: Record<string, string>) => HtmlValue);
    initial(l: L): Record<string, string>;
    useCase: UseCase<any, { path: string }>;
    input(l: L): Record<string, unknown>;
    flash: string;
    after?(request: FastifyRequest, l: L): HtmlValue;
    /** Values that repeat (checkboxes) and are sent as lists. */
    lists?: string[];
  }

  /** An editor form of its own: GET shows it with the agenda's revision; POST runs the use case and goes back to the editor, or shows the form with what was refused. */
  function formRoute<L extends Loaded>(route: FormRoute<L>): void {
    const view = async (request: FastifyRequest, reply: FastifyReply, l: L, values: Record<string, string>, issues: FieldIssue[], revision: number) => {
      const { ctx } = request;
      const t = tr(ctx);
      const labels = editorLabels(t);
      const errors = formErrors(t, issues, labels);
      const fields = await route.fields(request, l);
      return reply.page({
        title: route.title(t, l),
        breadcrumbs: editorCrumbs(ctx, l),
        body: editorFormPage(ctx, {
          title: route.title(t, l), intro: route.intro?.(t, l), action: request.url.split('?')[0]!, cancel: toEditor(ctx, l), csrf: request.csrf, submit: route.submit(t),
          errors, labels, revision, body: fields(t, values, errors), after: route.after?.(request, l),
        }),
      });
    };
    app.get(route.path, async (request, reply) => {
      const l = await route.load(request);
      authorize(request.ctx, route.action ?? agendaActions.edit, l.resource);
      // An adopted agenda no longer changes: no form that could only be refused, but the editor with the reason.
      if (l.agenda.status === 'adopted') return reply.flashRedirect(toEditor(request.ctx, l), 'agenda.editor.error.adopted');
      return view(request, reply, l, route.initial(l), [], l.agenda.revision);
    });
    app.post(route.path, async (request, reply) => {
      const l = await route.load(request);
      authorize(request.ctx, route.action ?? agendaActions.edit, l.resource);
      const values = formBody(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const lists = Object.fromEntries((route.lists ?? []).map((name) => [name, ([] as unknown[]).concat(body[name] ?? []).filter((v) => typeof v === 'string')]));
      return handleForm(reply, {
        run: () => refusalsOnForm(() => execute(request.ctx, route.useCase, { ...values, ...lists, ...route.input(l) })),
        success: (result) => reply.flashRedirect(result.path, route.flash),
        invalid: (issues) => {
          conflictCode(reply, issues);
          const revision = /^\d+$/.test(values.expectedRevision ?? '') ? Number(values.expectedRevision) : l.agenda.revision;
          return view(request, reply, { ...l, chosenValues: lists.values } as L, values, issues, revision);
        },
      });
    });
  }

  formRoute<Loaded>({
    path: '/:municipality/wijkagendas/:id/bewerken/gegevens',
    load: agendaOfRequest,
    title: (t) => t('agenda.editor.editDetails'),
    submit: (t) => t('agenda.form.save'),
    fields: () => detailsFields,
    initial: ({ agenda }) => ({ title: agenda.title, introduction: agenda.introduction ?? '', firstYear: String(agenda.firstYear), lastYear: String(agenda.lastYear) }),
    useCase: editAgenda,
    input: (l) => ({ agendaId: l.agenda.id }),
    flash: 'agenda.flash.saved',
  });

  editorAction('/:municipality/wijkagendas/:id/bewerken/themas', addTheme, () => ({}), 'agenda.flash.themeAdded');

  type WithTheme = Loaded & { theme: AgendaTheme; hasAmbitions: boolean };
  const themeOfRequest = async (request: FastifyRequest): Promise<WithTheme> => {
    const l = await agendaOfRequest(request);
    const theme = await themeOf(l, request);
    return { ...l, theme, hasAmbitions: (await agendaAmbitionsOf(db, l.agenda.id)).some((a) => a.themeId === theme.id) };
  };
  formRoute<WithTheme>({
    path: '/:municipality/wijkagendas/:id/bewerken/themas/:theme',
    load: themeOfRequest,
    title: (t, l) => t('agenda.editor.themeRename', { name: l.theme.name }),
    submit: (t) => t('agenda.form.save'),
    fields: () => themeNameFields,
    initial: (l) => ({ name: l.theme.name }),
    useCase: renameTheme,
    input: (l) => ({ agendaId: l.agenda.id, themeId: l.theme.id }),
    flash: 'agenda.flash.saved',
    after: (request, l) => (l.hasAmbitions ? '' : actionButton({
      action: `${themePath(tenantOf(request.ctx).slug, l.agenda.id, l.theme.id)}/verwijderen`, csrf: request.csrf, danger: true,
      label: tr(request.ctx)('agenda.editor.themeRemove', { name: l.theme.name }), fields: { expectedRevision: String(l.agenda.revision) },
    })),
  });
  const themeId = (request: FastifyRequest) => ({ themeId: (request.params as Params).theme });
  editorAction('/:municipality/wijkagendas/:id/bewerken/themas/:theme/omhoog', moveTheme, (r) => ({ ...themeId(r), direction: 'up' }), 'agenda.flash.moved');
  editorAction('/:municipality/wijkagendas/:id/bewerken/themas/:theme/omlaag', moveTheme, (r) => ({ ...themeId(r), direction: 'down' }), 'agenda.flash.moved');
  editorAction('/:municipality/wijkagendas/:id/bewerken/themas/:theme/verwijderen', removeTheme, themeId, 'agenda.flash.themeRemoved');

  const ambitionFieldsOf = async (request: FastifyRequest, l: Loaded & { chosenValues?: string[]; ambition?: AgendaAmbition }) => {
    const [themes, publicValues] = await Promise.all([themesOf(db, l.agenda.id), listPublicValues(db, l.agenda.municipalityId)]);
    return ambitionFields(request.ctx, { themes, publicValues, chosenValues: l.chosenValues ?? l.ambition?.values.map((v) => v.valueId) ?? [] });
  };

  formRoute<WithTheme & { chosenValues?: string[] }>({
    path: '/:municipality/wijkagendas/:id/bewerken/themas/:theme/ambitie-nieuw',
    load: themeOfRequest,
    title: (t, l) => t('agenda.editor.addAmbition', { name: l.theme.name }),
    intro: (t) => t('agenda.editor.ambitionIntro'),
    submit: (t) => t('agenda.editor.addAmbitionSubmit'),
    fields: ambitionFieldsOf,
    initial: (l) => ({ themeId: l.theme.id, horizon: '5' }),
    useCase: addAmbition,
    input: (l) => ({ agendaId: l.agenda.id }),
    flash: 'agenda.flash.ambitionAdded',
    lists: ['values'],
  });

  type WithAmbition = Loaded & { ambition: AgendaAmbition; chosenValues?: string[] };
  formRoute<WithAmbition>({
    path: '/:municipality/wijkagendas/:id/bewerken/ambities/:ambition',
    async load(request) {
      const l = await agendaOfRequest(request);
      return { ...l, ambition: await ambitionOf(l, request) };
    },
    title: (t, l) => t('agenda.editor.ambitionTitle', { title: l.ambition.title }),
    intro: (t, l) => (l.ambition.sourceAmbitionId ? t('agenda.editor.ambitionFromSummit') : t('agenda.editor.ambitionIntro')),
    submit: (t) => t('agenda.form.save'),
    fields: ambitionFieldsOf,
    initial: (l) => ambitionValues(l.ambition),
    useCase: editAmbition,
    input: (l) => ({ agendaId: l.agenda.id, ambitionId: l.ambition.id }),
    flash: 'agenda.flash.saved',
    lists: ['values'],
    after: (request, l) => html`<h2 class="utrecht-heading-2">${tr(request.ctx)('agenda.editor.removeHeading')}</h2>
      ${actionButton({
        action: `${ambitionEditPath(tenantOf(request.ctx).slug, l.agenda.id, l.ambition.id)}/verwijderen`, csrf: request.csrf, danger: true,
        label: tr(request.ctx)('agenda.editor.ambitionRemove', { title: l.ambition.title }), fields: { expectedRevision: String(l.agenda.revision) },
      })}`,
  });
  const ambitionId = (request: FastifyRequest) => ({ ambitionId: (request.params as Params).ambition });
  editorAction('/:municipality/wijkagendas/:id/bewerken/ambities/:ambition/omhoog', moveAmbition, (r) => ({ ...ambitionId(r), direction: 'up' }), 'agenda.flash.moved');
  editorAction('/:municipality/wijkagendas/:id/bewerken/ambities/:ambition/omlaag', moveAmbition, (r) => ({ ...ambitionId(r), direction: 'down' }), 'agenda.flash.moved');
  editorAction('/:municipality/wijkagendas/:id/bewerken/ambities/:ambition/verwijderen', removeAmbition, ambitionId, 'agenda.flash.ambitionRemoved');

  // ---- the life -----------------------------------------------------------------------------------------

  formRoute<Loaded>({
    path: '/:municipality/wijkagendas/:id/bewerken/reactietermijn',
    load: agendaOfRequest,
    title: (t) => t('agenda.editor.openComments'),
    intro: (t) => t('agenda.editor.openCommentsIntro', { min: MIN_COMMENT_DAYS }),
    submit: (t) => t('agenda.editor.openCommentsSubmit'),
    fields: () => commentsFields,
    initial: () => ({ opensOn: agendaToday(), closesOn: addDays(agendaToday(), 27) }),
    useCase: openComments,
    input: (l) => ({ agendaId: l.agenda.id }),
    flash: 'agenda.flash.commentsOpened',
  });

  formRoute<Loaded>({
    path: '/:municipality/wijkagendas/:id/bewerken/vaststellen',
    load: agendaOfRequest,
    action: agendaActions.adopt,
    title: (t) => t('agenda.editor.recordAdoption'),
    intro: (t) => t('agenda.editor.recordAdoptionIntro'),
    submit: (t) => t('agenda.editor.recordAdoptionSubmit'),
    async fields(request, l) {
      const summits = l.agenda.summitId ? await listSummits(db, l.agenda.municipalityId, { areaCodes: [l.agenda.areaCode] }) : [];
      return adoptionFields(summits.some((s) => s.id === l.agenda.summitId && s.status === 'held'));
    },
    initial: () => ({ adoptedOn: agendaToday() }),
    useCase: adoptAgenda,
    input: (l) => ({ agendaId: l.agenda.id }),
    flash: 'agenda.flash.adopted',
  });
}

/** A page of the "new agenda" flow without a revision (nothing exists yet). */
function editorFormPageWithoutRevision(ctx: Context, input: Omit<Parameters<typeof editorFormPage>[1], 'revision'>) {
  return editorFormPage(ctx, { ...input, revision: 0 });
}

/** A page around a piece that is a form of its own (the GET form choosing the area). */
function editorFormShell(ctx: Context, title: string, intro: string, body: HtmlValue) {
  return html`<h1 class="utrecht-heading-1">${title}</h1><p class="utrecht-paragraph">${intro}</p>${body}`;
}
