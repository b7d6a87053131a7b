import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { newId, nowIso } from '../db/helpers.js';
import { pseudonymOf, type AuditEntry } from '../audit.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import type { Actor } from '../policy.js';
import {
  MAX_DECISION_REFERENCE_LENGTH, MAX_SUMMARY_LENGTH, MAX_TITLE_LENGTH, checkContent, diffVersions, emptyContent,
  type DocumentContent, type DocumentDiff,
} from './model.js';
import type { DocumentTable, DocumentVersionTable } from './store.js';

/**
 * Versioned documents: a working draft and numbered, immutable published versions.
 *
 * These functions are building blocks for a capability's use cases: they run inside the use
 * case's transaction (`tx`) after its policy check, and the changing ones return the audit
 * entries for the use case to hand back (`execute` appends them in the same transaction). They
 * check tenancy (a document of another municipality is "not found") but no policy: who may
 * edit or publish a neighbourhood picture is the picture capability's rule.
 */
type Db = Kysely<Database>;

// ---- document kinds -----------------------------------------------------------------------------

const KIND = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/;
const kinds = new Map<string, { labelKey?: string }>();

/** A capability registers the kinds of document it keeps (at import time, from its index.ts). */
export function registerDocumentKind(kind: string, options: { labelKey?: string } = {}): void {
  if (!KIND.test(kind)) throw new Error(`Document kind "${kind}" must look like "picture" or "agenda.future"`);
  kinds.set(kind, options);
}

export function isDocumentKind(kind: string): boolean {
  return kinds.has(kind);
}

export function documentKinds(): Array<{ kind: string; labelKey?: string }> {
  return [...kinds].map(([kind, options]) => ({ kind, ...options }));
}

// ---- types ---------------------------------------------------------------------------------------

export interface DocumentRef {
  municipalityId: string;
  documentId: string;
}

export interface Draft {
  title: string;
  content: DocumentContent;
}

export interface VersionedDocument {
  id: string;
  municipalityId: string;
  kind: string;
  ownerType: string;
  ownerId: string;
  title: string;
  draft: Draft | null;
  publishedVersion: number | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface VersionSummary {
  documentId: string;
  number: number;
  title: string;
  summary: string;
  publishedAt: string;
  /** Audit pseudonym of the publisher (resolvable while the person exists), or null. */
  publishedBy: string | null;
  decisionReference: string | null;
}

export interface DocumentVersion extends VersionSummary {
  content: DocumentContent;
}

export interface Changed<T> {
  result: T;
  audit: AuditEntry[];
}

function toDocument(row: DocumentTable): VersionedDocument {
  return {
    id: row.id, municipalityId: row.municipality_id, kind: row.kind, ownerType: row.owner_type, ownerId: row.owner_id, title: row.title,
    draft: row.current_draft ? (JSON.parse(row.current_draft) as Draft) : null,
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    revision: Number(row.revision), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function toSummary(row: Omit<DocumentVersionTable, 'content'>): VersionSummary {
  return {
    documentId: row.document_id, number: Number(row.number), title: row.title, summary: row.summary, publishedAt: row.published_at,
    publishedBy: row.published_by, decisionReference: row.decision_reference,
  };
}

const summaryColumns = ['document_id', 'number', 'title', 'summary', 'published_at', 'published_by', 'decision_reference'] as const;

function contentHash(content: DocumentContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

// ---- validation ----------------------------------------------------------------------------------

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function checkLine(issues: FieldIssue[], field: string, value: unknown, max: number, required: boolean): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) issues.push({ field, key: 'validation.required' });
    return null;
  }
  if (typeof value !== 'string') { issues.push({ field, key: 'validation.type' }); return null; }
  const clean = value.trim();
  if (clean.length > max) issues.push({ field, key: 'validation.tooLong', params: { maximum: max } });
  else if (CONTROL.test(clean) || /[\r\n]/.test(clean)) issues.push({ field, key: 'validation.controlChars' });
  return clean;
}

function checkLongText(issues: FieldIssue[], field: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    issues.push({ field, key: 'validation.required' });
    return null;
  }
  if (typeof value !== 'string') { issues.push({ field, key: 'validation.type' }); return null; }
  const clean = value.replace(/\r\n?/g, '\n').trim();
  if (clean.length > max) issues.push({ field, key: 'validation.tooLong', params: { maximum: max } });
  else if (CONTROL.test(clean)) issues.push({ field, key: 'validation.controlChars' });
  return clean;
}

function validDraft(title: unknown, content: unknown): Draft {
  const issues: FieldIssue[] = [];
  const cleanTitle = checkLine(issues, 'title', title, MAX_TITLE_LENGTH, true);
  const checked = checkContent(content);
  issues.push(...checked.issues);
  if (issues.length) throw new ValidationError(issues);
  return { title: cleanTitle!, content: checked.content };
}

// ---- reading -------------------------------------------------------------------------------------

