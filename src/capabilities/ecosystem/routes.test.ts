import type { FastifyInstance } from 'fastify';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAccount } from '../../../test/support/accounts.js';
import { insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import { agent, buildTestApp, type Agent } from '../../../test/support/http.js';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { system } from '../../platform/policy.js';
import type { Tenant } from '../../platform/tenancy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { ecosystemMessages as m } from './messages.js';

/** The ecosystem's pages and API over HTTP (the policy and the stores are engine-independent; see service.test.ts). */
describe('ecosystem pages and API', () => {
  let t: TestPlatform;
  let app: FastifyInstance;
  let home: Tenant;
  let n1: string;
  let base: string;
  let resident: Agent;
  let official: Agent;
  const anonymous = () => agent(app);
  const idFrom = (location: unknown) => /\/actoren\/([a-z0-9]+)$/.exec(String(location))?.[1] ?? '';

  beforeAll(async () => {
    t = await openTestPlatform('sqlite');
    home = await insertTestTenant(t.platform, { slug: 'netwerkstad' });
    const other = await insertTestTenant(t.platform, { slug: 'anderstad' });
    const sys = { platform: t.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a.geojson', text: smallMunicipality(home.cbsCode) }], { divisionYear: 2025 });
    await importAreas(sys, [{ name: 'b.geojson', text: smallMunicipality(other.cbsCode, {}, [6, 52]) }], { divisionYear: 2025 });
    n1 = `BU${home.cbsCode.slice(2)}0101`;
    base = `/netwerkstad/gebieden/${n1}/ecosysteem`;
    app = await buildTestApp(t.platform);
    resident = await signedInAccount(app, t.platform, 'rosa@test.example', home, 'resident');
    official = await signedInAccount(app, t.platform, 'otto@test.example', home, 'official');
  }, 60_000);
  afterAll(async () => { await app?.close(); await t?.close(); });

  it('shows an empty ecosystem to everyone, with a sign-in link instead of the forms', async () => {
    const page = await anonymous().get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Er is nog niemand vastgelegd.');
    expect(page.body).toContain(`/netwerkstad/inloggen?terug=${encodeURIComponent(base)}`);
    const form = await anonymous().get(`${base}/actoren/nieuw`);
    expect(form.statusCode).toBe(303);
    expect(String(form.headers.location)).toContain('/netwerkstad/inloggen');
    expect((await anonymous().postForm(`${base}/actoren/nieuw`, { kind: 'initiative', name: 'X' })).statusCode).toBe(401);
  });

  it('lets a resident add actors, a key person and relations through the forms, and explains the network', async () => {
    const invalid = await resident.postForm(`${base}/actoren/nieuw`, { kind: 'professional', name: 'Buurtteam' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('href="#field-organisation"');
    expect(invalid.body).toContain('Vul dit in voor een professionele dienst.');
    expect(invalid.body).toContain('value="Buurtteam"');
    const add = async (fields: Record<string, string>) => {
      const response = await resident.postForm(`${base}/actoren/nieuw`, fields);
      expect(response.statusCode).toBe(303);
      return idFrom(response.headers.location);
    };
    const kook = await add({ kind: 'initiative', name: 'Kookclub De Pan', description: 'Samen koken op donderdag.' });
    const tuin = await add({ kind: 'association', name: 'Moestuinvereniging' });
    const team = await add({ kind: 'professional', name: 'Buurtteam Oost', organisation: 'Welzijn', activities: 'Spreekuur', hoursPerWeek: '8', areaBound: 'yes' });
    const loner = await add({ kind: 'entrepreneur', name: 'Bakkerij Brood' });
    const noConsent = await resident.postForm(`${base}/sterkhouders/nieuw`, { name: 'Tante Truus', role: 'Spil', consentMethod: 'verbal', consentGivenOn: '2025-03-01' });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.body).toContain('href="#field-consentConfirmed"');
    const truus = await resident.postForm(`${base}/sterkhouders/nieuw`, { name: 'Tante Truus', role: 'Spil van de straat', consentMethod: 'verbal', consentGivenOn: '2025-03-01', consentConfirmed: 'on' });
    expect(truus.statusCode).toBe(303);
    const truusId = idFrom(truus.headers.location);
    for (const [fromId, toId, kind] of [[kook, tuin, 'collaborates'], [team, kook, 'supports'], [truusId, kook, 'member_of']] as const) {
      expect((await resident.postForm(`${base}/relaties/nieuw`, { fromId, toId, kind, since: '2024-01-01' })).statusCode).toBe(303);
    }
    expect((await resident.postForm(`${base}/relaties/nieuw`, { fromId: kook, kind: 'uses_place', placeName: 'Buurthuis De Vaart' })).statusCode).toBe(303);
    expect((await resident.postForm(`${base}/relaties/nieuw`, { fromId: tuin, kind: 'uses_place', placeName: 'Buurthuis De Vaart' })).statusCode).toBe(303);
    const wrong = await resident.postForm(`${base}/relaties/nieuw`, { fromId: kook, kind: 'funds' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#field-toId"');

    const page = (await anonymous().get(base)).body;
    expect(page).toContain('role="img"');
    expect(page).toContain('<title id="ecosystem-network-title">Netwerk van');
    expect(page).toContain('<desc id="ecosystem-network-desc">Actoren: 5. Verbindingen: 3. Groepen: 1. Los van de rest: 1. Verbinders: Kookclub De Pan.</desc>');
    expect(page).toContain('Kookclub De Pan is een verbinder');
    expect(page).toContain('Nog los van de rest (1): Bakkerij Brood.');
    expect(page).toContain('Plekken waar veel samenkomt: Buurthuis De Vaart (2).');
    expect(page).toContain('Professionals werken hier samen 8 uur per week');
    expect(page).toContain('Tante Truus');
    expect(page).toContain(`href="${base}/actoren/${loner}"`);
    // A visitor sees no consent details; whoever may withdraw it sees how and by whom it was recorded.
    expect((await anonymous().get(`${base}/actoren/${truusId}`)).body).not.toContain('vastgelegd door');
    const own = (await resident.get(`${base}/actoren/${truusId}`)).body;
    expect(own).toContain('Gegeven mondeling op');
    expect(own).toContain('vastgelegd door rosa');

    const api = (await anonymous().api('GET', `/api/v1/netwerkstad/areas/${n1}/ecosystem`)).json() as {
      actors: Array<{ id: string; name: string; metrics: { degree: number; broker: boolean } }>; network: { isolated: string[]; brokers: string[] }; findings: string[]; places: unknown[];
    };
    expect(api.actors).toHaveLength(5);
    expect(api.actors.find((a) => a.id === kook)?.metrics).toMatchObject({ degree: 3, broker: true });
    expect(api.network.isolated).toEqual([loner]);
    // A key person: a name or alias and their role, nothing about the consent or who recorded it.
    const keyPerson = api.actors.find((a) => a.id === truusId) as unknown as Record<string, unknown>;
    expect(keyPerson).toMatchObject({ kind: 'key_person', name: 'Tante Truus', role: 'Spil van de straat' });
    expect(JSON.stringify(keyPerson)).not.toMatch(/verbal|consent|rosa/);
    expect(api.findings.join(' ')).toContain('Kookclub De Pan is a connector');
    // The area's own page points to the ecosystem.
    expect((await anonymous().get(`/netwerkstad/gebieden/${n1}`)).body).toContain('Vastgelegd: 5 actoren en 5 relaties.');
  });

  it('lets only officials edit and remove; withdrawing consent removes the key person from page, actor page and API', async () => {
    const api = async () => (await anonymous().api('GET', `/api/v1/netwerkstad/areas/${n1}/ecosystem`)).json() as { actors: Array<{ id: string; name: string }>; relations: Array<{ fromId: string }> };
    const truus = (await api()).actors.find((a) => a.name === 'Tante Truus')!;
    const bakkerij = (await api()).actors.find((a) => a.name === 'Bakkerij Brood')!;
    expect((await resident.get(`${base}/actoren/${bakkerij.id}/bewerken`)).statusCode).toBe(403);
    expect((await official.get(`${base}/actoren/${bakkerij.id}/bewerken`)).body).toContain('value="Bakkerij Brood"');
    const edited = await official.postForm(`${base}/actoren/${bakkerij.id}/bewerken`, { kind: 'entrepreneur', name: 'Bakkerij Het Brood' });
    expect(edited.statusCode).toBe(303);
    expect((await resident.postForm(`${base}/actoren/${truus.id}/toestemming-intrekken`, {})).statusCode).toBe(303);
    expect((await anonymous().get(`${base}/actoren/${truus.id}`)).statusCode).toBe(404);
    expect((await anonymous().get(base)).body).not.toContain('Tante Truus');
    const after = await api();
    expect(JSON.stringify(after)).not.toContain('Truus');
    expect(after.relations.some((r) => r.fromId === truus.id)).toBe(false);
    expect((await resident.postForm(`${base}/actoren/${bakkerij.id}/verwijderen`, {})).statusCode).toBe(403);
    expect((await official.postForm(`${base}/actoren/${bakkerij.id}/verwijderen`, {})).statusCode).toBe(303);
    expect((await api()).actors.map((a) => a.name)).not.toContain('Bakkerij Het Brood');
  });

  it('records assessments of the eight elements with their history, and adds actors through the JSON API', async () => {
    const form = await resident.get(`${base}/elementen/beoordelen?element=networks`);
    expect(form.body).toContain('<option value="networks" selected>');
    expect((await resident.postForm(`${base}/elementen/beoordelen`, { element: 'networks', score: '2', evidence: 'Weinig contact tussen groepen.' })).statusCode).toBe(303);
    expect((await resident.postForm(`${base}/elementen/beoordelen`, { element: 'networks', score: '3', evidence: 'Beter sinds de kookclub.' })).statusCode).toBe(303);
    const bad = await resident.postForm(`${base}/elementen/beoordelen`, { element: 'networks', score: '9', evidence: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-score"');
    const page = (await anonymous().get(`${base}/elementen`)).body;
    expect(page).toContain('Beter sinds de kookclub.');
    expect(page).toContain('Eerdere beoordelingen (1)');
    const created = await resident.api('POST', `/api/v1/netwerkstad/areas/${n1}/ecosystem/actors`, { kind: 'informal', name: 'Appgroep Plein' });
    expect(created.statusCode).toBe(201);
    const refused = await resident.api('POST', `/api/v1/netwerkstad/areas/${n1}/ecosystem/actors`, { kind: 'informal' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('name');
    const all = (await anonymous().api('GET', `/api/v1/netwerkstad/areas/${n1}/ecosystem`)).json() as { elements: Array<{ element: string; score: number | null; assessments: number }> };
    expect(all.elements.find((e) => e.element === 'networks')).toMatchObject({ score: 3, assessments: 2 });
  });

  it("never shows or touches one municipality's ecosystem from another", async () => {
    const id = ((await anonymous().api('GET', `/api/v1/netwerkstad/areas/${n1}/ecosystem`)).json() as { actors: Array<{ id: string }> }).actors[0]!.id;
    expect((await anonymous().get(`/anderstad/gebieden/${n1}/ecosysteem`)).statusCode).toBe(404);
    expect((await anonymous().get(`/anderstad/gebieden/${n1}/ecosysteem/actoren/${id}`)).statusCode).toBe(404);
    expect((await anonymous().api('GET', `/api/v1/anderstad/areas/${n1}/ecosystem`)).statusCode).toBe(404);
  });
});

describe('ecosystem messages', () => {
  it('has the same keys and placeholders in Dutch and English', () => {
    expectSameKeysAndPlaceholders(m);
  });

  it('has every key the code uses, and only those', () => {
    const dir = import.meta.dirname;
    const files = [...readdirSync(dir).map((f) => path.join(dir, f)), ...readdirSync(path.join(dir, 'pages')).map((f) => path.join(dir, 'pages', f))];
    const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('messages.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const used = new Set([...sources.matchAll(/'(ecosystem\.[\w.]+)'/g)].map((x) => x[1]!));
    // Keys built from a list: kinds, relation kinds, consent methods, elements and scores.
    for (const key of Object.keys(m.nl)) if (/^ecosystem\.(kind|relationKind|consentMethod|element|elementHint|score)\./.test(key)) used.add(key);
    // Policy actions and audit actions are not messages.
    for (const action of ['ecosystem.view', 'ecosystem.add', 'ecosystem.edit', 'ecosystem.withdrawConsent', 'ecosystem.editRelation', 'ecosystem.removeRelation', 'ecosystem.assess',
      'ecosystem.actor.edit', 'ecosystem.keyPerson.withdraw', 'ecosystem.element.assess']) if (!(action in m.nl)) used.delete(action);
    expect([...used].filter((k) => !(k in m.nl))).toEqual([]);
    expect(Object.keys(m.nl).filter((k) => !used.has(k))).toEqual([]);
  });
});
