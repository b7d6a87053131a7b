import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { registerCommentSubject } from '../../platform/comments/index.js';
import { moderationState, registerModeratedKind } from '../../platform/moderation/index.js';
import { registerPersonalData } from '../../platform/privacy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, longText, text } from '../../platform/validation.js';
import { normalizeBody } from '../../platform/versions/model.js';
import { areaPathOf, tenantArea, type TenantArea } from '../areas/index.js';
import {
  HISTORY_KINDS, MAX_CITATION, MAX_SOURCES, MAX_STORY, MAX_TITLE, MAX_URL, REFERENCE_TYPES, isWebAddress, parseWhen, sortKey, withinEditWindow,
  type Reference, type Source, type When,
} from './model.js';
import { historyActions, historyResource } from './policy.js';
import { REFERENCE_ID, referenceKind } from './references.js';
import { findEntry, replaceReferences, type HistoryEntry } from './store.js';

/**
 * Use cases of an area's timeline (policy → validation → one transaction → audit), and its
 * registration as a moderated kind and as personal data.
 */
export const HISTORY_KIND = 'historyEntry';

export const historyPath = (slug: string, areaCode: string) => `/${slug}/gebieden/${areaCode}/geschiedenis`;
export const entryPath = (slug: string, areaCode: string, id: string) => `${historyPath(slug, areaCode)}/${id}`;

