import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The project root (the folder with package.json), from source or from dist alike. */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Static assets (public/): our own stylesheet and the small enhancement script. */
export function assetPath(): string {
  return path.join(projectRoot(), 'public');
}

const require = createRequire(import.meta.url);

/** A file inside an installed package (e.g. the NL Design System stylesheets). */
export function packageFile(specifier: string): string {
  const [scopeOrName, maybeName, ...rest] = specifier.split('/');
  const pkg = scopeOrName!.startsWith('@') ? `${scopeOrName}/${maybeName}` : scopeOrName!;
  const inner = scopeOrName!.startsWith('@') ? rest : [maybeName!, ...rest];
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ...inner);
}
