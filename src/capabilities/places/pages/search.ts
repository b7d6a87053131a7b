import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator } from '../../../platform/i18n/index.js';
import { checkboxField, errorSummary, form, heading1, link, paragraph, selectField, textField, type FormErrors } from '../../../platform/ui/components.js';
import { ACCESSIBILITY, WEEKDAYS, type MeetingMatch } from '../model.js';
import { placePath, placesPath } from '../service.js';
import type { Place } from '../store.js';
import { reasonText } from './format.js';
import { areaOptions, type AreaChoice } from './list.js';

/** The best this many of each group are listed; more would not help anyone choose. */
const SHOWN = 50;

export function searchLabels(ctx: Context): Record<string, string> {
  const t = translator(ctx.locale);
  return {
    dag: t('places.search.weekday'), van: t('places.search.from'), tot: t('places.search.to'), groep: t('places.search.groupSize'),
    maxkosten: t('places.search.maxCost'), gebied: t('places.filter.area'),
  };
}

export interface SearchPageInput {
  values: Record<string, string>;
  needs: Set<string>;
  errors: FormErrors;
  areas: AreaChoice[];
  areaNames: Map<string, string>;
  /** Null before a search was made. */
  results: MeetingMatch<Place>[] | null;
}

function result(ctx: Context, match: MeetingMatch<Place>, areaNames: Map<string, string>): SafeHtml {
  const t = translator(ctx.locale);
  const p = match.place;
  const where = p.areaCode ? areaNames.get(p.areaCode) ?? p.areaCode : t('places.noArea');
  return html`<li>${link(placePath(ctx.tenant!.slug, p.id), p.name)} <span class="ba-optional">(${t(`places.type.${p.type}`)}, ${where})</span><br>
    ${match.reasons.map((r) => reasonText(ctx, r)).join(' · ')}</li>`;
}

/** "Where can 30 of us meet on a Tuesday evening, for free or almost, step-free?" — a GET form and its answer. */
export function searchPage(ctx: Context, input: SearchPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const labels = searchLabels(ctx);
  const { values, errors } = input;
  const more = (n: number) => (n > SHOWN ? paragraph(t('places.search.more', { count: formatNumber(ctx.locale, n - SHOWN) })) : '');
  const certain = input.results?.filter((m) => m.certain) ?? [];
  const maybe = input.results?.filter((m) => !m.certain) ?? [];
  return html`${heading1(t('places.search.title'))}
    ${paragraph(t('places.search.intro'))}
    ${errorSummary(t, errors, labels)}
    ${form({ action: `${placesPath(slug)}/zoeken`, method: 'get', csrf: '', submit: t('places.search.submit'), body: html`
      ${selectField(t, { name: 'dag', label: labels.dag!, value: values.dag ?? '', errors, placeholder: t('places.search.anyDay'), options: WEEKDAYS.map((d) => ({ value: d, label: t(`places.weekday.${d}`) })) })}
      ${textField(t, { name: 'van', label: labels.van!, hint: t('places.search.timeHint'), value: values.van, errors, maxLength: 5 })}
      ${textField(t, { name: 'tot', label: labels.tot!, value: values.tot, errors, maxLength: 5 })}
      ${textField(t, { name: 'groep', label: labels.groep!, type: 'number', value: values.groep, errors })}
      ${textField(t, { name: 'maxkosten', label: labels.maxkosten!, hint: t('places.search.maxCostHint'), value: values.maxkosten, errors, maxLength: 12 })}
      <fieldset class="utrecht-form-fieldset ba-fieldset">
        <legend class="utrecht-form-fieldset__legend">${t('places.search.needs')}</legend>
        ${ACCESSIBILITY.map((need) => checkboxField({ name: need, label: t(`places.access.${need}`), checked: input.needs.has(need) }))}
      </fieldset>
      ${selectField(t, { name: 'gebied', label: labels.gebied!, value: values.gebied ?? '', errors, placeholder: t('places.filter.wholeMunicipality'), options: areaOptions(t, input.areas) })}` })}
    ${input.results === null ? '' : html`<h2 class="utrecht-heading-2" id="resultaten">${t('places.search.found', { count: formatNumber(ctx.locale, certain.length) })}</h2>
      ${certain.length ? html`<ol class="utrecht-ordered-list">${certain.slice(0, SHOWN).map((m) => result(ctx, m, input.areaNames))}</ol>${more(certain.length)}` : paragraph(t('places.search.none'))}
      ${maybe.length ? html`<h2 class="utrecht-heading-2">${t('places.search.maybe', { count: formatNumber(ctx.locale, maybe.length) })}</h2>
        ${paragraph(t('places.search.maybeIntro'))}
        <ol class="utrecht-ordered-list">${maybe.slice(0, SHOWN).map((m) => result(ctx, m, input.areaNames))}</ol>${more(maybe.length)}` : ''}`}`;
}
