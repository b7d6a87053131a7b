import type { CapabilityModule } from '../../platform/module.js';
import { partiesMessages } from './messages.js';
import { registerPartiesPolicies } from './policy.js';
import { registerPartiesApi, registerPartiesPages } from './routes.js';
import { partiesMigrations } from './store.js';
import './notifications.js';

/** People, organisations, memberships and role grants: who is who, and who may do what. */
export const partiesModule: CapabilityModule = {
  name: 'parties',
  migrations: partiesMigrations,
  messages: partiesMessages,
  registerPolicies: registerPartiesPolicies,
  registerPages: registerPartiesPages,
  registerApi: registerPartiesApi,
  nav: [{ path: '/organisaties', labelKey: 'nav.organisations', order: 30 }],
};

export { loadActor, findPersonByEmail, contactsOf } from './store.js';
export { addUser, addMember, createOrganisation, grantRole, register, login, erase } from './service.js';
export { organisationKinds, duties, hashPassword } from './model.js';
export type { OrganisationKind, Duty } from './model.js';
