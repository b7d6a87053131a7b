import type { CapabilityModule } from '../../platform/module.js';
import { municipalityMessages } from './messages.js';
import { municipalityActions, registerMunicipalityPolicies } from './policy.js';
import { registerHouseRulesPages } from './house-rules-routes.js';
import { registerMunicipalityApi, registerMunicipalityPages } from './routes.js';

/**
 * The municipality itself: its home page, its settings (name, colours, logo), its public values,
 * its administration and audit log, its house rules for contributions (a versioned document with
 * print page and PDF), and adding municipalities to the installation.
 */
export const municipalityModule: CapabilityModule = {
  name: 'municipality',
  messages: municipalityMessages,
  registerPolicies: registerMunicipalityPolicies,
  registerPages(app, platform) {
    registerMunicipalityPages(app, platform);
    registerHouseRulesPages(app, platform);
  },
  registerApi: registerMunicipalityApi,
  nav: [{
    path: '/beheer',
    labelKey: 'nav.admin',
    order: 90,
    visible: (ctx) => ctx.tenant !== null && ctx.platform.policy.can(ctx.actor, municipalityActions.admin, { type: 'municipality', municipalityId: ctx.tenant.id }),
  }],
};

export { municipalityActions } from './policy.js';
export {
  createMunicipality, updateSettings, uploadLogo, removeLogo,
  addPublicValue, updatePublicValue, movePublicValue, removePublicValue,
} from './service.js';
export { HOUSE_RULES_KIND, houseRulesOf, saveHouseRulesDraft, publishHouseRules, discardHouseRulesDraft } from './house-rules.js';
export { listPublicValues, findPublicValue, listMunicipalities, findMunicipality, readAuditPage } from './store.js';
export type { PublicValueRow, MunicipalityRow, AuditQuery, AuditPage } from './store.js';
export { logoTypes, hasEnoughContrast, contrastAgainstWhite, isReservedSlug, auditDiff, LOGO_MAX_BYTES, MAX_PUBLIC_VALUES } from './model.js';
export type { LogoType, DiffRow } from './model.js';
export { valueName, valueDescription } from './pages/home.js';
