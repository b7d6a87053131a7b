import { describe, expect, it } from 'vitest';
import { benchPlaces, generatePlaces, generateQueries } from './places.js';

describe('bench: evening-meeting search', () => {
  it('generates the same places and questions every time', () => {
    expect(generatePlaces(50)).toEqual(generatePlaces(50));
    expect(generateQueries(20)).toEqual(generateQueries(20));
    expect(new Set(generatePlaces(2000).map((p) => p.status)).size).toBe(4);
  });

  it('runs at a small scale: the API finds what the search function finds, and the report has both rows with their baselines', async () => {
    const lines: string[] = [];
    const result = await benchPlaces({ places: 500, queries: 20, requests: 3, log: (l) => lines.push(l) });
    expect(result.failures).toEqual([]);
    expect(result.markdown).toContain('| `findMeetingPlaces` |');
    expect(result.markdown).toContain('| `GET /health` |');
    expect(lines).toHaveLength(2);
  }, 60_000);
});
