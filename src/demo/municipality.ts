import type { Platform } from '../platform/context.js';
import { system } from '../platform/policy.js';
import { execute } from '../platform/service.js';
import { findTenantById, type Tenant } from '../platform/tenancy.js';
import { createMunicipality } from '../capabilities/municipality/index.js';

export const DEMO_SLUG = 'voorbeeldstad';
export const demoMunicipality = { name: 'Gemeente Voorbeeldstad', slug: DEMO_SLUG, cbsCode: 'GM9999', divisionYear: 2025, primaryColour: '#1d5c4d', accentColour: '#0e3b31' };

/** The demo municipality, made by the same use case as `buurtarena municipality add` (so its public values are searchable too). */
export async function seedMunicipality(platform: Platform): Promise<Tenant> {
  const { id } = await execute({ platform, actor: system, tenant: null, locale: 'nl' }, createMunicipality, demoMunicipality);
  return (await findTenantById(platform.db, id))!;
}
