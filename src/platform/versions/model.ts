import type { FieldIssue } from '../errors.js';

/**
 * The content model of a versioned document and the difference between two versions. Pure:
 * no I/O, so pages, the API, the command line and tests can all use it.
 *
 * A document is a list of sections. A section's `key` identifies it across versions (so a
 * renamed heading is a change of that section, not a removal plus an addition); its `body` is
 * plain text whose paragraphs are separated by blank lines; `data` is room for structured
 * content that a capability adds later (figures, ambitions, budget lines).
 */
export interface Section {
  key: string;
  heading: string;
  body: string;
  data?: unknown;
}

export interface DocumentContent {
  sections: Section[];
}

/** Lower-case letters, digits and inner hyphens; also the section's anchor in pages and print, where "ba-" is taken. */
export const SECTION_KEY = /^(?!ba-)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const MAX_SECTIONS = 500;
export const MAX_HEADING_LENGTH = 200;
export const MAX_BODY_LENGTH = 100_000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_SUMMARY_LENGTH = 2000;
export const MAX_DECISION_REFERENCE_LENGTH = 100;
export const MAX_DATA_BYTES = 200_000;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const emptyContent: DocumentContent = { sections: [] };

/** Line endings to \n, no trailing spaces, at most one blank line between paragraphs, trimmed. */
export function normalizeBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The paragraphs of a body (separated by blank lines). */
export function paragraphsOf(body: string): string[] {
  const normalized = normalizeBody(body);
  return normalized === '' ? [] : normalized.split(/\n[^\S\n]*\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Validate and normalise a document's content. Issues name the field as
 * `sections.{index}.{field}` (index counted from 1, as people count), so a form can point at it.
 */
export function checkContent(input: unknown): { content: DocumentContent; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const raw = typeof input === 'object' && input !== null && Array.isArray((input as { sections?: unknown }).sections)
    ? (input as { sections: unknown[] }).sections
    : null;
  if (!raw) return { content: emptyContent, issues: [{ field: 'sections', key: 'validation.type' }] };
  if (raw.length > MAX_SECTIONS) issues.push({ field: 'sections', key: 'versions.tooManySections', params: { maximum: MAX_SECTIONS } });
  const seen = new Set<string>();
  const sections: Section[] = [];
  raw.slice(0, MAX_SECTIONS).forEach((item, index) => {
    const field = (name: string) => `sections.${index + 1}.${name}`;
    if (typeof item !== 'object' || item === null) {
      issues.push({ field: `sections.${index + 1}`, key: 'validation.type' });
      return;
    }
    const { key, heading, body, data } = item as Record<string, unknown>;
    if (typeof key !== 'string' || !SECTION_KEY.test(key)) {
      issues.push({ field: field('key'), key: 'versions.sectionKey' });
    } else if (seen.has(key)) {
      issues.push({ field: field('key'), key: 'versions.sectionKeyTwice', params: { key } });
    } else {
      seen.add(key);
    }
    const cleanHeading = typeof heading === 'string' ? heading.trim() : null;
    if (cleanHeading === null) issues.push({ field: field('heading'), key: 'validation.type' });
    else if (cleanHeading === '') issues.push({ field: field('heading'), key: 'validation.required' });
    else if (cleanHeading.length > MAX_HEADING_LENGTH) issues.push({ field: field('heading'), key: 'validation.tooLong', params: { maximum: MAX_HEADING_LENGTH } });
    else if (CONTROL.test(cleanHeading) || /[\r\n]/.test(cleanHeading)) issues.push({ field: field('heading'), key: 'validation.controlChars' });
    const cleanBody = body === undefined || body === null ? '' : typeof body === 'string' ? normalizeBody(body) : null;
    if (cleanBody === null) issues.push({ field: field('body'), key: 'validation.type' });
    else if (cleanBody.length > MAX_BODY_LENGTH) issues.push({ field: field('body'), key: 'validation.tooLong', params: { maximum: MAX_BODY_LENGTH } });
    else if (CONTROL.test(cleanBody)) issues.push({ field: field('body'), key: 'validation.controlChars' });
    let cleanData: unknown;
    if (data !== undefined && data !== null) {
      try {
        const json = JSON.stringify(data);
        if (json === undefined) throw new Error('not JSON');
        if (json.length > MAX_DATA_BYTES) issues.push({ field: field('data'), key: 'validation.tooLong', params: { maximum: MAX_DATA_BYTES } });
        cleanData = JSON.parse(json);
      } catch {
        issues.push({ field: field('data'), key: 'validation.type' });
      }
    }
    const section: Section = { key: String(key), heading: cleanHeading ?? '', body: cleanBody ?? '' };
    if (cleanData !== undefined) section.data = cleanData;
    sections.push(section);
  });
  return { content: { sections }, issues };
}

// ---- word-level difference ---------------------------------------------------------------------

export type ChangeOp = 'equal' | 'insert' | 'delete';

/** A run of text that is the same in both versions, only in the newer one, or only in the older one. */
export interface TextChange {
  op: ChangeOp;
  text: string;
}

export const PARAGRAPH_BREAK = '\n\n';

/**
 * Words (letters and digits, with inner hyphens and apostrophes: "zo'n", "wijk-budget"), single
 * punctuation marks, and whitespace. Whitespace is normalised to one space, one line break
 * or one paragraph break, so re-wrapping a text is no change.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*|\s+|[^\s\p{L}\p{N}\p{M}]/gu;
  for (const match of text.replace(/\r\n?/g, '\n').matchAll(pattern)) {
    const token = match[0];
    if (/^\s/.test(token)) {
      const separator = /\n[^\S\n]*\n/.test(token) ? PARAGRAPH_BREAK : token.includes('\n') ? '\n' : ' ';
      if (tokens.length === 0) continue; // leading whitespace
      tokens.push(separator);
    } else {
      tokens.push(token);
    }
  }
  while (tokens.length > 0 && /^\s/.test(tokens[tokens.length - 1]!)) tokens.pop();
  return tokens;
}

/** The text as the diff sees it (whitespace normalised). */
export function normalizedText(text: string): string {
  return tokenize(text).join('');
}

/** Beyond this many edits a diff is shown as "all old text removed, all new text added". */
const MAX_EDIT_DISTANCE = 2000;

/**
 * Myers' O((N+M)·D) shortest edit script over tokens. Returns the token operations, or null when
 * the edit distance exceeds the limit (memory grows with D²).
 */
function myers(a: readonly string[], b: readonly string[], maxD: number): Array<{ op: ChangeOp; token: string }> | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  v[offset + 1] = 0;
  // trace[d] holds v[-d..d] as it was at the start of step d.
  const trace: Int32Array[] = [];
  let found = -1;
  outer: for (let d = 0; d <= Math.min(max, maxD); d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = d; break outer; }
    }
  }
  if (found < 0) return null;
  const ops: Array<{ op: ChangeOp; token: string }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const window = trace[d]!;
    const at = (k: number) => window[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { ops.push({ op: 'equal', token: a[x - 1]! }); x--; y--; }
    if (x === prevX) { ops.push({ op: 'insert', token: b[y - 1]! }); y--; } else { ops.push({ op: 'delete', token: a[x - 1]! }); x--; }
  }
  while (x > 0 && y > 0) { ops.push({ op: 'equal', token: a[x - 1]! }); x--; y--; }
  return ops.reverse();
}

