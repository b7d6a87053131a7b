import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { clientAddress } from '../../platform/http/forms.js';
import { authorize, execute } from '../../platform/service.js';
import { summitActions } from './policy.js';
import { REGISTRATION_STATUSES, registrationCounts } from './registration-model.js';
import { auditAccess } from './registration-routes.js';
import { registerFrom } from './registration-service.js';
import { attendanceOf, registrationRecordOf, registrationsOf } from './registration-store.js';
import { recordAttendance } from './attendance-service.js';
import { resourceOfSummit } from './service.js';
import { findSummit } from './store.js';

/**
 * Registering through the API: anyone registers (the same use case, limit and confirmation mail
 * as the form; the answer is the same whether or not the address registered before), and the
 * organisers read the registrations with their counts (audited, as on the page).
 */
const params = z.object({ municipality: z.string().max(60), id: z.string().max(64) });
const countsOut = z.object({
  confirmed: z.number().int(), waiting: z.number().int(), pending: z.number().int(), cancelled: z.number().int(),
  perTheme: z.record(z.string(), z.number().int()).describe('Per working group id: confirmed and waiting registrations that chose it.'),
  accessNeeds: z.number().int(), languageHelp: z.record(z.string(), z.number().int()), children: z.number().int(),
  attended: z.number().int().describe('Of those with a place or on the waiting list: how many came (as recorded on or after the day).'),
  absent: z.number().int().describe('… and how many did not.'),
});

export function registerRegistrationApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  const summitOf = async (ctx: Parameters<Parameters<ApiRegistry['route']>[0]['handler']>[1], id: string, action: string) => {
    const summit = ctx.tenant ? await findSummit(db, ctx.tenant.id, id) : null;
    if (!summit) throw new NotFoundError();
    authorize(ctx, action, await resourceOfSummit(db, summit));
    return summit;
  };

  api.route({
    method: 'POST', path: '/:municipality/summits/:id/registrations', tag: 'Summits', params, body: z.record(z.string(), z.unknown()), status: 202,
    summary: 'Register for a summit whose registration is open, without an account (name, email, phone, themes: working group ids, accessNeeds, languageHelp, children, consent: true). A confirmation link is mailed; at most 10 an hour per address.',
    response: z.object({ mailed: z.literal(true) }),
    async handler({ params: p, body }, ctx, request) {
      const summit = await summitOf(ctx, p.id, summitActions.view);
      await registerFrom(ctx, { ...body, summitId: summit.id }, clientAddress(request));
      return { mailed: true as const };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/summits/:id/registrations', tag: 'Summits', params,
    summary: "A summit's registrations with their counts and needs. Organisers only; every read is in the audit log. After the retention period only `record` (the counts) is left.",
    response: z.object({
      counts: countsOut,
      record: z.object({ counts: countsOut, erasedAt: z.string() }).nullable(),
      attendance: z.object({ walkIns: z.number().int().describe('People who came without registering.'), recordedAt: z.string() }).nullable(),
      items: z.array(z.object({
        id: z.string(), status: z.enum(REGISTRATION_STATUSES), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), themes: z.array(z.string()),
        accessNeeds: z.string().nullable(), languageHelp: z.string().nullable(), children: z.number().int().nullable(), byHand: z.boolean(), createdAt: z.string(), placedAt: z.string().nullable(),
        attended: z.boolean().nullable().describe('Came (true) or not (false), once recorded.'),
      })),
    }),
    async handler({ params: p }, ctx) {
      const summit = await summitOf(ctx, p.id, summitActions.organise);
      const [registrations, record, attendance] = await Promise.all([registrationsOf(db, summit.id), registrationRecordOf(db, summit.id), attendanceOf(db, summit.id)]);
      await auditAccess(ctx, summit, 'summit.registrations.view');
      return {
        counts: registrationCounts(registrations), record, attendance,
        items: registrations.map((r) => ({
          id: r.id, status: r.status, name: r.name, email: r.email, phone: r.phone, themes: r.themes, accessNeeds: r.accessNeeds, languageHelp: r.languageHelp,
          children: r.children, byHand: r.byHand, createdAt: r.createdAt, placedAt: r.placedAt, attended: r.attended,
        })),
      };
    },
  });

  api.route({
    method: 'PUT', path: '/:municipality/summits/:id/attendance', tag: 'Summits', params, body: z.record(z.string(), z.unknown()), status: 200,
    summary: 'Record, on or after the day, who came: `came` (the ids of registrations with a place or on the waiting list that came; the others did not) and `walkIns` (people who came without registering). Replaces what was recorded. Organisers only.',
    response: z.object({ id: z.string() }),
    async handler({ params: p, body }, ctx) {
      const summit = await summitOf(ctx, p.id, summitActions.view);
      const { id } = await execute(ctx, recordAttendance, { ...body, summitId: summit.id });
      return { id };
    },
  });
}
