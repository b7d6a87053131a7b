import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { areasMessages as m } from './messages.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

describe('areas messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(m);
  });

  it('has every key the code uses, and only those', () => {
    const dir = import.meta.dirname;
    const sources = [...readdirSync(dir), ...readdirSync(path.join(dir, 'pages')).map((f) => `pages/${f}`)]
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const used = new Set([...sources.matchAll(/'((?:areas|nav)\.[\w.]+)'/g)].map((x) => x[1]!));
    // Keys built at run time from a kind.
    for (const kind of ['municipality', 'district', 'neighbourhood']) used.add(`areas.kind.${kind}`).add(`areas.intro.${kind}`);
    for (const kind of ['district', 'neighbourhood']) used.add(`areas.children.${kind}`).add(`areas.fact.count.${kind}`);
    // Not messages: a column in an SQL condition and the policy's action names.
    for (const name of ['areas.placeholder', 'areas.view', 'areas.import', 'areas.viewImports']) used.delete(name);
    const missing = [...used].filter((k) => !(k in m.nl));
    expect(missing).toEqual([]);
    const unused = Object.keys(m.nl).filter((k) => !used.has(k));
    expect(unused).toEqual([]);
  });
});
