import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { csvFile, type CsvCell } from '../../platform/csv.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize } from '../../platform/service.js';
import { AGE_GROUPS } from './model.js';
import { surveyActions, surveyResource } from './policy.js';
import { areaResults, surveyOverview, type AreaResults } from './results.js';
import { tenantOf } from './service.js';
import { periodsOf, type Period } from './store.js';

/**
 * Open data of the survey: the overview per neighbourhood, one neighbourhood's results (JSON) and
 * all shown results of a period (CSV). A neighbourhood below the minimum has `shown: false` and
 * the number of responses still needed — never partial numbers, here as on the pages.
 */
const municipality = z.object({ municipality: z.string().max(60) });
const periodQuery = z.object({ period: z.string().max(40).optional().describe('A period id (default: the open period, else the latest).') });

const periodOut = z.object({ id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(['open', 'closed']) });
const visibilityOut = z.object({ shown: z.boolean(), needed: z.number().int().nullable().describe('Responses still needed before results are shown (null when shown).') });
const overviewOut = z.object({
  period: periodOut.nullable(), minimum: z.number().int(),
  neighbourhoods: z.array(z.object({ code: z.string(), name: z.string(), responses: z.number().int().nullable() }).extend(visibilityOut.shape)),
});
const questionOut = z.object({
  code: z.string(), indicator: z.string(), text: z.string(), theme: z.string(), polarity: z.string(), scale: z.string(), active: z.boolean(),
  distribution: z.object({ '1': z.number(), '2': z.number(), '3': z.number(), '4': z.number(), '5': z.number(), dontKnow: z.number() }),
  withOpinion: z.number().int(), positiveShare: z.number().nullable().describe('% of those with an opinion answering 4 or 5 (the score).'),
  negativeShare: z.number().nullable(), score10: z.number().nullable().describe('The mean on 1–5 scaled to 0–10.'),
});
const areaOut = z.object({
  area: z.object({ code: z.string(), name: z.string() }), period: periodOut, minimum: z.number().int(), responses: z.number().int().nullable(),
  questions: z.array(questionOut),
  age: z.object({
    populationYear: z.number().int().nullable(), notGiven: z.number().int(),
    groups: z.array(z.object({ group: z.enum(AGE_GROUPS), responses: z.number().int(), responseShare: z.number().nullable(), residentShare: z.number().nullable(), underRepresented: z.boolean() })),
  }).nullable(),
}).extend(visibilityOut.shape);

const periodJson = (p: Period) => ({ id: p.id, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, status: p.status });
const visibilityJson = (v: { shown: boolean; needed?: number }) => ({ shown: v.shown, needed: v.shown ? null : v.needed! });

function areaJson(ctx: Context, r: AreaResults) {
  return {
    area: r.area, period: periodJson(r.period), minimum: r.minimum, responses: r.responses, ...visibilityJson(r.visibility),
    questions: r.questions.map(({ question: q, result }) => ({
      code: q.code, indicator: `bm_${q.code}`, text: ctx.locale === 'en' ? q.textEn : q.textNl, theme: q.theme, polarity: q.polarity, scale: q.scale, active: q.active,
      distribution: { '1': result.counts[1], '2': result.counts[2], '3': result.counts[3], '4': result.counts[4], '5': result.counts[5], dontKnow: result.counts[0] },
      withOpinion: result.withOpinion, positiveShare: result.positiveShare, negativeShare: result.negativeShare, score10: result.score10,
    })),
    age: r.age ? { populationYear: r.age.populationYear, notGiven: r.age.notGiven, groups: r.age.rows.map((a) => ({ group: a.group, responses: a.responses, responseShare: a.responseShare, residentShare: a.residentShare, underRepresented: a.underRepresented })) } : null,
  };
}

async function periodFor(ctx: Context, platform: Platform, id: string | undefined): Promise<Period> {
  const periods = await periodsOf(platform.db, tenantOf(ctx).id);
  const period = id ? periods.find((p) => p.id === id) : periods.find((p) => p.status === 'open') ?? periods[0];
  if (!period) throw new NotFoundError();
  return period;
}

/** CSV numbers have at most one decimal. */
const oneDecimal = (v: string | number | null) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);

export function registerSurveyApi(api: ApiRegistry, platform: Platform): void {
  api.route({
    method: 'GET', path: '/:municipality/survey', tag: 'Survey',
    summary: 'The resident survey per neighbourhood in a period: the number of responses where the minimum is reached, else how many are still needed.',
    params: municipality, query: periodQuery, response: overviewOut,
    async handler({ query }, ctx) {
      authorize(ctx, surveyActions.view, surveyResource(tenantOf(ctx).id));
      const overview = await surveyOverview(platform.db, tenantOf(ctx), query.period);
      if (!overview) throw new NotFoundError();
      return {
        period: overview.period ? periodJson(overview.period) : null, minimum: overview.minimum,
        neighbourhoods: overview.neighbourhoods.map((n) => ({ code: n.code, name: n.name, responses: n.responses, ...visibilityJson(n.visibility) })),
      };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/survey/areas/:code', tag: 'Survey',
    summary: "A neighbourhood's survey results in a period: per question the distribution, the share of positive answers and the mean on 0–10, and responses by age group against the residents; only at or above the minimum number of responses.",
    params: municipality.extend({ code: z.string().trim().toUpperCase().regex(/^BU\d{8}$/, 'validation.invalid') }), query: periodQuery, response: areaOut,
    async handler({ params, query }, ctx) {
      authorize(ctx, surveyActions.view, surveyResource(tenantOf(ctx).id));
      const results = await areaResults(platform.db, tenantOf(ctx), await periodFor(ctx, platform, query.period), params.code);
      if (!results) throw new NotFoundError();
      return areaJson(ctx, results);
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/survey/results.csv', tag: 'Survey',
    summary: 'Every shown result of a period as CSV (UTF-8 with BOM, ";", decimal comma): one row per neighbourhood and question. Neighbourhoods below the minimum are left out.',
    params: municipality, query: periodQuery, binary: ['text/csv'],
    async handler({ query }, ctx, _request, reply) {
      const tenant = tenantOf(ctx);
      authorize(ctx, surveyActions.view, surveyResource(tenant.id));
      const period = await periodFor(ctx, platform, query.period);
      const overview = (await surveyOverview(platform.db, tenant, period.id))!;
      // Numbers (counts, shares, scores) are written as numbers; the period's name, the area's name and the question are texts, guarded against formulas.
      const rows: CsvCell[][] = [['period', 'area_code', 'area', 'responses', 'question', 'indicator', 'text', 'n_1', 'n_2', 'n_3', 'n_4', 'n_5', 'dont_know', 'positive_share', 'negative_share', 'score_0_10']];
      for (const n of overview.neighbourhoods.filter((x) => x.visibility.shown)) {
        const r = (await areaResults(platform.db, tenant, period, n.code))!;
        for (const { question: q, result: s } of r.questions) {
          rows.push([period.name, n.code, n.name, r.responses, q.code, `bm_${q.code}`, q.textNl, s.counts[1], s.counts[2], s.counts[3], s.counts[4], s.counts[5], s.counts[0], s.positiveShare, s.negativeShare, s.score10].map(oneDecimal));
        }
      }
      return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="buurtmonitor-${tenant.slug}.csv"`).send(csvFile(rows));
    },
  });
}
