/**
 * Composite indices in the manner of Rotterdam's Wijkprofiel: pure types, the shipped
 * definitions, checks and the scoring (no I/O).
 *
 * An index is made of themes; a theme of indicators from the statistics catalogue, each either
 * objective (registrations, e.g. CBS key figures) or subjective (the resident survey,
 * `bm_<question>`). The formula, per index, neighbourhood a and year y:
 *
 *   reference  for each indicator i: the mean μᵢ and the standard deviation σᵢ (population sd,
 *              divided by n) of its known values over the municipality's neighbourhoods in the
 *              base year. Fewer than 2 known values or σᵢ = 0: the indicator has no reference
 *              and is left out of the index (and reported so).
 *   direction  dᵢ = +1 when a higher value raises the index, −1 when it lowers it. "auto" takes it
 *              from the indicator's polarity: in a vulnerability index a vulnerability counts +1
 *              and a strength −1; in a vitality or custom index the other way round. A neutral
 *              indicator on "auto" counts +1 (choose the direction when adding one).
 *   indicator  sᵢ(a, y) = clamp(100 + 10 · dᵢ · (xᵢ(a, y) − μᵢ) / σᵢ, 50, 150);
 *              unknown when xᵢ(a, y) is unknown (never zero).
 *   theme      T = Σ wᵢ·sᵢ / Σ wᵢ over its known indicators (wᵢ the indicator weights), when at
 *              least half (rounded up, at least one) of its indicators with a reference are known;
 *              otherwise unknown.
 *   index      I = Σ W_T·T / Σ W_T over the known themes (W_T the theme weights), when at least
 *              half (rounded up) of the themes that have indicators with a reference are known.
 *   parts      the objective and the subjective part: the same two steps with only the objective
 *              (or only the subjective) indicators of every theme.
 *
 * So in the base year the municipality's neighbourhoods average 100 on every indicator (before
 * clamping), and ten points are one standard deviation. Scores are rounded to one decimal when
 * reported; the band is that of the rounded index score. Bands are four limits in (50, 150),
 * ascending: a score at or below the first limit is band 0 ("ver onder gemiddelde"), … above the
 * last limit band 4 ("ver boven gemiddelde"), as the choropleth classes values. Unlike Rotterdam,
 * a theme does not average its objective and subjective halves: every indicator counts with its
 * weight (give the subjective ones more weight to get Rotterdam's split).
 */
import type { Indicator, Polarity } from './model.js';

