import type { Context } from '../../platform/context.js';
import { anonymous, system, type Actor, type Role } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { importAreas } from '../areas/index.js';
import { importStatistics } from '../statistics/index.js';
import { generateLetterCodes, openPeriod, submitResponse } from './service.js';
import { letterCodesOfBatch, questionsOf } from './store.js';

/**
 * Test helpers: a municipality's areas (two districts of two neighbourhoods each, in the CBS
 * shape), population by age, and responses given through the real use cases with letter codes.
 */
export function official(municipalityId: string, role: Role = 'official', strongAuth = true): Actor {
  return {
    kind: 'person', personId: `person-${role}-${municipalityId}`, displayName: role, emailVerified: true, strongAuth, memberships: [],
    grants: [{ role, scopeType: 'municipality', scopeId: municipalityId, municipalityId }],
  };
}

export const contextOf = (ctx: Pick<Context, 'platform'>, tenant: Tenant, actor: Actor = anonymous): Context => ({ platform: ctx.platform, actor, tenant, locale: 'nl' });

function square(code: string, name: string, x: number, size: number): unknown {
  const properties: Record<string, unknown> = code.startsWith('BU')
    ? { buurtcode: code, buurtnaam: name, wijkcode: `WK${code.slice(2, 8)}`, gemeentecode: `GM${code.slice(2, 6)}` }
    : code.startsWith('WK') ? { wijkcode: code, wijknaam: name, gemeentecode: `GM${code.slice(2, 6)}` } : { gemeentecode: code, gemeentenaam: name };
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [[[x, 52], [x + size, 52], [x + size, 52 + size], [x, 52 + size], [x, 52]]] } };
}

/** GMxxxx ⊃ WKxxxx01 ⊃ BUxxxx0101, BUxxxx0102; WKxxxx02 ⊃ BUxxxx0201. */
export async function withAreas(ctx: Pick<Context, 'platform'>, tenant: Tenant): Promise<string[]> {
  const d = tenant.cbsCode.slice(2);
  const x = Number(d) / 10;
  const features = [
    square(tenant.cbsCode, tenant.name, x, 0.04), square(`WK${d}01`, 'Wijk Een', x, 0.02), square(`WK${d}02`, 'Wijk Twee', x + 0.02, 0.02),
    square(`BU${d}0101`, 'Lindenhof', x, 0.01), square(`BU${d}0102`, 'Molenwijk', x + 0.01, 0.01), square(`BU${d}0201`, 'Beekdal', x + 0.02, 0.01),
  ];
  await importAreas({ platform: ctx.platform, actor: system, tenant: null, locale: 'nl' }, [{ name: `${d}.geojson`, text: JSON.stringify({ type: 'FeatureCollection', features }) }], { divisionYear: tenant.divisionYear });
  return [`BU${d}0101`, `BU${d}0102`, `BU${d}0201`];
}

/** National population by age group for some neighbourhoods in a year. */
export async function withPopulation(ctx: Pick<Context, 'platform'>, year: number, rows: Record<string, [number, number, number, number]>): Promise<void> {
  const lines = ['year;area_code;variable;value'];
  for (const [code, counts] of Object.entries(rows)) ['a_15_24', 'a_25_44', 'a_45_64', 'a_65_oo'].forEach((v, i) => lines.push(`${year};${code};${v};${counts[i]}`));
  await importStatistics({ platform: ctx.platform, actor: system, tenant: null, locale: 'nl' }, { name: `bevolking-${year}.csv`, bytes: new TextEncoder().encode(`${lines.join('\n')}\n`) }, { format: 'long', source: 'test-bevolking' });
}

export async function openTestPeriod(ctx: Pick<Context, 'platform'>, tenant: Tenant, input = { name: '2025', startsOn: '2025-01-01', endsOn: '2025-12-31' }) {
  return execute(contextOf(ctx, tenant, official(tenant.id)), openPeriod, input);
}

/** Letter codes for a neighbourhood (postal code 1234AB each). */
export async function letterCodes(ctx: Pick<Context, 'platform'>, tenant: Tenant, periodId: string, areaCode: string, count: number): Promise<string[]> {
  const { batchId } = await execute(contextOf(ctx, tenant, official(tenant.id)), generateLetterCodes, { periodId, areaCode, postalCodes: Array(count).fill('1234 AB').join('\n') });
  return (await letterCodesOfBatch(ctx.platform.db, tenant.id, periodId, batchId)).map((c) => c.code);
}

/**
 * Responses with letter codes: `answers(i, questionIndex)` gives the value of respondent i for
 * each question; `age(i)` their age group.
 */
export async function respond(ctx: Pick<Context, 'platform'>, tenant: Tenant, periodId: string, areaCode: string, count: number, answers: (i: number, q: number) => number, age: (i: number) => string = () => ''): Promise<void> {
  const codes = await letterCodes(ctx, tenant, periodId, areaCode, count);
  const questions = await questionsOf(ctx.platform.db, tenant.id);
  for (const [i, code] of codes.entries()) {
    await execute(contextOf(ctx, tenant), submitResponse, {
      guard: { kind: 'letter', postalCode: '1234 AB', code }, ageGroup: age(i),
      answers: Object.fromEntries(questions.map((q, n) => [q.id, String(answers(i, n))])),
    });
  }
}
