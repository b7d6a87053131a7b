import { calendarAttachment, calendarUid, mailboxAddress, type CalendarEventStatus } from '../../platform/calendar.js';
import type { Context, Platform } from '../../platform/context.js';
import { translator, type Locale } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail-template.js';
import { queueMail, type OutgoingAttachment } from '../../platform/outbox.js';
import type { Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { whenText } from './pages/summit.js';
import { CONFIRM_HOURS } from './registration-model.js';
import { summitPath } from './service.js';
import type { Summit } from './store.js';

/**
 * The mails of registering: the confirmation link, the place (with a calendar file and the cancel
 * link), the waiting list, moving up from it (with the calendar file), and the cancellation (the
 * same calendar UID, a higher SEQUENCE, STATUS:CANCELLED). In the language the person registered in.
 */
export interface Addressee {
  id: string;
  name: string;
  email: string;
  locale: string;
  calendarSequence: number;
}

export const summitUrl = (platform: Platform, tenant: Tenant, summit: Summit) => `${platform.config.publicUrl}${summitPath(tenant.slug, summit.id)}`;
export const confirmUrl = (platform: Platform, tenant: Tenant, summit: Summit, token: string) => `${summitUrl(platform, tenant, summit)}/aanmelding/bevestigen?sleutel=${token}`;
export const cancelUrl = (platform: Platform, tenant: Tenant, summit: Summit, token: string) => `${summitUrl(platform, tenant, summit)}/aanmelding/annuleren?sleutel=${token}`;

const localeOf = (who: Addressee): Locale => (who.locale === 'en' ? 'en' : 'nl');
/** The day and times in the reader's language (only the locale of a context matters there). */
const whenIn = (locale: Locale, summit: Summit) => whenText({ locale } as Context, summit);

/** The summit as a calendar file for this registration (or, without one, the summit's own UID for invitations) (its own UID, so cancelling touches only this copy). */
export function summitCalendar(platform: Platform, tenant: Tenant, summit: Summit, who: Pick<Addressee, 'id' | 'calendarSequence'> | null, status: CalendarEventStatus): OutgoingAttachment {
  const host = new URL(platform.config.publicUrl).hostname;
  return calendarAttachment('buurttop.ics', {
    uid: calendarUid(who ? ['summit', summit.id, who.id] : ['summit', summit.id], host), sequence: who?.calendarSequence ?? 0, status,
    start: new Date(summit.startsAt), end: new Date(summit.endsAt), summary: summit.title,
    location: summit.placeName ?? undefined, description: summit.description ?? undefined, url: summitUrl(platform, tenant, summit),
    organizer: { name: tenant.name, email: mailboxAddress(platform.config.mailFrom) },
  });
}

function send(tx: Tx, tenant: Tenant, who: Addressee, mail: ReturnType<typeof composeMail>, attachments?: OutgoingAttachment[]) {
  return queueMail(tx, { to: who.email, ...mail, municipalityId: tenant.id, attachments });
}

/** "Follow this link to confirm" (48 hours). */
export function queueConfirmLink(tx: Tx, platform: Platform, tenant: Tenant, summit: Summit, who: Addressee, token: string) {
  const locale = localeOf(who);
  const t = translator(locale);
  const when = whenIn(locale, summit);
  return send(tx, tenant, who, composeMail(t, {
    locale, subject: t('summit.registration.mail.link.subject', { title: summit.title }),
    paragraphs: [t('summit.registration.mail.link.body', { name: who.name, title: summit.title, when, place: summit.placeName ?? t('summit.noPlace') })],
    action: { label: t('summit.registration.mail.link.action'), url: confirmUrl(platform, tenant, summit, token) },
    after: [t('summit.registration.mail.link.after', { hours: CONFIRM_HOURS })],
  }));
}

/** A place (`confirmed`, or `movedUp` from the waiting list) with the calendar file, or the waiting list; both with the cancel link. */
export function queuePlaceMail(tx: Tx, platform: Platform, tenant: Tenant, summit: Summit, who: Addressee, kind: 'confirmed' | 'waiting' | 'movedUp', cancelToken: string) {
  const locale = localeOf(who);
  const t = translator(locale);
  const when = whenIn(locale, summit);
  const params = { name: who.name, title: summit.title, when, place: summit.placeName ?? t('summit.noPlace') };
  return send(tx, tenant, who, composeMail(t, {
    locale, subject: t(`summit.registration.mail.${kind}.subject`, { title: summit.title }),
    paragraphs: [t(`summit.registration.mail.${kind}.body`, params), t('summit.registration.mail.page', { url: summitUrl(platform, tenant, summit) })],
    action: { label: t('summit.registration.mail.cancel.action'), url: cancelUrl(platform, tenant, summit, cancelToken) },
    after: [t(kind === 'waiting' ? 'summit.registration.mail.waiting.after' : 'summit.registration.mail.calendar')],
  }), kind === 'waiting' ? undefined : [summitCalendar(platform, tenant, summit, who, 'CONFIRMED')]);
}

/** The cancellation; with a cancelling calendar file when a place (and so a file) had been sent. */
export function queueCancelledMail(tx: Tx, platform: Platform, tenant: Tenant, summit: Summit, who: Addressee, hadPlace: boolean) {
  const locale = localeOf(who);
  const t = translator(locale);
  return send(tx, tenant, who, composeMail(t, {
    locale, subject: t('summit.registration.mail.cancelled.subject', { title: summit.title }),
    paragraphs: [t('summit.registration.mail.cancelled.body', { name: who.name, title: summit.title, when: whenIn(locale, summit) })],
    action: { label: t('summit.registration.mail.cancelled.action'), url: summitUrl(platform, tenant, summit) },
  }), hadPlace ? [summitCalendar(platform, tenant, summit, who, 'CANCELLED')] : undefined);
}

/** An invitation: the summit, the organisers' own message, the way to register, and the summit as a calendar file. */
export function queueInvitation(tx: Tx, platform: Platform, tenant: Tenant, summit: Summit, to: string, locale: Locale, message: string | null) {
  const t = translator(locale);
  const place = summit.placeName ?? t('summit.noPlace');
  const mail = composeMail(t, {
    locale, subject: t('summit.invitation.mail.subject', { title: summit.title }),
    paragraphs: [
      t('summit.invitation.mail.body', { organiser: summit.organiserName, title: summit.title, when: whenIn(locale, summit), place }),
      ...(message ? [message] : []), ...(summit.description ? [summit.description] : []),
    ],
    action: { label: t('summit.invitation.mail.action'), url: `${summitUrl(platform, tenant, summit)}/aanmelden` },
    after: [t('summit.invitation.mail.after')],
  });
  return queueMail(tx, { to, ...mail, municipalityId: tenant.id, attachments: [summitCalendar(platform, tenant, summit, null, 'CONFIRMED')] });
}
