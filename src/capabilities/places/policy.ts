import { everyone, hasRole, isSelf, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';

/**
 * Who may do what with public places: the one place for these rules.
 *
 * - Everyone reads places, their history and their assessments.
 * - A person signed in with a verified address adds a place and assesses places.
 * - The person who added a place, the municipality's moderators and officials (and its
 *   administrators, with their second step) change it and record its status.
 */
export const placeActions = {
  view: 'places.view',
  add: 'places.add',
  assess: 'places.assess',
  edit: 'places.edit',
  changeStatus: 'places.changeStatus',
} as const;

export function placesResource(municipalityId: string, extra: Partial<Resource> = {}): Resource {
  return { type: 'place', municipalityId, ...extra };
}

const verifiedPerson = (actor: Actor, resource: Resource) => resource.municipalityId != null && actor.kind === 'person' && actor.emailVerified;

/** Its creator, or the municipality's moderators, officials and administrators. */
export const placeKeepers = (actor: Actor, resource: Resource) => resource.municipalityId != null
  && (isSelf(actor, resource) || hasRole(actor, ['moderator', 'official', 'administrator'], resource));

export function registerPlacePolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [placeActions.view]: everyone,
    [placeActions.add]: verifiedPerson,
    [placeActions.assess]: verifiedPerson,
    [placeActions.edit]: placeKeepers,
    [placeActions.changeStatus]: placeKeepers,
  });
}
