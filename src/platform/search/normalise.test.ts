import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, headlineToHtml, MARK_END, MARK_START, MAX_TERMS, normaliseText, parseQuery, snippetHtml, stem } from './normalise.js';

describe('Dutch suffix stripping', () => {
  it.each([
    ['buurten', 'buurt'], ['buurt', 'buurt'],
    ['organisaties', 'organisatie'], ['organisatie', 'organisatie'],
    ['wijken', 'wijk'], ['activiteiten', 'activiteit'], ['speeltuinen', 'speeltuin'],
    ['straten', 'strat'], ['straat', 'strat'],
    ['huizen', 'huis'], ['huis', 'huis'], ['buurthuizen', 'buurthuis'],
    ['initiatieven', 'initiatief'], ['initiatief', 'initiatief'],
    ['bewoners', 'bewoner'], ['vrijwilligers', 'vrijwilliger'],
    ['gemeenten', 'gemeent'], ['gemeentes', 'gemeent'], ['gemeente', 'gemeent'],
    ['mogelijkheden', 'mogelijkheid'], ['bussen', 'bus'], ['bomen', 'bom'], ['boom', 'bom'],
    ['groene', 'groen'], ['duurzaamheid', 'duurzaamheid'], ['zorg', 'zorg'], ['zorgen', 'zorg'],
    // Short words, codes and numbers stay as they are.
    ['bus', 'bus'], ['bu03630000', 'bu03630000'], ['2024', '2024'], ['eten', 'eten'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('folds case and diacritics before stemming, the same for text and query', () => {
    expect(fold('Coöperatie CAFÉ Reünie')).toBe('cooperatie cafe reunie');
    expect(normaliseText('De Buurthuizen van Coöperaties!')).toBe('de buurthuis van cooperatie');
    expect(parseQuery('BUURTHUIS').terms.map((t) => t.stem)).toEqual(normaliseText('buurthuizen').split(' '));
  });
});

describe('query sanitiser', () => {
  it('turns any input into plain word terms, dropping stop words and single letters', () => {
    const parsed = parseQuery('"De buurten" AND (organisaties* -wijk) OR NEAR(x y) auto\'s');
    expect(parsed.terms.map((t) => t.stem)).toEqual(['buurt', 'and', 'organisatie', 'wijk', 'or', 'near', 'auto']);
    expect(parsed.terms.every((t) => /^[\p{L}\p{N}]+$/u.test(t.stem))).toBe(true);
  });

  it('knows when only common words were given', () => {
    expect(parseQuery('de het een').onlyStopWords).toBe(true);
    expect(parseQuery('   ').onlyStopWords).toBe(false);
    expect(parseQuery('"*()-').terms).toEqual([]);
  });

  it('reads at most 500 characters and uses at most a few terms', () => {
    const parsed = parseQuery(`${'woord'.repeat(200)} ${Array.from({ length: 50 }, (_, i) => `term${i}`).join(' ')}`);
    expect(parsed.terms.length).toBeLessThanOrEqual(MAX_TERMS);
    expect(parsed.terms.every((t) => t.word.length <= 50)).toBe(true);
  });

  it('never yields a term with anything but letters and digits', () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), (input) => {
      for (const term of parseQuery(input).terms) {
        expect(term.stem).toMatch(/^[\p{L}\p{N}]+$/u);
        expect(term.word).toMatch(/^[\p{L}\p{N}]+$/u);
      }
    }));
  });
});

describe('snippets', () => {
  const terms = (q: string) => parseQuery(q).terms;

  it('escapes the text and marks only matching words', () => {
    const out = snippetHtml('Een <script>alert("buurt")</script> voor de buurten & iedereen', terms('buurt'));
    expect(out).toBe('Een &lt;script&gt;alert(&quot;<mark>buurt</mark>&quot;)&lt;/script&gt; voor de <mark>buurten</mark> &amp; iedereen');
    expect(out.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('marks words that start with a term (prefix) and stemmed forms', () => {
    expect(snippetHtml('Het buurthuis en de organisaties', terms('buurt organisatie'))).toBe('Het <mark>buurthuis</mark> en de <mark>organisaties</mark>');
  });

  it('shows the part of a long text around the matches, with ellipses', () => {
    const filler = (n: number, w: string) => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');
    const text = `${filler(50, 'voor')} de moestuin in het park ${filler(50, 'na')}`;
    const out = snippetHtml(text, terms('moestuin'));
    expect(out.startsWith('… ')).toBe(true);
    expect(out.endsWith(' …')).toBe(true);
    expect(out).toContain('<mark>moestuin</mark>');
    expect(out.split(' ').filter((w) => w !== '…').length).toBeLessThanOrEqual(30);
  });

  it('gives the start of the text when nothing matches, and nothing for no text', () => {
    expect(snippetHtml('Alleen in de titel gevonden.', terms('iets'))).toBe('Alleen in de titel gevonden.');
    expect(snippetHtml('', terms('iets'))).toBe('');
  });

  it("turns PostgreSQL's headline (escaped text, control-character markers) into the same HTML", () => {
    const headline = `Een &lt;script&gt;alert(1)&lt;/script&gt; ${MARK_START}buurt${MARK_END} &amp; "iedereen"`;
    expect(headlineToHtml(headline)).toBe('Een &lt;script&gt;alert(1)&lt;/script&gt; <mark>buurt</mark> &amp; &quot;iedereen&quot;');
  });
});
