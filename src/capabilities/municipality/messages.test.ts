import { it, expect } from 'vitest';
import { municipalityMessages as m } from './messages.js';
it('same keys and placeholders', () => {
  expect(Object.keys(m.nl).sort()).toEqual(Object.keys(m.en).sort());
  const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
  for (const k of Object.keys(m.nl)) expect([k, ph(m.en[k]!)]).toEqual([k, ph(m.nl[k]!)]);
});
