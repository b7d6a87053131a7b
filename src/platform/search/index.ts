import type { CapabilityModule } from '../module.js';
import { everyone } from '../policy.js';
import { searchMessages } from './messages.js';
import { registerSearchApi, registerSearchPages, SEARCH_VIEW } from './routes.js';
import { searchMigrations } from './store.js';

/** Full-text search over public items: one search page and one API route per municipality (a platform service shaped as a module). */
export const searchModule: CapabilityModule = {
  name: 'search',
  migrations: searchMigrations,
  messages: searchMessages,
  registerPolicies(policy) {
    policy.registerAll({ [SEARCH_VIEW]: everyone });
  },
  registerPages: registerSearchPages,
  registerApi: registerSearchApi,
  nav: [{ path: '/zoeken', labelKey: 'nav.search', order: 80 }],
};

export {
  registerSearchType, searchTypes, indexItem, indexItems, removeItem, replaceItemsOf, reindexAll, ensureSearchIndex, markSearchIndexCurrent, search,
  SEARCH_INDEX_VERSION,
} from './service.js';
export type { SearchType, SearchInput, SearchResult, ReindexOptions } from './service.js';
export { SEARCH_MIGRATION, countItems } from './store.js';
export type { SearchItemInput, FoundItem, Scope } from './store.js';
export { parseQuery, normaliseText, stem, fold } from './normalise.js';