export async function getDocument(db: Db, ref: DocumentRef): Promise<VersionedDocument | null> {
  const row = await db.selectFrom('documents').selectAll()
    .where('id', '=', ref.documentId).where('municipality_id', '=', ref.municipalityId).executeTakeFirst();
  return row ? toDocument(row) : null;
}

async function requireDocument(db: Db, ref: DocumentRef): Promise<VersionedDocument> {
  const document = await getDocument(db, ref);
  if (!document) throw new NotFoundError();
  return document;
}

/** The documents that belong to something (an area, an agenda), oldest first. */
export async function documentsOwnedBy(db: Db, owner: { municipalityId: string; ownerType: string; ownerId: string; kind?: string }): Promise<VersionedDocument[]> {
  let query = db.selectFrom('documents').selectAll()
    .where('municipality_id', '=', owner.municipalityId).where('owner_type', '=', owner.ownerType).where('owner_id', '=', owner.ownerId);
  if (owner.kind) query = query.where('kind', '=', owner.kind);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(toDocument);
}

/** Published versions, newest first (without their content). */
export async function versionsOf(db: Db, ref: DocumentRef): Promise<VersionSummary[]> {
  await requireDocument(db, ref);
  const rows = await db.selectFrom('document_versions').select(summaryColumns)
    .where('document_id', '=', ref.documentId).orderBy('number', 'desc').execute();
  return rows.map(toSummary);
}

export async function getVersion(db: Db, ref: DocumentRef, number: number): Promise<DocumentVersion | null> {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const row = await db.selectFrom('document_versions').innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select(summaryColumns.map((c) => `document_versions.${c}` as const)).select('document_versions.content')
    .where('document_versions.document_id', '=', ref.documentId).where('documents.municipality_id', '=', ref.municipalityId)
    .where('document_versions.number', '=', number).executeTakeFirst();
  return row ? { ...toSummary(row), content: JSON.parse(row.content) as DocumentContent } : null;
}

/** The latest published version, or null before the first publication. */
export async function latestVersion(db: Db, ref: DocumentRef): Promise<DocumentVersion | null> {
  const document = await getDocument(db, ref);
  return document?.publishedVersion ? getVersion(db, ref, document.publishedVersion) : null;
}

/** The difference between two published versions (either order; `from` is shown as the older side). */
export async function compare(db: Db, ref: DocumentRef, fromNumber: number, toNumber: number): Promise<DocumentDiff> {
  const [from, to] = await Promise.all([getVersion(db, ref, fromNumber), getVersion(db, ref, toNumber)]);
  if (!from || !to) throw new NotFoundError();
  return diffVersions(from, to);
}

/** What publishing the draft would change: latest published version (or nothing) against the draft. Null without a draft. */
export async function compareDraft(db: Db, ref: DocumentRef): Promise<DocumentDiff | null> {
  const document = await requireDocument(db, ref);
  if (!document.draft) return null;
  const latest = document.publishedVersion ? await getVersion(db, ref, document.publishedVersion) : null;
  return diffVersions(latest ?? { title: document.title, content: emptyContent }, document.draft);
}

// ---- changing ------------------------------------------------------------------------------------

export interface CreateDocumentInput {
  municipalityId: string;
  kind: string;
  ownerType: string;
  ownerId: string;
  title: string;
  /** Optional first draft. */
  content?: DocumentContent;
}

export async function createDocument(tx: Db, input: CreateDocumentInput): Promise<Changed<VersionedDocument>> {
  if (!isDocumentKind(input.kind)) throw new Error(`Unknown document kind "${input.kind}": register it with registerDocumentKind`);
  if (!input.ownerType || !input.ownerId) throw new Error('A document needs an owner (ownerType and ownerId)');
  const draft = input.content ? validDraft(input.title, input.content) : null;
  const issues: FieldIssue[] = [];
  const title = draft?.title ?? checkLine(issues, 'title', input.title, MAX_TITLE_LENGTH, true);
  if (issues.length) throw new ValidationError(issues);
  const now = nowIso();
  const row: DocumentTable = {
    id: newId(), municipality_id: input.municipalityId, kind: input.kind, owner_type: input.ownerType, owner_id: input.ownerId,
    title: title!, current_draft: draft ? JSON.stringify(draft) : null, published_version: null, revision: 1, created_at: now, updated_at: now,
  };
  await tx.insertInto('documents').values(row).execute();
  return {
    result: toDocument(row),
    audit: [{
      action: 'document.create', entityType: 'document', entityId: row.id, municipalityId: row.municipality_id,
      after: { kind: row.kind, owner_type: row.owner_type, owner_id: row.owner_id, title: row.title, sections: draft?.content.sections.length ?? 0 },
    }],
  };
}

export interface SaveDraftInput extends DocumentRef {
  title: string;
  content: DocumentContent;
  /** The revision the editor started from; a save over someone else's newer change is refused (409). */
  expectedRevision?: number;
}

