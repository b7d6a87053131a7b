import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { authorize, defineUseCase } from '../../platform/service.js';
import { findTenantById, type Tenant } from '../../platform/tenancy.js';
import { choice, parseInput, text } from '../../platform/validation.js';
import {
  BAND_COUNT, checkIndexDefinition, DIRECTIONS, INDEX_KINDS, INDEX_PARTS, indicatorsOfIndex, MAX_WEIGHT, scoreIndex, SCORE_MAX, SCORE_MIN,
  SHIPPED_INDICES, type AreaIndexScore, type AreaValues, type IndexDefinition, type IndexScores,
} from './indices.js';
import { saveIndexDefinition, storedIndexDefinition, storedIndexDefinitions } from './indices-store.js';
import { cachedUnder, indexBasis, type IndexBasis } from './index-scores-cache.js';
import { evaluateIndicator, inputsOf, isValidStatisticsYear, MAX_STATISTICS_YEAR, MIN_STATISTICS_YEAR, unknownValue, type Indicator, type StatValue } from './model.js';
import { statisticsActions, statisticsResource } from './policy.js';
import { catalogueFor } from './service.js';
import { datasetsVisibleTo, rawValues, type ComparisonSetRow } from './store.js';

/**
 * Composite indices of a municipality: its definitions (shipped ones until it saves its own),
 * the figures they need, scores computed once per change of what they depend on (`indexComputationOf`,
 * the rule in index-scores-cache.ts), saving through a use case and a preview that writes nothing.
 */

type TenantRef = Pick<Tenant, 'id' | 'cbsCode'>;

export interface IndexDefinitionView {
  definition: IndexDefinition;
  /** 0 while the shipped definition applies. */
  version: number;
  updatedAt: string | null;
}

/** The municipality's indices: the shipped ones (or its saved versions of them), then any others it saved. */
export async function indexDefinitionsOf(db: Db, municipalityId: string): Promise<IndexDefinitionView[]> {
  const stored = await storedIndexDefinitions(db, municipalityId);
  const byId = new Map(stored.map((s) => [s.definition.id, s]));
  const views = SHIPPED_INDICES.map((shipped): IndexDefinitionView => {
    const own = byId.get(shipped.id);
    return own ? { definition: own.definition, version: own.version, updatedAt: own.updatedAt } : { definition: shipped, version: 0, updatedAt: null };
  });
  for (const s of stored) if (!SHIPPED_INDICES.some((d) => d.id === s.definition.id)) views.push({ definition: s.definition, version: s.version, updatedAt: s.updatedAt });
  return views;
}

export async function indexDefinitionOf(db: Db, municipalityId: string, id: string): Promise<IndexDefinitionView | null> {
  const stored = await storedIndexDefinition(db, municipalityId, id);
  if (stored) return { definition: stored.definition, version: stored.version, updatedAt: stored.updatedAt };
  const shipped = SHIPPED_INDICES.find((d) => d.id === id);
  return shipped ? { definition: shipped, version: 0, updatedAt: null } : null;
}

// ---- figures --------------------------------------------------------------------------------

const neighbourhoodRange = (cbsCode: string) => ({ from: `BU${cbsCode.slice(2)}`, to: `BU${cbsCode.slice(2)}~` });

/** The years in which any of the municipality's neighbourhoods has figures (national or its own), oldest first. */
export async function indexYears(db: Db, tenant: TenantRef): Promise<number[]> {
  const datasets = await datasetsVisibleTo(db, tenant.id);
  if (datasets.length === 0) return [];
  const { from, to } = neighbourhoodRange(tenant.cbsCode);
  const rows = await db.selectFrom('statistic_area_values').select('dataset_id').distinct()
    .where('dataset_id', 'in', datasets.map((d) => d.id)).where('area_code', '>=', from).where('area_code', '<', to).execute();
  const withFigures = new Set(rows.map((r) => Number(r.dataset_id)));
  return [...new Set(datasets.filter((d) => withFigures.has(d.id)).map((d) => d.year))].sort((a, b) => a - b);
}

