import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { interpretationsOfArea, isPublic } from './read.js';
import { interpretationsPath, roundsPath } from './service.js';
import { roundsOfArea } from './store.js';

/** On an area's page: how many readings its figures have (what is going well first), linking to them and to the rounds. */
registerAreaSection({
  name: 'interpretations',
  order: 20,
  async render(ctx, area) {
    const t = translator(ctx.locale);
    const tenant = ctx.tenant!;
    const [readings, rounds] = await Promise.all([interpretationsOfArea(ctx.platform.db, tenant.id, area.code), roundsOfArea(ctx.platform.db, tenant.id, area.code)]);
    const visible = readings.filter(isPublic);
    const strengths = visible.filter((r) => r.kind === 'strength').length;
    return html`<section aria-labelledby="duiding">
      <h2 class="utrecht-heading-2" id="duiding">${t('interpretations.section.heading')}</h2>
      ${paragraph(visible.length ? t('interpretations.section.count', { count: visible.length, strengths }) : t('interpretations.section.none'))}
      <ul class="utrecht-unordered-list">
        <li>${link(interpretationsPath(tenant.slug, area.code), t('interpretations.section.link'))}</li>
        <li>${link(roundsPath(tenant.slug, area.code), t('interpretations.section.rounds', { count: rounds.length }))}</li>
      </ul>
    </section>`;
  },
});
