import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Resource } from '../../platform/policy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import {
  createDocument, discardDraft, documentsOwnedBy, editedSections, renumbered, revisionField, publishDraft, registerDocumentKind, saveDraft,
  type DocumentRef, type VersionedDocument,
} from '../../platform/versions/index.js';
import { keptSections, MAX_HOUSE_RULES_SECTIONS } from './model.js';
import { municipalityActions as actions } from './policy.js';

/**
 * The municipality's house rules for contributions ("Huisregels voor bijdragen"): what residents
 * may write in comments, interpretations and stories, how moderation works and how to object.
 *
 * The first capability use of the platform's versions module, and the example to copy: one
 * versioned document per municipality (kind "municipality.house-rules", owned by the
 * municipality), a working draft that administrators edit, and numbered published versions that
 * never change. Each change is a use case (policy → validation → one transaction → audit); the
 * versions module's building blocks run inside it and hand back their audit entries.
 */
export const HOUSE_RULES_KIND = 'municipality.house-rules';
registerDocumentKind(HOUSE_RULES_KIND, { labelKey: 'municipality.houseRules.title' });

type Db = Context['platform']['db'];

function tenantResource(ctx: Context): Resource & { municipalityId: string } {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return { type: 'municipality', municipalityId: ctx.tenant.id };
}

/** The house rules document of a municipality, or null before anyone saved a first draft. */
export async function houseRulesOf(db: Db, municipalityId: string): Promise<VersionedDocument | null> {
  const [document] = await documentsOwnedBy(db, { municipalityId, ownerType: 'municipality', ownerId: municipalityId, kind: HOUSE_RULES_KIND });
  return document ?? null;
}

/** The reference the versions module reads by, or null when there is no document yet. */
export async function houseRulesRef(db: Db, municipalityId: string): Promise<(DocumentRef & { document: VersionedDocument }) | null> {
  const document = await houseRulesOf(db, municipalityId);
  return document ? { municipalityId, documentId: document.id, document } : null;
}

/**
 * The document within the use case's transaction. On PostgreSQL the municipality's row is locked
 * first, so two administrators saving the very first draft at once make one document, not two
 * (SQLite allows one writer at a time anyway).
 */
async function lockedHouseRules(tx: Tx, ctx: Context, municipalityId: string): Promise<VersionedDocument | null> {
  if (ctx.platform.engine === 'postgres') {
    await tx.selectFrom('municipalities').select('id').where('id', '=', municipalityId).forUpdate().execute();
  }
  return houseRulesOf(tx, municipalityId);
}

/** Publishing and discarding need a draft, so at least a document: without one there is "no draft". */
async function existingHouseRules(tx: Tx, ctx: Context, resource: Resource): Promise<DocumentRef> {
  const municipalityId = resource.municipalityId as string;
  const existing = await lockedHouseRules(tx, ctx, municipalityId);
  if (!existing) throw new ConflictError('versions.noDraft');
  return { municipalityId, documentId: existing.id };
}




export const saveHouseRulesDraft = defineUseCase({
  action: actions.houseRules,
  input: z.object({
    title: z.unknown(),
    sections: z.array(z.unknown(), { error: 'validation.type' }).max(MAX_HOUSE_RULES_SECTIONS + 1, { message: 'validation.tooBig' }),
    expectedRevision: revisionField,
  }),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const { sections, positions } = keptSections(editedSections(input.sections));
    if (sections.length === 0) throw ValidationError.field('sections', 'municipality.houseRules.noSections');
    if (sections.length > MAX_HOUSE_RULES_SECTIONS) throw ValidationError.field('sections', 'municipality.houseRules.tooManySections', { maximum: MAX_HOUSE_RULES_SECTIONS });
    const existing = await lockedHouseRules(tx, ctx, municipalityId);
    const title = typeof input.title === 'string' ? input.title : '';
    try {
      if (!existing) {
        if (input.expectedRevision) throw new ConflictError('versions.draftChanged');
        const created = await createDocument(tx, { municipalityId, kind: HOUSE_RULES_KIND, ownerType: 'municipality', ownerId: municipalityId, title, content: { sections } });
        return { result: { documentId: created.result.id, revision: created.result.revision }, audit: created.audit };
      }
      // Someone else created the document after this editor opened an empty form.
      if (input.expectedRevision === 0) throw new ConflictError('versions.draftChanged');
      const saved = await saveDraft(tx, { municipalityId, documentId: existing.id, title, content: { sections }, expectedRevision: input.expectedRevision });
      return { result: { documentId: saved.result.id, revision: saved.result.revision }, audit: saved.audit };
    } catch (error) {
      throw error instanceof ValidationError ? renumbered(error, positions) : error;
    }
  },
});

export const publishHouseRules = defineUseCase({
  action: actions.houseRules,
  input: z.object({ summary: z.unknown(), expectedRevision: revisionField }),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const ref = await existingHouseRules(tx, ctx, resource);
    const published = await publishDraft(tx, { ...ref, summary: input.summary as string, publishedBy: ctx.actor, expectedRevision: input.expectedRevision });
    return { result: { number: published.result.number }, audit: published.audit };
  },
});

export const discardHouseRulesDraft = defineUseCase({
  action: actions.houseRules,
  input: z.object({ expectedRevision: revisionField }),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const discarded = await discardDraft(tx, { ...(await existingHouseRules(tx, ctx, resource)), expectedRevision: input.expectedRevision });
    return { result: { revision: discarded.result.revision }, audit: discarded.audit };
  },
});