async function requireArea(db: Db, ctx: Context, rawCode: string): Promise<TenantArea> {
  const area = ctx.tenant ? await tenantArea(db, ctx.tenant, rawCode, translator(ctx.locale)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

const optionalPart = (max: number) => z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
  z.string({ error: 'validation.type' }).trim().max(max, { message: 'validation.tooLong' }).nullable());

const sourceInput = z.object({ citation: optionalPart(MAX_CITATION), url: optionalPart(MAX_URL) });
const writing = {
  title: text(MAX_TITLE),
  kind: choice(HISTORY_KINDS),
  /** As a volunteer types it: "12-3-1968", "1968", "ca. 1968", "1965-1972". */
  when: text(40),
  story: longText(MAX_STORY).transform(normalizeBody),
  sources: z.array(sourceInput, { error: 'validation.type' }).max(MAX_SOURCES, { message: 'validation.tooBig' }).default([]),
  references: z.array(z.object({ type: z.enum(REFERENCE_TYPES as [string, ...string[]], { error: 'validation.choice' }), id: z.string({ error: 'validation.type' }).trim().max(64, { message: 'validation.tooLong' }) }), { error: 'validation.type' })
    .max(50, { message: 'validation.tooBig' }).default([]),
};

interface Checked { when: When; sources: Source[]; references: Reference[] }

/** What zod cannot say alone: the date, the sources (at least one; addresses http or https), and whether referred items exist. */
async function checkWriting(tx: Tx, tenant: Tenant, input: { when: string; sources: Array<{ citation: string | null; url: string | null }>; references: Array<{ type: string; id: string }> }): Promise<Checked> {
  const issues: FieldIssue[] = [];
  const parsed = parseWhen(input.when);
  if (!parsed.ok) issues.push({ field: 'when', key: `history.when.${parsed.problem}` });
  const sources: Source[] = [];
  input.sources.forEach((s, i) => {
    if (s.citation === null && s.url === null) return;
    if (s.url !== null && !isWebAddress(s.url)) issues.push({ field: `sources.${i}.url`, key: 'history.error.url' });
    sources.push({ citation: s.citation, url: s.url });
  });
  if (sources.length === 0) issues.push({ field: 'sources', key: 'history.error.noSource' });
  const references: Reference[] = [];
  for (const type of REFERENCE_TYPES) {
    const ids = [...new Set(input.references.filter((r) => r.type === type).map((r) => r.id).filter((id) => id !== ''))];
    const kind = referenceKind(type);
    const found = kind ? await kind.find(tx, tenant, ids) : null;
    for (const id of ids) {
      if (!REFERENCE_ID.test(id) || (found && !found.has(id))) issues.push({ field: 'references', key: `history.error.unknownReference.${type}`, params: { id } });
      else references.push({ type, id });
    }
  }
  if (issues.length || !parsed.ok) throw new ValidationError(issues);
  return { when: parsed.when, sources, references };
}

function whenColumns(when: When) {
  return { precision: when.precision, year_from: when.year, month: when.month, day: when.day, year_to: when.yearTo, sort_key: sortKey(when) };
}

function snapshot(entry: { kind: string; when: When; title: string; story: string; sources: Source[]; references: Reference[] }) {
  return { kind: entry.kind, when: entry.when, title: entry.title, story: entry.story, sources: entry.sources, references: entry.references };
}

export const addHistoryEntry = defineUseCase({
  action: historyActions.add,
  input: z.object({ areaCode: z.string({ error: 'validation.required' }).trim().max(12, { message: 'validation.tooLong' }), ...writing }),
  async resource(tx, input, ctx) {
    const area = await requireArea(tx, ctx, input.areaCode);
    return historyResource(ctx.tenant!.id, area.path);
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const checked = await checkWriting(tx, tenant, input);
    const authorId = (ctx.actor as { personId: string }).personId;
    const row = {
      id: newId(), municipality_id: tenant.id, area_code: area.code, kind: input.kind, ...whenColumns(checked.when), title: input.title, story: input.story,
      sources_json: JSON.stringify(checked.sources), author_id: authorId, status: 'published' as const, created_at: nowIso(), edited_at: null, edited_by: null,
    };
    await tx.insertInto('history_entries').values(row).execute();
    await replaceReferences(tx, { id: row.id, municipalityId: tenant.id }, checked.references);
    return {
      result: { id: row.id, path: entryPath(tenant.slug, area.code, row.id) },
      audit: [{
        action: 'history.add', entityType: HISTORY_KIND, entityId: row.id, municipalityId: tenant.id,
        after: { area_code: area.code, ...snapshot({ ...input, ...checked }) }, personal: { subjectId: authorId, fields: ['title', 'story'] },
      }],
    };
  },
});

/** A published entry of this municipality and the resource its change is judged on (404 otherwise). */
async function changeable(tx: Tx, ctx: Context, id: string): Promise<{ entry: HistoryEntry; resource: ReturnType<typeof historyResource> }> {
  const entry = ctx.tenant ? await findEntry(tx, ctx.tenant.id, id) : null;
  if (!entry || entry.status !== 'published') throw new NotFoundError();
  return { entry, resource: historyResource(entry.municipalityId, areaPathOf(entry.areaCode), { ownerId: entry.authorId, withinWindow: withinEditWindow(entry.createdAt) }) };
}

/** The author may not change a hidden entry (a moderator restores it first); staff may. */
async function refuseHiddenForAuthor(tx: Tx, ctx: Context, entry: HistoryEntry): Promise<void> {
  const byAuthor = ctx.actor.kind === 'person' && ctx.actor.personId === entry.authorId;
  if (byAuthor && (await moderationState(tx, HISTORY_KIND, entry.id))) throw new ConflictError('history.error.hidden');
}

export const editHistoryEntry = defineUseCase({
  action: historyActions.edit,
  input: z.object({ id: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, { message: 'validation.tooLong' }), ...writing }),
  async resource(tx, input, ctx) {
    return (await changeable(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { entry } = await changeable(tx, ctx, input.id);
    await refuseHiddenForAuthor(tx, ctx, entry);
    const checked = await checkWriting(tx, ctx.tenant!, input);
    const me = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    await tx.updateTable('history_entries').set({
      kind: input.kind, ...whenColumns(checked.when), title: input.title, story: input.story, sources_json: JSON.stringify(checked.sources),
      edited_at: nowIso(), edited_by: me !== null && me !== entry.authorId ? me : null,
    }).where('id', '=', entry.id).execute();
    await replaceReferences(tx, { id: entry.id, municipalityId: entry.municipalityId }, checked.references);
    return {
      result: { id: entry.id, path: entryPath(ctx.tenant!.slug, entry.areaCode, entry.id) },
      audit: [{
        action: 'history.edit', entityType: HISTORY_KIND, entityId: entry.id, municipalityId: entry.municipalityId,
        before: snapshot(entry), after: snapshot({ ...input, ...checked }),
        ...(entry.authorId ? { personal: { subjectId: entry.authorId, fields: ['title', 'story'] } } : {}),
      }],
    };
  },
});

export const deleteHistoryEntry = defineUseCase({
  action: historyActions.delete,
  input: z.object({ id: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(64, { message: 'validation.tooLong' }) }),
  async resource(tx, input, ctx) {
    return (await changeable(tx, ctx, input.id)).resource;
  },
  async run(tx, input, ctx) {
    const { entry } = await changeable(tx, ctx, input.id);
    await tx.updateTable('history_entries').set({ status: 'deleted', title: '', story: '', sources_json: '[]', edited_at: nowIso() }).where('id', '=', entry.id).execute();
    await replaceReferences(tx, { id: entry.id, municipalityId: entry.municipalityId }, []);
    return {
      result: { path: historyPath(ctx.tenant!.slug, entry.areaCode) },
      audit: [{
        action: 'history.delete', entityType: HISTORY_KIND, entityId: entry.id, municipalityId: entry.municipalityId, before: snapshot(entry),
        ...(entry.authorId ? { personal: { subjectId: entry.authorId, fields: ['title', 'story'] } } : {}),
      }],
    };
  },
});

// ---- moderation and people's rights -----------------------------------------------------------------

registerModeratedKind({
  kind: HISTORY_KIND,
  labelKey: 'history.moderation.label',
  hiddenKey: 'history.hidden',
  async load(db, tenant, id, t) {
    const entry = await findEntry(db, tenant.id, id);
    if (!entry) return null;
    const area = await tenantArea(db, tenant, entry.areaCode, t);
    return {
      municipalityId: entry.municipalityId, authorId: entry.authorId, text: entry.status === 'published' ? `${entry.title}\n\n${entry.story}` : '',
      removed: entry.status !== 'published', title: t('history.moderation.title', { area: area?.title ?? entry.areaCode, title: entry.title }),
      path: entryPath(tenant.slug, entry.areaCode, entry.id),
    };
  },
});

/** Residents react under an entry, as under any public item (not under a deleted or hidden one). */
registerCommentSubject({
  type: HISTORY_KIND,
  async find(db, tenant, id) {
    const entry = await findEntry(db, tenant.id, id);
    if (!entry || entry.status !== 'published' || (await moderationState(db, HISTORY_KIND, entry.id))) return null;
    return { id: entry.id, title: entry.title, path: entryPath(tenant.slug, entry.areaCode, entry.id) };
  },
});

/** Erasure keeps no text or author (as for comments): the entry leaves the timeline. */
registerPersonalData({
  name: 'history',
  labelKey: 'history.privacy.data',
  async export(db, subject) {
    return {
      historyEntries: await db.selectFrom('history_entries').select(['area_code', 'kind', 'precision', 'year_from', 'month', 'day', 'year_to', 'title', 'story', 'sources_json', 'status', 'created_at', 'edited_at'])
        .where('author_id', '=', subject.personId).orderBy('created_at').execute(),
    };
  },
  async erase(tx, subject) {
    const ids = (await tx.selectFrom('history_entries').select('id').where('author_id', '=', subject.personId).execute()).map((r) => r.id);
    if (ids.length) await tx.deleteFrom('history_references').where('entry_id', 'in', ids).execute();
    await tx.updateTable('history_entries').set({ author_id: null, title: '', story: '', sources_json: '[]', status: 'erased' }).where('author_id', '=', subject.personId).execute();
    await tx.updateTable('history_entries').set({ edited_by: null }).where('edited_by', '=', subject.personId).execute();
  },
});
