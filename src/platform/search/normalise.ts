import { escapeHtml } from '../html.js';

/**
 * Text handling for search, without I/O: folding, a small Dutch suffix stripper, the query
 * sanitiser and the snippet builder for SQLite.
 *
 * SQLite's FTS5 has no Dutch stemmer, so both the indexed text and the query go through
 * `stem()`: "buurten" → "buurt", "organisaties" → "organisatie", "straten"/"straat" → "strat",
 * "huizen"/"huis" → "huis", "initiatieven" → "initiatief". It is deliberately small (a handful of
 * regular plural and inflection endings, in the spirit of the Snowball Dutch stemmer); what it
 * gets wrong costs some recall or adds a little, never an error, because index and query are
 * treated alike. PostgreSQL uses its own `dutch` Snowball configuration instead.
 */

/** Dutch stop words (the Snowball list PostgreSQL's `dutch` configuration uses): dropped from queries on both engines. */
export const DUTCH_STOP_WORDS: ReadonlySet<string> = new Set(`de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere`.split(' '));

/** At most this many characters of a query are read, and at most this many terms used. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 50;
/** Terms of at least this length also match as a prefix ("buurt" finds "buurthuis"). */
export const MIN_PREFIX_LENGTH = 2;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case without diacritics ("Coöperatie" → "cooperatie"). */
export function fold(text: string): string {
  // Most Dutch text is plain ASCII: skip the two Unicode normalisations then.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFC');
}

const VOWELS = 'aeiouy';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);
const DOUBLE_CONSONANT = /(bb|dd|ff|gg|kk|ll|mm|nn|pp|rr|ss|tt)$/;
const MIN_STEM = 3;

/** After an ending was stripped: "buss" → "bus", "huiz" → "huis", "initiatiev" → "initiatief". */
function tidy(stem: string): string {
  let s = DOUBLE_CONSONANT.test(stem) ? stem.slice(0, -1) : stem;
  if (s.endsWith('z')) s = `${s.slice(0, -1)}s`;
  else if (s.endsWith('v')) s = `${s.slice(0, -1)}f`;
  return s;
}

/** A consonant, a doubled a/e/o/u and one final consonant: "straat" → "strat", "naam" → "nam" (so that "straten" and "straat" meet). */
function undoubleVowel(word: string): string {
  const m = /^(.*[^aeiouy])(aa|ee|oo|uu)([^aeiouy])$/.exec(word);
  return m ? `${m[1]}${m[2]![0]}${m[3]}` : word;
}

/** Strip "-e" after a consonant: "groene" → "groen", "sociale" → "social", "gemeente" → "gemeent". */
function stripE(word: string): string | null {
  if (word.length - 1 >= MIN_STEM && word.endsWith('e') && !isVowel(word.at(-2))) return tidy(word.slice(0, -1));
  return null;
}

/** The Dutch suffix stripper for one folded word (letters only; words with digits stay as they are). */
export function stem(word: string): string {
  if (word.length <= MIN_STEM || !/^[a-z]+$/.test(word)) return word;
  let s: string;
  if (word.endsWith('heden') && word.length - 5 >= MIN_STEM) s = `${word.slice(0, -5)}heid`;
  else if (word.endsWith('en') && word.length - 2 >= MIN_STEM && !isVowel(word.at(-3))) s = tidy(word.slice(0, -2));
  else if (word.endsWith('s') && word.length - 1 >= MIN_STEM && /[elnr]/.test(word.at(-2)!)) {
    s = word.slice(0, -1);
    s = stripE(s) ?? s;
  } else s = stripE(word) ?? word;
  return undoubleVowel(s);
}

/** The words of a text (letters, digits, combining marks), as they stand. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** What SQLite indexes for a text: every word folded and stemmed, separated by spaces. */
export function normaliseText(text: string): string {
  return words(text).map((w) => stem(fold(w))).join(' ');
}

/**
 * The same, each word prefixed with the item's scope token and "_" ("mabc123_buurt"): SQLite's
 * index then holds every municipality's words apart, so a search — prefixes included — reads only
 * the words of the municipality it searches, however large the national index.
 */
export function scopedText(scope: string, text: string): string {
  return words(text).map((w) => `${scope}_${stem(fold(w))}`).join(' ');
}

