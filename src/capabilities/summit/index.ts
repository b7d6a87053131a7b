import type { CapabilityModule } from '../../platform/module.js';
import { registerSummitApi } from './api.js';
import { registerSummitDayApi } from './day-api.js';
import { summitMessages } from './messages.js';
import { registerSummitPolicies } from './policy.js';
import { registerSummitPages } from './routes.js';
import { summitMigrations } from './store.js';
import './area-section.js';
import { summitDayMessages } from './day-messages.js';
import { registerSummitDayPages } from './day-routes.js';
import { summitDayMigrations } from './day-store.js';
import { registrationMessages } from './registration-messages.js';
import { registerRegistrationPages } from './registration-routes.js';
import { registerRegistrationApi } from './registration-api.js';
import { registrationMigrations } from './registration-store.js';
import { registerInvitationPages } from './invitation-routes.js';
import { invitationMigrations } from './invitation-store.js';
import './registration-privacy.js';
import { yearlyDayMigrations } from './yearly-day-store.js';
import { registerYearlyDayPages } from './yearly-day-routes.js';
import { registerYearlyDayApi } from './yearly-day-api.js';

/**
 * Preparing a BuurtTop (summit): a summit of a district or neighbourhood, organised by a resident
 * organisation or task group, on a day at a venue from the public places register; its
 * preparation plan of milestones; its thematic working groups with members, notes, questions,
 * information from the neighbourhood picture and a briefing for the day. Registration, the day
 * and the agenda build on this model (see model.ts).
 */
export const summitModule: CapabilityModule = {
  name: 'summit',
  migrations: { ...summitMigrations, ...summitDayMigrations, ...registrationMigrations, ...invitationMigrations, ...yearlyDayMigrations },
  messages: { nl: { ...summitMessages.nl, ...summitDayMessages.nl, ...registrationMessages.nl }, en: { ...summitMessages.en, ...summitDayMessages.en, ...registrationMessages.en } },
  registerPolicies: registerSummitPolicies,
  registerPages(app, platform) {
    registerSummitPages(app, platform);
    registerSummitDayPages(app, platform);
    registerRegistrationPages(app, platform);
    registerInvitationPages(app, platform);
    registerYearlyDayPages(app, platform);
  },
  registerApi(api, platform) {
    registerSummitApi(api, platform);
    registerSummitDayApi(api, platform);
    registerRegistrationApi(api, platform);
    registerYearlyDayApi(api, platform);
  },
  nav: [{ path: '/buurttops', labelKey: 'summit.nav', order: 40 }],
};

export { summitActions, summitResource } from './policy.js';
export {
  createSummit, editSummit, changeSummitStatus, addMilestone, editMilestone, markMilestoneDone, removeMilestone, addGroup, editGroup, writeBriefing, removeGroup,
  addGroupMember, removeGroupMember, addGroupLink, removeGroupLink, resourceOfSummit, summitPath, summitsPath, areaSummitsPath, groupPath, amsterdamInstant,
} from './service.js';
export { findSummit, listSummits, milestonesOf, groupsOf, membersOf, linksOf, statusChangesOf, type Summit, type Milestone, type WorkingGroup, type GroupMember, type GroupLink, type SummitStatusChange } from './store.js';
export {
  SUMMIT_STATUSES, STATUS_TRANSITIONS, DEFAULT_THEMES, DEFAULT_PLAN, LINK_KINDS, defaultPlan, milestoneStates, groupsArePublic, upcomingFirst, questionsOf,
  type SummitStatus, type LinkKind, type MilestoneState,
} from './model.js';
export { whenText } from './pages/summit.js';
export { registerSummitSection, type SummitSection } from './sections.js';
export { registerByHand, confirmRegistration, cancelRegistration, cancelByOrganiser } from './registration-service.js';
export { registrationsOf, registrationRecordOf, attendanceOf, type Registration } from './registration-store.js';
export { recordAttendance } from './attendance-service.js';
export { setYearlyDay, yearlyDayPath } from './yearly-day-service.js';
export { findYearlyDay, type YearlyDay } from './yearly-day-store.js';
export { eraseRegistrationsOfPastSummits } from './registration-privacy.js';
export { attendanceTotals } from './registration-model.js';
export {
  addRound, addTable, renewTableLink, captureAmbition, correctAmbition, recordConsent, addObjection, resolveObjection, setDots, setDotVoting, tableToken, dayPath, plenaryPath, outcomePath, tablePath,
} from './day-service.js';
export { roundsOf, tablesOf, ambitionsOf, detailsOf, dotVotingOf, type Ambition, type DayTable, type Round, type Objection } from './day-store.js';
export { consentState, plenaryOrder, HORIZONS, OBJECTION_RESOLUTIONS, type ConsentState, type ObjectionResolution } from './day-model.js';
