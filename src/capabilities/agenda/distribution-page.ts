import type { Context } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/html.js';
import { formatDate, formatNumber, translator, type Translate } from '../../platform/i18n/index.js';
import {
  actionButton, errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors,
} from '../../platform/ui/components.js';
import { RECIPIENT_KINDS, responseState, type ResponseState } from './model.js';
import { agendaDistributionPath, agendaPath } from './paths.js';
import { amsterdamToday } from '../summit/service.js';
import { daysBetween as daysFrom } from './service.js';
import type { Agenda, AgendaResponse, Recipient } from './store.js';

/**
 * The agenda's distribution page, public: every institution it was (or will be) sent to, with its
 * state — answered (what, when, where to read it), waiting, or no answer past the day asked, with
 * that day and how long ago it was sent: silence made visible. Editors also see the addresses and
 * add institutions, send the agenda, record answers and take off those not sent yet.
 */
export interface DistributionPageInput {
  agenda: Agenda;
  recipients: Recipient[];
  responses: AgendaResponse[];
  today: string;
  canEdit: boolean;
  csrf: string;
  organisations: Array<{ id: string; name: string }>;
  defaultRespondBy: string;
  /** The form that came back with errors, its values and errors. */
  failed?: 'add' | 'send';
  values?: Record<string, string>;
  errors?: FormErrors;
}

export const distributionLabels = (t: Translate): Record<string, string> => ({
  organisationId: t('agenda.distribution.field.organisation'),
  name: t('agenda.distribution.field.name'),
  kind: t('agenda.distribution.field.kind'),
  email: t('agenda.distribution.field.email'),
  respondBy: t('agenda.distribution.field.respondBy'),
  message: t('agenda.distribution.field.message'),
  receivedOn: t('agenda.distribution.field.receivedOn'),
  summary: t('agenda.distribution.field.summary'),
  link: t('agenda.distribution.field.link'),
});

const STATE_ORDER: readonly ResponseState[] = ['overdue', 'waiting', 'answered', 'notSent'];

function stateLine(ctx: Context, recipient: Recipient, state: ResponseState, today: string): SafeHtml {
  const t = translator(ctx.locale);
  const date = recipient.respondBy ? formatDate(ctx.locale, recipient.respondBy) : '';
  const tag = html`<span class="ba-tag ba-response ba-response--${state}">${t(`agenda.response.${state}`, { date })}</span>`;
  if (!recipient.sentAt) return tag;
  const sent = amsterdamToday(new Date(recipient.sentAt));
  const days = daysFrom(sent, today);
  return html`${tag} ${t('agenda.distribution.sentOn', { date: formatDate(ctx.locale, recipient.sentAt), days: formatNumber(ctx.locale, days) })}${state === 'overdue' ? html` <strong>${t('agenda.distribution.silence', { days: formatNumber(ctx.locale, daysFrom(recipient.respondBy!, today)) })}</strong>` : ''}`;
}

