import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { formatDate, translator } from '../../platform/i18n/index.js';
import { composeMail } from '../../platform/mail-template.js';
import { queueMail } from '../../platform/outbox.js';
import { defineUseCase, type Tx } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { choice, dateText, email, longText, optionalLongText, optionalText } from '../../platform/validation.js';
import { tenantArea } from '../areas/index.js';
import { addDays, isCalendarDate } from '../summit/model.js';
import { resourceOfAgenda } from './access.js';
import { DEFAULT_RESPONSE_DAYS, RECIPIENT_KINDS } from './model.js';
import { agendaDistributionPath, agendaDocumentPath, agendaPath } from './paths.js';
import { agendaActions } from './policy.js';
import { AGENDA_ENTITY, DATA_LOCALE, agendaToday } from './service.js';
import { findAgenda, recipientsOf, type Agenda, type Recipient } from './store.js';

/**
 * Sending the adopted agenda to institutions and recording what they answer (policy
 * `agenda.edit`: the editorial team). The team lists institutions — from the parties register or
 * typed by hand with an e-mail address — and sends the agenda to those not sent yet: one message
 * each through the outbox with the agenda's page, its PDF and the day an answer is asked for.
 * Responses are recorded with the day received, a short public summary and, if public, a link.
 * Whoever does not answer stays on the public list as "no answer" once that day has passed: an
 * institution that was sent the agenda cannot be taken off the list.
 */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });
const dateField = dateText();
const optionalEmail = z.preprocess(blankToUndefined, email().optional());
/** An http(s) address, or not one. */
const isWebAddress = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

export const MAX_RECIPIENTS = 100;
export const MAX_SUMMARY = 2000;

async function agendaOf(tx: Tx, ctx: Context, id: string): Promise<Agenda> {
  const agenda = ctx.tenant ? await findAgenda(tx, ctx.tenant.id, id) : null;
  if (!agenda) throw new NotFoundError();
  return agenda;
}

async function recipientOf(tx: Tx, agenda: Agenda, id: string): Promise<Recipient> {
  const recipient = (await recipientsOf(tx, agenda.id)).find((r) => r.id === id);
  if (!recipient) throw new NotFoundError();
  return recipient;
}

/** A use case on an agenda's distribution: judged on the agenda (`agenda.edit`), its own audit entries. */
function distributionUseCase<S extends z.ZodObject<{ agendaId: typeof idField }>, R>(
  schema: S,
  run: (tx: Tx, input: z.output<S>, ctx: Context, agenda: Agenda) => Promise<{ result: R; action: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }>,
) {
  return defineUseCase({
    action: agendaActions.edit,
    input: schema,
    async resource(tx, input, ctx) {
      return resourceOfAgenda(tx, await agendaOf(tx, ctx, input.agendaId));
    },
    async run(tx, input, ctx) {
      const agenda = await agendaOf(tx, ctx, input.agendaId);
      const { result, action, before, after } = await run(tx, input, ctx, agenda);
      return { result, audit: [{ action, entityType: AGENDA_ENTITY, entityId: agenda.id, municipalityId: agenda.municipalityId, before: before ?? null, after: after ?? null }] };
    },
  });
}

const toDistribution = (ctx: Context, agenda: Agenda, anchor = '') => `${agendaDistributionPath(ctx.tenant!.slug, agenda.id)}${anchor}`;

/** An institution to send the agenda to: one of the register's organisations, or a name typed by hand; a kind; an e-mail address (the register's, unless another is typed). */
export const addRecipient = distributionUseCase(z.object({
  agendaId: idField,
  organisationId: z.preprocess(blankToUndefined, idField.optional()),
  name: optionalText(160),
  kind: choice(RECIPIENT_KINDS),
  email: optionalEmail,
}), async (tx, input, ctx, agenda) => {
  const issues: FieldIssue[] = [];
  let organisation: { id: string; name: string; email: string | null } | undefined;
  if (input.organisationId) {
    organisation = await tx.selectFrom('organisations').select(['id', 'name', 'email'])
      .where('id', '=', input.organisationId).where('municipality_id', '=', agenda.municipalityId).executeTakeFirst();
    if (!organisation) issues.push({ field: 'organisationId', key: 'agenda.distribution.error.organisation' });
  } else if (!input.name) {
    issues.push({ field: 'name', key: 'agenda.distribution.error.nameOrOrganisation' });
  }
  const listed = await recipientsOf(tx, agenda.id);
  const name = organisation?.name ?? input.name ?? '';
  if (listed.length >= MAX_RECIPIENTS) issues.push({ field: 'name', key: 'agenda.distribution.error.tooMany', params: { maximum: MAX_RECIPIENTS } });
  if (organisation && listed.some((r) => r.organisationId === organisation!.id)) issues.push({ field: 'organisationId', key: 'agenda.distribution.error.twice', params: { name } });
  else if (!organisation && name && listed.some((r) => r.name.toLowerCase() === name.toLowerCase())) issues.push({ field: 'name', key: 'agenda.distribution.error.twice', params: { name } });
  if (issues.length) throw new ValidationError(issues);
  const row = {
    id: newId(), agenda_id: agenda.id, municipality_id: agenda.municipalityId, organisation_id: organisation?.id ?? null, name, kind: input.kind,
    email: input.email ?? organisation?.email?.toLowerCase() ?? null, sent_at: null, sent_version: null, respond_by: null, created_at: nowIso(),
  };
  await tx.insertInto('agenda_recipients').values(row).execute();
  return { result: { id: row.id, path: toDistribution(ctx, agenda) }, action: 'agenda.recipient.add', after: row };
});

