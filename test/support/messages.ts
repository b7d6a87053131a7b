import { expect } from 'vitest';
import type { Catalogue } from '../../src/platform/i18n/index.js';

/** The placeholders (`{name}`) of a message, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();
}

/** A message catalogue has the same keys in Dutch and English, and every key the same placeholders in both. */
export function expectSameKeysAndPlaceholders(m: Pick<Catalogue, 'nl' | 'en'>): void {
  expect(Object.keys(m.nl).sort()).toEqual(Object.keys(m.en).sort());
  for (const key of Object.keys(m.nl)) expect([key, placeholdersOf(m.en[key]!)]).toEqual([key, placeholdersOf(m.nl[key]!)]);
}
