import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Catalogue } from '../../src/platform/i18n/index.js';

/**
 * A capability's catalogue holds every key its code uses, and only those: keys written out in
 * its sources (the folder and its pages/), plus keys built from a list (`built`), minus names
 * that look like keys but are not messages (its policy actions).
 */
export function expectCatalogueMatchesCode(m: Pick<Catalogue, 'nl'>, dir: string, prefix: string, options: { built: RegExp; notMessages: readonly string[] }): void {
  const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'pages')).map((f) => path.join(dir, 'pages', f))];
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const used = new Set([...sources.matchAll(new RegExp(`'(${prefix.replace('.', '\\.')}\\.[\\w.]+)'`, 'g'))].map((x) => x[1]!));
  for (const key of Object.keys(m.nl)) if (options.built.test(key)) used.add(key);
  for (const name of options.notMessages) used.delete(name);
  expect([...used].filter((k) => !(k in m.nl))).toEqual([]);
  expect(Object.keys(m.nl).filter((k) => !used.has(k))).toEqual([]);
}
