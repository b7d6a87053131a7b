import { describe, expect, it } from 'vitest';
import { CBS_VARIABLES, columnMeaning, DERIVED_INDICATORS, NATIONAL_INDICATORS, STRUCTURAL_COLUMNS } from './catalogue.js';
import {
  detectDecimalSeparator, evaluateIndicator, findCycle, known, parseCell, parseJsonCell, regionKindOf, unknownValue, yearFromFileName, yearFromPeriod,
  type Indicator, type StatValue,
} from './model.js';

describe('parsing cells', () => {
  it('keeps missing, secret and not-applicable values unknown, never zero', () => {
    expect(parseCell('       .', '.')).toEqual({ ok: true, value: unknownValue('missing') });
    expect(parseCell('', ',')).toEqual({ ok: true, value: unknownValue('missing') });
    expect(parseCell('x', '.')).toEqual({ ok: true, value: unknownValue('secret') });
    expect(parseCell('-99997', ',')).toEqual({ ok: true, value: unknownValue('secret') });
    expect(parseCell(' -99995 ', '.')).toEqual({ ok: true, value: unknownValue('not-applicable') });
    expect(parseJsonCell(null)).toEqual({ ok: true, value: unknownValue('missing') });
    expect(parseJsonCell(-99997)).toEqual({ ok: true, value: unknownValue('secret') });
  });

  it('reads numbers with the decimal separator of the file, and refuses the other one', () => {
    expect(parseCell('2.13', '.')).toEqual({ ok: true, value: known(2.13) });
    expect(parseCell('2,13', ',')).toEqual({ ok: true, value: known(2.13) });
    expect(parseCell('-4', ',')).toEqual({ ok: true, value: known(-4) });
    expect(parseCell('0', '.')).toEqual({ ok: true, value: known(0) });
    expect(parseCell('2,13', '.')).toMatchObject({ ok: false, reason: expect.stringContaining('decimal comma') });
    expect(parseCell('2.13', ',')).toMatchObject({ ok: false, reason: expect.stringContaining('decimal point') });
    expect(parseCell('1.234.567', '.')).toMatchObject({ ok: false });
    expect(parseCell('veel', '.')).toEqual({ ok: false, reason: 'is not a number' });
    expect(parseJsonCell(true)).toMatchObject({ ok: false });
    expect(parseJsonCell(' 12.5 ')).toEqual({ ok: true, value: known(12.5) });
  });

  it('detects the decimal separator of a file from its first decimal value', () => {
    expect(detectDecimalSeparator(['12', '.', '2,13', '7'])).toBe(',');
    expect(detectDecimalSeparator(['12', '       .', '2.13'])).toBe('.');
    expect(detectDecimalSeparator(['12', '13'])).toBe('.');
  });
});

describe('years and kinds', () => {
  it('finds the year in a file name, a StatLine period, and nowhere else', () => {
    expect(yearFromFileName('data/kwb-2023.xlsx')).toBe(2023);
    expect(yearFromFileName('85618NED.json')).toBeNull();
    expect(yearFromFileName('kwb-2022-2023.csv')).toBeNull();
    expect(yearFromPeriod('2023JJ00  ')).toBe(2023);
    expect(yearFromPeriod('2023KW01')).toBeNull();
    expect(regionKindOf('Buurt     ')).toBe('neighbourhood');
    expect(regionKindOf('Land')).toBe('country');
    expect(regionKindOf('Provincie')).toBeNull();
  });
});

