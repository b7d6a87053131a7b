import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { statisticsMessages } from './messages.js';
import { statisticsPageMessages } from './page-messages.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

const m = { nl: { ...statisticsMessages.nl, ...statisticsPageMessages.nl }, en: { ...statisticsMessages.en, ...statisticsPageMessages.en } };

describe('statistics messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(m);
  });

  it('has every key the code uses, and only those', () => {
    const dir = import.meta.dirname;
    const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'pages')).map((f) => path.join(dir, 'pages', f))];
    const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('messages.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = new Set([...sources.matchAll(/'(statistics\.[\w.]+)'/g)].map((x) => x[1]!));
    // Keys built from a list: every theme, kind of area, unknown reason, map level and classing.
    for (const key of Object.keys(m.nl)) if (/^statistics\.(theme|kind|reason|map\.level|map\.classing)\./.test(key)) used.add(key);
    // The policy's action names and the job's kind are not messages.
    used.delete('statistics.dropSupersededDataset');
    for (const action of ['statistics.view', 'statistics.import', 'statistics.viewImports', 'statistics.defineIndicator']) used.delete(action);
    expect([...used].filter((k) => !(k in m.nl))).toEqual([]);
    expect(Object.keys(m.nl).filter((k) => !used.has(k))).toEqual([]);
  });
});
