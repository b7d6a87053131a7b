import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { eraseRegistrationsOfPastSummits, groupsOf, listSummits, recordAttendance, registerByHand, registrationsOf } from '../capabilities/summit/index.js';
import { seededRandom } from './random.js';

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
  await seedBloemenbuurtAttendance(ctx);
}

/** The Bloemenbuurt's held BuurtTop: 48 registered, 42 of them came, and 28 walked in — the seventy of its day. */
export const BLOEMENBUURT_ATTENDANCE = { registered: 48, came: 42, walkIns: 28 } as const;

const FIRST = ['Fatima', 'Henk', 'Ayşe', 'Gerrit', 'Lotte', 'Mohamed', 'Ria', 'Sem', 'Nadia', 'Kees', 'Priya', 'Wim', 'Hatice', 'Jan', 'Sanne', 'Omar'];
const LAST = ['de Vries', 'Yılmaz', 'Dekker', 'El Amrani', 'Bakker', 'Visser', 'Koç', 'Smit', 'Mulder', 'Ramdin', 'de Boer', 'Bos'];

/**
 * While the Bloemenbuurt's registration was open (summit.ts calls this between opening it and the
 * day): the task group registered its neighbours by hand, at the door and by phone, without
 * addresses (the demo sends no mail).
 */
export async function seedBloemenbuurtRegistrations(organiser: Context, summitId: string): Promise<void> {
  const random = seededRandom(2026);
  const groups = await groupsOf(organiser.platform.db, summitId);
  for (let i = 0; i < BLOEMENBUURT_ATTENDANCE.registered; i++) {
    await execute(organiser, registerByHand, {
      summitId, name: `${FIRST[i % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`, themes: [random.pick(groups).id],
      ...(i % 9 === 0 ? { accessNeeds: 'Rolstoel' } : {}), ...(i % 7 === 3 ? { languageHelp: random.pick(['Turks', 'Arabisch', 'Tigrinya']) } : {}),
    });
  }
}

/**
 * After the Bloemenbuurt's day: the task group ticked who came and counted the walk-ins; a month
 * later the retention job replaced the registrations by their counts, attendance included.
 */
async function seedBloemenbuurtAttendance(ctx: Context): Promise<void> {
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const [held] = await listSummits(ctx.platform.db, ctx.tenant!.id, { areaCodes: [DEMO_SUMMIT_AREAS.bloemenbuurt] });
  if (!held) return;
  const registrations = await registrationsOf(ctx.platform.db, held.id);
  if (registrations.length === 0) return;
  const came = registrations.filter((r) => r.status === 'confirmed').slice(0, BLOEMENBUURT_ATTENDANCE.came).map((r) => r.id);
  await execute(official, recordAttendance, { summitId: held.id, came, walkIns: BLOEMENBUURT_ATTENDANCE.walkIns });
  await eraseRegistrationsOfPastSummits(ctx.platform.db, new Date(Date.parse(held.endsAt) + 31 * 86_400_000).toISOString());
}
