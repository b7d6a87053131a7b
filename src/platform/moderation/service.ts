import { z } from 'zod';
import type { Context, Platform } from '../context.js';
import { newId, nowIso } from '../db/helpers.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { translator, type Translate } from '../i18n/index.js';
import { notifyPerson, registerNotificationKind } from '../notifications/index.js';
import { hasRole, type Resource, type Rule } from '../policy.js';
import { registerPersonalData } from '../privacy.js';
import { checkLimit, keyOf, recordAttempt } from '../rate-limit.js';
import { defineUseCase, execute, type Tx } from '../service.js';
import type { Tenant } from '../tenancy.js';
import { choice, longText, optionalLongText } from '../validation.js';
import { reportCategories, type Decision, type ReportCategory } from './store.js';

/**
 * Moderation: every kind of public text written by residents (comments now; interpretations and
 * stories later) registers how to load an item and what others see in its place when it is
 * hidden. Anyone may report an item; moderators of the municipality hide it with a reason that
 * the author sees (and is notified of), dismiss the reports, or restore a hidden item. Every
 * report and decision is a use case, so it is audited in its own transaction.
 */
export interface ModeratedItem {
  municipalityId: string;
  /** The person who wrote it (null once erased): they still see it when hidden, with the reason. */
  authorId: string | null;
  /** What it says, as plain text (empty when removed). */
  text: string;
  /** What it is, for the queue and the author's notification (e.g. "Reactie bij Buurt Lindenhof"). */
  title: string;
  /** Where it is shown (a local path, usually with an anchor). */
  path: string;
  /** Deleted by its author or erased: nothing left to report. */
  removed: boolean;
}

export interface ModeratedKind {
  kind: string;
  /** Message key naming one item ("Reactie"). */
  labelKey: string;
  /** Message key of what others see in place of a hidden item. */
  hiddenKey: string;
  /** The item, only if it belongs to this municipality. */
  load(db: Tx, tenant: Tenant, id: string, t: Translate): Promise<ModeratedItem | null>;
}

const kinds = new Map<string, ModeratedKind>();

export function registerModeratedKind(kind: ModeratedKind): void {
  kinds.set(kind.kind, kind);
}

export function moderatedKind(kind: string): ModeratedKind {
  const found = kinds.get(kind);
  if (!found) throw new NotFoundError();
  return found;
}

export const moderationActions = { report: 'moderation.report', moderate: 'moderation.moderate' } as const;

/** Moderators and administrators of the municipality (administrators only with a second factor, as everywhere). */
export const moderators: Rule = (actor, resource) => resource.municipalityId != null && hasRole(actor, ['moderator', 'administrator'], resource);

export function moderationResource(municipalityId: string): Resource {
  return { type: 'moderation', municipalityId };
}

export const MODERATION_DECISION = 'moderation.decision';
registerNotificationKind({ kind: MODERATION_DECISION, labelKey: 'moderation.notify.kind', defaultChannel: 'immediately' });

// ---- reading -----------------------------------------------------------------------------------

export interface ModerationState {
  hiddenAt: string;
  reason: string;
}

/** Which of these items are hidden, and why. */
export async function moderationStates(db: Tx, kind: string, ids: readonly string[]): Promise<Map<string, ModerationState>> {
  const out = new Map<string, ModerationState>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('moderation_items').select(['item_id', 'hidden_at', 'hidden_reason'])
      .where('item_type', '=', kind).where('item_id', 'in', ids.slice(i, i + 500)).where('hidden_at', 'is not', null).execute();
    for (const row of rows) out.set(row.item_id, { hiddenAt: row.hidden_at!, reason: row.hidden_reason ?? '' });
  }
  return out;
}

export async function moderationState(db: Tx, kind: string, id: string): Promise<ModerationState | null> {
  return (await moderationStates(db, kind, [id])).get(id) ?? null;
}

export interface OpenItem {
  kind: string;
  id: string;
  reports: Array<{ category: ReportCategory; explanation: string | null; createdAt: string }>;
}

/** Open reports of a municipality, grouped per item, the item reported first on top. */
export async function openReports(db: Tx, municipalityId: string, limit = 500): Promise<OpenItem[]> {
  const rows = await db.selectFrom('moderation_reports').select(['item_type', 'item_id', 'category', 'explanation', 'created_at'])
    .where('municipality_id', '=', municipalityId).where('status', '=', 'open').orderBy('created_at').orderBy('id').limit(limit).execute();
  const items = new Map<string, OpenItem>();
  for (const row of rows) {
    const key = `${row.item_type}:${row.item_id}`;
    const item = items.get(key) ?? { kind: row.item_type, id: row.item_id, reports: [] };
    item.reports.push({ category: row.category, explanation: row.explanation, createdAt: row.created_at });
    items.set(key, item);
  }
  return [...items.values()];
}

export async function hiddenItems(db: Tx, municipalityId: string, limit = 100) {
  return db.selectFrom('moderation_items').select(['item_type', 'item_id', 'hidden_at', 'hidden_reason'])
    .where('municipality_id', '=', municipalityId).where('hidden_at', 'is not', null).orderBy('hidden_at', 'desc').limit(limit).execute();
}

