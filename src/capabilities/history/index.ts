import type { CapabilityModule } from '../../platform/module.js';
import { registerHistoryApi } from './api.js';
import { historyMessages } from './messages.js';
import { registerHistoryPolicies } from './policy.js';
import { registerHistoryPages } from './routes.js';
import { historyMigrations } from './store.js';
import './area-section.js';

/**
 * History and tensions: a timeline per area — events, shifts in population and housing,
 * conflicts and tensions, closures and openings — each with when it happened (a day, a month, a
 * year, circa a year or a period), its story and its sources, optionally referring to places and
 * actors by id. Residents add to it; moderated like comments; open data as JSON.
 */
export const historyModule: CapabilityModule = {
  name: 'history',
  migrations: historyMigrations,
  messages: historyMessages,
  registerPolicies: registerHistoryPolicies,
  registerPages: registerHistoryPages,
  registerApi: registerHistoryApi,
};

export { historyActions, historyResource } from './policy.js';
export { addHistoryEntry, editHistoryEntry, deleteHistoryEntry, historyPath, entryPath, HISTORY_KIND } from './service.js';
export { entriesOfArea, entriesReferringTo, findEntry, type HistoryEntry } from './store.js';
export { registerHistoryReferenceKind, type HistoryReferenceKind } from './references.js';
export { whenLabel } from './pages/history.js';
export {
  HISTORY_KINDS, DATE_PRECISIONS, EDIT_HOURS, parseWhen, sortKey, type HistoryKind, type DatePrecision, type When, type Source, type Reference, type ReferenceType,
} from './model.js';
