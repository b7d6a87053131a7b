import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import type { Resource } from '../../platform/policy.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { actionButton, formErrors } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import type { Tenant } from '../../platform/tenancy.js';
import { areaCrumbs, areaOfRequest, tenantArea } from '../areas/index.js';
import { listPlaces } from '../places/index.js';
import { html } from '../../platform/html.js';
import { resolveLinks } from './links.js';
import { registrationSectionFor } from './registration-routes.js';
import { renderSummitSections } from './sections.js';
import { upcomingFirst, type SummitStatus } from './model.js';
import { proposedDate } from './yearly-day-model.js';
import { yearlyDaysFrom } from './yearly-day-store.js';
import { briefingFields, formPage, groupFields, groupNameFields, linkFields, memberFields, milestoneFields, statusFields, summitFields, summitLabels } from './pages/forms.js';
import { groupPage } from './pages/group.js';
import { areaPage, overviewPage, summitPage } from './pages/summit.js';
import { summitActions, summitResource } from './policy.js';
import {
  addGroup, addGroupLink, addGroupMember, addMilestone, amsterdamParts, amsterdamToday, areaSummitResource, areaSummitsPath, changeSummitStatus, createSummit, editGroup,
  editMilestone, editSummit, groupPath, markMilestoneDone, organiserChoices, removeGroup, removeGroupLink, removeGroupMember, removeMilestone, resourceOfSummit,
  summitPath, summitsPath, writeBriefing,
} from './service.js';
import { findGroup, findMilestone, findSummit, groupsOf, linksOf, listSummits, membersOf, milestonesOf, statusChangesOf, type Summit, type WorkingGroup } from './store.js';

/**
 * Pages of preparing a BuurtTop: /{slug}/buurttops (every neighbourhood's, upcoming first),
 * /{slug}/gebieden/{code}/buurttop (an area's, and …/nieuw to start one), /{slug}/buurttops/{id}
 * (the summit, its plan and groups) with …/bewerken, …/status, …/mijlpalen/nieuw,
 * …/mijlpalen/{m}/bewerken|klaar|verwijderen, …/werkgroepen/nieuw and
 * …/werkgroepen/{g}[/bewerken|briefing|verwijderen|leden/nieuw|leden/{x}/verwijderen|informatie/nieuw|informatie/{x}/verwijderen].
 */
const tr = (ctx: Context) => translator(ctx.locale);
type Params = Record<string, string>;

const tenantOf = (ctx: Context): Tenant => {
  if (!ctx.tenant) throw new NotFoundError();
  return ctx.tenant;
};

/** Names of the areas some summits belong to. */
export async function areaNamesOf(platform: Platform, ctx: Context, codes: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const code of new Set(codes)) names.set(code, (await tenantArea(platform.db, tenantOf(ctx), code, tr(ctx)))?.title ?? code);
  return names;
}

interface Loaded {
  summit: Summit;
  resource: Resource;
  group?: WorkingGroup;
}

interface FormRoute<L> {
  path: string;
  load(request: FastifyRequest): Promise<L>;
  resource(loaded: L): Resource;
  action: string;
  title(t: Translate, loaded: L): string;
  intro?(t: Translate, loaded: L): string;
  submit(t: Translate): string;
  crumbs(ctx: Context, loaded: L): NavItem[];
  cancel(ctx: Context, loaded: L): string;
  fields(loaded: L): (t: Translate, values: Record<string, string>, errors: Record<string, string>) => ReturnType<typeof groupNameFields>;
  initial(loaded: L): Record<string, string>;
  useCase: UseCase<any, { path: string }>;
  input(values: Record<string, string>, loaded: L): Record<string, unknown>;
  flash: string;
  after?(request: FastifyRequest, loaded: L): ReturnType<typeof groupNameFields>;
}

