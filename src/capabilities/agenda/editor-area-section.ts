import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerAreaSection } from '../areas/index.js';
import { phaseOf } from './model.js';
import { phaseLabel, yearsText } from './pages/list.js';
import { agendaPath, areaAgendaPath } from './paths.js';
import { agendaToday } from './service.js';
import { listAgendas } from './store.js';

/** A district's or neighbourhood's page names its current agenda (the newest cycle) and its phase, with the way to its agendas. */
registerAreaSection({
  name: 'agenda',
  order: 55,
  async render(ctx, area) {
    if (!ctx.tenant || area.municipalityCode !== ctx.tenant.cbsCode || area.kind === 'municipality') return null;
    const t = translator(ctx.locale);
    const [current] = await listAgendas(ctx.platform.db, ctx.tenant.id, { areaCodes: [area.code] });
    return html`<section aria-labelledby="section-agenda"><h2 class="utrecht-heading-2" id="section-agenda">${t('agenda.section.heading')}</h2>
      ${current ? paragraph(html`${link(agendaPath(ctx.tenant.slug, current.id), current.title)} (${yearsText(current)}): ${phaseLabel(t, ctx.locale, current, phaseOf(current, agendaToday()))}`) : paragraph(t('agenda.area.none'))}
      ${paragraph(link(areaAgendaPath(ctx.tenant.slug, area.code), t('agenda.section.link')))}</section>`;
  },
});
