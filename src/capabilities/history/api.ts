import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute } from '../../platform/service.js';
import { tenantArea } from '../areas/index.js';
import { DATE_PRECISIONS, HISTORY_KINDS, REFERENCE_TYPES, sortKey } from './model.js';
import { whenLabel } from './pages/history.js';
import { historyActions, historyResource } from './policy.js';
import { isPublicView, viewsOf } from './read.js';
import { addHistoryEntry, deleteHistoryEntry, editHistoryEntry } from './service.js';
import { entriesOfArea, findEntry } from './store.js';
import type { EntryView } from './pages/history.js';

/**
 * Open data: an area's timeline as JSON (only what everyone may read: hidden entries are left out;
 * authors by the name the pages show), and writing through the same use cases as the pages.
 */
const params = z.object({ municipality: z.string().max(60), code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' }) });
const entryParams = params.extend({ id: z.string().max(64, { message: 'validation.tooLong' }) });

const entryOut = z.object({
  id: z.string(),
  areaCode: z.string(),
  kind: z.enum(HISTORY_KINDS),
  when: z.object({
    precision: z.enum(DATE_PRECISIONS).describe('day, month, year, circa (about that year) or period (year to yearTo).'),
    year: z.number().int(), month: z.number().int().nullable(), day: z.number().int().nullable(), yearTo: z.number().int().nullable(),
    label: z.string().describe('As the pages write it, in the language asked for.'),
    sortKey: z.string().describe('YYYY-MM-DD with 00 for what is unknown: the order of the timeline.'),
  }),
  title: z.string(),
  story: z.string(),
  sources: z.array(z.object({ citation: z.string().nullable(), url: z.string().nullable() })),
  references: z.array(z.object({ type: z.enum(REFERENCE_TYPES as ['place', 'actor']), id: z.string(), title: z.string().nullable(), path: z.string().nullable() })),
  author: z.object({ name: z.string().nullable() }),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
});

const writingBody = z.object({
  title: z.string().describe('At most 120 characters.'),
  kind: z.enum(HISTORY_KINDS),
  when: z.string().describe('As a person writes it: "12-03-1968", "03-1968", "1968", "ca. 1968" or "1965-1972".'),
  story: z.string(),
  sources: z.array(z.object({ citation: z.string().nullable().optional(), url: z.string().nullable().optional() })).describe('At least one: a citation, an http(s) address, or both.'),
  references: z.array(z.object({ type: z.enum(REFERENCE_TYPES as ['place', 'actor']), id: z.string() })).optional(),
}).loose();

function json(t: ReturnType<typeof translator>, view: EntryView) {
  const { entry } = view;
  return {
    id: entry.id, areaCode: entry.areaCode, kind: entry.kind, when: { ...entry.when, label: whenLabel(t, entry.when), sortKey: sortKey(entry.when) },
    title: entry.title, story: entry.story, sources: entry.sources, references: view.references, author: { name: view.authorName }, createdAt: entry.createdAt, editedAt: entry.editedAt,
  };
}

export function registerHistoryApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  async function areaFor(ctx: Context, code: string) {
    const area = await tenantArea(db, ctx.tenant!, code, translator(ctx.locale));
    if (!area) throw new NotFoundError();
    authorize(ctx, historyActions.view, historyResource(ctx.tenant!.id, area.path));
    return area;
  }

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/history', tag: 'History',
    summary: "An area's timeline: events, shifts in population and housing, tensions, closures and openings, with their sources, in chronological order.",
    params, query: z.object({ kind: z.enum(HISTORY_KINDS).optional().describe('Only entries of this kind.') }),
    response: z.object({ areaCode: z.string(), items: z.array(entryOut) }),
    async handler({ params: p, query }, ctx) {
      const area = await areaFor(ctx, p.code);
      const entries = await entriesOfArea(db, ctx.tenant!.id, area.code, query.kind ? [query.kind] : undefined);
      const t = translator(ctx.locale);
      return { areaCode: area.code, items: (await viewsOf({ ...ctx, actor: { kind: 'anonymous' } }, entries)).filter(isPublicView).map((v) => json(t, v)) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/history/:id', tag: 'History', summary: 'One entry of an area\'s timeline.',
    params: entryParams, response: entryOut,
    async handler({ params: p }, ctx) {
      const area = await areaFor(ctx, p.code);
      const entry = await findEntry(db, ctx.tenant!.id, p.id);
      if (!entry || entry.status !== 'published' || entry.areaCode !== area.code) throw new NotFoundError();
      const [view] = await viewsOf({ ...ctx, actor: { kind: 'anonymous' } }, [entry]);
      if (!isPublicView(view!)) throw new NotFoundError();
      return json(translator(ctx.locale), view!);
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/areas/:code/history', tag: 'History', summary: 'Add an entry to an area\'s timeline (anyone signed in with a verified address).',
    params, body: writingBody, response: z.object({ id: z.string() }),
    async handler({ params: p, body }, ctx) {
      const { id } = await execute(ctx, addHistoryEntry, { ...body, areaCode: p.code });
      return { id };
    },
  });

  api.route({
    method: 'PUT', path: '/:municipality/areas/:code/history/:id', tag: 'History', summary: 'Change an entry (its author for 48 hours; moderators and officials always).',
    params: entryParams, body: writingBody, response: z.object({ id: z.string() }), status: 200,
    async handler({ params: p, body }, ctx) {
      const area = await areaFor(ctx, p.code);
      const entry = await findEntry(db, ctx.tenant!.id, p.id);
      if (!entry || entry.areaCode !== area.code) throw new NotFoundError();
      const { id } = await execute(ctx, editHistoryEntry, { ...body, id: entry.id });
      return { id };
    },
  });

  api.route({
    method: 'DELETE', path: '/:municipality/areas/:code/history/:id', tag: 'History', summary: 'Delete an entry (its author for 48 hours; moderators and officials always).',
    params: entryParams,
    async handler({ params: p }, ctx) {
      const area = await areaFor(ctx, p.code);
      const entry = await findEntry(db, ctx.tenant!.id, p.id);
      if (!entry || entry.areaCode !== area.code) throw new NotFoundError();
      await execute(ctx, deleteHistoryEntry, { id: entry.id });
      return undefined;
    },
  });
}
