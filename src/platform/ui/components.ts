import { html, type HtmlValue, type SafeHtml } from '../html.js';
import type { FieldIssue } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { FORM_KEY_FIELD, newFormKey } from '../http/form-keys.js';

/**
 * Form and content components in NL Design System (Utrecht) markup. Every field has a label,
 * its error is tied to it with aria-describedby, and the error summary at the top of a form
 * links to each field by id.
 */
export type FormErrors = Record<string, string>;

/** Translate field issues into messages that name the field ("Naam: vul dit veld in"). */
export function formErrors(t: Translate, issues: FieldIssue[], labels: Record<string, string>): FormErrors {
  const out: FormErrors = {};
  for (const issue of issues) {
    const field = issue.field || '_form';
    if (out[field]) continue;
    out[field] = t(issue.key, { ...issue.params, field: labels[field] ?? field });
  }
  return out;
}

export function errorSummary(t: Translate, errors: FormErrors, labels: Record<string, string>): SafeHtml {
  const entries = Object.entries(errors);
  if (entries.length === 0) return html``;
  return html`<div class="utrecht-alert utrecht-alert--error ba-error-summary" role="alert" tabindex="-1" id="error-summary">
    <h2 class="utrecht-heading-2">${t('form.errorSummary')}</h2>
    <ul class="utrecht-unordered-list">${entries.map(([field, message]) => field === '_form'
      ? html`<li>${message}</li>`
      : html`<li><a class="utrecht-link" href="#field-${field}">${labels[field] ?? field}: ${message}</a></li>`)}</ul>
  </div>`;
}

interface FieldBase {
  name: string;
  label: string;
  errors: FormErrors;
  hint?: string;
  required?: boolean;
}

