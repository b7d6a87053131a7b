import { contrastRatio, MIN_CONTRAST } from '../../platform/ui/theme.js';
import { reservedSlugs } from '../../platform/tenancy.js';
import type { FileType } from '../../platform/files/index.js';

/**
 * Pure rules of the municipality capability: logo limits, colour contrast, slug and CBS code
 * rules, the readable before/after diff of audit entries, and the audit log's paging cursor.
 * No I/O here.
 */

// ---- logo -------------------------------------------------------------------------------

/** The logo is a file in the platform file store (purpose municipality.logo): its limits. */
export const LOGO_MAX_BYTES = 200 * 1024;
/** What the file store checks a logo's content against. SVG is not among them: the file store never takes it. */
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const satisfies readonly FileType[];
export type LogoType = (typeof logoTypes)[number];

// ---- colours -----------------------------------------------------------------------------

/** Both theme colours carry white text (buttons) and are link colours on white. */
export const CONTRAST_BACKGROUND = '#ffffff';

/** The measured contrast against white, rounded down so "4.49" is never shown as "4.50". */
export function contrastAgainstWhite(colour: string): number {
  return Math.floor(contrastRatio(colour, CONTRAST_BACKGROUND) * 100) / 100;
}

export function hasEnoughContrast(colour: string): boolean {
  return contrastRatio(colour, CONTRAST_BACKGROUND) >= MIN_CONTRAST;
}

export const DEFAULT_PRIMARY_COLOUR = '#24578f';
export const DEFAULT_ACCENT_COLOUR = '#1a3f68';

/**
 * When a form offers a colour picker and a text field for the same colour, the one the person
 * changed wins (the text field when both changed), so the form works without JavaScript.
 */
export function chosenColour(current: string, text: string | undefined, picker: string | undefined): string | undefined {
  const typed = text?.trim().toLowerCase();
  const picked = picker?.trim().toLowerCase();
  if (typed !== undefined && typed !== current.toLowerCase()) return text;
  if (picked !== undefined && picked !== '' && picked !== current.toLowerCase()) return picker;
  return text ?? picker;
}

// ---- installation level --------------------------------------------------------------------

/**
 * Slugs that cannot name a municipality: the platform's reserved path segments, and the fixed
 * names directly under /api/v1 (a municipality called "session" would be hidden by that route).
 */
export function isReservedSlug(slug: string): boolean {
  return reservedSlugs.has(slug);
}

export const CBS_MUNICIPALITY_CODE = /^GM\d{4}$/;
export const MIN_DIVISION_YEAR = 1900;
export const MAX_DIVISION_YEAR = 2100;
export const MAX_PUBLIC_VALUES = 20;

// ---- audit log -------------------------------------------------------------------------

export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Changed fields of an audit entry, in the order the snapshots name them. */
export function auditDiff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const rows: DiffRow[] = [];
  for (const field of fields) {
    const old = before ? before[field] : undefined;
    const now = after ? after[field] : undefined;
    if (before && after && same(old, now)) continue;
    // A created or removed entity: list only the fields that had a value.
    if ((!before || !after) && (before ? old : now) == null) continue;
    rows.push({ field, before: old, after: now });
  }
  return rows;
}

export interface AuditCursor {
  at: string;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Entries are ordered by (time, id), newest first; the cursor names the last entry shown. */
export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (rest.length || !at || !id || !ISO_INSTANT.test(at) || Number.isNaN(Date.parse(at)) || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return { at, id };
}

/** Newest first: later time, then the larger id. */
export function compareNewestFirst(a: AuditCursor, b: AuditCursor): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

// ---- dates in Europe/Amsterdam -----------------------------------------------------------

const TIME_ZONE = 'Europe/Amsterdam';
const zoneFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function zoneOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(zoneFormat.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

export { isCalendarDate } from '../../platform/validation.js';

/** The UTC instant at which this calendar day starts in Amsterdam (midnight is never in a DST gap there). */
export function amsterdamDayStart(date: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, m - 1, d + addDays);
  let utc = local - zoneOffsetMs(local);
  utc = local - zoneOffsetMs(utc);
  return new Date(utc).toISOString();
}

/** A "to" date includes the whole day: entries before the start of the next day. */
export function amsterdamDayEnd(date: string): string {
  return amsterdamDayStart(date, 1);
}

/** The calendar day in Amsterdam of a UTC instant (YYYY-MM-DD). */
export function amsterdamDate(iso: string): string {
  const parts = Object.fromEntries(zoneFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// ---- house rules -----------------------------------------------------------------------------

/** At most this many sections in the house rules: a short document that residents read in one go. */
export const MAX_HOUSE_RULES_SECTIONS = 40;

/** A section as an editor sends it: an existing one keeps its key; a new one has none yet. */
export interface SectionInput {
  key?: string;
  heading: string;
  body: string;
}

/**
 * A stable key for a new section, made from its heading ("Wat mag u schrijven?" →
 * "wat-mag-u-schrijven"), unique among the keys already taken. The key is the section's
 * anchor and identifies it across versions, so a later change of heading is not a new section.
 */
export function sectionKeyFor(heading: string, taken: ReadonlySet<string>): string {
  let base = heading.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '');
  if (base === '' || base.startsWith('ba-') || base === 'ba') base = `sectie${base ? `-${base}` : ''}`.slice(0, 56).replace(/-+$/, '');
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * The sections an editor kept, with their keys: a section whose heading and text are both empty
 * is left out (that is how a section is removed, and the blank "new section" stays unused).
 * `positions` gives, for each kept section, its place in the submitted list (counted from 1),
 * so an error about kept section 2 can point at the field the editor actually filled in.
 */
export function keptSections(input: readonly SectionInput[]): { sections: Array<{ key: string; heading: string; body: string }>; positions: number[] } {
  const taken = new Set(input.map((s) => s.key?.trim()).filter((k): k is string => Boolean(k)));
  const sections: Array<{ key: string; heading: string; body: string }> = [];
  const positions: number[] = [];
  input.forEach((section, index) => {
    if (section.heading.trim() === '' && section.body.trim() === '') return;
    let key = section.key?.trim();
    if (!key) {
      key = sectionKeyFor(section.heading, taken);
      taken.add(key);
    }
    sections.push({ key, heading: section.heading, body: section.body });
    positions.push(index + 1);
  });
  return { sections, positions };
}