export async function reportsOf(db: Tx, municipalityId: string, kind: string, id: string) {
  return db.selectFrom('moderation_reports').select(['id', 'category', 'explanation', 'status', 'created_at'])
    .where('municipality_id', '=', municipalityId).where('item_type', '=', kind).where('item_id', '=', id).orderBy('created_at').orderBy('id').execute();
}

/** The decision history of one item, oldest first. */
export async function decisionsOf(db: Tx, municipalityId: string, kind: string, id: string) {
  return db.selectFrom('moderation_decisions').select(['id', 'decision', 'reason', 'moderator_id', 'created_at'])
    .where('municipality_id', '=', municipalityId).where('item_type', '=', kind).where('item_id', '=', id).orderBy('created_at').orderBy('id').execute();
}

/**
 * Forget what moderation kept of items that are gone for good (an actor removed, a key person who
 * withdrew consent): their reports (an explanation may name people), decisions and hidden state.
 * The audit log keeps that decisions were taken, never a report's text. Inside the caller's transaction.
 */
export async function forgetModeratedItems(tx: Tx, kind: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    for (const table of ['moderation_reports', 'moderation_decisions', 'moderation_items'] as const) {
      await tx.deleteFrom(table).where('item_type', '=', kind).where('item_id', 'in', chunk).execute();
    }
  }
}

/** The item of a request, in the request's municipality (404 otherwise). */
export async function loadItem(db: Tx, ctx: Context, kind: string, id: string): Promise<{ kind: ModeratedKind; item: ModeratedItem }> {
  const found = moderatedKind(kind);
  const tenant = ctx.tenant;
  if (!tenant) throw new NotFoundError();
  const item = await found.load(db, tenant, id, translator(ctx.locale));
  if (!item || item.municipalityId !== tenant.id) throw new NotFoundError();
  return { kind: found, item };
}

// ---- reporting ---------------------------------------------------------------------------------

export const REPORT_WINDOW_MINUTES = 60;
export const MAX_REPORTS_PER_ADDRESS = 30;
export const MAX_EXPLANATION = 500;

const itemRef = { kind: z.string().max(40), id: z.string().min(1).max(64) };

export const report = defineUseCase({
  action: moderationActions.report,
  input: z.object({
    ...itemRef,
    category: choice(reportCategories),
    explanation: optionalLongText(MAX_EXPLANATION),
    addressKey: z.string().max(100).optional(),
  }),
  async resource(tx, input, ctx) {
    const { item } = await loadItem(tx, ctx, input.kind, input.id);
    if (item.removed) throw new NotFoundError();
    if (await moderationState(tx, input.kind, input.id)) throw new ConflictError('moderation.conflict.alreadyHidden');
    return { type: 'moderationItem', municipalityId: item.municipalityId };
  },
  async run(tx, input, _ctx, resource) {
    const id = newId();
    const now = nowIso();
    await tx.insertInto('moderation_reports').values({
      id, municipality_id: resource.municipalityId!, item_type: input.kind, item_id: input.id, category: input.category,
      explanation: input.explanation ?? null, status: 'open', decision_id: null, created_at: now,
    }).execute();
    if (input.addressKey) await recordAttempt(tx, input.addressKey);
    // The explanation stays out of the append-only log: it may name other people.
    return { result: { id }, audit: [{ action: 'moderation.report', entityType: input.kind, entityId: input.id, municipalityId: resource.municipalityId!, after: { report: id, category: input.category } }] };
  },
});

export function reportAddressKey(platform: Platform, address: string): string {
  return keyOf(platform, 'moderation.report', address);
}

/**
 * Report an item from an address: at most MAX_REPORTS_PER_ADDRESS per window (a platform rate
 * limit: counted in the database, so it holds across processes, through a keyed hash of the
 * address). The report's own transaction records the attempt.
 */
export async function reportFromAddress(ctx: Context, rawInput: Record<string, unknown>, address: string): Promise<{ id: string }> {
  const addressKey = reportAddressKey(ctx.platform, address);
  await checkLimit(ctx.platform.db, { key: addressKey, max: MAX_REPORTS_PER_ADDRESS, windowMinutes: REPORT_WINDOW_MINUTES });
  return execute(ctx, report, { ...rawInput, addressKey });
}

// ---- deciding ----------------------------------------------------------------------------------

async function recordDecision(tx: Tx, ctx: Context, item: ModeratedItem, kind: string, id: string, decision: Decision, reason: string | null): Promise<string> {
  const decisionId = newId();
  await tx.insertInto('moderation_decisions').values({
    id: decisionId, municipality_id: item.municipalityId, item_type: kind, item_id: id, decision, reason,
    moderator_id: ctx.actor.kind === 'person' ? ctx.actor.personId : null, created_at: nowIso(),
  }).execute();
  return decisionId;
}

