import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { houseRulesOf } from '../capabilities/municipality/index.js';
import { compare, versionsOf } from '../platform/versions/index.js';
import { DEMO_SLUG, resetDemo, seedDemo } from './index.js';

describeEachEngine('demo house rules', (engine) => {
  let tp: TestPlatform;
  beforeEach(async () => {
    tp = await openTestPlatform(engine);
  });
  afterEach(async () => {
    await tp.close();
  });

  const demoId = async () => (await tp.platform.db.selectFrom('municipalities').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id;

  it('has two published versions whose comparison shows additions and removals, and an open draft', async () => {
    await seedDemo(tp.platform);
    const municipalityId = await demoId();
    const document = (await houseRulesOf(tp.platform.db, municipalityId))!;
    expect(document).toMatchObject({ title: 'Huisregels voor bijdragen', publishedVersion: 2 });
    expect(document.draft).not.toBeNull();
    const ref = { municipalityId, documentId: document.id };
    expect((await versionsOf(tp.platform.db, ref)).map((v) => [v.number, v.publishedBy?.startsWith('p-')])).toEqual([[2, true], [1, true]]);
    const diff = await compare(tp.platform.db, ref, 1, 2);
    expect(diff.counts).toMatchObject({ added: 1, changed: 3, removed: 0 });
    const changes = diff.sections.flatMap((s) => s.bodyChanges);
    expect(changes).toContainEqual({ op: 'delete', text: 'vijf' });
    expect(changes).toContainEqual({ op: 'insert', text: 'drie' });
  });

  it('is removed by a demo reset (published versions included) and seeded again', async () => {
    await seedDemo(tp.platform);
    const before = await demoId();
    await resetDemo(tp.platform);
    const after = await demoId();
    expect(after).not.toBe(before);
    expect(await tp.platform.db.selectFrom('documents').select('id').where('municipality_id', '=', before).execute()).toEqual([]);
    expect((await houseRulesOf(tp.platform.db, after))?.publishedVersion).toBe(2);
    // The immutability of published versions is back in force after the reset.
    await expect(tp.platform.db.deleteFrom('document_versions').execute()).rejects.toThrow(/cannot be changed/);
    await expect(tp.platform.db.updateTable('document_versions').set({ summary: 'x' }).execute()).rejects.toThrow(/cannot be changed/);
  }, 60_000);
});
