import { everyone, hasRole, isMember, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';
import { boardDuties } from '../parties/index.js';

/**
 * Who may do what with a BuurtTop (summit) and its preparation: the one place for these rules.
 *
 * - Everyone reads a summit's public page: title, day and times, venue, capacity, description,
 *   organiser, status with its history, the plan's milestones (title, due and done dates) and the
 *   working groups' names; once registration opens, also each group's questions, information
 *   links and briefing (`groupsArePublic` in model.ts).
 * - Organisers see and change everything, including who is in a group, its notes and the owners
 *   of milestones: the board of the organising organisation (chair, secretary, treasurer, board
 *   member, audit committee — `boardDuties`), every member of a task or working group that
 *   organises, and officials and administrators whose grant covers the summit's area.
 * - Starting a summit for an area: the same people, for an organisation they could organise it for
 *   (the resource lists the area's candidate organisers).
 *
 * The resource: `areaPath` (the area and its ancestors), `organisationPath` (organisations whose
 * board organises) and `groupPath` (task or working groups whose members organise).
 */
export const summitActions = {
  view: 'summit.view',
  create: 'summit.create',
  organise: 'summit.organise',
  /**
   * The day (day-service.ts): capturing and correcting ambitions at a table. Organisers, and
   * whoever opens that table's facilitator link — the resource says `tableLink: true` only when
   * the secret in the link is the table's (checked with the installation secret), so volunteers on
   * their phones need no account. Rounds, tables, the links, the plenary (consent, objections,
   * dots) are `organise`.
   */
  facilitate: 'summit.facilitate',
  /**
   * The municipality's yearly BuurtTop day (its date and text): a decision for the whole
   * municipality, so its officials and administrators — not an official of one district, nor the
   * organisers of one summit. The resource is `yearlyDayResource`.
   */
  setYearlyDay: 'summit.setYearlyDay',
} as const;

/** What setting the yearly BuurtTop day is judged on: the municipality as a whole. */
export function yearlyDayResource(municipalityId: string, municipalityCode: string): Resource {
  return { type: 'summitYearlyDay', municipalityId, areaPath: [municipalityCode] };
}

export function summitResource(municipalityId: string, areaPath: string[], organisers: { boards: string[]; groups: string[] }): Resource {
  return { type: 'summit', municipalityId, areaPath, organisationPath: [...organisers.boards, ...organisers.groups], groupPath: organisers.groups };
}

export const summitOrganisers = (actor: Actor, resource: Resource) => resource.municipalityId != null && (
  hasRole(actor, ['official', 'administrator'], resource)
  || ((resource.organisationPath ?? []).length > 0 && isMember(actor, resource, boardDuties))
  || isMember(actor, { ...resource, organisationPath: (resource.groupPath as string[] | undefined) ?? [] })
);

export function registerSummitPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [summitActions.view]: everyone,
    [summitActions.create]: summitOrganisers,
    [summitActions.organise]: summitOrganisers,
    [summitActions.facilitate]: (actor, resource) => resource.tableLink === true || summitOrganisers(actor, resource),
    [summitActions.setYearlyDay]: (actor, resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource),
  });
}
