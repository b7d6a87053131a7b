import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/index.js';
import { deleteFile, fileAuditEntry, findFile, registerFilePurpose, saveFile, type FileRecord } from '../../platform/files/index.js';
import { isPerson, type Resource } from '../../platform/policy.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import { defaultPublicValues, MUNICIPALITY_LOGO_PURPOSE } from '../../platform/tenancy.js';
import { choice, colour, longText, slug, text } from '../../platform/validation.js';
import {
  CBS_MUNICIPALITY_CODE, DEFAULT_ACCENT_COLOUR, DEFAULT_PRIMARY_COLOUR, LOGO_MAX_BYTES, MAX_DIVISION_YEAR, MAX_PUBLIC_VALUES,
  MIN_DIVISION_YEAR, contrastAgainstWhite, hasEnoughContrast, isReservedSlug, logoTypes,
} from './model.js';
import { municipalityActions as actions } from './policy.js';
import { indexPublicValuesOf } from './search.js';
import { cbsCodeTaken, findMunicipality, findPublicValue, listPublicValues, slugTaken, writeOrder, type PublicValueRow } from './store.js';

/**
 * Use cases of the municipality capability. Each runs through `execute` (validate → resource →
 * can → one transaction → audit); pages, the API and the command line call the same ones.
 */
function tenantResource(ctx: Context): Resource & { municipalityId: string } {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return { type: 'municipality', municipalityId: ctx.tenant.id };
}

// ---- installation level ----------------------------------------------------------------------

export const createMunicipality = defineUseCase({
  action: actions.create,
  input: z.object({
    slug: slug(),
    name: text(120),
    cbsCode: z.string({ error: 'validation.required' }).trim().toUpperCase().min(1, 'validation.required').max(20, { message: 'validation.tooLong' }),
    divisionYear: z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
      z.number({ error: (issue) => (issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? 'validation.required' : 'validation.type') }).int('validation.invalid').min(MIN_DIVISION_YEAR).max(MAX_DIVISION_YEAR))
      .default(() => new Date().getUTCFullYear()),
    primaryColour: colour().default(DEFAULT_PRIMARY_COLOUR),
    accentColour: colour().default(DEFAULT_ACCENT_COLOUR),
  }),
  async resource() {
    return { type: 'municipality', municipalityId: null };
  },
  async run(tx, input, ctx) {
    // Rules with their own messages (zod's messages are limited to the platform's keys): report all at once.
    const issues: FieldIssue[] = [];
    if (isReservedSlug(input.slug)) issues.push({ field: 'slug', key: 'municipality.slugReserved', params: { slug: input.slug } });
    else if (await slugTaken(tx, input.slug)) issues.push({ field: 'slug', key: 'municipality.slugTaken', params: { slug: input.slug } });
    if (!CBS_MUNICIPALITY_CODE.test(input.cbsCode)) issues.push({ field: 'cbsCode', key: 'municipality.cbsCodeFormat' });
    else if (await cbsCodeTaken(tx, input.cbsCode)) issues.push({ field: 'cbsCode', key: 'municipality.cbsCodeTaken', params: { code: input.cbsCode } });
    issues.push(...contrastIssues(ctx, { primaryColour: input.primaryColour, accentColour: input.accentColour }));
    if (issues.length) throw new ValidationError(issues);
    const id = newId();
    const now = nowIso();
    const row = {
      id, slug: input.slug, name: input.name, cbs_code: input.cbsCode, division_year: input.divisionYear,
      primary_colour: input.primaryColour, accent_colour: input.accentColour, logo_file_id: null, created_at: now, updated_at: now,
    };
    await tx.insertInto('municipalities').values(row).execute();
    await tx.insertInto('public_values').values(defaultPublicValues.map((v, position) => ({ id: newId(), municipality_id: id, position, ...v }))).execute();
    await indexPublicValuesOf(tx, id);
    return {
      result: { id, slug: input.slug },
      audit: [{
        action: 'municipality.create', entityType: 'municipality', entityId: id, municipalityId: id,
        after: { slug: row.slug, name: row.name, cbs_code: row.cbs_code, division_year: row.division_year, primary_colour: row.primary_colour, accent_colour: row.accent_colour, public_values: defaultPublicValues.length },
      }],
    };
  },
});

// ---- settings ------------------------------------------------------------------------------

/** Refuse theme colours on which white text (and links on white) would be hard to read. */
function contrastIssues(ctx: Context, colours: { primaryColour: string; accentColour: string }): FieldIssue[] {
  return (Object.entries(colours) as Array<[string, string]>)
    .filter(([, value]) => !hasEnoughContrast(value))
    .map(([field, value]) => ({ field, key: 'municipality.contrastTooLow', params: { ratio: formatNumber(ctx.locale, contrastAgainstWhite(value)), colour: value } }));
}

