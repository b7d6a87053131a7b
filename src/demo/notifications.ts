import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { enqueue } from '../platform/jobs.js';
import { DIGEST_JOB, eraseNotificationsOf } from '../platform/notifications/index.js';
import { follow, setPreferences } from '../platform/notifications/service.js';
import { updateOrganisation } from '../capabilities/parties/service.js';
import type { Tx } from '../platform/service.js';

/** Follows, preferences, an update that reaches the followers, and a daily digest. */
export async function seedNotifications(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const org = async (name: string) => (await db.selectFrom('organisations').select(['id', 'kind', 'name', 'description', 'area_code', 'parent_id', 'email', 'website']).where('name', '=', name).where('municipality_id', '=', ctx.tenant!.id).executeTakeFirstOrThrow());
  const lindenhof = await org('Bewonersvereniging De Lindenhof');
  const oost = await org('Stichting Buurtkracht Oost');

  const anja = await as('bewoner@voorbeeldstad.example');
  await execute(anja, follow, { targetType: 'area', targetId: 'BU99990102' });
  await execute(anja, follow, { targetType: 'organisation', targetId: oost.id });
  const kees = await as('buurman@voorbeeldstad.example');
  await execute(kees, follow, { targetType: 'organisation', targetId: lindenhof.id });
  await execute(kees, setPreferences, { 'organisation.updated': 'daily' });
  const fatma = await as('buurvrouw@voorbeeldstad.example');
  await execute(fatma, follow, { targetType: 'organisation', targetId: lindenhof.id });
  await execute(fatma, setPreferences, { 'organisation.updated': 'immediately' });

  // The chair updates the association's page: its followers hear of it.
  await execute(anja, updateOrganisation, {
    id: lindenhof.id, kind: lindenhof.kind, name: lindenhof.name, areaCode: lindenhof.area_code ?? undefined, email: lindenhof.email ?? undefined,
    description: `${lindenhof.description ?? ''}\n\nNieuw: elke eerste zaterdag van de maand een repair café in het buurthuis.`,
  });
  await ctx.platform.jobs.drain();
  // And today's digest goes out, so the demo has one to show.
  await enqueue(db, DIGEST_JOB, { run: 'demo', after: '' }, { uniqueKey: `digest:demo:${ctx.tenant!.id}` });
  await ctx.platform.jobs.drain();
}

/** For a demo reset: what notifications hold about the demo's people. */
export async function forgetDemoNotifications(tx: Tx, personIds: string[]): Promise<void> {
  for (const id of personIds) await eraseNotificationsOf(tx, id);
}
