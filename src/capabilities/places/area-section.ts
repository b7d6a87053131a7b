import { html } from '../../platform/html.js';
import { formatNumber, translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { placesPath } from './service.js';
import { listPlaces } from './store.js';

/** An area's page says how many public places it has (and how many are under threat or vacant), with the link to them. */
registerAreaSection({
  name: 'places',
  order: 30,
  async render(ctx, area) {
    if (!ctx.tenant || area.municipalityCode !== ctx.tenant.cbsCode || area.kind === 'municipality') return null;
    const t = translator(ctx.locale);
    const all = await listPlaces(ctx.platform.db, ctx.tenant.id);
    const here = all.filter((p) => p.areaCode !== null && (p.areaCode === area.code || p.areaCode.startsWith(`BU${area.code.slice(2)}`)));
    const count = (s: string) => formatNumber(ctx.locale, here.filter((p) => p.status === s).length);
    return html`<section aria-labelledby="section-places"><h2 class="utrecht-heading-2" id="section-places">${t('places.section.heading')}</h2>
      ${paragraph(t('places.section.summary', { count: formatNumber(ctx.locale, here.length), threatened: count('threatened'), vacant: count('vacant') }))}
      ${paragraph(link(`${placesPath(ctx.tenant.slug)}?gebied=${area.code}`, t('places.section.link')))}</section>`;
  },
});
