import type { CapabilityModule } from '../../platform/module.js';
import { registerPlacesApi } from './api.js';
import { placesMessages } from './messages.js';
import { registerPlacePolicies } from './policy.js';
import { registerPlacePages } from './routes.js';
import { placesMigrations } from './store.js';
import './area-section.js';
import './history-link.js';

/**
 * Public places (publieke plekken, third places): where people of a neighbourhood meet or could
 * meet — with location (assigned to its neighbourhood), opening times, cost, capacity,
 * accessibility, status and its history; residents' assessments on Oldenburg's eight qualities;
 * the evening-meeting search; a list and map per area; open data as JSON.
 */
export const placesModule: CapabilityModule = {
  name: 'places',
  migrations: placesMigrations,
  messages: placesMessages,
  registerPolicies: registerPlacePolicies,
  registerPages: registerPlacePages,
  registerApi: registerPlacesApi,
  nav: [{ path: '/plekken', labelKey: 'places.nav', order: 30 }],
};

export { placeActions, placesResource } from './policy.js';
export { registerPlaceSection, type PlaceSection } from './sections.js';
export { addPlace, editPlace, changePlaceStatus, assessPlace, placePath, placesPath } from './service.js';
export { findPlace, listPlaces, statusHistory, assessmentsOf, type Place, type Assessment, type StatusChange } from './store.js';
export {
  PLACE_TYPES, OWNER_TYPES, PLACE_STATUSES, THREAT_KINDS, QUALITIES, WEEKDAYS, ACCESSIBILITY, findMeetingPlaces, aggregateAssessments,
  type PlaceType, type OwnerType, type PlaceStatus, type ThreatKind, type Quality, type MeetingQuery, type MeetingMatch,
} from './model.js';
