import { administrators, everyone, hasRole, type PolicyEngine, type Rule } from '../../platform/policy.js';

/**
 * Who may do what with a municipality. Resources carry the municipality's id, so an
 * administrator of one municipality is refused everything of another; an installation
 * administrator (grant with scope "installation", or the command line) may act everywhere.
 */
export const installationAdministrators: Rule = (actor) => hasRole(actor, ['administrator'], { type: 'installation', municipalityId: null });

export const municipalityActions = {
  view: 'municipality.view',
  admin: 'municipality.admin',
  settings: 'municipality.settings',
  publicValues: 'municipality.publicValues',
  /** Edit, publish and discard drafts of the house rules for contributions (reading them is `view`). */
  houseRules: 'municipality.houseRules',
  audit: 'municipality.audit',
  create: 'municipality.create',
  list: 'municipality.list',
} as const;

export function registerMunicipalityPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [municipalityActions.view]: everyone,
    [municipalityActions.list]: everyone,
    [municipalityActions.admin]: administrators,
    [municipalityActions.settings]: administrators,
    [municipalityActions.publicValues]: administrators,
    [municipalityActions.houseRules]: administrators,
    // Resource without a municipality (the installation-wide log): only installation administrators.
    [municipalityActions.audit]: administrators,
    [municipalityActions.create]: installationAdministrators,
  });
}
