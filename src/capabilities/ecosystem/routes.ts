import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { areaCrumbs, areaOfRequest, type TenantArea } from '../areas/index.js';
import { listPlaces } from '../places/index.js';
import { ecosystemActions, ecosystemResource } from './policy.js';
import { ecosystemView } from './read.js';
import {
  actorPath, addActor, addKeyPerson, addRelation, assessElement, ecosystemPath, editActor, editRelation, elementsPath, removeActor, removeRelation, withdrawConsent,
} from './service.js';
import { assessmentsOf, ecosystemOf, findRecordedActor, findRelation, hiddenRelationsOf } from './store.js';
import type { Actor, Relation } from './model.js';
import { elementsPage } from './pages/elements.js';
import { actorForm, actorLabels, assessmentForm, assessmentLabels, keyPersonForm, relationEditForm, relationForm, relationLabels } from './pages/forms.js';
import { actorPage, ecosystemPage, type Permissions } from './pages/view.js';

type Params = { code: string; id?: string };
const tr = (ctx: Context) => translator(ctx.locale);

export function registerEcosystemPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const areaOf = async (request: FastifyRequest): Promise<TenantArea> => {
    const area = await areaOfRequest(db, request);
    authorize(request.ctx, ecosystemActions.view, ecosystemResource(request.ctx.tenant!.id, area.path));
    return area;
  };
  const permissionsOf = (ctx: Context, area: TenantArea): Permissions => {
    const resource = ecosystemResource(ctx.tenant!.id, area.path);
    const canEdit = allowed(ctx, ecosystemActions.edit, resource);
    return {
      canAdd: allowed(ctx, ecosystemActions.add, resource),
      canEdit,
      // Once a moderator hid a relation, only the editors change it (as the use case says).
      canChange: (r: Relation) => allowed(ctx, ecosystemActions.editRelation, { ...resource, ownerId: r.createdBy }) && (r.hidden === null || canEdit),
      canRemove: (r: Relation) => allowed(ctx, ecosystemActions.removeRelation, { ...resource, ownerId: r.createdBy }),
    };
  };
  const crumbs = (ctx: Context, area: TenantArea) => areaCrumbs(ctx, area, { href: ecosystemPath(ctx.tenant!.slug, area.code), label: tr(ctx)('ecosystem.page.crumb') });
  const names = async (ids: Array<string | null>) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const contacts = wanted.length ? await platform.directory.contactsOf(db, wanted) : new Map();
    return new Map([...contacts].map(([id, c]) => [id, c.name]));
  };

  // ---- the ecosystem of an area ----------------------------------------------------------------
  app.get('/:municipality/gebieden/:code/ecosysteem', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const [view, assessments] = await Promise.all([ecosystemView(db, ctx.tenant!.id, area.code), assessmentsOf(db, ctx.tenant!.id, area.code)]);
    return reply.page({
      title: tr(ctx)('ecosystem.page.title', { area: area.title }), breadcrumbs: crumbs(ctx, area),
      body: ecosystemPage(ctx, { area, view, assessments, csrf: request.csrf, permissions: permissionsOf(ctx, area) }),
    });
  });

  // ---- actors --------------------------------------------------------------------------------------
  const mayAdd = (ctx: Context, area: TenantArea) => authorize(ctx, ecosystemActions.add, ecosystemResource(ctx.tenant!.id, area.path));

  const newActorView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    mayAdd(ctx, area);
    const title = t('ecosystem.actor.title', { area: area.title });
    return reply.page({
      title, breadcrumbs: crumbs(ctx, area),
      body: actorForm(ctx, { area, csrf: request.csrf, values, errors: formErrors(t, issues, actorLabels(t)), action: `${ecosystemPath(ctx.tenant!.slug, area.code)}/actoren/nieuw`, title, submit: t('ecosystem.actor.submit'), back: ecosystemPath(ctx.tenant!.slug, area.code) }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/actoren/nieuw', (request, reply) => newActorView(request, reply, {}, []));
  app.post('/:municipality/gebieden/:code/ecosysteem/actoren/nieuw', async (request, reply) => {
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, addActor, { ...values, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.actorAdded'),
      invalid: (issues) => newActorView(request, reply, values, issues),
    });
  });

  const keyPersonView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    mayAdd(ctx, area);
    return reply.page({
      title: t('ecosystem.keyPerson.title', { area: area.title }), breadcrumbs: crumbs(ctx, area),
      body: keyPersonForm(ctx, { area, csrf: request.csrf, values, errors: formErrors(t, issues, { ...actorLabels(t), name: t('ecosystem.keyPerson.name') }) }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/sterkhouders/nieuw', (request, reply) => keyPersonView(request, reply, {}, []));
  app.post('/:municipality/gebieden/:code/ecosysteem/sterkhouders/nieuw', async (request, reply) => {
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, addKeyPerson, { ...values, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.keyPersonAdded'),
      invalid: (issues) => keyPersonView(request, reply, values, issues),
    });
  });

  /**
   * An actor of this area that may be named (a key person only with consent), or 404. A hidden
   * one too: its page says so, and the use cases decide who may still change it.
   */
  const actorOf = async (request: FastifyRequest, area: TenantArea): Promise<Actor> => {
    const actor = await findRecordedActor(db, request.ctx.tenant!.id, (request.params as Required<Params>).id);
    if (!actor || actor.areaCode !== area.code) throw new NotFoundError();
    return actor;
  };

  app.get('/:municipality/gebieden/:code/ecosysteem/actoren/:id', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    const actor = await actorOf(request, area);
    const permissions = permissionsOf(ctx, area);
    const mine = ctx.actor.kind === 'person' && actor.createdBy === ctx.actor.personId;
    const readable = !actor.hidden || mine || permissions.canEdit;
    // Hidden relations are listed only to who may change or remove them: someone signed in.
    const [view, hidden] = await Promise.all([
      ecosystemView(db, ctx.tenant!.id, area.code), actor.hidden || ctx.actor.kind !== 'person' ? [] : hiddenRelationsOf(db, ctx.tenant!.id, actor.id),
    ]);
    const canWithdraw = actor.kind === 'key_person' && allowed(ctx, ecosystemActions.withdrawConsent, ecosystemResource(ctx.tenant!.id, area.path, { ownerId: actor.consent?.recordedBy ?? null }));
    const consent = canWithdraw ? { recorder: (await names([actor.consent?.recordedBy ?? null])).get(actor.consent?.recordedBy ?? '') ?? null } : null;
    const title = readable ? actor.name : t('ecosystem.moderation.actor');
    return reply.page({
      title, breadcrumbs: [...crumbs(ctx, area), { href: actorPath(ctx.tenant!.slug, area.code, actor.id), label: title }],
      body: actorPage(ctx, {
        area, actor, view, csrf: request.csrf, permissions, consent, canWithdraw, mine,
        hiddenRelations: hidden.filter((r) => permissions.canChange(r) || permissions.canRemove(r)),
      }),
    });
  });

  const editView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    const actor = await actorOf(request, area);
    authorize(ctx, ecosystemActions.edit, ecosystemResource(ctx.tenant!.id, area.path));
    const path = actorPath(ctx.tenant!.slug, area.code, actor.id);
    const filled = values ?? {
      kind: actor.kind, name: actor.name, description: actor.description ?? '', organisation: actor.organisation ?? '', activities: actor.activities ?? '',
      hoursPerWeek: actor.hoursPerWeek === null ? '' : String(actor.hoursPerWeek), areaBound: actor.areaBound === null ? '' : actor.areaBound ? 'yes' : 'no', role: actor.role ?? '',
    };
    const title = t('ecosystem.actor.editTitle', { name: actor.name });
    const errors = formErrors(t, issues, { ...actorLabels(t), name: t(actor.kind === 'key_person' ? 'ecosystem.keyPerson.name' : 'ecosystem.field.name') });
    return reply.page({
      title, breadcrumbs: [...crumbs(ctx, area), { href: path, label: actor.name }],
      body: actor.kind === 'key_person'
        ? keyPersonForm(ctx, { area, csrf: request.csrf, values: filled, errors, editing: { action: `${path}/bewerken`, back: path } })
        : actorForm(ctx, { area, csrf: request.csrf, values: filled, errors, action: `${path}/bewerken`, title, submit: t('ecosystem.save'), back: path }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/actoren/:id/bewerken', (request, reply) => editView(request, reply, null, []));
  app.post('/:municipality/gebieden/:code/ecosysteem/actoren/:id/bewerken', async (request, reply) => {
    const values = formBody(request);
    const area = await areaOf(request);
    const actor = await actorOf(request, area);
    return handleForm(reply, {
      run: () => execute(request.ctx, editActor, { ...values, id: actor.id }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.actorEdited'),
      invalid: (issues) => editView(request, reply, values, issues),
    });
  });

  const actorAction = (suffix: string, useCase: typeof removeActor | typeof withdrawConsent, flash: string) => {
    app.post(`/:municipality/gebieden/:code/ecosysteem/actoren/:id/${suffix}`, async (request, reply) => {
      const area = await areaOf(request);
      const actor = await actorOf(request, area);
      return handleForm(reply, {
        run: () => execute(request.ctx, useCase, { id: actor.id }),
        success: (result) => reply.flashRedirect(result.path, flash),
        invalid: () => { throw new NotFoundError(); },
      });
    });
  };
  actorAction('verwijderen', removeActor, 'ecosystem.flash.actorRemoved');
  actorAction('toestemming-intrekken', withdrawConsent, 'ecosystem.flash.consentWithdrawn');

  // ---- relations -----------------------------------------------------------------------------------
  const relationView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    mayAdd(ctx, area);
    const [view, places] = await Promise.all([ecosystemView(db, ctx.tenant!.id, area.code), listPlaces(db, ctx.tenant!.id, { areaCodes: [area.code] })]);
    const from = (request.query as { van?: unknown } | undefined)?.van;
    const filled = { ...values };
    if (filled.fromId === undefined && typeof from === 'string') filled.fromId = from;
    return reply.page({
      title: t('ecosystem.relation.title', { area: area.title }), breadcrumbs: crumbs(ctx, area),
      body: relationForm(ctx, { area, csrf: request.csrf, values: filled, errors: formErrors(t, issues, relationLabels(t)), actors: view.actors, places: places.map((p) => ({ id: p.id, name: p.name })) }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/relaties/nieuw', (request, reply) => relationView(request, reply, {}, []));
  app.post('/:municipality/gebieden/:code/ecosysteem/relaties/nieuw', async (request, reply) => {
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, addRelation, { ...values, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.relationAdded'),
      invalid: (issues) => relationView(request, reply, values, issues),
    });
  });
  /** A relation of this area that this person may change, with its actors; 404 when it is not one of the area's, or an actor of it is not shown. */
  const changeableRelation = async (request: FastifyRequest, area: TenantArea) => {
    const { ctx } = request;
    const relation = await findRelation(db, ctx.tenant!.id, (request.params as Required<Params>).id);
    if (!relation || relation.areaCode !== area.code) throw new NotFoundError();
    const { actors } = await ecosystemOf(db, ctx.tenant!.id, area.code);
    const byId = new Map(actors.map((a) => [a.id, a]));
    if (!byId.has(relation.fromId) || (relation.toId !== null && !byId.has(relation.toId))) throw new NotFoundError();
    const permissions = permissionsOf(ctx, area);
    authorize(ctx, ecosystemActions.editRelation, ecosystemResource(ctx.tenant!.id, area.path, { ownerId: relation.createdBy }));
    if (!permissions.canChange(relation)) throw new ConflictError('ecosystem.error.hidden');
    return { relation, byId };
  };
  const relationEditView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    const { relation, byId } = await changeableRelation(request, area);
    const places = relation.kind === 'uses_place' ? await listPlaces(db, ctx.tenant!.id, { areaCodes: [area.code] }) : [];
    const filled = values ?? {
      kind: relation.kind, placeRef: relation.place?.ref ?? '', placeName: relation.place && relation.place.ref === null ? relation.place.name : '',
      note: relation.note ?? '', since: relation.since ?? '',
    };
    const from = byId.get(relation.fromId)!;
    return reply.page({
      title: t('ecosystem.relation.editTitle', { name: from.name }),
      breadcrumbs: [...crumbs(ctx, area), { href: actorPath(ctx.tenant!.slug, area.code, from.id), label: from.name }],
      body: relationEditForm(ctx, {
        area, csrf: request.csrf, values: filled, errors: formErrors(t, issues, relationLabels(t)), relation, byId,
        places: places.map((p) => ({ id: p.id, name: p.name })), back: `${actorPath(ctx.tenant!.slug, area.code, from.id)}#relaties`,
      }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/relaties/:id/bewerken', (request, reply) => relationEditView(request, reply, null, []));
  app.post('/:municipality/gebieden/:code/ecosysteem/relaties/:id/bewerken', async (request, reply) => {
    const values = formBody(request);
    const area = await areaOf(request);
    const { relation } = await changeableRelation(request, area);
    return handleForm(reply, {
      run: () => execute(request.ctx, editRelation, { ...values, id: relation.id }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.relationEdited'),
      invalid: (issues) => relationEditView(request, reply, values, issues),
    });
  });
  app.post('/:municipality/gebieden/:code/ecosysteem/relaties/:id/verwijderen', async (request, reply) => {
    await areaOf(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, removeRelation, { id: (request.params as Required<Params>).id }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.relationRemoved'),
      invalid: () => { throw new NotFoundError(); },
    });
  });

  // ---- the eight elements ----------------------------------------------------------------------------
  app.get('/:municipality/gebieden/:code/ecosysteem/elementen', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const [assessments, view] = await Promise.all([assessmentsOf(db, ctx.tenant!.id, area.code), ecosystemView(db, ctx.tenant!.id, area.code)]);
    return reply.page({
      title: tr(ctx)('ecosystem.elements.title', { area: area.title }), breadcrumbs: [...crumbs(ctx, area), { href: elementsPath(ctx.tenant!.slug, area.code), label: tr(ctx)('ecosystem.elements.heading') }],
      body: elementsPage(ctx, {
        area, assessments, actors: view.actors, names: await names(assessments.map((a) => a.assessedBy)),
        canAssess: allowed(ctx, ecosystemActions.assess, ecosystemResource(ctx.tenant!.id, area.path)),
      }),
    });
  });

  const assessView = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, chosen: string[], issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    authorize(ctx, ecosystemActions.assess, ecosystemResource(ctx.tenant!.id, area.path));
    const view = await ecosystemView(db, ctx.tenant!.id, area.code);
    const element = (request.query as { element?: unknown } | undefined)?.element;
    const filled = { ...values };
    if (filled.element === undefined && typeof element === 'string') filled.element = element;
    return reply.page({
      title: t('ecosystem.elements.assessTitle', { area: area.title }), breadcrumbs: [...crumbs(ctx, area), { href: elementsPath(ctx.tenant!.slug, area.code), label: t('ecosystem.elements.heading') }],
      body: assessmentForm(ctx, { area, csrf: request.csrf, values: filled, errors: formErrors(t, issues, assessmentLabels(t)), actors: view.actors, chosen }),
    });
  };
  app.get('/:municipality/gebieden/:code/ecosysteem/elementen/beoordelen', (request, reply) => assessView(request, reply, {}, [], []));
  app.post('/:municipality/gebieden/:code/ecosysteem/elementen/beoordelen', async (request, reply) => {
    const values = formBody(request);
    const raw = (request.body as Record<string, unknown> | undefined)?.actorIds;
    const actorIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 500);
    return handleForm(reply, {
      run: () => execute(request.ctx, assessElement, { ...values, actorIds, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'ecosystem.flash.assessed'),
      invalid: (issues) => assessView(request, reply, values, actorIds, issues),
    });
  });
}
