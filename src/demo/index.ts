import type { Platform } from '../platform/context.js';
import { system } from '../platform/policy.js';
import type { Context } from '../platform/context.js';
import { seedAreas } from './areas.js';
import { demoMunicipality, seedMunicipality, DEMO_SLUG } from './municipality.js';
import { seedParties, DEMO_PASSWORD, DEMO_TOTP_SECRET, demoAccounts } from './parties.js';
import { forgetDemoNotifications, seedNotifications } from './notifications.js';
import { seedHouseRules } from './house-rules.js';
import { eraseDocumentsOfMunicipality } from '../platform/versions/index.js';
import { seedComments } from './comments.js';
import { seedStatistics } from './statistics.js';
import { seedIndices } from './indices.js';
import { seedInterpretations } from './interpretations.js';
import { seedSurvey } from './survey.js';
import { seedPlaces } from './places.js';
import { seedHistory } from './history.js';
import { seedMoneyFlows } from './money-flows.js';
import { seedEcosystem } from './ecosystem.js';
import { seedPicture } from './picture.js';
import { seedSummit } from './summit.js';
import { seedSummitDay } from './summit-day.js';
import { seedSummitRegistrations } from './summit-registrations.js';
import { seedAgenda } from './agenda.js';
import { seedAgendaProgress } from './agenda-progress.js';
import { seedAgendaDistribution } from './agenda-distribution.js';
import { seedAgendaConsultation } from './agenda-consultation.js';

/**
 * The demo municipality "Gemeente Voorbeeldstad": clearly fictional (CBS code GM9999 does not
 * exist), deterministic, and extended by every capability so that the demo shows everything.
 */
export interface DemoSeeder {
  name: string;
  seed(ctx: Context): Promise<void>;
}

const seeders: DemoSeeder[] = [
  { name: 'areas', seed: seedAreas },
  { name: 'statistics', seed: seedStatistics },
  { name: 'statistics-indices', seed: seedIndices },
  { name: 'parties', seed: seedParties },
  { name: 'notifications', seed: seedNotifications },
  { name: 'house-rules', seed: seedHouseRules },
  { name: 'comments', seed: seedComments },
  { name: 'interpretations', seed: seedInterpretations },
  { name: 'survey', seed: seedSurvey },
  { name: 'places', seed: seedPlaces },
  { name: 'history', seed: seedHistory },
  { name: 'money-flows', seed: seedMoneyFlows },
  { name: 'ecosystem', seed: seedEcosystem },
  { name: 'picture', seed: seedPicture },
  { name: 'summit', seed: seedSummit },
  { name: 'summit-day', seed: seedSummitDay },
  { name: 'summit-registrations', seed: seedSummitRegistrations },
  { name: 'agenda', seed: seedAgenda },
  { name: 'agenda-progress', seed: seedAgendaProgress },
  { name: 'agenda-distribution', seed: seedAgendaDistribution },
  { name: 'agenda-consultation', seed: seedAgendaConsultation },
];

export async function seedDemo(platform: Platform): Promise<void> {
  const tenant = await seedMunicipality(platform);
  const ctx: Context = { platform, actor: system, tenant, locale: 'nl' };
  for (const seeder of seeders) await seeder.seed(ctx);
}

/** Remove the demo municipality (and everything that carries its id) and seed it again. */
export async function resetDemo(platform: Platform): Promise<void> {
  const existing = await platform.db.selectFrom('municipalities').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
  if (existing) {
    await platform.db.transaction().execute(async (tx) => {
      const emails = demoAccounts.map((a) => a.email);
      const ids = (await tx.selectFrom('people').select('id').where('email', 'in', emails).execute()).map((p) => p.id);
      await forgetDemoNotifications(tx, ids);
      await tx.deleteFrom('people').where('email', 'in', emails).execute();
      await eraseDocumentsOfMunicipality(tx, existing.id);
      await tx.deleteFrom('municipalities').where('id', '=', existing.id).execute();
    });
  }
  await seedDemo(platform);
}

export async function seedDemoIfEmpty(platform: Platform): Promise<boolean> {
  const any = await platform.db.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await seedDemo(platform);
  return true;
}

export async function demoLogins(platform: Platform): Promise<Array<{ role: string; email: string; password: string; secondFactor: boolean }>> {
  const rows = await platform.db.selectFrom('people').select('email').where('email', 'in', demoAccounts.map((a) => a.email)).execute();
  const present = new Set(rows.map((r) => r.email));
  return demoAccounts.filter((a) => a.showAtStart && present.has(a.email))
    .map((a) => ({ role: a.label, email: a.email, password: DEMO_PASSWORD, secondFactor: 'secondFactor' in a && a.secondFactor }));
}

export { demoMunicipality, DEMO_SLUG, DEMO_PASSWORD, DEMO_TOTP_SECRET };
