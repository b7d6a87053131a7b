import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatDateTime, formatNumber, type Locale, type Translate } from '../../../platform/i18n/index.js';
import type { AreaGeometry } from '../../../platform/ui/geometry.js';
import { choroplethMap } from '../../../platform/ui/choropleth.js';
import { dataList, errorSummary, form, heading1, link, paragraph, table, textField, type FormErrors } from '../../../platform/ui/components.js';
import {
  BAND_COUNT, DIRECTIONS, INDEX_PARTS, SCORE_MAX, SCORE_MIN, signOf, type AreaIndexScore, type IndexDefinition, type PartScore,
} from '../indices.js';
import type { IndexComputation } from '../indices-service.js';
import { THEMES, type Indicator } from '../model.js';

/**
 * The composite indices: the municipality's overview (per index a map and a table of its
 * neighbourhoods), one index explained (formula, themes, indicators with their base-year
 * reference), and the edit form with its preview (scores now → with the changes, nothing saved).
 */

export interface IndexPaths {
  base: string;
  index: (id: string) => string;
  edit: (id: string) => string;
  area: (code: string) => string;
}

export interface Neighbourhood {
  code: string;
  name: string;
  geometry: AreaGeometry | null;
}

const nameOf = (locale: Locale, x: { nameNl: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameNl);
const indicatorLabel = (locale: Locale, indicator: Indicator | undefined, id: string) => (indicator ? (locale === 'en' ? indicator.labelEn : indicator.labelNl) : id);

export function scoreText(t: Translate, locale: Locale, score: number | null): string {
  return score === null ? t('indices.unknown') : formatNumber(locale, score, 1);
}

export const bandLabel = (t: Translate, band: number | null) => (band === null ? t('indices.unknown') : t(`indices.band.${band}`));

const part = (t: Translate, locale: Locale, p: PartScore) => scoreText(t, locale, p.score);

function bandLimits(t: Translate, locale: Locale, bands: readonly number[]): Array<[string, string]> {
  const n = (v: number) => formatNumber(locale, v);
  return Array.from({ length: BAND_COUNT }, (_, b) => {
    const range = b === 0 ? t('indices.bandRange.first', { to: n(bands[0]!) })
      : b === BAND_COUNT - 1 ? t('indices.bandRange.last', { from: n(bands[b - 1]!) })
        : t('indices.bandRange.middle', { from: n(bands[b - 1]!), to: n(bands[b]!) });
    return [t(`indices.band.${b}`), range];
  });
}

function indexMap(t: Translate, locale: Locale, computation: IndexComputation, neighbourhoods: Neighbourhood[], paths: IndexPaths): SafeHtml {
  const scores = new Map(computation.scores.areas.map((a) => [a.areaCode, a]));
  const shapes = neighbourhoods.filter((n) => n.geometry && scores.has(n.code)).map((n) => ({
    id: n.code, label: n.name, geometry: n.geometry!, value: scores.get(n.code)!.score, href: paths.area(n.code),
  }));
  if (shapes.length === 0) return html``;
  const name = nameOf(locale, computation.definition);
  return choroplethMap({ t, locale }, {
    id: `index-${computation.definition.id}`, title: t('indices.mapTitle', { index: name, year: computation.year ?? '' }),
    caption: t('indices.mapCaption', { baseYear: computation.baseYear ?? '' }), shapes, style: { decimals: 1 },
    classing: { breaks: [SCORE_MIN, ...computation.definition.bands, SCORE_MAX] }, palette: 'diverging', table: 'details', valueHeader: name,
  });
}

/** The table of neighbourhoods: score, band, the two parts, every theme, how many indicators were known. */
export function scoresTable(t: Translate, locale: Locale, computation: IndexComputation, names: ReadonlyMap<string, string>, paths: IndexPaths): SafeHtml {
  const { definition } = computation;
  return table({
    caption: t('indices.tableCaption', { index: nameOf(locale, definition), year: computation.year ?? '' }),
    columns: [
      { header: t('indices.neighbourhood'), cell: (a: AreaIndexScore) => link(paths.area(a.areaCode), names.get(a.areaCode) ?? a.areaCode) },
      { header: t('indices.score'), numeric: true, cell: (a) => html`<strong>${scoreText(t, locale, a.score)}</strong>` },
      { header: t('indices.band'), cell: (a) => bandLabel(t, a.band) },
      { header: t('indices.part.objective'), numeric: true, cell: (a) => part(t, locale, a.objective) },
      { header: t('indices.part.subjective'), numeric: true, cell: (a) => part(t, locale, a.subjective) },
      ...definition.themes.map((theme, i) => ({ header: nameOf(locale, theme), numeric: true, cell: (a: AreaIndexScore) => part(t, locale, a.themes[i]!) })),
      { header: t('indices.known'), numeric: true, cell: (a) => t('indices.knownOf', { known: a.known, of: a.of }) },
    ],
    rows: computation.scores.areas,
    empty: t('indices.noScores'),
  });
}

function notices(t: Translate, locale: Locale, computation: IndexComputation): SafeHtml {
  const items: HtmlValue[] = [];
  if (computation.baseYearMissing) items.push(paragraph(t('indices.baseYearMissing', { baseYear: computation.baseYear ?? '' })));
  if (computation.scores.unavailable.length) {
    items.push(paragraph(t('indices.unavailable', { indicators: computation.scores.unavailable.map((id) => indicatorLabel(locale, computation.catalogue.get(id), id)).join(', ') })));
  }
  return html`${items}`;
}

export function indicesOverviewPage(t: Translate, input: {
  locale: Locale; municipality: string; paths: IndexPaths; year: number | null; years: number[]; computations: IndexComputation[];
  neighbourhoods: Neighbourhood[]; canEdit: boolean;
}): SafeHtml {
  const { locale, paths } = input;
  const names = new Map(input.neighbourhoods.map((n) => [n.code, n.name]));
  const chooser = input.years.length > 1 ? form({
    method: 'get', action: paths.base, csrf: '', submit: t('indices.show'),
    body: html`<div class="utrecht-form-field"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-jaar">${t('indices.year')}</label></div>
      <div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="field-jaar" name="jaar">${[...input.years].reverse().map((y) => html`<option value="${String(y)}"${y === input.year ? html` selected` : ''}>${String(y)}</option>`)}</select></div></div>`,
  }) : '';
  return html`${heading1(t('indices.title'))}
    ${paragraph(t('indices.intro', { municipality: input.municipality }))}
    ${chooser}
    ${input.year === null ? paragraph(t('indices.noFigures')) : ''}
    ${input.computations.map((c) => html`<section aria-labelledby="index-${c.definition.id}-heading">
      <h2 class="utrecht-heading-2" id="index-${c.definition.id}-heading">${nameOf(locale, c.definition)}</h2>
      ${paragraph(t('indices.summary', { baseYear: c.baseYear ?? '–', year: c.year ?? '–', municipality: input.municipality }))}
      ${paragraph(html`${link(paths.index(c.definition.id), t('indices.explainLink', { index: nameOf(locale, c.definition) }))}${input.canEdit ? html` · ${link(paths.edit(c.definition.id), t('indices.editLink'))}` : ''}`)}
      ${notices(t, locale, c)}
      ${input.year === null ? '' : html`${indexMap(t, locale, c, input.neighbourhoods, paths)}${scoresTable(t, locale, c, names, paths)}`}
    </section>`)}
    <h2 class="utrecht-heading-2">${t('indices.bandsHeading')}</h2>
    ${paragraph(t('indices.bandsIntro'))}`;
}

const partLabel = (t: Translate, p: string) => t(`indices.part.${p}`);

export function indexExplainedPage(t: Translate, input: {
  locale: Locale; municipality: string; paths: IndexPaths; computation: IndexComputation; version: number; updatedAt: string | null; canEdit: boolean;
}): SafeHtml {
  const { locale, computation } = input;
  const { definition } = computation;
  const references = computation.scores.references;
  const n = (v: number) => formatNumber(locale, Math.round(v * 100) / 100);
  return html`${heading1(nameOf(locale, definition))}
    ${paragraph(t(`indices.kindIntro.${definition.kind}`))}
    ${dataList([
      [t('indices.baseYear'), definition.baseYear === null ? t('indices.baseYearLatest', { year: computation.baseYear ?? '–' }) : String(definition.baseYear)],
      [t('indices.version'), input.version === 0 ? t('indices.shipped') : t('indices.versionOf', { version: input.version, at: input.updatedAt ? formatDateTime(locale, input.updatedAt) : '' })],
      ...bandLimits(t, locale, definition.bands),
    ])}
    ${input.canEdit ? paragraph(link(input.paths.edit(definition.id), t('indices.editLink'))) : ''}
    ${notices(t, locale, computation)}
    <h2 class="utrecht-heading-2">${t('indices.formulaHeading')}</h2>
    <ol class="utrecht-ordered-list">
      ${['reference', 'indicator', 'direction', 'theme', 'index', 'parts', 'bands'].map((step) => html`<li class="utrecht-ordered-list__item">${t(`indices.formula.${step}`, { municipality: input.municipality })}</li>`)}
    </ol>
    ${definition.themes.map((theme, ti) => html`<h2 class="utrecht-heading-2">${t('indices.themeHeading', { theme: nameOf(locale, theme), weight: formatNumber(locale, theme.weight) })}</h2>
      ${table({
        caption: t('indices.themeCaption', { theme: nameOf(locale, theme) }), captionHidden: true,
        columns: [
          { header: t('indices.indicator'), cell: (r: (typeof references)[number]) => indicatorLabel(locale, computation.catalogue.get(r.id), r.id) },
          { header: t('indices.partHeader'), cell: (r) => partLabel(t, r.part) },
          { header: t('indices.directionHeader'), cell: (r) => t(r.sign === 1 ? 'indices.direction.raises' : 'indices.direction.lowers') },
          { header: t('indices.weight'), numeric: true, cell: (r) => formatNumber(locale, r.weight) },
          { header: t('indices.mean', { year: computation.baseYear ?? '' }), numeric: true, cell: (r) => (r.reference ? n(r.reference.mean) : '–') },
          { header: t('indices.sd'), numeric: true, cell: (r) => (r.reference ? n(r.reference.sd) : '–') },
          { header: t('indices.note'), cell: (r) => (!r.available ? t('indices.notAvailable') : r.reference ? t('indices.knownIn', { count: r.reference.known }) : t('indices.noReference')) },
        ],
        rows: references.filter((r) => r.theme === ti),
        empty: t('indices.noIndicators'),
      })}`)}
    ${paragraph(link(input.paths.base, t('indices.backToOverview')))}`;
}

// ---- the edit form ----------------------------------------------------------------------------

/** The form as submitted (or as stored): strings in their places, blank rows included. */
export interface IndexFormState {
  nameNl: string;
  nameEn: string;
  baseYear: string;
  bands: string[];
  themes: Array<{ nameNl: string; nameEn: string; weight: string; indicators: Array<{ id: string; part: string; direction: string; weight: string }> }>;
}

export const EMPTY_INDICATOR_ROWS = 2;

export function formStateOf(definition: IndexDefinition, baseYear: number | null): IndexFormState {
  return {
    nameNl: definition.nameNl, nameEn: definition.nameEn, baseYear: baseYear === null ? '' : String(baseYear), bands: definition.bands.map(String),
    themes: definition.themes.map((theme) => ({
      nameNl: theme.nameNl, nameEn: theme.nameEn, weight: String(theme.weight),
      indicators: theme.indicators.map((i) => ({ id: i.id, part: i.part, direction: i.direction, weight: String(i.weight) })),
    })),
  };
}

/** Every field's name for the error summary ("Thema 2, indicator 3"). */
export function indexFormLabels(t: Translate, state: IndexFormState): Record<string, string> {
  const labels: Record<string, string> = { nameNl: t('indices.form.nameNl'), nameEn: t('indices.form.nameEn'), baseYear: t('indices.baseYear'), bands: t('indices.form.bands'), themes: t('indices.form.themes'), _form: '' };
  for (let b = 0; b < BAND_COUNT - 1; b++) labels[`bands.${b}`] = t('indices.form.limit', { number: b + 1 });
  state.themes.forEach((theme, ti) => {
    const th = ti + 1;
    labels[`themes.${ti}.nameNl`] = t('indices.form.themeField', { theme: th, field: t('indices.form.nameNl') });
    labels[`themes.${ti}.nameEn`] = t('indices.form.themeField', { theme: th, field: t('indices.form.nameEn') });
    labels[`themes.${ti}.weight`] = t('indices.form.themeField', { theme: th, field: t('indices.weight') });
    labels[`themes.${ti}.indicators`] = t('indices.form.themeField', { theme: th, field: t('indices.form.indicators') });
    theme.indicators.forEach((_, ii) => {
      for (const [key, label] of [['id', t('indices.indicator')], ['part', t('indices.partHeader')], ['direction', t('indices.directionHeader')], ['weight', t('indices.weight')]] as const) {
        labels[`themes.${ti}.indicators.${ii}.${key}`] = t('indices.form.indicatorField', { theme: th, number: ii + 1, field: label });
      }
    });
  });
  return labels;
}

function cellControl(name: string, label: string, errors: FormErrors, control: (aria: SafeHtml) => SafeHtml): SafeHtml {
  const error = errors[name];
  const aria = error ? html` aria-invalid="true" aria-describedby="error-${name}"` : html``;
  return html`<label class="ba-visually-hidden" for="field-${name}">${label}</label>${control(aria)}${error ? html`<div class="utrecht-form-field-error-message" id="error-${name}">${error}</div>` : ''}`;
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

function indicatorRows(t: Translate, locale: Locale, input: { ti: number; rows: IndexFormState['themes'][number]['indicators']; catalogue: Indicator[]; errors: FormErrors; labels: Record<string, string>; kind: IndexDefinition['kind'] }): SafeHtml {
  const groups = THEMES.map((theme) => ({ theme, indicators: input.catalogue.filter((i) => i.theme === theme) })).filter((g) => g.indicators.length);
  const byId = new Map(input.catalogue.map((i) => [i.id, i]));
  const name = (ii: number, key: string) => `themes.${input.ti}.indicators.${ii}.${key}`;
  return html`<div class="utrecht-table-container ba-table-container"><table class="utrecht-table utrecht-table--html-table">
    <caption class="utrecht-table__caption">${t('indices.form.indicatorsOf', { theme: input.ti + 1 })}</caption>
    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
      ${[t('indices.indicator'), t('indices.partHeader'), t('indices.directionHeader'), t('indices.weight')].map((h) => html`<th scope="col" class="utrecht-table__header-cell">${h}</th>`)}
    </tr></thead>
    <tbody class="utrecht-table__body">${input.rows.map((row, ii) => {
      const polarity = byId.get(row.id)?.polarity;
      const auto = polarity ? t(signOf('auto', input.kind, polarity) === 1 ? 'indices.direction.autoRaises' : 'indices.direction.autoLowers') : t('indices.direction.auto');
      return html`<tr class="utrecht-table__row">
      <td class="utrecht-table__cell">${cellControl(name(ii, 'id'), input.labels[name(ii, 'id')]!, input.errors, (aria) => html`<select class="utrecht-select utrecht-select--html-select" id="field-${name(ii, 'id')}" name="${name(ii, 'id')}"${aria}>
        ${option('', t('indices.form.noIndicator'), row.id === '')}
        ${row.id !== '' && !byId.has(row.id) ? option(row.id, `${row.id} (${t('indices.notAvailable')})`, true) : ''}
        ${groups.map((g) => html`<optgroup label="${t(`statistics.theme.${g.theme}`)}">${g.indicators.map((i) => option(i.id, indicatorLabel(locale, i, i.id), i.id === row.id))}</optgroup>`)}
      </select>`)}</td>
      <td class="utrecht-table__cell">${cellControl(name(ii, 'part'), input.labels[name(ii, 'part')]!, input.errors, (aria) => html`<select class="utrecht-select utrecht-select--html-select" id="field-${name(ii, 'part')}" name="${name(ii, 'part')}"${aria}>${INDEX_PARTS.map((p) => option(p, partLabel(t, p), p === (row.part || 'objective')))}</select>`)}</td>
      <td class="utrecht-table__cell">${cellControl(name(ii, 'direction'), input.labels[name(ii, 'direction')]!, input.errors, (aria) => html`<select class="utrecht-select utrecht-select--html-select" id="field-${name(ii, 'direction')}" name="${name(ii, 'direction')}"${aria}>${DIRECTIONS.map((d) => option(d, d === 'auto' ? auto : t(`indices.direction.${d}`), d === (row.direction || 'auto')))}</select>`)}</td>
      <td class="utrecht-table__cell">${cellControl(name(ii, 'weight'), input.labels[name(ii, 'weight')]!, input.errors, (aria) => html`<input class="utrecht-textbox utrecht-textbox--html-input" id="field-${name(ii, 'weight')}" name="${name(ii, 'weight')}" type="text" inputmode="decimal" size="4" value="${row.weight || '1'}"${aria}>`)}</td>
    </tr>`;
    })}</tbody></table></div>`;
}

export interface PreviewRow {
  code: string;
  before: AreaIndexScore | null;
  after: AreaIndexScore | null;
}

function previewTable(t: Translate, locale: Locale, rows: PreviewRow[], names: ReadonlyMap<string, string>): SafeHtml {
  const diff = (r: PreviewRow) => (r.before?.score != null && r.after?.score != null ? r.after.score - r.before.score : null);
  return table({
    caption: t('indices.preview.caption'),
    columns: [
      { header: t('indices.neighbourhood'), cell: (r: PreviewRow) => names.get(r.code) ?? r.code },
      { header: t('indices.preview.before'), numeric: true, cell: (r) => scoreText(t, locale, r.before?.score ?? null) },
      { header: t('indices.preview.beforeBand'), cell: (r) => bandLabel(t, r.before?.band ?? null) },
      { header: t('indices.preview.after'), numeric: true, cell: (r) => html`<strong>${scoreText(t, locale, r.after?.score ?? null)}</strong>` },
      { header: t('indices.preview.afterBand'), cell: (r) => bandLabel(t, r.after?.band ?? null) },
      { header: t('indices.preview.difference'), numeric: true, cell: (r) => { const d = diff(r); return d === null ? '–' : `${d > 0 ? '+' : ''}${formatNumber(locale, Math.round(d * 10) / 10, 1)}`; } },
    ],
    rows,
    empty: t('indices.noScores'),
  });
}

export function indexEditPage(t: Translate, input: {
  locale: Locale; paths: IndexPaths; csrf: string; definition: IndexDefinition; state: IndexFormState; catalogue: Indicator[]; errors: FormErrors;
  preview: { year: number; rows: PreviewRow[]; names: ReadonlyMap<string, string> } | null;
}): SafeHtml {
  const { locale, state, errors } = input;
  const labels = indexFormLabels(t, state);
  const title = t('indices.form.title', { index: nameOf(locale, input.definition) });
  const body = html`
    <fieldset class="utrecht-form-fieldset ba-fieldset"><legend class="utrecht-form-fieldset__legend">${t('indices.form.general')}</legend>
      ${textField(t, { name: 'nameNl', label: labels.nameNl!, errors, required: true, value: state.nameNl, maxLength: 80 })}
      ${textField(t, { name: 'nameEn', label: labels.nameEn!, errors, required: true, value: state.nameEn, maxLength: 80 })}
      ${textField(t, { name: 'baseYear', type: 'number', label: labels.baseYear!, errors, required: true, value: state.baseYear, hint: t('indices.form.baseYearHint') })}
    </fieldset>
    <fieldset class="utrecht-form-fieldset ba-fieldset"><legend class="utrecht-form-fieldset__legend">${t('indices.form.bands')}</legend>
      ${paragraph(t('indices.form.bandsHint'))}
      ${errors.bands ? html`<div class="utrecht-form-field-error-message">${errors.bands}</div>` : ''}
      ${state.bands.map((value, b) => textField(t, { name: `bands.${b}`, label: t('indices.form.limitBetween', { number: b + 1, lower: t(`indices.band.${b}`), upper: t(`indices.band.${b + 1}`) }), errors, required: true, value }))}
    </fieldset>
    ${errors.themes ? html`<div class="utrecht-form-field-error-message">${errors.themes}</div>` : ''}
    ${state.themes.map((theme, ti) => html`<fieldset class="utrecht-form-fieldset ba-fieldset"><legend class="utrecht-form-fieldset__legend">${t('indices.form.theme', { number: ti + 1, name: (locale === 'en' ? theme.nameEn : theme.nameNl) || t('indices.form.newTheme') })}</legend>
      ${textField(t, { name: `themes.${ti}.nameNl`, label: t('indices.form.nameNl'), errors, value: theme.nameNl, maxLength: 80 })}
      ${textField(t, { name: `themes.${ti}.nameEn`, label: t('indices.form.nameEn'), errors, value: theme.nameEn, maxLength: 80 })}
      ${textField(t, { name: `themes.${ti}.weight`, label: t('indices.weight'), errors, value: theme.weight || '1' })}
      ${errors[`themes.${ti}.indicators`] ? html`<div class="utrecht-form-field-error-message">${errors[`themes.${ti}.indicators`]}</div>` : ''}
      ${indicatorRows(t, locale, { ti, rows: theme.indicators, catalogue: input.catalogue, errors, labels, kind: input.definition.kind })}
    </fieldset>`)}`;
  return html`${heading1(title)}
    ${paragraph(t('indices.form.intro'))}
    ${input.preview ? html`<section aria-labelledby="preview-heading" class="ba-preview">
      <h2 class="utrecht-heading-2" id="preview-heading">${t('indices.preview.heading', { year: input.preview.year })}</h2>
      ${paragraph(t('indices.preview.notSaved'))}
      ${previewTable(t, locale, input.preview.rows, input.preview.names)}
    </section>` : ''}
    ${errorSummary(t, errors, labels)}
    ${form({
      action: input.paths.edit(input.definition.id), csrf: input.csrf, submit: t('indices.form.save'), body,
      secondary: html`<button type="submit" name="action" value="preview" class="utrecht-button utrecht-button--secondary-action">${t('indices.form.preview')}</button>`,
    })}
    ${paragraph(link(input.paths.index(input.definition.id), t('indices.form.cancel')))}`;
}
