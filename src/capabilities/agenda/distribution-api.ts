import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { agendaAndResource } from './access.js';
import { addRecipient, recordResponse, sendAgenda } from './distribution-service.js';
import { RECIPIENT_KINDS, responseState } from './model.js';
import { agendaActions } from './policy.js';
import { agendaToday } from './service.js';
import { recipientsOf, responsesOf } from './store.js';

/**
 * The distribution of an agenda as open data: every institution with its kind, when it was sent
 * and which version, the day an answer was asked for, its state (answered, waiting, no answer past
 * that day, not sent) and its answers. Addresses only for the editorial team. The team lists,
 * sends and records answers through the same use cases as the pages.
 */
const STATES = ['notSent', 'waiting', 'answered', 'overdue'] as const;

export function registerDistributionApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  const params = z.object({ municipality: z.string().max(60), id: z.string().max(64) });
  api.route({
    method: 'GET', path: '/:municipality/agendas/:id/distribution', tag: 'Agendas',
    summary: 'To whom an agenda was sent and what they answered — or that they did not, past the day asked. E-mail addresses only for the editorial team.',
    params,
    response: z.object({
      agendaId: z.string(),
      recipients: z.array(z.object({
        id: z.string(), name: z.string(), kind: z.enum(RECIPIENT_KINDS), organisationId: z.string().nullable(), email: z.string().nullable().optional(),
        sentAt: z.string().nullable(), sentVersion: z.number().int().nullable(), respondBy: z.string().nullable(), state: z.enum(STATES),
        responses: z.array(z.object({ receivedOn: z.string(), summary: z.string(), link: z.string().nullable() })),
      })),
    }),
    async handler({ params: p }, ctx) {
      const { agenda, resource } = await agendaAndResource(db, ctx, p.id);
      authorize(ctx, agendaActions.view, resource);
      const editor = allowed(ctx, agendaActions.edit, resource);
      const recipients = await recipientsOf(db, agenda.id);
      const responses = await responsesOf(db, recipients.map((r) => r.id));
      const today = agendaToday();
      return {
        agendaId: agenda.id,
        recipients: recipients.map((r) => {
          const answers = responses.filter((x) => x.recipientId === r.id);
          return {
            id: r.id, name: r.name, kind: r.kind, organisationId: r.organisationId, ...(editor ? { email: r.email } : {}),
            sentAt: r.sentAt, sentVersion: r.sentVersion, respondBy: r.respondBy, state: responseState({ sentAt: r.sentAt, respondBy: r.respondBy, responses: answers.length }, today),
            responses: answers.map((x) => ({ receivedOn: x.receivedOn, summary: x.summary, link: x.link })),
          };
        }),
      };
    },
  });

  const body = z.record(z.string(), z.unknown());
  api.route({
    method: 'POST', path: '/:municipality/agendas/:id/recipients', tag: 'Agendas',
    summary: 'Put an institution on the list (the editorial team): organisationId (from the register) or name, kind, email (optional; the register\'s by default).',
    params, body, response: z.object({ id: z.string() }),
    async handler({ params: p, body: b }, ctx) {
      return { id: (await execute(ctx, addRecipient, { ...b, agendaId: p.id })).id };
    },
  });
  api.route({
    method: 'POST', path: '/:municipality/agendas/:id/distribution', tag: 'Agendas',
    summary: 'Send the adopted agenda to every listed institution with an address that has not had it (the editorial team): respondBy (YYYY-MM-DD, after today; six weeks by default), message.',
    params, body, response: z.object({ count: z.number().int() }),
    async handler({ params: p, body: b }, ctx) {
      return { count: (await execute(ctx, sendAgenda, { ...b, agendaId: p.id })).count };
    },
  });
  api.route({
    method: 'POST', path: '/:municipality/agendas/:id/recipients/:recipient/responses', tag: 'Agendas',
    summary: 'Record an institution\'s answer (the editorial team): receivedOn (YYYY-MM-DD, not in the future), summary (public), link (optional).',
    params: params.extend({ recipient: z.string().max(64) }), body, response: z.object({ id: z.string() }),
    async handler({ params: p, body: b }, ctx) {
      return { id: (await execute(ctx, recordResponse, { ...b, agendaId: p.id, recipientId: p.recipient })).id };
    },
  });
}
