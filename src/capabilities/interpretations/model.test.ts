import { describe, expect, it } from 'vitest';
import { byKindThenDate, editable, EDIT_MINUTES, totalParticipants } from './model.js';

describe('interpretations model', () => {
  it('puts what is going well first, then what lies behind a figure, then what it misses; oldest first within a kind', () => {
    const items = [
      { id: 'a', kind: 'missing' as const, createdAt: '2025-01-01T10:00:00Z' },
      { id: 'b', kind: 'behind' as const, createdAt: '2025-01-01T09:00:00Z' },
      { id: 'c', kind: 'strength' as const, createdAt: '2025-01-02T10:00:00Z' },
      { id: 'd', kind: 'strength' as const, createdAt: '2025-01-01T08:00:00Z' },
    ];
    expect([...items].sort(byKindThenDate).map((i) => i.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('lets an author change a reading only within the edit window', () => {
    const posted = '2025-03-01T10:00:00Z';
    expect(editable(posted, new Date(Date.parse(posted) + EDIT_MINUTES * 60_000))).toBe(true);
    expect(editable(posted, new Date(Date.parse(posted) + EDIT_MINUTES * 60_000 + 1000))).toBe(false);
  });

  it('counts the participants of a round', () => {
    expect(totalParticipants({ residents: 18, professionals: 4, officials: 2, entrepreneurs: 3, others: 1 })).toBe(28);
  });
});