/** The measured variables and years back that some indicators need (derived ones through their inputs). */
function inputsNeeded(ids: readonly string[], catalogue: ReadonlyMap<string, Indicator>): { variables: string[]; back: number } {
  const variables = new Set<string>();
  let back = 0;
  const visit = (id: string, offset: number, depth: number) => {
    const derivation = catalogue.get(id)?.derivation;
    if (!derivation || depth > 8) { variables.add(id); back = Math.max(back, offset); return; }
    const extra = derivation.kind === 'change' ? derivation.years : 0;
    for (const input of inputsOf(derivation)) {
      visit(input, offset, depth + 1);
      if (extra) visit(input, offset + extra, depth + 1);
    }
  };
  for (const id of ids) visit(id, 0, 0);
  return { variables: [...variables].sort(), back };
}

/**
 * The values of some indicators for every neighbourhood of the municipality with figures in a
 * year: the municipality's own figure before the national one, derived indicators evaluated as
 * everywhere else (evaluateIndicator); null where unknown.
 */
export async function neighbourhoodValues(db: Db, tenant: TenantRef, year: number, ids: readonly string[], catalogue: ReadonlyMap<string, Indicator>): Promise<Map<string, AreaValues>> {
  const available = ids.filter((id) => catalogue.has(id));
  const { variables, back } = inputsNeeded(available, catalogue);
  const years = Array.from({ length: back + 1 }, (_, i) => year - i);
  const datasets = await datasetsVisibleTo(db, tenant.id, years);
  const found = new Map<string, { local: boolean; value: StatValue }>();
  const areas = new Set<string>();
  for (const dataset of datasets) {
    const rows = await rawValues(db, [dataset], { variables, municipalityCode: tenant.cbsCode });
    const local = dataset.municipalityId !== null;
    for (const r of rows) {
      if (!r.area.startsWith('BU')) continue;
      if (dataset.year === year) areas.add(r.area);
      const key = `${r.area}|${r.variable}|${dataset.year}`;
      if (!local && found.get(key)?.local) continue;
      found.set(key, { local, value: r.unknown === null && r.value !== null ? { value: r.value, unknown: null } : unknownValue(r.unknown ?? 'missing') });
    }
  }
  const out = new Map<string, AreaValues>();
  for (const area of [...areas].sort()) {
    const lookup = (variable: string, y: number) => found.get(`${area}|${variable}|${y}`)?.value ?? unknownValue('missing');
    out.set(area, new Map(available.map((id) => [id, evaluateIndicator(id, year, catalogue, lookup).value])));
  }
  return out;
}

// ---- scores ---------------------------------------------------------------------------------

export interface IndexComputation {
  definition: IndexDefinition;
  /** The year shown; null when the municipality has no figures at all. */
  year: number | null;
  years: number[];
  /** The base year used: the definition's, or the latest year with figures when it has none. */
  baseYear: number | null;
  /** The definition's base year has no figures: nothing can be scored. */
  baseYearMissing: boolean;
  catalogue: Map<string, Indicator>;
  scores: IndexScores;
}

const emptyScores = (definition: IndexDefinition, catalogue: ReadonlyMap<string, Indicator>): IndexScores =>
  scoreIndex(definition, catalogue, new Map(), new Map());

/**
 * One index of the municipality in a year (default: the latest with figures), scored against its
 * base year. Everything is computed here, from two or three queries per year read; pages use
 * `indexComputationOf`, which computes this once per change.
 */
