import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { defaultLocale, translator, type Translate } from '../../platform/i18n/index.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { longText } from '../../platform/validation.js';
import {
  createDocument, discardDraft, documentsOwnedBy, editedSections, renumbered, revisionField, MAX_SUMMARY_LENGTH, publishDraft, registerDocumentKind, saveDraft,
  type DocumentContent, type DocumentRef, type VersionedDocument,
} from '../../platform/versions/index.js';
import { parseAreaCode, tenantArea } from '../areas/index.js';
import { listOrganisations } from '../parties/index.js';
import { areaStatistics } from '../statistics/index.js';
import { composeContent, keptFreeSections, MAX_EXTRA_SECTIONS, MAX_FREE_BODY, splitContent, STANDARD_FREE_SECTIONS, type StandardFreeSection } from './model.js';
import { assembleParts, type PictureArea } from './parts.js';
import { pictureActions as actions, pictureResource, RESIDENT_ORGANISATION_KINDS } from './policy.js';
import './parts/index.js';

/**
 * Use cases of the neighbourhood picture (policy → validation → one transaction → audit). One
 * versioned document per area (kind "picture.area", owned by ("area", code)); the draft holds the
 * free sections the neighbourhood writes, and publishing assembles every registered part for the
 * area and year, stores it beside the free sections as the next version and so freezes it.
 */
export const PICTURE_KIND = 'picture.area';
registerDocumentKind(PICTURE_KIND, { labelKey: 'picture.title' });

/** The language a version's stored headings and plain text are written in (pages show every language from the data). */
export const DOCUMENT_LOCALE = defaultLocale;

export const picturePath = (slug: string, code: string) => `/${slug}/gebieden/${code}/wijkbeeld`;

/** A district or neighbourhood of this municipality, or null (municipalities have no picture of their own). */
export async function pictureArea(db: Db, tenant: Tenant, rawCode: string, t: Translate): Promise<PictureArea | null> {
  const parsed = parseAreaCode(rawCode);
  if (!parsed || parsed.kind === 'municipality') return null;
  const area = await tenantArea(db, tenant, rawCode, t);
  return area ? { code: area.code, title: area.title, kind: parsed.kind, path: area.path } : null;
}

/** The resource an area's picture is judged on: the area's path and its resident organisations. */
export async function pictureResourceOf(db: Db, tenant: Tenant, area: PictureArea) {
  const codes = area.path.filter((code) => !code.startsWith('GM'));
  const ids: string[] = [];
  for (const areaCode of codes) ids.push(...(await listOrganisations(db, tenant.id, { kinds: RESIDENT_ORGANISATION_KINDS, areaCode })).map((o) => o.id));
  return pictureResource(tenant.id, area.path, ids);
}

/** The year a picture speaks for: the latest year with figures for the area, else the current year. */
export async function pictureYear(db: Db, tenant: Tenant, areaCode: string): Promise<number> {
  return (await areaStatistics(db, tenant.id, areaCode))?.year ?? Number(new Date().toLocaleString('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric' }));
}

/** The area's picture document, or null before anyone saved a first draft. */
export async function pictureOf(db: Db, municipalityId: string, areaCode: string): Promise<VersionedDocument | null> {
  const [document] = await documentsOwnedBy(db, { municipalityId, ownerType: 'area', ownerId: areaCode, kind: PICTURE_KIND });
  return document ?? null;
}

export const refOf = (document: VersionedDocument): DocumentRef => ({ municipalityId: document.municipalityId, documentId: document.id });

/** What publishing now would store: the parts assembled live beside the draft's free sections. Null without a draft. */
export async function assembledDraft(db: Db, tenant: Tenant, area: PictureArea, document: VersionedDocument | null): Promise<{ title: string; content: DocumentContent; year: number } | null> {
  if (!document?.draft) return null;
  const year = await pictureYear(db, tenant, area.code);
  const parts = await assembleParts(db, { tenant, area, year }, DOCUMENT_LOCALE);
  return { title: document.draft.title, content: composeContent(parts, splitContent(document.draft.content).free, year), year };
}

async function requireArea(db: Db, ctx: Context, code: string): Promise<PictureArea> {
  const area = ctx.tenant ? await pictureArea(db, ctx.tenant, code, translator(DOCUMENT_LOCALE)) : null;
  if (!area) throw new NotFoundError();
  return area;
}

