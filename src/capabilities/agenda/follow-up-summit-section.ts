import { registerSummitSection } from '../summit/index.js';
import { agendaToday } from './service.js';
import { agendaProgressOf } from './follow-up-store.js';
import { previousAgendaSection } from './pages/follow-up.js';
import { listAgendas } from './store.js';

/**
 * The next BuurtTop starts from the last agenda's progress: a summit's page shows, when its area
 * has an agenda adopted before the summit's day that did not come out of this summit, every
 * ambition of the latest such agenda with its status now and the way to its overview.
 */
registerSummitSection({
  name: 'agenda.previous',
  order: 10,
  async render(ctx, summit) {
    if (!ctx.tenant) return null;
    const earlier = (await listAgendas(ctx.platform.db, ctx.tenant.id, { areaCodes: [summit.areaCode] }))
      .filter((a) => a.status === 'adopted' && a.adoptedOn !== null && a.adoptedOn <= summit.startsAt.slice(0, 10) && a.summitId !== summit.id)
      .sort((a, b) => b.adoptedOn!.localeCompare(a.adoptedOn!));
    const agenda = earlier[0];
    if (!agenda) return null;
    const progress = await agendaProgressOf(ctx.platform.db, { ...agenda, adoptedOn: agenda.adoptedOn! }, agendaToday());
    return previousAgendaSection(ctx, { agenda, progress });
  },
});