export async function computeIndex(db: Db, tenant: TenantRef, definition: IndexDefinition, options: { year?: number; years?: number[]; catalogue?: Indicator[] } = {}): Promise<IndexComputation> {
  const catalogue = new Map((options.catalogue ?? await catalogueFor(db, tenant.id)).map((i) => [i.id, i]));
  const years = options.years ?? await indexYears(db, tenant);
  const year = options.year ?? years[years.length - 1] ?? null;
  const baseYear = definition.baseYear ?? years[years.length - 1] ?? null;
  const baseYearMissing = baseYear !== null && !years.includes(baseYear);
  if (year === null || baseYear === null || baseYearMissing || !years.includes(year)) {
    return { definition, year, years, baseYear, baseYearMissing, catalogue, scores: emptyScores(definition, catalogue) };
  }
  const ids = indicatorsOfIndex(definition);
  const base = await neighbourhoodValues(db, tenant, baseYear, ids, catalogue);
  const current = year === baseYear ? base : await neighbourhoodValues(db, tenant, year, ids, catalogue);
  return { definition, year, years, baseYear, baseYearMissing, catalogue, scores: scoreIndex(definition, catalogue, base, current) };
}

export interface AreaIndexScores {
  id: string;
  nameNl: string;
  nameEn: string;
  kind: IndexDefinition['kind'];
  baseYear: number | null;
  year: number;
  /** Null when the area has no figures in that year. */
  score: AreaIndexScore | null;
  themes: Array<{ nameNl: string; nameEn: string; weight: number }>;
}

/** `indexYears`, computed once per change of the basis (see index-scores-cache.ts). */
export function indexYearsOf(db: Db, basis: IndexBasis): Promise<number[]> {
  return cachedUnder(db, `${basis.tenant.id}|years`, basis.fingerprint, () => indexYears(db, basis.tenant));
}

/**
 * `computeIndex` for a definition of the municipality, computed once per change of what the scores
 * depend on (the basis's fingerprint and the definition itself, see index-scores-cache.ts) and
 * then shared: treat the result as read-only. A preview's unsaved definition goes to computeIndex.
 */
export function indexComputationOf(db: Db, basis: IndexBasis, definition: IndexDefinition, year?: number): Promise<IndexComputation> {
  const key = `${basis.tenant.id}|${definition.id}|${year ?? 'latest'}`;
  return cachedUnder(db, key, `${basis.fingerprint}|${JSON.stringify(definition)}`, async () =>
    computeIndex(db, basis.tenant, definition, { year, years: await indexYearsOf(db, basis), catalogue: basis.catalogue }));
}

/**
 * For an area's page: every index of the municipality for one neighbourhood in a year — score,
 * band (0–4), objective and subjective parts, per theme (in definition order, names beside the
 * scores). Scoring needs all neighbourhoods of the municipality (the base-year reference), so it
 * is computed once per change (`indexComputationOf`) and a page reads the definitions and the
 * fingerprint only. `known` passes what the page read already (the comparison sets visible to the
 * municipality and its own indicators, see `loadAreaFigures`). Empty for an unknown municipality.
 */
export async function indexScoresOf(
  db: Db, municipality: string | TenantRef, areaCode: string, year: number,
  known: { sets?: readonly ComparisonSetRow[]; own?: readonly Indicator[] } = {},
): Promise<AreaIndexScores[]> {
  const tenant = typeof municipality === 'string' ? await findTenantById(db, municipality) : municipality;
  if (!tenant) return [];
  const [views, basis] = await Promise.all([indexDefinitionsOf(db, tenant.id), indexBasis(db, tenant, known)]);
  const computations = await Promise.all(views.map(({ definition }) => indexComputationOf(db, basis, definition, year)));
  return views.map(({ definition }, i) => ({
    id: definition.id, nameNl: definition.nameNl, nameEn: definition.nameEn, kind: definition.kind, baseYear: computations[i]!.baseYear, year,
    score: computations[i]!.scores.areas.find((a) => a.areaCode === areaCode) ?? null,
    themes: definition.themes.map((t) => ({ nameNl: t.nameNl, nameEn: t.nameEn, weight: t.weight })),
  }));
}

