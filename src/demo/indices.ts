import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { indexYears, saveIndex, SHIPPED_INDICES } from '../capabilities/statistics/index.js';

/**
 * Voorbeeldstad's composite indices: the vitality index saved once through the real use case with
 * its base year fixed at the latest year of figures (2025: the year of the survey round, so its
 * subjective indicators have a reference; earlier years are then read against 2025), a version of
 * the municipality's own; the vulnerability index stays the shipped one (base year: the latest
 * with figures). Without figures (no statistics seeder) nothing is saved and both shipped indices
 * still apply.
 */
export async function seedIndices(ctx: Context): Promise<void> {
  const tenant = ctx.tenant;
  if (!tenant) return;
  const years = await indexYears(ctx.platform.db, tenant);
  if (years.length === 0) return;
  const vitality = SHIPPED_INDICES.find((d) => d.id === 'vitaliteit')!;
  await execute(ctx, saveIndex, { ...vitality, baseYear: years[years.length - 1] });
}