function checkContrast(ctx: Context, colours: { primaryColour: string; accentColour: string }): void {
  const issues = contrastIssues(ctx, colours);
  if (issues.length) throw new ValidationError(issues);
}

export const updateSettings = defineUseCase({
  action: actions.settings,
  input: z.object({ name: text(120), primaryColour: colour(), accentColour: colour() }),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    checkContrast(ctx, { primaryColour: input.primaryColour, accentColour: input.accentColour });
    const before = (await findMunicipality(tx, resource.municipalityId as string))!;
    await tx.updateTable('municipalities')
      .set({ name: input.name, primary_colour: input.primaryColour, accent_colour: input.accentColour, updated_at: nowIso() })
      .where('id', '=', before.id).execute();
    return {
      result: { id: before.id },
      audit: [{
        action: 'municipality.settings', entityType: 'municipality', entityId: before.id, municipalityId: before.id,
        before: { name: before.name, primary_colour: before.primary_colour, accent_colour: before.accent_colour },
        after: { name: input.name, primary_colour: input.primaryColour, accent_colour: input.accentColour },
      }],
    };
  },
});

// ---- logo ----------------------------------------------------------------------------------

/**
 * The logo is a file in the platform file store: checked by content (PNG, JPEG, WebP or GIF;
 * never SVG, which the file store does not take), location metadata removed, at most
 * LOGO_MAX_BYTES. Everyone may see it, so shared caches may keep it for an hour (the pages add
 * ?v= to its address, so a new logo shows at once).
 */
registerFilePurpose({
  name: MUNICIPALITY_LOGO_PURPOSE,
  maxBytes: LOGO_MAX_BYTES,
  types: logoTypes,
  readAction: actions.view,
  resource: (file) => ({ type: 'municipality', municipalityId: file.municipalityId }),
  publicMaxAge: 3600,
});

function logoSnapshot(file: FileRecord | null) {
  return { logo_file_id: file?.id ?? null, logo_type: file?.mediaType ?? null, logo_size: file?.size ?? null };
}

/** Store a new logo; the previous one (if any) is deleted in the same transaction. */
export const uploadLogo = defineUseCase({
  action: actions.settings,
  input: z.object({ logo: z.unknown(), name: z.string().max(1000).optional() }),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const before = (await findMunicipality(tx, municipalityId))!;
    const file = await saveFile(tx, ctx.platform, {
      purpose: MUNICIPALITY_LOGO_PURPOSE, municipalityId, ownerType: 'municipality', ownerId: municipalityId,
      name: input.name ?? 'logo', bytes: input.logo, createdBy: isPerson(ctx.actor) ? ctx.actor.personId : null, field: 'logo',
    });
    await tx.updateTable('municipalities').set({ logo_file_id: file.id, updated_at: nowIso() }).where('id', '=', municipalityId).execute();
    const previous = before.logo_file_id ? await deleteFile(tx, ctx.platform, before.logo_file_id) : null;
    return {
      result: { fileId: file.id, type: file.mediaType, size: file.size },
      audit: [
        {
          action: 'municipality.logo.set', entityType: 'municipality', entityId: municipalityId, municipalityId,
          before: logoSnapshot(previous), after: logoSnapshot(file),
        },
        fileAuditEntry(file, 'add'),
        ...(previous ? [fileAuditEntry(previous, 'delete')] : []),
      ],
    };
  },
});

export const removeLogo = defineUseCase({
  action: actions.settings,
  input: z.object({}),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, _input, ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const before = (await findMunicipality(tx, municipalityId))!;
    const current = before.logo_file_id ? await findFile(tx, before.logo_file_id) : null;
    if (!current) throw ValidationError.field('logo', 'municipality.noLogo');
    await tx.updateTable('municipalities').set({ logo_file_id: null, updated_at: nowIso() }).where('id', '=', municipalityId).execute();
    await deleteFile(tx, ctx.platform, current.id);
    return {
      result: { removed: true },
      audit: [
        {
          action: 'municipality.logo.remove', entityType: 'municipality', entityId: municipalityId, municipalityId,
          before: logoSnapshot(current), after: logoSnapshot(null),
        },
        fileAuditEntry(current, 'delete'),
      ],
    };
  },
});

// ---- public values ---------------------------------------------------------------------------

const publicValueFields = {
  nameNl: text(120),
  nameEn: text(120),
  descriptionNl: longText(1000),
  descriptionEn: longText(1000),
};

