import { everyone, hasRole, type PolicyEngine, type Resource } from '../../platform/policy.js';

export const surveyActions = {
  /** Read the survey and its results (results themselves are held back below the minimum). */
  view: 'survey.view',
  /** Ask for an e-mail link and answer: anyone, without an account. */
  respond: 'survey.respond',
  /** Questions, periods, the minimum, letter codes and publishing to the catalogue. */
  manage: 'survey.manage',
} as const;

export function surveyResource(municipalityId: string): Resource {
  return { type: 'survey', municipalityId };
}

/**
 * The survey is public and answered without an account; it is run by the municipality's
 * officials and administrators (an administrator with the second factor), never by another
 * municipality's.
 */
export function registerSurveyPolicies(policy: PolicyEngine): void {
  policy.registerAll({
    [surveyActions.view]: everyone,
    [surveyActions.respond]: (_actor, resource) => resource.municipalityId != null,
    [surveyActions.manage]: (actor, resource) => resource.municipalityId != null && hasRole(actor, ['official', 'administrator'], resource),
  });
}
