import type { CapabilityModule } from '../../platform/module.js';
import { partiesMessages } from './messages.js';
import { registerPartiesPolicies } from './policy.js';
import { registerPartiesApi, registerPartiesPages } from './routes.js';
import { partiesMigrations } from './store.js';
import { strongLoginMigrations } from './auth-store.js';
import { strongLoginMessages } from './auth-messages.js';
import { registerStrongLoginApi, registerStrongLoginPages } from './auth-routes.js';
import './notifications.js';
import './comments.js';
import './privacy.js';
import './strong-login-privacy.js';
import { registerMyDataPages } from './my-data.js';

/** People, organisations, memberships and role grants: who is who, and who may do what. */
export const partiesModule: CapabilityModule = {
  name: 'parties',
  migrations: { ...partiesMigrations, ...strongLoginMigrations },
  messages: { nl: { ...partiesMessages.nl, ...strongLoginMessages.nl }, en: { ...partiesMessages.en, ...strongLoginMessages.en } },
  registerPolicies: registerPartiesPolicies,
  registerPages(app, platform) {
    registerPartiesPages(app, platform);
    registerStrongLoginPages(app, platform);
    registerMyDataPages(app, platform);
  },
  registerApi(api, platform) {
    registerPartiesApi(api, platform);
    registerStrongLoginApi(api, platform);
  },
  nav: [{ path: '/organisaties', labelKey: 'nav.organisations', order: 30 }],
};

export { loadActor, findPersonByEmail, contactsOf, findOrganisation, listOrganisations } from './store.js';
export { addUser, addMember, createOrganisation, grantRole, register, login, erase } from './service.js';
export { organisationKinds, duties, boardDuties, hashPassword } from './model.js';
export type { OrganisationKind, Duty } from './model.js';
export { enableTotp, disableTotp, regenerateRecoveryCodes, resetSecondFactor, enrolmentFor, enrolmentWithSecret, TOTP_ISSUER } from './strong-login.js';
export { configureOidc } from './oidc-login.js';
