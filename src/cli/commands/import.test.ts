import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cbsFeature, featureCollection, smallMunicipality } from '../../capabilities/areas/fixtures.js';
import { connect } from '../../platform/db/connect.js';
import { importCommands } from './import.js';

/**
 * `buurtarena import areas` run in-process through commander (a child process would spend most of
 * the test compiling the project), with the output captured and the files named relative to the
 * working folder, as an operator would.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ba-import-cli-'));
const databaseUrl = `sqlite:${path.join(dir, 'cli.sqlite')}`;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const program = new Command('buurtarena').exitOverride();
  importCommands(program);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout.push(String(chunk)); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr.push(String(chunk)); return true; });
  const env = { DATABASE_URL: process.env.DATABASE_URL, SEED_DEMO: process.env.SEED_DEMO };
  const cwd = process.cwd();
  process.env.DATABASE_URL = databaseUrl;
  process.env.SEED_DEMO = '0';
  process.exitCode = undefined;
  process.chdir(dir);
  try {
    await program.parseAsync(['node', 'buurtarena', 'import', 'areas', ...args]);
    return { code: process.exitCode ?? 0, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.exitCode = undefined;
    process.chdir(cwd);
    out.mockRestore();
    err.mockRestore();
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function areaCount(): Promise<number> {
  const connection = connect(databaseUrl);
  try {
    const row = await connection.db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await connection.close();
  }
}

describe('buurtarena import areas', () => {
  it('lists every error of malformed input on stderr, exits with 2 and writes nothing', async () => {
    fs.writeFileSync(path.join(dir, 'good_2024.geojson'), smallMunicipality('GM0001'));
    fs.writeFileSync(path.join(dir, 'bad_2024.geojson'), featureCollection([
      cbsFeature({ code: 'BU00010103', name: 'Goed', at: [5, 52], size: 0.01 }),
      { type: 'Feature', properties: { buurtcode: 'BU0001' }, geometry: { type: 'Polygon', coordinates: [[[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]]] } },
    ]));
    fs.writeFileSync(path.join(dir, 'broken_2024.json'), '{"type": "FeatureCollection",\n "features": [,]}');
    const result = await run('good_2024.geojson', 'bad_2024.geojson', 'broken_2024.json');
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^bad_2024\.geojson: feature 2, field buurtcode: buurtcode "BU0001" is not a valid CBS area code/);
    expect(lines[1]).toMatch(/^broken_2024\.json: line 2, column 15: invalid JSON/);
    expect(lines[2]).toBe('error: 2 errors in the input; nothing was imported.');
    expect(await areaCount()).toBe(0);

    const missing = await run('no-such-file.geojson');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-file.geojson: cannot read the file (ENOENT)');
    const noYear = await run('good_2024.geojson', '--year', 'twenty');
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--year must be a year');
  });

  it('imports well-formed files and prints the report', async () => {
    const result = await run('good_2024.geojson', '--year', '2023');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported the division of 2023 from 1 file');
    expect(result.stdout).toMatch(/neighbourhoods\s+4/);
    expect(result.stdout).toMatch(/missing-parent\s+0/);
    expect(await areaCount()).toBe(7);

    fs.writeFileSync(path.join(dir, 'buurt.geojson'), featureCollection([cbsFeature({ code: 'BU00050101', name: 'Los', at: [5, 52], size: 0.01 })]));
    const orphan = await run('buurt.geojson', '--year', '2023');
    expect(orphan.code).toBe(0);
    expect(orphan.stdout).toMatch(/placeholders\s+2/);
    expect(orphan.stdout).toContain('All findings:');
    expect(orphan.stdout).toContain('missing-parent BU00050101: The district WK000501');
  });
});
