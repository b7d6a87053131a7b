import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { historyMessages as m } from './messages.js';

it('has the same keys and placeholders in Dutch and English', () => {
  expectSameKeysAndPlaceholders(m);
});

it('has every key the code uses, and only those', () => {
  const dir = import.meta.dirname;
  const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'pages')).map((f) => path.join(dir, 'pages', f))];
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
  const used = new Set([...sources.matchAll(/'(history\.[\w.]+)'/g)].map((x) => x[1]!));
  // Keys built from a list: kinds, months, date problems, reference types.
  for (const key of Object.keys(m.nl)) if (/^history\.(kind|month|when|error\.unknownReference|reference\.unresolved)\./.test(key) || /^history\.reference\.(places|actors)$/.test(key)) used.add(key);
  for (const action of ['history.view', 'history.add', 'history.edit', 'history.delete']) used.delete(action);
  expect([...used].filter((k) => !(k in m.nl))).toEqual([]);
  expect(Object.keys(m.nl).filter((k) => !used.has(k))).toEqual([]);
});
