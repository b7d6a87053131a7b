import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize, execute } from '../../platform/service.js';
import { agendaAndResource } from './access.js';
import { addProgress } from './follow-up-service.js';
import { agendaToday } from './service.js';
import { agendaProgressOf } from './follow-up-store.js';
import { PROGRESS_STATUSES } from './model.js';
import { agendaActions } from './policy.js';

/**
 * Progress of an adopted agenda as open data: per theme and ambition the status now, every
 * update (what happened, what is next, the reason, the day it speaks for), the size of its working
 * group (never the names), the status at the end of each year, and the totals per status. The
 * editorial team reports progress through the same use case as the ambition's page.
 */
const status = z.enum(PROGRESS_STATUSES);
const counts = z.object(Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof PROGRESS_STATUSES)[number], z.ZodNumber>);

export function registerFollowUpApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  api.route({
    method: 'GET', path: '/:municipality/agendas/:id/progress', tag: 'Agendas',
    summary: 'Progress of an adopted future agenda: per ambition its status now and per year, its updates and the size of its working group; totals per status.',
    params: z.object({ municipality: z.string().max(60), id: z.string().max(64) }),
    response: z.object({
      agendaId: z.string(), adoptedOn: z.string(), firstYear: z.number().int(), lastYear: z.number().int(),
      years: z.array(z.number().int()).describe('From the year of adoption (or the first year, when earlier) to the last year.'),
      themes: z.array(z.object({
        id: z.string(), name: z.string(),
        ambitions: z.array(z.object({
          id: z.string(), title: z.string(), ownGoal: z.boolean(), status, workingGroupSize: z.number().int(),
          byYear: z.array(status.nullable()).describe('The status at the end of each of `years` (today for this year); null for a year not begun.'),
          updates: z.array(z.object({ id: z.string(), status, happened: z.string(), next: z.string().nullable(), reason: z.string().nullable(), reportedOn: z.string() })),
        })),
      })),
      totals: z.object({ now: counts, byYear: z.array(counts.nullable()) }),
    }),
    async handler({ params }, ctx) {
      const { agenda, resource } = await agendaAndResource(db, ctx, params.id);
      authorize(ctx, agendaActions.view, resource);
      if (agenda.status !== 'adopted' || !agenda.adoptedOn) throw new NotFoundError();
      const progress = await agendaProgressOf(db, { ...agenda, adoptedOn: agenda.adoptedOn }, agendaToday());
      return {
        agendaId: agenda.id, adoptedOn: agenda.adoptedOn, firstYear: agenda.firstYear, lastYear: agenda.lastYear, years: progress.years,
        themes: progress.themes.map(({ theme, ambitions }) => ({
          id: theme.id, name: theme.name,
          ambitions: ambitions.map((v) => ({
            id: v.ambition.id, title: v.ambition.title, ownGoal: v.ambition.ownGoal, status: v.status, workingGroupSize: v.members, byYear: v.byYear,
            updates: v.updates.map((u) => ({ id: u.id, status: u.status, happened: u.happened, next: u.next, reason: u.reason, reportedOn: u.reportedOn })),
          })),
        })),
        totals: progress.totals,
      };
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/agendas/:id/ambitions/:ambition/progress', tag: 'Agendas',
    summary: "Report an ambition's progress (the editorial team): status (notStarted|underWay|achieved|dropped), happened, next, reason (needed when dropped), reportedOn (YYYY-MM-DD, not in the future, not before the adoption).",
    params: z.object({ municipality: z.string().max(60), id: z.string().max(64), ambition: z.string().max(64) }), body: z.record(z.string(), z.unknown()), response: z.object({ id: z.string() }),
    async handler({ params, body }, ctx) {
      const { id } = await execute(ctx, addProgress, { ...body, agendaId: params.id, ambitionId: params.ambition });
      return { id };
    },
  });
}