export function registerSummitPages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;

  /** GET shows the form; POST runs the use case, back to the form with the errors named, or on to the result. */
  function formRoute<L>(route: FormRoute<L>): void {
    const view = (request: FastifyRequest, reply: FastifyReply, loaded: L, values: Record<string, string>, issues: FieldIssue[]) => {
      const { ctx } = request;
      const t = tr(ctx);
      return reply.page({
        title: route.title(t, loaded),
        breadcrumbs: route.crumbs(ctx, loaded),
        body: formPage(ctx, {
          title: route.title(t, loaded), intro: route.intro?.(t, loaded), action: request.url.split('?')[0]!, cancel: route.cancel(ctx, loaded), csrf: request.csrf,
          submit: route.submit(t), errors: formErrors(t, issues, summitLabels(t)), body: route.fields(loaded)(t, values, formErrors(t, issues, summitLabels(t))), after: route.after?.(request, loaded),
        }),
      });
    };
    app.get(route.path, async (request, reply) => {
      const loaded = await route.load(request);
      authorize(request.ctx, route.action, route.resource(loaded));
      return view(request, reply, loaded, route.initial(loaded), []);
    });
    app.post(route.path, async (request, reply) => {
      const loaded = await route.load(request);
      authorize(request.ctx, route.action, route.resource(loaded));
      const values = formBody(request);
      return handleForm(reply, {
        run: () => execute(request.ctx, route.useCase, route.input(values, loaded)),
        success: (result) => reply.flashRedirect(result.path, route.flash),
        invalid: (issues) => view(request, reply, loaded, values, issues),
      });
    });
  }

  /** A one-button change (mark done, remove): the use case, then back to the page. */
  function actionRoute(path: string, useCase: UseCase<any, { path: string }>, input: (request: FastifyRequest, loaded: Loaded) => Record<string, unknown>, flash: string): void {
    app.post(path, async (request, reply) => {
      const loaded = await summitOfRequest(request);
      authorize(request.ctx, summitActions.organise, loaded.resource);
      const result = await execute(request.ctx, useCase, { ...formBody(request), ...input(request, loaded) });
      return reply.flashRedirect(result.path, flash);
    });
  }

  const summitOfRequest = async (request: FastifyRequest): Promise<Loaded> => {
    const tenant = tenantOf(request.ctx);
    const summit = await findSummit(db, tenant.id, (request.params as Params).id!);
    if (!summit) throw new NotFoundError();
    return { summit, resource: await resourceOfSummit(db, summit) };
  };
  const groupOfRequest = async (request: FastifyRequest): Promise<Loaded & { group: WorkingGroup }> => {
    const loaded = await summitOfRequest(request);
    const group = await findGroup(db, loaded.summit.id, (request.params as Params).group!);
    if (!group) throw new NotFoundError();
    return { ...loaded, group };
  };

  const overviewCrumb = (ctx: Context): NavItem => ({ href: summitsPath(tenantOf(ctx).slug), label: tr(ctx)('summit.overview.title') });
  const summitCrumbs = (ctx: Context, loaded: Loaded): NavItem[] => [overviewCrumb(ctx), { href: summitPath(tenantOf(ctx).slug, loaded.summit.id), label: loaded.summit.title }];
  const groupCrumbs = (ctx: Context, loaded: Loaded & { group: WorkingGroup }): NavItem[] => [...summitCrumbs(ctx, loaded), { href: groupPath(tenantOf(ctx).slug, loaded.summit.id, loaded.group.id), label: loaded.group.name }];
  const toSummit = (ctx: Context, loaded: Loaded) => summitPath(tenantOf(ctx).slug, loaded.summit.id);
  const toGroup = (ctx: Context, loaded: Loaded & { group: WorkingGroup }) => groupPath(tenantOf(ctx).slug, loaded.summit.id, loaded.group.id);

  // ---- overviews --------------------------------------------------------------------------------------

  app.get('/:municipality/buurttops', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, summitActions.view, summitResource(tenant.id, [], { boards: [], groups: [] }));
    const now = new Date().toISOString();
    const summits = upcomingFirst(await listSummits(db, tenant.id), now);
    return reply.page({
      title: tr(ctx)('summit.overview.title'),
      body: overviewPage(ctx, { upcoming: summits.filter((s) => s.startsAt >= now), earlier: summits.filter((s) => s.startsAt < now), areaNames: await areaNamesOf(platform, ctx, summits.map((s) => s.areaCode)) }),
    });
  });

  app.get('/:municipality/gebieden/:code/buurttop', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const area = await areaOfRequest(db, request);
    if (area.code.startsWith('GM')) throw new NotFoundError();
    const resource = await areaSummitResource(db, tenant, area.code);
    authorize(ctx, summitActions.view, resource);
    const summits = upcomingFirst(await listSummits(db, tenant.id, { areaCodes: [area.code] }), new Date().toISOString());
    return reply.page({
      title: tr(ctx)('summit.area.title', { area: area.title }),
      breadcrumbs: areaCrumbs(ctx, area, { href: areaSummitsPath(tenant.slug, area.code), label: tr(ctx)('summit.area.crumb') }),
      body: areaPage(ctx, { area, summits, canCreate: allowed(ctx, summitActions.create, resource) }),
    });
  });

  /** The venue's choices: the area's places first, then the rest of the municipality's (closed places are no venue). */
  const placeChoices = async (ctx: Context, areaCode: string) => {
    const t = tr(ctx);
    const places = (await listPlaces(db, tenantOf(ctx).id)).filter((p) => p.status !== 'closed');
    const inArea = (code: string | null) => code !== null && (code === areaCode || code.startsWith(`BU${areaCode.slice(2)}`));
    return [
      ...places.filter((p) => inArea(p.areaCode)).map((p) => ({ id: p.id, label: p.name })),
      ...places.filter((p) => !inArea(p.areaCode)).map((p) => ({ id: p.id, label: t('summit.form.placeElsewhere', { name: p.name }) })),
    ];
  };

  interface NewSummit { area: { code: string; title: string; path: string[] }; resource: Resource; organisers: Awaited<ReturnType<typeof organiserChoices>>; places: Array<{ id: string; label: string }>; proposed: string | null }
  formRoute<NewSummit>({
    path: '/:municipality/gebieden/:code/buurttop/nieuw',
    async load(request) {
      const area = await areaOfRequest(db, request);
      if (area.code.startsWith('GM')) throw new NotFoundError();
      const tenant = tenantOf(request.ctx);
      // The municipality's next BuurtTop day, if it set one, is the proposed date.
      const today = amsterdamToday();
      const proposed = proposedDate(await yearlyDaysFrom(db, tenant.id, Number(today.slice(0, 4))), today);
      return { area, resource: await areaSummitResource(db, tenant, area.code), organisers: await organiserChoices(db, tenant, area.code), places: await placeChoices(request.ctx, area.code), proposed };
    },
    resource: (l) => l.resource,
    action: summitActions.create,
    title: (t, l) => t('summit.create.title', { area: l.area.title }),
    intro: (t) => t('summit.create.intro'),
    submit: (t) => t('summit.create.submit'),
    crumbs: (ctx, l) => areaCrumbs(ctx, l.area, { href: areaSummitsPath(tenantOf(ctx).slug, l.area.code), label: tr(ctx)('summit.area.crumb') }),
    cancel: (ctx, l) => areaSummitsPath(tenantOf(ctx).slug, l.area.code),
    fields: (l) => summitFields({ organisers: l.organisers, places: l.places }),
    initial: (l) => ({ organiserId: l.organisers.length === 1 ? l.organisers[0]!.id : '', startTime: '10:00', endTime: '16:00', ...(l.proposed ? { date: l.proposed } : {}) }),
    useCase: createSummit,
    input: (values, l) => ({ ...values, areaCode: l.area.code }),
    flash: 'summit.flash.created',
  });

  // ---- one summit -------------------------------------------------------------------------------------

  app.get('/:municipality/buurttops/:id', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const loaded = await summitOfRequest(request);
    authorize(ctx, summitActions.view, loaded.resource);
    const { summit } = loaded;
    const [history, milestones, groups, area] = await Promise.all([
      statusChangesOf(db, summit.id), milestonesOf(db, summit.id), groupsOf(db, summit.id), tenantArea(db, tenant, summit.areaCode, tr(ctx)),
    ]);
    const canOrganise = allowed(ctx, summitActions.organise, loaded.resource);
    const members = canOrganise ? await membersOf(db, groups.map((g) => g.id)) : [];
    const memberCounts = new Map<string, number>();
    for (const m of members) memberCounts.set(m.groupId, (memberCounts.get(m.groupId) ?? 0) + 1);
    return reply.page({
      title: summit.title,
      breadcrumbs: summitCrumbs(ctx, loaded),
      body: html`${summitPage(ctx, {
        summit, area: { code: summit.areaCode, title: area?.title ?? summit.areaCode }, history, milestones, groups, memberCounts, today: amsterdamToday(), canOrganise, csrf: request.csrf,
      })}${await renderSummitSections(ctx, summit, { csrf: request.csrf, canOrganise }) /* sections of other capabilities (sections.ts) */}${await registrationSectionFor(platform, ctx, request.csrf, summit, canOrganise)}`,
    });
  });

  interface EditSummit extends Loaded { organisers: Awaited<ReturnType<typeof organiserChoices>>; places: Array<{ id: string; label: string }> }
  formRoute<EditSummit>({
    path: '/:municipality/buurttops/:id/bewerken',
    async load(request) {
      const loaded = await summitOfRequest(request);
      return { ...loaded, organisers: await organiserChoices(db, tenantOf(request.ctx), loaded.summit.areaCode), places: await placeChoices(request.ctx, loaded.summit.areaCode) };
    },
    resource: (l) => l.resource,
    action: summitActions.organise,
    title: (t, l) => t('summit.edit.title', { title: l.summit.title }),
    intro: (t) => t('summit.edit.intro'),
    submit: (t) => t('summit.form.save'),
    crumbs: summitCrumbs,
    cancel: toSummit,
    fields: (l) => summitFields({ organisers: l.organisers, places: l.places }),
    initial: ({ summit }) => ({
      organiserId: summit.organiserId, title: summit.title, date: amsterdamParts(summit.startsAt).date, startTime: amsterdamParts(summit.startsAt).time, endTime: amsterdamParts(summit.endsAt).time,
      placeId: summit.placeId ?? '', capacity: summit.capacity === null ? '' : String(summit.capacity), description: summit.description ?? '',
    }),
    useCase: editSummit,
    input: (values, l) => ({ ...values, id: l.summit.id }),
    flash: 'summit.flash.edited',
  });

  formRoute<Loaded>({
    path: '/:municipality/buurttops/:id/status',
    load: summitOfRequest,
    resource: (l) => l.resource,
    action: summitActions.organise,
    title: (t, l) => t('summit.status.title', { title: l.summit.title }),
    intro: (t) => t('summit.status.intro'),
    submit: (t) => t('summit.status.submit'),
    crumbs: summitCrumbs,
    cancel: toSummit,
    fields: (l) => statusFields(l.summit.status as SummitStatus),
    initial: () => ({}),
    useCase: changeSummitStatus,
    input: (values, l) => ({ ...values, id: l.summit.id }),
    flash: 'summit.flash.status',
  });

  // ---- the plan ---------------------------------------------------------------------------------------

  formRoute<Loaded>({
    path: '/:municipality/buurttops/:id/mijlpalen/nieuw',
    load: summitOfRequest,
    resource: (l) => l.resource,
    action: summitActions.organise,
    title: (t) => t('summit.milestone.addTitle'),
    submit: (t) => t('summit.milestone.add'),
    crumbs: summitCrumbs,
    cancel: (ctx, l) => `${toSummit(ctx, l)}#plan`,
    fields: () => milestoneFields(false),
    initial: () => ({}),
    useCase: addMilestone,
    input: (values, l) => ({ ...values, summitId: l.summit.id }),
    flash: 'summit.flash.milestoneAdded',
  });

  type WithMilestone = Loaded & { milestone: NonNullable<Awaited<ReturnType<typeof findMilestone>>> };
  formRoute<WithMilestone>({
    path: '/:municipality/buurttops/:id/mijlpalen/:milestone/bewerken',
    async load(request) {
      const loaded = await summitOfRequest(request);
      const milestone = await findMilestone(db, loaded.summit.id, (request.params as Params).milestone!);
      if (!milestone) throw new NotFoundError();
      return { ...loaded, milestone };
    },
    resource: (l) => l.resource,
    action: summitActions.organise,
    title: (t, l) => t('summit.milestone.editTitle', { title: l.milestone.title }),
    submit: (t) => t('summit.form.save'),
    crumbs: summitCrumbs,
    cancel: (ctx, l) => `${toSummit(ctx, l)}#plan`,
    fields: () => milestoneFields(true),
    initial: ({ milestone: m }) => ({ title: m.title, owner: m.owner ?? '', dueOn: m.dueOn, doneOn: m.doneOn ?? '' }),
    useCase: editMilestone,
    input: (values, l) => ({ ...values, summitId: l.summit.id, id: l.milestone.id }),
    flash: 'summit.flash.milestoneEdited',
    after: (request, l) => actionButton({
      action: `${toSummit(request.ctx, l)}/mijlpalen/${l.milestone.id}/verwijderen`, csrf: request.csrf, danger: true, label: tr(request.ctx)('summit.milestone.remove', { title: l.milestone.title }),
    }),
  });

  const milestoneId = (request: FastifyRequest) => (request.params as Params).milestone!;
  actionRoute('/:municipality/buurttops/:id/mijlpalen/:milestone/klaar', markMilestoneDone, (r, l) => ({ summitId: l.summit.id, id: milestoneId(r) }), 'summit.flash.milestoneDone');
  actionRoute('/:municipality/buurttops/:id/mijlpalen/:milestone/verwijderen', removeMilestone, (r, l) => ({ summitId: l.summit.id, id: milestoneId(r) }), 'summit.flash.milestoneRemoved');

  // ---- working groups ---------------------------------------------------------------------------------

  formRoute<Loaded>({
    path: '/:municipality/buurttops/:id/werkgroepen/nieuw',
    load: summitOfRequest,
    resource: (l) => l.resource,
    action: summitActions.organise,
    title: (t) => t('summit.groups.addTitle'),
    submit: (t) => t('summit.groups.addSubmit'),
    crumbs: summitCrumbs,
    cancel: (ctx, l) => `${toSummit(ctx, l)}#werkgroepen`,
    fields: () => groupNameFields,
    initial: () => ({}),
    useCase: addGroup,
    input: (values, l) => ({ ...values, summitId: l.summit.id }),
    flash: 'summit.flash.groupAdded',
  });

  app.get('/:municipality/buurttops/:id/werkgroepen/:group', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const loaded = await groupOfRequest(request);
    authorize(ctx, summitActions.view, loaded.resource);
    const canOrganise = allowed(ctx, summitActions.organise, loaded.resource);
    const [members, links] = await Promise.all([canOrganise ? membersOf(db, [loaded.group.id]) : [], linksOf(db, [loaded.group.id])]);
    return reply.page({
      title: loaded.group.name,
      breadcrumbs: groupCrumbs(ctx, loaded),
      body: groupPage(ctx, { summit: loaded.summit, group: loaded.group, members, links: await resolveLinks(db, tenant, loaded.summit, links, ctx.locale), canOrganise, csrf: request.csrf }),
    });
  });

  type WithGroup = Loaded & { group: WorkingGroup };
  const groupForm = (route: Pick<FormRoute<WithGroup>, 'title' | 'submit' | 'fields' | 'initial' | 'useCase' | 'input' | 'flash'> & { path: string; intro?: FormRoute<WithGroup>['intro'] }) => formRoute<WithGroup>({
    ...route,
    path: `/:municipality/buurttops/:id/werkgroepen/:group/${route.path}`,
    load: groupOfRequest,
    resource: (l) => l.resource,
    action: summitActions.organise,
    crumbs: groupCrumbs,
    cancel: toGroup,
  });

  groupForm({
    path: 'bewerken',
    title: (t, l) => t('summit.group.editTitle', { name: l.group.name }),
    intro: (t) => t('summit.group.editIntro'),
    submit: (t) => t('summit.form.save'),
    fields: () => groupFields,
    initial: ({ group }) => ({ name: group.name, notes: group.notes ?? '', questions: group.questions ?? '' }),
    useCase: editGroup,
    input: (values, l) => ({ ...values, summitId: l.summit.id, id: l.group.id }),
    flash: 'summit.flash.groupEdited',
  });

  groupForm({
    path: 'briefing',
    title: (t, l) => t('summit.group.briefingTitle', { name: l.group.name }),
    intro: (t) => t('summit.group.briefingIntro'),
    submit: (t) => t('summit.group.briefingSubmit'),
    fields: () => briefingFields,
    initial: ({ group }) => ({ briefing: group.briefing ?? '' }),
    useCase: writeBriefing,
    input: (values, l) => ({ ...values, summitId: l.summit.id, id: l.group.id }),
    flash: 'summit.flash.briefing',
  });

  groupForm({
    path: 'leden/nieuw',
    title: (t, l) => t('summit.group.addMemberTitle', { name: l.group.name }),
    intro: (t) => t('summit.group.addMemberIntro'),
    submit: (t) => t('summit.group.addMember'),
    fields: () => memberFields,
    initial: () => ({}),
    useCase: addGroupMember,
    input: (values, l) => ({ ...values, summitId: l.summit.id, groupId: l.group.id }),
    flash: 'summit.flash.memberAdded',
  });

  groupForm({
    path: 'informatie/nieuw',
    title: (t, l) => t('summit.group.addLinkTitle', { name: l.group.name }),
    intro: (t) => t('summit.group.addLinkIntro'),
    submit: (t) => t('summit.group.addLink'),
    fields: () => linkFields,
    initial: () => ({}),
    useCase: addGroupLink,
    input: (values, l) => ({ ...values, summitId: l.summit.id, groupId: l.group.id }),
    flash: 'summit.flash.linkAdded',
  });

  const groupId = (request: FastifyRequest) => (request.params as Params).group!;
  const itemId = (request: FastifyRequest) => (request.params as Params).item!;
  actionRoute('/:municipality/buurttops/:id/werkgroepen/:group/verwijderen', removeGroup, (r, l) => ({ summitId: l.summit.id, id: groupId(r) }), 'summit.flash.groupRemoved');
  actionRoute('/:municipality/buurttops/:id/werkgroepen/:group/leden/:item/verwijderen', removeGroupMember, (r, l) => ({ summitId: l.summit.id, groupId: groupId(r), id: itemId(r) }), 'summit.flash.memberRemoved');
  actionRoute('/:municipality/buurttops/:id/werkgroepen/:group/informatie/:item/verwijderen', removeGroupLink, (r, l) => ({ summitId: l.summit.id, groupId: groupId(r), id: itemId(r) }), 'summit.flash.linkRemoved');
}
