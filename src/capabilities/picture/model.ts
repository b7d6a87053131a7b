import type { FieldIssue } from '../../platform/errors.js';
import type { DocumentContent, Section } from '../../platform/versions/model.js';

/**
 * The neighbourhood picture (wijkbeeld) as a document, pure: no I/O.
 *
 * A published version is one versioned document (platform/versions) whose sections are, in order,
 * the assembled parts (figures, readings, places, ecosystem, history, money: each a section whose
 * `data` is the part's frozen snapshot) followed by the free sections the neighbourhood wrote. The
 * working draft holds the free sections only: the parts are assembled live when a version is
 * published, so publishing freezes what the data said that day.
 */

/** Section keys of assembled parts start with this; free sections never do. */
export const PART_KEY_PREFIX = 'part-';
/** Keys of free sections an editor added (the standard three have their own). */
export const EXTRA_KEY_PREFIX = 'eigen-';

/** The three free sections every wijkbeeld asks for, in this order; their headings are the message `picture.free.{key}`. */
export const STANDARD_FREE_SECTIONS = ['trots', 'zorgen', 'nodig'] as const;
export type StandardFreeSection = (typeof STANDARD_FREE_SECTIONS)[number];

/** Free sections an editor may add besides the standard three. */
export const MAX_EXTRA_SECTIONS = 20;
export const MAX_FREE_BODY = 20_000;
/** A part's snapshot stays well under the versions module's limit on a section's data (200 KB). */
export const MAX_PART_DATA_BYTES = 150_000;

export const partKey = (name: string) => `${PART_KEY_PREFIX}${name}`;
export const isStandardKey = (key: string | undefined): key is StandardFreeSection => (STANDARD_FREE_SECTIONS as readonly string[]).includes(key ?? '');

/** What the snapshot of one part holds in its section's `data`. */
export interface PartSnapshot {
  part: string;
  /** The year the picture spoke for when the part was assembled. */
  year: number;
  data: unknown;
}

/** One part as assembled: its name and place, and the texts stored beside the snapshot (in the document's language). */
export interface AssembledPart {
  name: string;
  order: number;
  heading: string;
  /** Plain text of the part: what the comparison of versions reads. */
  body: string;
  data: unknown;
}

export interface FreeSection {
  key: string;
  heading: string;
  body: string;
}

/** A free section as the editor's form sends it (a missing key: a new section). */
export interface FreeSectionInput {
  key?: string;
  heading: string;
  body: string;
}

export function isPartSnapshot(data: unknown): data is PartSnapshot {
  return typeof data === 'object' && data !== null && typeof (data as PartSnapshot).part === 'string' && 'data' in data;
}

export function isPartSection(section: Section): section is Section & { data: PartSnapshot } {
  return section.key.startsWith(PART_KEY_PREFIX) && isPartSnapshot(section.data);
}

/** The whole content of a version: the parts in their order, then the free sections. */
export function composeContent(parts: readonly AssembledPart[], free: readonly FreeSection[], year: number): DocumentContent {
  const sorted = [...parts].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1));
  return {
    sections: [
      ...sorted.map((p) => ({ key: partKey(p.name), heading: p.heading, body: p.body, data: { part: p.name, year, data: p.data } satisfies PartSnapshot })),
      ...free.map((s) => ({ key: s.key, heading: s.heading, body: s.body })),
    ],
  };
}

/** A version's content taken apart again: its part snapshots and its free sections. */
export function splitContent(content: DocumentContent): { parts: Array<Section & { data: PartSnapshot }>; free: FreeSection[] } {
  const parts: Array<Section & { data: PartSnapshot }> = [];
  const free: FreeSection[] = [];
  for (const section of content.sections) {
    if (isPartSection(section)) parts.push(section);
    else free.push({ key: section.key, heading: section.heading, body: section.body });
  }
  return { parts, free };
}

/** The year a version spoke for (its parts' year), or null for a version without parts. */
export function yearOf(content: DocumentContent): number | null {
  const part = content.sections.find(isPartSection);
  return part && typeof part.data.year === 'number' ? part.data.year : null;
}

