import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { openAgendaWorld, type AgendaWorld } from '../../../test/support/agenda-world.js';
import { versionsOf } from '../../platform/versions/index.js';
import { findAgenda } from './store.js';
import { phaseOf } from './model.js';
import { agendaToday } from './service.js';

describeEachEngine('agenda world', (engine) => {
  let w: AgendaWorld;
  beforeAll(async () => { w = await openAgendaWorld(engine, 'adopted'); }, 120_000);
  afterAll(async () => w.close());

  it('is adopted with a concept and an adopted version', async () => {
    const agenda = (await findAgenda(w.tp.platform.db, w.a.id, w.agendaId))!;
    expect(phaseOf(agenda, agendaToday())).toBe('adopted');
    expect(agenda.conceptVersion).toBe(1);
    expect(agenda.adoptedVersion).toBe(2);
    expect(w.themeIds).toHaveLength(2);
    expect(w.ambitionIds).toHaveLength(4);
    const versions = await versionsOf(w.tp.platform.db, { municipalityId: w.a.id, documentId: agenda.documentId });
    expect(versions.map((v) => [v.number, v.decisionReference])).toEqual([[2, 'ALV-2026-07'], [1, null]]);
  });
});
