import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { agent, buildTestApp, signedInAgent } from '../../test/support/http.js';
import { seedDemo } from './index.js';

describeEachEngine('demo comments', (engine) => {
  let tp: TestPlatform;
  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
  }, 120_000);
  afterEach(async () => tp.close());

  it('shows a conversation on the Lindenhof with a moderated comment, and a report waiting in the queue', async () => {
    const app = await buildTestApp(tp.platform);
    try {
      const visitor = (await agent(app).get('/voorbeeldstad/gebieden/BU99990102')).body;
      expect(visitor).toContain('Reacties (5)');
      expect(visitor).toContain('Deze reactie is verborgen door de moderatie.');
      expect(visitor).not.toContain('meneer De Boer');
      const writer = await signedInAgent(app, tp.platform, 'bewoner@voorbeeldstad.example');
      expect((await writer.get('/voorbeeldstad/gebieden/BU99990102')).body).toContain('noemt een buurtbewoner met naam en huisnummer');
      expect((await writer.get('/voorbeeldstad/meldingen')).body).toContain('Uw reactie is verborgen door de moderatie');
      const moderator = await signedInAgent(app, tp.platform, 'moderator@voorbeeldstad.example');
      const queue = (await moderator.get('/voorbeeldstad/beheer/moderatie')).body;
      expect(queue).toContain('Open meldingen (1)');
      expect(queue).toContain('Glazenwasser nodig?');
    } finally {
      await app.close();
    }
  });
});
