import type { CapabilityModule } from '../../platform/module.js';
import { registerSurveyApi } from './api.js';
import { surveyMessages } from './messages.js';
import { registerSurveyPolicies } from './policy.js';
import { registerSurveyPages } from './routes.js';
import { surveyMigrations } from './store.js';
import './privacy.js';

/**
 * The resident survey ("buurtmonitor", the subjective half of the neighbourhood picture): a
 * standing short survey per municipality on five-point scales, answered without an account
 * (an e-mail link or a postal code with a letter code; once per period), results per
 * neighbourhood from a minimum number of responses, response counts by age against the
 * residents, and the scores as the municipality's own indicators in the statistics catalogue.
 */
export const surveyModule: CapabilityModule = {
  name: 'survey',
  migrations: surveyMigrations,
  messages: surveyMessages,
  registerPolicies: registerSurveyPolicies,
  registerPages: registerSurveyPages,
  registerApi: registerSurveyApi,
  nav: [{ path: '/buurtmonitor', labelKey: 'nav.survey', order: 35 }],
};

export { surveyActions } from './policy.js';
export { surveyIndicators, areaResults, surveyOverview, type SurveyIndicatorValue, type AreaResults, type SurveyOverview } from './results.js';
export { publishPeriod, SURVEY_SOURCE } from './publish.js';
export {
  addQuestion, editQuestion, retireQuestion, adoptDefaultQuestions, setMinimum, openPeriod, closePeriod, generateLetterCodes, requestLink, submitResponse,
  checkGuard, type Guard,
} from './service.js';
export { DEFAULT_QUESTIONS, DEFAULT_MIN_RESPONSES, AGE_GROUPS, questionResult, type Question, type AgeGroup } from './model.js';
