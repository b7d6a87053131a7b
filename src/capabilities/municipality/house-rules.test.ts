import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import type { Context, Platform } from '../../platform/context.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { system, type Actor } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import { findTenantById, type Tenant } from '../../platform/tenancy.js';
import { compare, getVersion, latestVersion, versionsOf } from '../../platform/versions/index.js';
import { discardHouseRulesDraft, houseRulesOf, houseRulesRef, publishHouseRules, saveHouseRulesDraft } from './house-rules.js';
import { keptSections, sectionKeyFor } from './model.js';
import { createMunicipality } from './service.js';

/** A hand-built actor with one role in the municipality; administrators act with a second step unless told otherwise. */
function actorWith(role: 'administrator' | 'resident', tenant: Tenant, strongAuth = true): Actor {
  const grants = [{ role, scopeType: 'municipality' as const, scopeId: tenant.id, municipalityId: tenant.id }];
  return { kind: 'person', personId: `${role}-${tenant.slug}`, displayName: role, emailVerified: true, strongAuth, memberships: [], grants };
}
const adminOf = (tenant: Tenant, options: { strongAuth?: boolean } = {}) => actorWith('administrator', tenant, options.strongAuth);
const residentOf = (tenant: Tenant) => actorWith('resident', tenant);

/** Refused with exactly these field issues (a ValidationError). */
const invalid = (promise: Promise<unknown>, issues: Array<{ field: string; key: string }>) =>
  expect(promise).rejects.toMatchObject({ constructor: ValidationError, issues });

const rules = (...bodies: string[]) => bodies.map((body, i) => ({ heading: `Regel ${i + 1}`, body }));

describe('house rules sections (pure)', () => {
  it('makes stable, unique, valid keys from headings', () => {
    expect(sectionKeyFor('Wat mag u schrijven?', new Set())).toBe('wat-mag-u-schrijven');
    expect(sectionKeyFor('Bezwaar maken', new Set(['bezwaar-maken']))).toBe('bezwaar-maken-2');
    expect(sectionKeyFor('Één privé-regel', new Set())).toBe('een-prive-regel');
    expect(sectionKeyFor('???', new Set())).toBe('sectie');
    expect(sectionKeyFor('BA-regels', new Set())).toBe('sectie-ba-regels');
    expect(sectionKeyFor('x'.repeat(300), new Set())).toHaveLength(56);
  });

  it('leaves out emptied sections and remembers where each kept one was in the form', () => {
    const kept = keptSections([
      { key: 'a', heading: 'A', body: 'Tekst' },
      { key: 'b', heading: ' ', body: '' },
      { heading: 'Nieuw', body: 'Meer' },
      { heading: '', body: '' },
    ]);
    expect(kept.sections).toEqual([{ key: 'a', heading: 'A', body: 'Tekst' }, { key: 'nieuw', heading: 'Nieuw', body: 'Meer' }]);
    expect(kept.positions).toEqual([1, 3]);
  });
});

