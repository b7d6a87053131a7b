import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { HORIZONS, OBJECTION_RESOLUTIONS, plenaryOrder } from './day-model.js';
import { ambitionViews } from './day-routes.js';
import { captureAmbition } from './day-service.js';
import { ambitionsOf } from './day-store.js';
import { summitActions } from './policy.js';
import { resourceOfSummit } from './service.js';
import { findSummit } from './store.js';

/**
 * The day as open data: a summit's ambitions once it is held — for everyone the agreed ones with
 * their values, facts, steps and the reasons of objections (never who raised them); for its
 * organisers every ambition with its consent state, dots and objectors. Capturing through the
 * API runs the same use case as the table's page (the table's secret as `token`, or an organiser).
 */
const params = z.object({ municipality: z.string().max(60), id: z.string().max(64) });
const ambitionOut = z.object({
  id: z.string(), theme: z.string(), title: z.string(), body: z.string(), why: z.string().nullable(), horizon: z.number().int().describe(`Years: ${HORIZONS.join(' or ')}.`),
  state: z.enum(['agreed', 'objected', 'pending']).describe('Agreed: consent and no objection open or standing.'),
  publicValues: z.array(z.string()),
  facts: z.array(z.object({ kind: z.string(), title: z.string(), href: z.string() })),
  firstSteps: z.array(z.object({ step: z.string(), carrier: z.string().nullable() })),
  objections: z.array(z.object({ reason: z.string(), resolution: z.enum(OBJECTION_RESOLUTIONS), raisedBy: z.string().nullable().optional().describe('Organisers only.') })),
  dots: z.number().int().nullable().optional().describe('Organisers only: one signal beside consent, never the order.'),
});

export function registerSummitDayApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  api.route({
    method: 'GET', path: '/:municipality/summits/:id/ambitions', tag: 'Summits',
    summary: 'The ambitions of a held summit, by theme and consent (never ranked by dots): the agreed ones for everyone; every one with dots and objectors for its organisers.',
    params, response: z.object({ items: z.array(ambitionOut) }),
    async handler({ params: p }, ctx) {
      const summit = await findSummit(db, ctx.tenant!.id, p.id);
      if (!summit) throw new NotFoundError();
      const resource = await resourceOfSummit(db, summit);
      authorize(ctx, summitActions.view, resource);
      const organiser = allowed(ctx, summitActions.organise, resource);
      const published = summit.status === 'held' || summit.status === 'closed';
      if (!organiser && !published) return { items: [] };
      const views = plenaryOrder((await ambitionViews(db, ctx, summit, await ambitionsOf(db, summit.id))).map((v) => ({ ...v, id: v.ambition.id, dots: v.ambition.dots, createdAt: v.ambition.createdAt })));
      return {
        items: views.filter((v) => organiser || v.state === 'agreed').map((v) => ({
          id: v.ambition.id, theme: v.ambition.themeName, title: v.ambition.title, body: v.ambition.body, why: v.ambition.why, horizon: v.ambition.horizon, state: v.state,
          publicValues: v.values, facts: v.facts.map((f) => ({ kind: f.kind, title: f.title, href: f.href })), firstSteps: v.steps.map((s) => ({ step: s.step, carrier: s.carrier })),
          objections: v.objections.map((o) => ({ reason: o.reason, resolution: o.resolution, ...(organiser ? { raisedBy: o.raisedBy } : {}) })),
          ...(organiser ? { dots: v.ambition.dots } : {}),
        })),
      };
    },
  });

  api.route({
    method: 'POST', path: '/:municipality/summits/:id/tables/:table/ambitions', tag: 'Summits',
    summary: 'Capture an ambition at a table (title, body, why, horizon 5|10, values: public value ids, facts: ids of the working group\'s information, step_1..3, carrier_1..3), with the table\'s secret as `token` or as an organiser.',
    params: params.extend({ table: z.string().max(64) }), body: z.record(z.string(), z.unknown()), response: z.object({ id: z.string() }),
    async handler({ params: p, body }, ctx) {
      const { id } = await execute(ctx, captureAmbition, { ...body, summitId: p.id, tableId: p.table });
      return { id };
    },
  });
}
