import { html, type SafeHtml } from '../../../platform/html.js';
import type { Locale, Translate } from '../../../platform/i18n/index.js';
import { actionButton, errorSummary, form, heading1, link, paragraph, table, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { MAX_PUBLIC_VALUES } from '../model.js';
import type { PublicValueRow } from '../store.js';
import { valueName } from './home.js';

export function publicValueLabels(t: Translate) {
  return {
    nameNl: t('municipality.field.nameNl'),
    nameEn: t('municipality.field.nameEn'),
    descriptionNl: t('municipality.field.descriptionNl'),
    descriptionEn: t('municipality.field.descriptionEn'),
    direction: t('municipality.field.direction'),
  };
}

function valueFields(t: Translate, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const labels = publicValueLabels(t);
  return html`${textField(t, { name: 'nameNl', label: labels.nameNl, value: values.nameNl, errors, required: true, maxLength: 120 })}
    ${textArea(t, { name: 'descriptionNl', label: labels.descriptionNl, value: values.descriptionNl, errors, required: true, rows: 3 })}
    ${textField(t, { name: 'nameEn', label: labels.nameEn, value: values.nameEn, errors, required: true, maxLength: 120 })}
    ${textArea(t, { name: 'descriptionEn', label: labels.descriptionEn, value: values.descriptionEn, errors, required: true, rows: 3 })}`;
}

export function publicValuesPage(t: Translate, locale: Locale, input: { base: string; csrf: string; rows: PublicValueRow[]; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const { base, csrf, rows } = input;
  const admin = `${base}/beheer/publieke-waarden`;
  return html`${heading1(t('municipality.values.title'))}
    ${paragraph(t('municipality.values.intro'))}
    ${table({
      caption: t('municipality.values.caption', { count: rows.length }),
      empty: t('municipality.values.empty'),
      rows: rows.map((row, index) => ({ row, index })),
      columns: [
        { header: t('municipality.values.order'), numeric: true, cell: ({ index }) => String(index + 1) },
        { header: t('municipality.values.name'), cell: ({ row }) => html`<span lang="nl">${row.name_nl}</span><br><span class="ba-small" lang="en">${row.name_en}</span>` },
        { header: t('municipality.values.description'), cell: ({ row }) => locale === 'en' ? html`<span lang="en">${row.description_en}</span>` : html`<span lang="nl">${row.description_nl}</span>` },
        { header: t('municipality.values.actions'), cell: ({ row, index }) => html`
          ${link(`${admin}/${row.id}`, t('municipality.values.edit', { name: valueName(row, locale) }))}
          ${index > 0 ? actionButton({ action: `${admin}/${row.id}/omhoog`, csrf, label: t('municipality.values.up', { name: valueName(row, locale) }) }) : ''}
          ${index < rows.length - 1 ? actionButton({ action: `${admin}/${row.id}/omlaag`, csrf, label: t('municipality.values.down', { name: valueName(row, locale) }) }) : ''}
          ${rows.length > 1 ? link(`${admin}/${row.id}/verwijderen`, t('municipality.values.remove', { name: valueName(row, locale) })) : ''}` },
      ],
    })}
    <h2 class="utrecht-heading-2">${t('municipality.values.add')}</h2>
    ${rows.length >= MAX_PUBLIC_VALUES
      ? paragraph(t('municipality.tooManyPublicValues', { maximum: MAX_PUBLIC_VALUES }))
      : html`${errorSummary(t, input.errors, publicValueLabels(t))}
        ${form({ action: admin, csrf, submit: t('municipality.values.addSubmit'), body: valueFields(t, input.values, input.errors) })}`}`;
}

export function editPublicValuePage(t: Translate, input: { base: string; csrf: string; row: PublicValueRow; values: Record<string, string>; errors: FormErrors; locale: Locale }): SafeHtml {
  const admin = `${input.base}/beheer/publieke-waarden`;
  return html`${heading1(t('municipality.values.editTitle', { name: valueName(input.row, input.locale) }))}
    ${errorSummary(t, input.errors, publicValueLabels(t))}
    ${form({ action: `${admin}/${input.row.id}`, csrf: input.csrf, submit: t('form.save'), body: valueFields(t, input.values, input.errors), secondary: link(admin, t('form.cancel')) })}`;
}

export function removePublicValuePage(t: Translate, input: { base: string; csrf: string; row: PublicValueRow; isLast: boolean; locale: Locale }): SafeHtml {
  const admin = `${input.base}/beheer/publieke-waarden`;
  const name = valueName(input.row, input.locale);
  if (input.isLast) {
    return html`${heading1(t('municipality.values.removeTitle', { name }))}
      <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">${t('municipality.lastPublicValue')}</p></div>
      ${paragraph(link(admin, t('municipality.values.back')))}`;
  }
  return html`${heading1(t('municipality.values.removeTitle', { name }))}
    ${paragraph(t('municipality.values.removeConfirm', { name }))}
    ${form({ action: `${admin}/${input.row.id}/verwijderen`, csrf: input.csrf, submit: t('municipality.values.removeSubmit'), body: '', secondary: link(admin, t('form.cancel')) })}`;
}
