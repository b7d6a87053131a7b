import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import { translator } from '../../platform/i18n/index.js';
import { indexItems, registerSearchType, type SearchItemInput } from '../../platform/search/index.js';
import type { AreaTable } from './store.js';

/**
 * Areas are national items, found by name and code. Each code is indexed once, as it is in its
 * latest division year; a municipality's search finds its own areas through their municipality code.
 */
type Indexed = Pick<AreaTable, 'code' | 'kind' | 'name' | 'municipality_code'>;

function itemOf(area: Indexed): SearchItemInput {
  const kind = translator('nl')(`areas.kind.${area.kind}`);
  return {
    type: 'area', id: area.code, municipalityId: null, municipalityCode: area.municipality_code,
    title: area.name ?? area.code, body: `${kind} ${area.code}`, url: `/gebieden/${area.code}`, language: 'nl',
  };
}

/** Named areas in the latest year in which they have a name and boundary; `codes` limits to those codes. */
async function latestAreas(db: Db, options: { codes?: readonly string[]; after?: string; limit?: number }): Promise<Indexed[]> {
  let query = db.selectFrom('areas as a').select(['a.code', 'a.kind', 'a.name', 'a.municipality_code'])
    .where('a.placeholder', '=', 0).where('a.name', 'is not', null)
    .where('a.division_year', '=', (eb) => eb.selectFrom('areas as b').select(sql<number>`max(b.division_year)`.as('y'))
      .whereRef('b.code', '=', 'a.code').where('b.placeholder', '=', 0).where('b.name', 'is not', null));
  if (options.codes) query = query.where('a.code', 'in', options.codes);
  if (options.after !== undefined) query = query.where('a.code', '>', options.after);
  query = query.orderBy('a.code');
  if (options.limit) query = query.limit(options.limit);
  return query.execute();
}

const BATCH = 1000;

/** After an import wrote these codes, in its transaction: index each as it now stands in its latest year. */
export async function indexAreas(tx: Db, codes: readonly string[]): Promise<void> {
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += BATCH) {
    await indexItems(tx, (await latestAreas(tx, { codes: unique.slice(i, i + BATCH) })).map(itemOf));
  }
}

registerSearchType({
  type: 'area',
  labelKey: 'search.type.area',
  async *reindex(db) {
    let after = '';
    for (;;) {
      const rows = await latestAreas(db, { after, limit: BATCH });
      if (rows.length === 0) return;
      yield rows.map(itemOf);
      after = rows[rows.length - 1]!.code;
    }
  },
});
