import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContent, diffVersions, diffWords, normalizeBody, normalizedText, paragraphsOf, sideOf, tokenize, type DocumentContent } from './model.js';

const content = (...sections: Array<[string, string, string]>): DocumentContent => ({ sections: sections.map(([key, heading, body]) => ({ key, heading, body })) });

describe('diffWords', () => {
  it('marks an inserted word', () => {
    expect(diffWords('De buurt is mooi.', 'De buurt is erg mooi.')).toEqual([
      { op: 'equal', text: 'De buurt is ' },
      { op: 'insert', text: 'erg ' },
      { op: 'equal', text: 'mooi.' },
    ]);
  });

  it('shows a rewrite as one removal and one addition, not word confetti', () => {
    expect(diffWords('the quick brown fox', 'the slow red fox')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'quick brown' },
      { op: 'insert', text: 'slow red' },
      { op: 'equal', text: ' fox' },
    ]);
  });

  it('keeps equal words visible between the changed ones', () => {
    const changes = diffWords('De bewoners willen meer groen in de straat en een plek om te ontmoeten.', 'De bewoners willen vooral meer bomen in de straten, en een buurthuis om te ontmoeten.');
    expect(changes.filter((c) => c.op === 'insert').map((c) => c.text)).toEqual(['vooral ', 'bomen', 'straten,', 'buurthuis']);
    expect(changes.filter((c) => c.op === 'delete').map((c) => c.text)).toEqual(['groen', 'straat', 'plek']);
  });

  it('treats punctuation as its own token', () => {
    expect(diffWords('Wij willen dit.', 'Wij willen dit!')).toEqual([
      { op: 'equal', text: 'Wij willen dit' },
      { op: 'delete', text: '.' },
      { op: 'insert', text: '!' },
    ]);
  });

  it('ignores runs of spaces, but keeps line and paragraph breaks', () => {
    expect(diffWords('een  twee\ndrie', 'een twee\ndrie')).toEqual([{ op: 'equal', text: 'een twee\ndrie' }]);
    expect(normalizedText('een  twee   drie')).toBe('een twee drie');
    expect(tokenize('a\n\n\n b')).toEqual(['a', '\n\n', 'b']);
    const changes = diffWords('Eerste alinea.\n\nTweede alinea.', 'Eerste alinea.\n\nNieuwe alinea.\n\nTweede alinea.');
    expect(changes.map((c) => c.op)).toEqual(['equal', 'insert', 'equal']);
    expect(changes[1]!.text).toBe('Nieuwe alinea.\n\n');
  });

  it('keeps words with hyphens, apostrophes and accents whole', () => {
    expect(tokenize("zo'n wijk-budget café")).toEqual(["zo'n", ' ', 'wijk-budget', ' ', 'café']);
  });

  it('rebuilds both texts from any difference (property)', () => {
    const word = fc.constantFrom('de', 'buurt', 'wijk', 'geld', 'bewoners', 'plan', ',', '.', 'agenda', 'en', 'het');
    const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n\n');
    const text = fc.array(fc.tuple(word, separator), { maxLength: 60 }).map((parts) => parts.map(([w, s]) => w + s).join(''));
    fc.assert(fc.property(text, text, (a, b) => {
      const changes = diffWords(a, b);
      expect(sideOf(changes, 'before')).toBe(normalizedText(a));
      expect(sideOf(changes, 'after')).toBe(normalizedText(b));
      for (let i = 1; i < changes.length; i++) expect(changes[i]!.op === changes[i - 1]!.op).toBe(false);
    }), { numRuns: 300 });
  });

  it('stays fast and correct on a long text rewritten from top to bottom', () => {
    const words = (seed: number) => Array.from({ length: 20_000 }, (_, i) => `w${(i * seed) % 997}`).join(' ');
    const a = words(7);
    const b = words(13);
    const started = performance.now();
    const changes = diffWords(a, b);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(sideOf(changes, 'before')).toBe(normalizedText(a));
    expect(sideOf(changes, 'after')).toBe(normalizedText(b));
    // A few changes in a long text stay a few precise changes.
    const edited = a.split(' ');
    for (let i = 0; i < 50; i++) edited[i * 397] = 'NIEUW';
    expect(diffWords(a, edited.join(' ')).filter((c) => c.op === 'insert')).toHaveLength(50);
  });
});