// ---- editing ----------------------------------------------------------------------------------

/** A number as a form sends it (a decimal comma too). */
const decimal = (min: number, max: number) => z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
  z.number({ error: (iss) => (iss.input === undefined ? 'validation.required' : 'validation.type') }).min(min, 'validation.tooSmall').max(max, 'validation.tooBig'),
);

const WEIGHT = decimal(0.1, MAX_WEIGHT);

export const indexDefinitionInput = z.object({
  id: z.string().trim().min(1).max(40).regex(/^[a-z0-9-]+$/),
  nameNl: text(80),
  nameEn: text(80),
  kind: choice(INDEX_KINDS),
  baseYear: decimal(MIN_STATISTICS_YEAR, MAX_STATISTICS_YEAR).refine(Number.isInteger, 'validation.type'),
  bands: z.array(decimal(SCORE_MIN, SCORE_MAX)).length(BAND_COUNT - 1),
  themes: z.array(z.object({
    nameNl: text(80),
    nameEn: text(80),
    weight: WEIGHT,
    indicators: z.array(z.object({
      id: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(40, 'validation.tooLong'),
      part: choice(INDEX_PARTS),
      direction: choice(DIRECTIONS),
      weight: WEIGHT,
    })).max(30, 'validation.tooBig'),
  })).max(12, 'validation.tooBig'),
});

export type IndexDefinitionInput = z.input<typeof indexDefinitionInput>;

function tenantOf(ctx: Context): Tenant {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant;
}

/** Zod's shape plus what only the catalogue knows; throws a ValidationError naming the fields. */
async function checkedDefinition(db: Db, tenant: Tenant, input: z.output<typeof indexDefinitionInput>): Promise<IndexDefinition> {
  const definition: IndexDefinition = { ...input, baseYear: input.baseYear };
  // The shipped indices' survey indicators may stay before the municipality publishes a survey round.
  const expected = SHIPPED_INDICES.flatMap((d) => d.themes.flatMap((th) => th.indicators.filter((i) => i.part === 'subjective').map((i) => i.id)));
  const catalogue = new Set([...(await catalogueFor(db, tenant.id)).map((i) => i.id), ...expected]);
  const issues = checkIndexDefinition(definition, catalogue);
  if (!isValidStatisticsYear(input.baseYear)) issues.push({ field: 'baseYear', key: 'validation.invalid' });
  if (issues.length) throw new ValidationError(issues);
  return definition;
}

/** Saves a municipality's version of an index (the next version; audited with before and after). */
export const saveIndex = defineUseCase({
  action: statisticsActions.editIndex,
  input: indexDefinitionInput,
  async resource(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    if (!(await indexDefinitionOf(tx, tenant.id, input.id))) throw new NotFoundError();
    return statisticsResource(tenant.id);
  },
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const before = await indexDefinitionOf(tx, tenant.id, input.id);
    const definition = await checkedDefinition(tx, tenant, input);
    const version = await saveIndexDefinition(tx, tenant.id, definition, nowIso());
    return {
      result: { definition, version },
      audit: [{
        action: statisticsActions.editIndex, entityType: 'statistic_index', entityId: definition.id, municipalityId: tenant.id,
        before: before ? { version: before.version, ...before.definition } : null, after: { version, ...definition },
      }],
    };
  },
});

/**
 * The preview: the same checks as saving, by someone who may save, and nothing written. Returns
 * the checked definition to score beside the current one.
 */
export async function previewIndex(ctx: Context, rawInput: unknown): Promise<IndexDefinition> {
  const tenant = tenantOf(ctx);
  authorize(ctx, statisticsActions.editIndex, statisticsResource(tenant.id));
  const input = parseInput(indexDefinitionInput, rawInput);
  if (!(await indexDefinitionOf(ctx.platform.db, tenant.id, input.id))) throw new NotFoundError();
  return checkedDefinition(ctx.platform.db, tenant, input);
}
