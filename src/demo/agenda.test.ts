import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { agendaAmbitionsOf, agendaToday, listAgendas, phaseOf, themesOf } from '../capabilities/agenda/index.js';
import { ambitionsOf, listSummits, milestonesOf } from '../capabilities/summit/index.js';
import { addDays } from '../capabilities/summit/model.js';
import { versionsOf } from '../platform/versions/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';
import { seedSummitDay } from './summit-day.js';
import { DEMO_AGENDA_ADOPTED_AGO, DEMO_AGENDA_DECISION, DEMO_AGENDA_OPENED_AGO, seedAgenda } from './agenda.js';

/** The demo's agenda: the Bloemenbuurt's, made from its BuurtTop, commented on and adopted; none for the Lindenhof. */
describeEachEngine('demo agenda', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit, seedSummitDay, seedAgenda]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('gives the Bloemenbuurt an agenda from its summit\'s agreed ambitions, a concept ten months ago and the adoption eight months ago', async () => {
    const db = tp.platform.db;
    const today = agendaToday();
    expect(await listAgendas(db, tenant.id, { areaCodes: ['BU99990102'] })).toEqual([]);
    const [agenda, ...others] = await listAgendas(db, tenant.id, { areaCodes: ['BU99990202'] });
    expect(others).toEqual([]);
    expect(phaseOf(agenda!, today)).toBe('adopted');
    expect(agenda).toMatchObject({ conceptVersion: 1, adoptedVersion: 2, adoptionMethod: 'meetingConsent', commentsOpenOn: addDays(today, -DEMO_AGENDA_OPENED_AGO), adoptedOn: addDays(today, -DEMO_AGENDA_ADOPTED_AGO) });
    const versions = await versionsOf(db, { municipalityId: tenant.id, documentId: agenda!.documentId });
    expect(versions.map((v) => [v.number, v.decisionReference])).toEqual([[2, DEMO_AGENDA_DECISION], [1, null]]);

    const [summit] = await listSummits(db, tenant.id, { areaCodes: ['BU99990202'] });
    const fromSummit = (await agendaAmbitionsOf(db, agenda!.id)).filter((a) => a.sourceAmbitionId);
    const summitTitles = (await ambitionsOf(db, summit!.id)).map((a) => a.title);
    expect(fromSummit).toHaveLength(5);
    expect(summitTitles.filter((t) => !fromSummit.some((a) => a.title === t))).toEqual(['Een buurtfeest dat van iedereen is']);
    expect((await agendaAmbitionsOf(db, agenda!.id)).filter((a) => a.ownGoal).map((a) => a.title)).toEqual(['Een buurtkamer in de oude buurtsuper']);
    expect((await themesOf(db, agenda!.id)).length).toBe(4);
    expect(summit!.status).toBe('held');
    expect((await milestonesOf(db, summit!.id)).filter((m) => ['draft', 'comments', 'adoption'].includes(m.templateKey ?? '')).every((m) => m.doneOn)).toBe(true);
  });
});