function describedBy(field: FieldBase): string | null {
  const ids = [field.hint ? `hint-${field.name}` : '', field.errors[field.name] ? `error-${field.name}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : null;
}

export interface TextFieldInput extends FieldBase {
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'number' | 'url' | 'color' | 'date' | 'search' | 'tel';
  autocomplete?: string;
  maxLength?: number;
}

export function textField(t: Translate, field: TextFieldInput): SafeHtml {
  const error = field.errors[field.name];
  const aria = describedBy(field);
  const control = html`<input class="utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}" id="field-${field.name}" name="${field.name}" type="${field.type ?? 'text'}"
    value="${field.value ?? ''}"${field.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${aria ? html` aria-describedby="${aria}"` : ''}${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''}${field.maxLength ? html` maxlength="${field.maxLength}"` : ''}>`;
  return withOptional(t, field, control);
}

function withOptional(t: Translate, field: FieldBase, control: SafeHtml): SafeHtml {
  const error = field.errors[field.name];
  return html`<div class="utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}">
    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-${field.name}">${field.label}${field.required ? '' : html` <span class="ba-optional">(${t('form.optional')})</span>`}</label></div>
    ${field.hint ? html`<div class="utrecht-form-field-description" id="hint-${field.name}">${field.hint}</div>` : ''}
    ${error ? html`<div class="utrecht-form-field-error-message" id="error-${field.name}">${error}</div>` : ''}
    <div class="utrecht-form-field__input">${control}</div>
  </div>`;
}

export interface TextAreaInput extends FieldBase {
  value?: string | null;
  rows?: number;
}

export function textArea(t: Translate, field: TextAreaInput): SafeHtml {
  const error = field.errors[field.name];
  const aria = describedBy(field);
  const control = html`<textarea class="utrecht-textarea${error ? ' utrecht-textarea--invalid' : ''}" id="field-${field.name}" name="${field.name}" rows="${field.rows ?? 5}"${field.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${aria ? html` aria-describedby="${aria}"` : ''}>${field.value ?? ''}</textarea>`;
  return withOptional(t, field, control);
}

export interface SelectInput extends FieldBase {
  value?: string | null;
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}

export function selectField(t: Translate, field: SelectInput): SafeHtml {
  const error = field.errors[field.name];
  const aria = describedBy(field);
  const control = html`<select class="utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}" id="field-${field.name}" name="${field.name}"${field.required ? html` required` : ''}${error ? html` aria-invalid="true"` : ''}${aria ? html` aria-describedby="${aria}"` : ''}>
    ${field.placeholder !== undefined ? html`<option value="">${field.placeholder}</option>` : ''}
    ${field.options.map((o) => html`<option value="${o.value}"${o.value === field.value ? html` selected` : ''}>${o.label}</option>`)}
  </select>`;
  return withOptional(t, field, control);
}

export function checkboxField(field: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  return html`<div class="utrecht-form-field utrecht-form-field--checkbox">
    <div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="field-${field.name}" name="${field.name}"${field.checked ? html` checked` : ''}${field.hint ? html` aria-describedby="hint-${field.name}"` : ''}></div>
    <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="field-${field.name}">${field.label}</label></div>
    ${field.hint ? html`<div class="utrecht-form-field-description" id="hint-${field.name}">${field.hint}</div>` : ''}
  </div>`;
}

/**
 * A group of checkboxes (or radio buttons) under one legend: the fieldset carries the field's id
 * (so the error summary links to it), its hint and its error.
 */
export function choiceFieldset(input: {
  name: string; legend: string; hint?: string | null; errors: FormErrors; options: Array<{ value: string; label: HtmlValue }>; chosen: readonly string[]; type?: 'checkbox' | 'radio';
}): SafeHtml {
  const { name, hint } = input;
  const error = input.errors[name];
  return html`<fieldset class="utrecht-form-fieldset ba-fieldset" id="field-${name}"${error ? html` aria-invalid="true"` : ''}${hint || error ? html` aria-describedby="${[hint ? `hint-${name}` : '', error ? `error-${name}` : ''].filter(Boolean).join(' ')}"` : ''}>
    <legend class="utrecht-form-fieldset__legend">${input.legend}</legend>
    ${hint ? html`<div class="utrecht-form-field-description" id="hint-${name}">${hint}</div>` : ''}
    ${error ? html`<div class="utrecht-form-field-error-message" id="error-${name}">${error}</div>` : ''}
    ${input.options.map((o, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="${input.type ?? 'checkbox'}" id="field-${name}-${i}" name="${name}" value="${o.value}"${input.chosen.includes(o.value) ? html` checked` : ''}></div>
      <div class="utrecht-form-field__label"><label class="utrecht-form-label utrecht-form-label--checkbox" for="field-${name}-${i}">${o.label}</label></div>
    </div>`)}
  </fieldset>`;
}

export function form(input: { action: string; csrf: string; submit: string; body: HtmlValue; method?: 'post' | 'get'; enctype?: string; secondary?: HtmlValue }): SafeHtml {
  return html`<form class="utrecht-form ba-form" method="${input.method ?? 'post'}" action="${input.action}"${input.enctype ? html` enctype="${input.enctype}"` : ''} novalidate>
    ${input.method === 'get' ? '' : html`<input type="hidden" name="_csrf" value="${input.csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}">`}
    ${input.body}
    <div class="utrecht-button-group ba-actions">
      <button type="submit" class="utrecht-button utrecht-button--primary-action">${input.submit}</button>
      ${input.secondary ?? ''}
    </div>
  </form>`;
}

/** A page that is one form: heading, intro, the error summary naming the fields, the form (with a way back), and what comes after it (a remove button, a form of its own). */
export function formPage(t: Translate, input: {
  title: string; intro?: HtmlValue; errors: FormErrors; labels: Record<string, string>; action: string; csrf: string; submit: string; cancel: { href: string; label: string }; body: HtmlValue; after?: HtmlValue;
}): SafeHtml {
  return html`${heading1(input.title)}
    ${input.intro ? paragraph(input.intro) : ''}
    ${errorSummary(t, input.errors, input.labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, secondary: link(input.cancel.href, input.cancel.label), body: input.body })}
    ${input.after ?? ''}`;
}

/** A small POST form with one button (delete, revoke, …). */
export function actionButton(input: { action: string; csrf: string; label: string; danger?: boolean; fields?: Record<string, string> }): SafeHtml {
  return html`<form method="post" action="${input.action}" class="ba-inline-form">
    <input type="hidden" name="_csrf" value="${input.csrf}">
    ${Object.entries(input.fields ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <button type="submit" class="utrecht-button ${input.danger ? 'utrecht-button--secondary-action ba-danger' : 'utrecht-button--secondary-action'}">${input.label}</button>
  </form>`;
}

export function heading1(text: string): SafeHtml {
  return html`<h1 class="utrecht-heading-1">${text}</h1>`;
}

export function paragraph(text: HtmlValue): SafeHtml {
  return html`<p class="utrecht-paragraph">${text}</p>`;
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => HtmlValue;
  numeric?: boolean;
}

/** `captionHidden` when a heading right above already says what the caption says (screen readers still get it). */
export function table<Row>(input: { caption: string; columns: Column<Row>[]; rows: Row[]; empty: string; captionHidden?: boolean }): SafeHtml {
  if (input.rows.length === 0) return html`<p class="utrecht-paragraph ba-empty">${input.empty}</p>`;
  return html`<div class="utrecht-table-container ba-table-container"><table class="utrecht-table utrecht-table--html-table">
    <caption class="utrecht-table__caption${input.captionHidden ? ' ba-visually-hidden' : ''}">${input.caption}</caption>
    <thead class="utrecht-table__header"><tr class="utrecht-table__row">${input.columns.map((c) => html`<th scope="col" class="utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric' : ''}">${c.header}</th>`)}</tr></thead>
    <tbody class="utrecht-table__body">${input.rows.map((row) => html`<tr class="utrecht-table__row">${input.columns.map((c) => html`<td class="utrecht-table__cell${c.numeric ? ' utrecht-table__cell--numeric' : ''}">${c.cell(row)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

export function link(href: string, text: HtmlValue): SafeHtml {
  return html`<a class="utrecht-link" href="${href}">${text}</a>`;
}

export function dataList(items: Array<[string, HtmlValue]>): SafeHtml {
  return html`<dl class="utrecht-data-list ba-data-list">${items.map(([k, v]) => html`<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">${k}</dt><dd class="utrecht-data-list__item-value">${v}</dd></div>`)}</dl>`;
}
