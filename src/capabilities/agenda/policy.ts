import { everyone, isMember, type Actor, type PolicyEngine, type Resource } from '../../platform/policy.js';
import { boardDuties } from '../parties/index.js';
import { summitOrganisers, summitResource } from '../summit/policy.js';

/**
 * Who may do what with a future agenda: the one place for these rules.
 *
 * - Everyone reads an agenda's published versions (the concept during and after its comment
 *   period, the adopted agenda), its distribution (who it was sent to, who answered, who did not)
 *   and its progress. Drafts, working-group members and institutions' addresses are for editors.
 * - Residents comment on the concept while the period is open (the platform's comments, which
 *   need a signed-in person with a verified address).
 * - The editorial team edits, opens the comment period, sends the agenda, records responses and
 *   progress: the same people who organise a summit for the area (`summitOrganisers`): the board
 *   of the organising resident organisation, the members of an organising task group, and the
 *   officials and administrators whose grant covers the area.
 * - Recording the adoption is the neighbourhood's: the organising organisation's board or task
 *   group, not an official — the agenda is the neighbourhood's own.
 *
 * The resource has the summit's shape: `areaPath`, `organisationPath` (boards and groups that
 * organise) and `groupPath` (task or working groups whose members organise).
 */
export const agendaActions = {
  view: 'agenda.view',
  edit: 'agenda.edit',
  adopt: 'agenda.adopt',
} as const;

export function agendaResource(municipalityId: string, areaPath: string[], organisers: { boards: string[]; groups: string[] }): Resource {
  return { ...summitResource(municipalityId, areaPath, organisers), type: 'agenda' };
}

/** The neighbourhood's own people among the organisers: the organising board or task group. */
export const neighbourhoodOrganisers = (actor: Actor, resource: Resource) => resource.municipalityId != null && (
  ((resource.organisationPath ?? []).length > 0 && isMember(actor, resource, boardDuties))
  || isMember(actor, { ...resource, organisationPath: (resource.groupPath as string[] | undefined) ?? [] })
);

export function registerAgendaPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [agendaActions.view]: everyone,
    [agendaActions.edit]: summitOrganisers,
    [agendaActions.adopt]: neighbourhoodOrganisers,
  });
}
