import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine, insertTestTenant, openTestPlatform, type TestPlatform } from '../../../test/support/engines.js';
import type { Context } from '../../platform/context.js';
import { ForbiddenError } from '../../platform/errors.js';
import { system, type Actor } from '../../platform/policy.js';
import { execute } from '../../platform/service.js';
import type { Tenant } from '../../platform/tenancy.js';
import { fileOf, fixture, person } from './fixtures.js';
import { importStatistics } from './import-service.js';
import { addIndicator, catalogueFor, figuresOf } from './service.js';

const volunteers = {
  id: 'vrijwilligers', labelNl: 'Vrijwilligerswerk', definitionNl: 'Percentage inwoners dat vrijwilligerswerk doet.', unit: 'percent',
  theme: 'participation', polarity: 'strength', source: 'GGD',
};

describeEachEngine('own indicators', (engine) => {
  let t: TestPlatform;
  let home: Tenant;
  let other: Tenant;
  const ctx = (tenant: Tenant, actor: Actor): Context => ({ platform: t.platform, actor, tenant, locale: 'nl' });

  beforeEach(async () => {
    t = await openTestPlatform(engine);
    home = await insertTestTenant(t.platform, { slug: 'eerstestad', cbsCode: 'GM0001' });
    other = await insertTestTenant(t.platform, { slug: 'tweedestad', cbsCode: 'GM0002' });
  });
  afterEach(async () => { await t.close(); });

  it('lets an official add a measured and a derived indicator that only their municipality sees', async () => {
    const official = ctx(home, person('official', home.id));
    await execute(official, addIndicator, volunteers);
    await execute(official, addIndicator, {
      id: 'ontmoet_per_1000', labelNl: 'Ontmoetingsplekken per 1 000 inwoners', definitionNl: 'Plekken om elkaar te ontmoeten per 1 000 inwoners.',
      unit: 'per-1000', theme: 'amenities-public-places', polarity: 'strength', source: 'Eigen telling', derivation: { kind: 'per1000', count: 'ontmoetplekken', base: 'a_inw' },
    }).catch((e: unknown) => expect(e).toMatchObject({ issues: [{ field: 'derivation', key: 'statistics.indicator.unknownInput', params: { id: 'ontmoetplekken' } }] }));
    await execute(official, addIndicator, { ...volunteers, id: 'ontmoetplekken', labelNl: 'Ontmoetingsplekken', unit: 'count', theme: 'amenities-public-places' });
    const derived = await execute(official, addIndicator, {
      id: 'ontmoet_per_1000', labelNl: 'Ontmoetingsplekken per 1 000 inwoners', definitionNl: 'Plekken om elkaar te ontmoeten per 1 000 inwoners.',
      unit: 'per-1000', theme: 'amenities-public-places', polarity: 'strength', source: 'Eigen telling', derivation: { kind: 'per1000', count: 'ontmoetplekken', base: 'a_inw' },
    });
    expect(derived).toMatchObject({ labelEn: 'Ontmoetingsplekken per 1 000 inwoners', municipalityId: home.id });
    expect((await catalogueFor(t.platform.db, home.id)).filter((i) => i.municipalityId === home.id).map((i) => i.id)).toEqual(['ontmoet_per_1000', 'ontmoetplekken', 'vrijwilligers']);
    expect((await catalogueFor(t.platform.db, other.id)).some((i) => i.municipalityId !== null)).toBe(false);

    // Their own figure, computed against the national number of residents.
    const sys: Context = { platform: t.platform, actor: system, tenant: null, locale: 'en' };
    await importStatistics(sys, fixture('kwb-2023.csv'));
    await importStatistics(official, fileOf('plekken.csv', 'year;area_code;variable;value\n2023;WK000101;ontmoetplekken;37\n'));
    const figure = (await figuresOf(t.platform.db, home.id, 'WK000101', 2023)).find((f) => f.indicator.id === 'ontmoet_per_1000')!;
    expect(figure.value.value).toBeCloseTo(37 * 1000 / 12345, 10);
    const audit = await t.platform.db.selectFrom('audit_log').selectAll().where('action', '=', 'statistics.defineIndicator').execute();
    expect(audit.map((a) => [a.entity_id, a.municipality_id])).toEqual(expect.arrayContaining([['vrijwilligers', home.id], ['ontmoet_per_1000', home.id]]));
  });

  it('refuses a national id, an id twice, a bad id and a resident', async () => {
    const official = ctx(home, person('administrator', home.id));
    await execute(official, addIndicator, volunteers);
    await expect(execute(official, addIndicator, { ...volunteers, id: 'a_inw' })).rejects.toMatchObject({ issues: [{ field: 'id', key: 'statistics.indicator.idNational' }] });
    await expect(execute(official, addIndicator, volunteers)).rejects.toMatchObject({ issues: [{ field: 'id', key: 'statistics.indicator.idTaken' }] });
    await expect(execute(official, addIndicator, { ...volunteers, id: '9 vrij' })).rejects.toMatchObject({ issues: [{ field: 'id', key: 'statistics.indicator.idFormat' }] });
    await expect(execute(official, addIndicator, { ...volunteers, unit: 'furlongs' })).rejects.toMatchObject({ issues: [{ field: 'unit', key: 'validation.choice' }] });
    await expect(execute(ctx(home, person('resident', home.id)), addIndicator, { ...volunteers, id: 'ander' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(ctx(other, person('official', home.id)), addIndicator, { ...volunteers, id: 'ander' })).rejects.toBeInstanceOf(ForbiddenError);
    // The same id is free in another municipality.
    await execute(ctx(other, person('official', other.id)), addIndicator, volunteers);
  });
});
