import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { translator, type Translate } from '../../../platform/i18n/index.js';
import { errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { MAX_SCORE, MIN_SCORE, OWNER_TYPES, PLACE_STATUSES, PLACE_TYPES, QUALITIES, THREAT_KINDS, WEEKDAYS } from '../model.js';
import { MAX_COMMENT, MAX_DESCRIPTION, MAX_NOTE } from '../service.js';

/**
 * The forms of places, short and in plain words: adding or changing a place (the location typed
 * as coordinates or picked by clicking the map — an image button, so no script is needed), its
 * status, and an assessment on the eight qualities.
 */
export function placeLabels(t: Translate): Record<string, string> {
  return {
    name: t('places.field.name'), type: t('places.field.type'), ownerType: t('places.field.ownerType'), runBy: t('places.field.runBy'),
    description: t('places.field.description'), lat: t('places.field.lat'), lon: t('places.field.lon'), cost: t('places.field.costEuros'),
    capacity: t('places.field.capacity'), stepFree: t('places.access.stepFree'), accessibleToilet: t('places.access.accessibleToilet'),
    hearingLoop: t('places.access.hearingLoop'), status: t('places.field.status'), threatKind: t('places.field.threatKind'),
    changedOn: t('places.field.changedOn'), statusSince: t('places.field.statusSince'), note: t('places.field.note'), comment: t('places.field.comment'),
    ...Object.fromEntries(WEEKDAYS.map((d) => [`hours_${d}`, t(`places.weekday.${d}`)])),
    ...Object.fromEntries(QUALITIES.map((q) => [`score_${q}`, t(`places.quality.${q}`)])),
  };
}

const options = (t: Translate, prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

function statusFields(t: Translate, values: Record<string, string>, errors: FormErrors, labels: Record<string, string>): SafeHtml {
  return html`${selectField(t, { name: 'status', label: labels.status!, value: values.status ?? 'active', errors, required: true, options: options(t, 'places.status', PLACE_STATUSES) })}
    ${selectField(t, { name: 'threatKind', label: labels.threatKind!, hint: t('places.field.threatKindHint'), value: values.threatKind ?? '', errors, placeholder: '—', options: options(t, 'places.threat', THREAT_KINDS) })}`;
}

export interface PlaceFormInput {
  action: string;
  cancel: string;
  csrf: string;
  values: Record<string, string>;
  errors: FormErrors;
  /** The picker image's address and size, when the municipality has boundaries to draw. */
  picker: { src: string; width: number; height: number } | null;
  /** The neighbourhood the current coordinates fall in (after a pick). */
  pickedArea: string | null;
  editing: boolean;
  title: string;
}

export function placeForm(ctx: Context, input: PlaceFormInput): SafeHtml {
  const t = translator(ctx.locale);
  const labels = placeLabels(t);
  const { values, errors } = input;
  const fact = (name: string) => selectField(t, { name, label: labels[name]!, value: values[name] ?? 'unknown', errors, options: options(t, 'places.factChoice', ['yes', 'no', 'unknown']) });
  return html`${heading1(input.title)}
    ${paragraph(t('places.form.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: t(input.editing ? 'places.form.save' : 'places.form.add'), secondary: link(input.cancel, t('places.cancel')), body: html`
      ${textField(t, { name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: 120 })}
      ${selectField(t, { name: 'type', label: labels.type!, value: values.type ?? '', errors, required: true, placeholder: t('places.form.choose'), options: options(t, 'places.type', PLACE_TYPES) })}
      ${selectField(t, { name: 'ownerType', label: labels.ownerType!, value: values.ownerType ?? '', errors, required: true, placeholder: t('places.form.choose'), options: options(t, 'places.owner', OWNER_TYPES) })}
      ${textField(t, { name: 'runBy', label: labels.runBy!, hint: t('places.field.runByHint'), value: values.runBy, errors, maxLength: 200 })}
      ${textArea(t, { name: 'description', label: labels.description!, hint: t('places.field.descriptionHint', { maximum: MAX_DESCRIPTION }), value: values.description, errors, rows: 3 })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('places.form.where')}</legend>
        <div class="utrecht-form-field-description">${t('places.form.whereHint')}</div>
        ${input.picker ? html`<div class="ba-table-container"><input type="image" name="kaart" src="${input.picker.src}" width="${input.picker.width}" height="${input.picker.height}" alt="${t('places.form.pickAlt')}"></div>` : ''}
        ${input.pickedArea ? html`<div class="utrecht-alert utrecht-alert--info" role="status"><p class="utrecht-paragraph">${t('places.form.picked', { area: input.pickedArea })}</p></div>` : ''}
        ${textField(t, { name: 'lat', label: labels.lat!, hint: t('places.field.latHint'), value: values.lat, errors, required: true, maxLength: 20 })}
        ${textField(t, { name: 'lon', label: labels.lon!, hint: t('places.field.lonHint'), value: values.lon, errors, required: true, maxLength: 20 })}
      </fieldset>
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('places.hours.heading')}</legend>
        <div class="utrecht-form-field-description">${t('places.form.hoursHint')}</div>
        ${WEEKDAYS.map((d) => textField(t, { name: `hours_${d}`, label: labels[`hours_${d}`]!, value: values[`hours_${d}`], errors, maxLength: 100 }))}
      </fieldset>
      ${textField(t, { name: 'cost', label: labels.cost!, hint: t('places.field.costHint'), value: values.cost, errors, maxLength: 20 })}
      ${textField(t, { name: 'capacity', label: labels.capacity!, hint: t('places.field.capacityHint'), type: 'number', value: values.capacity, errors })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('places.form.access')}</legend>
        ${fact('stepFree')}${fact('accessibleToilet')}${fact('hearingLoop')}
      </fieldset>
      ${input.editing ? '' : html`${statusFields(t, values, errors, labels)}
        ${textField(t, { name: 'statusSince', label: labels.statusSince!, hint: t('places.field.statusSinceHint'), type: 'date', value: values.statusSince, errors })}`}` })}`;
}

export function statusForm(ctx: Context, input: { action: string; cancel: string; csrf: string; placeName: string; values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = placeLabels(t);
  const { values, errors } = input;
  return html`${heading1(t('places.status.title', { name: input.placeName }))}
    ${paragraph(t('places.status.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: t('places.status.submit'), secondary: link(input.cancel, t('places.cancel')), body: html`
      ${statusFields(t, values, errors, labels)}
      ${textField(t, { name: 'changedOn', label: labels.changedOn!, type: 'date', value: values.changedOn, errors, required: true })}
      ${textArea(t, { name: 'note', label: labels.note!, hint: t('places.field.noteHint', { maximum: MAX_NOTE }), value: values.note, errors, rows: 3, required: true })}` })}`;
}

/** One quality: a fieldset whose legend names it, with the scale 1–5 and "weet ik niet". */
function scale(t: Translate, quality: string, value: string | undefined, error: string | undefined): SafeHtml {
  const name = `score_${quality}`;
  const choices = [...Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => String(MIN_SCORE + i)), ''];
  return html`<fieldset class="utrecht-form-fieldset ba-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}" aria-describedby="hint-${name}${error ? html` error-${name}` : ''}">
    <legend class="utrecht-form-fieldset__legend">${t(`places.quality.${quality}`)}</legend>
    <div class="utrecht-form-field-description" id="hint-${name}">${t(`places.qualityHint.${quality}`)}</div>
    ${error ? html`<div class="utrecht-form-field-error-message" id="error-${name}">${error}</div>` : ''}
    ${choices.map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--radio">
      <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="${i === 0 ? `field-${name}` : `field-${name}-${c || 'x'}`}" name="${name}" value="${c}"${(value ?? '') === c ? html` checked` : ''}>
      <label class="utrecht-form-label utrecht-form-label--radio" for="${i === 0 ? `field-${name}` : `field-${name}-${c || 'x'}`}">${c ? t(`places.score.${c}`) : t('places.score.unknown')}</label>
    </div>`)}
  </fieldset>`;
}

export function assessForm(ctx: Context, input: { action: string; cancel: string; csrf: string; placeName: string; values: Record<string, string>; errors: FormErrors; replaces: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = placeLabels(t);
  const { values, errors } = input;
  return html`${heading1(t('places.assess.title', { name: input.placeName }))}
    ${paragraph(t('places.assess.intro'))}
    ${input.replaces ? paragraph(t('places.assess.replaces')) : ''}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: t('places.assess.submit'), secondary: link(input.cancel, t('places.cancel')), body: html`
      ${QUALITIES.map((q) => scale(t, q, values[`score_${q}`], errors[`score_${q}`]))}
      ${textArea(t, { name: 'comment', label: labels.comment!, hint: t('places.field.commentHint', { maximum: MAX_COMMENT }), value: values.comment, errors, rows: 3 })}` })}`;
}
