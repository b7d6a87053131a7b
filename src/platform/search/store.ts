import { sql, type Kysely, type RawBuilder } from 'kysely';
import { engineOf, type Engine } from '../db/connect.js';
import type { NamedMigrations } from '../db/migrate.js';
import { nowIso } from '../db/helpers.js';
import type { Database } from '../db/schema.js';
import { cleanText, headlineToHtml, MARK_END, MARK_START, scopedText, snippetHtml, type QueryTerm } from './normalise.js';

/**
 * One table of public searchable items, `search_items`, kept current by the capabilities in
 * their own transactions, and a full-text index beside it that differs per engine:
 *
 * - PostgreSQL: a generated `tsv` column (`dutch` configuration; title weighted A, body B) for
 *   ranking (ts_rank_cd), title matches and snippets (ts_headline), and a generated `scoped`
 *   column with a GIN index for matching: the same Dutch lexemes, each prefixed with the item's
 *   scope ("m:<municipality id>_buurt").
 * - SQLite: a contentless FTS5 table `search_fts` (tokenizer `unicode61 remove_diacritics 2`,
 *   with "_" as a word character) over the stemmed words (FTS5 has no Dutch stemmer; see
 *   normalise.ts), each prefixed with the item's scope in the same way ("mabc123_buurt").
 *
 * Scoped words keep every municipality's vocabulary apart inside one national index: a search,
 * prefix matches included ("buurt" → "buurthuis"), reads only the index entries of the
 * municipality it searches (its own items, and the national items that lie in it), so its cost
 * does not grow with the number of municipalities. The SQL guard on municipality_id /
 * municipality_code repeats the rule, so a wrong token could never show another municipality's item.
 */
export interface SearchItemTable {
  type: string;
  item_id: string;
  municipality_id: string | null;
  municipality_code: string | null;
  title: string;
  body: string;
  url: string;
  language: string;
  scope: string;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    search_items: SearchItemTable;
  }
}

export const SEARCH_MIGRATION = '0014-platform-search';