export const INDEX_KINDS = ['vitality', 'vulnerability', 'custom'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];
export const INDEX_PARTS = ['objective', 'subjective'] as const;
export type IndexPart = (typeof INDEX_PARTS)[number];
export const DIRECTIONS = ['auto', 'positive', 'negative'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SCORE_CENTRE = 100;
export const SCORE_PER_SD = 10;
export const SCORE_MIN = 50;
export const SCORE_MAX = 150;
export const MIN_KNOWN_SHARE = 0.5;
export const BAND_COUNT = 5;
export const DEFAULT_BANDS: readonly number[] = [80, 90, 110, 120];
export const MAX_WEIGHT = 100;

export interface IndexIndicator {
  id: string;
  part: IndexPart;
  direction: Direction;
  weight: number;
}

export interface IndexTheme {
  nameNl: string;
  nameEn: string;
  weight: number;
  indicators: IndexIndicator[];
}

export interface IndexDefinition {
  /** Stable within the municipality: "vitaliteit", "kwetsbaarheid". */
  id: string;
  nameNl: string;
  nameEn: string;
  kind: IndexKind;
  /** Null: the latest year with figures (until the municipality fixes one). */
  baseYear: number | null;
  themes: IndexTheme[];
  /** Four ascending limits between the five bands. */
  bands: number[];
}

// ---- shipped definitions --------------------------------------------------------------------

const obj = (id: string, direction: Direction = 'auto', weight = 1): IndexIndicator => ({ id, part: 'objective', direction, weight });
const subj = (code: string, direction: Direction = 'auto', weight = 1): IndexIndicator => ({ id: `bm_${code}`, part: 'subjective', direction, weight });

/**
 * Looks for strength first: social cohesion and involvement, places to meet and amenities
 * nearby, the living environment, economic vitality. The subjective indicators are the survey's
 * shipped questions (`bm_<code>`, src/capabilities/survey/model.ts); until a municipality
 * publishes a survey round they are not in its catalogue and are left out (a theme made only of
 * them is then shown as "not available").
 */
export const VITALITY_INDEX: IndexDefinition = {
  id: 'vitaliteit', nameNl: 'Vitaliteitsindex', nameEn: 'Vitality index', kind: 'vitality', baseYear: null, bands: [...DEFAULT_BANDS],
  themes: [
    { nameNl: 'Samenhang en betrokkenheid', nameEn: 'Social cohesion and involvement', weight: 1,
      indicators: [subj('contact_buren'), subj('elkaar_helpen'), subj('betrokken'), subj('vertrouwen_gemeente')] },
    { nameNl: 'Voorzieningen en ontmoeten', nameEn: 'Amenities and meeting places', weight: 1,
      indicators: [obj('g_3km_sc'), obj('g_afs_hp'), obj('g_afs_gs'), obj('g_afs_kv'), subj('voorzieningen')] },
    { nameNl: 'Wonen en woonomgeving', nameEn: 'Housing and living environment', weight: 1,
      indicators: [obj('p_leegsw'), obj('g_vernoo'), obj('g_gewsek'), subj('leefbaarheid'), subj('blijven_wonen'), subj('veilig_avond')] },
    { nameNl: 'Economische vitaliteit', nameEn: 'Economic vitality', weight: 1,
      indicators: [obj('p_arb_pp'), obj('r_bedv'), obj('g_hh_sti', 'positive')] },
  ],
};

/**
 * Where support is needed most: low incomes, benefits and work, households and care, safety.
 * Single-parent households and people of 75 or over living alone are not in the CBS key figures
 * of the catalogue; a municipality adds them as its own indicators and to this index.
 */
export const VULNERABILITY_INDEX: IndexDefinition = {
  id: 'kwetsbaarheid', nameNl: 'Kwetsbaarheidsindex', nameEn: 'Vulnerability index', kind: 'vulnerability', baseYear: null, bands: [...DEFAULT_BANDS],
  themes: [
    { nameNl: 'Laag inkomen', nameEn: 'Low income', weight: 1, indicators: [obj('p_hh_osm'), obj('p_hh_li'), obj('p_ink_li')] },
    { nameNl: 'Uitkering en werk', nameEn: 'Benefits and work', weight: 1, indicators: [obj('r_soz_wb'), obj('p_arb_pp')] },
    { nameNl: 'Huishoudens en zorg', nameEn: 'Households and care', weight: 1,
      indicators: [obj('s_1p_hh', 'positive'), obj('p_jz_tn'), obj('p_wmo_t')] },
    { nameNl: 'Veiligheid', nameEn: 'Safety', weight: 1,
      indicators: [obj('g_gewsek'), obj('g_vernoo'), obj('g_wodief'), subj('veilig_avond')] },
  ],
};

export const SHIPPED_INDICES: readonly IndexDefinition[] = [VITALITY_INDEX, VULNERABILITY_INDEX];

// ---- checks -----------------------------------------------------------------------------------

export interface IndexIssue {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What zod cannot see: indicators that are not in the municipality's catalogue, an indicator
 * twice in one index, themes without indicators, band limits out of order. Field names follow the
 * form (`themes.0.indicators.1.id`).
 */
export function checkIndexDefinition(definition: IndexDefinition, catalogue: ReadonlySet<string>): IndexIssue[] {
  const issues: IndexIssue[] = [];
  if (definition.themes.length === 0) issues.push({ field: 'themes', key: 'indices.noThemes' });
  const seen = new Set<string>();
  definition.themes.forEach((theme, t) => {
    if (theme.indicators.length === 0) issues.push({ field: `themes.${t}.indicators`, key: 'indices.noIndicators' });
    theme.indicators.forEach((indicator, i) => {
      const field = `themes.${t}.indicators.${i}.id`;
      if (!catalogue.has(indicator.id)) issues.push({ field, key: 'indices.unknownIndicator', params: { id: indicator.id } });
      else if (seen.has(indicator.id)) issues.push({ field, key: 'indices.duplicateIndicator', params: { id: indicator.id } });
      seen.add(indicator.id);
    });
  });
  if (definition.bands.length !== BAND_COUNT - 1) issues.push({ field: 'bands', key: 'indices.bandsCount' });
  definition.bands.forEach((limit, b) => {
    const previous = b === 0 ? SCORE_MIN : definition.bands[b - 1]!;
    if (!(limit > previous && limit < SCORE_MAX)) issues.push({ field: `bands.${b}`, key: 'indices.bandOrder', params: { min: previous, max: SCORE_MAX } });
  });
  return issues;
}

// ---- scoring ----------------------------------------------------------------------------------

export function signOf(direction: Direction, kind: IndexKind, polarity: Polarity): 1 | -1 {
  if (direction === 'positive') return 1;
  if (direction === 'negative') return -1;
  if (polarity === 'neutral') return 1;
  const counts = kind === 'vulnerability' ? 'vulnerability' : 'strength';
  return polarity === counts ? 1 : -1;
}

export interface Reference {
  mean: number;
  sd: number;
  known: number;
}

/** Mean and population standard deviation of the known values; null below two values or without spread. */
export function referenceOf(values: ReadonlyArray<number | null>): Reference | null {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length < 2) return null;
  const mean = known.reduce((s, v) => s + v, 0) / known.length;
  const variance = known.reduce((s, v) => s + (v - mean) ** 2, 0) / known.length;
  const sd = Math.sqrt(variance);
  return sd > 1e-12 * Math.max(1, Math.abs(mean)) ? { mean, sd, known: known.length } : null;
}

export function indicatorScore(value: number, reference: Reference, sign: 1 | -1): number {
  const score = SCORE_CENTRE + SCORE_PER_SD * sign * ((value - reference.mean) / reference.sd);
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, score));
}

