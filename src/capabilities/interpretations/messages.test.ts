import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretationsMessages as m } from './messages.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';

describe('interpretations messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(m);
  });

  it('has every key the code uses, and only those', () => {
    const dir = import.meta.dirname;
    const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'pages')).map((f) => path.join(dir, 'pages', f))];
    const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = new Set([...sources.matchAll(/'(interpretations\.[\w.]+)'/g)].map((x) => x[1]!));
    // Keys built from a list: every kind, role, participant group and theme.
    for (const key of Object.keys(m.nl)) if (/^interpretations\.(kind|kindHint|role|group|theme)\./.test(key)) used.add(key);
    // The policy's action names are not messages.
    for (const action of ['interpretations.view', 'interpretations.post', 'interpretations.edit', 'interpretations.delete']) used.delete(action);
    expect([...used].filter((k) => !(k in m.nl))).toEqual([]);
    expect(Object.keys(m.nl).filter((k) => !used.has(k))).toEqual([]);
  });
});
