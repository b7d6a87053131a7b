import type { Context } from '../platform/context.js';
import { CBS_SOURCE, importStatistics, listStatisticImports } from '../capabilities/statistics/index.js';
import { voorbeeldstadBoundaries } from './areas.js';
import { seededRandom } from './random.js';

/**
 * Believable, deterministic key figures for Voorbeeldstad, 2020–2025: every neighbourhood, district,
 * the municipality and the Netherlands, in the shape of CBS "Kerncijfers wijken en buurten", with
 * a few figures kept secret as CBS does for small numbers. Written through the real import use case
 * as the installation's national CBS data (the system actor, a long-format file made here), so the
 * demo runs the import, the derived indicators and the comparisons computed at import.
 *
 * National data is shared. The figures only concern the fictional GM9999 (and NL00), and a year
 * for which real national figures were ever imported is left alone: the demo never replaces real
 * data, and a real import of a year replaces the demo's figures of that year.
 *
 * Each neighbourhood has a character (how urban, how old, how well-off, how many families) from a
 * seeded random generator; its figures follow from it, with a little change every year. Ranks are
 * among Voorbeeldstad's own neighbourhoods only, because the national data holds no others.
 */
export const DEMO_STATISTICS_FILE = 'voorbeeldstad-kerncijfers-2020-2025.csv';
export const DEMO_STATISTICS_YEARS = [2020, 2021, 2022, 2023, 2024, 2025] as const;

interface Character { urban: number; old: number; wealth: number; families: number; size: number }

type Figures = Record<string, number | 'x'>;

function characterOf(code: string): Character {
  const random = seededRandom([...code].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 7));
  const centre = code.startsWith('BU999901');
  const urban = Math.min(1, (centre ? 0.65 : 0.15) + random.between(0, 0.35));
  const old = random.between(0, 1);
  return { urban, old, wealth: random.between(0, 1), families: Math.max(0, random.between(0, 1) - urban / 2) * (1 - old / 2), size: random.between(900, 5200) };
}

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Figures that add up over areas (a district's is the sum of its neighbourhoods'); the rest are averaged by residents. */
const COUNTS: ReadonlySet<string> = new Set([
  'a_inw', 'a_man', 'a_vrouw', 'a_00_14', 'a_15_24', 'a_25_44', 'a_45_64', 'a_65_oo', 'a_ongeh', 'a_gehuwd', 'a_gesch', 'a_verwed', 'a_geb', 'a_ste',
  'a_hh', 'a_1p_hh', 'a_hh_m_k', 'a_woning', 'a_nb_won', 'a_opl_lg', 'a_opl_md', 'a_opl_hg', 'a_arb_wz',
  'a_bedv', 'a_bed_a', 'a_bed_bf', 'a_bed_gi', 'a_bed_hj', 'a_bed_kl', 'a_bed_mn', 'a_bed_oq', 'a_bed_ru', 'a_soz_wb', 'a_pau', 'a_bst_b', 'a_bst_nb', 'a_m2w',
]);

/** The first year CBS publishes a figure; the demo has none before it. */
const FIRST_YEAR: Readonly<Record<string, number>> = { p_ink_ar: 2024, p_ink_ba: 2024 };

/** Splits a whole into parts by shares; the last part takes what rounding leaves, so the parts add up. */
function split(whole: number, shares: Readonly<Record<string, number>>): Record<string, number> {
  const keys = Object.keys(shares);
  const out: Record<string, number> = {};
  let left = whole;
  for (const key of keys.slice(0, -1)) { out[key] = Math.round(whole * shares[key]!); left -= out[key]; }
  out[keys[keys.length - 1]!] = left;
  return out;
}

/**
 * The figures of one neighbourhood in one year; `t` counts the years since 2020. `more` varies the
 * figures added later to the demo, so the earlier ones stay what they were.
 */
