import type { Db } from '../../platform/db/connect.js';
import { translator } from '../../platform/i18n/index.js';
import { indexItem, registerSearchType, type SearchItemInput } from '../../platform/search/index.js';
import type { OrganisationTable } from './store.js';

/** Organisations are public items: found by name, description and kind. */
type Indexed = Pick<OrganisationTable, 'id' | 'municipality_id' | 'kind' | 'name' | 'description'>;

function itemOf(org: Indexed): SearchItemInput {
  const kind = translator('nl')(`parties.kind.${org.kind}`);
  return {
    type: 'organisation', id: org.id, municipalityId: org.municipality_id, title: org.name,
    body: [org.description ?? '', kind].filter(Boolean).join('\n'), url: `/organisaties/${org.id}`, language: 'nl',
  };
}

/** In the use case's transaction, after the organisation was written. */
export async function indexOrganisation(tx: Db, org: Indexed): Promise<void> {
  await indexItem(tx, itemOf(org));
}

const BATCH = 1000;

registerSearchType({
  type: 'organisation',
  labelKey: 'search.type.organisation',
  async *reindex(db) {
    let after = '';
    for (;;) {
      const rows = await db.selectFrom('organisations').select(['id', 'municipality_id', 'kind', 'name', 'description'])
        .where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (rows.length === 0) return;
      yield rows.map(itemOf);
      after = rows[rows.length - 1]!.id;
    }
  },
});
