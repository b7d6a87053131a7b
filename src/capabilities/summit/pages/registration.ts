import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { actionButton, checkboxField, errorSummary, form, heading1, link, paragraph, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { MAX_CHILDREN, MAX_LANGUAGE, MAX_NAME, RETENTION_DAYS_AFTER_END, registrationIsOpen, type RegistrationCounts } from '../registration-model.js';
import type { Registration } from '../registration-store.js';
import { summitPath } from '../service.js';
import type { Summit, WorkingGroup } from '../store.js';
import { whenText } from './summit.js';

/**
 * Pages of registering: the section on the summit's page (the form while registration is open),
 * the pages behind the mail's links (confirm, cancel: a button, as mail scanners follow links),
 * and the organisers' list with what to prepare for and the form to register someone by hand.
 */
export function registrationLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(['name', 'email', 'phone', 'themes', 'accessNeeds', 'languageHelp', 'children', 'consent'].map((f) => [f, t(`summit.registration.field.${f}`)]));
}

const n = (ctx: Context, v: number) => formatNumber(ctx.locale, v);

/** The registration form's fields: one checkbox per working group (`theme-{id}`); the consent line only for residents themselves. */
export function registrationFields(t: Translate, groups: readonly WorkingGroup[], values: Record<string, string>, errors: FormErrors, byHand: boolean): SafeHtml {
  const hint = (name: string) => t(`summit.registration.hint.${name}`);
  const label = (name: string) => t(`summit.registration.field.${name}`);
  return html`
    ${textField(t, { name: 'name', label: label('name'), value: values.name, errors, required: true, maxLength: MAX_NAME, autocomplete: byHand ? undefined : 'name' })}
    ${textField(t, { name: 'email', label: label('email'), hint: hint(byHand ? 'emailByHand' : 'email'), type: 'email', value: values.email, errors, required: !byHand, autocomplete: byHand ? undefined : 'email' })}
    ${textField(t, { name: 'phone', label: label('phone'), hint: hint('phone'), type: 'tel', value: values.phone, errors, maxLength: 24, autocomplete: byHand ? undefined : 'tel' })}
    ${groups.length ? html`<fieldset class="utrecht-form-fieldset ba-fieldset" id="field-themes"${errors.themes ? html` aria-describedby="error-themes"` : ''}>
      <legend class="utrecht-form-fieldset__legend">${label('themes')} <span class="ba-optional">(${t('form.optional')})</span></legend>
      <p class="utrecht-form-field-description">${hint('themes')}</p>
      ${errors.themes ? html`<p class="utrecht-form-field-error-message" id="error-themes">${errors.themes}</p>` : ''}
      ${groups.map((g) => checkboxField({ name: `theme-${g.id}`, label: g.name, checked: values[`theme-${g.id}`] === 'on' }))}
    </fieldset>` : ''}
    ${textArea(t, { name: 'accessNeeds', label: label('accessNeeds'), hint: hint('accessNeeds'), value: values.accessNeeds, errors, rows: 3 })}
    ${textField(t, { name: 'languageHelp', label: label('languageHelp'), hint: hint('languageHelp'), value: values.languageHelp, errors, maxLength: MAX_LANGUAGE })}
    ${textField(t, { name: 'children', label: label('children'), hint: hint('children'), type: 'number', value: values.children, errors, maxLength: String(MAX_CHILDREN).length })}
    ${byHand ? '' : html`${errors.consent ? html`<p class="utrecht-form-field-error-message" id="error-consent">${errors.consent}</p>` : ''}
      ${checkboxField({ name: 'consent', label: t('summit.registration.consent', { days: RETENTION_DAYS_AFTER_END }), checked: values.consent === 'on' })}`}`;
}

export interface RegistrationSectionInput {
  summit: Summit;
  groups: WorkingGroup[];
  confirmed: number;
  waiting: number;
  canOrganise: boolean;
  csrf: string;
  values?: Record<string, string>;
  errors?: FormErrors;
}

/** On the summit's page: places left and the form while registration is open; for organisers, the way to the registrations. */
export function registrationSection(ctx: Context, input: RegistrationSectionInput): SafeHtml {
  const t = translator(ctx.locale);
  const { summit } = input;
  const here = summitPath(ctx.tenant!.slug, summit.id);
  const open = registrationIsOpen(summit.status);
  if (!open && !input.canOrganise) return html``;
  const errors = input.errors ?? {};
  const left = summit.capacity === null ? null : Math.max(0, summit.capacity - input.confirmed);
  return html`<section aria-labelledby="aanmelden"><h2 class="utrecht-heading-2" id="aanmelden">${t('summit.registration.heading')}</h2>
    ${input.canOrganise ? html`<div class="utrecht-button-group ba-actions">${link(`${here}/aanmeldingen`, t('summit.registrations.link', { confirmed: n(ctx, input.confirmed), waiting: n(ctx, input.waiting) }))} ${link(`${here}/uitnodigingen`, t('summit.invitation.link'))}</div>` : ''}
    ${open ? html`
      ${left === null ? '' : paragraph(left > 0 ? t('summit.registration.placesLeft', { count: n(ctx, left), capacity: n(ctx, summit.capacity!) }) : t('summit.registration.full'))}
      ${paragraph(t('summit.registration.intro'))}
      ${errorSummary(t, errors, registrationLabels(t))}
      ${form({ action: `${here}/aanmelden`, csrf: input.csrf, submit: t('summit.registration.submit'), body: registrationFields(t, input.groups, input.values ?? {}, errors, false) })}`
    : paragraph(t('summit.registration.notOpen'))}
  </section>`;
}