function neighbourhoodFigures(c: Character, t: number, random: ReturnType<typeof seededRandom>, more: ReturnType<typeof seededRandom>): Figures {
  const wiggle = (spread: number) => random.between(-spread, spread);
  const residents = Math.round(c.size * (1 + 0.008 * t * (1 + c.families)) + wiggle(15));
  const children = 0.08 + 0.17 * c.families + wiggle(0.01);
  const elderly = 0.1 + 0.25 * c.old * (1 - c.families / 2) + 0.004 * t;
  const young = 0.08 + 0.12 * c.urban + wiggle(0.01);
  const adults = 0.2 + 0.15 * c.urban + 0.1 * c.families;
  const middle = 1 - children - elderly - young - adults;
  const householdSize = round(1.55 + 1.1 * c.families - 0.2 * c.urban + wiggle(0.03), 2);
  const households = Math.round(residents / householdSize);
  const owners = round(15 + 60 * c.wealth * (0.6 + c.families / 2) * (1 - c.urban / 3) + wiggle(2), 1);
  const corporation = round((100 - owners) * (0.75 - 0.35 * c.wealth), 1);
  const income = round(24 + 26 * c.wealth + 1.1 * t + wiggle(0.6), 1);
  const benefits = Math.round((residents * (8 + 45 * (1 - c.wealth) * (0.5 + c.urban / 2))) / 1000);
  const first: Figures = {
    a_inw: residents, a_man: Math.round(residents * 0.49), a_vrouw: residents - Math.round(residents * 0.49),
    a_00_14: Math.round(residents * children), a_15_24: Math.round(residents * young), a_25_44: Math.round(residents * adults),
    a_45_64: Math.round(residents * middle), a_65_oo: Math.round(residents * elderly),
    bev_dich: Math.round(1800 + 9500 * c.urban + wiggle(150)),
    a_hh: households, a_1p_hh: Math.round(households * (0.22 + 0.3 * c.urban + 0.15 * c.old - 0.15 * c.families)),
    a_hh_m_k: Math.round(households * (0.12 + 0.33 * c.families)), g_hhgro: householdSize,
    a_woning: Math.round(households * 1.03 + 4 * t), g_wozbag: Math.round((190 + 330 * c.wealth) * 1.065 ** t),
    p_koopw: owners, p_huurw: round(100 - owners, 1), p_wcorpw: corporation, p_leegsw: round(1.5 + 3 * c.urban + wiggle(0.5), 1),
    p_won_zs: round(8 + 20 * c.families * c.wealth + 4.5 * t + wiggle(1), 1), g_ele: Math.round(2100 + 1200 * c.families - 60 * t + wiggle(40)),
    g_gas: Math.round(800 + 700 * c.families - 40 * t + wiggle(30)),
    p_arb_pp: round(58 + 14 * c.wealth - 6 * c.old + 0.3 * t + wiggle(1.5), 1), a_bedv: Math.round(residents * (0.05 + 0.25 * c.urban) + 2 * t),
    g_ink_pi: round(income * 0.72, 1), g_hh_sti: income, p_ink_li: round(55 - 28 * c.wealth + wiggle(2), 1),
    p_hh_li: round(58 - 30 * c.wealth + wiggle(2), 1), p_hh_osm: round(3 + 11 * (1 - c.wealth) * (0.6 + c.urban / 2) + wiggle(0.5), 1),
    a_soz_wb: benefits, p_jz_tn: round(6 + 7 * (1 - c.wealth) * c.families + wiggle(0.8), 1), p_wmo_t: Math.round(35 + 90 * c.old * (1 - c.wealth / 3) + wiggle(4)),
    g_afs_hp: round(0.4 + 1.1 * (1 - c.urban) + wiggle(0.1), 1), g_afs_gs: round(0.3 + 0.9 * (1 - c.urban) + wiggle(0.1), 1),
    g_afs_sc: round(0.3 + 0.6 * (1 - c.urban) - 0.2 * c.families + wiggle(0.05), 1), g_3km_sc: round(4 + 10 * c.urban + wiggle(1), 1),
    g_pau_hh: round(0.5 + 0.9 * (1 - c.urban) + 0.3 * c.wealth, 1),
  };
  return { ...first, ...laterFigures(c, t, more, first, { children, elderly }) };
}

/** The first figures of the neighbourhood (all numbers yet), and its shares of children and of residents of 65 or over. */
type Shares = { children: number; elderly: number };

/**
 * The rest of the key figures, consistent with the first ones: marital status and the education
 * levels add up to residents, businesses by sector to all businesses, petrol and other cars to all
 * cars, the kinds of single-family houses to their share. Left out on purpose: figures CBS stopped
 * publishing before the demo's latest year (migration background after 2022; occupied dwellings,
 * unknown ownership, building year before or from 2000, the 110% and 120% social minimum and energy
 * per rented or owned dwelling after 2023), and the areas in hectares.
 */
