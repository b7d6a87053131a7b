import { everyone, hasRole, isSelf, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';

/**
 * Who may do what with an area's ecosystem: the one place for these rules.
 *
 * - Everyone reads it (key people only with consent: the store never returns the others).
 * - A signed-in person with a verified address and a role for the area (resident, professional,
 *   official, moderator or administrator, with a grant whose scope covers the area) adds actors,
 *   key people (recording their consent), relations and assessments of the eight elements.
 * - Officials, moderators and administrators of the area edit and remove actors and relations.
 * - Consent is withdrawn by them, or by the person who recorded it (the key person asks them).
 * - Whoever added a relation may change or remove it again (changing it once a moderator hid it
 *   is left to the editors: the use case says so).
 */
export const ecosystemActions = {
  view: 'ecosystem.view',
  add: 'ecosystem.add',
  edit: 'ecosystem.edit',
  withdrawConsent: 'ecosystem.withdrawConsent',
  editRelation: 'ecosystem.editRelation',
  removeRelation: 'ecosystem.removeRelation',
  assess: 'ecosystem.assess',
} as const;

/** The resource an area's ecosystem is judged on; `ownerId`: who recorded the consent or added the relation. */
export function ecosystemResource(municipalityId: string, areaPath: string[], extra: Partial<Resource> = {}): Resource {
  return { type: 'ecosystem', municipalityId, areaPath, ...extra };
}

export const contributors = (actor: Actor, resource: Resource) => actor.kind === 'person' && actor.emailVerified && resource.municipalityId != null
  && hasRole(actor, ['resident', 'professional', 'official', 'moderator', 'administrator'], resource);

export const editors = (actor: Actor, resource: Resource) => resource.municipalityId != null && hasRole(actor, ['official', 'moderator', 'administrator'], resource);

/** Who keeps a relation: the area's editors, and the contributor who added it. */
const relationKeepers = (actor: Actor, resource: Resource) => editors(actor, resource) || (contributors(actor, resource) && isSelf(actor, resource));

export function registerEcosystemPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [ecosystemActions.view]: everyone,
    [ecosystemActions.add]: contributors,
    [ecosystemActions.assess]: contributors,
    [ecosystemActions.edit]: editors,
    [ecosystemActions.withdrawConsent]: (actor, resource) => editors(actor, resource) || isSelf(actor, resource),
    [ecosystemActions.editRelation]: relationKeepers,
    [ecosystemActions.removeRelation]: relationKeepers,
  });
}