function merge(changes: TextChange[]): TextChange[] {
  const out: TextChange[] = [];
  for (const change of changes) {
    if (change.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.op === change.op) last.text += change.text;
    else out.push({ ...change });
  }
  return out;
}

/** Within each stretch of edits: first everything removed, then everything added ("old words" → "new words"). */
function regroup(changes: TextChange[]): TextChange[] {
  const out: TextChange[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = '';
    inserted = '';
  };
  for (const change of changes) {
    if (change.op === 'equal') { flush(); out.push(change); } else if (change.op === 'delete') deleted += change.text; else inserted += change.text;
  }
  flush();
  return merge(out);
}

/**
 * Readability: a space or a comma that happens to be equal splits one rewrite into a confetti of
 * small changes ("quick" → "slow", " ", "brown" → "red"). Fold equal runs without letters or
 * digits between two edits into them ("quick brown" → "slow red"). Equal words stay visible,
 * so a reader sees exactly which words changed; paragraph breaks are never folded.
 */
function foldSeparators(input: TextChange[]): TextChange[] {
  const changes = regroup(input);
  const out: TextChange[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const between = i > 0 && i < changes.length - 1 && changes[i - 1]!.op !== 'equal' && changes[i + 1]!.op !== 'equal';
    if (change.op === 'equal' && between && !/[\p{L}\p{N}]/u.test(change.text) && !change.text.includes(PARAGRAPH_BREAK)) {
      out.push({ op: 'delete', text: change.text }, { op: 'insert', text: change.text });
    } else {
      out.push(change);
    }
  }
  return regroup(out);
}

/**
 * Word-level difference between two texts: runs of equal, deleted and inserted text, merged and
 * cleaned up for reading. Joining the equal and deleted runs gives the older text, joining the
 * equal and inserted runs the newer one (both with whitespace normalised, see `normalizedText`).
 */
export function diffWords(before: string, after: string): TextChange[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB, MAX_EDIT_DISTANCE)
    ?? [...middleA.map((token) => ({ op: 'delete' as const, token })), ...middleB.map((token) => ({ op: 'insert' as const, token }))];
  const changes: TextChange[] = [
    { op: 'equal', text: a.slice(0, start).join('') },
    ...middle.map(({ op, token }) => ({ op, text: token })),
    { op: 'equal', text: a.slice(endA).join('') },
  ];
  return foldSeparators(merge(changes));
}

