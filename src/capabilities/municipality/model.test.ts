import { describe, expect, it } from 'vitest';
import {
  amsterdamDate, amsterdamDayEnd, amsterdamDayStart, auditDiff, chosenColour, compareNewestFirst, contrastAgainstWhite, decodeCursor,
  encodeCursor, hasEnoughContrast, isCalendarDate, isReservedSlug, logoTypes,
} from './model.js';
import { detectFileType } from '../../platform/files/index.js';
import { TINY_GIF, TINY_JPEG, TINY_PDF, TINY_PNG, TINY_WEBP } from '../../platform/files/fixtures.js';

describe('logo type by content (the file store decides, with the logo\'s types)', () => {
  it('recognises PNG, JPEG, WebP and GIF by their content', () => {
    expect(detectFileType(TINY_PNG, logoTypes)).toBe('image/png');
    expect(detectFileType(TINY_JPEG, logoTypes)).toBe('image/jpeg');
    expect(detectFileType(TINY_WEBP, logoTypes)).toBe('image/webp');
    expect(detectFileType(TINY_GIF, logoTypes)).toBe('image/gif');
  });
  it('refuses anything else, whatever it is called: no SVG, no PDF, no text', () => {
    expect(detectFileType(Buffer.from('not a picture at all, just text'), logoTypes)).toBeNull();
    expect(detectFileType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), logoTypes)).toBeNull();
    expect(detectFileType(TINY_PDF, logoTypes)).toBeNull();
    expect(detectFileType(TINY_PNG.subarray(0, 8), logoTypes)).toBeNull(); // signature without IHDR
    expect(detectFileType(new Uint8Array(), logoTypes)).toBeNull();
  });
});

describe('colours', () => {
  it('needs 4.5:1 against white, and rounds the shown ratio down', () => {
    expect(hasEnoughContrast('#1d5c4d')).toBe(true);
    expect(hasEnoughContrast('#ffcc00')).toBe(false);
    expect(hasEnoughContrast('#777777')).toBe(false); // 4.48:1
    expect(contrastAgainstWhite('#777777')).toBe(4.47);
    expect(contrastAgainstWhite('#000000')).toBe(21);
  });
  it('takes the colour the person changed: text field first, then picker', () => {
    expect(chosenColour('#111111', '#222222', '#111111')).toBe('#222222');
    expect(chosenColour('#111111', '#111111', '#333333')).toBe('#333333');
    expect(chosenColour('#111111', '#222222', '#333333')).toBe('#222222');
    expect(chosenColour('#111111', '#111111', '#111111')).toBe('#111111');
    expect(chosenColour('#111111', undefined, undefined)).toBeUndefined();
  });
});

describe('slugs', () => {
  it('reserves platform paths and fixed API names', () => {
    for (const slug of ['api', 'beheer', 'static', 'municipalities', 'session', 'audit']) expect(isReservedSlug(slug)).toBe(true);
    expect(isReservedSlug('voorbeeldstad')).toBe(false);
  });
});

describe('audit diff', () => {
  it('lists changed fields only', () => {
    expect(auditDiff({ name: 'A', colour: '#000000' }, { name: 'B', colour: '#000000' })).toEqual([{ field: 'name', before: 'A', after: 'B' }]);
  });
  it('lists the filled fields of a created or removed entity', () => {
    expect(auditDiff(null, { name: 'A', email: null })).toEqual([{ field: 'name', before: undefined, after: 'A' }]);
    expect(auditDiff({ name: 'A' }, null)).toEqual([{ field: 'name', before: 'A', after: undefined }]);
  });
  it('compares nested values by content', () => {
    expect(auditDiff({ list: [1, 2] }, { list: [1, 2] })).toEqual([]);
  });
});

describe('audit cursor', () => {
  it('round-trips and refuses garbage', () => {
    const cursor = { at: '2025-03-01T10:00:00.000Z', id: 'abc23xyz' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('!!')).toBeNull();
    expect(decodeCursor(Buffer.from('yesterday|x').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('2025-03-01T10:00:00.000Z|a|b').toString('base64url'))).toBeNull();
  });
  it('orders newest first, then by id', () => {
    const list = [{ at: '2025-01-01T00:00:00.000Z', id: 'b' }, { at: '2025-01-02T00:00:00.000Z', id: 'a' }, { at: '2025-01-01T00:00:00.000Z', id: 'c' }];
    expect(list.sort(compareNewestFirst).map((e) => e.id)).toEqual(['a', 'c', 'b']);
  });
});

describe('dates in Europe/Amsterdam', () => {
  it('checks calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-3-1')).toBe(false);
  });
  it('turns a day into UTC bounds, in winter and in summer time', () => {
    expect(amsterdamDayStart('2025-01-15')).toBe('2025-01-14T23:00:00.000Z');
    expect(amsterdamDayEnd('2025-01-15')).toBe('2025-01-15T23:00:00.000Z');
    expect(amsterdamDayStart('2025-07-01')).toBe('2025-06-30T22:00:00.000Z');
    // The night the clocks go forward: the day is 23 hours long.
    expect(amsterdamDayStart('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(amsterdamDayEnd('2025-03-30')).toBe('2025-03-30T22:00:00.000Z');
    expect(amsterdamDate('2025-06-30T22:30:00.000Z')).toBe('2025-07-01');
  });
});
