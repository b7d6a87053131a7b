import type { CapabilityModule } from '../module.js';
import { everyone } from '../policy.js';
import { moderationMessages } from './messages.js';
import { registerModerationPages } from './routes.js';
import { moderationActions, moderationResource, moderators } from './service.js';
import { moderationMigrations } from './store.js';

/**
 * Moderation of public text written by residents (a platform service shaped as a module):
 * reports from anyone, the moderators' queue at /{slug}/beheer/moderatie, decisions to hide
 * (with a reason the author sees), dismiss or restore, each audited, with the history per item.
 */
export const moderationModule: CapabilityModule = {
  name: 'moderation',
  migrations: moderationMigrations,
  messages: moderationMessages,
  registerPolicies(policy) {
    policy.registerAll({
      [moderationActions.report]: everyone,
      [moderationActions.moderate]: moderators,
    });
  },
  registerPages: registerModerationPages,
  nav: [{
    path: '/beheer/moderatie',
    labelKey: 'nav.moderation',
    order: 88,
    visible: (ctx) => ctx.tenant !== null && ctx.platform.policy.can(ctx.actor, moderationActions.moderate, moderationResource(ctx.tenant.id)),
  }],
};

export {
  registerModeratedKind, moderatedKind, moderationStates, moderationState, moderators, moderationActions, moderationResource,
  forgetModeratedItems, report, reportFromAddress, hideItem, dismissReports, restoreItem, openReports, hiddenItems, reportsOf, decisionsOf,
  MODERATION_DECISION, MAX_REPORTS_PER_ADDRESS, REPORT_WINDOW_MINUTES, MAX_EXPLANATION,
} from './service.js';
export type { ModeratedKind, ModeratedItem, ModerationState } from './service.js';
export { renderModerated, reportLink, reportPath } from './render.js';
export { reportCategories, type ReportCategory } from './store.js';
