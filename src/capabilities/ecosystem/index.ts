import type { CapabilityModule } from '../../platform/module.js';
import { registerEcosystemApi } from './api.js';
import { ecosystemMessages } from './messages.js';
import { registerEcosystemPolicies } from './policy.js';
import { registerEcosystemPages } from './routes.js';
import { ecosystemMigrations } from './store.js';
import './area-section.js';
import './history-link.js';
import './moderation.js';
import './place-section.js';

/**
 * The social ecosystem of an area: its actors (initiatives, organisations, clubs, informal
 * structures, enterprises, entrepreneurs, professional services, and key people only with their
 * recorded consent), the relations between them, the network view explained in plain language
 * (metrics from network.ts), and assessments of the eight elements of a social-basis ecosystem.
 * Actors and relations are residents' text, moderated like all such text (moderation.ts); a place's
 * page lists who uses it (place-section.ts).
 */
export const ecosystemModule: CapabilityModule = {
  name: 'ecosystem',
  migrations: ecosystemMigrations,
  messages: ecosystemMessages,
  registerPolicies: registerEcosystemPolicies,
  registerPages: registerEcosystemPages,
  registerApi: registerEcosystemApi,
};

export { ecosystemActions } from './policy.js';
export { addActor, addKeyPerson, editActor, removeActor, withdrawConsent, addRelation, editRelation, removeRelation, assessElement, ecosystemPath, actorPath, elementsPath } from './service.js';
export { ecosystemOf, assessmentsOf, findActor } from './store.js';
export { ecosystemView, residentsOf, type EcosystemView } from './read.js';
export { networkMetrics, type NetworkMetrics, type NetworkInput } from './network.js';
export { ACTOR_KINDS, RELATION_KINDS, ELEMENTS, CONSENT_METHODS, type Actor, type Relation, type Assessment, type ActorKind, type RelationKind, type Element } from './model.js';
