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
 * - Officials, professionals and administrators record conversation rounds in their area; the
 *   board members of an organisation record the rounds it organised.
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

/** Officials, professionals and administrators whose grant covers the area record any round there. */
export const roundStaff = (actor: Actor, resource: Resource) => resource.municipalityId != null && hasRole(actor, ['official', 'professional', 'administrator'], resource);

/**
 * Who records a round: staff (above), or a board member of the organisation that organised it
 * (the resource's organisationPath: the organiser and its parent). isMember applies the
 * second-factor rule for treasurers.
 */
export const roundRecorders = (actor: Actor, resource: Resource) => roundStaff(actor, resource)
  || (resource.municipalityId != null && (resource.organisationPath ?? []).length > 0 && isMember(actor, resource, boardDuties));

/** The organisations of this municipality the person sits on the board of (to offer the round form). */
export function boardOrganisations(actor: Actor, municipalityId: string): string[] {
  if (actor.kind !== 'person') return [];
  const ids = actor.memberships.filter((m) => m.municipalityId === municipalityId).map((m) => m.organisationId);
  return ids.filter((id) => isMember(actor, { type: 'organisation', organisationPath: [id] }, boardDuties));
}

export function registerInterpretationPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [interpretationActions.view]: everyone,
    [interpretationActions.post]: writers,
    [interpretationActions.edit]: isSelf,
    [interpretationActions.delete]: isSelf,
    [interpretationActions.recordRound]: roundRecorders,
  });
}