export interface QueryTerm {
  /** The word as typed, in lower case (for PostgreSQL's own stemmer, which knows its diacritics). */
  raw: string;
  /** The word folded: lower case, no diacritics. */
  word: string;
  /** Folded and stemmed (what SQLite's index holds; PostgreSQL's prefix match). */
  stem: string;
  /**
   * Also match words that start with one of these (empty: only the exact stem). Both the stem and
   * the word as typed: "straten" finds "straat" (stem "strat"), "speel" finds "speeltuin" although
   * its stem is "spel", "straat" finds "straatfeest".
   */
  prefixes: string[];
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Words were typed, but all of them were too common to search for ("de", "het"). */
  onlyStopWords: boolean;
}

/**
 * Any user input becomes a list of plain word terms: operators, quotes, brackets, `*`, `-` and
 * the like are separators, so no input can make a query fail. All terms must match.
 */
export function parseQuery(raw: string): ParsedQuery {
  const typed = words(String(raw ?? '').slice(0, MAX_QUERY_LENGTH).normalize('NFC'));
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const asTyped of typed) {
    const w = fold(asTyped);
    // Stop words, and single letters (the "s" of "auto's"), are no use as a term.
    if (DUTCH_STOP_WORDS.has(w) || /^\p{L}$/u.test(w)) continue;
    const word = w.slice(0, MAX_TERM_LENGTH);
    const stemmed = stem(word);
    if (seen.has(stemmed)) continue;
    seen.add(stemmed);
    const prefixes = stemmed.length >= MIN_PREFIX_LENGTH ? [...new Set([stemmed, word])] : [];
    terms.push({ raw: asTyped.toLowerCase().slice(0, MAX_TERM_LENGTH), word, stem: stemmed, prefixes });
    if (terms.length === MAX_TERMS) break;
  }
  return { terms, onlyStopWords: terms.length === 0 && typed.length > 0 };
}

/** Does this word of a text match one of the terms (as the index would decide)? */
export function matchesTerm(word: string, terms: readonly QueryTerm[]): boolean {
  const s = stem(fold(word));
  return terms.some((t) => s === t.stem || t.prefixes.some((p) => s.startsWith(p)));
}

export const SNIPPET_WORDS = 30;

/**
 * A snippet of the text around the best cluster of matches, as HTML: the text escaped, matching
 * words wrapped in <mark>, "…" where the text was cut. Without matches: the start of the text.
 */
export function snippetHtml(text: string, terms: readonly QueryTerm[], maxWords = SNIPPET_WORDS): string {
  const found = [...text.matchAll(WORD)];
  if (found.length === 0) return '';
  const seen = new Map<string, boolean>();
  const hits = found.map((m) => {
    let hit = seen.get(m[0]);
    if (hit === undefined) seen.set(m[0], (hit = matchesTerm(m[0], terms)));
    return hit;
  });
  let start = 0;
  if (found.length > maxWords) {
    let best = -1;
    let count = 0;
    for (let i = 0; i < found.length; i++) {
      if (hits[i]) count++;
      if (i >= maxWords && hits[i - maxWords]) count--;
      const windowStart = Math.max(0, i - maxWords + 1);
      if (i >= maxWords - 1 && count > best) {
        best = count;
        start = windowStart;
      }
    }
    // Show a few words before the first match in the window, for context.
    const first = hits.indexOf(true, start);
    if (first >= 0) start = Math.max(0, Math.min(start, first - 4));
    start = Math.min(start, found.length - maxWords);
  }
  const end = Math.min(found.length, start + maxWords);
  const from = found[start]!.index!;
  const lastWord = found[end - 1]!;
  let to = lastWord.index! + lastWord[0].length;
  // Keep closing punctuation right after the last word (".", ")", "!").
  const trailing = /^[^\s\p{L}\p{N}]{1,2}/u.exec(text.slice(to));
  if (trailing) to += trailing[0].length;
  let out = '';
  let cursor = from;
  for (let i = start; i < end; i++) {
    const m = found[i]!;
    out += escapeHtml(text.slice(cursor, m.index!));
    out += hits[i] ? `<mark>${escapeHtml(m[0])}</mark>` : escapeHtml(m[0]);
    cursor = m.index! + m[0].length;
  }
  out += escapeHtml(text.slice(cursor, to));
  out = out.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '… ' : ''}${out}${end < found.length ? ' …' : ''}`;
}

/**
 * PostgreSQL's ts_headline works on the HTML-escaped text and marks matches with control
 * characters; this turns its output into the same HTML as `snippetHtml`. The text is unescaped and
 * escaped again, so nothing but our own <mark> can ever come through.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function headlineToHtml(headline: string): string {
  const plain = headline.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
  return escapeHtml(plain)
    .replaceAll(MARK_START, '<mark>')
    .replaceAll(MARK_END, '</mark>')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text as stored for search: no control characters (they are the snippet's markers on PostgreSQL). */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ');
}
