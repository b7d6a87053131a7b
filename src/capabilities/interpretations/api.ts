import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { csvFile } from '../../platform/csv.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/service.js';
import { tenantArea } from '../areas/index.js';
import { findOrganisation } from '../parties/index.js';
import { catalogueFor, type Indicator } from '../statistics/index.js';
import { INTERPRETATION_KINDS, PARTICIPANT_GROUPS, WRITING_ROLES } from './model.js';
import { areaResource, interpretationActions } from './policy.js';
import { interpretationsOfArea, isPublic, type InterpretationView } from './read.js';
import { roundsOfArea } from './store.js';

/**
 * Open data: every interpretation an area page shows, as JSON and CSV, and its conversation rounds.
 * Only what everyone may read: hidden, deleted and erased interpretations are left out; authors
 * appear by the name the pages show, never by e-mail address or id.
 */
const params = z.object({ municipality: z.string().max(60), code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' }) });
const yearQuery = z.object({
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1990).max(2100).optional())
    .describe('The year of the figures (default: every year).'),
});

const interpretationOut = z.object({
  id: z.string(),
  areaCode: z.string(),
  year: z.number().int(),
  indicator: z.string().nullable().describe('Indicator id of the statistics catalogue; null for the area as a whole.'),
  indicatorLabel: z.string(),
  kind: z.enum(INTERPRETATION_KINDS).describe('strength: what is going well; behind: what the writer sees behind the figure; missing: what the figure misses.'),
  text: z.string(),
  author: z.object({ name: z.string().nullable(), role: z.enum(WRITING_ROLES) }),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  conversationRoundId: z.string().nullable(),
});

const roundOut = z.object({
  id: z.string(),
  areaCode: z.string(),
  year: z.number().int().describe('The year of the figures discussed.'),
  title: z.string(),
  heldOn: z.string().describe('YYYY-MM-DD'),
  place: z.string().nullable(),
  organiser: z.object({ id: z.string(), name: z.string() }).nullable(),
  participants: z.object(Object.fromEntries(PARTICIPANT_GROUPS.map((g) => [g, z.number().int()])) as Record<(typeof PARTICIPANT_GROUPS)[number], z.ZodNumber>),
  indicators: z.array(z.string()),
  outcome: z.string(),
  interpretations: z.number().int().describe('How many public interpretations link to this round.'),
});

export function registerInterpretationsApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  async function publicInterpretations(ctx: Context, code: string, year: number | undefined) {
    const tenant = ctx.tenant!;
    const area = await tenantArea(db, tenant, code, translator(ctx.locale));
    if (!area) throw new NotFoundError();
    authorize(ctx, interpretationActions.view, areaResource(tenant.id, area.path));
    const [items, catalogue] = await Promise.all([interpretationsOfArea(db, tenant.id, area.code, year), catalogueFor(db, tenant.id)]);
    const labels = new Map(catalogue.map((i: Indicator) => [i.id, ctx.locale === 'en' ? i.labelEn : i.labelNl]));
    const whole = translator(ctx.locale)('interpretations.wholeArea');
    const json = (i: InterpretationView) => ({
      id: i.id, areaCode: i.areaCode, year: i.year, indicator: i.indicator, indicatorLabel: i.indicator === null ? whole : labels.get(i.indicator) ?? i.indicator,
      kind: i.kind, text: i.body, author: { name: i.authorName, role: i.role }, createdAt: i.createdAt, editedAt: i.editedAt, conversationRoundId: i.roundId,
    });
    return { area, items: items.filter(isPublic).sort((a, b) => a.year - b.year || a.createdAt.localeCompare(b.createdAt)).map(json) };
  }

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/interpretations', tag: 'Interpretations',
    summary: "People's readings of an area's figures (what is going well, what lies behind a figure, what it misses), with the writer's role and date.",
    params, query: yearQuery,
    response: z.object({ areaCode: z.string(), year: z.number().int().nullable(), items: z.array(interpretationOut) }),
    async handler({ params: p, query }, ctx) {
      const { area, items } = await publicInterpretations(ctx, p.code, query.year);
      return { areaCode: area.code, year: query.year ?? null, items };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/interpretations.csv', tag: 'Interpretations',
    summary: 'The same readings as CSV for Dutch spreadsheets (UTF-8 with BOM, semicolon-separated, one line per interpretation).',
    params, query: yearQuery, binary: ['text/csv'],
    async handler({ params: p, query }, ctx, _request, reply) {
      const { area, items } = await publicInterpretations(ctx, p.code, query.year);
      const header = ['id', 'area_code', 'year', 'indicator', 'indicator_label', 'kind', 'text', 'author_name', 'author_role', 'created_at', 'edited_at', 'conversation_round_id'];
      const rows = items.map((i) => [i.id, i.areaCode, i.year, i.indicator, i.indicatorLabel, i.kind, i.text, i.author.name, i.author.role, i.createdAt, i.editedAt, i.conversationRoundId]);
      const name = `duiding-${area.code}${query.year ? `-${query.year}` : ''}.csv`;
      // The year is a number; every other field is text, guarded. Commas are quoted too, as this file always has.
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`)
        .send(csvFile([header, ...rows], { quoteCommas: true }));
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/conversation-rounds', tag: 'Interpretations',
    summary: 'Conversation rounds about the figures of an area: when, where, who took part (numbers per group), which figures, what came out.',
    params, query: yearQuery, response: z.object({ areaCode: z.string(), items: z.array(roundOut) }),
    async handler({ params: p, query }, ctx) {
      const tenant = ctx.tenant!;
      const area = await tenantArea(db, tenant, p.code, translator(ctx.locale));
      if (!area) throw new NotFoundError();
      authorize(ctx, interpretationActions.view, areaResource(tenant.id, area.path));
      const [rounds, readings] = await Promise.all([roundsOfArea(db, tenant.id, area.code, query.year), interpretationsOfArea(db, tenant.id, area.code)]);
      const items = [];
      for (const r of rounds) {
        const organisation = r.organisationId ? await findOrganisation(db, tenant.id, r.organisationId) : undefined;
        items.push({
          id: r.id, areaCode: r.areaCode, year: r.year, title: r.title, heldOn: r.heldOn, place: r.place,
          organiser: organisation ? { id: organisation.id, name: organisation.name } : null, participants: r.participants, indicators: r.indicators, outcome: r.outcome,
          interpretations: readings.filter((i) => i.roundId === r.id && isPublic(i)).length,
        });
      }
      return { areaCode: area.code, items };
    },
  });
}
