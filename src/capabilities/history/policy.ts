import { everyone, hasRole, isSelf, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';

/**
 * Who may do what with an area's timeline: the one place for these rules.
 *
 * - Everyone reads it (it is public, like the area).
 * - Anyone signed in with a verified address adds an entry (residents tell their neighbourhood's
 *   history; no role is needed, as for comments).
 * - Its author changes or deletes it for a while (`withinWindow`, see model.ts); moderators,
 *   officials and administrators whose grant covers the area always may (to correct, or to take
 *   down what does not belong). Hiding a text goes through the moderation queue as for comments.
 */
export const historyActions = {
  view: 'history.view',
  add: 'history.add',
  edit: 'history.edit',
  delete: 'history.delete',
} as const;

/** The resource a timeline (or one entry) is judged on. */
export function historyResource(municipalityId: string, areaPath: string[], extra: Partial<Resource> = {}): Resource {
  return { type: 'historyEntry', municipalityId, areaPath, ...extra };
}

export const historyStaff = (actor: Actor, resource: Resource) => resource.municipalityId != null && hasRole(actor, ['moderator', 'official', 'administrator'], resource);

const writers = (actor: Actor, resource: Resource) => resource.municipalityId != null && actor.kind === 'person' && actor.emailVerified;

/** The author within the edit window, or staff. */
const changers = (actor: Actor, resource: Resource) => historyStaff(actor, resource) || (isSelf(actor, resource) && resource.withinWindow === true && writers(actor, resource));

export function registerHistoryPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [historyActions.view]: everyone,
    [historyActions.add]: writers,
    [historyActions.edit]: changers,
    [historyActions.delete]: changers,
  });
}
