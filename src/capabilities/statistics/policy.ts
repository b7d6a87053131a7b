import { everyone, hasRole, type PolicyEngine, type Resource } from '../../platform/policy.js';

export const statisticsActions = {
  view: 'statistics.view',
  import: 'statistics.import',
  viewImports: 'statistics.viewImports',
  defineIndicator: 'statistics.defineIndicator',
  editIndex: 'indices.edit',
} as const;

/** National statistics (CBS key figures) belong to no municipality. */
export const nationalStatistics: Resource = { type: 'statistics', municipalityId: null };

export function statisticsResource(municipalityId: string | null): Resource {
  return { type: 'statistics', municipalityId };
}

/**
 * Figures are public. National data is imported by installation administrators (and the command
 * line's system actor); a municipality's own data and indicators by its officials and
 * administrators, and never land in another municipality.
 */
const mayChange = (resource: Resource) => (resource.municipalityId == null ? ['administrator'] as const : ['official', 'administrator'] as const);

export function registerStatisticsPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [statisticsActions.view]: everyone,
    [statisticsActions.import]: (actor, resource) => hasRole(actor, mayChange(resource), resource),
    [statisticsActions.viewImports]: (actor, resource) => hasRole(actor, mayChange(resource), resource),
    [statisticsActions.defineIndicator]: (actor, resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource),
    // A municipality's composite indices (indices.ts): its officials and administrators.
    [statisticsActions.editIndex]: (actor, resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource),
  });
}
