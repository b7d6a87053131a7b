import type { Kysely } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { parseQuery } from './normalise.js';
import { deleteItem, deleteItemsOfType, queryItems, writeItems, type FoundItem, type Scope, type SearchItemInput } from './store.js';

/**
 * Full-text search over public items. A capability registers each kind of item it makes
 * searchable (with a way to list all of them, for reindexing) and keeps the index current by
 * calling indexItem / removeItem inside its own use cases' transactions, so the index changes
 * exactly when the data does.
 */
export interface SearchType {
  type: string;
  /** Message key of the kind's name ("Organisatie"), shown beside each result and in the filter. */
  labelKey: string;
  /** Every current item of this kind, in batches (for `reindexAll`). */
  reindex(db: Db): AsyncIterable<SearchItemInput[]>;
}

const types = new Map<string, SearchType>();

export function registerSearchType(searchType: SearchType): void {
  types.set(searchType.type, searchType);
}

export function searchTypes(): SearchType[] {
  return [...types.values()];
}

/** Put an item in the index, or replace what the index holds for it. Call it in the use case's transaction. */
export async function indexItem(tx: Kysely<Database>, item: SearchItemInput): Promise<void> {
  await writeItems(tx, [item]);
}

/** Many items at once (imports): the same as indexItem for each, in fewer statements. */
export async function indexItems(tx: Kysely<Database>, items: readonly SearchItemInput[]): Promise<void> {
  await writeItems(tx, items);
}

export async function removeItem(tx: Kysely<Database>, type: string, id: string): Promise<void> {
  await deleteItem(tx, type, id);
}

/** Replace every item of a kind in one municipality (for small sets such as the public values). */
export async function replaceItemsOf(tx: Kysely<Database>, type: string, municipalityId: string, items: readonly SearchItemInput[]): Promise<void> {
  await deleteItemsOfType(tx, type, municipalityId);
  await writeItems(tx, items);
}

export interface ReindexOptions {
  /** Only these kinds (default: every registered kind). */
  types?: string[];
  onProgress?: (type: string, done: number) => void;
}

/**
 * Rebuild the index of every registered kind from the data, one transaction per kind: searches
 * see the old entries until the new ones are committed. Kinds nobody registered are left alone.
 */
export async function reindexAll(platform: { db: Db }, options: ReindexOptions = {}): Promise<Record<string, number>> {
  const chosen = options.types ?? [...types.keys()];
  const unknown = chosen.filter((t) => !types.has(t));
  if (unknown.length) throw new Error(`Unknown search type(s): ${unknown.join(', ')} (known: ${[...types.keys()].join(', ')})`);
  const counts: Record<string, number> = {};
  for (const type of chosen) {
    const searchType = types.get(type)!;
    counts[type] = await platform.db.transaction().execute(async (tx) => {
      await deleteItemsOfType(tx, type);
      let done = 0;
      for await (const batch of searchType.reindex(tx)) {
        await writeItems(tx, batch);
        done += batch.length;
        options.onProgress?.(type, done);
      }
      return done;
    });
  }
  return counts;
}

/**
 * Bump when what is indexed changes (the stemmer, a kind's text): an installation whose index
 * was built by another version is reindexed once when it starts.
 */
export const SEARCH_INDEX_VERSION = '1';
const VERSION_KEY = 'search_index_version';

/** After migrating: build the index when it is new or was built by another version. Two processes at once do no harm. */
export async function ensureSearchIndex(platform: { db: Db }): Promise<boolean> {
  const { db } = platform;
  const current = await db.selectFrom('installation').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  if (current?.value === SEARCH_INDEX_VERSION) return false;
  await reindexAll(platform);
  await markSearchIndexCurrent(db);
  return true;
}

/** Mark the index as current without building it (for bulk loaders that index as they write). */
export async function markSearchIndexCurrent(db: Db): Promise<void> {
  await db.insertInto('installation').values({ key: VERSION_KEY, value: SEARCH_INDEX_VERSION })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: SEARCH_INDEX_VERSION })).execute();
}

export interface SearchInput {
  query: string;
  type?: string;
  limit: number;
  offset: number;
}

export interface SearchResult {
  query: string;
  total: number;
  /** Results per kind (for the filter), for the whole query regardless of `type`. */
  counts: Record<string, number>;
  items: FoundItem[];
  /** Only words too common to search for were given ("de", "het"). */
  onlyStopWords: boolean;
}

/** Search the public items of one municipality (with the national items that belong to it). */
export async function search(db: Db, scope: Scope, input: SearchInput): Promise<SearchResult> {
  const parsed = parseQuery(input.query);
  const found = await queryItems(db, { scope, terms: parsed.terms, type: input.type || undefined, limit: input.limit, offset: input.offset });
  return { query: input.query, ...found, onlyStopWords: parsed.onlyStopWords };
}
