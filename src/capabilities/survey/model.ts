/**
 * The resident survey ("buurtmonitor"): pure types, the shipped questions, and the arithmetic of
 * results (no I/O).
 *
 * Every question is answered on a five-point scale (1 = most negative … 5 = most positive) or
 * "weet niet" (0). Per question and neighbourhood the results are:
 *   - the distribution: how many answered 1, 2, 3, 4, 5 and "weet niet";
 *   - the score: the share (in %) of those with an opinion (1–5) who answered 4 or 5 — "(helemaal)
 *     eens" or "(zeer) goed", as community monitors report it; this is the figure that goes into
 *     the statistics catalogue as a subjective indicator;
 *   - the mean on 1–5 scaled to 0–10 ((mean − 1) × 2.5), shown beside it.
 * Nothing of a neighbourhood is shown before it has the municipality's minimum number of
 * responses (default 10).
 */

export const SCALES = ['agree', 'quality'] as const;
export type Scale = (typeof SCALES)[number];

/** The themes of the survey; each maps onto a theme of the statistics catalogue. */
export const SURVEY_THEMES = ['quality-of-life', 'social-cohesion', 'safety', 'services', 'trust', 'involvement', 'other'] as const;
export type SurveyTheme = (typeof SURVEY_THEMES)[number];

/** What a positive answer is a sign of: a strength, or (for a negatively worded question) a vulnerability. */
export const SURVEY_POLARITIES = ['strength', 'vulnerability'] as const;
export type SurveyPolarity = (typeof SURVEY_POLARITIES)[number];

export const CATALOGUE_THEME: Readonly<Record<SurveyTheme, string>> = {
  'quality-of-life': 'housing',
  'social-cohesion': 'participation',
  safety: 'safety',
  services: 'amenities-public-places',
  trust: 'participation',
  involvement: 'participation',
  other: 'other',
};

/** The answers: 0 is "weet niet", 1–5 the scale from most negative to most positive. */
export const ANSWER_VALUES = [1, 2, 3, 4, 5, 0] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/**
 * Age groups asked (0–14 is not asked), named after the CBS population variables they are
 * compared with.
 */
