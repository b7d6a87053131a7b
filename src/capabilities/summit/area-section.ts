import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { upcomingFirst } from './model.js';
import { whenText } from './pages/summit.js';
import { areaSummitsPath, summitPath } from './service.js';
import { listSummits } from './store.js';

/** A district's or neighbourhood's page names its next (or last) BuurtTop, with the way to its summits. */
registerAreaSection({
  name: 'summit',
  order: 50,
  async render(ctx, area) {
    if (!ctx.tenant || area.municipalityCode !== ctx.tenant.cbsCode || area.kind === 'municipality') return null;
    const t = translator(ctx.locale);
    const [first] = upcomingFirst(await listSummits(ctx.platform.db, ctx.tenant.id, { areaCodes: [area.code] }), new Date().toISOString());
    return html`<section aria-labelledby="section-summit"><h2 class="utrecht-heading-2" id="section-summit">${t('summit.section.heading')}</h2>
      ${first ? paragraph(html`${link(summitPath(ctx.tenant.slug, first.id), first.title)}: ${whenText(ctx, first)} (${t(`summit.status.${first.status}`)})`) : paragraph(t('summit.section.none'))}
      ${paragraph(link(areaSummitsPath(ctx.tenant.slug, area.code), t('summit.section.link')))}</section>`;
  },
});
