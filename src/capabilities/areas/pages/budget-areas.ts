import { html, type SafeHtml } from '../../../platform/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { actionButton, errorSummary, form, heading1, link, paragraph, table, textField, type FormErrors } from '../../../platform/ui/components.js';
import { areaLabel, type BudgetArea, type BudgetAreasView } from '../model.js';

export interface BudgetAreasPageInput {
  municipalityName: string;
  view: BudgetAreasView;
  base: string;
  csrf: string;
  canDefine: boolean;
  values: { name?: string; codes?: string[] };
  errors: FormErrors;
  areaHref: (code: string) => string;
}

export function budgetAreaLabels(t: Translate): Record<string, string> {
  return { name: t('areas.budget.field.name'), codes: t('areas.budget.field.codes') };
}

function members(t: Translate, area: BudgetArea, areaHref: (code: string) => string): SafeHtml {
  return html`${area.neighbourhoods.map((n, i) => html`${i > 0 ? ', ' : ''}${link(areaHref(n.code), areaLabel(n))}`)}`;
}

export function budgetAreasPage(t: Translate, input: BudgetAreasPageInput): SafeHtml {
  const { view } = input;
  const groups = view.areas.filter((a) => a.source === 'group');
  const labels = budgetAreaLabels(t);
  const chosen = new Set(input.values.codes ?? []);
  const codesError = input.errors.codes;

  const defineForm = input.canDefine && view.ungrouped.length > 0
    ? html`<h2 class="utrecht-heading-2" id="nieuw">${t('areas.budget.new')}</h2>
      ${paragraph(t('areas.budget.newIntro'))}
      ${errorSummary(t, input.errors, labels)}
      ${form({
        action: `${input.base}/budgetgebieden`, csrf: input.csrf, submit: t('areas.budget.submit'),
        body: html`${textField(t, { name: 'name', label: labels.name!, errors: input.errors, value: input.values.name ?? '', required: true, maxLength: 100, hint: t('areas.budget.field.nameHint') })}
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${codesError ? ' utrecht-form-fieldset--invalid' : ''}"${codesError ? html` aria-describedby="error-codes"` : ''}>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${labels.codes}</legend>
            <p class="utrecht-form-field-description" id="hint-codes">${t('areas.budget.field.codesHint')}</p>
            ${codesError ? html`<p class="utrecht-form-field-error-message" id="error-codes">${codesError}</p>` : ''}
            ${view.ungrouped.map((n, i) => {
              const id = i === 0 ? 'field-codes' : `field-codes-${n.code}`;
              return html`<div class="utrecht-form-field utrecht-form-field--checkbox">
                <div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${id}" name="codes" value="${n.code}"${chosen.has(n.code) ? html` checked` : ''}></div>
                <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${areaLabel(n)} <span class="ba-small">(${n.code})</span></label></div>
              </div>`;
            })}
          </fieldset>`,
      })}`
    : input.canDefine && view.areas.length > 0 ? paragraph(t('areas.budget.allGrouped')) : '';

  return html`${heading1(t('areas.budget.title'))}
    ${paragraph(t('areas.budget.intro', { name: input.municipalityName, year: view.divisionYear }))}
    ${view.areas.length === 0 ? paragraph(t('areas.budget.noNeighbourhoods', { year: view.divisionYear })) : html`
    <h2 class="utrecht-heading-2">${t('areas.budget.groups')}</h2>
    ${table({
      caption: t('areas.budget.groupsCaption', { count: groups.length }), captionHidden: true, rows: groups, empty: t('areas.budget.noGroups'),
      columns: [
        { header: t('areas.budget.column.name'), cell: (g) => g.name },
        { header: t('areas.budget.column.neighbourhoods'), cell: (g) => members(t, g, input.areaHref) },
        ...(input.canDefine ? [{
          header: t('areas.budget.column.actions'),
          cell: (g: BudgetArea) => actionButton({ action: `${input.base}/budgetgebieden/${g.id}/verwijderen`, csrf: input.csrf, label: t('areas.budget.delete', { name: g.name }), danger: true }),
        }] : []),
      ],
    })}
    <h2 class="utrecht-heading-2">${t('areas.budget.singles')}</h2>
    ${view.ungrouped.length
      ? html`${paragraph(t('areas.budget.singlesIntro'))}<ul class="utrecht-unordered-list">${view.ungrouped.map((n) => html`<li>${link(input.areaHref(n.code), areaLabel(n))} <span class="ba-small">(${n.code})</span></li>`)}</ul>`
      : paragraph(t('areas.budget.noSingles'))}`}
    ${defineForm}`;
}
