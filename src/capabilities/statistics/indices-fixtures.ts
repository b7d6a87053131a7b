/** Test fixtures of the indices: the vitality index reduced to two figures, as the edit form sends it (base year 2024). */
export const twoThemes = (overrides: Record<string, unknown> = {}) => ({
  id: 'vitaliteit', kind: 'vitality', nameNl: 'Vitaliteit', nameEn: 'Vitality', baseYear: '2024', bands: ['80', '90', '110', '120'],
  themes: [
    { nameNl: 'Werk', nameEn: 'Work', weight: '1', indicators: [{ id: 'p_arb_pp', part: 'objective', direction: 'auto', weight: '1' }] },
    { nameNl: 'Inkomen', nameEn: 'Income', weight: '1', indicators: [{ id: 'p_hh_osm', part: 'objective', direction: 'auto', weight: '1' }] },
  ],
  ...overrides,
});