/** The band of a score (0 … 4): at or below the first limit is 0, above the last limit 4. */
export function bandOf(score: number | null, bands: readonly number[]): number | null {
  if (score === null) return null;
  const band = bands.findIndex((limit) => score <= limit);
  return band === -1 ? bands.length : band;
}

export const round1 = (v: number) => Math.round(v * 10) / 10;

export interface IndicatorReference {
  id: string;
  theme: number;
  part: IndexPart;
  weight: number;
  /** In the municipality's catalogue. */
  available: boolean;
  /** +1: a higher value raises the index. */
  sign: 1 | -1;
  reference: Reference | null;
}

export interface PartScore {
  /** Rounded to one decimal; null when unknown. */
  score: number | null;
  /** Known indicators and indicators with a reference (themes: within the theme; index: over all themes). */
  known: number;
  of: number;
}

export interface ThemeScore extends PartScore {
  objective: PartScore;
  subjective: PartScore;
}

export interface AreaIndexScore extends PartScore {
  areaCode: string;
  band: number | null;
  objective: PartScore;
  subjective: PartScore;
  themes: ThemeScore[];
  /** Per indicator (in definition order): its value and score, null when unknown or without reference. */
  indicators: Array<{ id: string; value: number | null; score: number | null }>;
}

export interface IndexScores {
  references: IndicatorReference[];
  /** Indicator ids of the definition that are not in the catalogue (a survey not yet published). */
  unavailable: string[];
  areas: AreaIndexScore[];
}

/** Values of one area (or of all areas in the base year): indicator id → value, absent or null when unknown. */
export type AreaValues = ReadonlyMap<string, number | null>;

const neededKnown = (of: number) => Math.max(1, Math.ceil(of * MIN_KNOWN_SHARE));

