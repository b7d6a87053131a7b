import type { Engine } from '../../src/platform/db/connect.js';
import { execute } from '../../src/platform/service.js';
import { listPublicValues } from '../../src/capabilities/municipality/index.js';
import { addGroupLink, changeSummitStatus, createSummit } from '../../src/capabilities/summit/service.js';
import { addRound, addTable, tablePath, tableToken } from '../../src/capabilities/summit/day-service.js';
import { amsterdamToday } from '../../src/capabilities/summit/service.js';
import { findTable } from '../../src/capabilities/summit/day-store.js';
import { groupsOf } from '../../src/capabilities/summit/store.js';
import { openSummitWorld, summitForm, type SummitWorld } from './summit-world.js';

/**
 * The world of the day's tests: the summit world with Anna's association holding its BuurtTop
 * today (00:00–23:59 Amsterdam, so it may be marked held), in `status` (registration: the day
 * itself; held), one round with a housing table (facilitator Fenna, whose group gathered the
 * community centre as information) and a care table (facilitator Gijs), and their links' secrets.
 */
export interface SummitDayWorld extends SummitWorld {
  summitId: string;
  roundId: string;
  housing: { id: string; token: string; path: string; groupId: string; factId: string };
  care: { id: string; token: string; path: string; groupId: string };
  valueIds: string[];
}

export async function openSummitDayWorld(engine: Engine, status: 'registration' | 'held' = 'held'): Promise<SummitDayWorld> {
  const w = await openSummitWorld(engine);
  const db = w.tp.platform.db;
  const { id: summitId } = await execute(w.ctx.anna, createSummit, summitForm(w, { date: amsterdamToday(), startTime: '00:00', endTime: '23:59' }));
  await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'registration' });
  if (status === 'held') await execute(w.ctx.anna, changeSummitStatus, { id: summitId, status: 'held' });
  const groups = await groupsOf(db, summitId);
  const housingGroup = groups.find((g) => g.theme === 'housing')!;
  const careGroup = groups.find((g) => g.theme === 'care')!;
  const { id: factId } = await execute(w.ctx.anna, addGroupLink, { summitId, groupId: housingGroup.id, kind: 'place', reference: w.placeId, note: 'Hier komen buren samen.' });
  const { id: roundId } = await execute(w.ctx.anna, addRound, { summitId, name: 'Ronde 1' });
  const table = async (groupId: string, facilitator: string) => {
    const { id } = await execute(w.ctx.anna, addTable, { summitId, roundId, groupId, facilitator });
    const token = tableToken(w.tp.platform.secret, (await findTable(db, summitId, id))!);
    return { id, token, path: tablePath(w.a.slug, summitId, id, token), groupId };
  };
  const housing = { ...(await table(housingGroup.id, 'Fenna')), factId };
  const care = await table(careGroup.id, 'Gijs');
  const valueIds = (await listPublicValues(db, w.a.id)).map((v) => v.id);
  return { ...w, summitId, roundId, housing, care, valueIds };
}

/** A complete ambition as the housing table's facilitator sends it. */
export function ambitionForm(w: SummitDayWorld, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    summitId: w.summitId, tableId: w.housing.id, token: w.housing.token,
    title: 'Betaalbaar blijven wonen', body: 'Wie hier opgroeit, kan hier blijven wonen.', why: 'Jongeren en ouderen vertrekken.', horizon: '10',
    values: [w.valueIds[3]!, w.valueIds[4]!], facts: [w.housing.factId],
    step_1: 'Woningruil voor ouderen opzetten', carrier_1: 'Huurdersvereniging', step_2: 'Gesprek met de corporatie', carrier_2: '', ...over,
  };
}
