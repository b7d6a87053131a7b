import { describe, expect, it } from 'vitest';
import { layoutNetwork } from './layout.js';
import { currentAssessments, explain, hoursPerThousand, networkInput, placesOf, type Actor, type Assessment, type Relation } from './model.js';
import { networkMetrics } from './network.js';

const actor = (id: string, kind: Actor['kind'] = 'initiative', hours: number | null = null): Actor => ({
  id, areaCode: 'BU00010101', kind, name: `Actor ${id}`, description: null, organisation: null, activities: null, hoursPerWeek: hours, areaBound: null,
  role: null, consent: null, hidden: null, createdBy: null, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
});
const tie = (from: string, to: string | null, place?: string): Relation => ({
  id: `${from}-${to ?? place}`, areaCode: 'BU00010101', kind: to ? 'collaborates' : 'uses_place', fromId: from, toId: to,
  place: place ? { ref: null, name: place } : null, note: null, since: null, hidden: null, createdBy: null, createdAt: '2025-01-01T00:00:00Z',
});

/** Two triangles (a b c, d e f) joined through c–d, a loner g, and a professional service with hours. */
function world(hours = 10) {
  const actors = [...'abcdef'].map((id) => actor(id)).concat([actor('g'), actor('p', 'professional', hours)]);
  const relations = [tie('a', 'b'), tie('b', 'c'), tie('a', 'c'), tie('d', 'e'), tie('e', 'f'), tie('d', 'f'), tie('c', 'd'), tie('p', 'a'),
    tie('a', null, 'Buurthuis'), tie('d', null, 'Buurthuis'), tie('e', null, 'Moestuin')];
  return { actors, relations, metrics: networkMetrics(networkInput(actors, relations)) };
}

describe('ecosystem model', () => {
  it('explains clusters, brokers, loners and busy places in findings that name the actors', () => {
    const { actors, relations, metrics } = world();
    const findings = explain({ actors, metrics, places: placesOf(relations), professionalHours: 10, residents: null, municipalityHoursPerThousand: null });
    const keys = findings.map((f) => f.key);
    expect(keys).toEqual([
      'ecosystem.explain.size', 'ecosystem.explain.cluster', 'ecosystem.explain.cluster', 'ecosystem.explain.broker', 'ecosystem.explain.broker',
      'ecosystem.explain.broker', 'ecosystem.explain.isolated', 'ecosystem.explain.places', 'ecosystem.explain.hoursUnknownResidents',
    ]);
    expect(findings[0]!.params).toEqual({ actors: 8, ties: 8 });
    expect(findings.filter((f) => f.key === 'ecosystem.explain.broker').map((f) => f.actors[0]).sort()).toEqual(['a', 'c', 'd']);
    expect(findings.find((f) => f.key === 'ecosystem.explain.isolated')!.actors).toEqual(['g']);
    expect(findings.find((f) => f.key === 'ecosystem.explain.places')!.params.places).toBe('Buurthuis (2)');
  });

  it('calls professional presence thin below three quarters of the municipality, per 1,000 residents', () => {
    const { actors, relations, metrics } = world(10);
    const base = { actors, metrics, places: placesOf(relations), professionalHours: 10, residents: 4000 };
    expect(hoursPerThousand(10, 4000)).toBe(2.5);
    expect(hoursPerThousand(10, null)).toBeNull();
    expect(explain({ ...base, municipalityHoursPerThousand: 4 }).at(-1)).toMatchObject({ key: 'ecosystem.explain.thin', params: { perThousand: 2.5, reference: 4, residents: 4000 } });
    expect(explain({ ...base, municipalityHoursPerThousand: 3 }).at(-1)).toMatchObject({ key: 'ecosystem.explain.notThin' });
    expect(explain({ ...base, professionalHours: 0, municipalityHoursPerThousand: 3 }).at(-1)).toMatchObject({ key: 'ecosystem.explain.noProfessionals' });
    expect(explain({ ...base, municipalityHoursPerThousand: null }).at(-1)).toMatchObject({ key: 'ecosystem.explain.hours' });
    expect(explain({ actors: [], metrics: networkMetrics({ nodes: [], edges: [] }), places: [], professionalHours: 0, residents: null, municipalityHoursPerThousand: null }))
      .toEqual([{ key: 'ecosystem.explain.empty', params: {}, actors: [] }]);
  });

  it('keeps every assessment and takes the latest per element as current', () => {
    const a = (id: string, element: Assessment['element'], at: string, score: number): Assessment => ({ id, areaCode: 'x', element, score, evidence: 'e', actorIds: [], assessedBy: null, assessedAt: at });
    const history = [a('1', 'networks', '2025-01-01', 2), a('2', 'networks', '2025-06-01', 4), a('3', 'financing', '2025-02-01', 3)];
    const current = currentAssessments(history);
    expect(current.get('networks')?.score).toBe(4);
    expect(current.get('financing')?.score).toBe(3);
    expect(current.has('dialogue')).toBe(false);
  });

  it('lays the network out the same way every time, clusters apart and loners in a row below', () => {
    const { metrics } = world();
    const layout = layoutNetwork(metrics);
    expect(layoutNetwork(metrics)).toEqual(layout);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(metrics.nodes.slice().sort());
    const g = layout.nodes.find((n) => n.id === 'g')!;
    expect(Math.max(...layout.nodes.filter((n) => n.id !== 'g').map((n) => n.y))).toBeLessThan(g.y);
    for (const n of layout.nodes) expect(n.x >= 0 && n.x <= layout.width && n.y >= 0 && n.y <= layout.height).toBe(true);
  });
});
