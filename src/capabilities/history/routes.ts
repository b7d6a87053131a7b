import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors, heading1, paragraph } from '../../platform/ui/components.js';
import { areaCrumbs, areaOfRequest, type TenantArea } from '../areas/index.js';
import { HISTORY_KINDS, REFERENCE_TYPES, SOURCE_ROWS, whenInput, withinEditWindow, type HistoryKind, type ReferenceType } from './model.js';
import { historyActions, historyResource, historyStaff } from './policy.js';
import { moderationState } from '../../platform/moderation/index.js';
import { renderComments } from '../../platform/comments/index.js';
import { viewsOf } from './read.js';
import { referenceKind } from './references.js';
import { addHistoryEntry, deleteHistoryEntry, editHistoryEntry, entryPath, HISTORY_KIND, historyPath } from './service.js';
import { entriesOfArea, findEntry, type HistoryEntry } from './store.js';
import { cannotAdd, entryForm, entryLabels, entryPage, formFieldOf, timelinePage } from './pages/history.js';

const tr = (ctx: Context) => translator(ctx.locale);
const query = z.object({ soort: z.enum(HISTORY_KINDS).optional().catch(undefined) }).loose();
type Params = { code: string; id?: string };

/** The form's fields as the use cases take them: source rows and ticked references as lists. */
export function writingOf(request: FastifyRequest, values: Record<string, string>) {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const list = (name: string) => {
    const raw = body[name];
    return (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').slice(0, 200);
  };
  const sources = [];
  for (let i = 1; i <= SOURCE_ROWS; i++) sources.push({ citation: values[`citation${i}`] ?? '', url: values[`url${i}`] ?? '' });
  const references = REFERENCE_TYPES.flatMap((type) => list(type).map((id) => ({ type, id })));
  return { title: values.title, kind: values.kind, when: values.when, story: values.story, sources, references };
}

function chosenOf(references: Array<{ type: ReferenceType; id: string }>): Record<ReferenceType, string[]> {
  return { place: references.filter((r) => r.type === 'place').map((r) => r.id), actor: references.filter((r) => r.type === 'actor').map((r) => r.id) };
}

function valuesOfEntry(entry: HistoryEntry): Record<string, string> {
  const values: Record<string, string> = { title: entry.title, kind: entry.kind, when: whenInput(entry.when), story: entry.story };
  entry.sources.slice(0, SOURCE_ROWS).forEach((s, i) => {
    values[`citation${i + 1}`] = s.citation ?? '';
    values[`url${i + 1}`] = s.url ?? '';
  });
  return values;
}

export function registerHistoryPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const areaOf = (request: FastifyRequest) => areaOfRequest(db, request);
  const crumbs = (ctx: Context, area: TenantArea) => areaCrumbs(ctx, area, { href: historyPath(ctx.tenant!.slug, area.code), label: tr(ctx)('history.page.crumb') });

  app.get('/:municipality/gebieden/:code/geschiedenis', async (request, reply) => {
    const { ctx } = request;
    const area = await areaOf(request);
    const resource = historyResource(ctx.tenant!.id, area.path);
    authorize(ctx, historyActions.view, resource);
    const kind = query.parse(request.query ?? {}).soort ?? null;
    const all = await entriesOfArea(db, ctx.tenant!.id, area.code);
    const shown = kind ? all.filter((e) => e.kind === kind) : all;
    return reply.page({
      title: tr(ctx)('history.page.title', { area: area.title }),
      breadcrumbs: crumbs(ctx, area),
      body: timelinePage(ctx, { area, views: await viewsOf(ctx, shown), kind: kind as HistoryKind | null, total: all.length, canAdd: allowed(ctx, historyActions.add, resource), back: request.url }),
    });
  });

  const formView = async (request: FastifyRequest, reply: FastifyReply, input: { editing?: HistoryEntry; values: Record<string, string>; chosen: Record<ReferenceType, string[]>; issues: FieldIssue[] }) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    const title = input.editing ? t('history.form.editTitle') : t('history.form.title', { area: area.title });
    const choices: Partial<Record<ReferenceType, Array<{ id: string; title: string }>>> = {};
    for (const type of REFERENCE_TYPES) {
      const kind = referenceKind(type);
      if (kind) choices[type] = await kind.choices(db, tenant, area.code);
    }
    const issues = input.issues.map((i) => ({ ...i, field: formFieldOf(i.field) }));
    const mayAdd = allowed(ctx, historyActions.add, historyResource(tenant.id, area.path));
    const body = input.editing || mayAdd
      ? entryForm(ctx, {
        area, values: input.values, chosen: input.chosen, choices, csrf: request.csrf, errors: formErrors(t, issues, entryLabels(t)), editing: input.editing !== undefined,
        action: input.editing ? `${entryPath(tenant.slug, area.code, input.editing.id)}/bewerken` : `${historyPath(tenant.slug, area.code)}/nieuw`,
        submit: t(input.editing ? 'history.form.save' : 'history.form.submit'),
        cancel: input.editing ? entryPath(tenant.slug, area.code, input.editing.id) : historyPath(tenant.slug, area.code),
      })
      : cannotAdd(t, ctx, request.url);
    return reply.page({ title, breadcrumbs: crumbs(ctx, area), body: [heading1(title), paragraph(t('history.form.intro')), body] });
  };

  app.get('/:municipality/gebieden/:code/geschiedenis/nieuw', async (request, reply) => {
    const area = await areaOf(request);
    authorize(request.ctx, historyActions.view, historyResource(request.ctx.tenant!.id, area.path));
    return formView(request, reply, { values: {}, chosen: { place: [], actor: [] }, issues: [] });
  });

  app.post('/:municipality/gebieden/:code/geschiedenis/nieuw', async (request, reply) => {
    const { ctx } = request;
    const values = formBody(request);
    const writing = writingOf(request, values);
    return handleForm(reply, {
      run: () => execute(ctx, addHistoryEntry, { ...writing, areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'history.flash.added'),
      invalid: (issues) => formView(request, reply, { values, chosen: chosenOf(writing.references), issues }),
    });
  });

  /** A published entry of this area in this municipality. */
  const entryOf = async (request: FastifyRequest): Promise<{ area: TenantArea; entry: HistoryEntry }> => {
    const area = await areaOf(request);
    const entry = await findEntry(db, request.ctx.tenant!.id, (request.params as Required<Params>).id);
    if (!entry || entry.status !== 'published' || entry.areaCode !== area.code) throw new NotFoundError();
    return { area, entry };
  };

  app.get('/:municipality/gebieden/:code/geschiedenis/:id', async (request, reply) => {
    const { ctx } = request;
    const { area, entry } = await entryOf(request);
    authorize(ctx, historyActions.view, historyResource(ctx.tenant!.id, area.path));
    const [view] = await viewsOf(ctx, [entry]);
    const hiddenForMe = view!.hidden !== null && !view!.mine;
    const comments = view!.hidden === null ? await renderComments(ctx, { type: HISTORY_KIND, id: entry.id }, { csrf: request.csrf, back: request.url }) : null;
    return reply.page({ title: hiddenForMe ? tr(ctx)('history.moderation.label') : entry.title, breadcrumbs: crumbs(ctx, area), body: entryPage(ctx, { area, view: view!, csrf: request.csrf, comments }) });
  });

  const editableEntry = async (request: FastifyRequest) => {
    const { ctx } = request;
    const found = await entryOf(request);
    const resource = historyResource(ctx.tenant!.id, found.area.path, { ownerId: found.entry.authorId, withinWindow: withinEditWindow(found.entry.createdAt) });
    authorize(ctx, historyActions.edit, resource);
    if (!historyStaff(ctx.actor, resource) && (await moderationState(db, HISTORY_KIND, found.entry.id))) throw new ConflictError('history.error.hidden');
    return found;
  };

  app.get('/:municipality/gebieden/:code/geschiedenis/:id/bewerken', async (request, reply) => {
    const { entry } = await editableEntry(request);
    return formView(request, reply, { editing: entry, values: valuesOfEntry(entry), chosen: chosenOf(entry.references), issues: [] });
  });

  app.post('/:municipality/gebieden/:code/geschiedenis/:id/bewerken', async (request, reply) => {
    const { ctx } = request;
    const { entry } = await entryOf(request);
    const values = formBody(request);
    const writing = writingOf(request, values);
    return handleForm(reply, {
      run: () => execute(ctx, editHistoryEntry, { ...writing, id: entry.id }),
      success: (result) => reply.flashRedirect(result.path, 'history.flash.edited'),
      invalid: (issues) => formView(request, reply, { editing: entry, values, chosen: chosenOf(writing.references), issues }),
    });
  });

  app.post('/:municipality/gebieden/:code/geschiedenis/:id/verwijderen', async (request, reply) => {
    const { ctx } = request;
    const { entry } = await entryOf(request);
    return handleForm(reply, {
      run: () => execute(ctx, deleteHistoryEntry, { id: entry.id }),
      success: (result) => reply.flashRedirect(result.path, 'history.flash.deleted'),
      invalid: () => { throw new NotFoundError(); },
    });
  });
}
