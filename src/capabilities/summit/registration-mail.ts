import { calendarAttachment, calendarUid, mailboxAddress, type CalendarEvent, type CalendarEventStatus } from '../../platform/calendar.js';
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

/**
 * The summit as a calendar event for this registration (or, without one, under the summit's own
 * UID: invitations and public listings). A registration's own UID means cancelling touches only
 * that copy. SEQUENCE is the summit's calendar revision (raised whenever the day, times or venue
 * change, or it is cancelled or taken up again) plus the registration's own count (raised when
 * it is cancelled or moves up): both only grow, so every later file outranks the earlier ones.
 */
export function summitEvent(platform: Platform, tenant: Tenant, summit: Summit, who: Pick<Addressee, 'id' | 'calendarSequence'> | null, status: CalendarEventStatus): CalendarEvent {
  const host = new URL(platform.config.publicUrl).hostname;
  return {
    uid: calendarUid(who ? ['summit', summit.id, who.id] : ['summit', summit.id], host), sequence: summit.calendarRevision + (who?.calendarSequence ?? 0), status,
    start: new Date(summit.startsAt), end: new Date(summit.endsAt), summary: summit.title,
    location: summit.placeName ?? undefined, description: summit.description ?? undefined, url: summitUrl(platform, tenant, summit),
    organizer: { name: tenant.name, email: mailboxAddress(platform.config.mailFrom) },
  };
}

/** The summit as a calendar file (buurttop.ics) for a mail: see `summitEvent`. */
export function summitCalendar(platform: Platform, tenant: Tenant, summit: Summit, who: Pick<Addressee, 'id' | 'calendarSequence'> | null, status: CalendarEventStatus): OutgoingAttachment {
  return calendarAttachment('buurttop.ics', summitEvent(platform, tenant, summit, who, status));
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

/** What happened to the summit that its registrants must hear about. */
export type SummitChange = 'moved' | 'cancelled' | 'resumed';

/**
 * Tell a registrant (with a place, or on the waiting list) that the summit moved (other day, times
 * or venue: `before` says what it was), was cancelled (with the organisers' note, if any) or was
 * taken up again; with the updated calendar file — the same UID as their confirmation, a higher
 * SEQUENCE; `CANCELLED` when cancelled, `TENTATIVE` for the waiting list (no place yet) — and,
 * unless cancelled, a fresh cancel link.
 */
export function queueChangeMail(
  tx: Tx, platform: Platform, tenant: Tenant, summit: Summit, who: Addressee & { status: 'confirmed' | 'waiting' }, change: SummitChange,
  detail: { before?: Pick<Summit, 'startsAt' | 'endsAt' | 'placeName'>; note?: string | null; cancelToken?: string },
) {
  const locale = localeOf(who);
  const t = translator(locale);
  const place = (s: Pick<Summit, 'placeName'>) => s.placeName ?? t('summit.noPlace');
  const params = { name: who.name, title: summit.title, when: whenIn(locale, summit), place: place(summit) };
  const paragraphs = [t(`summit.registration.mail.summit.${change}.body`, params)];
  if (change === 'moved' && detail.before) {
    const was = { when: whenIn(locale, detail.before as Summit), place: place(detail.before) };
    if (was.when !== params.when) paragraphs.push(t('summit.registration.mail.summit.moved.when', { before: was.when, after: params.when }));
    if (was.place !== params.place) paragraphs.push(t('summit.registration.mail.summit.moved.place', { before: was.place, after: params.place }));
  }
  if (detail.note) paragraphs.push(t('summit.registration.mail.note', { note: detail.note }));
  if (change !== 'cancelled') paragraphs.push(t(`summit.registration.mail.changeStatus.${who.status}`));
  paragraphs.push(t('summit.registration.mail.page', { url: summitUrl(platform, tenant, summit) }));
  const status: CalendarEventStatus = change === 'cancelled' ? 'CANCELLED' : who.status === 'waiting' ? 'TENTATIVE' : 'CONFIRMED';
  return send(tx, tenant, who, composeMail(t, {
    locale, subject: t(`summit.registration.mail.summit.${change}.subject`, { title: summit.title }),
    paragraphs,
    action: detail.cancelToken
      ? { label: t('summit.registration.mail.cancel.action'), url: cancelUrl(platform, tenant, summit, detail.cancelToken) }
      : { label: t('summit.registration.mail.cancelled.action'), url: summitUrl(platform, tenant, summit) },
    after: [t(`summit.registration.mail.changeCalendar.${change}`)],
  }), [summitCalendar(platform, tenant, summit, who, status)]);
}