export async function saveDraft(tx: Db, input: SaveDraftInput): Promise<Changed<VersionedDocument>> {
  const draft = validDraft(input.title, input.content);
  const before = await requireDocument(tx, input);
  if (input.expectedRevision !== undefined && input.expectedRevision !== before.revision) throw new ConflictError('versions.draftChanged');
  const now = nowIso();
  const result = await tx.updateTable('documents')
    .set((eb) => ({ current_draft: JSON.stringify(draft), revision: eb('revision', '+', 1), updated_at: now }))
    .where('id', '=', input.documentId).where('municipality_id', '=', input.municipalityId)
    .$if(input.expectedRevision !== undefined, (q) => q.where('revision', '=', input.expectedRevision!))
    .returningAll().executeTakeFirst();
  if (!result) throw new ConflictError('versions.draftChanged');
  const after = toDocument(result);
  return {
    result: after,
    audit: [{
      action: 'document.saveDraft', entityType: 'document', entityId: after.id, municipalityId: after.municipalityId,
      before: { revision: before.revision, title: before.draft?.title ?? null, draft_sha256: before.draft ? contentHash(before.draft.content) : null },
      after: { revision: after.revision, title: draft.title, sections: draft.content.sections.length, draft_sha256: contentHash(draft.content) },
    }],
  };
}

export async function discardDraft(tx: Db, ref: DocumentRef & { expectedRevision?: number }): Promise<Changed<VersionedDocument>> {
  const before = await requireDocument(tx, ref);
  if (!before.draft) throw new ConflictError('versions.noDraft');
  const row = await tx.updateTable('documents')
    .set((eb) => ({ current_draft: null, revision: eb('revision', '+', 1), updated_at: nowIso() }))
    .where('id', '=', ref.documentId).where('municipality_id', '=', ref.municipalityId).where('revision', '=', ref.expectedRevision ?? before.revision)
    .returningAll().executeTakeFirst();
  if (!row) throw new ConflictError('versions.draftChanged');
  return {
    result: toDocument(row),
    audit: [{
      action: 'document.discardDraft', entityType: 'document', entityId: ref.documentId, municipalityId: ref.municipalityId,
      before: { revision: before.revision, title: before.draft.title, draft_sha256: contentHash(before.draft.content) }, after: { revision: Number(row.revision) },
    }],
  };
}

export interface PublishInput extends DocumentRef {
  /** What changed, in a sentence or two; shown in the version history. */
  summary: string;
  /** Who publishes: stored as their audit pseudonym, never as a person id. */
  publishedBy: Actor;
  decisionReference?: string | null;
  /** The revision the publisher reviewed; publishing a draft that changed since is refused (409). */
  expectedRevision?: number;
}

/**
 * Publish the draft as the next version. The version number comes from one atomic UPDATE of the
 * document row that also clears the draft, conditional on the revision that was read: two
 * concurrent publishes serialise on that row (PostgreSQL row lock, SQLite write lock), the
 * second sees the new revision and gets "no draft" or "draft changed" instead of a duplicate
 * number; the primary key (document_id, number) is the last line of defence.
 */
export async function publishDraft(tx: Db, input: PublishInput): Promise<Changed<DocumentVersion>> {
  const issues: FieldIssue[] = [];
  const summary = checkLongText(issues, 'summary', input.summary, MAX_SUMMARY_LENGTH);
  const decisionReference = checkLine(issues, 'decisionReference', input.decisionReference, MAX_DECISION_REFERENCE_LENGTH, false);
  if (issues.length) throw new ValidationError(issues);
  const document = await requireDocument(tx, input);
  if (!document.draft) throw new ConflictError('versions.noDraft');
  if (input.expectedRevision !== undefined && input.expectedRevision !== document.revision) throw new ConflictError('versions.draftChanged');
  const now = nowIso();
  const claimed = await tx.updateTable('documents')
    .set((eb) => ({
      published_version: eb(eb.fn.coalesce('published_version', eb.lit(0)), '+', 1),
      title: document.draft!.title, current_draft: null, revision: eb('revision', '+', 1), updated_at: now,
    }))
    .where('id', '=', document.id).where('revision', '=', document.revision).where('current_draft', 'is not', null)
    .returning(['published_version', 'revision']).executeTakeFirst();
  if (!claimed) throw new ConflictError('versions.draftChanged');
  const publishedBy = input.publishedBy.kind === 'person' ? await pseudonymOf(tx, input.publishedBy.personId) : null;
  const row: DocumentVersionTable = {
    document_id: document.id, number: Number(claimed.published_version), title: document.draft.title, content: JSON.stringify(document.draft.content),
    summary: summary!, published_at: now, published_by: publishedBy, decision_reference: decisionReference,
  };
  await tx.insertInto('document_versions').values(row).execute();
  return {
    result: { ...toSummary(row), content: document.draft.content },
    audit: [{
      action: 'document.publish', entityType: 'document', entityId: document.id, municipalityId: document.municipalityId,
      before: { published_version: document.publishedVersion, revision: document.revision },
      after: {
        published_version: row.number, revision: Number(claimed.revision), title: row.title, summary: row.summary, decision_reference: row.decision_reference,
        sections: document.draft.content.sections.length, content_sha256: contentHash(document.draft.content),
      },
    }],
  };
}