function publicValueSnapshot(v: Pick<PublicValueRow, 'position' | 'name_nl' | 'name_en' | 'description_nl' | 'description_en'>) {
  return { position: v.position, name_nl: v.name_nl, name_en: v.name_en, description_nl: v.description_nl, description_en: v.description_en };
}

async function existingValue(tx: Tx, ctx: Context, id: string): Promise<PublicValueRow> {
  const row = await findPublicValue(tx, tenantResource(ctx).municipalityId, id);
  if (!row) throw new NotFoundError();
  return row;
}

export const addPublicValue = defineUseCase({
  action: actions.publicValues,
  input: z.object(publicValueFields),
  async resource(_tx, _input, ctx) {
    return tenantResource(ctx);
  },
  async run(tx, input, _ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const existing = await listPublicValues(tx, municipalityId);
    if (existing.length >= MAX_PUBLIC_VALUES) throw new ConflictError('municipality.tooManyPublicValues', { maximum: MAX_PUBLIC_VALUES });
    const row = {
      id: newId(), municipality_id: municipalityId, position: existing.length,
      name_nl: input.nameNl, name_en: input.nameEn, description_nl: input.descriptionNl, description_en: input.descriptionEn,
    };
    await tx.insertInto('public_values').values(row).execute();
    await indexPublicValuesOf(tx, municipalityId);
    return { result: { id: row.id }, audit: [{ action: 'publicValue.add', entityType: 'public_value', entityId: row.id, municipalityId, after: publicValueSnapshot(row) }] };
  },
});

export const updatePublicValue = defineUseCase({
  action: actions.publicValues,
  input: z.object({ id: z.string().max(64), ...publicValueFields }),
  async resource(tx, input, ctx) {
    await existingValue(tx, ctx, input.id);
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const before = await existingValue(tx, ctx, input.id);
    const after = { ...before, name_nl: input.nameNl, name_en: input.nameEn, description_nl: input.descriptionNl, description_en: input.descriptionEn };
    await tx.updateTable('public_values')
      .set({ name_nl: after.name_nl, name_en: after.name_en, description_nl: after.description_nl, description_en: after.description_en })
      .where('id', '=', before.id).where('municipality_id', '=', resource.municipalityId as string).execute();
    await indexPublicValuesOf(tx, resource.municipalityId as string);
    return { result: { id: before.id }, audit: [{ action: 'publicValue.update', entityType: 'public_value', entityId: before.id, municipalityId: before.municipality_id, before: publicValueSnapshot(before), after: publicValueSnapshot(after) }] };
  },
});

export const movePublicValue = defineUseCase({
  action: actions.publicValues,
  input: z.object({ id: z.string().max(64), direction: choice(['up', 'down']) }),
  async resource(tx, input, ctx) {
    await existingValue(tx, ctx, input.id);
    return tenantResource(ctx);
  },
  async run(tx, input, _ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const ids = (await listPublicValues(tx, municipalityId)).map((v) => v.id);
    const from = ids.indexOf(input.id);
    const to = input.direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) throw ValidationError.field('direction', input.direction === 'up' ? 'municipality.alreadyFirst' : 'municipality.alreadyLast');
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await writeOrder(tx, municipalityId, ids);
    return { result: { id: input.id, position: to }, audit: [{ action: 'publicValue.move', entityType: 'public_value', entityId: input.id, municipalityId, before: { position: from }, after: { position: to } }] };
  },
});

export const removePublicValue = defineUseCase({
  action: actions.publicValues,
  input: z.object({ id: z.string().max(64) }),
  async resource(tx, input, ctx) {
    await existingValue(tx, ctx, input.id);
    return tenantResource(ctx);
  },
  async run(tx, input, ctx, resource) {
    const municipalityId = resource.municipalityId as string;
    const all = await listPublicValues(tx, municipalityId);
    const before = await existingValue(tx, ctx, input.id);
    // Later capabilities link their work to a public value: a municipality always keeps at least one.
    if (all.length <= 1) throw new ConflictError('municipality.lastPublicValue');
    await tx.deleteFrom('public_values').where('id', '=', before.id).where('municipality_id', '=', municipalityId).execute();
    await writeOrder(tx, municipalityId, all.filter((v) => v.id !== before.id).map((v) => v.id));
    await indexPublicValuesOf(tx, municipalityId);
    return { result: { removed: true }, audit: [{ action: 'publicValue.remove', entityType: 'public_value', entityId: before.id, municipalityId, before: publicValueSnapshot(before) }] };
  },
});
