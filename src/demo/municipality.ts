import type { Platform } from '../platform/context.js';
import { newId, nowIso } from '../platform/db/helpers.js';
import { defaultPublicValues, findTenantById, type Tenant } from '../platform/tenancy.js';
import { appendAudit } from '../platform/audit.js';
import { system } from '../platform/policy.js';

export const DEMO_SLUG = 'voorbeeldstad';
export const demoMunicipality = { name: 'Gemeente Voorbeeldstad', slug: DEMO_SLUG, cbsCode: 'GM9999', divisionYear: 2025 };

export async function seedMunicipality(platform: Platform): Promise<Tenant> {
  const id = newId();
  const now = nowIso();
  await platform.db.transaction().execute(async (tx) => {
    await tx.insertInto('municipalities').values({
      id, slug: DEMO_SLUG, name: demoMunicipality.name, cbs_code: demoMunicipality.cbsCode, division_year: demoMunicipality.divisionYear,
      primary_colour: '#1d5c4d', accent_colour: '#0e3b31', logo: null, logo_type: null, created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('public_values').values(defaultPublicValues.map((v, position) => ({ id: newId(), municipality_id: id, position, ...v }))).execute();
    await appendAudit(tx, system, { action: 'municipality.create', entityType: 'municipality', entityId: id, municipalityId: id, after: { name: demoMunicipality.name, slug: DEMO_SLUG, demo: true } });
  });
  return (await findTenantById(platform.db, id))!;
}