/** The page behind a mail's link: what it will do, and one button (a GET never changes anything). */
export function tokenPage(ctx: Context, input: { summit: Summit; kind: 'confirm' | 'cancel'; token: string; csrf: string }): SafeHtml {
  const t = translator(ctx.locale);
  const here = summitPath(ctx.tenant!.slug, input.summit.id);
  const path = input.kind === 'confirm' ? 'bevestigen' : 'annuleren';
  return html`${heading1(t(`summit.registration.${input.kind}.title`))}
    ${paragraph(t(`summit.registration.${input.kind}.intro`, { title: input.summit.title, when: whenText(ctx, input.summit) }))}
    ${actionButton({ action: `${here}/aanmelding/${path}`, csrf: input.csrf, label: t(`summit.registration.${input.kind}.submit`), fields: { sleutel: input.token }, danger: input.kind === 'cancel' })}
    ${paragraph(link(here, input.summit.title))}`;
}

export interface RegistrationsPageInput {
  summit: Summit;
  groups: WorkingGroup[];
  registrations: Registration[];
  counts: RegistrationCounts;
  record: { counts: RegistrationCounts; erasedAt: string } | null;
  csrf: string;
  /** Who came (pages/attendance.ts), after the needs. */
  attendance?: SafeHtml;
}

/** What the organisers prepare for: counts per status and theme, needs, and every registration. */
export function registrationsPage(ctx: Context, input: RegistrationsPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const here = summitPath(ctx.tenant!.slug, input.summit.id);
  const counts = input.record?.counts ?? input.counts;
  const languages = Object.entries(counts.languageHelp).map(([language, count]) => `${language} (${n(ctx, count)})`).join(', ');
  const groupName = new Map(input.groups.map((g) => [g.id, g.name]));
  return html`${heading1(t('summit.registrations.title', { title: input.summit.title }))}
    ${paragraph(t('summit.registrations.intro', { days: RETENTION_DAYS_AFTER_END }))}
    ${input.record ? paragraph(t('summit.registrations.erased', { date: formatDate(ctx.locale, input.record.erasedAt) })) : ''}
    ${paragraph(`${t('summit.registrations.summary', { confirmed: n(ctx, counts.confirmed), waiting: n(ctx, counts.waiting), pending: n(ctx, counts.pending), cancelled: n(ctx, counts.cancelled) })}${input.summit.capacity === null ? '' : ` ${t('summit.registrations.capacity', { capacity: n(ctx, input.summit.capacity) })}`}`)}
    <div class="utrecht-button-group ba-actions">${link(`${here}/aanmeldingen/nieuw`, t('summit.registrations.add'))} ${link(`${here}/aanmeldingen.csv`, t('summit.registrations.csv'))}</div>
    <h2 class="utrecht-heading-2" id="nodig">${t('summit.registrations.needs')}</h2>
    <ul class="utrecht-unordered-list">
      <li>${t('summit.registrations.needs.access', { count: n(ctx, counts.accessNeeds) })}</li>
      <li>${languages ? t('summit.registrations.needs.language', { list: languages }) : t('summit.registrations.needs.noLanguage')}</li>
      <li>${t('summit.registrations.needs.children', { count: n(ctx, counts.children) })}</li>
    </ul>
    ${input.attendance ?? ''}
    <h2 class="utrecht-heading-2" id="themas">${t('summit.registrations.themes')}</h2>
    ${table({
      caption: t('summit.registrations.themes'), captionHidden: true, rows: input.groups, empty: t('summit.groups.empty'),
      columns: [{ header: t('summit.registration.field.themes'), cell: (g) => g.name }, { header: t('summit.registrations.themeCount'), numeric: true, cell: (g) => n(ctx, counts.perTheme[g.id] ?? 0) }],
    })}
    <h2 class="utrecht-heading-2" id="lijst">${t('summit.registrations.list')}</h2>
    ${table({
      caption: t('summit.registrations.list'), captionHidden: true, rows: input.registrations, empty: t('summit.registrations.none'),
      columns: [
        { header: t('summit.registration.field.name'), cell: (r) => html`${r.name}${r.byHand ? html`<br><span class="ba-optional">${t('summit.registrations.byHand')}</span>` : ''}` },
        { header: t('summit.registrations.contact'), cell: (r) => [r.email, r.phone].filter(Boolean).join(', ') },
        { header: t('summit.registrations.status'), cell: (r) => html`<span class="ba-tag">${t(`summit.registration.status.${r.status}`)}</span>${r.attended === null ? '' : html` <span class="ba-tag">${t(r.attended ? 'summit.attendance.tag.came' : 'summit.attendance.tag.absent')}</span>`}` },
        { header: t('summit.registration.field.themes'), cell: (r) => r.themes.map((id) => groupName.get(id) ?? '').filter(Boolean).join(', ') },
        { header: t('summit.registrations.needs'), cell: (r) => [r.accessNeeds, r.languageHelp, r.children ? t('summit.registrations.needs.children', { count: n(ctx, r.children) }) : ''].filter(Boolean).join(' · ') },
        { header: t('summit.registrations.actions'), cell: (r) => (r.status === 'cancelled' ? '' : actionButton({ action: `${here}/aanmeldingen/${r.id}/annuleren`, csrf: input.csrf, label: t('summit.registrations.cancel', { name: r.name }), danger: true })) },
      ],
    })}`;
}