export const searchMigrations: NamedMigrations = {
  [SEARCH_MIGRATION]: {
    async up(db: Kysely<any>) {
      if (engineOf(db) === 'postgres') {
        // Immutable, so that a generated column can use it: the Dutch lexemes of title and body, each prefixed with the scope.
        await sql`CREATE FUNCTION search_scoped_tsvector(scope text, title text, body text) RETURNS tsvector
          LANGUAGE sql IMMUTABLE PARALLEL SAFE
          AS $$ SELECT coalesce(array_to_tsvector(array_agg(scope || '_' || lexeme)), ''::tsvector)
                FROM unnest(to_tsvector('pg_catalog.dutch'::regconfig, title) || to_tsvector('pg_catalog.dutch'::regconfig, body)) $$`.execute(db);
        await sql`CREATE TABLE search_items (
          type text NOT NULL,
          item_id text NOT NULL,
          municipality_id text REFERENCES municipalities(id) ON DELETE CASCADE,
          municipality_code text,
          title text NOT NULL,
          body text NOT NULL,
          url text NOT NULL,
          language text NOT NULL,
          scope text NOT NULL,
          updated_at text NOT NULL,
          tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, title), 'A') || setweight(to_tsvector('dutch'::regconfig, body), 'B')) STORED,
          scoped tsvector GENERATED ALWAYS AS (search_scoped_tsvector(scope, title, body)) STORED,
          PRIMARY KEY (type, item_id)
        )`.execute(db);
        // fastupdate off: no pending list that every search would have to read after a bulk load.
        await sql`CREATE INDEX search_items_scoped ON search_items USING gin (scoped) WITH (fastupdate = off)`.execute(db);
      } else {
        await sql`CREATE TABLE search_items (
          seq INTEGER PRIMARY KEY,
          type TEXT NOT NULL,
          item_id TEXT NOT NULL,
          municipality_id TEXT REFERENCES municipalities(id) ON DELETE CASCADE,
          municipality_code TEXT,
          title TEXT NOT NULL,
          body TEXT NOT NULL,
          url TEXT NOT NULL,
          language TEXT NOT NULL,
          scope TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (type, item_id)
        )`.execute(db);
        // Contentless: the text is in search_items; the index holds only the scoped, stemmed words.
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
          title, body, content='', contentless_delete=1,
          tokenize="unicode61 remove_diacritics 2 tokenchars '_'"
        )`.execute(db);
        // However a row goes (removeItem, a municipality deleted with its items), its index entry goes with it.
        await sql`CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN
          DELETE FROM search_fts WHERE rowid = old.seq;
        END`.execute(db);
      }
      await db.schema.createIndex('search_items_municipality').on('search_items').columns(['municipality_id', 'type']).execute();
    },
  },
};

type Db = Kysely<Database>;

/** What a capability hands the index for one public item. */
export interface SearchItemInput {
  type: string;
  id: string;
  /** The municipality the item belongs to; null for national items (areas). */
  municipalityId: string | null;
  /**
   * For national items: the CBS code (GMxxxx) of the municipality they lie in, so that a search in
   * that municipality finds them (a national item without one is in the index, but no municipality's
   * search finds it: searches are always within one municipality).
   */
  municipalityCode?: string | null;
  title: string;
  body: string;
  /** Path below the municipality's root, e.g. "/organisaties/abc123" ("/" for its home page). */
  url: string;
  language: 'nl';
}

export interface Scope {
  id: string;
  cbsCode: string;
}

const MAX_TITLE = 300;
const MAX_BODY = 10_000;

function scopeToken(engine: Engine, item: Pick<SearchItemInput, 'municipalityId' | 'municipalityCode'>): string {
  // SQLite's tokenizer splits on punctuation, so its tokens are letters and digits only.
  const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (item.municipalityId) return engine === 'postgres' ? `m:${item.municipalityId}` : `m${plain(item.municipalityId)}`;
  if (item.municipalityCode) return engine === 'postgres' ? `c:${item.municipalityCode.toUpperCase()}` : `c${plain(item.municipalityCode)}`;
  return engine === 'postgres' ? 'none:' : 'none';
}

/** The scope tokens a search in this municipality may see. */
function scopeTokens(engine: Engine, scope: Scope): string[] {
  return [scopeToken(engine, { municipalityId: scope.id }), scopeToken(engine, { municipalityId: null, municipalityCode: scope.cbsCode })];
}

/** A quoted tsquery lexeme. */
function tsLexeme(text: string, prefix = false): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

function rowOf(engine: Engine, item: SearchItemInput, at: string) {
  return {
    type: item.type, item_id: item.id, municipality_id: item.municipalityId,
    municipality_code: item.municipalityId ? null : (item.municipalityCode?.toUpperCase() ?? null),
    title: cleanText(item.title).trim().slice(0, MAX_TITLE), body: cleanText(item.body).trim().slice(0, MAX_BODY),
    url: item.url, language: item.language, scope: scopeToken(engine, item), updated_at: at,
  };
}

const UPDATED_COLUMNS = ['municipality_id', 'municipality_code', 'title', 'body', 'url', 'language', 'scope', 'updated_at'] as const;

/** Insert or replace items (in the caller's transaction). */
export async function writeItems(db: Db, items: readonly SearchItemInput[]): Promise<void> {
  if (items.length === 0) return;
  const engine = engineOf(db);
  const at = nowIso();
  const perInsert = engine === 'sqlite' ? 500 : 1000;
  const anyDb = db as unknown as Kysely<any>;
  // The same item twice in one statement would be an error: the last one wins.
  const unique = [...new Map(items.map((i) => [`${i.type}\u0000${i.id}`, i])).values()];
  for (let i = 0; i < unique.length; i += perInsert) {
    const rows = unique.slice(i, i + perInsert).map((item) => rowOf(engine, item, at));
    const upsert = anyDb.insertInto('search_items').values(rows)
      .onConflict((oc) => oc.columns(['type', 'item_id']).doUpdateSet(Object.fromEntries(UPDATED_COLUMNS.map((c) => [c, sql.ref(`excluded.${c}`)]))));
    if (engine === 'postgres') {
      await upsert.execute();
      continue;
    }
    // SQLite: the contentless index is written here, in the same transaction (PostgreSQL generates its columns itself).
    const written = await upsert.returning(['seq', 'type', 'item_id']).execute() as Array<{ seq: number; type: string; item_id: string }>;
    const byKey = new Map(rows.map((r) => [`${r.type}\u0000${r.item_id}`, r]));
    const seqs = written.map((w) => w.seq);
    await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(seqs)})`.execute(db);
    const values = written.map((w) => {
      const row = byKey.get(`${w.type}\u0000${w.item_id}`)!;
      return sql`(${w.seq}, ${scopedText(row.scope, row.title)}, ${scopedText(row.scope, row.body)})`;
    });
    await sql`INSERT INTO search_fts(rowid, title, body) VALUES ${sql.join(values)}`.execute(db);
  }
}

export async function deleteItem(db: Db, type: string, id: string): Promise<void> {
  await db.deleteFrom('search_items').where('type', '=', type).where('item_id', '=', id).execute();
}

export async function deleteItemsOfType(db: Db, type: string, municipalityId?: string): Promise<void> {
  let query = db.deleteFrom('search_items').where('type', '=', type);
  if (municipalityId !== undefined) query = query.where('municipality_id', '=', municipalityId);
  await query.execute();
}

export async function countItems(db: Db): Promise<number> {
  const row = await db.selectFrom('search_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface FoundItem {
  type: string;
  id: string;
  title: string;
  url: string;
  /** HTML: the text escaped, matching words in <mark>. */
  snippet: string;
  /** All terms occur in the title. */
  inTitle: boolean;
}

export interface FoundPage {
  total: number;
  counts: Record<string, number>;
  items: FoundItem[];
}

export interface ItemQuery {
  scope: Scope;
  terms: readonly QueryTerm[];
  type?: string;
  limit: number;
  offset: number;
}

/** Items of the municipality or national items belonging to it; never another municipality's. */
function tenantGuard(scope: Scope) {
  // A CASE on purpose: a filter on the rows the full-text index found, never a reason for the planner to scan other indexes.
  return sql`(CASE WHEN i.municipality_id IS NOT NULL THEN i.municipality_id = ${scope.id} ELSE i.municipality_code = ${scope.cbsCode.toUpperCase()} END)`;
}

function countsOf(raw: unknown): Record<string, number> {
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw ?? {}) as Record<string, number | string>;
  return Object.fromEntries(Object.entries(parsed).map(([type, n]) => [type, Number(n)]));
}

function pageOf(query: ItemQuery, rows: Array<{ counts: unknown; type: string | null; item_id: string | null; title: string | null; url: string | null; in_title: unknown }>, snippet: (index: number) => string): FoundPage {
  const counts = countsOf(rows[0]?.counts);
  return {
    counts,
    total: query.type ? (counts[query.type] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0),
    items: rows.flatMap((r, index) => (r.item_id === null ? [] : [{
      type: r.type!, id: r.item_id, title: r.title!, url: r.url!, snippet: snippet(index), inTitle: r.in_title === true || Number(r.in_title) === 1,
    }])),
  };
}

/*
 * One statement per search on both engines: the matches are found once, and give both the counts
 * per kind and the page (title matches first, then by rank). The counts row is left-joined to the
 * page, so it comes back even when the page is empty.
 */
async function querySqlite(db: Db, query: ItemQuery): Promise<FoundPage> {
  const fts = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const scopes = scopeTokens('sqlite', query.scope);
  // Every term must match, in any of the tenant's scopes: as its stem, or as the start of a word.
  const terms = query.terms.map((t) => `(${scopes.flatMap((scope) => (t.prefixes.length
    ? t.prefixes.map((p) => `${fts(`${scope}_${p}`)} *`)
    : [fts(`${scope}_${t.stem}`)])).join(' OR ')})`).join(' AND ');
  const typeFilter = query.type ? sql`WHERE type = ${query.type}` : sql``;
  // bm25 with the title ten times the weight of the body.
  const result = await sql<{ counts: string; type: string | null; item_id: string | null; title: string | null; body: string | null; url: string | null; in_title: number | null }>`
    WITH hits AS MATERIALIZED (
      SELECT i.seq, i.type, i.title, i.item_id, bm25(search_fts, 10.0, 1.0) AS rank,
        (i.seq IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${`{title} : (${terms})`})) AS in_title
      FROM search_fts CROSS JOIN search_items i ON i.seq = search_fts.rowid
      WHERE search_fts MATCH ${`{title body} : (${terms})`} AND ${tenantGuard(query.scope)}
    ),
    counts AS (SELECT coalesce(json_group_object(type, n), '{}') AS counts FROM (SELECT type, count(*) AS n FROM hits GROUP BY type)),
    page AS (SELECT seq, in_title, rank, title, item_id FROM hits ${typeFilter} ORDER BY in_title DESC, rank, title, item_id LIMIT ${query.limit} OFFSET ${query.offset})
    SELECT counts.counts, i.type, i.item_id, i.title, i.body, i.url, page.in_title
    FROM counts LEFT JOIN page ON 1 LEFT JOIN search_items i ON i.seq = page.seq
    ORDER BY page.in_title DESC, page.rank, page.title, page.item_id`.execute(db);
  return pageOf(query, result.rows, (index) => snippetHtml(result.rows[index]!.body ?? '', query.terms));
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

function prefixesFor(term: QueryTerm): string[] {
  return term.prefixes.length ? [...new Set([...term.prefixes, term.raw])] : [];
}

/**
 * For ranking, title matches and snippets (on the unscoped `tsv`): every term as a word through
 * the `dutch` stemmer, or (from two letters on) as the start of a word.
 */
function postgresTerms(terms: readonly QueryTerm[]): RawBuilder<unknown> {
  return sql`(${sql.join(terms.map((t) => (t.prefixes.length
    ? sql`(websearch_to_tsquery('dutch', ${t.raw}) || to_tsquery('simple', ${prefixesFor(t).map((p) => tsLexeme(p, true)).join(' | ')}))`
    : sql`websearch_to_tsquery('dutch', ${t.raw})`)), sql` && `)})`;
}

/**
 * For matching (on the GIN-indexed `scoped`): the same, with each lexeme prefixed by each of the
 * tenant's scopes. The exact lexemes come from PostgreSQL's own `dutch` configuration, as in the index.
 */
async function scopedQuery(db: Db, scope: Scope, terms: readonly QueryTerm[]): Promise<string | null> {
  const raw = terms.map((t) => t.raw);
  const lexemes = await sql<{ word: string; lexemes: string[] }>`
    SELECT w.word, array(SELECT lexeme FROM unnest(to_tsvector('dutch', w.word))) AS lexemes FROM unnest(${raw}::text[]) AS w(word)`.execute(db);
  const byWord = new Map(lexemes.rows.map((r) => [r.word, r.lexemes]));
  const scopes = scopeTokens('postgres', scope);
  const parts = terms.map((t) => scopes.flatMap((s) => [
    ...(byWord.get(t.raw) ?? []).map((l) => tsLexeme(`${s}_${l}`)),
    ...prefixesFor(t).map((p) => tsLexeme(`${s}_${p}`, true)),
  ])).filter((alternatives) => alternatives.length > 0);
  return parts.length ? parts.map((alternatives) => `(${alternatives.join(' | ')})`).join(' & ') : null;
}

async function queryPostgres(db: Db, query: ItemQuery): Promise<FoundPage> {
  const scoped = await scopedQuery(db, query.scope, query.terms);
  if (!scoped) return { total: 0, counts: {}, items: [] };
  const terms = postgresTerms(query.terms);
  const typeFilter = query.type ? sql`WHERE type = ${query.type}` : sql``;
  // Weights {D, C, B, A}: a title (A) counts ten times a body (B).
  const result = await sql<{ counts: unknown; type: string | null; item_id: string | null; title: string | null; url: string | null; in_title: boolean | null; snippet: string | null }>`
    WITH hits AS MATERIALIZED (
      SELECT i.type, i.item_id, i.title, i.body, i.url,
        ts_filter(i.tsv, '{a}') @@ ${terms} AS in_title,
        ts_rank_cd('{0.1, 0.1, 0.1, 1.0}', i.tsv, ${terms}) AS rank
      FROM search_items i
      WHERE i.scoped @@ ${scoped}::tsquery AND ${tenantGuard(query.scope)}
    ),
    counts AS (SELECT coalesce(json_object_agg(type, n), '{}'::json) AS counts FROM (SELECT type, count(*) AS n FROM hits GROUP BY type) c),
    page AS (SELECT * FROM hits ${typeFilter} ORDER BY in_title DESC, rank DESC, title, item_id LIMIT ${query.limit} OFFSET ${query.offset})
    SELECT counts.counts, page.type, page.item_id, page.title, page.url, page.in_title,
      ts_headline('dutch', replace(replace(replace(page.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ${terms}, ${HEADLINE_OPTIONS}) AS snippet
    FROM counts LEFT JOIN page ON true
    ORDER BY page.in_title DESC, page.rank DESC, page.title, page.item_id`.execute(db);
  return pageOf(query, result.rows, (index) => headlineToHtml(result.rows[index]!.snippet ?? ''));
}

export async function queryItems(db: Db, query: ItemQuery): Promise<FoundPage> {
  if (query.terms.length === 0) return { total: 0, counts: {}, items: [] };
  return engineOf(db) === 'postgres' ? queryPostgres(db, query) : querySqlite(db, query);
}