function laterFigures(c: Character, t: number, random: ReturnType<typeof seededRandom>, first: Figures, { children, elderly }: Shares): Figures {
  const figure = (id: string) => first[id] as number;
  const [residents, households, participation] = [figure('a_inw'), figure('a_hh'), figure('p_arb_pp')];
  const wiggle = (spread: number) => random.between(-spread, spread);
  const young = Math.round(residents * children);
  const old = Math.round(residents * elderly);
  const widowed = Math.round(old * (0.2 + 0.06 * c.old));
  const adults = residents - young - widowed;
  const married = Math.round(adults * (0.4 + 0.2 * c.families + 0.08 * c.old - 0.15 * c.urban));
  const divorced = Math.round(adults * (0.07 + 0.04 * c.urban));
  const births = round(5.5 + 7 * c.families + 3 * c.urban * (1 - c.old) + wiggle(0.8), 1);
  const deaths = round(1.5 + 42 * elderly + wiggle(0.6), 1);
  // Residents of 15 to 75: all but the children and the three in four of the over-65s who are under 75.
  const working = residents - young - Math.round(old * 0.45);
  const low = 0.4 - 0.22 * c.wealth + wiggle(0.01);
  const high = 0.16 + 0.34 * c.wealth * (0.7 + 0.3 * c.urban) + wiggle(0.01);
  const selfEmployed = round(10 + 8 * c.wealth + 3 * (1 - c.urban) + wiggle(0.8), 1);
  const businesses = figure('a_bedv');
  const cars = Math.round(households * figure('g_pau_hh'));
  const petrol = Math.round(cars * (0.74 - 0.025 * t));
  const density = figure('bev_dich');
  const multi = Math.min(95, 8 + 80 * c.urban ** 1.3 + wiggle(1));
  const single = 100 - multi;
  const terraced = round(single * (0.48 - 0.15 * c.wealth), 1);
  const corner = round(single * 0.2, 1);
  const semi = round(single * (0.12 + 0.12 * c.wealth), 1);
  const recent = round(3 + 14 * c.families * (1 - c.old) + wiggle(0.6), 1);
  const solar = 8 + 20 * c.families * c.wealth + 4.5 * t;
  const gasFree = round(3 + 9 * c.urban + 1.4 * t + wiggle(0.4), 1);
  const poor = round(1 + 6 * (1 - c.wealth) * (0.6 + c.urban / 2) + wiggle(0.3), 1);
  return {
    ...split(residents, { a_gehuwd: married / residents, a_gesch: divorced / residents, a_verwed: widowed / residents, a_ongeh: 1 }),
    p_geb: births, a_geb: Math.round((residents * births) / 1000), p_ste: deaths, a_ste: Math.round((residents * deaths) / 1000),
    a_nb_won: Math.max(0, Math.round(households * 1.03 * 0.008 * (1 + c.families) + 4 + wiggle(2))),
    p_1gezw: round(single, 1), p_mgezw: round(multi, 1), p_1gezw_tw: terraced, p_1gezw_hw: corner, p_1gezw_2w: semi,
    p_1gezw_vw: round(single - terraced - corner - semi, 1), p_bj_mi10: recent, p_bj_me10: round(100 - recent, 1),
    g_ele_tr: Math.round(solar * 26 + wiggle(15)), p_won_z: gasFree, p_won_m: round(100 - gasFree, 1), p_won_ev: round(gasFree * 0.45, 1),
    ...split(working, { a_opl_lg: low, a_opl_hg: high, a_opl_md: 1 }),
    a_arb_wz: Math.round((working * participation) / 100), p_arb_zs: selfEmployed, p_arb_wn: round(100 - selfEmployed, 1),
    ...split(businesses, {
      a_bed_a: 0.005 + 0.03 * (1 - c.urban), a_bed_bf: 0.08, a_bed_gi: 0.16 + 0.08 * c.urban, a_bed_hj: 0.08 + 0.03 * c.urban,
      a_bed_kl: 0.06, a_bed_mn: 0.22, a_bed_oq: 0.1, a_bed_ru: 1,
    }),
    p_hh_hi: round(8 + 30 * c.wealth + wiggle(1.5), 1),
    ...(t >= 4 ? { p_ink_ar: poor, p_ink_ba: round(poor * 2 + 0.4, 1) } : {}),
    ...split(cars, { a_bst_b: petrol / cars, a_bst_nb: 1 }), a_pau: cars,
    g_pau_km: Math.round((cars * density) / residents), a_m2w: Math.round(cars * (0.06 + 0.05 * (1 - c.urban))),
  };
}

/** A district or the municipality: sums of counts, resident-weighted means of the rest. */
function aggregate(parts: readonly Figures[]): Figures {
  const out: Figures = {};
  const residents = parts.reduce((s, p) => s + (p.a_inw as number), 0);
  for (const key of Object.keys(parts[0]!)) {
    const known = parts.filter((p) => p[key] !== 'x');
    if (COUNTS.has(key)) { out[key] = known.reduce((s, p) => s + (p[key] as number), 0); continue; }
    const weight = known.reduce((s, p) => s + (p.a_inw as number), 0);
    out[key] = round(known.reduce((s, p) => s + (p[key] as number) * (p.a_inw as number), 0) / weight, key === 'g_hhgro' ? 2 : 1);
  }
  out.g_hhgro = round(residents / (out.a_hh as number), 2);
  return out;
}

