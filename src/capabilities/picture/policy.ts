import { everyone, hasRole, isMember, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';
import { boardDuties } from '../parties/index.js';

/**
 * Who may do what with an area's neighbourhood picture: the one place for these rules.
 *
 * - Everyone reads the published versions (they are public, as the issue asks of everything public).
 * - Editors draft, publish and discard: officials and administrators whose grant covers the area,
 *   and the board of a resident organisation of the area (or of the district it lies in): the
 *   neighbourhood writes its own picture. The resource's organisationPath lists those organisations.
 */
export const pictureActions = {
  view: 'picture.view',
  edit: 'picture.edit',
} as const;

/** Kinds of organisation that speak for residents (the parties capability's resident organisations). */
export const RESIDENT_ORGANISATION_KINDS = ['association', 'foundation', 'informal_group', 'cooperative', 'platform'] as const;

export function pictureResource(municipalityId: string, areaPath: string[], residentOrganisations: string[] = []): Resource {
  return { type: 'picture', municipalityId, areaPath, organisationPath: residentOrganisations };
}

export const pictureEditors = (actor: Actor, resource: Resource) => resource.municipalityId != null
  && (hasRole(actor, ['official', 'administrator'], resource) || ((resource.organisationPath ?? []).length > 0 && isMember(actor, resource, boardDuties)));

export function registerPicturePolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [pictureActions.view]: everyone,
    [pictureActions.edit]: pictureEditors,
  });
}
