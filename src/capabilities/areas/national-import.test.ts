/**
 * The national CBS boundary files from ../shared/data/cbs-boundaries imported through the real
 * service into SQLite. Skipped with a notice when the folder is absent, except in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestPlatform } from '../../../test/support/engines.js';
import { system } from '../../platform/policy.js';
import { importAreas } from './import-service.js';
import { countAreas, findArea } from './store.js';

const DATA_DIR = path.resolve(process.cwd(), '../shared/data/cbs-boundaries');
const FILES = ['gemeente_2015.topojson', 'wijk_2014.topojson', 'buurt_2014.topojson'];
const present = FILES.every((f) => existsSync(path.join(DATA_DIR, f)));

if (!present) {
  if (process.env.CI) {
    describe('national CBS boundaries through the import service', () => {
      it('needs the boundary data in CI', () => {
        throw new Error(`CBS boundary files missing in ${DATA_DIR} (required when CI is set)`);
      });
    });
  } else {
    console.warn(`national-import.test.ts: skipped, CBS boundary data not found at ${DATA_DIR}`);
  }
}

describe.skipIf(!present)('national CBS boundaries through the import service [sqlite]', () => {
  it('imports all 14,838 areas of the three files with every parent resolvable', async () => {
    const t = await openTestPlatform('sqlite');
    try {
      const files = FILES.map((name) => ({ name, text: readFileSync(path.join(DATA_DIR, name), 'utf8') }));
      const report = await importAreas({ platform: t.platform, actor: system, tenant: null, locale: 'en' }, files);
      console.info(`national-import.test.ts: ${report.counts.written} areas imported on SQLite in ${report.durationMs} ms`);
      expect(report.divisionYear).toBe(2015);
      expect(report.counts).toEqual({ municipality: 393, district: 2738, neighbourhood: 11691, placeholders: 16, placeholdersKeptReal: 0, written: 14838 });
      expect(report.findingSummary).toEqual({ 'mixed-years': 1, duplicate: 0, 'zero-area': 1323, 'missing-parent': 253, 'parent-mismatch': 0 });
      const { db } = t.platform;
      expect(await countAreas(db, 2015)).toBe(14838);

      const orphans = await sql<{ code: string }>`
        SELECT a.code FROM areas a
        WHERE a.parent_code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM areas p WHERE p.code = a.parent_code AND p.division_year = a.division_year)
        UNION
        SELECT a.code FROM areas a
        WHERE NOT EXISTS (SELECT 1 FROM areas m WHERE m.code = a.municipality_code AND m.division_year = a.division_year)`.execute(db);
      expect(orphans.rows).toEqual([]);

      const zero = await db.selectFrom('areas').select((eb) => eb.fn.countAll<number>().as('n')).where('zero_area', '=', 1).executeTakeFirstOrThrow();
      expect(Number(zero.n)).toBe(1323);
      // A merged-away municipality is a placeholder that still carries its districts.
      expect(await findArea(db, 'GM0265', 2015)).toMatchObject({ placeholder: true, name: null, geometry: null });
      expect(await findArea(db, 'BU19870309', 2015)).toMatchObject({ name: 'Verspreide huizen Muntendam', parentCode: 'WK198703', municipalityCode: 'GM1987' });
    } finally {
      await t.close();
    }
  });
});
