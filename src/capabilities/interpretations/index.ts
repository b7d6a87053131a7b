import type { CapabilityModule } from '../../platform/module.js';
import { registerInterpretationsApi } from './api.js';
import { interpretationsMessages } from './messages.js';
import { registerInterpretationPolicies } from './policy.js';
import { registerInterpretationPages } from './routes.js';
import { interpretationsMigrations } from './store.js';
import './area-section.js';

/**
 * Interpretations (duiding): residents', professionals', officials' and council members' readings
 * of an area's figures — what is going well, what lies behind a figure, what it misses — shown
 * beside the figure with the writer's role and date, moderated like comments; and conversation
 * rounds (gespreksrondes), the sessions where figures were discussed. Open data as JSON and CSV.
 */
export const interpretationsModule: CapabilityModule = {
  name: 'interpretations',
  migrations: interpretationsMigrations,
  messages: interpretationsMessages,
  registerPolicies: registerInterpretationPolicies,
  registerPages: registerInterpretationPages,
  registerApi: registerInterpretationsApi,
};

export { interpretationActions, writingRolesOf, areaResource, roundRecorders } from './policy.js';
export {
  postInterpretation, editInterpretation, deleteInterpretation, recordConversationRound, interpretationsPath, interpretationAnchor, roundPath, roundsPath,
  INTERPRETATION_KIND,
} from './service.js';
export { interpretationsFor, interpretationsOfArea, interpretationsLinkedTo, isPublic, readingRowsQuery, readingsFromRows, type InterpretationView, type ReadingRow } from './read.js';
export { renderInterpretations, renderInterpretation, renderInterpretationList, newInterpretationPath, type InterpretationsOptions } from './render.js';
export { roundsOfArea, roundRowsQuery, roundOf, findRound, type ConversationRound, type ConversationRoundTable } from './store.js';
export {
  INTERPRETATION_KINDS, WRITING_ROLES, PARTICIPANT_GROUPS, EDIT_MINUTES, MAX_INTERPRETATION, WHOLE_AREA,
  type InterpretationKind, type WritingRole, type ParticipantGroup, type Participants, type FigureKey,
} from './model.js';
