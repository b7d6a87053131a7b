import { z } from 'zod';
import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { nowIso } from '../../platform/db/helpers.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { defineUseCase } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, longText, optionalLongText, optionalText, text } from '../../platform/validation.js';
import { isNationalIndicator, NATIONAL_INDICATORS } from './catalogue.js';
import {
  evaluateIndicator, findCycle, inputsOf, POLARITIES, THEMES, UNITS, unknownValue, type Derivation, type Indicator, type StatValue,
} from './model.js';
import { VARIABLE_ID } from './parse/long.js';
import { statisticsActions, statisticsResource } from './policy.js';
import { ownIndicators, saveIndicator, valuesOf } from './store.js';

function tenantOf(ctx: Context): Tenant {
  if (!ctx.tenant) throw new NotFoundError('error.unknownMunicipality');
  return ctx.tenant;
}

/** The catalogue a municipality sees: the national one and its own indicators (national only without one). */
export async function catalogueFor(db: Db, municipalityId: string | null): Promise<Indicator[]> {
  return [...NATIONAL_INDICATORS, ...(municipalityId === null ? [] : await ownIndicators(db, municipalityId))];
}

// The form of an id is checked in run(): the platform keeps only its own message keys from a schema.
const indicatorId = z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(40, 'validation.tooLong');

const derivation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('share'), part: indicatorId, whole: indicatorId }),
  z.object({ kind: z.literal('per1000'), count: indicatorId, base: indicatorId }),
  z.object({ kind: z.literal('change'), of: indicatorId, years: z.coerce.number().int().min(1).max(30), relative: z.boolean() }),
], { error: 'validation.choice' });

/** A municipality adds an indicator of its own: measured (filled by its long-format imports) or derived. */
export const addIndicator = defineUseCase({
  action: statisticsActions.defineIndicator,
  input: z.object({
    id: indicatorId,
    labelNl: text(120),
    labelEn: optionalText(120),
    definitionNl: longText(1000),
    definitionEn: optionalLongText(1000),
    unit: choice(UNITS),
    theme: choice(THEMES),
    polarity: choice(POLARITIES),
    source: text(120),
    derivation: derivation.optional(),
  }),
  async resource(_tx, _input, ctx) {
    return statisticsResource(tenantOf(ctx).id);
  },
  async run(tx, input, ctx) {
    const tenant = tenantOf(ctx);
    const own = await ownIndicators(tx, tenant.id);
    const issues: FieldIssue[] = [];
    if (!VARIABLE_ID.test(input.id)) issues.push({ field: 'id', key: 'statistics.indicator.idFormat' });
    else if (isNationalIndicator(input.id)) issues.push({ field: 'id', key: 'statistics.indicator.idNational', params: { id: input.id } });
    else if (own.some((i) => i.id === input.id)) issues.push({ field: 'id', key: 'statistics.indicator.idTaken', params: { id: input.id } });
    const catalogue = new Map<string, Pick<Indicator, 'id' | 'derivation'>>([...NATIONAL_INDICATORS, ...own].map((i) => [i.id, i]));
    const added: Indicator = {
      id: input.id, labelNl: input.labelNl, labelEn: input.labelEn ?? input.labelNl, definitionNl: input.definitionNl,
      definitionEn: input.definitionEn ?? input.definitionNl, unit: input.unit, theme: input.theme, polarity: input.polarity,
      source: input.source, municipalityId: tenant.id, ...(input.derivation ? { derivation: input.derivation as Derivation } : {}),
    };
    for (const id of added.derivation ? inputsOf(added.derivation) : []) {
      if (!catalogue.has(id)) issues.push({ field: 'derivation', key: 'statistics.indicator.unknownInput', params: { id } });
    }
    if (issues.length === 0) {
      catalogue.set(added.id, added);
      const cycle = findCycle(catalogue);
      if (cycle) issues.push({ field: 'derivation', key: 'statistics.indicator.cycle', params: { path: cycle.join(' → ') } });
    }
    if (issues.length) throw new ValidationError(issues);
    await saveIndicator(tx, { ...added, municipalityId: tenant.id }, nowIso());
    return {
      result: added,
      audit: [{ action: statisticsActions.defineIndicator, entityType: 'statistic_indicator', entityId: added.id, municipalityId: tenant.id, after: { ...added } }],
    };
  },
});

export interface Figure {
  indicator: Indicator;
  /** Where the value comes from: the municipality's own data or the national statistics. */
  scope: 'local' | 'national' | null;
  value: StatValue;
}

/** How far back the change indicators of a catalogue look. */
function yearsBack(catalogue: readonly Indicator[]): number {
  return Math.max(0, ...catalogue.map((i) => (i.derivation?.kind === 'change' ? i.derivation.years : 0))) * 2;
}

/**
 * Every indicator of an area in a year, as a municipality sees it (null: national only): measured
 * values as imported, the municipality's own figure before the national one, derived indicators
 * computed by evaluateIndicator, and unknown (with its reason) wherever a figure is not there.
 */
export async function figuresOf(db: Db, municipalityId: string | null, areaCode: string, year: number): Promise<Figure[]> {
  const catalogue = await catalogueFor(db, municipalityId);
  const back = yearsBack(catalogue);
  const years = Array.from({ length: back + 1 }, (_, i) => year - i);
  const stored = await valuesOf(db, { municipalityId, areaCodes: [areaCode], years });
  const found = new Map<string, { scope: 'local' | 'national'; value: StatValue }>();
  for (const v of stored) {
    const key = `${v.variable}|${v.year}`;
    const scope = v.municipalityId === null ? 'national' : 'local';
    if (scope === 'national' && found.get(key)?.scope === 'local') continue;
    found.set(key, { scope, value: v.unknown === null ? { value: v.value!, unknown: null } : { value: null, unknown: v.unknown } });
  }
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const lookup = (variable: string, y: number) => found.get(`${variable}|${y}`)?.value ?? unknownValue('missing');
  return catalogue.map((indicator) => ({
    indicator,
    scope: indicator.derivation ? null : found.get(`${indicator.id}|${year}`)?.scope ?? null,
    value: evaluateIndicator(indicator.id, year, byId, lookup),
  }));
}
