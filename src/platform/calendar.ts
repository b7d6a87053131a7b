/**
 * iCalendar files (RFC 5545) for one or more events, e.g. the confirmation of a registration that
 * people add to their own calendar. A small writer of exactly what we need instead of a library:
 * text escaping, CRLF line ends and folding at 75 octets (never inside a UTF-8 character).
 *
 * Which method, and why (RFC 5546, iTIP):
 * - Every file is `METHOD:PUBLISH`: "here is an event, add it if you like". REQUEST needs an
 *   ORGANIZER and the reader as ATTENDEE (§3.2.2; without them clients treat it unpredictably),
 *   and then Outlook, Gmail and Apple Mail show Accept/Decline buttons that send an iTIP REPLY to
 *   the organizer's address, which nobody reads: the registration already happened on our site.
 *   PUBLISH has no replies. It requires an ORGANIZER and forbids ATTENDEE (§3.2.1), so
 *   `organizer` is required here and attendees do not exist.
 * - A change (new time or venue) and a cancellation are again PUBLISH, with the same UID and a
 *   higher SEQUENCE; a cancellation carries `STATUS:CANCELLED` (allowed in PUBLISH by §3.2.1,
 *   whose organizer "MAY subsequently update" a published event "with another PUBLISH"). A client
 *   that holds the UID replaces its copy (RFC 5545 §3.8.7.4: the higher SEQUENCE wins); how a
 *   cancelled event then looks differs per client (struck through, marked, or left out). We do
 *   not use METHOD:CANCEL: that is the organizer cancelling towards the listed ATTENDEEs of a
 *   scheduled event, an exchange we never started, and a registrant who withdraws is not the
 *   organizer (their iTIP answer would be a REPLY, which goes the other way). The mail's own text
 *   must always say in words what happened; the file only keeps a calendar in step.
 * - The UID is per event and registration (`calendarUid(['summit', summitId, registrationId],
 *   host)`): a registrant's cancellation then only touches their own copy, never the same
 *   summit taken from a public listing. SEQUENCE must grow with each file under the same UID
 *   (for example the event's schedule revision, plus one for a cancelled registration).
 * - Times are written in UTC (`…Z`), valid everywhere and shown by every client in the reader's
 *   own zone; a VTIMEZONE for Europe/Amsterdam would add rules we would have to keep right.
 */

import type { OutgoingAttachment } from './outbox.js';

export type CalendarMethod = 'PUBLISH';
export type CalendarEventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface CalendarEvent {
  /** Globally unique and stable for this event (and registration): see `calendarUid`. */
  uid: string;
  /** 0 for the first file; higher for every later file under the same UID. */
  sequence: number;
  status: CalendarEventStatus;
  /** An instant with a time (written in UTC), or a whole day in the calendar (`{ date: 'YYYY-MM-DD' }`). */
  start: Date | { date: string };
  /** Exclusive end: an instant after `start`, or (for days) the first day after the event. Defaults to one day for a date. */
  end?: Date | { date: string };
  summary: string;
  location?: string;
  description?: string;
  /** A web page about the event (http or https). */
  url?: string;
  /** Who publishes the event; required by RFC 5546 for PUBLISH. */
  organizer: { name?: string; email: string };
  /** When the file was made (DTSTAMP); defaults to now. */
  stamp?: Date;
}

export interface CalendarOptions {
  method?: CalendarMethod;
  /** PRODID: who made the file (an ISO 9070 formal public identifier). */
  productId?: string;
}

export const CALENDAR_PRODUCT_ID = '-//Buurtarena//Buurtarena//NL';

/** The MIME type of a calendar file we write (RFC 6047 wants `method` to match METHOD). */
export function calendarContentType(method: CalendarMethod = 'PUBLISH'): string {
  return `text/calendar; charset=utf-8; method=${method}`;
}

/**
 * A stable UID from opaque ids and the installation's host name (RFC 5545 §3.8.4.7's
 * "id@domain"): `calendarUid(['summit', summitId, registrationId], 'buurtarena.example')` gives
 * `summit.<summitId>.<registrationId>@buurtarena.example`. The ids are random, so the UID tells
 * nothing about the person (RFC 7986 §5.3). Ids may hold letters, digits, `_` and `-`.
 */