/** The document within the transaction; on PostgreSQL the municipality's row is locked first, so two first drafts make one document. */
async function lockedPicture(tx: Tx, ctx: Context, areaCode: string): Promise<VersionedDocument | null> {
  if (ctx.platform.engine === 'postgres') await tx.selectFrom('municipalities').select('id').where('id', '=', ctx.tenant!.id).forUpdate().execute();
  return pictureOf(tx, ctx.tenant!.id, areaCode);
}

const areaCode = z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' });



const defaultHeading = (key: StandardFreeSection) => translator(DOCUMENT_LOCALE)(`picture.free.${key}`);

export const savePictureDraft = defineUseCase({
  action: actions.edit,
  input: z.object({
    areaCode,
    title: z.unknown(),
    sections: z.array(z.unknown(), { error: 'validation.type' }).max(STANDARD_FREE_SECTIONS.length + MAX_EXTRA_SECTIONS + 1, { message: 'validation.tooBig' }),
    expectedRevision: revisionField,
  }),
  async resource(tx, input, ctx) {
    return pictureResourceOf(tx, ctx.tenant!, await requireArea(tx, ctx, input.areaCode));
  },
  async run(tx, input, ctx) {
    const area = await requireArea(tx, ctx, input.areaCode);
    const kept = keptFreeSections(editedSections(input.sections, { maxBody: MAX_FREE_BODY }), defaultHeading);
    if (kept.issues.length) throw new ValidationError(kept.issues);
    const existing = await lockedPicture(tx, ctx, area.code);
    const title = typeof input.title === 'string' ? input.title : '';
    const content = { sections: kept.sections };
    try {
      if (!existing) {
        if (input.expectedRevision) throw new ConflictError('versions.draftChanged');
        const created = await createDocument(tx, { municipalityId: ctx.tenant!.id, kind: PICTURE_KIND, ownerType: 'area', ownerId: area.code, title, content });
        return { result: { documentId: created.result.id, revision: created.result.revision }, audit: created.audit };
      }
      if (input.expectedRevision === 0) throw new ConflictError('versions.draftChanged');
      const saved = await saveDraft(tx, { ...refOf(existing), title, content, expectedRevision: input.expectedRevision });
      return { result: { documentId: saved.result.id, revision: saved.result.revision }, audit: saved.audit };
    } catch (error) {
      throw error instanceof ValidationError ? renumbered(error, kept.positions) : error;
    }
  },
});

export const publishPicture = defineUseCase({
  action: actions.edit,
  input: z.object({ areaCode, summary: longText(MAX_SUMMARY_LENGTH), expectedRevision: revisionField }),
  async resource(tx, input, ctx) {
    return pictureResourceOf(tx, ctx.tenant!, await requireArea(tx, ctx, input.areaCode));
  },
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    const area = await requireArea(tx, ctx, input.areaCode);
    const document = await lockedPicture(tx, ctx, area.code);
    if (!document?.draft) throw new ConflictError('versions.noDraft');
    if (input.expectedRevision !== undefined && input.expectedRevision !== document.revision) throw new ConflictError('versions.draftChanged');
    // The parts as they are now become the version's snapshot: the draft is completed with them and published in this transaction.
    const assembled = (await assembledDraft(tx, tenant, area, document))!;
    const saved = await saveDraft(tx, { ...refOf(document), title: assembled.title, content: assembled.content, expectedRevision: document.revision });
    const published = await publishDraft(tx, { ...refOf(document), summary: input.summary, publishedBy: ctx.actor, expectedRevision: saved.result.revision });
    return {
      result: { number: published.result.number, year: assembled.year },
      audit: [...saved.audit, ...published.audit, {
        action: 'picture.publish', entityType: 'document', entityId: document.id, municipalityId: tenant.id,
        after: { area_code: area.code, number: published.result.number, year: assembled.year, parts: splitContent(assembled.content).parts.map((p) => p.data.part) },
      }],
    };
  },
});

export const discardPictureDraft = defineUseCase({
  action: actions.edit,
  input: z.object({ areaCode, expectedRevision: revisionField }),
  async resource(tx, input, ctx) {
    return pictureResourceOf(tx, ctx.tenant!, await requireArea(tx, ctx, input.areaCode));
  },
  async run(tx, input, ctx) {
    const area = await requireArea(tx, ctx, input.areaCode);
    const document = await lockedPicture(tx, ctx, area.code);
    if (!document) throw new ConflictError('versions.noDraft');
    const discarded = await discardDraft(tx, { ...refOf(document), expectedRevision: input.expectedRevision });
    return { result: { revision: discarded.result.revision }, audit: discarded.audit };
  },
});
