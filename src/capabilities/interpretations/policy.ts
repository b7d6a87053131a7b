import { everyone, hasRole, isMember, isSelf, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';
import { boardDuties } from '../parties/index.js';
import { WRITING_ROLES, type WritingRole } from './model.js';

/**
 * Who may do what with interpretations and conversation rounds: the one place for these rules.
 *
 * - Everyone reads them (they are public, like the figures).
 * - A person with a verified address writes an interpretation of an area in a role they hold for
 *   it: a grant as resident, professional, official or council member whose scope covers the area
 *   (the municipality, the area or one of its ancestors). They choose among those roles.
 * - Its author changes it (for a short while, see model.ts) or deletes it.
 * - Officials, professionals and the board members of an organisation of the municipality record
 *   conversation rounds (as do its administrators).
 */
export const interpretationActions = {
  view: 'interpretations.view',
  post: 'interpretations.post',
  edit: 'interpretations.edit',
  delete: 'interpretations.delete',
  recordRound: 'conversationRounds.record',
} as const;

/** The resource an interpretation of an area is judged on. */
export function areaResource(municipalityId: string, areaPath: string[], extra: Partial<Resource> = {}): Resource {
  return { type: 'interpretation', municipalityId, areaPath, ...extra };
}

/** The roles this person may write in for the area of the resource, in a fixed order. */
export function writingRolesOf(actor: Actor, resource: Resource): WritingRole[] {
  if (actor.kind !== 'person' || !actor.emailVerified) return [];
  return WRITING_ROLES.filter((role) => hasRole(actor, [role], resource));
}

const writers = (actor: Actor, resource: Resource) => writingRolesOf(actor, resource).length > 0;

/** Board members of any organisation of the resource's municipality (isMember applies the second-factor rule for treasurers). */
function boardMember(actor: Actor, resource: Resource): boolean {
  if (actor.kind !== 'person' || resource.municipalityId == null) return false;
  const organisations = actor.memberships.filter((m) => m.municipalityId === resource.municipalityId).map((m) => m.organisationId);
  return isMember(actor, { type: 'organisation', organisationPath: organisations }, boardDuties);
}

export const roundRecorders = (actor: Actor, resource: Resource) => resource.municipalityId != null
  && (hasRole(actor, ['official', 'professional', 'administrator'], resource) || boardMember(actor, resource));

export function registerInterpretationPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [interpretationActions.view]: everyone,
    [interpretationActions.post]: writers,
    [interpretationActions.edit]: isSelf,
    [interpretationActions.delete]: isSelf,
    [interpretationActions.recordRound]: roundRecorders,
  });
}
