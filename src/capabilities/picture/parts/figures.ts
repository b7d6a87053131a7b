import { html } from '../../../platform/html.js';
import { formatQuantity } from '../../../platform/ui/charts.js';
import { paragraph, table } from '../../../platform/ui/components.js';
import { areaStatistics, CBS_SOURCE, type AreaStatistics, type IndicatorStatistics, type Unit } from '../../statistics/index.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 1a, the area's figures (statistics capability): where it is strong compared with areas like
 * it, and per theme a few key figures beside the municipality and the Netherlands, each table with
 * its source. Unknown stays unknown, with its reason.
 */
export const KEY_FIGURES_PER_THEME = 5;

interface Label { labelNl: string; labelEn: string; unit: Unit }
interface FigureRow extends Label {
  id: string;
  value: number | null;
  unknown: string | null;
  municipality: number | null;
  netherlands: number | null;
  strength: boolean;
}
export interface FiguresData {
  /** Null: no figures for this area. */
  year: number | null;
  strengths: Array<Label & { id: string; value: number | null; median: number | null }>;
  themes: Array<{ theme: string; figures: FigureRow[] }>;
  sources: Array<{ source: string; year: number; scope: 'national' | 'local' }>;
}

const label = (c: PartContext, l: Pick<Label, 'labelNl' | 'labelEn'>) => (c.locale === 'en' ? l.labelEn : l.labelNl);
const quantity = (c: PartContext, value: number | null, unit: Unit) => formatQuantity(c, value, { unit });
const valueText = (c: PartContext, f: Pick<FigureRow, 'value' | 'unknown' | 'unit'>) =>
  (f.value === null ? c.t(`picture.figures.unknown.${f.unknown ?? 'missing'}`) : quantity(c, f.value, f.unit));

/** Per theme: its strengths first, then figures with a known value that say something (strength or vulnerability), then the rest; at most five. */
export function keyFigures(stats: AreaStatistics, limit = KEY_FIGURES_PER_THEME): Array<{ theme: string; figures: IndicatorStatistics[] }> {
  const rank = (f: IndicatorStatistics) => (f.strength ? 0 : f.indicator.polarity !== 'neutral' ? 1 : 2);
  return stats.themes.map(({ theme, indicators }) => ({
    theme,
    figures: indicators.filter((f) => f.value.value !== null)
      .map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).slice(0, limit).map((x) => x.f),
  })).filter((th) => th.figures.length > 0);
}

export function sourceText(c: PartContext, s: FiguresData['sources'][number]): string {
  return s.source === CBS_SOURCE ? c.t('picture.figures.sourceCbs', { year: s.year }) : c.t('picture.figures.sourceOwn', { source: s.source, year: s.year });
}

registerPicturePart<FiguresData>({
  name: 'figures',
  order: 10,
  titleKey: 'picture.part.figures',
  async assemble(db, { tenant, area, year }) {
    const stats = await areaStatistics(db, tenant.id, area.code, year) ?? await areaStatistics(db, tenant.id, area.code);
    if (!stats) return { year: null, strengths: [], themes: [], sources: [] };
    const all = new Map(stats.themes.flatMap((th) => th.indicators).map((f) => [f.indicator.id, f]));
    const labelOf = (f: IndicatorStatistics): Label => ({ labelNl: f.indicator.labelNl, labelEn: f.indicator.labelEn, unit: f.indicator.unit });
    return {
      year: stats.year,
      strengths: stats.strengths.map((id) => all.get(id)).filter((f): f is IndicatorStatistics => f !== undefined)
        .map((f) => ({ id: f.indicator.id, ...labelOf(f), value: f.value.value, median: f.similar?.median ?? null })),
      themes: keyFigures(stats).map(({ theme, figures }) => ({
        theme,
        figures: figures.map((f) => ({
          id: f.indicator.id, ...labelOf(f), value: f.value.value, unknown: f.value.unknown, strength: f.strength,
          municipality: f.municipality?.value ?? null, netherlands: f.netherlands?.value ?? null,
        })),
      })),
      sources: stats.sources.map((s) => ({ source: s.source, year: s.year, scope: s.scope })),
    };
  },
  render(data, c) {
    if (data.year === null) return paragraph(c.t('picture.figures.none'));
    const sources = data.sources.map((s) => sourceText(c, s)).join('; ');
    return html`${paragraph(c.t('picture.figures.intro', { year: data.year }))}
      <h3 class="utrecht-heading-3">${c.t('picture.figures.strengths')}</h3>
      ${data.strengths.length
        ? html`<ul class="utrecht-unordered-list">${data.strengths.map((s) => html`<li>${c.t('picture.figures.strength', {
          figure: label(c, s), value: quantity(c, s.value, s.unit), median: quantity(c, s.median, s.unit),
        })}</li>`)}</ul>`
        : paragraph(c.t('picture.figures.noStrengths'))}
      <h3 class="utrecht-heading-3">${c.t('picture.figures.keyFigures')}</h3>
      ${data.themes.map((th) => html`<figure class="ba-picture-figure">
        ${table<FigureRow>({
          caption: c.t(`statistics.theme.${th.theme}`),
          columns: [
            { header: c.t('picture.figures.figure'), cell: (f) => (f.strength ? html`${label(c, f)} <span class="ba-tag">${c.t('picture.figures.strengthTag')}</span>` : label(c, f)) },
            { header: c.t('picture.figures.here'), cell: (f) => valueText(c, f), numeric: true },
            { header: c.t('picture.figures.municipality'), cell: (f) => quantity(c, f.municipality, f.unit), numeric: true },
            { header: c.t('picture.figures.netherlands'), cell: (f) => quantity(c, f.netherlands, f.unit), numeric: true },
          ],
          rows: th.figures,
          empty: '',
        })}
        <figcaption>${c.t('picture.figures.source', { sources })}</figcaption>
      </figure>`)}`;
  },
  text(data, c) {
    if (data.year === null) return c.t('picture.figures.none');
    const sources = data.sources.map((s) => sourceText(c, s)).join('; ');
    return [
      c.t('picture.figures.intro', { year: data.year }),
      data.strengths.map((s) => c.t('picture.figures.strength', { figure: label(c, s), value: quantity(c, s.value, s.unit), median: quantity(c, s.median, s.unit) })).join('\n'),
      ...data.themes.map((th) => [c.t(`statistics.theme.${th.theme}`), ...th.figures.map((f) => `${label(c, f)}: ${valueText(c, f)}`)].join('\n')),
      c.t('picture.figures.source', { sources }),
    ].filter((p) => p !== '').join('\n\n');
  },
});
