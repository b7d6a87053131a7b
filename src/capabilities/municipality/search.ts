import type { Db } from '../../platform/db/connect.js';
import { registerSearchType, replaceItemsOf, type SearchItemInput } from '../../platform/search/index.js';
import type { PublicValueRow } from './store.js';

/** A municipality's public values are public items, found by their Dutch name and description; they are shown on its home page. */
function itemOf(value: PublicValueRow): SearchItemInput {
  return { type: 'publicValue', id: value.id, municipalityId: value.municipality_id, title: value.name_nl, body: value.description_nl, url: '/', language: 'nl' };
}

/** In the use case's transaction, after the municipality's public values changed: index them as they now are. */
export async function indexPublicValuesOf(tx: Db, municipalityId: string): Promise<void> {
  const values = await tx.selectFrom('public_values').selectAll().where('municipality_id', '=', municipalityId).execute();
  await replaceItemsOf(tx, 'publicValue', municipalityId, values.map(itemOf));
}

const BATCH = 1000;

registerSearchType({
  type: 'publicValue',
  labelKey: 'search.type.publicValue',
  async *reindex(db) {
    let after = '';
    for (;;) {
      const rows = await db.selectFrom('public_values').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (rows.length === 0) return;
      yield rows.map(itemOf);
      after = rows[rows.length - 1]!.id;
    }
  },
});
