import type { Db } from '../../platform/db/connect.js';
import type { Tenant } from '../../platform/tenancy.js';
import { neighbourhoodsOf, type AreaSummary } from '../areas/index.js';
import { valuesOf } from '../statistics/index.js';
import { AGE_GROUPS, ageComparison, indicatorIdOf, periodYear, questionResult, visibility, type AgeGroup, type AgeRow, type Question, type QuestionResult, type Visibility } from './model.js';
import { minimumOf } from './service.js';
import { ageCounts, answerCounts, periodsOf, questionsOf, responseCounts, type Period } from './store.js';

/**
 * What the results pages, the API and the catalogue read. Below the minimum a neighbourhood has
 * a count of responses still needed and nothing else: these functions never return the partial
 * numbers, so no page, API answer or CSV can show them.
 */
export interface NeighbourhoodSummary {
  code: string;
  name: string;
  visibility: Visibility;
  /** Only when shown. */
  responses: number | null;
}

export interface SurveyOverview {
  period: Period | null;
  periods: Period[];
  minimum: number;
  neighbourhoods: NeighbourhoodSummary[];
}

const nameOf = (a: AreaSummary) => a.name ?? a.code;

/** The period whose results are shown by default: the open one, else the latest closed one. */
function defaultPeriod(periods: readonly Period[]): Period | null {
  return periods.find((p) => p.status === 'open') ?? periods[0] ?? null;
}

export async function surveyOverview(db: Db, tenant: Tenant, periodId?: string): Promise<SurveyOverview | null> {
  const periods = await periodsOf(db, tenant.id);
  const period = periodId ? periods.find((p) => p.id === periodId) ?? null : defaultPeriod(periods);
  if (periodId && !period) return null;
  const minimum = await minimumOf(db, tenant.id);
  const areas = await neighbourhoodsOf(db, tenant.cbsCode, tenant.divisionYear);
  const counts = period ? await responseCounts(db, tenant.id, period.id) : new Map<string, number>();
  return {
    period, periods, minimum,
    neighbourhoods: areas.map((a) => {
      const n = counts.get(a.code) ?? 0;
      const v = visibility(n, minimum);
      return { code: a.code, name: nameOf(a), visibility: v, responses: v.shown ? n : null };
    }),
  };
}

export interface QuestionOutcome {
  question: Question;
  result: QuestionResult;
}

export interface AreaResults {
  period: Period;
  area: { code: string; name: string };
  minimum: number;
  visibility: Visibility;
  /** Everything below only when shown. */
  responses: number | null;
  questions: QuestionOutcome[];
  age: { rows: AgeRow[]; notGiven: number; populationYear: number | null } | null;
}

/** The latest year up to the period's with every age group known for the area, from the statistics. */
async function population(db: Db, municipalityId: string, areaCode: string, upToYear: number): Promise<{ year: number; byGroup: Record<AgeGroup, number> } | null> {
  const values = await valuesOf(db, { municipalityId, areaCodes: [areaCode], variables: [...AGE_GROUPS] });
  const byYear = new Map<number, Partial<Record<AgeGroup, number>>>();
  for (const v of values) {
    if (v.value === null || v.year > upToYear) continue;
    const row = byYear.get(v.year) ?? {};
    // The municipality's own figure comes before the national one (valuesOf sorts national first).
    if (row[v.variable as AgeGroup] === undefined || v.municipalityId !== null) row[v.variable as AgeGroup] = v.value;
    byYear.set(v.year, row);
  }
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    const row = byYear.get(year)!;
    if (AGE_GROUPS.every((g) => typeof row[g] === 'number')) return { year, byGroup: row as Record<AgeGroup, number> };
  }
  return null;
}

/** The questions a period asked: those with answers in it, and the active ones. */
async function questionsOfPeriod(db: Db, municipalityId: string, answered: ReadonlySet<string>): Promise<Question[]> {
  return (await questionsOf(db, municipalityId, { includeRetired: true })).filter((q) => q.active || answered.has(q.id));
}

