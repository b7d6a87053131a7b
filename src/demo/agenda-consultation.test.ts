import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { agendaAmbitionsOf, agendaToday, listAgendas, phaseOf, themesOf } from '../capabilities/agenda/index.js';
import { addDays } from '../capabilities/summit/model.js';
import { listComments } from '../platform/comments/index.js';
import { versionsOf } from '../platform/versions/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { DEMO_CONSULTATION_AREA, DEMO_CONSULTATION_DAYS, seedAgendaConsultation } from './agenda-consultation.js';

/** The demo's agenda in its comment period: the district Oost's concept, open for three weeks from today, with two comments. */
describeEachEngine('demo agenda in its comment period', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedAgendaConsultation]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('gives the district Oost a concept open for comments from today, with its ambitions and residents\' comments', async () => {
    const db = tp.platform.db;
    const today = agendaToday();
    const [agenda, ...others] = await listAgendas(db, tenant.id, { areaCodes: [DEMO_CONSULTATION_AREA] });
    expect(others).toEqual([]);
    expect(phaseOf(agenda!, today)).toBe('commentsOpen');
    expect(agenda).toMatchObject({ status: 'consultation', conceptVersion: 1, commentsOpenOn: today, commentsCloseOn: addDays(today, DEMO_CONSULTATION_DAYS - 1), summitId: null });
    expect((await versionsOf(db, { municipalityId: tenant.id, documentId: agenda!.documentId })).map((v) => v.number)).toEqual([1]);
    expect((await themesOf(db, agenda!.id)).map((t) => t.name)).toEqual(['Samenleven en ontmoeten', 'Groen en klimaat']);
    const ambitions = await agendaAmbitionsOf(db, agenda!.id);
    expect(ambitions).toHaveLength(3);
    expect(ambitions.filter((a) => a.ownGoal).map((a) => a.title)).toEqual(['Taalmaatjes voor iedere nieuwkomer die dat wil']);
    expect(ambitions.every((a) => a.values.length > 0 && a.steps.length > 0)).toBe(true);
    const comments = await listComments(db, tenant.id, { type: 'agenda', id: agenda!.id }, { offset: 0, limit: 10 });
    expect(comments.map((c) => c.status)).toEqual(['published', 'published']);
  });
});
