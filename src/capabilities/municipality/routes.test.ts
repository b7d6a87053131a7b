import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { signedInAccount } from '../../../test/support/accounts.js';
import { agent, buildTestApp, inputValue, type Agent } from '../../../test/support/http.js';
import type { Context } from '../../platform/context.js';
import { system } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import { findTenantById, type Tenant } from '../../platform/tenancy.js';
import { TINY_GIF } from '../../platform/files/fixtures.js';
import { addUser, erase, grantRole } from '../parties/index.js';
import { createMunicipality } from './service.js';
import { findMunicipality, listPublicValues } from './store.js';

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PASSWORD = 'a-long-test-password';

/** A multipart/form-data body as a browser sends it for the logo form. */
function multipart(fields: Record<string, string>, file?: { name: string; filename: string; type: string; content: Buffer }) {
  const boundary = '----buurtarena-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('municipality pages and API', (engine) => {
  let test: TestPlatform;
  let app: FastifyInstance;
  let a: Tenant;
  let b: Tenant;
  let adminA: Agent;
  let adminB: Agent;
  let resident: Agent;
  let anonymous: Agent;

  const ctxFor = (tenant: Tenant | null): Context => ({ platform: test.platform, actor: system, tenant, locale: 'nl' });

  const account = (email: string, tenant: Tenant, role: string) => signedInAccount(app, test.platform, email, tenant, role);

  beforeEach(async () => {
    test = await openTestPlatform(engine);
    app = await buildTestApp(test.platform);
    a = (await findTenantById(test.platform.db, (await execute(ctxFor(null), createMunicipality, { slug: 'aadorp', name: 'Gemeente Aadorp', cbsCode: 'GM0001', divisionYear: 2025 })).id))!;
    b = (await findTenantById(test.platform.db, (await execute(ctxFor(null), createMunicipality, { slug: 'beedorp', name: 'Gemeente Beedorp', cbsCode: 'GM0002', divisionYear: 2025 })).id))!;
    adminA = await account('beheer@aadorp.example', a, 'administrator');
    adminB = await account('beheer@beedorp.example', b, 'administrator');
    resident = await account('bewoner@aadorp.example', a, 'resident');
    anonymous = agent(app);
  });

  afterEach(async () => {
    await app.close();
    await test.close();
  });

  it('shows the home page with the public values in the reader\'s language', async () => {
    const nl = await anonymous.get('/aadorp');
    expect(nl.statusCode).toBe(200);
    expect(nl.body).toContain('Welkom bij Buurtarena van Gemeente Aadorp');
    expect(nl.body).toContain('Zorg en zorgzaamheid');
    for (const path of ['/aadorp/gebieden', '/aadorp/budgetgebieden', '/aadorp/organisaties', '/aadorp/registreren']) expect(nl.body).toContain(`href="${path}"`);
    expect(nl.body).not.toContain('href="/aadorp/beheer"');
    const en = await anonymous.get('/aadorp?lang=en');
    expect(en.body).toContain('Care and caring');
    expect(en.body).not.toContain('Zorg en zorgzaamheid');
    const admin = await adminA.get('/aadorp');
    expect(admin.body).toContain('href="/aadorp/beheer"');
    expect((await anonymous.get('/onbekend')).statusCode).toBe(404);
  });

  it('opens administration to administrators only', async () => {
    const home = await adminA.get('/aadorp/beheer');
    expect(home.statusCode).toBe(200);
    for (const path of ['/aadorp/beheer/instellingen', '/aadorp/beheer/publieke-waarden', '/aadorp/beheer/rollen', '/aadorp/beheer/logboek', '/aadorp/budgetgebieden']) expect(home.body).toContain(`href="${path}"`);
    expect(home.body).toContain('GM0001');
    expect((await resident.get('/aadorp/beheer')).statusCode).toBe(403);
    expect((await resident.get('/aadorp')).body).not.toContain('href="/aadorp/beheer"');
    const anon = await anonymous.get('/aadorp/beheer/instellingen');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/aadorp/inloggen');
  });

  it('refuses a colour with too little contrast, naming the field and the measured ratio, and changes nothing', async () => {
    const before = await findMunicipality(test.platform.db, a.id);
    const response = await adminA.postForm('/aadorp/beheer/instellingen', { name: 'Gemeente Aadorp', primaryColour: '#ffcc00', primaryColourPicker: '#24578f', accentColour: '#1a3f68', accentColourPicker: '#1a3f68' });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('href="#field-primaryColour">Hoofdkleur: De kleur #ffcc00 heeft te weinig contrast met wit: 1,51:1');
    expect(response.body).toContain('id="error-primaryColour"');
    expect(await findMunicipality(test.platform.db, a.id)).toEqual(before);

    const api = await adminA.api('PUT', '/api/v1/aadorp/settings', { name: 'Gemeente Aadorp', primaryColour: '#24578f', accentColour: '#aaaaaa' }, { headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(422);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json().errors).toEqual([{ field: 'accentColour', message: expect.stringContaining('2.32:1') }]);
    expect(await findMunicipality(test.platform.db, a.id)).toEqual(before);
  });

  it('saves name and colours, and the theme stylesheet follows', async () => {
    const saved = await adminA.postForm('/aadorp/beheer/instellingen', { name: 'Gemeente Aadorp aan Zee', primaryColour: '#24578f', primaryColourPicker: '#8a1538', accentColour: '#1a3f68', accentColourPicker: '#1a3f68' });
    expect(saved.statusCode).toBe(303);
    const page = await anonymous.get('/aadorp');
    const themeUrl = /href="(\/aadorp\/thema\.css\?v=[^"]+)"/.exec(page.body)![1]!;
    expect(decodeURIComponent(themeUrl)).not.toContain(a.updatedAt);
    const css = await anonymous.get(themeUrl);
    expect(css.body).toContain('--ba-primary: #8a1538;');
    expect(page.body).toContain('Gemeente Aadorp aan Zee');
    const api = await anonymous.api('GET', '/api/v1/aadorp');
    expect(api.json()).toMatchObject({ name: 'Gemeente Aadorp aan Zee', primaryColour: '#8a1538', cbsCode: 'GM0001' });
  });

  it('checks the logo by its content, serves it back from the file store with its type, replaces and removes it', async () => {
    const csrf = await adminA.csrfToken();
    const fake = multipart({ _csrf: csrf }, { name: 'logo', filename: 'logo.png', type: 'image/png', content: Buffer.from('this is not an image at all, whatever its name says') });
    const refused = await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...fake });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#field-logo">Logo: Dit soort bestand kan hier niet. Kies een bestand van het type PNG, JPEG, WebP, GIF.');
    expect((await anonymous.get('/aadorp/logo')).statusCode).toBe(404);

    const tooBig = multipart({ _csrf: csrf }, { name: 'logo', filename: 'groot.png', type: 'image/png', content: Buffer.concat([TINY_PNG, Buffer.alloc(300 * 1024)]) });
    const big = await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...tooBig });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Het bestand is te groot. Het mag hoogstens 200 KB zijn.');
    // Above the server's upload limit the request is cut off before the use case; the page says the same.
    const huge = multipart({ _csrf: csrf }, { name: 'logo', filename: 'enorm.png', type: 'image/png', content: Buffer.concat([TINY_PNG, Buffer.alloc(600 * 1024)]) });
    const cut = await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...huge });
    expect(cut.statusCode).toBe(422);
    expect(cut.body).toContain('Het bestand is te groot. Het mag hoogstens 200 KB zijn.');

    const real = multipart({ _csrf: csrf }, { name: 'logo', filename: 'logo.jpg', type: 'image/jpeg', content: TINY_PNG });
    const accepted = await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...real });
    expect(accepted.statusCode).toBe(303);
    const logo = await anonymous.get('/aadorp/logo');
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toBe('public, max-age=3600');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.headers['content-disposition']).toMatch(/^inline/);
    expect(logo.rawPayload.equals(TINY_PNG)).toBe(true);
    const etag = logo.headers.etag as string;
    expect((await anonymous.request({ method: 'GET', url: '/aadorp/logo', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    expect((await anonymous.get('/aadorp')).body).toContain('src="/aadorp/logo?v=');
    expect((await anonymous.api('GET', '/api/v1/aadorp')).json().logoUrl).toMatch(/^\/aadorp\/logo\?v=/);
    // The same file at its file-store address, within its own municipality only.
    const fileId = (await findMunicipality(test.platform.db, a.id))!.logo_file_id!;
    expect((await anonymous.get(`/aadorp/bestanden/${fileId}`)).rawPayload.equals(TINY_PNG)).toBe(true);
    expect((await anonymous.get(`/beedorp/bestanden/${fileId}`)).statusCode).toBe(404);
    expect((await anonymous.get('/beedorp/logo')).statusCode).toBe(404);
    const settings = await adminA.get('/aadorp/beheer/instellingen');
    expect(settings.body).toContain('Het huidige logo (PNG, 1 KB).');
    expect(settings.body).toContain('accept="image/png,image/jpeg,image/webp,image/gif"');

    const audit = await adminA.get('/aadorp/beheer/logboek?action=municipality.logo.set');
    expect(audit.body).toContain('image/png');
    expect(audit.body).toContain(String(TINY_PNG.length));

    const withoutToken = await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...multipart({}, { name: 'logo', filename: 'x.png', type: 'image/png', content: TINY_PNG }) });
    expect(withoutToken.statusCode).toBe(403);

    // Replacing: the logo address serves the new one (a new ETag), the old file is gone.
    const gif = multipart({ _csrf: csrf }, { name: 'logo', filename: 'logo.gif', type: 'image/gif', content: TINY_GIF });
    expect((await adminA.request({ method: 'POST', url: '/aadorp/beheer/instellingen/logo', ...gif })).statusCode).toBe(303);
    const replaced = await anonymous.request({ method: 'GET', url: '/aadorp/logo', headers: { 'if-none-match': etag } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers['content-type']).toBe('image/gif');
    expect(replaced.rawPayload.equals(TINY_GIF)).toBe(true);
    expect((await anonymous.get(`/aadorp/bestanden/${fileId}`)).statusCode).toBe(404);

    expect((await adminA.postForm('/aadorp/beheer/instellingen/logo/verwijderen', {})).statusCode).toBe(303);
    expect((await anonymous.get('/aadorp/logo')).statusCode).toBe(404);
    expect((await anonymous.get('/aadorp')).body).not.toContain('/aadorp/logo');
    expect(await test.platform.db.selectFrom('files').select('id').execute()).toEqual([]);
  });

  it('manages public values through the pages, and never removes the last one', async () => {
    const added = await adminA.postForm('/aadorp/beheer/publieke-waarden', { nameNl: 'Eerlijk <delen>', nameEn: 'Fair sharing', descriptionNl: 'Uitleg', descriptionEn: 'Explanation' });
    expect(added.statusCode).toBe(303);
    const list = await adminA.get('/aadorp/beheer/publieke-waarden');
    expect(list.body).toContain('Eerlijk &lt;delen&gt;');
    expect(list.body).not.toContain('Eerlijk <delen>');

    const invalid = await adminA.postForm('/aadorp/beheer/publieke-waarden', { nameNl: '', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('href="#field-nameNl">Naam (Nederlands): Vul dit veld in.');

    let values = await listPublicValues(test.platform.db, a.id);
    const added6 = values[5]!;
    const edit = await adminA.get(`/aadorp/beheer/publieke-waarden/${added6.id}`);
    expect(inputValue(edit.body, 'nameEn')).toBe('Fair sharing');
    expect((await adminA.postForm(`/aadorp/beheer/publieke-waarden/${added6.id}`, { nameNl: 'Eerlijk verdelen', nameEn: 'Fair sharing', descriptionNl: 'Uitleg', descriptionEn: 'Explanation' })).statusCode).toBe(303);
    expect((await adminA.postForm(`/aadorp/beheer/publieke-waarden/${added6.id}/omhoog`, {})).statusCode).toBe(303);
    values = await listPublicValues(test.platform.db, a.id);
    expect(values[4]).toMatchObject({ id: added6.id, name_nl: 'Eerlijk verdelen' });

    for (const value of values.slice(1)) {
      const confirm = await adminA.get(`/aadorp/beheer/publieke-waarden/${value.id}/verwijderen`);
      expect(confirm.body).toContain('Ja, verwijderen');
      expect((await adminA.postForm(`/aadorp/beheer/publieke-waarden/${value.id}/verwijderen`, {})).statusCode).toBe(303);
    }
    const last = values[0]!;
    const confirmLast = await adminA.get(`/aadorp/beheer/publieke-waarden/${last.id}/verwijderen`);
    expect(confirmLast.body).toContain('Dit is de laatste publieke waarde');
    expect(confirmLast.body).not.toContain('Ja, verwijderen');
    const refused = await adminA.postForm(`/aadorp/beheer/publieke-waarden/${last.id}/verwijderen`, {});
    expect(refused.statusCode).toBe(409);
    const api = await adminA.api('DELETE', `/api/v1/aadorp/public-values/${last.id}`);
    expect(api.statusCode).toBe(409);
    expect(await listPublicValues(test.platform.db, a.id)).toHaveLength(1);
  });

  it('manages public values through the API', async () => {
    const created = await adminA.api('POST', '/api/v1/aadorp/public-values', { nameNl: 'Buurtkracht', nameEn: 'Neighbourhood strength', descriptionNl: 'Uitleg', descriptionEn: 'Explanation' });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect((await adminA.api('PUT', `/api/v1/aadorp/public-values/${id}`, { nameNl: 'Buurtkracht!', nameEn: 'Strength', descriptionNl: 'U', descriptionEn: 'E' })).json()).toMatchObject({ id, position: 5, nameNl: 'Buurtkracht!' });
    const moved = await adminA.api('POST', `/api/v1/aadorp/public-values/${id}/move`, { direction: 'up' });
    expect((moved.json() as { items: Array<{ id: string }> }).items[4]!.id).toBe(id);
    const bad = await adminA.api('POST', '/api/v1/aadorp/public-values', { nameNl: '<script>x</script>'.repeat(20), nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('nameNl');
    expect((await adminA.api('DELETE', `/api/v1/aadorp/public-values/${id}`)).statusCode).toBe(204);
    expect((await anonymous.api('GET', '/api/v1/aadorp/public-values')).json().items).toHaveLength(5);
    expect((await resident.api('POST', '/api/v1/aadorp/public-values', { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' })).statusCode).toBe(403);
  });

  it('filters the audit log and pages through it', async () => {
    await adminA.postForm('/aadorp/beheer/instellingen', { name: 'Gemeente Aadorp 2', primaryColour: '#24578f', accentColour: '#1a3f68' });
    const all = await adminA.get('/aadorp/beheer/logboek');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('municipality.create');
    expect(all.body).toContain('role.grant');
    expect(all.body).toContain('Gemeente Aadorp 2');
    expect(all.body).not.toContain('Gemeente Beedorp');

    const settings = await adminA.get('/aadorp/beheer/logboek?action=municipality.settings');
    expect(settings.body).toContain('municipality.settings');
    expect(settings.body).not.toContain('<code class="utrecht-code">role.grant</code>');
    expect(settings.body).toMatch(/<code class="utrecht-code">name<\/code>: Gemeente Aadorp <span aria-hidden="true">→<\/span><span class="ba-visually-hidden">wordt<\/span> Gemeente Aadorp 2/);

    const bySystem = await adminA.get('/aadorp/beheer/logboek?actor=systeem&entityType=role_grant');
    expect(bySystem.body).toContain('role.grant');
    expect(bySystem.body).not.toContain('municipality.settings</code>');
    const pseudonym = /<code class="utrecht-code">(p-[a-z0-9]+)<\/code>/.exec(settings.body)![1]!;
    const byAdmin = await adminA.get(`/aadorp/beheer/logboek?actor=${pseudonym}`);
    expect(byAdmin.body).toContain('municipality.settings');
    expect(byAdmin.body).not.toContain('role.grant</code>');

    const future = await adminA.get('/aadorp/beheer/logboek?from=2999-01-01');
    expect(future.body).toContain('Er zijn geen regels gevonden.');
    const today = new Date().toISOString().slice(0, 10);
    expect((await adminA.get(`/aadorp/beheer/logboek?from=2000-01-01&to=${today}`)).body).toContain('municipality.settings');

    const wrong = await adminA.get('/aadorp/beheer/logboek?from=2025-02-30&actor=%3Cscript%3E');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-from">Vanaf datum: Vul een datum in als jjjj-mm-dd');
    expect(wrong.body).toContain('href="#field-actor">Door (schuilnaam)');
    expect(wrong.body).not.toContain('<script>');

    const first = await adminA.get('/aadorp/beheer/logboek?limit=2');
    const older = /href="(\/aadorp\/beheer\/logboek\?limit=2&amp;before=[^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await adminA.get(older);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Naar de nieuwste regels');

    const api = await adminA.api('GET', '/api/v1/aadorp/audit?action=municipality.settings&limit=1');
    expect(api.json()).toMatchObject({ items: [{ action: 'municipality.settings', municipality: 'aadorp', actor: pseudonym, after: { name: 'Gemeente Aadorp 2' } }], next: null });
    expect((await adminA.api('GET', '/api/v1/aadorp/audit?to=gisteren')).json().errors[0].field).toBe('to');
  });

  it('shows erased personal values as erased', async () => {
    const email = 'vertrokken@aadorp.example';
    await execute(ctxFor(null), addUser, { email, displayName: 'Vera Vertrokken', password: PASSWORD });
    await execute(ctxFor(a), grantRole, { email, role: 'resident', scopeType: 'municipality' });
    expect((await adminA.get('/aadorp/beheer/logboek?action=role.grant')).body).toContain('Vera Vertrokken');
    const person = await test.platform.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    await erase({ ...ctxFor(a) }, person.id);
    const after = await adminA.get('/aadorp/beheer/logboek?action=role.grant');
    expect(after.body).not.toContain('Vera Vertrokken');
    expect(after.body).toContain('gewist');
    expect((await adminA.get('/aadorp/beheer/logboek?action=role.grant&lang=en')).body).toContain('erased');
  });

  it('never lets an administrator of municipality A read or change municipality B', async () => {
    const beforeB = await findMunicipality(test.platform.db, b.id);
    const valuesB = await listPublicValues(test.platform.db, b.id);
    for (const path of ['/beedorp/beheer', '/beedorp/beheer/instellingen', '/beedorp/beheer/publieke-waarden', `/beedorp/beheer/publieke-waarden/${valuesB[0]!.id}`, '/beedorp/beheer/logboek', '/beheer/logboek']) {
      const response = await adminA.get(path);
      expect([403, 404], path).toContain(response.statusCode);
      expect(response.body).not.toContain('municipality.create');
      expect(response.body).not.toContain(valuesB[0]!.description_nl);
    }
    const forms: Array<[string, Record<string, string>]> = [
      ['/beedorp/beheer/instellingen', { name: 'Overgenomen', primaryColour: '#000000', accentColour: '#000000' }],
      ['/beedorp/beheer/publieke-waarden', { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }],
      [`/beedorp/beheer/publieke-waarden/${valuesB[0]!.id}`, { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }],
      [`/beedorp/beheer/publieke-waarden/${valuesB[0]!.id}/omlaag`, {}],
      [`/beedorp/beheer/publieke-waarden/${valuesB[0]!.id}/verwijderen`, {}],
      ['/beedorp/beheer/instellingen/logo/verwijderen', {}],
      // B's id through A's own pages: not found.
      [`/aadorp/beheer/publieke-waarden/${valuesB[0]!.id}`, { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }],
      [`/aadorp/beheer/publieke-waarden/${valuesB[0]!.id}/verwijderen`, {}],
    ];
    for (const [path, fields] of forms) expect([403, 404], path).toContain((await adminA.postForm(path, fields)).statusCode);
    const upload = multipart({ _csrf: await adminA.csrfToken() }, { name: 'logo', filename: 'logo.png', type: 'image/png', content: TINY_PNG });
    expect((await adminA.request({ method: 'POST', url: '/beedorp/beheer/instellingen/logo', ...upload })).statusCode).toBe(403);

    for (const [method, url, body] of [
      ['GET', '/api/v1/beedorp/audit', undefined], ['PUT', '/api/v1/beedorp/settings', { name: 'x', primaryColour: '#000000', accentColour: '#000000' }],
      ['POST', '/api/v1/beedorp/public-values', { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }],
      ['PUT', `/api/v1/beedorp/public-values/${valuesB[0]!.id}`, { nameNl: 'x', nameEn: 'x', descriptionNl: 'x', descriptionEn: 'x' }],
      ['DELETE', `/api/v1/beedorp/public-values/${valuesB[0]!.id}`, undefined], ['DELETE', `/api/v1/aadorp/public-values/${valuesB[0]!.id}`, undefined],
      ['GET', '/api/v1/audit', undefined],
    ] as const) {
      const response = await adminA.api(method, url, body);
      expect([403, 404], `${method} ${url}`).toContain(response.statusCode);
      expect(response.body).not.toContain('municipality.create');
    }
    expect(await findMunicipality(test.platform.db, b.id)).toEqual(beforeB);
    expect(await listPublicValues(test.platform.db, b.id)).toEqual(valuesB);
    // B's own administrator still may.
    expect((await adminB.get('/beedorp/beheer/logboek')).statusCode).toBe(200);
  });

  it('adds municipalities through the API for installation administrators only', async () => {
    const body = { slug: 'ceedorp', name: 'Gemeente Ceedorp', cbsCode: 'GM0003', divisionYear: 2024 };
    expect((await adminA.api('POST', '/api/v1/municipalities', body)).statusCode).toBe(403);
    await execute(ctxFor(null), grantRole, { email: 'beheer@aadorp.example', role: 'administrator', scopeType: 'installation' });
    const reserved = await adminA.api('POST', '/api/v1/municipalities', { ...body, slug: 'api', cbsCode: 'GM0001' });
    expect(reserved.statusCode).toBe(422);
    expect(reserved.json().errors.map((e: { field: string }) => e.field)).toEqual(['slug', 'cbsCode']);
    const created = await adminA.api('POST', '/api/v1/municipalities', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'ceedorp', cbsCode: 'GM0003', divisionYear: 2024, publicValues: expect.any(Array) });
    expect((await anonymous.api('GET', '/api/v1/municipalities')).json().items.map((m: { slug: string }) => m.slug)).toEqual(['aadorp', 'beedorp', 'ceedorp']);
    expect((await anonymous.get('/ceedorp')).statusCode).toBe(200);
    // The installation-wide log is theirs to read.
    const wide = await adminA.get('/beheer/logboek');
    expect(wide.statusCode).toBe(200);
    expect(wide.body).toContain('beedorp');
  });

  it('documents its API routes', async () => {
    const doc = (await anonymous.api('GET', '/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/v1/municipalities', '/api/v1/{municipality}', '/api/v1/{municipality}/settings', '/api/v1/{municipality}/public-values', '/api/v1/{municipality}/public-values/{id}', '/api/v1/{municipality}/audit']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