export async function areaResults(db: Db, tenant: Tenant, period: Period, areaCode: string): Promise<AreaResults | null> {
  const area = (await neighbourhoodsOf(db, tenant.cbsCode, tenant.divisionYear)).find((a) => a.code === areaCode);
  if (!area) return null;
  const minimum = await minimumOf(db, tenant.id);
  const responses = (await responseCounts(db, tenant.id, period.id)).get(areaCode) ?? 0;
  const v = visibility(responses, minimum);
  const base = { period, area: { code: area.code, name: nameOf(area) }, minimum, visibility: v };
  if (!v.shown) return { ...base, responses: null, questions: [], age: null };

  const counts = await answerCounts(db, tenant.id, period.id, [areaCode]);
  const valuesByQuestion = new Map<string, number[]>();
  for (const c of counts) {
    const list = valuesByQuestion.get(c.questionId) ?? [];
    for (let i = 0; i < c.n; i++) list.push(c.value);
    valuesByQuestion.set(c.questionId, list);
  }
  const questions = (await questionsOfPeriod(db, tenant.id, new Set(valuesByQuestion.keys())))
    .filter((q) => valuesByQuestion.has(q.id) || q.active)
    .map((question) => ({ question, result: questionResult(valuesByQuestion.get(question.id) ?? []) }));

  const byAge = await ageCounts(db, tenant.id, period.id, areaCode);
  const people = await population(db, tenant.id, areaCode, periodYear(period.endsOn));
  const responsesByGroup = Object.fromEntries(AGE_GROUPS.map((g) => [g, byAge.get(g) ?? 0])) as Record<AgeGroup, number>;
  return {
    ...base, responses, questions,
    age: { rows: ageComparison(responsesByGroup, people?.byGroup ?? null), notGiven: byAge.get(null) ?? 0, populationYear: people?.year ?? null },
  };
}

export interface SurveyIndicatorValue {
  areaCode: string;
  indicatorId: string;
  question: Question;
  value: number;
  withOpinion: number;
}

/**
 * The survey's subjective indicators of a municipality in a year: per question the share of
 * positive answers in every neighbourhood at or above the minimum, from the latest closed period
 * whose year (the year of its last day) it is. Empty when there is none.
 */
export async function surveyIndicators(db: Db, tenant: Tenant, year: number): Promise<{ period: Period | null; values: SurveyIndicatorValue[] }> {
  const period = (await periodsOf(db, tenant.id)).find((p) => p.status === 'closed' && periodYear(p.endsOn) === year) ?? null;
  if (!period) return { period: null, values: [] };
  return { period, values: await indicatorValuesOf(db, tenant, period) };
}

export async function indicatorValuesOf(db: Db, tenant: Tenant, period: Period): Promise<SurveyIndicatorValue[]> {
  const minimum = await minimumOf(db, tenant.id);
  const counts = await responseCounts(db, tenant.id, period.id);
  const shown = [...counts].filter(([, n]) => n >= minimum).map(([code]) => code).sort();
  const answers = await answerCounts(db, tenant.id, period.id, shown);
  const values = new Map<string, number[]>();
  for (const a of answers) {
    const key = `${a.areaCode}|${a.questionId}`;
    const list = values.get(key) ?? [];
    for (let i = 0; i < a.n; i++) list.push(a.value);
    values.set(key, list);
  }
  const questions = await questionsOf(db, tenant.id, { includeRetired: true });
  const out: SurveyIndicatorValue[] = [];
  for (const areaCode of shown) {
    for (const question of questions) {
      const list = values.get(`${areaCode}|${question.id}`);
      if (!list) continue;
      const result = questionResult(list);
      if (result.positiveShare === null) continue;
      out.push({ areaCode, indicatorId: indicatorIdOf(question.code), question, value: Math.round(result.positiveShare * 10) / 10, withOpinion: result.withOpinion });
    }
  }
  return out;
}