describe('the catalogue', () => {
  it('maps kwb names and StatLine names (whatever their suffix) onto one variable', () => {
    expect(columnMeaning('a_inw')).toEqual({ kind: 'variable', id: 'a_inw' });
    expect(columnMeaning('A_00_14')).toEqual({ kind: 'variable', id: 'a_00_14' });
    expect(columnMeaning('AantalInwoners_5')).toEqual({ kind: 'variable', id: 'a_inw' });
    expect(columnMeaning('k_0Tot15Jaar_8')).toEqual({ kind: 'variable', id: 'a_00_14' });
    expect(columnMeaning('GemiddeldeWOZWaardeVanWoningen_39')).toEqual({ kind: 'variable', id: 'g_wozbag' });
    expect(columnMeaning('InBezitWoningcorporatie_43')).toEqual({ kind: 'variable', id: 'p_wcorpw' });
    expect(columnMeaning('Codering_3')).toEqual({ kind: 'structural' });
    expect(columnMeaning('gwb_code_10')).toEqual({ kind: 'structural' });
    expect(columnMeaning('Nederland_17')).toEqual({ kind: 'unknown' });
    // Names of other years: StatLine's per year, and the kwb file's where CBS renamed a column.
    const names: Array<[string, string]> = [
      ['Ongehuwd_13', 'a_ongeh'], ['HuishoudensTot110VanSociaalMinimum_77', 'p_hh_110'], ['HboWo_69', 'a_opl_hg'], ['OpleidingsniveauHoog_66', 'a_opl_hg'],
      ['a_opl_hw', 'a_opl_hg'], ['p_won_m_ag ', 'p_won_m'], ['p_1gezw_hvw', 'p_1gezw_vw'], ['GIHandelEnHoreca_103', 'a_bed_gi'], ['g_gas_hu', 'g_gas_hu'],
    ];
    for (const [column, id] of names) expect(columnMeaning(column), column).toEqual({ kind: 'variable', id });
    // StatLine names electricity and gas per kind of dwelling alike: those are known by their kwb name only.
    expect(columnMeaning('Huurwoning_53')).toEqual({ kind: 'unknown' });
  });

  it('gives every column name one meaning, so no CBS file holds a variable twice', () => {
    const owner = new Map<string, string>();
    for (const v of CBS_VARIABLES) {
      for (const name of [v.id, ...v.aliases].map((n) => n.toLowerCase())) {
        expect(owner.get(name) ?? v.id, `${name} is a name of ${owner.get(name)} and of ${v.id}`).toBe(v.id);
        expect(STRUCTURAL_COLUMNS.has(name), name).toBe(false);
        owner.set(name, v.id);
      }
      for (const alias of v.aliases) expect(alias, 'StatLine names are matched without their numeric suffix').not.toMatch(/_\d+$/);
    }
    expect(CBS_VARIABLES.length).toBeGreaterThanOrEqual(100);
  });

  it('calls sizes and structure neutral: shares of residents by marital status, origin and education, businesses by sector, cars', () => {
    const polarity = (id: string) => CBS_VARIABLES.find((v) => v.id === id)?.polarity;
    for (const id of ['a_ongeh', 'a_gehuwd', 'a_gesch', 'a_verwed', 'a_w_all', 'a_nw_all', 'a_marok', 'a_antaru', 'a_suri', 'a_tur', 'a_ov_nw', 'a_opl_lg', 'a_opl_hg', 'a_bed_gi', 'a_pau', 'p_bewndw']) {
      expect(polarity(id), id).toBe('neutral');
    }
    for (const id of ['p_hh_lkk', 'p_hh_110', 'p_hh_120', 'p_ink_ar', 'p_ink_ba']) expect(polarity(id), id).toBe('vulnerability');
  });

  it('has unique ids, Dutch and English texts, and derived indicators whose inputs exist', () => {
    const ids = NATIONAL_INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(CBS_VARIABLES.length + DERIVED_INDICATORS.length);
    for (const i of NATIONAL_INDICATORS) for (const text of [i.labelNl, i.labelEn, i.definitionNl, i.definitionEn]) expect(text.length, i.id).toBeGreaterThan(2);
    const byId = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]));
    expect(findCycle(byId)).toBeNull();
    for (const d of DERIVED_INDICATORS) {
      const inputs = Object.values(d.derivation).filter((v): v is string => typeof v === 'string' && v !== d.derivation.kind);
      for (const input of inputs) expect(byId.has(input), `${d.id} → ${input}`).toBe(true);
    }
  });
});

describe('derived indicators', () => {
  const catalogue = new Map<string, Pick<Indicator, 'derivation'>>(NATIONAL_INDICATORS.map((i) => [i.id, i]));
  const data: Record<string, StatValue> = {
    'a_inw|2023': known(2000), 'a_inw|2022': known(1600), 'a_00_14|2023': known(500), 'a_soz_wb|2023': known(30),
    'a_65_oo|2023': unknownValue('secret'), 'a_hh|2023': known(0), 'a_1p_hh|2023': known(0),
    'a_woning|2023': known(900), 'a_woning|2018': known(850), 'g_wozbag|2023': known(300),
  };
  const lookup = (variable: string, year: number) => data[`${variable}|${year}`] ?? unknownValue('missing');
  const value = (id: string) => evaluateIndicator(id, 2023, catalogue, lookup);

  it('computes shares, per 1,000 and change over years', () => {
    expect(value('s_00_14')).toEqual(known(25));
    expect(value('r_soz_wb')).toEqual(known(15));
    expect(value('c_inw_1')).toEqual(known(25));
    expect(value('c_woning_5')).toEqual(known(50));
    expect(value('a_inw')).toEqual(known(2000));
  });

  it('stays unknown when an input is unknown, keeping the reason', () => {
    expect(value('s_65_oo')).toEqual(unknownValue('secret'));
    expect(value('s_1p_hh')).toEqual(unknownValue('not-applicable'));
    expect(value('c_wozbag_5')).toEqual(unknownValue('missing'));
    expect(value('r_bedv')).toEqual(unknownValue('missing'));
  });

  it('finds a cycle among derived indicators', () => {
    const cyclic = new Map<string, Pick<Indicator, 'id' | 'derivation'>>([
      ['a', { id: 'a', derivation: { kind: 'share', part: 'b', whole: 'a_inw' } }],
      ['b', { id: 'b', derivation: { kind: 'per1000', count: 'a', base: 'a_inw' } }],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'a']);
  });
});
