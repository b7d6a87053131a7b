import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '../../platform/context.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import type { NavItem } from '../../platform/ui/layout.js';
import { addDays } from '../summit/model.js';
import { agendaAndResource } from './access.js';
import { distributionLabels, distributionPage, responsePage } from './distribution-page.js';
import { addRecipient, organisationChoices, recordResponse, removeRecipient, sendAgenda } from './distribution-service.js';
import { DEFAULT_RESPONSE_DAYS } from './model.js';
import { agendaDistributionPath, agendaPath, agendasPath } from './paths.js';
import { agendaActions } from './policy.js';
import { agendaToday } from './service.js';
import { recipientsOf, responsesOf, type Agenda } from './store.js';

/**
 * /{slug}/wijkagendas/{id}/verzending (public: the institutions and their answers — or silence),
 * and for the editorial team: …/instellingen (add), …/instellingen/{r}/verwijderen,
 * …/instellingen/{r}/antwoord (record an answer), …/versturen (send the adopted agenda).
 */
export function registerDistributionPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;
  type Params = { id: string; recipient?: string };

  const load = async (request: FastifyRequest, action: string) => {
    const { agenda, resource } = await agendaAndResource(db, request.ctx, (request.params as Params).id);
    authorize(request.ctx, action, resource);
    return { agenda, canEdit: allowed(request.ctx, agendaActions.edit, resource) };
  };
  const crumbs = (request: FastifyRequest, agenda: Agenda): NavItem[] => {
    const slug = request.ctx.tenant!.slug;
    const t = translator(request.ctx.locale);
    return [{ href: agendasPath(slug), label: t('agenda.nav') }, { href: agendaPath(slug, agenda.id), label: agenda.title }, { href: agendaDistributionPath(slug, agenda.id), label: t('agenda.distribution.crumb') }];
  };

  const view = async (request: FastifyRequest, reply: FastifyReply, agenda: Agenda, canEdit: boolean, failed?: 'add' | 'send', values: Record<string, string> = {}, issues: FieldIssue[] = []) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    const recipients = await recipientsOf(db, agenda.id);
    const today = agendaToday();
    return reply.page({
      title: t('agenda.distribution.title', { title: agenda.title }),
      breadcrumbs: crumbs(request, agenda),
      body: distributionPage(ctx, {
        agenda, recipients, responses: await responsesOf(db, recipients.map((r) => r.id)), today, canEdit, csrf: request.csrf,
        organisations: canEdit ? await organisationChoices(db, agenda.municipalityId) : [], defaultRespondBy: addDays(today, DEFAULT_RESPONSE_DAYS),
        ...(failed ? { failed, values, errors: formErrors(t, issues, distributionLabels(t)) } : {}),
      }),
    });
  };

  app.get('/:municipality/wijkagendas/:id/verzending', async (request, reply) => {
    const { agenda, canEdit } = await load(request, agendaActions.view);
    return view(request, reply, agenda, canEdit);
  });

  const pagePost = (path: string, useCase: UseCase<any, { path: string }>, failed: 'add' | 'send', flash: string) => {
    app.post(path, async (request, reply) => {
      const { agenda, canEdit } = await load(request, agendaActions.edit);
      const values = formBody(request);
      return handleForm(reply, {
        run: () => execute(request.ctx, useCase, { ...values, agendaId: agenda.id }),
        success: (result) => reply.flashRedirect(result.path, flash),
        invalid: (issues) => view(request, reply, agenda, canEdit, failed, values, issues),
      });
    });
  };
  pagePost('/:municipality/wijkagendas/:id/verzending/instellingen', addRecipient, 'add', 'agenda.distribution.flash.added');
  pagePost('/:municipality/wijkagendas/:id/verzending/versturen', sendAgenda, 'send', 'agenda.distribution.flash.sent');

  app.post('/:municipality/wijkagendas/:id/verzending/instellingen/:recipient/verwijderen', async (request, reply) => {
    const { agenda } = await load(request, agendaActions.edit);
    const result = await execute(request.ctx, removeRecipient, { agendaId: agenda.id, recipientId: (request.params as Params).recipient });
    return reply.flashRedirect(result.path, 'agenda.distribution.flash.removed');
  });

  const recipientOf = async (request: FastifyRequest, agenda: Agenda) => {
    const recipient = (await recipientsOf(db, agenda.id)).find((r) => r.id === (request.params as Params).recipient);
    if (!recipient) throw new NotFoundError();
    return recipient;
  };
  const responseView = async (request: FastifyRequest, reply: FastifyReply, agenda: Agenda, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = translator(ctx.locale);
    const recipient = await recipientOf(request, agenda);
    return reply.page({
      title: t('agenda.distribution.recordFor', { name: recipient.name }),
      breadcrumbs: crumbs(request, agenda),
      body: responsePage(ctx, { agenda, recipient, csrf: request.csrf, values, errors: formErrors(t, issues, distributionLabels(t)), today: agendaToday() }),
    });
  };
  app.get('/:municipality/wijkagendas/:id/verzending/instellingen/:recipient/antwoord', async (request, reply) => {
    const { agenda } = await load(request, agendaActions.edit);
    return responseView(request, reply, agenda, {}, []);
  });
  app.post('/:municipality/wijkagendas/:id/verzending/instellingen/:recipient/antwoord', async (request, reply) => {
    const { agenda } = await load(request, agendaActions.edit);
    await recipientOf(request, agenda);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, recordResponse, { ...values, agendaId: agenda.id, recipientId: (request.params as Params).recipient }),
      success: (result) => reply.flashRedirect(result.path, 'agenda.distribution.flash.recorded'),
      invalid: (issues) => responseView(request, reply, agenda, values, issues),
    });
  });
}