async function closeOpenReports(tx: Tx, kind: string, id: string, status: 'hidden' | 'dismissed', decisionId: string): Promise<number> {
  const result = await tx.updateTable('moderation_reports').set({ status, decision_id: decisionId })
    .where('item_type', '=', kind).where('item_id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function tellAuthor(ctx: Context, tx: Tx, moderated: ModeratedKind, item: ModeratedItem, message: 'hidden' | 'restored', reason: string): Promise<void> {
  if (!item.authorId || item.removed) return;
  const contact = (await ctx.platform.directory.contactsOf(tx, [item.authorId])).get(item.authorId);
  const t = translator(contact?.locale ?? 'nl');
  await notifyPerson(ctx.platform, tx, item.authorId, {
    municipalityId: item.municipalityId, kind: MODERATION_DECISION, url: item.path,
    title: t(`moderation.notify.${message}Title`, { item: t(moderated.labelKey) }),
    body: t(`moderation.notify.${message}Body`, { reason }),
  });
}

/** The policy decides on the municipality; the run step gets the loaded item with it. */
async function moderatedResource(tx: Tx, input: { kind: string; id: string }, ctx: Context): Promise<Resource> {
  const loaded = await loadItem(tx, ctx, input.kind, input.id);
  return { ...moderationResource(loaded.item.municipalityId), loaded };
}

const loadedOf = (resource: Resource) => resource.loaded as { kind: ModeratedKind; item: ModeratedItem };

export const hideItem = defineUseCase({
  action: moderationActions.moderate,
  input: z.object({ ...itemRef, reason: longText(1000) }),
  resource: moderatedResource,
  async run(tx, input, ctx, resource) {
    const { kind, item } = loadedOf(resource);
    if (await moderationState(tx, input.kind, input.id)) throw new ConflictError('moderation.conflict.alreadyHidden');
    const decisionId = await recordDecision(tx, ctx, item, input.kind, input.id, 'hide', input.reason);
    await tx.insertInto('moderation_items').values({ item_type: input.kind, item_id: input.id, municipality_id: item.municipalityId, hidden_at: nowIso(), hidden_reason: input.reason })
      .onConflict((oc) => oc.columns(['item_type', 'item_id']).doUpdateSet({ hidden_at: nowIso(), hidden_reason: input.reason })).execute();
    const reports = await closeOpenReports(tx, input.kind, input.id, 'hidden', decisionId);
    await tellAuthor(ctx, tx, kind, item, 'hidden', input.reason);
    return {
      result: { decisionId },
      audit: [{
        action: 'moderation.hide', entityType: input.kind, entityId: input.id, municipalityId: item.municipalityId,
        after: { decision: decisionId, reason: input.reason, reports, text: item.text },
        ...(item.authorId ? { personal: { subjectId: item.authorId, fields: ['text'] } } : {}),
      }],
    };
  },
});

export const dismissReports = defineUseCase({
  action: moderationActions.moderate,
  input: z.object({ ...itemRef, dismissNote: optionalLongText(1000) }),
  resource: moderatedResource,
  async run(tx, input, ctx, resource) {
    const { item } = loadedOf(resource);
    const decisionId = await recordDecision(tx, ctx, item, input.kind, input.id, 'dismiss', input.dismissNote ?? null);
    const reports = await closeOpenReports(tx, input.kind, input.id, 'dismissed', decisionId);
    if (reports === 0) throw new ConflictError('moderation.conflict.noReports');
    return { result: { decisionId }, audit: [{ action: 'moderation.dismiss', entityType: input.kind, entityId: input.id, municipalityId: item.municipalityId, after: { decision: decisionId, note: input.dismissNote ?? null, reports } }] };
  },
});

export const restoreItem = defineUseCase({
  action: moderationActions.moderate,
  input: z.object({ ...itemRef, restoreNote: longText(1000) }),
  resource: moderatedResource,
  async run(tx, input, ctx, resource) {
    const { kind, item } = loadedOf(resource);
    const state = await moderationState(tx, input.kind, input.id);
    if (!state) throw new ConflictError('moderation.conflict.notHidden');
    const decisionId = await recordDecision(tx, ctx, item, input.kind, input.id, 'restore', input.restoreNote);
    await tx.updateTable('moderation_items').set({ hidden_at: null, hidden_reason: null }).where('item_type', '=', input.kind).where('item_id', '=', input.id).execute();
    await tellAuthor(ctx, tx, kind, item, 'restored', input.restoreNote);
    return { result: { decisionId }, audit: [{ action: 'moderation.restore', entityType: input.kind, entityId: input.id, municipalityId: item.municipalityId, before: { reason: state.reason }, after: { decision: decisionId, note: input.restoreNote } }] };
  },
});

// ---- people's rights -----------------------------------------------------------------------------

registerPersonalData({
  name: 'moderation',
  labelKey: 'moderation.privacy.data',
  async export(db, subject) {
    return {
      decisionsYouMadeAsModerator: await db.selectFrom('moderation_decisions').select(['item_type', 'item_id', 'decision', 'reason', 'created_at'])
        .where('moderator_id', '=', subject.personId).orderBy('created_at').execute(),
    };
  },
  async erase(tx, subject) {
    // The decisions stay (they are the history of someone else's text); who took them is forgotten.
    await tx.updateTable('moderation_decisions').set({ moderator_id: null }).where('moderator_id', '=', subject.personId).execute();
  },
});
