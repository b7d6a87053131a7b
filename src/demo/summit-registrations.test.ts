import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDemoWorld } from '../../test/support/demo-world.js';
import { describeEachEngine, type TestPlatform } from '../../test/support/engines.js';
import { attendanceOf, attendanceTotals, listSummits, registrationRecordOf, registrationsOf } from '../capabilities/summit/index.js';
import type { Tenant } from '../platform/tenancy.js';
import { seedPlaces } from './places.js';
import { seedSummit } from './summit.js';
import { seedSummitRegistrations } from './summit-registrations.js';

describeEachEngine('demo summit registrations', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    ({ tp, tenant } = await openDemoWorld(engine, [seedPlaces, seedSummit, seedSummitRegistrations]));
  }, 180_000);
  afterAll(async () => tp.close());

  it('registers four people by hand for the Lindenhof summit in preparation, with themes and needs', async () => {
    const [lindenhof] = await listSummits(tp.platform.db, tenant.id, { areaCodes: ['BU99990102'] });
    expect(lindenhof!.status).toBe('preparation');
    const registrations = await registrationsOf(tp.platform.db, lindenhof!.id);
    expect(registrations.map((r) => r.name).sort()).toEqual(['Bas van Leeuwen', 'Meryem Aydın', 'Truus Hendriks', 'Youssef Benali']);
    expect(registrations.every((r) => r.status === 'confirmed' && r.byHand)).toBe(true);
    expect(registrations.every((r) => r.themes.length > 0)).toBe(true);
    expect(registrations.filter((r) => r.languageHelp).map((r) => r.languageHelp).sort()).toEqual(['Arabisch', 'Turks']);
  });

  it('keeps of the Bloemenbuurt\'s held summit only the counts: 48 registered, 42 came, 28 walk-ins — seventy in all', async () => {
    const [held] = await listSummits(tp.platform.db, tenant.id, { areaCodes: ['BU99990202'] });
    expect(await registrationsOf(tp.platform.db, held!.id)).toEqual([]);
    const record = (await registrationRecordOf(tp.platform.db, held!.id))!;
    expect(record.counts).toMatchObject({ confirmed: 48, attended: 42, absent: 6 });
    const attendance = (await attendanceOf(tp.platform.db, held!.id))!;
    expect(attendanceTotals(record.counts, attendance.walkIns)).toEqual({ attended: 42, absent: 6, unknown: 0, walkIns: 28, present: 70 });
  });
});
