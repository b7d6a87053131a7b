import { describe, expect, it } from 'vitest';
import { captureIsOpen, consentState, dotsOrder, plenaryOrder, stepsOf, type ConsentState } from './day-model.js';

describe('the day: rules', () => {
  it('opens capture on the day while registration is open, and once held; never before, when closed or cancelled', () => {
    expect(captureIsOpen('registration', '2031-03-15', '2031-03-15')).toBe(true);
    expect(captureIsOpen('registration', '2031-03-15', '2031-03-14')).toBe(false);
    expect(captureIsOpen('held', '2031-03-15', '2031-04-01')).toBe(true);
    expect(captureIsOpen('preparation', '2031-03-15', '2031-03-15')).toBe(false);
    expect(captureIsOpen('closed', '2031-03-15', '2031-03-15')).toBe(false);
    expect(captureIsOpen('cancelled', '2031-03-15', '2031-03-15')).toBe(false);
  });

  it('agrees an ambition only with consent and no objection open or standing', () => {
    expect(consentState(false, [])).toBe('pending');
    expect(consentState(true, [])).toBe('agreed');
    expect(consentState(true, [{ resolution: 'open' }])).toBe('objected');
    expect(consentState(true, [{ resolution: 'stands' }, { resolution: 'amended' }])).toBe('objected');
    expect(consentState(true, [{ resolution: 'amended' }, { resolution: 'withdrawn' }])).toBe('agreed');
    expect(consentState(false, [{ resolution: 'withdrawn' }])).toBe('pending');
  });

  const a = (id: string, themePosition: number, state: ConsentState, dots: number | null, createdAt = `2031-03-15T10:0${id.length}:00Z`) => ({ id, themePosition, state, dots, createdAt });

  it('orders the plenary by theme, then consent, then as captured — never by dots', () => {
    const list = [a('many', 1, 'pending', 90), a('b', 0, 'objected', 1), a('c', 0, 'agreed', 0), a('d', 1, 'agreed', null), a('ee', 0, 'agreed', 5)];
    expect(plenaryOrder(list).map((x) => x.id)).toEqual(['c', 'ee', 'b', 'd', 'many']);
    // The view by dots stays within a theme (consent is shown beside it).
    expect(dotsOrder(list).map((x) => x.id)).toEqual(['ee', 'b', 'c', 'many', 'd']);
  });

  it('keeps the steps that were written, with their carriers', () => {
    expect(stepsOf([{ step: ' Woningruil ', carrier: ' Huurders ' }, { step: '', carrier: '' }, { step: 'Gesprek', carrier: '' }])).toEqual([
      { step: 'Woningruil', carrier: 'Huurders' }, { step: 'Gesprek', carrier: null },
    ]);
  });
});
