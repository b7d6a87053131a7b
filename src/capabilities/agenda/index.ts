import type { CapabilityModule } from '../../platform/module.js';
import { agendaMessages } from './messages.js';
import { publicationMessages } from './publication-messages.js';
import { registerAgendaPage } from './agenda-routes.js';
import { registerPublicationPages } from './publication-routes.js';
import { registerDistributionPages } from './distribution-routes.js';
import { registerDistributionApi } from './distribution-api.js';
import { editorMessages } from './editor-messages.js';
import { registerEditorPages } from './editor-routes.js';
import { registerVersionPages } from './versions-routes.js';
import './editor-area-section.js';
import './editor-summit-section.js';
import { registerAgendaApi } from './api.js';
import { registerAgendaPolicies } from './policy.js';
import { agendaMigrations } from './store.js';
import { followUpMessages } from './follow-up-messages.js';
import { followUpMigrations } from './follow-up-store.js';
import { registerFollowUpPages } from './follow-up-routes.js';
import { registerFollowUpApi } from './follow-up-api.js';
import './follow-up-summit-section.js';

/**
 * The neighbourhood's future agenda (wijktoekomstagenda), from the BuurtTop to the years after:
 * drafting by an editorial team, versions with their difference, a comment period for every
 * resident, adoption, publication (page, print, PDF, A4 folder), sending it to institutions with
 * their responses — and their silence — recorded, and follow-up per ambition over the years.
 * See model.ts for the structure and life of an agenda, policy.ts for who may do what.
 */
export const agendaModule: CapabilityModule = {
  name: 'agenda',
  migrations: { ...agendaMigrations, ...followUpMigrations },
  messages: {
    nl: { ...agendaMessages.nl, ...publicationMessages.nl, ...editorMessages.nl, ...followUpMessages.nl },
    en: { ...agendaMessages.en, ...publicationMessages.en, ...editorMessages.en, ...followUpMessages.en },
  },
  registerPolicies: registerAgendaPolicies,
  registerPages(app, platform) {
    registerEditorPages(app, platform);
    registerVersionPages(app, platform);
    registerAgendaPage(app, platform);
    registerPublicationPages(app, platform);
    registerDistributionPages(app, platform);
    registerFollowUpPages(app, platform);
  },
  registerApi(api, platform) {
    registerDistributionApi(api, platform);
    registerAgendaApi(api, platform);
    registerFollowUpApi(api, platform);
  },
  nav: [{ path: '/wijkagendas', labelKey: 'agenda.nav', order: 45 }],
};

export { agendaActions, agendaResource } from './policy.js';
export { resourceOfAgenda, agendaAndResource } from './access.js';
export * from './paths.js';
export {
  findAgenda, listAgendas, themesOf, agendaAmbitionsOf, findAgendaAmbition, recipientsOf, responsesOf, agendaMembersOf, progressOf,
  type Agenda, type Recipient, type AgendaResponse, type Member, type ProgressUpdate,
} from './store.js';
export * from './model.js';
export { renderAgendaSection, agendaShownSections, agendaPrintSections, themesOfVersion, contentLabels, valueName, type AgendaSectionOptions } from './render.js';
export {
  createAgenda, editAgenda, addTheme, renameTheme, moveTheme, removeTheme, addAmbition, editAmbition, moveAmbition, removeAmbition, openComments, adoptAgenda,
  currentContent, areaAgendaResource, agendaToday, AGENDA_KIND, AGENDA_ENTITY,
} from './service.js';
export {
  addAmbitionMember, removeAmbitionMember, addProgress, correctProgress, carryOver, carryOverState, openAmbitionsOf, previousAgendaOf,
} from './follow-up-service.js';
export { carryOverButton } from './follow-up-routes.js';
export { agendaProgressOf, continuationsOf, continuedIn, correctionsOf, type AgendaProgress, type AmbitionProgress, type Continuation, type ProgressCorrection } from './follow-up-store.js';
export { statusOn, statusInYear, progressYears, statusTotals, isOpen } from './follow-up-model.js';
