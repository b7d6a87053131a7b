import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { agendaAmbitionsOf, agendaMembersOf, agendaProgressOf, agendaToday, correctionsOf, listAgendas, progressOf } from '../capabilities/agenda/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';
import { seedSummitDay } from './summit-day.js';
import { seedAgenda } from './agenda.js';
import { seedAgendaProgress } from './agenda-progress.js';

/** The demo's follow-up: the Bloemenbuurt's adopted agenda in the months since its adoption. */
describeEachEngine('demo agenda progress', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit, seedSummitDay, seedAgenda, seedAgendaProgress]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('gives the Bloemenbuurt\'s agenda progress since its adoption: under way, one achieved, one dropped with its reason, the rest not started; working groups; a correction', async () => {
    const db = tp.platform.db;
    const today = agendaToday();
    const [agenda] = await listAgendas(db, tenant.id, { areaCodes: ['BU99990202'] });
    const progress = await agendaProgressOf(db, { ...agenda!, adoptedOn: agenda!.adoptedOn! }, today);
    const status = new Map(progress.themes.flatMap((t) => t.ambitions).map((v) => [v.ambition.title, v.status]));
    expect(status.get('Het Tulpplein als huiskamer van de buurt')).toBe('achieved');
    expect(status.get('Samen van het gas af, blok voor blok')).toBe('underWay');
    expect(status.get('Niemand in de Bloemenbuurt woont ongezien alleen')).toBe('underWay');
    expect(status.get('Boodschappen en klusjes dichtbij geregeld')).toBe('dropped');
    expect(status.get('Kleiner wonen in de eigen buurt')).toBe('notStarted');
    expect(status.get('Een buurtkamer in de oude buurtsuper')).toBe('notStarted');
    expect(progress.totals.now).toEqual({ notStarted: 2, underWay: 2, achieved: 1, dropped: 1 });
    const ambitions = await agendaAmbitionsOf(db, agenda!.id);
    const updates = await progressOf(db, ambitions.map((a) => a.id));
    expect(updates.every((u) => u.reportedOn >= agenda!.adoptedOn! && u.reportedOn <= today)).toBe(true);
    expect(updates.filter((u) => u.status === 'dropped').every((u) => (u.reason ?? '').length > 0)).toBe(true);
    expect((await agendaMembersOf(db, ambitions.map((a) => a.id))).length).toBe(7);
    expect(await correctionsOf(db, updates.map((u) => u.id))).toHaveLength(1);
  });
});
