import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';

/**
 * What every editor of a versioned document shares (the house rules, a neighbourhood picture):
 * the version number in an address, the sections of the editor's form, its revision field, and a
 * refused change shown on the form.
 */

/** A section as an editor sends it: an existing one keeps its key; a new one has none yet. */
export interface EditedSection {
  key?: string;
  heading: string;
  body: string;
}

/** A version number from the address: digits only, else the page does not exist. */
export function versionNumber(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,8}$/.test(value)) throw new NotFoundError();
  return Number(value);
}

/** A refused change (someone else changed the draft, or there is none) shown on the form rather than as an error page. */
export async function conflictsOnForm<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConflictError) throw new ValidationError([{ field: '_form', key: error.key, params: error.params }]);
    throw error;
  }
}

/** A form refused because the document changed meanwhile answers 409, other refusals 422. */
export function conflictStatus(reply: FastifyReply, issues: FieldIssue[]): void {
  if (issues.some((i) => i.field === '_form' && i.key.startsWith('versions.'))) reply.code(409);
}

/** The sections of the editor's form (`sections.{n}.key|heading|body`, n from 1 to `limit`), in the order of n. */
export function sectionsFromForm(form: Record<string, string>, limit: number): EditedSection[] {
  const byNumber = new Map<number, EditedSection>();
  for (const [name, value] of Object.entries(form)) {
    const match = /^sections\.(\d{1,3})\.(key|heading|body)$/.exec(name);
    const number = match ? Number(match[1]) : 0;
    if (number < 1 || number > limit) continue;
    const section = byNumber.get(number) ?? { heading: '', body: '' };
    if (match![2] === 'key') section.key = value;
    else section[match![2] as 'heading' | 'body'] = value;
    byNumber.set(number, section);
  }
  return [...byNumber.entries()].sort(([a], [b]) => a - b).map(([, section]) => section);
}

/**
 * A posted draft editor: the sections as sent (for the use case) and the form to show again after
 * an error — what was sent without the blank "new part" at the end (the form adds a fresh one),
 * with the revision the editor started from (0 when it is not a number).
 */
export function draftFromForm(form: Record<string, string>, limit: number): {
  sections: EditedSection[];
  shownAgain: { title: string; sections: EditedSection[]; revision: number };
} {
  const sections = sectionsFromForm(form, limit);
  let shown = sections.length;
  while (shown > 0 && !sections[shown - 1]!.key && !sections[shown - 1]!.heading.trim() && !sections[shown - 1]!.body.trim()) shown--;
  const revision = Number(form.expectedRevision);
  return { sections, shownAgain: { title: form.title ?? '', sections: sections.slice(0, shown), revision: Number.isSafeInteger(revision) ? revision : 0 } };
}

/** A form's revision field or a JSON number; 0 means "there was no document yet when I started". */
export const revisionField = z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v === '' ? undefined : v),
  z.number({ error: 'validation.type' }).int('validation.invalid').min(0).optional());

/**
 * Sections as they came in (form or JSON), each with text fields (a missing field is empty);
 * anything else is named by its place (`sections.3.body`), as is a body over `maxBody` characters.
 */
export function editedSections(raw: unknown[], options: { maxBody?: number } = {}): EditedSection[] {
  const issues: FieldIssue[] = [];
  const sections = raw.map((item, index) => {
    const value = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const textOf = (name: string): string => {
      const v = value[name];
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      issues.push({ field: `sections.${index + 1}.${name}`, key: 'validation.type' });
      return '';
    };
    if (typeof item !== 'object' || item === null) issues.push({ field: `sections.${index + 1}`, key: 'validation.type' });
    const key = textOf('key');
    const body = textOf('body');
    if (options.maxBody !== undefined && body.length > options.maxBody) {
      issues.push({ field: `sections.${index + 1}.body`, key: 'validation.tooLong', params: { maximum: options.maxBody } });
    }
    return { key: key || undefined, heading: textOf('heading'), body };
  });
  if (issues.length) throw new ValidationError(issues);
  return sections;
}

/** Keep the versions module's field names pointing at the section the editor filled in (`positions`: its place on the form per kept section). */
export function renumbered(error: ValidationError, positions: number[]): ValidationError {
  return new ValidationError(error.issues.map((issue) => {
    const match = /^sections\.(\d+)(\..*)?$/.exec(issue.field);
    const position = match ? positions[Number(match[1]) - 1] : undefined;
    return position ? { ...issue, field: `sections.${position}${match![2] ?? ''}` } : issue;
  }));
}
