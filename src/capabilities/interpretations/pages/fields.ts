import { html, type SafeHtml } from '../../../platform/html.js';
import type { FormErrors } from '../../../platform/ui/components.js';

/**
 * A group of radio buttons or checkboxes in a fieldset whose legend names the question; the first
 * control carries the field's id (`field-{name}`), so the error summary's link reaches the group.
 */
export function choiceGroup(input: {
  type: 'radio' | 'checkbox';
  name: string;
  legend: string;
  hint?: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  checked: (value: string) => boolean;
  errors: FormErrors;
  /** An id-safe suffix for the group's controls when several groups share a name. */
  idPrefix?: string;
}): SafeHtml {
  const error = input.errors[input.name];
  const prefix = input.idPrefix ?? input.name;
  const describedBy = [input.hint ? `hint-${prefix}` : '', error ? `error-${input.name}` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="utrecht-form-fieldset ba-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}>
    <legend class="utrecht-form-fieldset__legend">${input.legend}</legend>
    ${input.hint ? html`<div class="utrecht-form-field-description" id="hint-${prefix}">${input.hint}</div>` : ''}
    ${error && input.idPrefix === undefined ? html`<div class="utrecht-form-field-error-message" id="error-${input.name}">${error}</div>` : ''}
    ${input.options.map((o, i) => {
      const id = i === 0 && input.idPrefix === undefined ? `field-${input.name}` : `field-${prefix}-${o.value.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
      return html`<div class="utrecht-form-field utrecht-form-field--${input.type === 'radio' ? 'radio' : 'checkbox'}">
        <input class="utrecht-${input.type === 'radio' ? 'radio-button utrecht-radio-button' : 'checkbox utrecht-checkbox'}--html-input" type="${input.type}" id="${id}" name="${input.name}" value="${o.value}"${input.checked(o.value) ? html` checked` : ''}${o.hint ? html` aria-describedby="${id}-hint"` : ''}>
        <label class="utrecht-form-label utrecht-form-label--${input.type === 'radio' ? 'radio' : 'checkbox'}" for="${id}">${o.label}</label>
        ${o.hint ? html`<div class="utrecht-form-field-description" id="${id}-hint">${o.hint}</div>` : ''}
      </div>`;
    })}
  </fieldset>`;
}
