import { expect, it } from 'vitest';
import { versionMessages as m } from './messages.js';

it('has the same keys and placeholders in Dutch and English', () => {
  expect(Object.keys(m.nl).sort()).toEqual(Object.keys(m.en).sort());
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
  for (const k of Object.keys(m.nl)) expect([k, placeholders(m.en[k]!)]).toEqual([k, placeholders(m.nl[k]!)]);
});