describeEachEngine('house rules use cases', (engine) => {
  let platform: Platform;
  let close: () => Promise<void>;
  let a: Tenant;
  let b: Tenant;
  const ctx = (actor: Actor, tenant: Tenant | null): Context => ({ platform, actor, tenant, locale: 'nl' });
  const auditCount = async () => (await readAudit(platform.db, {})).length;

  beforeEach(async () => {
    ({ platform, close } = await openTestPlatform(engine));
    const root = ctx(system, null);
    a = (await findTenantById(platform.db, (await execute(root, createMunicipality, { slug: 'aadorp', name: 'Gemeente Aadorp', cbsCode: 'GM0001' })).id))!;
    b = (await findTenantById(platform.db, (await execute(root, createMunicipality, { slug: 'beedorp', name: 'Gemeente Beedorp', cbsCode: 'GM0002' })).id))!;
  });
  afterEach(async () => close());

  it('creates the document with the first draft, publishes numbered versions and audits every step', async () => {
    const admin = ctx(adminOf(a), a);
    expect(await houseRulesOf(platform.db, a.id)).toBeNull();
    const first = await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Wees aardig.', 'Meld wat niet klopt.'), expectedRevision: 0 });
    expect(await execute(admin, publishHouseRules, { summary: 'Eerste versie.', expectedRevision: first.revision })).toEqual({ number: 1 });
    const document = (await houseRulesOf(platform.db, a.id))!;
    expect(document).toMatchObject({ kind: 'municipality.house-rules', ownerType: 'municipality', ownerId: a.id, municipalityId: a.id, publishedVersion: 1, draft: null });
    const v1 = (await latestVersion(platform.db, { municipalityId: a.id, documentId: document.id }))!;
    expect(v1.content.sections.map((s) => s.key)).toEqual(['regel-1', 'regel-2']);

    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [...v1.content.sections, { heading: 'Bezwaar', body: 'Schrijf ons.' }], expectedRevision: document.revision });
    expect(await execute(admin, publishHouseRules, { summary: 'Bezwaar toegevoegd.' })).toEqual({ number: 2 });

    const actions = (await readAudit(platform.db, { municipalityId: a.id, entityType: 'document' })).map((e) => e.action).sort();
    expect(actions).toEqual(['document.create', 'document.publish', 'document.publish', 'document.saveDraft']);
  });

  it('keeps published versions as they were: a new draft or version changes none, and the database refuses edits', async () => {
    const admin = ctx(adminOf(a), a);
    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Wees aardig.') });
    await execute(admin, publishHouseRules, { summary: 'Eerste versie.' });
    const ref = (await houseRulesRef(platform.db, a.id))!;
    const v1 = await getVersion(platform.db, ref, 1);
    await execute(admin, saveHouseRulesDraft, { title: 'Andere titel', sections: [{ key: 'regel-1', heading: 'Regel 1', body: 'Wees vriendelijk.' }] });
    await execute(admin, publishHouseRules, { summary: 'Anders gezegd.' });
    expect(await getVersion(platform.db, ref, 1)).toEqual(v1);
    await expect(platform.db.updateTable('document_versions').set({ summary: 'Stiekem' }).execute()).rejects.toThrow();
    await expect(platform.db.deleteFrom('document_versions').execute()).rejects.toThrow();
    expect((await versionsOf(platform.db, ref)).map((v) => [v.number, v.summary])).toEqual([[2, 'Anders gezegd.'], [1, 'Eerste versie.']]);
  });

  it('compares versions word by word', async () => {
    const admin = ctx(adminOf(a), a);
    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Een moderator kijkt binnen vijf werkdagen.') });
    await execute(admin, publishHouseRules, { summary: 'Eerste versie.' });
    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [{ key: 'regel-1', heading: 'Regel 1', body: 'Een moderator kijkt binnen drie werkdagen.' }, { heading: 'Nieuw', body: 'Extra.' }] });
    await execute(admin, publishHouseRules, { summary: 'Sneller.' });
    const diff = await compare(platform.db, (await houseRulesRef(platform.db, a.id))!, 1, 2);
    expect(diff.counts).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(diff.sections[0]!.bodyChanges).toEqual([
      { op: 'equal', text: 'Een moderator kijkt binnen ' }, { op: 'delete', text: 'vijf' }, { op: 'insert', text: 'drie' }, { op: 'equal', text: ' werkdagen.' },
    ]);
  });

  it('names the field of every mistake, as the editor numbered it, and changes nothing', async () => {
    const admin = ctx(adminOf(a), a);
    const before = await auditCount();
    await invalid(execute(admin, saveHouseRulesDraft, { title: '', sections: rules('Tekst.') }), [{ field: 'title', key: 'validation.required' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [] }), [{ field: 'sections', key: 'municipality.houseRules.noSections' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [{ heading: '', body: '' }] }), [{ field: 'sections', key: 'municipality.houseRules.noSections' }]);
    // Part 2 was emptied (left out); part 3 has text but no heading: the error points at part 3.
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [{ heading: 'A', body: 'Tekst.' }, { key: 'weg', heading: '', body: '' }, { heading: '', body: 'Zonder kop.' }] }), [{ field: 'sections.3.heading', key: 'validation.required' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [{ heading: 'A', body: 42 }] }), [{ field: 'sections.1.body', key: 'validation.type' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: [{ key: 'Niet Goed', heading: 'A', body: 'x' }] }), [{ field: 'sections.1.key', key: 'versions.sectionKey' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'x'.repeat(201), sections: rules('Tekst.') }), [{ field: 'title', key: 'validation.tooLong' }]);
    await invalid(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: 'geen lijst' }), [{ field: 'sections', key: 'validation.type' }]);
    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Tekst.') });
    const afterDraft = await auditCount();
    expect(afterDraft).toBe(before + 1);
    await invalid(execute(admin, publishHouseRules, { summary: '  ' }), [{ field: 'summary', key: 'validation.required' }]);
    expect(await auditCount()).toBe(afterDraft);
    expect((await houseRulesOf(platform.db, a.id))!.publishedVersion).toBeNull();
  });

  it('refuses a stale form, a first draft over an existing document, and publishing or discarding without a draft', async () => {
    const admin = ctx(adminOf(a), a);
    await expect(execute(admin, publishHouseRules, { summary: 'Niets.' })).rejects.toMatchObject({ key: 'versions.noDraft' });
    const { revision } = await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Eén.'), expectedRevision: 0 });
    await expect(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Twee.'), expectedRevision: 0 })).rejects.toMatchObject({ key: 'versions.draftChanged' });
    await execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Drie.'), expectedRevision: revision });
    await expect(execute(admin, saveHouseRulesDraft, { title: 'Huisregels', sections: rules('Vier.'), expectedRevision: revision })).rejects.toBeInstanceOf(ConflictError);
    await expect(execute(admin, publishHouseRules, { summary: 'Oud concept.', expectedRevision: revision })).rejects.toBeInstanceOf(ConflictError);
    await execute(admin, discardHouseRulesDraft, {});
    expect((await houseRulesOf(platform.db, a.id))!.draft).toBeNull();
    await expect(execute(admin, discardHouseRulesDraft, {})).rejects.toMatchObject({ key: 'versions.noDraft' });
    await expect(execute(admin, publishHouseRules, { summary: 'Niets.' })).rejects.toMatchObject({ key: 'versions.noDraft' });
  });

  it('lets only administrators of the municipality with a second step edit; another municipality cannot read or change them', async () => {
    const input = { title: 'Huisregels', sections: rules('Wees aardig.') };
    await expect(execute(ctx(residentOf(a), a), saveHouseRulesDraft, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(adminOf(a, { strongAuth: false }), a), saveHouseRulesDraft, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(adminOf(b), a), saveHouseRulesDraft, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx({ kind: 'anonymous' }, a), saveHouseRulesDraft, input)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await houseRulesOf(platform.db, a.id)).toBeNull();

    await execute(ctx(adminOf(a), a), saveHouseRulesDraft, input);
    await execute(ctx(adminOf(a), a), publishHouseRules, { summary: 'Eerste versie.' });
    for (const actor of [adminOf(b), residentOf(a), adminOf(a, { strongAuth: false })]) {
      await expect(execute(ctx(actor, a), publishHouseRules, { summary: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(execute(ctx(actor, a), discardHouseRulesDraft, {})).rejects.toBeInstanceOf(ForbiddenError);
    }
    // B's administrator in B's own municipality: a separate (empty) set of house rules, never A's.
    const adminB = ctx(adminOf(b), b);
    expect(await houseRulesOf(platform.db, b.id)).toBeNull();
    await expect(execute(adminB, publishHouseRules, { summary: 'x' })).rejects.toMatchObject({ key: 'versions.noDraft' });
    const foreign = { municipalityId: b.id, documentId: (await houseRulesOf(platform.db, a.id))!.id };
    await expect(versionsOf(platform.db, foreign)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getVersion(platform.db, foreign, 1)).toBeNull();
    await execute(adminB, saveHouseRulesDraft, { title: 'Regels van Beedorp', sections: rules('Anders.') });
    expect((await houseRulesOf(platform.db, b.id))!.id).not.toBe(foreign.documentId);
    expect((await houseRulesOf(platform.db, a.id))!.title).toBe('Huisregels');
  });
});