/** "Waar we trots op zijn!" → "eigen-waar-we-trots-op-zijn", unique among `taken`. */
export function extraKeyFor(heading: string, taken: ReadonlySet<string>): string {
  const slug = heading.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50).replace(/-+$/, '') || 'sectie';
  const base = `${EXTRA_KEY_PREFIX}${slug}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * The free sections to keep from the editor's form, with the form position of each (so an error
 * names the field the editor filled in). A standard section without text is not filled in yet and
 * left out; an added section is left out when both its heading and text are empty, and one with a
 * heading but no text is an error. Keys that are not ours (a part's, or made up) get a fresh one.
 */
export function keptFreeSections(input: readonly FreeSectionInput[], defaultHeading: (key: StandardFreeSection) => string): { sections: FreeSection[]; positions: number[]; issues: FieldIssue[] } {
  const sections: FreeSection[] = [];
  const positions: number[] = [];
  const issues: FieldIssue[] = [];
  const taken = new Set<string>();
  const seenStandard = new Set<string>();
  let extras = 0;
  input.forEach((raw, index) => {
    const number = index + 1;
    const heading = raw.heading.trim();
    const body = raw.body.trim();
    const standard = isStandardKey(raw.key) && !seenStandard.has(raw.key) ? raw.key : null;
    if (standard) {
      seenStandard.add(standard);
      if (body === '') return;
      taken.add(standard);
      sections.push({ key: standard, heading: heading || defaultHeading(standard), body: raw.body });
      positions.push(number);
      return;
    }
    if (heading === '' && body === '') return;
    if (body === '') issues.push({ field: `sections.${number}.body`, key: 'picture.error.textNeeded' });
    extras++;
    if (extras > MAX_EXTRA_SECTIONS) {
      issues.push({ field: `sections.${number}.heading`, key: 'picture.error.tooManySections', params: { maximum: MAX_EXTRA_SECTIONS } });
      return;
    }
    const own = raw.key && raw.key.startsWith(EXTRA_KEY_PREFIX) && !taken.has(raw.key) && /^[a-z0-9-]{1,64}$/.test(raw.key) && !raw.key.endsWith('-') ? raw.key : null;
    const key = own ?? extraKeyFor(heading, new Set([...taken, ...input.map((s) => s.key ?? '')]));
    taken.add(key);
    sections.push({ key, heading: raw.heading, body: raw.body });
    positions.push(number);
  });
  // The standard sections first, in their order; then the added ones as the editor placed them.
  const order = (s: FreeSection) => (isStandardKey(s.key) ? STANDARD_FREE_SECTIONS.indexOf(s.key) : STANDARD_FREE_SECTIONS.length);
  const indexed = sections.map((s, i) => ({ s, p: positions[i]! })).sort((a, b) => order(a.s) - order(b.s) || a.p - b.p);
  return { sections: indexed.map((x) => x.s), positions: indexed.map((x) => x.p), issues };
}

/**
 * The free sections an editor's form starts from: the standard three (from the draft or the latest
 * version when written there, otherwise empty with their default heading), then the added ones.
 */
export function editorSections(existing: readonly FreeSection[], defaultHeading: (key: StandardFreeSection) => string): FreeSectionInput[] {
  const byKey = new Map(existing.map((s) => [s.key, s]));
  return [
    ...STANDARD_FREE_SECTIONS.map((key) => ({ key, heading: byKey.get(key)?.heading ?? defaultHeading(key), body: byKey.get(key)?.body ?? '' })),
    ...existing.filter((s) => !isStandardKey(s.key)).map((s) => ({ key: s.key, heading: s.heading, body: s.body })),
  ];
}

/** The data of a part, checked to fit in a version (a part that grew too large is a programming error, not the editor's). */
export function checkPartSize(name: string, data: unknown): void {
  const bytes = new TextEncoder().encode(JSON.stringify(data) ?? '').length;
  if (bytes > MAX_PART_DATA_BYTES) throw new Error(`Picture part "${name}" is ${bytes} bytes; at most ${MAX_PART_DATA_BYTES}`);
}

/** At most `limit` items of a list, and how many were left out (snapshots stay small and readable). */
export function capped<T>(items: readonly T[], limit: number): { items: T[]; more: number } {
  return { items: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}