/** The older (`delete`) or newer (`insert`) side of a difference. */
export function sideOf(changes: readonly TextChange[], side: 'before' | 'after'): string {
  const skip: ChangeOp = side === 'before' ? 'insert' : 'delete';
  return changes.filter((c) => c.op !== skip).map((c) => c.text).join('');
}

// ---- version difference ----------------------------------------------------------------------

export type SectionStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface SectionDiff {
  key: string;
  status: SectionStatus;
  /** The heading to show: the newer one, or the last one of a removed section. */
  heading: string;
  headingBefore: string | null;
  headingAfter: string | null;
  headingChanges: TextChange[];
  bodyChanges: TextChange[];
  /** The structured `data` of the section differs. */
  dataChanged: boolean;
  /** The section kept its content but changed place relative to the other sections. */
  moved: boolean;
}

export interface DiffSide {
  title: string;
  content: DocumentContent;
}

export interface DocumentDiff {
  title: { before: string; after: string; changes: TextChange[]; changed: boolean };
  sections: SectionDiff[];
  counts: Record<SectionStatus, number> & { moved: number };
  /** Nothing differs at all (title, sections, order, data). */
  identical: boolean;
}

function stableJson(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Longest common subsequence of two key lists (sections are few: plain dynamic programming). */
function commonOrder(a: readonly string[], b: readonly string[]): Set<string> {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const out = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.add(a[i]!); i++; j++; } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++; else j++;
  }
  return out;
}

function wholeText(op: ChangeOp, text: string): TextChange[] {
  const normalized = normalizedText(text);
  return normalized === '' ? [] : [{ op, text: normalized }];
}

/**
 * The difference between two versions (or a version and a draft), section by section in the
 * order of the newer version; a removed section appears where it used to be.
 */
export function diffVersions(before: DiffSide, after: DiffSide): DocumentDiff {
  const oldSections = new Map(before.content.sections.map((s) => [s.key, s]));
  const newSections = new Map(after.content.sections.map((s) => [s.key, s]));
  const commonKeysInOldOrder = before.content.sections.map((s) => s.key).filter((k) => newSections.has(k));
  const commonKeysInNewOrder = after.content.sections.map((s) => s.key).filter((k) => oldSections.has(k));
  const inPlace = commonOrder(commonKeysInOldOrder, commonKeysInNewOrder);

  // Removed sections follow the nearest earlier section that still exists (or open the list).
  const removedAfter = new Map<string | null, Section[]>();
  let anchor: string | null = null;
  for (const section of before.content.sections) {
    if (newSections.has(section.key)) { anchor = section.key; continue; }
    const list = removedAfter.get(anchor) ?? [];
    list.push(section);
    removedAfter.set(anchor, list);
  }

  const sections: SectionDiff[] = [];
  const pushRemoved = (key: string | null) => {
    for (const s of removedAfter.get(key) ?? []) {
      sections.push({
        key: s.key, status: 'removed', heading: s.heading, headingBefore: s.heading, headingAfter: null,
        headingChanges: wholeText('delete', s.heading), bodyChanges: wholeText('delete', s.body), dataChanged: s.data !== undefined, moved: false,
      });
    }
  };
  pushRemoved(null);
  for (const s of after.content.sections) {
    const old = oldSections.get(s.key);
    if (!old) {
      sections.push({
        key: s.key, status: 'added', heading: s.heading, headingBefore: null, headingAfter: s.heading,
        headingChanges: wholeText('insert', s.heading), bodyChanges: wholeText('insert', s.body), dataChanged: s.data !== undefined, moved: false,
      });
    } else {
      const headingSame = normalizedText(old.heading) === normalizedText(s.heading);
      const bodySame = normalizedText(old.body) === normalizedText(s.body);
      const dataChanged = stableJson(old.data) !== stableJson(s.data);
      const changed = !headingSame || !bodySame || dataChanged;
      sections.push({
        key: s.key, status: changed ? 'changed' : 'unchanged', heading: s.heading, headingBefore: old.heading, headingAfter: s.heading,
        headingChanges: headingSame ? wholeText('equal', s.heading) : diffWords(old.heading, s.heading),
        bodyChanges: bodySame ? wholeText('equal', s.body) : diffWords(old.body, s.body),
        dataChanged, moved: !inPlace.has(s.key),
      });
    }
    pushRemoved(s.key);
  }

  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0, moved: 0 };
  for (const s of sections) {
    counts[s.status]++;
    if (s.moved) counts.moved++;
  }
  const titleChanged = normalizedText(before.title) !== normalizedText(after.title);
  return {
    title: { before: before.title, after: after.title, changes: titleChanged ? diffWords(before.title, after.title) : wholeText('equal', after.title), changed: titleChanged },
    sections,
    counts,
    identical: !titleChanged && counts.added + counts.removed + counts.changed + counts.moved === 0,
  };
}