export function distributionPage(ctx: Context, input: DistributionPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { agenda } = input;
  const base = agendaDistributionPath(slug, agenda.id);
  const labels = distributionLabels(t);
  const states = input.recipients.map((r) => ({ recipient: r, responses: input.responses.filter((x) => x.recipientId === r.id) }))
    .map((x) => ({ ...x, state: responseState({ sentAt: x.recipient.sentAt, respondBy: x.recipient.respondBy, responses: x.responses.length }, input.today) }))
    // Silence first: no answer past the day asked, then those still waiting, the answers, and those not sent yet.
    .sort((x, y) => STATE_ORDER.indexOf(x.state) - STATE_ORDER.indexOf(y.state));
  const count = (s: ResponseState) => formatNumber(ctx.locale, states.filter((x) => x.state === s).length);
  const values = input.values ?? {};
  const errors = input.errors ?? {};
  const addErrors = input.failed === 'add' ? errors : {};
  const sendErrors = input.failed === 'send' ? errors : {};
  const due = input.recipients.filter((r) => !r.sentAt && r.email).length;

  return html`${heading1(t('agenda.distribution.title', { title: agenda.title }))}
    ${paragraph(html`${t('agenda.distribution.intro')} ${link(agendaPath(slug, agenda.id), t('agenda.distribution.back', { title: agenda.title }))}`)}
    ${agenda.status !== 'adopted' ? paragraph(t('agenda.distribution.notAdopted')) : ''}
    ${states.length ? paragraph(t('agenda.distribution.counts', { answered: count('answered'), waiting: count('waiting'), overdue: count('overdue'), notSent: count('notSent') })) : ''}
    ${states.length === 0 ? paragraph(t('agenda.distribution.none')) : html`<ul class="ba-recipients">${states.map(({ recipient, responses, state }) => html`<li class="ba-card ba-recipient ba-recipient--${state}" id="instelling-${recipient.id}">
      <h2 class="utrecht-heading-3">${recipient.name}</h2>
      <p class="utrecht-paragraph">${t(`agenda.recipient.${recipient.kind}`)}</p>
      <p class="utrecht-paragraph">${stateLine(ctx, recipient, state, input.today)}</p>
      ${responses.length ? html`<ul class="utrecht-unordered-list">${responses.map((r) => html`<li><time datetime="${r.receivedOn}">${formatDate(ctx.locale, r.receivedOn)}</time>: ${r.summary}${r.link ? html` — ${link(r.link, t('agenda.distribution.readAnswer', { name: recipient.name }))}` : ''}</li>`)}</ul>` : ''}
      ${input.canEdit ? html`<p class="utrecht-paragraph ba-small">${recipient.email ? t('agenda.distribution.address', { email: recipient.email }) : t('agenda.distribution.noAddress')}</p>
        <div class="ba-actions">
          ${link(`${base}/instellingen/${recipient.id}/antwoord`, t('agenda.distribution.recordFor', { name: recipient.name }))}
          ${recipient.sentAt ? '' : actionButton({ action: `${base}/instellingen/${recipient.id}/verwijderen`, csrf: input.csrf, label: t('agenda.distribution.remove', { name: recipient.name }), danger: true })}
        </div>` : ''}
    </li>`)}</ul>`}
    ${input.canEdit ? html`<section aria-labelledby="toevoegen">
      <h2 class="utrecht-heading-2" id="toevoegen">${t('agenda.distribution.add')}</h2>
      ${paragraph(t('agenda.distribution.addIntro'))}
      ${errorSummary(t, addErrors, labels)}
      ${form({ action: `${base}/instellingen`, csrf: input.csrf, submit: t('agenda.distribution.addSubmit'), body: html`
        ${selectField(t, { name: 'organisationId', label: labels.organisationId!, value: input.failed === 'add' ? values.organisationId : '', errors: addErrors, placeholder: t('agenda.distribution.byHand'), options: input.organisations.map((o) => ({ value: o.id, label: o.name })) })}
        ${textField(t, { name: 'name', label: labels.name!, hint: t('agenda.distribution.hint.name'), value: input.failed === 'add' ? values.name : '', errors: addErrors, maxLength: 160 })}
        ${selectField(t, { name: 'kind', label: labels.kind!, value: input.failed === 'add' ? values.kind : '', errors: addErrors, required: true, placeholder: t('agenda.distribution.chooseKind'), options: RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`agenda.recipient.${k}`) })) })}
        ${textField(t, { name: 'email', label: labels.email!, hint: t('agenda.distribution.hint.email'), type: 'email', value: input.failed === 'add' ? values.email : '', errors: addErrors, maxLength: 254 })}` })}
    </section>
    ${agenda.status === 'adopted' ? html`<section aria-labelledby="versturen">
      <h2 class="utrecht-heading-2" id="versturen">${t('agenda.distribution.send')}</h2>
      ${paragraph(due ? t('agenda.distribution.sendIntro', { count: formatNumber(ctx.locale, due) }) : t('agenda.distribution.nothingToSend'))}
      ${errorSummary(t, sendErrors, labels)}
      ${due ? form({ action: `${base}/versturen`, csrf: input.csrf, submit: t('agenda.distribution.sendSubmit', { count: formatNumber(ctx.locale, due) }), body: html`
        ${textField(t, { name: 'respondBy', label: labels.respondBy!, type: 'date', hint: t('agenda.distribution.hint.respondBy'), value: input.failed === 'send' ? values.respondBy : input.defaultRespondBy, errors: sendErrors, required: true })}
        ${textArea(t, { name: 'message', label: labels.message!, hint: t('agenda.distribution.hint.message'), value: input.failed === 'send' ? values.message : '', errors: sendErrors, rows: 4 })}` }) : ''}
    </section>` : ''}` : ''}`;
}

/** The form to record an institution's answer. */
export function responsePage(ctx: Context, input: { agenda: Agenda; recipient: Recipient; csrf: string; values: Record<string, string>; errors: FormErrors; today: string }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = distributionLabels(t);
  const base = agendaDistributionPath(ctx.tenant!.slug, input.agenda.id);
  return html`${heading1(t('agenda.distribution.recordFor', { name: input.recipient.name }))}
    ${paragraph(t('agenda.distribution.recordIntro'))}
    ${errorSummary(t, input.errors, labels)}
    ${form({ action: `${base}/instellingen/${input.recipient.id}/antwoord`, csrf: input.csrf, submit: t('agenda.distribution.recordSubmit'), secondary: link(base, t('form.cancel')), body: html`
      ${textField(t, { name: 'receivedOn', label: labels.receivedOn!, type: 'date', value: input.values.receivedOn ?? input.today, errors: input.errors, required: true })}
      ${textArea(t, { name: 'summary', label: labels.summary!, hint: t('agenda.distribution.hint.summary'), value: input.values.summary, errors: input.errors, required: true, rows: 5 })}
      ${textField(t, { name: 'link', label: labels.link!, hint: t('agenda.distribution.hint.link'), type: 'url', value: input.values.link, errors: input.errors, maxLength: 500 })}` })}`;
}
