import { describe, expect, it } from 'vitest';
import { html } from '../../platform/html.js';
import { registerMessages } from '../../platform/i18n/index.js';
import { diffVersions } from '../../platform/versions/index.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { pictureMessages } from './messages.js';
import { capped, composeContent, editorSections, extraKeyFor, keptFreeSections, splitContent, yearOf, type AssembledPart } from './model.js';
import { localizedContent, partContext, registerPicturePart, renderSection } from './parts.js';
import { inArea } from './parts/places.js';

registerMessages(pictureMessages);

const heading = (key: string) => `Standaard ${key}`;
const part = (name: string, order: number, data: unknown): AssembledPart => ({ name, order, heading: `Kop ${name}`, body: `Tekst ${name}`, data });

describe('picture content (pure)', () => {
  it('composes the parts in their order before the free sections, each part with its frozen data and year, and takes it apart again', () => {
    const content = composeContent([part('money', 60, { total: 5 }), part('figures', 10, { year: 2024 })], [{ key: 'trots', heading: 'Trots', body: 'De markt.' }], 2024);
    expect(content.sections.map((s) => s.key)).toEqual(['part-figures', 'part-money', 'trots']);
    expect(content.sections[1]).toEqual({ key: 'part-money', heading: 'Kop money', body: 'Tekst money', data: { part: 'money', year: 2024, data: { total: 5 } } });
    expect(yearOf(content)).toBe(2024);
    expect(yearOf({ sections: [{ key: 'trots', heading: 'T', body: '' }] })).toBeNull();
    const { parts, free } = splitContent(content);
    expect(parts.map((p) => p.data.part)).toEqual(['figures', 'money']);
    expect(free).toEqual([{ key: 'trots', heading: 'Trots', body: 'De markt.' }]);
  });

  it('a later change of data is a changed part in the comparison; the free text beside it stays unchanged', () => {
    const free = [{ key: 'trots', heading: 'Trots', body: 'De markt.' }];
    const v1 = { title: 'Wijkbeeld', content: composeContent([{ ...part('money', 60, { total: 5 }), body: 'Totaal 5 euro.' }], free, 2024) };
    const v2 = { title: 'Wijkbeeld', content: composeContent([{ ...part('money', 60, { total: 7 }), body: 'Totaal 7 euro.' }], free, 2025) };
    const diff = diffVersions(v1, v2);
    expect(diff.sections.map((s) => [s.key, s.status])).toEqual([['part-money', 'changed'], ['trots', 'unchanged']]);
    expect(diff.sections[0]!.bodyChanges).toEqual([{ op: 'equal', text: 'Totaal ' }, { op: 'delete', text: '5' }, { op: 'insert', text: '7' }, { op: 'equal', text: ' euro.' }]);
  });

  it('keeps the filled-in standard sections first, leaves empty ones out, gives added sections their own keys and names a part without text', () => {
    const kept = keptFreeSections([
      { key: 'nodig', heading: '', body: 'Een ruimte.' },
      { key: 'trots', heading: 'Trots', body: '' },
      { heading: 'Jongeren', body: 'Een jongerenraad.' },
      { key: 'zorgen', heading: 'Zorgen', body: 'De bibliotheek.' },
      { key: 'part-money', heading: 'Jongeren', body: 'Nog een.' },
      { heading: '', body: '' },
    ], heading);
    expect(kept.issues).toEqual([]);
    expect(kept.sections).toEqual([
      { key: 'zorgen', heading: 'Zorgen', body: 'De bibliotheek.' },
      { key: 'nodig', heading: 'Standaard nodig', body: 'Een ruimte.' },
      { key: 'eigen-jongeren', heading: 'Jongeren', body: 'Een jongerenraad.' },
      { key: 'eigen-jongeren-2', heading: 'Jongeren', body: 'Nog een.' },
    ]);
    expect(kept.positions).toEqual([4, 1, 3, 5]);
    expect(keptFreeSections([{ key: 'trots', heading: 'T', body: '' }, { heading: 'Alleen een kop', body: '  ' }], heading).issues)
      .toEqual([{ field: 'sections.2.body', key: 'picture.error.textNeeded' }]);
    const many = Array.from({ length: 21 }, (_, i) => ({ heading: `Deel ${i}`, body: 'x' }));
    expect(keptFreeSections(many, heading).issues).toEqual([{ field: 'sections.21.heading', key: 'picture.error.tooManySections', params: { maximum: 20 } }]);
  });

  it('makes valid, unique keys for added sections and starts the editor from the standard three', () => {
    expect(extraKeyFor('Wat ons écht raakt!', new Set())).toBe('eigen-wat-ons-echt-raakt');
    expect(extraKeyFor('???', new Set())).toBe('eigen-sectie');
    expect(extraKeyFor('x'.repeat(300), new Set())).toHaveLength(56);
    expect(extraKeyFor('Trots', new Set(['eigen-trots']))).toBe('eigen-trots-2');
    expect(editorSections([{ key: 'eigen-jong', heading: 'Jong', body: 'J' }, { key: 'zorgen', heading: 'Z', body: 'Zorg' }], heading)).toEqual([
      { key: 'trots', heading: 'Standaard trots', body: '' },
      { key: 'zorgen', heading: 'Z', body: 'Zorg' },
      { key: 'nodig', heading: 'Standaard nodig', body: '' },
      { key: 'eigen-jong', heading: 'Jong', body: 'J' },
    ]);
    expect(capped([1, 2, 3], 2)).toEqual({ items: [1, 2], more: 1 });
    // A district's places are those of its neighbourhoods; a neighbourhood's only its own.
    expect([inArea('BU00010101', 'WK000101'), inArea('BU00010201', 'WK000101'), inArea('BU00010101', 'BU00010101'), inArea('BU00010102', 'BU00010101'), inArea(null, 'WK000101')])
      .toEqual([true, false, true, false, false]);
  });

  it('renders a snapshot through its part in the reader\'s language, and a snapshot of a part no longer installed from its stored text', () => {
    registerPicturePart<{ count: number }>({
      name: 'testpart', order: 99, titleKey: 'picture.part.places',
      async assemble() { return { count: 3 }; },
      render: (data, c) => html`<p>${c.t('picture.places.more', { count: data.count })}</p>`,
      text: (data, c) => c.t('picture.places.more', { count: data.count }),
    });
    const content = composeContent([part('testpart', 99, { count: 3 }), part('gone', 98, { x: 1 })], [], 2024);
    const en = partContext('en', 'dorp', 'BU00010101');
    expect(renderSection(content.sections[1]!, en).heading).toBe('Public places');
    expect(renderSection(content.sections[1]!, en).body.value).toContain('And 3 more places');
    expect(renderSection(content.sections[0]!, en)).toEqual({ heading: 'Kop gone', body: expect.objectContaining({ value: expect.stringContaining('Tekst gone') }) });
    expect(localizedContent(content, en).sections.map((s) => [s.heading, s.body])).toEqual([['Kop gone', 'Tekst gone'], ['Public places', 'And 3 more places: see the list of places.']]);
  });
});

it('messages: same keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(pictureMessages);
});
