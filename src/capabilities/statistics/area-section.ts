import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { formatQuantity } from '../../platform/ui/charts.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { areaStatistics } from './area-statistics.js';
import { indicatorName, likeThis } from './pages/area-statistics.js';
import { mapPath, statisticsPath } from './routes.js';

/** On an area's page: a few key figures of the latest year and its strengths, linking to the full statistics page and the map. */
registerAreaSection({
  name: 'statistics',
  order: 10,
  async render(ctx, area) {
    const t = translator(ctx.locale);
    const tenant = ctx.tenant!;
    const stats = await areaStatistics(ctx.platform.db, tenant.id, area.code);
    if (!stats) return null;
    const c = { t, locale: ctx.locale };
    const like = likeThis(t, stats.kind);
    const figures = new Map(stats.themes.flatMap((th) => th.indicators).map((f) => [f.indicator.id, f]));
    const count = (id: string) => formatQuantity(c, figures.get(id)?.value.value ?? null, { unit: 'count' });
    const strengths = stats.strengths.slice(0, 5).map((id) => figures.get(id)).filter((f) => f !== undefined).map((f) => indicatorName(ctx, f.indicator).toLowerCase());
    return html`<section aria-labelledby="cijfers">
      <h2 class="utrecht-heading-2" id="cijfers">${t('statistics.section.heading')}</h2>
      ${paragraph(t('statistics.section.intro', { year: stats.year, residents: count('a_inw'), households: count('a_hh') }))}
      ${strengths.length ? paragraph(t('statistics.section.strengths', { list: strengths.join(', '), like })) : ''}
      <ul class="utrecht-unordered-list">
        <li>${link(statisticsPath(tenant.slug, area.code), t('statistics.section.link', { like }))}</li>
        <li>${link(mapPath(tenant.slug, { niveau: area.kind === 'district' ? 'wijk' : 'buurt' }), t('statistics.section.map'))}</li>
      </ul>
    </section>`;
  },
});
