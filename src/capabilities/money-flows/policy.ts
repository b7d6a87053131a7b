import { everyone, hasRole, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';

/**
 * Who may do what with money flows: everyone reads them (public money is open by default); the
 * municipality's officials and administrators enter, change and delete them for areas their grant
 * covers, and import a file for the whole municipality (a municipality-wide grant).
 */
export const moneyFlowActions = {
  view: 'moneyFlows.view',
  edit: 'moneyFlows.edit',
  import: 'moneyFlows.import',
} as const;

export function moneyFlowResource(municipalityId: string, areaPath: string[] = []): Resource {
  return { type: 'moneyFlow', municipalityId, areaPath };
}

const officials = (actor: Actor, resource: Resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource);

export function registerMoneyFlowPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [moneyFlowActions.view]: everyone,
    [moneyFlowActions.edit]: officials,
    [moneyFlowActions.import]: officials,
  });
}
