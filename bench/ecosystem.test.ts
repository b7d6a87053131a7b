import { describe, expect, it } from 'vitest';
import { benchEcosystem, cityEcosystem } from './ecosystem.js';

describe('ecosystem benchmark', () => {
  it('generates the same city every time, with exactly the distinct relations asked for and some actors alone', () => {
    const city = cityEcosystem(500, 2500);
    expect(cityEcosystem(500, 2500)).toEqual(city);
    expect(city.nodes).toHaveLength(500);
    expect(city.edges).toHaveLength(2500);
    expect(new Set(city.edges.map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`))).size).toBe(2500);
    const touched = new Set(city.edges.flat());
    expect(touched.size).toBeLessThan(500);
  });

  it('reports p50 and p95 beside its baseline, without failures, on a small city', async () => {
    const lines: string[] = [];
    const result = await benchEcosystem({ actors: 300, relations: 1500, runs: 2, baselineRuns: 2, log: (line) => lines.push(line) });
    expect(result.failures).toEqual([]);
    expect(result.markdown).toContain('| `networkMetrics`');
    expect(lines.join('\n')).toContain('one breadth-first pass (baseline)');
  });
});
