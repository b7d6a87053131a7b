import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { buildTestApp, inputValue } from '../../../test/support/http.js';
import { seedDemo } from '../../demo/index.js';
import { createSession, SESSION_COOKIE } from './sessions.js';
import { forgetOldFormKeys } from './form-keys.js';

/** Real HTTP over a socket, like a browser with JavaScript off: plain form posts. */
describeEachEngine('one-time form keys', (engine) => {
  let tp: TestPlatform;
  let app: FastifyInstance;
  let base: string;
  let cookie: string;

  beforeEach(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
    app = await buildTestApp(tp.platform);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const person = await tp.platform.db.selectFrom('people').select('id').where('email', '=', 'ambtenaar@voorbeeldstad.example').executeTakeFirstOrThrow();
    cookie = `${SESSION_COOKIE}=${await createSession(tp.platform.db, person.id)}`;
  });
  afterEach(async () => {
    await app.close();
    await tp.close();
  });

  async function formPage() {
    const page = await (await fetch(`${base}/voorbeeldstad/organisaties/nieuw`, { headers: { cookie } })).text();
    return { csrf: inputValue(page, '_csrf')!, key: inputValue(page, '_formkey')! };
  }

  function submit(fields: Record<string, string>) {
    return fetch(`${base}/voorbeeldstad/organisaties/nieuw`, {
      method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
    });
  }

  async function count(name: string) {
    const row = await tp.platform.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', name).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('a double submit, a resubmit and two submits at once each create one record', async () => {
    const { csrf, key } = await formPage();
    expect(key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const fields = { _csrf: csrf, _formkey: key, kind: 'welfare_organisation', name: 'Eén keer' };
    const first = await submit(fields);
    expect(first.status).toBe(303);
    const again = await submit(fields); // the back button, or a retry after a dropped connection
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count('Eén keer')).toBe(1);

    const second = await formPage();
    const racing = { _csrf: second.csrf, _formkey: second.key, kind: 'welfare_organisation', name: 'Tegelijk' };
    const responses = await Promise.all([submit(racing), submit(racing), submit(racing)]);
    expect(responses.every((r) => r.status === 303)).toBe(true);
    expect(await count('Tegelijk')).toBe(1);
  });

  it('a submission with invalid input keeps its key usable, so the corrected form goes through', async () => {
    const { csrf, key } = await formPage();
    const invalid = await submit({ _csrf: csrf, _formkey: key, kind: 'welfare_organisation', name: '' });
    expect(invalid.status).toBe(422);
    const corrected = await submit({ _csrf: csrf, _formkey: key, kind: 'welfare_organisation', name: 'Verbeterd' });
    expect(corrected.status).toBe(303);
    expect(await count('Verbeterd')).toBe(1);
  });

  it('forgets keys after a week', async () => {
    const { csrf, key } = await formPage();
    await submit({ _csrf: csrf, _formkey: key, kind: 'welfare_organisation', name: 'Oud' });
    await forgetOldFormKeys(tp.platform.db, new Date(Date.now() + 8 * 86400_000));
    expect(await tp.platform.db.selectFrom('form_submissions').selectAll().execute()).toEqual([]);
  });
});