describe('diffVersions', () => {
  const v1 = content(['intro', 'Inleiding', 'De wijk groeit.'], ['plekken', 'Plekken', 'Het buurthuis.'], ['geld', 'Geld', 'Tien euro.'], ['slot', 'Slot', 'Einde.']);

  it('tells added, removed, changed, unchanged and moved sections, in the newer order with removals in place', () => {
    const v2 = content(['intro', 'Inleiding', 'De wijk groeit snel.'], ['slot', 'Slot', 'Einde.'], ['nieuw', 'Nieuw', 'Iets nieuws.'], ['geld', 'Geld en middelen', 'Tien euro.']);
    const diff = diffVersions({ title: 'Wijkbeeld', content: v1 }, { title: 'Wijkbeeld 2026', content: v2 });
    expect(diff.sections.map((s) => [s.key, s.status])).toEqual([
      ['intro', 'changed'], ['plekken', 'removed'], ['slot', 'unchanged'], ['nieuw', 'added'], ['geld', 'changed'],
    ]);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1, moved: 1 });
    expect(diff.sections.find((s) => s.key === 'intro')!.bodyChanges).toEqual([
      { op: 'equal', text: 'De wijk groeit' }, { op: 'insert', text: ' snel' }, { op: 'equal', text: '.' },
    ]);
    const geld = diff.sections.find((s) => s.key === 'geld')!;
    expect(geld.headingBefore).toBe('Geld');
    expect(sideOf(geld.headingChanges, 'after')).toBe('Geld en middelen');
    expect(diff.sections.filter((s) => s.moved).map((s) => s.key)).toHaveLength(1);
    expect(diff.title.changed).toBe(true);
    expect(diff.identical).toBe(false);
  });

  it('finds no difference between equal versions, whatever the whitespace', () => {
    const same = content(['intro', 'Inleiding', 'De   wijk  groeit. '], ['plekken', 'Plekken', 'Het buurthuis.'], ['geld', 'Geld', 'Tien euro.'], ['slot', 'Slot', 'Einde.']);
    const diff = diffVersions({ title: 'A', content: v1 }, { title: 'A', content: same });
    expect(diff.identical).toBe(true);
    expect(diff.sections.every((s) => s.status === 'unchanged')).toBe(true);
  });

  it('notices changed structured data', () => {
    const a: DocumentContent = { sections: [{ key: 'cijfers', heading: 'Cijfers', body: '', data: { inwoners: 100, jaar: 2024 } }] };
    const b: DocumentContent = { sections: [{ key: 'cijfers', heading: 'Cijfers', body: '', data: { jaar: 2024, inwoners: 120 } }] };
    const c: DocumentContent = { sections: [{ key: 'cijfers', heading: 'Cijfers', body: '', data: { jaar: 2024, inwoners: 100 } }] };
    expect(diffVersions({ title: 'x', content: a }, { title: 'x', content: b }).sections[0]).toMatchObject({ status: 'changed', dataChanged: true });
    expect(diffVersions({ title: 'x', content: a }, { title: 'x', content: c }).identical).toBe(true);
  });
});

describe('content', () => {
  it('normalises bodies and names the field of each problem', () => {
    expect(normalizeBody('  een  \r\n\r\n\r\n\r\ntwee \n')).toBe('een\n\ntwee');
    expect(paragraphsOf('een\nnog\n\n twee ')).toEqual(['een\nnog', 'twee']);
    const { issues } = checkContent({ sections: [
      { key: 'ok', heading: 'Goed', body: 'x' },
      { key: 'Niet Goed', heading: 'Kop', body: '' },
      { key: 'ok', heading: '', body: 'y' },
      { key: 'ander', heading: 'Kop\nmet regel', body: 5 },
    ] });
    expect(issues).toEqual([
      { field: 'sections.2.key', key: 'versions.sectionKey' },
      { field: 'sections.3.key', key: 'versions.sectionKeyTwice', params: { key: 'ok' } },
      { field: 'sections.3.heading', key: 'validation.required' },
      { field: 'sections.4.heading', key: 'validation.controlChars' },
      { field: 'sections.4.body', key: 'validation.type' },
    ]);
    expect(checkContent('nope').issues).toEqual([{ field: 'sections', key: 'validation.type' }]);
  });
});
