import type { CapabilityModule } from '../../platform/module.js';
import { registerAreasApi } from './api.js';
import { areasMessages } from './messages.js';
import { registerAreasPolicies } from './policy.js';
import { registerAreasPages } from './routes.js';
import { areasMigrations } from './store.js';
import './notifications.js';
import './comments.js';

/**
 * Areas through time: CBS municipalities, districts and neighbourhoods per division year, with
 * their boundaries (national, shared by every municipality), the boundary import, and each
 * municipality's budget areas (groups of its neighbourhoods).
 */
export const areasModule: CapabilityModule = {
  name: 'areas',
  migrations: areasMigrations,
  messages: areasMessages,
  registerPolicies: registerAreasPolicies,
  registerPages: registerAreasPages,
  registerApi: registerAreasApi,
  nav: [
    { path: '/gebieden', labelKey: 'nav.areas', order: 20 },
    { path: '/budgetgebieden', labelKey: 'nav.budgetAreas', order: 25 },
  ],
};

export { areaActions } from './policy.js';
export { importAreas, AreaImportError } from './import-service.js';
export type { AreaImportFile, AreaImportProgress, ImportAreasOptions } from './import-service.js';
export { defineBudgetArea, deleteBudgetArea, budgetAreasOf } from './service.js';
export {
  findArea, findAreaSummary, childrenOf, ancestorsOf, areasOfMunicipality, neighbourhoodsOf, yearsOfCode, yearsOfMunicipality,
  latestYear, divisionYears, municipalitiesOf, countAreas, listImports, findImport, summariesOf, summaryRowsQuery, latestSummaries, toSummary,
  type SummaryRow,
} from './store.js';
export { areaLabel, squareKilometres, describeBoundaryError, composeBudgetAreas } from './model.js';
export { areaTitle } from './pages/areas.js';
export { registerAreaSection, type AreaSection } from './sections.js';
export type { Area, AreaSummary, AreaImportReport, AreaImportCounts, BudgetArea, BudgetAreasView, BudgetAreaMember } from './model.js';
export { parseAreaCode, isAreaCode, areaPathOf, AREA_KINDS } from './codes.js';
export { tenantArea, tenantAreaFrom, areaOfRequest, areaCrumbs, type TenantArea } from './tenant-area.js';
export type { AreaKind, ParsedAreaCode } from './codes.js';
export type { AreaGeometry, BBox } from './geo.js';
export { areaMap, type MapShape } from './pages/map.js';
