import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { translator, type Translate } from '../../../platform/i18n/index.js';
import { checkboxField, errorSummary, form, heading1, link, paragraph, selectField, textArea, textField, type FormErrors } from '../../../platform/ui/components.js';
import type { TenantArea } from '../../areas/index.js';
import {
  CONSENT_METHODS, ELEMENTS, MAX_DESCRIPTION, MAX_EVIDENCE, MAX_NAME, MAX_NOTE, ORGANISED_KINDS, RELATION_KINDS, SCORES, TIE_KINDS, type Actor, type Relation,
} from '../model.js';
import { ecosystemPath, elementsPath } from '../service.js';
import { relationTarget } from './network.js';

/**
 * The ecosystem's forms, short and plain: an actor (with a fieldset only professional services fill
 * in), a key person with their consent, a relation (new, or changing one), and an assessment of one
 * of the eight elements.
 * Everything works without script: the page checks and answers with the fields named.
 */
export function actorLabels(t: Translate): Record<string, string> {
  return {
    kind: t('ecosystem.field.kind'), name: t('ecosystem.field.name'), description: t('ecosystem.field.description'), organisation: t('ecosystem.field.organisation'),
    activities: t('ecosystem.field.activities'), hoursPerWeek: t('ecosystem.field.hoursPerWeek'), areaBound: t('ecosystem.field.areaBound'),
    role: t('ecosystem.field.role'), consentMethod: t('ecosystem.field.consentMethod'), consentGivenOn: t('ecosystem.field.consentGivenOn'),
    consentConfirmed: t('ecosystem.field.consentConfirmed'),
  };
}

interface FormBase {
  area: TenantArea;
  csrf: string;
  values: Record<string, string>;
  errors: FormErrors;
}

const cancel = (t: Translate, href: string) => link(href, t('ecosystem.cancel'));

/** The organised actor form (new, or editing one: then `action` and `title` say so). */
export function actorForm(ctx: Context, input: FormBase & { action: string; title: string; submit: string; back: string }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = actorLabels(t);
  const { values, errors } = input;
  return html`${heading1(input.title)}
    ${paragraph(t('ecosystem.actor.intro', { area: input.area.title }))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.action, csrf: input.csrf, submit: input.submit, secondary: cancel(t, input.back), body: html`
      ${selectField(t, { name: 'kind', label: labels.kind!, errors, required: true, value: values.kind ?? '', placeholder: t('ecosystem.choose'),
        options: ORGANISED_KINDS.map((k) => ({ value: k, label: t(`ecosystem.kind.${k}`) })) })}
      ${textField(t, { name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: MAX_NAME })}
      ${textArea(t, { name: 'description', label: labels.description!, hint: t('ecosystem.field.descriptionHint', { maximum: String(MAX_DESCRIPTION) }), value: values.description, errors, rows: 3 })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('ecosystem.actor.professionalLegend')}</legend>
        <div class="utrecht-form-field-description">${t('ecosystem.actor.professionalHint')}</div>
        ${textField(t, { name: 'organisation', label: labels.organisation!, value: values.organisation, errors, maxLength: MAX_NAME })}
        ${textArea(t, { name: 'activities', label: labels.activities!, value: values.activities, errors, rows: 2 })}
        ${textField(t, { name: 'hoursPerWeek', label: labels.hoursPerWeek!, hint: t('ecosystem.field.hoursHint'), value: values.hoursPerWeek, errors })}
        ${selectField(t, { name: 'areaBound', label: labels.areaBound!, hint: t('ecosystem.field.areaBoundHint'), errors, value: values.areaBound ?? '', placeholder: t('ecosystem.choose'),
          options: [{ value: 'yes', label: t('ecosystem.yes') }, { value: 'no', label: t('ecosystem.no') }] })}
      </fieldset>` })}`;
}

