import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { euros } from './pages/format.js';
import { areaMoney } from './read.js';
import { moneyFlowsPath } from './service.js';

/** On an area's page: the public money of the latest year with flows, per resident when known, linking to the flows. */
registerAreaSection({
  name: 'money-flows',
  order: 45,
  async render(ctx, area) {
    const t = translator(ctx.locale);
    const tenant = ctx.tenant!;
    const money = await areaMoney(ctx.platform.db, tenant.id, area.code, undefined, tenant.divisionYear);
    return html`<section aria-labelledby="geldstromen">
      <h2 class="utrecht-heading-2" id="geldstromen">${t('moneyFlows.section.heading')}</h2>
      ${paragraph(money.flows.length === 0 ? t('moneyFlows.section.none') : money.perResidentCents === null
        ? t('moneyFlows.section.total', { year: money.year, amount: euros(t, ctx.locale, money.totalCents) })
        : t('moneyFlows.section.totalPerResident', { year: money.year, amount: euros(t, ctx.locale, money.totalCents), perResident: euros(t, ctx.locale, money.perResidentCents) }))}
      ${paragraph(link(moneyFlowsPath(tenant.slug, area.code), t('moneyFlows.section.link')))}
    </section>`;
  },
});
