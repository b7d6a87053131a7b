import type { CapabilityModule } from '../module.js';
import { signedIn } from '../policy.js';
import { notificationMessages } from './messages.js';
import { registerNotificationApi, registerNotificationPages } from './routes.js';
import { registerNotificationJobs } from './service.js';
import { notificationMigrations } from './store.js';

/** In-app notifications, mail preferences, follows and the daily digest (a platform service shaped as a module). */
export const notificationsModule: CapabilityModule = {
  name: 'notifications',
  migrations: notificationMigrations,
  messages: notificationMessages,
  registerPolicies(policy) {
    policy.registerAll({
      'notifications.own': signedIn,
      'notifications.follow': signedIn,
      'notifications.preferences': signedIn,
    });
  },
  registerPages: registerNotificationPages,
  registerApi: registerNotificationApi,
  registerJobs: registerNotificationJobs,
  nav: [{ path: '/meldingen', labelKey: 'nav.notifications', order: 85, visible: (ctx) => ctx.actor.kind === 'person' }],
};

export {
  publishEvent, notifyPerson, registerNotificationKind, registerFollowTarget, eraseNotificationsOf, unsubscribeUrl,
  FANOUT_BATCH, DIGEST_BATCH, DIGEST_JOB, FANOUT_JOB,
} from './service.js';
export type { ItemEvent, NotificationKind, FollowTarget } from './service.js';
export { followButton } from './routes.js';