export const AGE_GROUPS = ['a_15_24', 'a_25_44', 'a_45_64', 'a_65_oo'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const DEFAULT_MIN_RESPONSES = 10;
export const MIN_MIN_RESPONSES = 5;
export const MAX_MIN_RESPONSES = 1000;

/** Question codes name the catalogue indicator (`bm_<code>`), so they are stable and short. */
export const QUESTION_CODE = /^[a-z][a-z0-9_]{1,29}$/;
export const INDICATOR_PREFIX = 'bm_';
export const indicatorIdOf = (code: string) => `${INDICATOR_PREFIX}${code}`;

export interface QuestionText {
  textNl: string;
  textEn: string;
  theme: SurveyTheme;
  polarity: SurveyPolarity;
  scale: Scale;
}

export interface Question extends QuestionText {
  id: string;
  municipalityId: string;
  code: string;
  position: number;
  active: boolean;
  /** The question that took this one's place when its meaning changed. */
  replacedBy: string | null;
}

/**
 * The shipped questions, after the subjective part of community monitors (Amsterdam "Wonen en
 * Leefbaarheid", Rotterdam Wijkprofiel): quality of life, social cohesion, safety, services and
 * trust.
 */
export const DEFAULT_QUESTIONS: ReadonlyArray<QuestionText & { code: string }> = [
  { code: 'leefbaarheid', scale: 'quality', theme: 'quality-of-life', polarity: 'strength',
    textNl: 'Hoe beoordeelt u de leefbaarheid van uw buurt?', textEn: 'How do you rate the quality of life in your neighbourhood?' },
  { code: 'contact_buren', scale: 'agree', theme: 'social-cohesion', polarity: 'strength',
    textNl: 'Ik heb veel contact met andere buurtbewoners.', textEn: 'I have a lot of contact with other residents of my neighbourhood.' },
  { code: 'elkaar_helpen', scale: 'agree', theme: 'social-cohesion', polarity: 'strength',
    textNl: 'De mensen in deze buurt helpen elkaar.', textEn: 'People in this neighbourhood help each other.' },
  { code: 'veilig_avond', scale: 'agree', theme: 'safety', polarity: 'strength',
    textNl: "Ik voel me 's avonds veilig op straat in mijn buurt.", textEn: 'I feel safe in the streets of my neighbourhood in the evening.' },
  { code: 'voorzieningen', scale: 'agree', theme: 'services', polarity: 'strength',
    textNl: 'Ik ben tevreden over de voorzieningen in de buurt (winkels, zorg, ontmoetingsplekken).', textEn: 'I am satisfied with the facilities in the neighbourhood (shops, care, places to meet).' },
  { code: 'vertrouwen_gemeente', scale: 'agree', theme: 'trust', polarity: 'strength',
    textNl: 'Ik heb vertrouwen in de gemeente.', textEn: 'I trust the municipality.' },
  { code: 'betrokken', scale: 'agree', theme: 'involvement', polarity: 'strength',
    textNl: 'Ik voel me betrokken bij wat er in de buurt gebeurt.', textEn: 'I feel involved in what happens in the neighbourhood.' },
  { code: 'blijven_wonen', scale: 'agree', theme: 'quality-of-life', polarity: 'strength',
    textNl: 'Ik wil graag in deze buurt blijven wonen.', textEn: 'I would like to keep living in this neighbourhood.' },
];

/** A code for the next version of a question: `veilig_avond` → `veilig_avond_2` → `veilig_avond_3`. */
export function nextCode(code: string, taken: ReadonlySet<string>): string {
  const match = /^(.*?)_(\d+)$/.exec(code);
  const base = (match ? match[1]! : code).slice(0, 26);
  for (let n = match ? Number(match[2]) + 1 : 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A period's year: the year of its last day (the year its figures are for). */
export function periodYear(endsOn: string): number {
  return Number(endsOn.slice(0, 4));
}

// ---- postal codes and letter codes ------------------------------------------------------------

/** Dutch postal code "1234 AB" → "1234AB"; null when it is not one. */
export function normalisePostalCode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return /^[1-9]\d{3}[A-Z]{2}$/.test(compact) && !/^\d{4}(SA|SD|SS)$/.test(compact) ? compact : null;
}

export const formatPostalCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/** Letters and digits that are not confused on paper (no 0/O, 1/I/L). */
export const LETTER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LETTER_CODE_LENGTH = 8;

/** "abcd-efgh", "ABCDEFGH" → "ABCDEFGH"; null when it cannot be a letter code. */
export function normaliseLetterCode(raw: string): string | null {
  const compact = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (compact.length !== LETTER_CODE_LENGTH) return null;
  for (const ch of compact) if (!LETTER_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

export const formatLetterCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

// ---- results ------------------------------------------------------------------------------------

export interface Distribution {
  /** counts[0] = "weet niet", counts[1..5] the scale. */
  counts: [number, number, number, number, number, number];
}

export interface QuestionResult {
  /** Everyone who answered the question, "weet niet" included. */
  answered: number;
  dontKnow: number;
  /** Those with an opinion (1–5): the base of the score and the mean. */
  withOpinion: number;
  counts: Distribution['counts'];
  /** % of those with an opinion who answered 4 or 5; null without any opinion. */
  positiveShare: number | null;
  /** % of those with an opinion who answered 1 or 2. */
  negativeShare: number | null;
  /** The mean on 1–5 scaled to 0–10. */
  score10: number | null;
}

export function questionResult(values: readonly number[]): QuestionResult {
  const counts: QuestionResult['counts'] = [0, 0, 0, 0, 0, 0];
  for (const v of values) if (Number.isInteger(v) && v >= 0 && v <= 5) counts[v] = counts[v]! + 1;
  const withOpinion = counts[1] + counts[2] + counts[3] + counts[4] + counts[5];
  const sum = counts[1] * 1 + counts[2] * 2 + counts[3] * 3 + counts[4] * 4 + counts[5] * 5;
  return {
    answered: withOpinion + counts[0], dontKnow: counts[0], withOpinion, counts,
    positiveShare: withOpinion ? (100 * (counts[4] + counts[5])) / withOpinion : null,
    negativeShare: withOpinion ? (100 * (counts[1] + counts[2])) / withOpinion : null,
    score10: withOpinion ? ((sum / withOpinion - 1) * 10) / 4 : null,
  };
}

/** Shown, or how many responses are still needed: partial numbers never leave the model. */
export type Visibility = { shown: true } | { shown: false; needed: number };

export function visibility(responses: number, minimum: number): Visibility {
  return responses >= minimum ? { shown: true } : { shown: false, needed: minimum - responses };
}

export interface AgeRow {
  group: AgeGroup;
  responses: number;
  /** % of responses that gave an age group. */
  responseShare: number | null;
  residents: number | null;
  /** % of residents aged 15 and over. */
  residentShare: number | null;
  /** Responses share below this fraction of the residents' share: the group is under-represented. */
  underRepresented: boolean;
}

/** A group is under-represented when its share of responses is below 3/4 of its share of residents. */
export const UNDER_REPRESENTED_RATIO = 0.75;

export function ageComparison(responses: Readonly<Partial<Record<AgeGroup, number>>>, residents: Readonly<Partial<Record<AgeGroup, number | null>>> | null): AgeRow[] {
  const totalResponses = AGE_GROUPS.reduce((s, g) => s + (responses[g] ?? 0), 0);
  const knownResidents = residents && AGE_GROUPS.every((g) => typeof residents[g] === 'number');
  const totalResidents = knownResidents ? AGE_GROUPS.reduce((s, g) => s + (residents![g] as number), 0) : 0;
  return AGE_GROUPS.map((group) => {
    const count = responses[group] ?? 0;
    const responseShare = totalResponses ? (100 * count) / totalResponses : null;
    const people = residents?.[group] ?? null;
    const residentShare = knownResidents && totalResidents > 0 ? (100 * (people as number)) / totalResidents : null;
    return {
      group, responses: count, responseShare, residents: people, residentShare,
      underRepresented: responseShare !== null && residentShare !== null && responseShare < residentShare * UNDER_REPRESENTED_RATIO,
    };
  });
}
