import { expect, it } from 'vitest';
import { ageComparison, nextCode, normaliseLetterCode, normalisePostalCode, questionResult, visibility } from './model.js';

it('scores a question on the share of positive answers among those with an opinion, and the mean on 0–10', () => {
  expect(questionResult([5, 5, 4, 3, 1, 0, 0])).toMatchObject({ answered: 7, dontKnow: 2, withOpinion: 5, positiveShare: 60, negativeShare: 20, score10: 6.5 });
  expect(questionResult([0, 0])).toMatchObject({ withOpinion: 0, positiveShare: null, negativeShare: null, score10: null });
  expect(questionResult([1, 1]).score10).toBe(0);
  expect(questionResult([5]).score10).toBe(10);
});

it('says how many responses are still needed, never the partial count', () => {
  expect(visibility(7, 10)).toEqual({ shown: false, needed: 3 });
  expect(visibility(10, 10)).toEqual({ shown: true });
});

it('compares responses by age with the residents, and leaves the comparison out without population figures', () => {
  const rows = ageComparison({ a_15_24: 1, a_25_44: 4, a_45_64: 3, a_65_oo: 2 }, { a_15_24: 200, a_25_44: 300, a_45_64: 300, a_65_oo: 200 });
  expect(rows.map((r) => [r.group, r.responseShare, r.residentShare, r.underRepresented])).toEqual([
    ['a_15_24', 10, 20, true], ['a_25_44', 40, 30, false], ['a_45_64', 30, 30, false], ['a_65_oo', 20, 20, false],
  ]);
  expect(ageComparison({ a_65_oo: 3 }, { a_15_24: 1, a_25_44: null })[3]).toMatchObject({ responseShare: 100, residentShare: null, underRepresented: false });
  expect(ageComparison({}, null).every((r) => r.responseShare === null)).toBe(true);
});

it('reads postal codes and letter codes as people write them', () => {
  expect(normalisePostalCode(' 1234 ab ')).toBe('1234AB');
  expect(normalisePostalCode('0123AB')).toBeNull();
  expect(normalisePostalCode('1234SS')).toBeNull();
  expect(normaliseLetterCode('abcd-2345')).toBe('ABCD2345');
  expect(normaliseLetterCode('ABCD-1OIL')).toBeNull();
  expect(normaliseLetterCode('ABC')).toBeNull();
});

it('numbers new versions of a question', () => {
  expect(nextCode('veilig_avond', new Set(['veilig_avond']))).toBe('veilig_avond_2');
  expect(nextCode('veilig_avond_2', new Set(['veilig_avond_3']))).toBe('veilig_avond_4');
});
