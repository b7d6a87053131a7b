import type { CapabilityModule } from '../../platform/module.js';
import { registerMoneyFlowsApi } from './api.js';
import { moneyFlowsMessages } from './messages.js';
import { registerMoneyFlowPolicies } from './policy.js';
import { registerMoneyFlowPages } from './routes.js';
import { moneyFlowsMigrations } from './store.js';
import './area-section.js';

/**
 * Money flowing through an area: per area and year the public money that passes through it, by
 * funding source (Wmo, Youth Act, Participation Act, health insurance, long-term care, housing
 * corporations, municipal subsidies, other) to purposes and organisations, in integer cents, with
 * how each figure was made and how sure it is. A flow diagram with its table, totals and per
 * resident, a "what if" share for the neighbourhood budget, entry by officials, an all-or-nothing
 * CSV import and open data, among it the CSV export in the import's own columns (importing it again
 * changes nothing).
 */
export const moneyFlowsModule: CapabilityModule = {
  name: 'money-flows',
  migrations: moneyFlowsMigrations,
  messages: moneyFlowsMessages,
  registerPolicies: registerMoneyFlowPolicies,
  registerPages: registerMoneyFlowPages,
  registerApi: registerMoneyFlowsApi,
};

export { moneyFlowActions, moneyFlowResource } from './policy.js';
export { recordMoneyFlow, changeMoneyFlow, deleteMoneyFlow, importMoneyFlows, moneyFlowsPath, exportPath as moneyFlowsExportPath } from './service.js';
export { areaMoney, residentsOf, type AreaMoney, type Residents } from './read.js';
export { flowsOf, flowYears } from './store.js';
export { euros } from './pages/format.js';
export { sankeyFigure, type SankeyFlow } from './pages/sankey.js';
export {
  FUNDING_SOURCES, CERTAINTIES, parseEuros, parseShare, redirect, perResident, totalsBySource, type FundingSource, type Certainty, type MoneyFlow, type Redirection,
} from './model.js';
