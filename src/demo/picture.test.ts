import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { pictureOf, splitContent, yearOf } from '../capabilities/picture/index.js';
import { getVersion, versionsOf } from '../platform/versions/index.js';
import { seedDemo } from './index.js';
import { DEMO_PICTURE_AREAS } from './picture.js';

/** The demo's neighbourhood pictures, seeded last on the whole demo: every part filled in from the other seeders' data. */
describeEachEngine('demo pictures', (engine) => {
  let tp: TestPlatform;
  let municipalityId: string;
  beforeAll(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
    municipalityId = (await tp.platform.db.selectFrom('municipalities').select('id').where('slug', '=', 'voorbeeldstad').executeTakeFirstOrThrow()).id;
  }, 300_000);
  afterAll(async () => tp.close());

  it('publishes the Lindenhof in two versions and the Bloemenbuurt in one, each with every part assembled', async () => {
    const lindenhof = (await pictureOf(tp.platform.db, municipalityId, DEMO_PICTURE_AREAS.lindenhof))!;
    const ref = { municipalityId, documentId: lindenhof.id };
    expect(lindenhof).toMatchObject({ title: 'Wijkbeeld Lindenhof', publishedVersion: 2, draft: null });
    expect((await versionsOf(tp.platform.db, ref)).map((v) => v.number)).toEqual([2, 1]);
    const v2 = (await getVersion(tp.platform.db, ref, 2))!;
    const { parts, free } = splitContent(v2.content);
    expect(yearOf(v2.content)).toBe(2025);
    expect(free.map((s) => s.key)).toEqual(['trots', 'zorgen', 'nodig', 'eigen-wat-we-de-komende-jaren-willen-doen']);
    const data = Object.fromEntries(parts.map((p) => [p.data.part, p.data.data as Record<string, any>]));
    expect(Object.keys(data)).toEqual(['figures', 'readings', 'places', 'ecosystem', 'history', 'money']);
    expect(data.figures!.themes.length).toBeGreaterThan(3);
    expect(data.readings!.items.length).toBeGreaterThan(0);
    expect(data.places!.items.map((p: { name: string }) => p.name)).toContain('Buurthuis De Vaart');
    expect(data.history!.items[0].title).toBe('De eerste arbeiderswoningen');
    expect(data.ecosystem!.actors.length).toBeGreaterThan(0);
    // Key people are counted, never named, in a version that is kept for good.
    expect(JSON.stringify(data.ecosystem!.actors)).not.toContain('key_person');
    const bloemenbuurt = (await pictureOf(tp.platform.db, municipalityId, DEMO_PICTURE_AREAS.bloemenbuurt))!;
    expect(bloemenbuurt).toMatchObject({ title: 'Wijkbeeld Bloemenbuurt', publishedVersion: 1 });
  });
});
