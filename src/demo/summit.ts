import { asDemoPerson } from './parties.js';
import { seedBloemenbuurtRegistrations } from './summit-registrations.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { createOrganisation } from '../capabilities/parties/index.js';
import { interpretationsOfArea } from '../capabilities/interpretations/index.js';
import {
  DEFAULT_PLAN, addGroupLink, addGroupMember, addMilestone, changeSummitStatus, createSummit, editGroup, editMilestone, groupsOf, milestonesOf, setYearlyDay, writeBriefing,
} from '../capabilities/summit/index.js';

/**
 * BuurtTops of Voorbeeldstad: the Lindenhof's in preparation (organised by its resident
 * association, at Buurthuis De Vaart, about four months from when the demo is seeded), with its
 * first steps done, one step overdue, working groups under way with members, notes, questions,
 * information and one briefing; and the Bloemenbuurt's of a year ago, held, organised by a task
 * group because the neighbourhood has no resident organisation (its agenda comes with the agenda
 * capability). Dates count from the day of seeding, so the demo always shows a summit to come.
 */
export const DEMO_SUMMIT_AREAS = { lindenhof: 'BU99990102', bloemenbuurt: 'BU99990202' } as const;

const DAY = 86_400_000;
/** The Saturday on or before a day (YYYY-MM-DD). */
const saturdayBefore = (at: Date) => new Date(at.getTime() - ((at.getUTCDay() + 1) % 7) * DAY).toISOString().slice(0, 10);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export async function seedSummit(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const chair = await asDemoPerson(ctx, 'bewoner@voorbeeldstad.example');
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const today = new Date().toISOString().slice(0, 10);
  const placeId = async (name: string) => (await db.selectFrom('places').select('id').where('municipality_id', '=', tenant.id).where('name', '=', name).executeTakeFirstOrThrow()).id;

  // ---- the Lindenhof: in preparation -------------------------------------------------------------------
  const lindenhofOrg = (await db.selectFrom('organisations').select('id').where('municipality_id', '=', tenant.id).where('name', '=', 'Bewonersvereniging De Lindenhof').executeTakeFirstOrThrow()).id;
  const day = saturdayBefore(new Date(Date.now() + 125 * DAY));
  const { id: summitId } = await execute(chair, createSummit, {
    areaCode: DEMO_SUMMIT_AREAS.lindenhof, organiserId: lindenhofOrg, date: day, startTime: '10:00', endTime: '16:00', placeId: await placeId('Buurthuis De Vaart'),
    description: 'Op deze dag schrijven we samen hoe de Lindenhof er over tien jaar uitziet: bewoners, ondernemers, de school, de moskee en de kerk, de corporatie en de gemeente aan tafel. Iedereen die in de Lindenhof woont of werkt is welkom; er is kinderopvang en een tolk Turks en Arabisch.',
  });
  const owners: Record<string, string> = { coreTeam: 'Anja de Vries (voorzitter)', workingGroups: 'Kernteam', picture: 'Werkgroepen', invitations: 'Secretaris', briefings: 'Elke werkgroep' };
  for (const m of await milestonesOf(db, summitId)) {
    // The core team started half a year ahead, before the summit was entered here: the plan's dates as they were.
    const step = DEFAULT_PLAN.find((p) => p.key === m.templateKey)!;
    const due = shift(day, step.offsetDays);
    const done = due < today ? [shift(due, step.key === 'coreTeam' ? 5 : 2), today].sort()[0]! : '';
    await execute(chair, editMilestone, { summitId, id: m.id, title: m.title, owner: owners[step.key] ?? '', dueOn: due, doneOn: done });
  }
  await execute(chair, addMilestone, { summitId, title: 'Zaal en catering vastleggen bij Buurthuis De Vaart', owner: 'Henk Bakker (penningmeester)', dueOn: shift(today, -7) });

  const groups = await groupsOf(db, summitId);
  const group = (theme: string) => groups.find((g) => g.theme === theme)!;
  const groupWork: Record<string, { members: Array<[string, string]>; notes: string; questions: string }> = {
    housing: {
      members: [['Gerrit Mulder', 'bewoner, huurder aan de Vaartkade'], ['Fatma Yilmaz', 'secretaris bewonersvereniging'], ['Marco Visser', 'Woonstichting Voorbeeldstad']],
      notes: 'Eerste bijeenkomst in het buurthuis: twaalf mensen. De huren na de renovatie zijn het grootste gesprek.\n\nDe corporatie wil op de BuurtTop vertellen over de plannen voor de Vaartkade.',
      questions: 'Hoeveel huishoudens hebben na de renovatie moeite met de huur?\nKunnen ouderen in de buurt blijven als ze kleiner willen wonen?\nWat zijn de plannen van de corporatie voor de Vaartkade?',
    },
    liveability: {
      members: [['Priya Opbouwwerker', 'opbouwwerker Welzijn Voorbeeldstad'], ['Ria de Boer', 'bewoner, wandelgroep']],
      notes: 'Schouw door de buurt gepland op een zaterdagochtend, met de wandelgroep.',
      questions: 'Waar voelen mensen zich ’s avonds niet veilig?\nWaar kunnen kinderen buiten spelen?',
    },
    care: {
      members: [['Anja de Vries', 'voorzitter bewonersvereniging'], ['Joke Smit', 'wijkverpleegkundige'], ['Ahmed El Amrani', 'vrijwilliger koffieochtend']],
      notes: 'De koffieochtend is de plek waar we ouderen spreken; daar halen we verhalen op.',
      questions: 'Hoeveel ouderen wonen alleen?\nWie helpt als de buurtsuper weg is?',
    },
  };
  for (const [theme, work] of Object.entries(groupWork)) {
    const g = group(theme);
    await execute(chair, editGroup, { summitId, id: g.id, name: g.name, notes: work.notes, questions: work.questions });
    for (const [name, role] of work.members) await execute(chair, addGroupMember, { summitId, groupId: g.id, name, role });
  }
  const care = group('care');
  const reading = (await interpretationsOfArea(db, tenant.id, DEMO_SUMMIT_AREAS.lindenhof)).find((r) => r.body !== '');
  await execute(chair, addGroupLink, { summitId, groupId: care.id, kind: 'figure', reference: 's_65_oo', note: 'Het aandeel 65-plussers groeit; hoeveel van hen wonen alleen?' });
  if (reading) await execute(chair, addGroupLink, { summitId, groupId: care.id, kind: 'interpretation', reference: reading.id, note: 'Zo kijken bewoners zelf naar de cijfers.' });
  await execute(chair, addGroupLink, { summitId, groupId: care.id, kind: 'place', reference: await placeId('Buurthuis De Vaart'), note: 'Waar de koffieochtend is.' });
  const koffie = await db.selectFrom('ecosystem_actors').select('id').where('municipality_id', '=', tenant.id).where('name', '=', 'Koffieochtend in het buurthuis').executeTakeFirst();
  if (koffie) await execute(chair, addGroupLink, { summitId, groupId: care.id, kind: 'ecosystem', reference: koffie.id, note: 'Dertig bezoekers per week, vooral ouderen.' });
  await execute(chair, addGroupLink, { summitId, groupId: group('housing').id, kind: 'picture', reference: 'zorgen', note: 'De huren staan in het wijkbeeld bij wat ons zorgen baart.' });
  await execute(chair, writeBriefing, {
    summitId, id: care.id,
    briefing: 'In de Lindenhof wonen steeds meer ouderen, en een deel van hen woont alleen. Sinds de buurtsuper dicht is, moeten mensen zonder auto ver lopen voor hun boodschappen.\n\nTegelijk is er veel: de koffieochtend in Buurthuis De Vaart trekt elke week zo’n dertig bezoekers, de wijkverpleging kent de buurt goed en buren helpen elkaar.\n\nOp de BuurtTop willen we met u bespreken: hoe houden we elkaar in het oog, wie helpt er met boodschappen, en wat heeft de buurt nodig om dat zelf te dragen?',
  });

  // ---- the Bloemenbuurt: held a year ago, organised by a task group ------------------------------------
  const taskGroup = (await execute(official, createOrganisation, {
    kind: 'task_group', name: 'Taakgroep BuurtTop Bloemenbuurt', areaCode: DEMO_SUMMIT_AREAS.bloemenbuurt,
    description: 'Bewoners, de bibliotheek, het opbouwwerk en de gemeente bereiden samen de BuurtTop van de Bloemenbuurt voor, zolang er geen bewonersorganisatie is.',
  })).id;
  const heldOn = saturdayBefore(new Date(Date.now() - 365 * DAY));
  const { id: heldId } = await execute(official, createSummit, {
    areaCode: DEMO_SUMMIT_AREAS.bloemenbuurt, organiserId: taskGroup, title: 'BuurtTop Bloemenbuurt', date: heldOn, startTime: '13:00', endTime: '17:30',
    placeId: await placeId('Kerkzaal De Morgenster'), capacity: '90',
    description: 'De eerste BuurtTop van de Bloemenbuurt: over ontmoeten, ouderen die alleen wonen, en hoe we na de ruzie over parkeren weer samen verder kunnen.',
  });
  for (const m of await milestonesOf(db, heldId)) {
    const step = DEFAULT_PLAN.find((p) => p.key === m.templateKey)!;
    const due = shift(heldOn, step.offsetDays);
    await execute(official, editMilestone, { summitId: heldId, id: m.id, title: m.title, owner: '', dueOn: due, doneOn: step.offsetDays <= 42 ? shift(due, 1) : '' });
  }
  await execute(official, changeSummitStatus, { id: heldId, status: 'registration' });
  await seedBloemenbuurtRegistrations(official, heldId);
  await execute(official, changeSummitStatus, { id: heldId, status: 'held', note: 'Zeventig deelnemers aan twaalf tafels.' });

  // ---- the municipality's BuurtTop days: the Bloemenbuurt's was held on last one, the Lindenhof's is planned on the next; this year's too ----
  const days = new Map<number, string>([[Number(heldOn.slice(0, 4)), heldOn], [Number(day.slice(0, 4)), day]]);
  const thisYear = Number(today.slice(0, 4));
  if (!days.has(thisYear)) days.set(thisYear, secondSaturdayOfSeptember(thisYear));
  for (const [year, date] of [...days].sort(([a], [b]) => a - b)) {
    await execute(official, setYearlyDay, { year, date, note: 'Op de BuurtTop-dag houden de buurten hun BuurtTop. De gemeente zorgt voor koffie, een tolk op aanvraag en kinderopvang in elke wijk.' });
  }
}

function secondSaturdayOfSeptember(year: number): string {
  const first = new Date(Date.UTC(year, 8, 1));
  return new Date(Date.UTC(year, 8, 1 + ((6 - first.getUTCDay() + 7) % 7) + 7)).toISOString().slice(0, 10);
}