const NETHERLANDS: Figures = {
  a_inw: 17_590_672, a_00_14: 2_770_000, a_15_24: 2_140_000, a_25_44: 4_440_000, a_45_64: 4_780_000, a_65_oo: 3_460_000, bev_dich: 524,
  a_hh: 8_110_000, a_1p_hh: 3_120_000, a_hh_m_k: 2_620_000, g_hhgro: 2.13, a_woning: 8_050_000, g_wozbag: 318, p_koopw: 57.1, p_huurw: 42.5,
  p_wcorpw: 28.9, p_won_zs: 19.0, p_arb_pp: 67.8, g_hh_sti: 35.4, p_hh_osm: 7.9, p_ink_li: 40.0, p_wmo_t: 70, p_jz_tn: 9.6,
  p_geb: 9.6, p_ste: 9.9, p_1gezw: 64.2, p_mgezw: 35.8, p_1gezw_tw: 26.9, p_1gezw_hw: 11.2, p_1gezw_2w: 12.1, p_1gezw_vw: 14.0,
  p_bj_mi10: 8.0, p_bj_me10: 92.0, g_ele_tr: 790, p_won_z: 9.6, p_won_m: 90.4, p_won_ev: 4.8,
  p_arb_wn: 83.9, p_arb_zs: 16.1, p_hh_hi: 20.0, p_ink_ar: 3.1, p_ink_ba: 6.4, g_pau_hh: 1.1, g_pau_km: 275,
};

/** The demo's year file in the long format: year;area_code;variable;value. */
export function demoStatistics(years: readonly number[] = DEMO_STATISTICS_YEARS): string {
  const lines = ['year;area_code;variable;value'];
  for (const year of years) {
    const t = year - 2020;
    const random = seededRandom(year);
    const more = seededRandom(year * 7919);
    const division = year >= 2025 ? 2025 : 2024;
    const features = (JSON.parse(voorbeeldstadBoundaries(division)) as { features: Array<{ properties: { buurtcode?: string } }> }).features;
    const codes = features.map((f) => f.properties.buurtcode).filter((c): c is string => c !== undefined);
    const byCode = new Map<string, Figures>();
    for (const code of codes) {
      // Before 2025 Stationskwartier and Havenkwartier were one neighbourhood: the figures of the two together.
      const figures = neighbourhoodFigures(characterOf(code), t, random, more);
      if (division === 2024 && code === 'BU99990103') {
        const haven = neighbourhoodFigures(characterOf('BU99990104'), t, random, more);
        for (const key of COUNTS) figures[key] = (figures[key] as number) + (haven[key] as number);
      }
      byCode.set(code, figures);
    }
    // CBS keeps small numbers secret: the newly built Havenkwartier's incomes while it fills up, and youth care in Beekdal.
    const haven = byCode.get('BU99990104');
    if (haven) for (const key of ['g_ink_pi', 'g_hh_sti', 'p_ink_li', 'p_hh_li', 'p_hh_hi', 'p_hh_osm', 'p_ink_ar', 'p_ink_ba']) haven[key] = 'x';
    const beekdal = byCode.get('BU99990302');
    if (beekdal) beekdal.p_jz_tn = 'x';
    const districts = [...new Set(codes.map((c) => `WK${c.slice(2, 8)}`))].sort();
    const rows: Array<[string, Figures]> = [['NL00', { ...NETHERLANDS, a_inw: Math.round((NETHERLANDS.a_inw as number) * 1.006 ** t), g_wozbag: Math.round((NETHERLANDS.g_wozbag as number) * 1.06 ** t) }]];
    rows.push(['GM9999', aggregate([...byCode.values()])]);
    for (const district of districts) rows.push([district, aggregate(codes.filter((c) => c.startsWith(`BU${district.slice(2)}`)).map((c) => byCode.get(c)!))]);
    for (const code of codes) rows.push([code, byCode.get(code)!]);
    for (const [code, figures] of rows) {
      for (const [variable, value] of Object.entries(figures)) if (year >= (FIRST_YEAR[variable] ?? year)) lines.push(`${year};${code};${variable};${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Imports the demo figures as national CBS data, except for years that hold real imported figures. */
export async function seedStatistics(ctx: Context): Promise<void> {
  const national: Context = { ...ctx, tenant: null };
  const real = new Set((await listStatisticImports(ctx.platform.db, null, 10_000))
    .filter((i) => i.fileName !== DEMO_STATISTICS_FILE).flatMap((i) => i.years));
  const years = DEMO_STATISTICS_YEARS.filter((y) => !real.has(y));
  if (years.length === 0) return;
  await importStatistics(national, { name: DEMO_STATISTICS_FILE, bytes: new TextEncoder().encode(demoStatistics(years)) }, { source: CBS_SOURCE });
}
