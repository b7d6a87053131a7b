import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { calendarAttachment, calendarContentType, calendarFile, calendarUid, escapeText, foldLine, mailboxAddress, type CalendarEvent } from './calendar.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab goes. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

const summit: CalendarEvent = {
  uid: calendarUid(['summit', 'lindenhof2025', 'reg42'], 'buurtarena.example'),
  sequence: 0,
  status: 'CONFIRMED',
  start: new Date('2025-10-04T08:00:00Z'), // 10:00 in Amsterdam (summer time)
  end: new Date('2025-10-04T14:30:00Z'),
  summary: 'BuurtTop Lindenhof',
  location: 'Buurthuis De Linde, Lindenlaan 1; Voorbeeldstad',
  description: 'Welkom, Anna!\nNeem je ideeën mee: wonen, zorg & groen.\nAfmelden kan via de link in de bevestiging.',
  url: 'https://buurtarena.example/voorbeeldstad/buurttop/lindenhof2025',
  organizer: { name: 'Bewonersvereniging "Lindenhof", Noord', email: 'noreply@buurtarena.example' },
  stamp: new Date('2025-06-01T12:34:56.789Z'),
};

describe('calendar files (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in text, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(escapeText('one\r\ntwo\rthree')).toBe('one\\ntwo\\nthree');
    expect(escapeText('tab\there\u0007bell')).toBe('tab\there' + 'bell');
    expect(escapeText('Colon: and "quotes" stay')).toBe('Colon: and "quotes" stay');
  });

  it('folds at 75 octets with a leading space, byte-exact', () => {
    const line = 'DESCRIPTION:' + 'x'.repeat(200);
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.map(octets)).toEqual([75, 75, 64]);
    expect(physical[0]).toBe('DESCRIPTION:' + 'x'.repeat(63));
    expect(physical[1]).toBe(' ' + 'x'.repeat(74));
    expect(physical[2]).toBe(' ' + 'x'.repeat(63)); // 63 + 74 + 63 = 200
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SUMMARY:' + 'y'.repeat(67))).toBe('SUMMARY:' + 'y'.repeat(67)); // exactly 75: unchanged
    expect(foldLine('SUMMARY:' + 'y'.repeat(68)).split('\r\n')).toEqual(['SUMMARY:' + 'y'.repeat(67), ' y']);
  });

  it('never splits a multi-octet character across lines', () => {
    // 'SUMMARY:' is 8 octets; 'é' is 2, '€' 3 and '🏘' 4 octets (a surrogate pair in JavaScript).
    const line = 'SUMMARY:' + 'a' + 'é'.repeat(33) + '€'.repeat(30) + '🏘'.repeat(30);
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    for (const [i, part] of physical.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      expect(() => strictUtf8.decode(Buffer.from(part, 'utf8'))).not.toThrow();
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    // 8 + 1 + 33×2 = 75 exactly; the next line holds a space and 24 euro signs (73 octets; a 25th would make 76).
    expect(physical[0]).toBe('SUMMARY:a' + 'é'.repeat(33));
    expect(physical[1]).toBe(' ' + '€'.repeat(24));
    expect(physical[2]).toBe(' ' + '€'.repeat(6) + '🏘'.repeat(14));
    expect(octets(physical[2]!)).toBe(1 + 18 + 56);
    expect(unfold(folded)).toBe(line);
  });

  it('writes a complete confirmation: PUBLISH, UTC times, escaped text, folded, CRLF', () => {
    const file = calendarFile(summit);
    expect(file).toBe([
      'BEGIN:VCALENDAR',
      'PRODID:-//Buurtarena//Buurtarena//NL',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:summit.lindenhof2025.reg42@buurtarena.example',
      'DTSTAMP:20250601T123456Z',
      'DTSTART:20251004T080000Z',
      'DTEND:20251004T143000Z',
      'SEQUENCE:0',
      'STATUS:CONFIRMED',
      'SUMMARY:BuurtTop Lindenhof',
      'LOCATION:Buurthuis De Linde\\, Lindenlaan 1\\; Voorbeeldstad',
      'DESCRIPTION:Welkom\\, Anna!\\nNeem je ideeën mee: wonen\\, zorg & groen.\\nAfm',
      ' elden kan via de link in de bevestiging.',
      'URL:https://buurtarena.example/voorbeeldstad/buurttop/lindenhof2025',
      'ORGANIZER;CN="Bewonersvereniging ^\'Lindenhof^\', Noord":mailto:noreply@buurt', // quoted: no backslashes
      ' arena.example',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'));
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF anywhere
    for (const line of file.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(calendarContentType()).toBe('text/calendar; charset=utf-8; method=PUBLISH');
  });

  it('reads back with a real parser (ical.js) as the same event', () => {
    const component = new ICAL.Component(ICAL.parse(calendarFile(summit)));
    expect(component.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    const vevent = component.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe('summit.lindenhof2025.reg42@buurtarena.example');
    expect(event.summary).toBe(summit.summary);
    expect(event.location).toBe(summit.location);
    expect(event.description).toBe(summit.description);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-10-04T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2025-10-04T14:30:00.000Z');
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getFirstPropertyValue('url')).toBe(summit.url);
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:noreply@buurtarena.example');
    expect(organizer.getParameter('cn')).toBe('Bewonersvereniging "Lindenhof", Noord');
    expect(vevent.getFirstProperty('attendee')).toBeNull(); // PUBLISH forbids attendees (RFC 5546 §3.2.1)
  });

  it('a cancellation is the same UID with a higher SEQUENCE and STATUS:CANCELLED', () => {
    const cancelled = calendarFile({ ...summit, sequence: 1, status: 'CANCELLED', summary: 'Afgemeld: BuurtTop Lindenhof' });
    const vevent = new ICAL.Component(ICAL.parse(cancelled)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(summit.uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(1);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled).toContain('\r\nMETHOD:PUBLISH\r\n');
  });

  it('holds several events, each with its own UID', () => {
    const file = calendarFile([summit, { ...summit, uid: calendarUid(['summit', 'lindenhof2025', 'reg43'], 'buurtarena.example') }]);
    const vevents = new ICAL.Component(ICAL.parse(file)).getAllSubcomponents('vevent');
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual(['summit.lindenhof2025.reg42@buurtarena.example', 'summit.lindenhof2025.reg43@buurtarena.example']);
  });

  it('writes whole days as DATE values, with an exclusive end', () => {
    const file = calendarFile({ ...summit, start: { date: '2025-10-04' }, end: undefined });
    expect(file).toContain('\r\nDTSTART;VALUE=DATE:20251004\r\nDTEND;VALUE=DATE:20251005\r\n');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(file)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.isDate).toBe(true);
    expect(calendarFile({ ...summit, start: { date: '2025-12-31' }, end: undefined })).toContain('DTEND;VALUE=DATE:20260101');
  });

  it('refuses what would make an invalid file', () => {
    expect(() => calendarFile({ ...summit, end: new Date('2025-10-04T08:00:00Z') })).toThrow(/end after it starts/);
    expect(() => calendarFile({ ...summit, end: undefined })).toThrow(/needs an end time/);
    expect(() => calendarFile({ ...summit, start: { date: '2025-02-30' }, end: undefined })).toThrow(/not a date/);
    expect(() => calendarFile({ ...summit, sequence: -1 })).toThrow(/SEQUENCE/);
    expect(() => calendarFile({ ...summit, summary: ' ' })).toThrow(/summary/);
    expect(() => calendarFile({ ...summit, url: 'javascript:alert(1)' })).toThrow(/http or https/);
    expect(() => calendarFile({ ...summit, organizer: { email: 'not an address' } })).toThrow(/e-mail address/);
    expect(() => calendarFile({ ...summit, uid: 'has space@x' })).toThrow(/UID/);
    expect(() => calendarFile([])).toThrow(/at least one event/);
    expect(() => calendarFile([summit, { ...summit, summary: 'Twee' }])).toThrow(/its own UID/);
    expect(() => calendarUid(['a.b'], 'buurtarena.example')).toThrow(/letters, digits/);
    expect(() => calendarUid(['a'], 'bad host')).toThrow(/host name/);
    expect(calendarUid(['summit', 'x'], 'LocalHost')).toBe('summit.x@localhost');
  });

  it('makes a mail attachment for the outbox', () => {
    expect(calendarAttachment('buurttop.ics', summit)).toEqual({ filename: 'buurttop.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: calendarFile(summit) });
    expect(() => calendarAttachment('buurttop.txt', summit)).toThrow(/\.ics/);
  });

  it('takes the address out of a mailbox such as MAIL_FROM', () => {
    expect(mailboxAddress('Buurtarena <noreply@buurtarena.example>')).toBe('noreply@buurtarena.example');
    expect(mailboxAddress('noreply@buurtarena.example')).toBe('noreply@buurtarena.example');
  });
});
