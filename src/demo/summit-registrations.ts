import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { groupsOf, listSummits, registerByHand } from '../capabilities/summit/index.js';

/**
 * Registrations for the Lindenhof's BuurtTop. It is still in preparation (registration opens
 * when the invitations go out, six weeks ahead), so the registrations so far are the ones the
 * organisers took by hand — key people they phoned or met at the door — through the same use case
 * as the organisers' form: with themes, an access need, language help and child care, so the
 * organisers' list shows what there is to prepare for. The places (80) are far from taken: no
 * waiting list yet.
 */
export async function seedSummitRegistrations(ctx: Context): Promise<void> {
  const chair = await asDemoPerson(ctx, 'bewoner@voorbeeldstad.example');
  const [summit] = await listSummits(ctx.platform.db, ctx.tenant!.id, { areaCodes: [DEMO_SUMMIT_AREAS.lindenhof] });
  if (!summit) return;
  const groups = await groupsOf(ctx.platform.db, summit.id);
  const theme = (key: string) => groups.find((g) => g.theme === key)?.id;
  const people = [
    { name: 'Meryem Aydın', phone: '06 2345 6789', themes: [theme('housing'), theme('care')], languageHelp: 'Turks', children: '2' },
    { name: 'Bas van Leeuwen', email: 'bas.vanleeuwen@voorbeeldstad.example', themes: [theme('sustainability')] },
    { name: 'Truus Hendriks', phone: '020 765 4321', themes: [theme('care'), theme('liveability')], accessNeeds: 'Rolstoel; graag een plek dicht bij de deur.' },
    { name: 'Youssef Benali', phone: '06 8765 4321', themes: [theme('culture')], languageHelp: 'Arabisch' },
  ];
  for (const person of people) {
    await execute(chair, registerByHand, { summitId: summit.id, ...person, themes: person.themes.filter((id): id is string => id !== undefined) });
  }
}
