import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { allModules } from '../../src/app.js';
import type { CapabilityModule } from '../../src/platform/module.js';

/**
 * The composition root (src/app.ts) is the one place that wires modules. A module that is built
 * but not listed there has no tables, pages or jobs in the running server, and nothing else would
 * notice: this test finds every exported module under src/platform/*​/ and src/capabilities/*​/.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function looksLikeModule(value: unknown): value is CapabilityModule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && ['migrations', 'messages', 'registerPolicies', 'registerPages', 'registerApi', 'registerJobs', 'nav'].some((key) => key in v);
}

async function exportedModules(): Promise<Array<{ file: string; module: CapabilityModule }>> {
  const found: Array<{ file: string; module: CapabilityModule }> = [];
  for (const folder of ['platform', 'capabilities']) {
    for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const index = path.join(root, folder, entry.name, 'index.ts');
      if (!entry.isDirectory() || !fs.existsSync(index)) continue;
      const exports = await import(pathToFileURL(index).href) as Record<string, unknown>;
      for (const value of Object.values(exports)) if (looksLikeModule(value)) found.push({ file: path.relative(root, index), module: value });
    }
  }
  return found;
}

it('wires every module that a platform service or capability exports into the composition root', async () => {
  const found = await exportedModules();
  expect(found.length).toBeGreaterThan(5);
  const missing = found.filter(({ module }) => !allModules.includes(module)).map(({ file, module }) => `${module.name} (${file})`);
  expect(missing).toEqual([]);
  const names = allModules.map((m) => m.name);
  expect(new Set(names).size).toBe(names.length);
});
