import { html } from '../../platform/html.js';
import { formatNumber, translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { whenLabel } from './pages/history.js';
import { historyPath } from './service.js';
import { entriesOfArea } from './store.js';

/** On an area's page: how many entries its timeline has and the span they cover, linking to it. */
registerAreaSection({
  name: 'history',
  order: 40,
  async render(ctx, area) {
    const t = translator(ctx.locale);
    const tenant = ctx.tenant!;
    const entries = await entriesOfArea(ctx.platform.db, tenant.id, area.code);
    const first = entries[0];
    const last = entries[entries.length - 1];
    return html`<section aria-labelledby="geschiedenis">
      <h2 class="utrecht-heading-2" id="geschiedenis">${t('history.section.heading')}</h2>
      ${paragraph(first && last
        ? t(entries.length === 1 ? 'history.section.countOne' : 'history.section.count', { count: formatNumber(ctx.locale, entries.length), from: whenLabel(t, first.when), to: whenLabel(t, last.when) })
        : t('history.section.none'))}
      ${paragraph(link(historyPath(tenant.slug, area.code), t('history.section.link')))}
    </section>`;
  },
});
