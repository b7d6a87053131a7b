import { everyone, hasRole, type PolicyEngine, type Resource } from '../../platform/policy.js';

export const areaActions = {
  view: 'areas.view',
  import: 'areas.import',
  viewImports: 'areas.viewImports',
  viewBudgetAreas: 'budgetAreas.view',
  defineBudgetAreas: 'budgetAreas.define',
} as const;

/** The national area register: it belongs to no municipality. */
export const installationResource: Resource = { type: 'areas', municipalityId: null };

/**
 * Areas are public. Only installation administrators (and the command line's system actor)
 * import boundaries; a municipality's officials and administrators define its budget areas.
 */
export function registerAreasPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [areaActions.view]: everyone,
    [areaActions.viewBudgetAreas]: everyone,
    [areaActions.import]: (actor) => hasRole(actor, ['administrator'], installationResource),
    [areaActions.viewImports]: (actor) => hasRole(actor, ['administrator'], installationResource),
    [areaActions.defineBudgetAreas]: (actor, resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource),
  });
}