/** A key person: a name or alias, their role, and how and when they agreed to be named. */
export function keyPersonForm(ctx: Context, input: FormBase & { editing?: { action: string; back: string } }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = actorLabels(t);
  const { values, errors } = input;
  const back = input.editing?.back ?? ecosystemPath(ctx.tenant!.slug, input.area.code);
  const consent = input.editing ? '' : html`<fieldset class="utrecht-form-fieldset ba-fieldset">
      <legend class="utrecht-form-fieldset__legend">${t('ecosystem.consent.heading')}</legend>
      <div class="utrecht-form-field-description">${t('ecosystem.consent.hint')}</div>
      ${selectField(t, { name: 'consentMethod', label: labels.consentMethod!, errors, required: true, value: values.consentMethod ?? '', placeholder: t('ecosystem.choose'),
        options: CONSENT_METHODS.map((m) => ({ value: m, label: t(`ecosystem.consentMethod.${m}`) })) })}
      ${textField(t, { name: 'consentGivenOn', label: labels.consentGivenOn!, type: 'date', value: values.consentGivenOn, errors, required: true })}
      ${errors.consentConfirmed ? html`<div class="utrecht-form-field-error-message" id="error-consentConfirmed">${errors.consentConfirmed}</div>` : ''}
      ${checkboxField({ name: 'consentConfirmed', label: labels.consentConfirmed!, checked: values.consentConfirmed === 'on' })}
    </fieldset>`;
  const title = input.editing ? t('ecosystem.keyPerson.edit') : t('ecosystem.keyPerson.title', { area: input.area.title });
  return html`${heading1(title)}
    ${paragraph(t('ecosystem.keyPerson.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: input.editing?.action ?? `${ecosystemPath(ctx.tenant!.slug, input.area.code)}/sterkhouders/nieuw`, csrf: input.csrf,
      submit: input.editing ? t('ecosystem.save') : t('ecosystem.keyPerson.submit'), secondary: cancel(t, back), body: html`
      ${textField(t, { name: 'name', label: t('ecosystem.keyPerson.name'), hint: t('ecosystem.keyPerson.nameHint'), value: values.name, errors, required: true, maxLength: MAX_NAME })}
      ${textField(t, { name: 'role', label: labels.role!, hint: t('ecosystem.keyPerson.roleHint'), value: values.role, errors, required: true, maxLength: MAX_NAME })}
      ${consent}` })}`;
}

export function relationLabels(t: Translate): Record<string, string> {
  return {
    fromId: t('ecosystem.relation.from'), kind: t('ecosystem.relation.kind'), toId: t('ecosystem.relation.to'), placeRef: t('ecosystem.relation.placeRef'),
    placeName: t('ecosystem.relation.placeName'), note: t('ecosystem.relation.note'), since: t('ecosystem.relation.since'),
  };
}

type PlaceChoice = { id: string; name: string };

/** The place of a relation: one from the list of public places, or the name of another. */
function placeFields(t: Translate, input: { values: Record<string, string>; errors: FormErrors; places: PlaceChoice[] }): SafeHtml {
  const labels = relationLabels(t);
  const { values, errors, places } = input;
  return html`${places.length ? selectField(t, { name: 'placeRef', label: labels.placeRef!, errors, value: values.placeRef ?? '', placeholder: t('ecosystem.relation.notListed'),
      options: places.map((p) => ({ value: p.id, label: p.name })) }) : ''}
    ${textField(t, { name: 'placeName', label: places.length ? t('ecosystem.relation.otherPlace') : labels.placeName!, value: values.placeName, errors, maxLength: MAX_NAME })}`;
}

/** What a relation says beside its ends: a short note and since when. */
function noteAndSince(t: Translate, input: { values: Record<string, string>; errors: FormErrors }): SafeHtml {
  const labels = relationLabels(t);
  const { values, errors } = input;
  return html`${textArea(t, { name: 'note', label: labels.note!, hint: t('ecosystem.relation.noteHint', { maximum: String(MAX_NOTE) }), value: values.note, errors, rows: 2 })}
    ${textField(t, { name: 'since', label: labels.since!, type: 'date', value: values.since, errors })}`;
}

const kindOptions = (t: Translate, kinds: readonly string[]) => kinds.map((k) => ({ value: k, label: t(`ecosystem.relationKind.${k}`) }));

