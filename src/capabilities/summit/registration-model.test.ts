import { describe, expect, it } from 'vitest';
import { isPhoneNumber, organisersMayRegister, personalDataUntil, placeFor, placesFree, registrationCounts, registrationIsOpen, type RegistrationLike } from './registration-model.js';

const r = (status: RegistrationLike['status'], over: Partial<RegistrationLike> = {}): RegistrationLike => ({ status, themes: [], accessNeeds: null, languageHelp: null, children: null, ...over });

describe('summit registration model', () => {
  it('places while there is room, then the waiting list; no capacity means room for everyone', () => {
    expect(placeFor(0, 2)).toBe('confirmed');
    expect(placeFor(1, 2)).toBe('confirmed');
    expect(placeFor(2, 2)).toBe('waiting');
    expect(placeFor(5, 2)).toBe('waiting'); // a lowered capacity takes no place away, but gives none either
    expect(placeFor(1000, null)).toBe('confirmed');
  });

  it('moves up as many as there are free places, never more than are waiting', () => {
    expect(placesFree(1, 2, 3)).toBe(1);
    expect(placesFree(0, 5, 3)).toBe(3);
    expect(placesFree(4, 2, 3)).toBe(0);
    expect(placesFree(4, null, 3)).toBe(3);
  });

  it('registration is open to residents only while open; organisers may add people until the day', () => {
    expect(['preparation', 'registration', 'held', 'closed', 'cancelled'].map(registrationIsOpen)).toEqual([false, true, false, false, false]);
    expect(['preparation', 'registration', 'held', 'closed', 'cancelled'].map(organisersMayRegister)).toEqual([true, true, false, false, false]);
  });

  it('keeps personal data until 30 days after the end', () => {
    expect(personalDataUntil('2031-03-15T15:00:00.000Z')).toBe('2031-04-14T15:00:00.000Z');
  });

  it('accepts phone numbers as people write them', () => {
    expect(['06 1234 5678', '+31 20 123 4567', '(020) 123-4567'].every(isPhoneNumber)).toBe(true);
    expect(['bel me', '12345', '06-12a45678'].some(isPhoneNumber)).toBe(false);
  });

  it('counts per status, per theme of those coming or waiting, and the needs of the confirmed', () => {
    expect(registrationCounts([
      r('confirmed', { themes: ['a', 'b'], accessNeeds: 'Rolstoel', languageHelp: 'Arabisch', children: 2 }),
      r('confirmed', { themes: ['a'], languageHelp: ' arabisch ', attended: true }),
      r('waiting', { themes: ['b'], children: 4, accessNeeds: 'Ringleiding', attended: false }),
      r('pending', { themes: ['a'] }),
      r('cancelled', { themes: ['a'], children: 1, attended: true }),
    ])).toEqual({ confirmed: 2, waiting: 1, pending: 1, cancelled: 1, perTheme: { a: 2, b: 2 }, accessNeeds: 1, languageHelp: { arabisch: 2 }, children: 2, attended: 1, absent: 1 });
  });
});

describe('summit invitation addresses', () => {
  it('reads addresses one per line or separated by commas and semicolons, each once, naming the bad lines', async () => {
    const { parseAddressList } = await import('./invitation-model.js');
    expect(parseAddressList('anna@example.org\n\nBert@Example.org; carla@example.org,anna@example.org\r\n <dirk@example.org> ')).toEqual({
      addresses: ['anna@example.org', 'bert@example.org', 'carla@example.org', 'dirk@example.org'], bad: [],
    });
    expect(parseAddressList('anna@example.org\njan@\nok@example.org, piet at example.org').bad).toEqual([{ line: 2, value: 'jan@' }, { line: 3, value: 'piet at example.org' }]);
  });
});
