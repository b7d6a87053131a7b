import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { translator } from '../../../platform/i18n/index.js';
import type { ChartContext } from '../../../platform/ui/charts.js';
import { choroplethMap } from '../../../platform/ui/choropleth.js';
import { form, heading1, link, paragraph } from '../../../platform/ui/components.js';
import { areaTitle } from '../../areas/index.js';
import { BOUNDARY_ATTRIBUTION, CBS_ATTRIBUTION } from '../api.js';
import { CLASSING_METHOD, MAP_CLASSES, MAP_CLASSINGS, MAP_LEVELS, type MapClassing, type MapData } from '../map-data.js';
import { THEMES } from '../model.js';
import { indicatorName, valueText } from './area-statistics.js';

/**
 * The indicator map: a GET form (indicator grouped by theme, year, level, classing) that works
 * without a script, the choropleth with its legend, and the same figures as a visible table for
 * everyone who does not read the map; an unknown value says why, in the statistics page's words. Every shape and row links to the area's statistics page.
 */

export interface MapPageInput {
  data: MapData;
  classing: MapClassing;
  action: string;
  geojson: string;
  areaHref: (code: string, year: number) => string;
}

function select(id: string, label: string, options: SafeHtml): SafeHtml {
  return html`<div class="utrecht-form-field">
    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="field-${id}">${label}</label></div>
    <div class="utrecht-form-field__input"><select class="utrecht-select utrecht-select--html-select" id="field-${id}" name="${id}">${options}</select></div>
  </div>`;
}

const option = (value: string | number, label: string, selected: boolean) => html`<option value="${String(value)}"${selected ? html` selected` : ''}>${label}</option>`;

/** "Kaart: Aantal inwoners in 2025" — the page's title and heading. */
export function mapTitle(ctx: Context, data: MapData): string {
  const name = indicatorName(ctx, data.indicator);
  return data.year === null ? name : translator(ctx.locale)('statistics.map.title', { indicator: name, year: data.year });
}

export function mapPage(ctx: Context, input: MapPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const c: ChartContext = { t, locale: ctx.locale };
  const { data } = input;
  const name = indicatorName(ctx, data.indicator);
  const title = mapTitle(ctx, data);
  const groups = THEMES.map((theme) => ({ theme, indicators: data.catalogue.filter((i) => i.theme === theme) })).filter((g) => g.indicators.length);
  const chooser = form({
    method: 'get', action: input.action, csrf: '', submit: t('statistics.map.show'), body: html`
      ${select('indicator', t('statistics.map.indicator'), html`${groups.map((g) => html`<optgroup label="${t(`statistics.theme.${g.theme}`)}">${g.indicators.map((i) => option(i.id, indicatorName(ctx, i), i.id === data.indicator.id))}</optgroup>`)}`)}
      ${data.years.length ? select('jaar', t('statistics.map.year'), html`${[...data.years].reverse().map((y) => option(y, String(y), y === data.year))}`) : ''}
      ${select('niveau', t('statistics.map.level'), html`${MAP_LEVELS.map((l) => option(l, t(`statistics.map.level.${l}`), l === data.level))}`)}
      ${select('indeling', t('statistics.map.classing'), html`${MAP_CLASSINGS.map((m) => option(m, t(`statistics.map.classing.${m}`), m === input.classing))}`)}`,
  });
  let map: SafeHtml;
  if (data.year === null) map = paragraph(t('statistics.map.noFigures'));
  else if (data.areas.length === 0) map = paragraph(t('statistics.map.noAreas', { level: t(`statistics.map.level.${data.level}`).toLowerCase() }));
  else {
    const year = data.year;
    map = choroplethMap(c, {
      id: 'kaart', title, caption: t('statistics.map.caption', { year, boundaryYear: data.boundaryYear ?? year }), style: { unit: data.indicator.unit },
      classing: { method: CLASSING_METHOD[input.classing], classes: MAP_CLASSES }, table: 'visible', valueHeader: name,
      shapes: data.areas.filter((a) => a.area.geometry).map(({ area, value }) => ({
        id: area.code, label: areaTitle(t, area), geometry: area.geometry!, value: value.value, href: input.areaHref(area.code, year),
        // Why it is unknown, worded as on the statistics page: no figure, withheld for privacy, not applicable.
        ...(value.unknown !== null ? { unknownText: valueText(c, value, data.indicator) } : {}),
      })),
    });
  }
  return html`${heading1(title)}
    ${paragraph(t('statistics.map.intro', { levels: t('statistics.map.levels') }))}
    ${chooser}
    ${map}
    ${paragraph(html`${link(input.geojson, t('statistics.map.geojson'))}`)}
    ${paragraph(html`<span class="ba-small">${CBS_ATTRIBUTION}. ${BOUNDARY_ATTRIBUTION}.</span>`)}`;
}
