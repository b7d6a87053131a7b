import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { heading1, link, paragraph, table, textField, type FormErrors } from '../../../platform/ui/components.js';
import { areaSummitsPath, summitPath } from '../service.js';
import type { Summit } from '../store.js';
import { MAX_YEARLY_DAY_NOTE, type DistrictGroup, type NeighbourhoodRow, type YearOverview } from '../yearly-day-model.js';
import type { YearlyDay } from '../yearly-day-store.js';
import { yearlyDayPath } from '../yearly-day-service.js';
import { summitLabels } from './forms.js';
import { dayText, statusTag, whenText } from './summit.js';

/**
 * The yearly BuurtTop day's page: the day and its text, every neighbourhood's summits of that
 * year by district (date, venue, status, link) with those that have none yet marked, the year's
 * calendar file, and for officials the way to set the day.
 */
interface Row {
  area: { code: string; name: string };
  summit: Summit | null;
  /** For a neighbourhood without its own summit: covered by the district's, or none at all. */
  missing: 'viaDistrict' | 'none' | null;
  whole?: boolean;
}

function rowsOf(group: DistrictGroup<Summit>): Row[] {
  const whole = group.summits.map((s) => ({ area: { code: group.code!, name: group.name! }, summit: s, missing: null, whole: true }));
  const neighbourhood = (n: NeighbourhoodRow<Summit>): Row[] => (n.summits.length
    ? n.summits.map((s) => ({ area: n, summit: s, missing: null }))
    : [{ area: n, summit: null, missing: n.viaDistrict ? 'viaDistrict' : 'none' }]);
  return [...whole, ...group.neighbourhoods.flatMap(neighbourhood)];
}

function yearTable(ctx: Context, caption: string, rows: Row[], empty: string): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  return table({
    caption, captionHidden: true, rows, empty,
    columns: [
      { header: t('summit.field.area'), cell: (r) => html`${link(areaSummitsPath(slug, r.area.code), r.area.name)}${r.whole ? html` <span class="ba-optional">(${t('summit.yearlyDay.wholeDistrict')})</span>` : ''}` },
      { header: t('summit.field.title'), cell: (r) => (r.summit ? link(summitPath(slug, r.summit.id), r.summit.title)
        : html`<strong class="ba-tag">${t(r.missing === 'viaDistrict' ? 'summit.yearlyDay.viaDistrict' : 'summit.yearlyDay.none')}</strong>`) },
      { header: t('summit.field.when'), cell: (r) => (r.summit ? whenText(ctx, r.summit) : '—') },
      { header: t('summit.field.place'), cell: (r) => (r.summit ? r.summit.placeName ?? t('summit.noPlace') : '—') },
      { header: t('summit.field.status'), cell: (r) => (r.summit ? statusTag(t, r.summit.status) : '—') },
    ],
  });
}

export interface YearlyDayPageInput {
  year: number;
  day: YearlyDay | null;
  overview: YearOverview<Summit>;
  canSet: boolean;
}

export function yearlyDayPage(ctx: Context, input: YearlyDayPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const here = yearlyDayPath(slug, input.year);
  const n = (v: number) => formatNumber(ctx.locale, v);
  const { overview } = input;
  return html`${heading1(t('summit.yearlyDay.title', { year: input.year }))}
    ${input.day
      ? html`${paragraph(html`<strong>${t('summit.yearlyDay.on', { date: dayText(ctx, input.day.date) })}</strong>`)}${input.day.note ? paragraph(input.day.note) : ''}`
      : paragraph(t('summit.yearlyDay.notSet', { year: input.year }))}
    ${paragraph(t('summit.yearlyDay.intro'))}
    ${paragraph(t('summit.yearlyDay.summary', { covered: n(overview.covered), total: n(overview.neighbourhoods), year: input.year }))}
    <div class="utrecht-button-group ba-actions">
      ${link(`${here}.ics`, t('summit.yearlyDay.calendar', { year: input.year }))}
      ${input.canSet ? link(`${here}/instellen`, t(input.day ? 'summit.yearlyDay.change' : 'summit.yearlyDay.set')) : ''}
    </div>
    ${overview.districts.map((group, i) => {
      const name = group.name ?? t('summit.yearlyDay.otherNeighbourhoods');
      const id = `wijk-${group.code ?? `overig-${i}`}`;
      return html`<section aria-labelledby="${id}"><h2 class="utrecht-heading-2" id="${id}">${name}</h2>
        ${yearTable(ctx, t('summit.yearlyDay.caption', { area: name, year: input.year }), rowsOf(group), t('summit.yearlyDay.noNeighbourhoods'))}</section>`;
    })}
    ${overview.elsewhere.length ? html`<section aria-labelledby="elders"><h2 class="utrecht-heading-2" id="elders">${t('summit.yearlyDay.elsewhere')}</h2>
      ${yearTable(ctx, t('summit.yearlyDay.elsewhere'), overview.elsewhere.map((s) => ({ area: { code: s.areaCode, name: s.areaCode }, summit: s, missing: null })), '')}</section>` : ''}
    <nav aria-label="${t('summit.yearlyDay.years')}" class="ba-actions">
      ${paragraph(html`${link(yearlyDayPath(slug, input.year - 1), t('summit.yearlyDay.previous', { year: input.year - 1 }))} · ${link(yearlyDayPath(slug, input.year + 1), t('summit.yearlyDay.next', { year: input.year + 1 }))}`)}
    </nav>`;
}

/** The form (in formPage, whose error summary names the fields as summitLabels does): the date (in that year) and a short text. */
export function yearlyDayFields(t: Translate, values: Record<string, string>, errors: FormErrors): SafeHtml {
  const labels = summitLabels(t);
  return html`
    ${textField(t, { name: 'date', label: labels.date!, hint: t('summit.yearlyDay.hint.date'), type: 'date', value: values.date, errors, required: true })}
    ${textField(t, { name: 'note', label: labels.note!, hint: t('summit.yearlyDay.hint.note', { maximum: MAX_YEARLY_DAY_NOTE }), value: values.note, errors, maxLength: MAX_YEARLY_DAY_NOTE })}`;
}