export function calendarUid(ids: string[], host: string): string {
  if (ids.length === 0) throw new Error('calendarUid needs at least one id');
  for (const id of ids) if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`calendarUid: id "${id}" may only hold letters, digits, "_" and "-"`);
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) throw new Error(`calendarUid: "${host}" is not a host name`);
  return `${ids.join('.')}@${host.toLowerCase()}`;
}

/** The address in a mailbox such as MAIL_FROM (`Buurtarena <noreply@example.org>` → `noreply@example.org`). */
export function mailboxAddress(mailbox: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim();
}

/** The complete file: CRLF line ends, folded, ending in CRLF. */
export function calendarFile(events: CalendarEvent | CalendarEvent[], options: CalendarOptions = {}): string {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) throw new Error('A calendar file needs at least one event');
  // Without RECURRENCE-ID (which we never write), one UID is one event in one file.
  if (new Set(list.map((e) => e.uid)).size !== list.length) throw new Error('Every event in a calendar file needs its own UID');
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeText(options.productId ?? CALENDAR_PRODUCT_ID)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method ?? 'PUBLISH'}`,
    ...list.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function eventLines(event: CalendarEvent): string[] {
  if (!/^[\x21-\x7e]+$/.test(event.uid)) throw new Error(`Calendar UID "${event.uid}" must be printable ASCII without spaces`);
  if (!Number.isInteger(event.sequence) || event.sequence < 0) throw new Error(`Calendar SEQUENCE must be a whole number ≥ 0, not ${event.sequence}`);
  if (!event.summary.trim()) throw new Error('A calendar event needs a summary');
  const [start, end] = startAndEnd(event);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp ?? new Date())}`,
    start,
    end,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${uri(event.url)}`);
  lines.push(`ORGANIZER${event.organizer.name ? `;CN=${paramValue(event.organizer.name)}` : ''}:${mailto(event.organizer.email)}`);
  lines.push('END:VEVENT');
  return lines;
}

function startAndEnd(event: CalendarEvent): [string, string] {
  const { start, end } = event;
  if (start instanceof Date) {
    if (!(end instanceof Date)) throw new Error('A calendar event with a start time needs an end time');
    if (!(end.getTime() > start.getTime())) throw new Error('A calendar event must end after it starts');
    return [`DTSTART:${utcDateTime(start)}`, `DTEND:${utcDateTime(end)}`];
  }
  const first = calendarDate(start.date);
  if (end instanceof Date) throw new Error('A calendar event on a date ends on a date');
  const after = end ? calendarDate(end.date) : nextDay(start.date);
  if (!(after > first)) throw new Error('A calendar event must end after it starts');
  return [`DTSTART;VALUE=DATE:${first}`, `DTEND;VALUE=DATE:${after}`];
}

/** The file as a mail attachment for `queueMail` (e.g. `calendarAttachment('buurttop.ics', event)`). */
export function calendarAttachment(filename: string, events: CalendarEvent | CalendarEvent[], options: CalendarOptions = {}): OutgoingAttachment {
  if (!filename.endsWith('.ics')) throw new Error(`A calendar file's name ends in .ics: ${filename}`);
  return { filename, contentType: calendarContentType(options.method), content: calendarFile(events, options) };
}

/** 20250304T050607Z */
export function utcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('Invalid date in a calendar event');
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function calendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const parsed = match ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) throw new Error(`"${date}" is not a date (YYYY-MM-DD)`);
  return date.replace(/-/g, '');
}

function nextDay(date: string): string {
  calendarDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other
 * control characters (not allowed in TEXT) dropped, a tab kept.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r|\n/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A parameter value (e.g. CN): always quoted; `^`, `"` and newlines caret-encoded (RFC 6868). */
function paramValue(value: string): string {
  const encoded = value
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\n' || c === '\r' ? c : ''))
    .replace(/\r\n|\r|\n|\^|"/g, (c) => (c === '^' ? '^^' : c === '"' ? "^'" : '^n'));
  return `"${encoded}"`;
}

function uri(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Calendar URL must be http or https: ${value}`);
  return url.href;
}

function mailto(email: string): string {
  if (!/^[^\s@<>"(),:;\\[\]?#%]+@[^\s@<>"(),:;\\[\]?#%]+$/.test(email)) throw new Error(`"${email}" is not an e-mail address`);
  return `mailto:${email}`;
}

const encoder = new TextEncoder();

/**
 * Fold a content line (RFC 5545 §3.1): at most 75 octets per physical line, excluding the CRLF;
 * each continuation starts with one space, which counts towards its 75. A character is never
 * split, so every physical line is valid UTF-8.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}