export function relationForm(ctx: Context, input: FormBase & { actors: Actor[]; places: PlaceChoice[] }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = relationLabels(t);
  const { values, errors } = input;
  const base = ecosystemPath(ctx.tenant!.slug, input.area.code);
  const options = input.actors.map((a) => ({ value: a.id, label: `${a.name} (${t(`ecosystem.kind.${a.kind}`)})` }));
  return html`${heading1(t('ecosystem.relation.title', { area: input.area.title }))}
    ${paragraph(t('ecosystem.relation.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${base}/relaties/nieuw`, csrf: input.csrf, submit: t('ecosystem.relation.submit'), secondary: cancel(t, base), body: html`
      ${selectField(t, { name: 'fromId', label: labels.fromId!, errors, required: true, value: values.fromId ?? '', placeholder: t('ecosystem.choose'), options })}
      ${selectField(t, { name: 'kind', label: labels.kind!, errors, required: true, value: values.kind ?? '', placeholder: t('ecosystem.choose'), options: kindOptions(t, RELATION_KINDS) })}
      ${selectField(t, { name: 'toId', label: labels.toId!, hint: t('ecosystem.relation.toHint'), errors, value: values.toId ?? '', placeholder: t('ecosystem.relation.noOther'), options })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('ecosystem.relation.placeLegend')}</legend>
        <div class="utrecht-form-field-description">${t('ecosystem.relation.placeHint')}</div>
        ${placeFields(t, { values, errors, places: input.places })}
      </fieldset>
      ${noteAndSince(t, { values, errors })}` })}`;
}

/**
 * Changing a relation: its ends stay (they are named above the form); a tie between two actors
 * may become another kind of tie, a relation with a place may name another place.
 */
export function relationEditForm(ctx: Context, input: FormBase & { relation: Relation; byId: ReadonlyMap<string, Actor>; places: PlaceChoice[]; back: string }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = relationLabels(t);
  const { values, errors, relation } = input;
  const from = input.byId.get(relation.fromId)?.name ?? '';
  const withPlace = relation.kind === 'uses_place';
  return html`${heading1(t('ecosystem.relation.editTitle', { name: from }))}
    ${paragraph(html`${from} ${t(`ecosystem.relationKind.${relation.kind}`)} ${relationTarget(ctx, relation, input.byId)}`)}
    ${paragraph(t(withPlace ? 'ecosystem.relation.editPlaceIntro' : 'ecosystem.relation.editIntro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${ecosystemPath(ctx.tenant!.slug, relation.areaCode)}/relaties/${relation.id}/bewerken`, csrf: input.csrf, submit: t('ecosystem.save'),
      secondary: cancel(t, input.back), body: html`
      ${withPlace
        ? html`<fieldset class="utrecht-form-fieldset ba-fieldset">
            <legend class="utrecht-form-fieldset__legend">${t('ecosystem.places.place')}</legend>
            ${placeFields(t, { values, errors, places: input.places })}
          </fieldset>`
        : selectField(t, { name: 'kind', label: labels.kind!, errors, required: true, value: values.kind ?? '', placeholder: t('ecosystem.choose'), options: kindOptions(t, TIE_KINDS) })}
      ${noteAndSince(t, { values, errors })}` })}`;
}

export function assessmentLabels(t: Translate): Record<string, string> {
  return { element: t('ecosystem.elements.element'), score: t('ecosystem.elements.score'), evidence: t('ecosystem.elements.evidence'), actorIds: t('ecosystem.elements.actors') };
}

export function assessmentForm(ctx: Context, input: FormBase & { actors: Actor[]; chosen: string[] }): SafeHtml {
  const t = translator(ctx.locale);
  const labels = assessmentLabels(t);
  const { values, errors } = input;
  const chosen = new Set(input.chosen);
  const actorError = errors.actorIds;
  return html`${heading1(t('ecosystem.elements.assessTitle', { area: input.area.title }))}
    ${paragraph(t('ecosystem.elements.assessIntro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${elementsPath(ctx.tenant!.slug, input.area.code)}/beoordelen`, csrf: input.csrf, submit: t('ecosystem.elements.submit'),
      secondary: cancel(t, elementsPath(ctx.tenant!.slug, input.area.code)), body: html`
      ${selectField(t, { name: 'element', label: labels.element!, errors, required: true, value: values.element ?? '', placeholder: t('ecosystem.choose'),
        options: ELEMENTS.map((e) => ({ value: e, label: t(`ecosystem.element.${e}`) })) })}
      ${selectField(t, { name: 'score', label: labels.score!, hint: t('ecosystem.elements.scoreHint'), errors, required: true, value: values.score ?? '', placeholder: t('ecosystem.choose'),
        options: SCORES.map((s) => ({ value: String(s), label: t(`ecosystem.score.${s}`) })) })}
      ${textArea(t, { name: 'evidence', label: labels.evidence!, hint: t('ecosystem.elements.evidenceHint', { maximum: String(MAX_EVIDENCE) }), value: values.evidence, errors, rows: 5, required: true })}
      ${input.actors.length ? html`<fieldset class="utrecht-form-fieldset ba-fieldset${actorError ? ' utrecht-form-fieldset--invalid' : ''}" id="field-actorIds" tabindex="-1"${actorError ? html` aria-describedby="error-actorIds"` : ''}>
        <legend class="utrecht-form-fieldset__legend">${labels.actorIds} <span class="ba-optional">(${t('form.optional')})</span></legend>
        ${actorError ? html`<div class="utrecht-form-field-error-message" id="error-actorIds">${actorError}</div>` : ''}
        ${input.actors.map((a) => html`<div class="utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="field-actor-${a.id}" name="actorIds" value="${a.id}"${chosen.has(a.id) ? html` checked` : ''}>
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="field-actor-${a.id}">${a.name}</label>
        </div>`)}
      </fieldset>` : ''}` })}`;
}

