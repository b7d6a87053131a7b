import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { translator, type Translate } from '../../../platform/i18n/index.js';
import { formPage as sharedFormPage, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import { LINK_KINDS, MAX_BRIEFING, MAX_DESCRIPTION, MAX_GROUP_NOTES, MAX_QUESTIONS, STATUS_TRANSITIONS, type SummitStatus } from '../model.js';
import type { OrganiserChoice } from '../service.js';

/**
 * The forms of preparing a summit, short and in plain words: the summit itself, its status, a
 * milestone, a working group (name, notes, questions), its briefing, a member and an information link.
 */
export function summitLabels(t: Translate): Record<string, string> {
  return Object.fromEntries(['organiserId', 'title', 'date', 'startTime', 'endTime', 'placeId', 'capacity', 'description', 'status', 'note', 'owner', 'dueOn', 'doneOn',
    'name', 'notes', 'questions', 'briefing', 'role', 'kind', 'reference', 'areaCode'].map((f) => [f, t(`summit.field.${f}`)]));
}

export interface FormPageInput {
  title: string;
  intro?: string;
  action: string;
  cancel: string;
  csrf: string;
  submit: string;
  errors: FormErrors;
  body: HtmlValue;
  /** Below the form (a remove button, which is a form of its own). */
  after?: HtmlValue;
}

/** A form page: heading, intro, error summary naming the fields, the form. */
export function formPage(ctx: Context, input: FormPageInput): SafeHtml {
  const t = translator(ctx.locale);
  return sharedFormPage(t, { ...input, labels: summitLabels(t), cancel: { href: input.cancel, label: t('summit.cancel') } });
}

type Fields = (t: Translate, values: Record<string, string>, errors: FormErrors) => SafeHtml;

const labelOf = (t: Translate, name: string) => summitLabels(t)[name]!;
const hintOf = (t: Translate, name: string, params?: Record<string, string | number>) => t(`summit.hint.${name}`, params);

export function summitFields(input: { organisers: OrganiserChoice[]; places: Array<{ id: string; label: string }> }): Fields {
  return (t, values, errors) => html`
    ${selectField(t, { name: 'organiserId', label: labelOf(t, 'organiserId'), hint: hintOf(t, 'organiserId'), value: values.organiserId ?? '', errors, required: true,
      placeholder: t('summit.form.choose'), options: input.organisers.map((o) => ({ value: o.id, label: o.name })) })}
    ${textField(t, { name: 'title', label: labelOf(t, 'title'), hint: hintOf(t, 'title'), value: values.title, errors, maxLength: 160 })}
    ${textField(t, { name: 'date', label: labelOf(t, 'date'), type: 'date', value: values.date, errors, required: true })}
    ${textField(t, { name: 'startTime', label: labelOf(t, 'startTime'), hint: hintOf(t, 'time'), value: values.startTime, errors, required: true, maxLength: 5 })}
    ${textField(t, { name: 'endTime', label: labelOf(t, 'endTime'), hint: hintOf(t, 'time'), value: values.endTime, errors, required: true, maxLength: 5 })}
    ${selectField(t, { name: 'placeId', label: labelOf(t, 'placeId'), hint: hintOf(t, 'placeId'), value: values.placeId ?? '', errors, placeholder: t('summit.form.noPlaceYet'), options: input.places.map((p) => ({ value: p.id, label: p.label })) })}
    ${textField(t, { name: 'capacity', label: labelOf(t, 'capacity'), hint: hintOf(t, 'capacity'), type: 'number', value: values.capacity, errors })}
    ${textArea(t, { name: 'description', label: labelOf(t, 'description'), hint: hintOf(t, 'description', { maximum: MAX_DESCRIPTION }), value: values.description, errors, rows: 4 })}`;
}

export function statusFields(current: SummitStatus): Fields {
  return (t, values, errors) => html`
    ${selectField(t, { name: 'status', label: labelOf(t, 'status'), hint: t('summit.hint.status', { status: t(`summit.status.${current}`) }), value: values.status ?? '', errors, required: true,
      placeholder: t('summit.form.choose'), options: STATUS_TRANSITIONS[current].map((s) => ({ value: s, label: t(`summit.status.${s}`) })) })}
    ${textField(t, { name: 'note', label: labelOf(t, 'note'), hint: hintOf(t, 'note'), value: values.note, errors, maxLength: 500 })}`;
}

export function milestoneFields(editing: boolean): Fields {
  return (t, values, errors) => html`
    ${textField(t, { name: 'title', label: labelOf(t, 'title'), value: values.title, errors, required: true, maxLength: 160 })}
    ${textField(t, { name: 'owner', label: labelOf(t, 'owner'), hint: hintOf(t, 'owner'), value: values.owner, errors, maxLength: 120 })}
    ${textField(t, { name: 'dueOn', label: labelOf(t, 'dueOn'), type: 'date', value: values.dueOn, errors, required: true })}
    ${editing ? textField(t, { name: 'doneOn', label: labelOf(t, 'doneOn'), hint: hintOf(t, 'doneOn'), type: 'date', value: values.doneOn, errors }) : ''}`;
}

export const groupNameFields: Fields = (t, values, errors) => textField(t, { name: 'name', label: labelOf(t, 'name'), value: values.name, errors, required: true, maxLength: 120 });

export const groupFields: Fields = (t, values, errors) => html`
  ${groupNameFields(t, values, errors)}
  ${textArea(t, { name: 'questions', label: labelOf(t, 'questions'), hint: hintOf(t, 'questions', { maximum: MAX_QUESTIONS }), value: values.questions, errors, rows: 5 })}
  ${textArea(t, { name: 'notes', label: labelOf(t, 'notes'), hint: hintOf(t, 'notes', { maximum: MAX_GROUP_NOTES }), value: values.notes, errors, rows: 6 })}`;

export const briefingFields: Fields = (t, values, errors) =>
  textArea(t, { name: 'briefing', label: labelOf(t, 'briefing'), hint: hintOf(t, 'briefing', { maximum: MAX_BRIEFING }), value: values.briefing, errors, rows: 14 });

export const memberFields: Fields = (t, values, errors) => html`
  ${textField(t, { name: 'name', label: labelOf(t, 'name'), hint: hintOf(t, 'memberName'), value: values.name, errors, required: true, maxLength: 120 })}
  ${textField(t, { name: 'role', label: labelOf(t, 'role'), hint: hintOf(t, 'role'), value: values.role, errors, maxLength: 120 })}`;

export const linkFields: Fields = (t, values, errors) => html`
  ${selectField(t, { name: 'kind', label: labelOf(t, 'kind'), value: values.kind ?? '', errors, required: true, placeholder: t('summit.form.choose'), options: LINK_KINDS.map((k) => ({ value: k, label: t(`summit.linkKind.${k}`) })) })}
  ${textField(t, { name: 'reference', label: labelOf(t, 'reference'), hint: hintOf(t, 'reference'), value: values.reference, errors, maxLength: 300 })}
  ${textField(t, { name: 'note', label: labelOf(t, 'note'), hint: hintOf(t, 'linkNote'), value: values.note, errors, maxLength: 300 })}`;
