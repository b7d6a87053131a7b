import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, openTestPlatform, type TestPlatform } from '../../test/support/engines.js';
import { ecosystemView, type EcosystemView } from '../capabilities/ecosystem/index.js';
import { findTenantBySlug, type Tenant } from '../platform/tenancy.js';
import { DEMO_ECOSYSTEM_AREAS } from './ecosystem.js';
import { seedDemo } from './index.js';

describeEachEngine('demo ecosystem', (engine) => {
  let tp: TestPlatform;
  let tenant: Tenant;
  beforeAll(async () => {
    tp = await openTestPlatform(engine);
    await seedDemo(tp.platform);
    tenant = (await findTenantBySlug(tp.platform.db, 'voorbeeldstad'))!;
  }, 180_000);
  afterAll(async () => tp.close());

  const names = (view: EcosystemView, ids: string[]) => ids.map((id) => view.actors.find((a) => a.id === id)!.name);

  it('gives the Lindenhof two groups joined by a broker, a loner, a busy place and a key person with consent', async () => {
    const view = await ecosystemView(tp.platform.db, tenant.id, DEMO_ECOSYSTEM_AREAS[0]);
    expect(view.metrics.clusters.filter((c) => c.length >= 2)).toHaveLength(2);
    expect(names(view, view.metrics.brokers)).toContain('Buurtteam Lindenhof');
    expect(names(view, view.metrics.isolated)).toEqual(['Vrouwengroep van de moskee']);
    expect(view.places[0]).toMatchObject({ name: 'Buurthuis De Vaart', relations: 3 });
    expect(view.places[0]!.ref).not.toBeNull();
    expect(view.actors.find((a) => a.kind === 'key_person')).toMatchObject({ name: 'Oma Riet', consent: { method: 'written' } });
    expect(view.residents).not.toBeNull();
    expect(view.findings.map((f) => f.key)).toContain('ecosystem.explain.broker');
  });

  it('keeps nothing of the key person who withdrew consent', async () => {
    const rows = await tp.platform.db.selectFrom('ecosystem_actors').select('name').where('municipality_id', '=', tenant.id).execute();
    expect(rows.map((r) => r.name)).not.toContain('Meneer Jansen');
    const audit = await tp.platform.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('municipality_id', '=', tenant.id).execute();
    expect(JSON.stringify(audit)).not.toContain('Jansen');
  });

  it('shows thin professional presence in the Bloemenbuurt', async () => {
    const view = await ecosystemView(tp.platform.db, tenant.id, DEMO_ECOSYSTEM_AREAS[1]);
    expect(view.findings.map((f) => f.key)).toContain('ecosystem.explain.thin');
    expect(names(view, view.metrics.isolated)).toEqual(['Snackbar De Tulp']);
  });
});
