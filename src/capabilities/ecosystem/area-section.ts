import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { ecosystemPath } from './service.js';
import { ecosystemOf } from './store.js';

/** On an area's page: how many actors and relations its ecosystem has, linking to the network view. */
registerAreaSection({
  name: 'ecosystem',
  order: 30,
  async render(ctx, area) {
    const t = translator(ctx.locale);
    const tenant = ctx.tenant!;
    const { actors, relations } = await ecosystemOf(ctx.platform.db, tenant.id, area.code);
    return html`<section aria-labelledby="ecosysteem">
      <h2 class="utrecht-heading-2" id="ecosysteem">${t('ecosystem.section.heading')}</h2>
      ${paragraph(actors.length ? t('ecosystem.section.count', { actors: String(actors.length), relations: String(relations.length) }) : t('ecosystem.section.none'))}
      ${paragraph(link(ecosystemPath(tenant.slug, area.code), t('ecosystem.section.link')))}
    </section>`;
  },
});
