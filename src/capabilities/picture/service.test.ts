import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import type { Context, Platform } from '../../platform/context.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { system, type Actor, type Grant } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { compare, getVersion, versionsOf } from '../../platform/versions/index.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { recordMoneyFlow } from '../money-flows/index.js';
import { importStatistics } from '../statistics/index.js';
import { splitContent, yearOf } from './model.js';
import { localizedContent, partContext } from './parts.js';
import { discardPictureDraft, pictureOf, publishPicture, refOf, savePictureDraft } from './service.js';

/**
 * The picture's use cases on both engines: a small municipality of two districts with figures for
 * one neighbourhood; Olga is an official, Cora chairs the neighbourhood's resident association,
 * Rik is a resident without a board seat.
 */
describeEachEngine('picture use cases', (engine) => {
  let platform: Platform;
  let close: () => Promise<void>;
  let tenant: Tenant;
  let other: Tenant;
  let n1: string;
  let n2: string;
  let association: string;
  const ctx = (actor: Actor, t: Tenant = tenant): Context => ({ platform, actor, tenant: t, locale: 'nl' });
  const person = (id: string, grants: Grant[], memberships: Array<{ organisationId: string; duty: string }> = []): Actor => ({
    kind: 'person', personId: id, displayName: id, emailVerified: true, strongAuth: false, grants, memberships: memberships.map((m) => ({ ...m, municipalityId: tenant.id })),
  });
  const official = () => person('olga', [{ role: 'official', scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }]);
  const chair = () => person('cora', [{ role: 'resident', scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }], [{ organisationId: association, duty: 'chair' }]);
  const member = () => person('rik', [{ role: 'resident', scopeType: 'municipality', scopeId: tenant.id, municipalityId: tenant.id }], [{ organisationId: association, duty: 'member' }]);
  const free = (proud: string, extra: Array<{ heading: string; body: string }> = []) => [
    { key: 'trots', heading: 'Waar we trots op zijn', body: proud }, { key: 'zorgen', heading: 'Wat ons zorgen baart', body: '' }, { key: 'nodig', heading: 'Wat we nodig hebben', body: '' }, ...extra,
  ];
  const flow = (purpose: string, amountCents: number) => execute(ctx(system), recordMoneyFlow, {
    areaCode: n1, year: 2024, source: 'wmo', purpose, amountCents, method: 'Uit de Wmo-registratie.', certainty: 'measured',
  });

  beforeEach(async () => {
    ({ platform, close } = await openTestPlatform(engine));
    tenant = await insertTestTenant(platform, { slug: 'beelddorp', name: 'Gemeente Beelddorp' });
    other = await insertTestTenant(platform, { slug: 'anderdorp' });
    const sys = { platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a.geojson', text: smallMunicipality(tenant.cbsCode, { municipality: 'Beelddorp' }) }], { divisionYear: 2025 });
    const digits = tenant.cbsCode.slice(2);
    n1 = `BU${digits}0101`;
    n2 = `BU${digits}0201`;
    const figures = `year;area_code;variable;value\n2024;${n1};a_inw;2500\n2024;${n1};a_hh;1200\n`;
    await importStatistics(sys, { name: 'kerncijfers.csv', bytes: new TextEncoder().encode(figures) }, { format: 'long', source: 'test-kerncijfers' });
    association = newId();
    await platform.db.insertInto('organisations').values({
      id: association, municipality_id: tenant.id, kind: 'association', name: 'Bewonersvereniging Een-A', description: null, area_code: n1, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso(),
    }).execute();
  }, 60_000);
  afterEach(async () => close());

  it('drafts the free sections, publishes a version that freezes every part, and audits each step', async () => {
    const saved = await execute(ctx(chair()), savePictureDraft, { areaCode: n1, title: 'Wijkbeeld Een-A', sections: free('De zomermarkt.'), expectedRevision: 0 });
    const document = (await pictureOf(platform.db, tenant.id, n1))!;
    expect(document).toMatchObject({ kind: 'picture.area', ownerType: 'area', ownerId: n1, publishedVersion: null });
    // The draft holds what the neighbourhood wrote, nothing else: empty standard sections are not filled in yet.
    expect(document.draft!.content.sections).toEqual([{ key: 'trots', heading: 'Waar we trots op zijn', body: 'De zomermarkt.' }]);

    await flow('Huishoudelijke hulp', 120_000_00);
    expect(await execute(ctx(chair()), publishPicture, { areaCode: n1, summary: 'Eerste wijkbeeld.', expectedRevision: saved.revision })).toEqual({ number: 1, year: 2024 });
    const v1 = (await getVersion(platform.db, refOf(document), 1))!;
    expect(v1.content.sections.map((s) => s.key)).toEqual(['part-figures', 'part-readings', 'part-places', 'part-ecosystem', 'part-history', 'part-money', 'trots']);
    expect(yearOf(v1.content)).toBe(2024);
    const money = splitContent(v1.content).parts.find((p) => p.data.part === 'money')!;
    expect(money.data.data).toMatchObject({ year: 2024, totalCents: 120_000_00, residents: 2500, perResidentCents: 4800, flows: [{ purpose: 'Huishoudelijke hulp', cents: 120_000_00 }] });
    expect(money.heading).toBe('Geld dat door de buurt stroomt');
    expect(money.body).toMatch(/€\s?120\.000,00/u);
    const figures = splitContent(v1.content).parts.find((p) => p.data.part === 'figures')!;
    expect(figures.data.data).toMatchObject({ year: 2024, sources: [{ source: 'test-kerncijfers', year: 2024 }] });
    expect(JSON.stringify(figures.data.data)).toContain('"id":"a_inw"');
    expect((await pictureOf(platform.db, tenant.id, n1))!.draft).toBeNull();

    // Later data does not change the published version; the next one takes it in, and the comparison shows it.
    await flow('Dagbesteding', 30_000_00);
    expect(JSON.stringify((await getVersion(platform.db, refOf(document), 1))!.content)).not.toContain('Dagbesteding');
    const again = await execute(ctx(official()), savePictureDraft, { areaCode: n1, title: 'Wijkbeeld Een-A', sections: free('De zomermarkt en de burendag.') });
    await execute(ctx(official()), publishPicture, { areaCode: n1, summary: 'Nieuwe geldstroom.', expectedRevision: again.revision });
    const diff = await compare(platform.db, refOf(document), 1, 2);
    expect(diff.sections.filter((s) => s.status === 'changed').map((s) => s.key)).toEqual(['part-money', 'trots']);
    const localized = localizedContent((await getVersion(platform.db, refOf(document), 2))!.content, partContext('en', tenant.slug, n1));
    expect(localized.sections.find((s) => s.key === 'part-money')!.heading).toBe('Money flowing through the neighbourhood');
    expect(localized.sections.find((s) => s.key === 'part-money')!.body).toMatch(/€\s?150,000\.00/u);
    expect((await versionsOf(platform.db, refOf(document))).map((v) => v.summary)).toEqual(['Nieuwe geldstroom.', 'Eerste wijkbeeld.']);

    const actions = (await readAudit(platform.db, { municipalityId: tenant.id, entityType: 'document' })).map((e) => e.action).sort();
    expect(actions).toEqual(['document.create', 'document.publish', 'document.publish', 'document.saveDraft', 'document.saveDraft', 'document.saveDraft', 'picture.publish', 'picture.publish']);
    const [audit] = await readAudit(platform.db, { action: 'picture.publish', municipalityId: tenant.id });
    expect(audit?.after).toMatchObject({ area_code: n1, year: 2024, parts: ['figures', 'readings', 'places', 'ecosystem', 'history', 'money'] });
  });

  it('keeps added sections with their own keys, and names the field of a part without text', async () => {
    await execute(ctx(official()), savePictureDraft, { areaCode: n1, title: 'Wijkbeeld', sections: free('Trots.', [{ heading: 'Jongeren', body: 'Er is een jongerenraad.' }, { heading: '', body: '' }]) });
    const sections = (await pictureOf(platform.db, tenant.id, n1))!.draft!.content.sections;
    expect(sections.map((s) => s.key)).toEqual(['trots', 'eigen-jongeren']);
    const before = await readAudit(platform.db, {});
    await expect(execute(ctx(official()), savePictureDraft, { areaCode: n1, title: 'Wijkbeeld', sections: free('Trots.', [{ heading: 'Zonder tekst', body: ' ' }]) }))
      .rejects.toMatchObject({ constructor: ValidationError, issues: [{ field: 'sections.4.body', key: 'picture.error.textNeeded' }] });
    await expect(execute(ctx(official()), savePictureDraft, { areaCode: n1, title: ' ', sections: free('Trots.') }))
      .rejects.toMatchObject({ constructor: ValidationError, issues: [{ field: 'title' }] });
    await expect(execute(ctx(official()), savePictureDraft, { areaCode: n1, title: 'Wijkbeeld', sections: free('Trots.', [{ heading: '', body: 'Tekst zonder kop.' }]) }))
      .rejects.toMatchObject({ constructor: ValidationError, issues: [{ field: 'sections.4.heading', key: 'validation.required' }] });
    await expect(execute(ctx(official()), publishPicture, { areaCode: n1, summary: '' }))
      .rejects.toMatchObject({ constructor: ValidationError, issues: [{ field: 'summary' }] });
    expect(await readAudit(platform.db, {})).toHaveLength(before.length);
    expect((await pictureOf(platform.db, tenant.id, n1))!.draft!.content.sections.map((s) => s.key)).toEqual(['trots', 'eigen-jongeren']);
  });

  it('refuses who may not edit, areas that are not ours, stale revisions and publishing without a draft', async () => {
    await expect(execute(ctx(member()), savePictureDraft, { areaCode: n1, title: 'W', sections: free('x') })).rejects.toBeInstanceOf(ForbiddenError);
    // The association belongs to the first neighbourhood: its chair is no editor elsewhere.
    await expect(execute(ctx(chair()), savePictureDraft, { areaCode: n2, title: 'W', sections: free('x') })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx({ kind: 'anonymous' }), savePictureDraft, { areaCode: n1, title: 'W', sections: free('x') })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(official()), savePictureDraft, { areaCode: 'BU00000101', title: 'W', sections: free('x') })).rejects.toBeInstanceOf(NotFoundError);
    await expect(execute(ctx(official()), savePictureDraft, { areaCode: tenant.cbsCode, title: 'W', sections: free('x') })).rejects.toBeInstanceOf(NotFoundError);
    await expect(execute(ctx(official(), other), savePictureDraft, { areaCode: n1, title: 'W', sections: free('x') })).rejects.toBeInstanceOf(NotFoundError);
    await expect(execute(ctx(official()), publishPicture, { areaCode: n1, summary: 'Niets.' })).rejects.toMatchObject({ constructor: ConflictError, key: 'versions.noDraft' });

    const first = await execute(ctx(official()), savePictureDraft, { areaCode: n1, title: 'W', sections: free('Een.'), expectedRevision: 0 });
    await expect(execute(ctx(chair()), savePictureDraft, { areaCode: n1, title: 'W', sections: free('Twee.'), expectedRevision: 0 })).rejects.toMatchObject({ key: 'versions.draftChanged' });
    await execute(ctx(chair()), savePictureDraft, { areaCode: n1, title: 'W', sections: free('Twee.'), expectedRevision: first.revision });
    await expect(execute(ctx(official()), publishPicture, { areaCode: n1, summary: 'Oud.', expectedRevision: first.revision })).rejects.toMatchObject({ key: 'versions.draftChanged' });
    await expect(execute(ctx(member()), publishPicture, { areaCode: n1, summary: 'Mag niet.' })).rejects.toBeInstanceOf(ForbiddenError);
    await execute(ctx(chair()), discardPictureDraft, { areaCode: n1 });
    expect((await pictureOf(platform.db, tenant.id, n1))!.draft).toBeNull();
    await expect(execute(ctx(chair()), discardPictureDraft, { areaCode: n1 })).rejects.toMatchObject({ key: 'versions.noDraft' });
  });
});