/** Take an institution off the list — only before it was sent the agenda (its silence stays visible). */
export const removeRecipient = distributionUseCase(z.object({ agendaId: idField, recipientId: idField }), async (tx, input, ctx, agenda) => {
  const recipient = await recipientOf(tx, agenda, input.recipientId);
  if (recipient.sentAt) throw new ConflictError('agenda.distribution.error.sentStays', { name: recipient.name });
  await tx.deleteFrom('agenda_recipients').where('id', '=', recipient.id).execute();
  return { result: { path: toDistribution(ctx, agenda) }, action: 'agenda.recipient.remove', before: { id: recipient.id, name: recipient.name, kind: recipient.kind, email: recipient.email } };
});

/** The message to one institution, in the municipality's language. */
function queueAgendaMail(tx: Tx, platform: Platform, tenant: Tenant, agenda: Agenda, areaTitle: string, recipient: Recipient, respondBy: string, message: string | null) {
  const t = translator(DATA_LOCALE);
  const pageUrl = `${platform.config.publicUrl}${agendaPath(tenant.slug, agenda.id)}`;
  const pdfUrl = `${platform.config.publicUrl}${agendaDocumentPath(tenant.slug, agenda.id)}.pdf`;
  const mail = composeMail(t, {
    locale: DATA_LOCALE,
    subject: t('agenda.distribution.mail.subject', { title: agenda.title }),
    paragraphs: [
      t('agenda.distribution.mail.body', { organiser: agenda.organiserName, title: agenda.title, area: areaTitle, date: formatDate(DATA_LOCALE, agenda.adoptedOn!) }),
      ...(message ? [message] : []),
      t('agenda.distribution.mail.ask', { date: formatDate(DATA_LOCALE, respondBy), organiser: agenda.organiserName }),
      t('agenda.distribution.mail.pdf', { url: pdfUrl }),
    ],
    action: { label: t('agenda.distribution.mail.action'), url: pageUrl },
    after: [t('agenda.distribution.mail.public')],
  });
  return queueMail(tx, { to: recipient.email!, ...mail, municipalityId: tenant.id });
}

/**
 * Send the adopted agenda to every listed institution with an address that has not had it yet,
 * asking for an answer before `respondBy` (by default DEFAULT_RESPONSE_DAYS from today).
 */
export const sendAgenda = distributionUseCase(z.object({
  agendaId: idField,
  respondBy: z.preprocess(blankToUndefined, dateField.optional()),
  message: optionalLongText(2000),
}), async (tx, input, ctx, agenda) => {
  if (agenda.status !== 'adopted' || !agenda.adoptedVersion) throw new ConflictError('agenda.distribution.error.notAdopted');
  const today = agendaToday();
  const respondBy = input.respondBy ?? addDays(today, DEFAULT_RESPONSE_DAYS);
  if (!isCalendarDate(respondBy)) throw ValidationError.field('respondBy', 'agenda.distribution.error.date');
  if (respondBy <= today) throw ValidationError.field('respondBy', 'agenda.distribution.error.respondByPast');
  const due = (await recipientsOf(tx, agenda.id)).filter((r) => !r.sentAt && r.email);
  if (due.length === 0) throw ValidationError.field('respondBy', 'agenda.distribution.error.noneToSend');
  const areaTitle = (await tenantArea(tx, ctx.tenant!, agenda.areaCode, translator(DATA_LOCALE)))?.title ?? agenda.areaCode;
  const sentAt = nowIso();
  for (const recipient of due) {
    await queueAgendaMail(tx, ctx.platform, ctx.tenant!, agenda, areaTitle, recipient, respondBy, input.message ?? null);
    await tx.updateTable('agenda_recipients').set({ sent_at: sentAt, sent_version: agenda.adoptedVersion, respond_by: respondBy }).where('id', '=', recipient.id).execute();
  }
  return {
    result: { count: due.length, path: toDistribution(ctx, agenda) },
    action: 'agenda.distribute',
    after: { version: agenda.adoptedVersion, respond_by: respondBy, sent_at: sentAt, recipients: due.map((r) => ({ id: r.id, name: r.name })), message: input.message ?? null },
  };
});

/** What an institution answered: the day received (not in the future), a short public summary, a link to the full answer if public. */
export const recordResponse = distributionUseCase(z.object({
  agendaId: idField,
  recipientId: idField,
  receivedOn: dateField,
  summary: longText(MAX_SUMMARY),
  link: optionalText(500),
}), async (tx, input, ctx, agenda) => {
  const recipient = await recipientOf(tx, agenda, input.recipientId);
  if (!isCalendarDate(input.receivedOn)) throw ValidationError.field('receivedOn', 'agenda.distribution.error.date');
  if (input.receivedOn > agendaToday()) throw ValidationError.field('receivedOn', 'agenda.distribution.error.receivedInFuture');
  if (input.link && !isWebAddress(input.link)) throw ValidationError.field('link', 'agenda.distribution.error.link');
  const row = { id: newId(), recipient_id: recipient.id, municipality_id: agenda.municipalityId, received_on: input.receivedOn, summary: input.summary, link: input.link ?? null, created_at: nowIso() };
  await tx.insertInto('agenda_responses').values(row).execute();
  return { result: { id: row.id, path: toDistribution(ctx, agenda, `#instelling-${recipient.id}`) }, action: 'agenda.response.record', after: { ...row, recipient: recipient.name } };
});

/** Organisations of the register an editor can pick from (by name). */
export async function organisationChoices(tx: Tx, municipalityId: string): Promise<Array<{ id: string; name: string; email: string | null }>> {
  return tx.selectFrom('organisations').select(['id', 'name', 'email']).where('municipality_id', '=', municipalityId).orderBy('name').orderBy('id').execute();
}

