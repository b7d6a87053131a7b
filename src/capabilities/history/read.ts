import type { Context } from '../../platform/context.js';
import { moderationStates } from '../../platform/moderation/index.js';
import { allowed } from '../../platform/service.js';
import { areaPathOf } from '../areas/index.js';
import { contactsOf } from '../parties/index.js';
import { withinEditWindow } from './model.js';
import { historyActions, historyResource } from './policy.js';
import { resolveReferences } from './references.js';
import { HISTORY_KIND } from './service.js';
import type { HistoryEntry } from './store.js';
import type { EntryView } from './pages/history.js';

/** Entries as the pages show them to this visitor: author names, moderation, resolved references, and whether they may change it. */
export async function viewsOf(ctx: Context, entries: readonly HistoryEntry[]): Promise<EntryView[]> {
  const { db } = ctx.platform;
  const authorIds = [...new Set(entries.map((e) => e.authorId).filter((a): a is string => a !== null))];
  const [contacts, states] = await Promise.all([
    authorIds.length ? contactsOf(db, authorIds) : Promise.resolve(new Map<string, { name: string }>()),
    moderationStates(db, HISTORY_KIND, entries.map((e) => e.id)),
  ]);
  const me = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  const out: EntryView[] = [];
  for (const entry of entries) {
    const resource = historyResource(entry.municipalityId, areaPathOf(entry.areaCode), { ownerId: entry.authorId, withinWindow: withinEditWindow(entry.createdAt) });
    const hidden = states.get(entry.id) ?? null;
    const mine = me !== null && entry.authorId === me;
    out.push({
      entry, authorName: entry.authorId ? contacts.get(entry.authorId)?.name ?? null : null, hidden, mine,
      canEdit: allowed(ctx, historyActions.edit, resource) && !(mine && hidden !== null && !allowed(ctx, historyActions.edit, { ...resource, ownerId: null })),
      references: await resolveReferences(db, ctx.tenant!, entry.references),
    });
  }
  return out;
}

/** What everyone may read: not hidden. */
export const isPublicView = (view: EntryView) => view.hidden === null;
