import { html } from '../../platform/html.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed } from '../../platform/service.js';
import { link, paragraph } from '../../platform/ui/components.js';
import { registerSummitSection } from '../summit/index.js';
import { resourceOfAgenda } from './access.js';
import { phaseOf } from './model.js';
import { newAgendaPath, phaseLabel } from './pages/list.js';
import { agendaPath } from './paths.js';
import { agendaActions } from './policy.js';
import { agendaToday } from './service.js';
import { listAgendas } from './store.js';

/**
 * A held (or closed) BuurtTop's page leads to its agenda: the agenda made from it, with its phase,
 * for everyone; or, while there is none, the way to start it from the day's outcome for those
 * who may.
 */
registerSummitSection({
  name: 'agenda.fromSummit',
  order: 5,
  async render(ctx, summit) {
    if (!ctx.tenant || !(summit.status === 'held' || summit.status === 'closed')) return null;
    const t = translator(ctx.locale);
    const [agenda] = await listAgendas(ctx.platform.db, ctx.tenant.id, { summitId: summit.id });
    if (agenda) {
      return html`<section aria-labelledby="section-agenda-from-summit"><h2 class="utrecht-heading-2" id="section-agenda-from-summit">${t('agenda.summit.heading')}</h2>
        ${paragraph(html`${link(agendaPath(ctx.tenant.slug, agenda.id), agenda.title)}: ${phaseLabel(t, ctx.locale, agenda, phaseOf(agenda, agendaToday()))}`)}</section>`;
    }
    const resource = await resourceOfAgenda(ctx.platform.db, summit);
    if (!allowed(ctx, agendaActions.edit, resource)) return null;
    const start = `${newAgendaPath(ctx.tenant.slug)}?gebied=${encodeURIComponent(summit.areaCode)}&buurttop=${encodeURIComponent(summit.id)}`;
    return html`<section aria-labelledby="section-agenda-from-summit"><h2 class="utrecht-heading-2" id="section-agenda-from-summit">${t('agenda.summit.heading')}</h2>
      ${paragraph(t('agenda.summit.intro'))}
      <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${start}">${t('agenda.summit.start')}</a></p></section>`;
  },
});
