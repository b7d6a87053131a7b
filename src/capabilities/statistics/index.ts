import type { CapabilityModule } from '../../platform/module.js';
import { statisticsMessages } from './messages.js';
import { registerStatisticsPolicies } from './policy.js';
import { DROP_SUPERSEDED_JOB } from './import-service.js';
import { dropSupersededDataset, statisticsMigrations } from './store.js';
import './comparisons.js';
import { registerStatisticsApi } from './api.js';
import { registerMapApi } from './map-api.js';
import { statisticsPageMessages } from './page-messages.js';
import { registerStatisticsPages } from './routes.js';
import './area-section.js';
import { indicesMessages } from './indices-messages.js';
import { registerIndexPages } from './indices-routes.js';
import { indicesMigrations } from './indices-store.js';

/**
 * Neighbourhood statistics: the indicator catalogue (CBS key figures, derived indicators, a
 * municipality's own), national and local values per (area, year, variable) with unknown kept
 * as unknown, the all-or-nothing imports of CBS and local files, comparisons computed at import
 * (ranks, percentiles, similar areas), the open-data API on them, an area's statistics page,
 * the indicator map, and composite indices (vitality, vulnerability) per neighbourhood.
 */
export const statisticsModule: CapabilityModule = {
  name: 'statistics',
  migrations: { ...statisticsMigrations, ...indicesMigrations },
  messages: {
    nl: { ...statisticsMessages.nl, ...statisticsPageMessages.nl, ...indicesMessages.nl },
    en: { ...statisticsMessages.en, ...statisticsPageMessages.en, ...indicesMessages.en },
  },
  registerPolicies: registerStatisticsPolicies,
  registerPages(app, platform) {
    registerStatisticsPages(app, platform);
    registerIndexPages(app, platform);
  },
  nav: [{ path: '/kaart', labelKey: 'statistics.map.link', order: 22 }, { path: '/indices', labelKey: 'indices.nav', order: 23 }],
  registerApi(api, platform) {
    registerStatisticsApi(api, platform);
    registerMapApi(api, platform);
  },
  registerJobs(platform) {
    platform.jobs.register(DROP_SUPERSEDED_JOB, async (payload) => {
      await dropSupersededDataset(platform.db, Number((payload as { datasetId: number }).datasetId));
    });
  },
};

export { statisticsActions } from './policy.js';
export { importStatistics, StatisticsImportError, registerPostImportStep, detectFormat } from './import-service.js';
export type { StatisticsImportFile, StatisticsImportProgress, ImportStatisticsOptions, StatisticsImportReport, PostImportStep } from './import-service.js';
export { addIndicator, catalogueFor, figuresOf, type Figure } from './service.js';
export { valuesOf, listStatisticImports, findStatisticImport, ownIndicators, type StoredValue, type StatisticImportRow } from './store.js';
export { CBS_SOURCE, CBS_VARIABLES, DERIVED_INDICATORS, NATIONAL_INDICATORS } from './catalogue.js';
export { evaluateIndicator, NETHERLANDS_CODE, THEMES, POLARITIES, UNITS } from './model.js';
export type { Indicator, Derivation, StatValue, UnknownReason, Theme, Polarity, Unit } from './model.js';
export { STATISTICS_FORMATS, describeParseError, type StatisticsFormat } from './parse/common.js';
export { areaStatistics, similarNeighbourhoods, indicatorAcrossAreas } from './area-statistics.js';
export { statisticsPath, mapPath } from './routes.js';
export type { AreaStatistics, IndicatorStatistics, Ranking, SimilarAreas, SimilarArea, StatisticsSource } from './area-statistics.js';
export { betterThanShare, advantage, isStrength, STRENGTH_MARGIN, STRUCTURE_VARIABLES } from './compare.js';
export { CBS_ATTRIBUTION, BOUNDARY_ATTRIBUTION, statisticsCsv } from './api.js';
export { indexScoresOf, indexDefinitionsOf, indexYears, computeIndex, saveIndex, type AreaIndexScores, type IndexComputation, type IndexDefinitionView } from './indices-service.js';
export { indicesPath } from './indices-routes.js';
export { SHIPPED_INDICES, type IndexDefinition, type AreaIndexScore, type PartScore, type ThemeScore } from './indices.js';