function weightedMean(items: ReadonlyArray<{ value: number; weight: number }>): number {
  let sum = 0;
  let weights = 0;
  for (const { value, weight } of items) { sum += value * weight; weights += weight; }
  return sum / weights;
}

interface RawPart { score: number | null; known: number; of: number }

/**
 * Scores every area of `areas` on one index, against the base-year values of the municipality's
 * neighbourhoods in `base`. `catalogue` holds the indicators the municipality has (polarity for
 * "auto"). Areas come out in code order; the arithmetic runs in definition order, so the result is
 * deterministic.
 */
export function scoreIndex(
  definition: IndexDefinition,
  catalogue: ReadonlyMap<string, Pick<Indicator, 'polarity'>>,
  base: ReadonlyMap<string, AreaValues>,
  areas: ReadonlyMap<string, AreaValues>,
): IndexScores {
  const references: IndicatorReference[] = [];
  definition.themes.forEach((theme, t) => {
    for (const indicator of theme.indicators) {
      const known = catalogue.get(indicator.id);
      references.push({
        id: indicator.id, theme: t, part: indicator.part, weight: indicator.weight, available: known !== undefined,
        sign: signOf(indicator.direction, definition.kind, known?.polarity ?? 'neutral'),
        reference: known ? referenceOf([...base.values()].map((values) => values.get(indicator.id) ?? null)) : null,
      });
    }
  });
  const unavailable = references.filter((r) => !r.available).map((r) => r.id);

  const scoreArea = (areaCode: string, values: AreaValues): AreaIndexScore => {
    const indicatorScores = references.map((r) => {
      const value = values.get(r.id) ?? null;
      return { ref: r, value, score: value !== null && r.reference ? indicatorScore(value, r.reference, r.sign) : null };
    });
    const themePart = (t: number, part: IndexPart | null): RawPart => {
      const scorable = indicatorScores.filter((s) => s.ref.theme === t && s.ref.reference && (part === null || s.ref.part === part));
      const known = scorable.filter((s) => s.score !== null);
      const score = scorable.length > 0 && known.length >= neededKnown(scorable.length)
        ? weightedMean(known.map((s) => ({ value: s.score!, weight: s.ref.weight }))) : null;
      return { score, known: known.length, of: scorable.length };
    };
    const indexPart = (part: IndexPart | null): RawPart => {
      const themes = definition.themes.map((theme, t) => ({ theme, raw: themePart(t, part) })).filter((x) => x.raw.of > 0);
      const known = themes.filter((x) => x.raw.score !== null);
      const score = themes.length > 0 && known.length >= neededKnown(themes.length)
        ? weightedMean(known.map((x) => ({ value: x.raw.score!, weight: x.theme.weight }))) : null;
      return { score, known: themes.reduce((s, x) => s + x.raw.known, 0), of: themes.reduce((s, x) => s + x.raw.of, 0) };
    };
    const out = (raw: RawPart): PartScore => ({ score: raw.score === null ? null : round1(raw.score), known: raw.known, of: raw.of });
    const total = out(indexPart(null));
    return {
      areaCode, ...total, band: bandOf(total.score, definition.bands),
      objective: out(indexPart('objective')), subjective: out(indexPart('subjective')),
      themes: definition.themes.map((_, t) => ({ ...out(themePart(t, null)), objective: out(themePart(t, 'objective')), subjective: out(themePart(t, 'subjective')) })),
      indicators: indicatorScores.map((s) => ({ id: s.ref.id, value: s.value, score: s.score === null ? null : round1(s.score) })),
    };
  };

  const codes = [...areas.keys()].sort();
  return { references, unavailable, areas: codes.map((code) => scoreArea(code, areas.get(code)!)) };
}

/** Every indicator id a definition uses, in definition order without repeats. */
export function indicatorsOfIndex(definition: IndexDefinition): string[] {
  return [...new Set(definition.themes.flatMap((t) => t.indicators.map((i) => i.id)))];
}
