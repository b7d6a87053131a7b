import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { addDays } from '../capabilities/summit/model.js';
import { addAmbitionMember, addProgress, agendaAmbitionsOf, agendaToday, correctProgress, listAgendas, type ProgressStatus } from '../capabilities/agenda/index.js';

/**
 * The follow-up of the Bloemenbuurt's adopted agenda in the months since its adoption, through the
 * follow-up's use cases (as the municipality's official of the editorial team): working groups on
 * three ambitions, the Tulpplein achieved (a bench circle, a fixed play area, the bicycle rack),
 * going off the gas and "nobody lives alone unseen" under way, errands and odd jobs dropped with
 * the reason, and the rest not started — one of them with a first step planned. One update was
 * corrected afterwards (a wrong day), which the ambition's page shows.
 */
interface DemoUpdate {
  /** Days after the adoption (never past today). */
  after: number;
  status: ProgressStatus;
  happened: string;
  next?: string;
  reason?: string;
}

interface DemoFollowUp {
  /** The start of the ambition's title. */
  title: string;
  members: Array<[name: string, role: string]>;
  updates: DemoUpdate[];
}

const FOLLOW_UP: DemoFollowUp[] = [
  {
    title: 'Het Tulpplein',
    members: [['Ayşe Kaya', 'trekker'], ['Bram de Wit', 'contact met wijkbeheer'], ['Lotte de Groot', '']],
    updates: [
      { after: 21, status: 'underWay', happened: 'Met wijkbeheer over het plein gelopen; de bankjes in een kring en een vaste speelplek zijn in het onderhoudsplan opgenomen.', next: 'Bewoners kiezen samen het speeltoestel.' },
      { after: 96, status: 'underWay', happened: 'Zestig bewoners kozen het speeltoestel op de pleinmiddag. De fietsenstalling is besteld.', next: 'Plaatsing in het voorjaar.' },
      { after: 201, status: 'achieved', happened: 'De bankjes staan in een kring, het speeltoestel en de fietsenstalling zijn geplaatst. Het plein werd geopend met koffie en muziek.', next: 'Elke eerste zaterdag van de maand een pleinmiddag.' },
    ],
  },
  {
    title: 'Samen van het gas af',
    members: [['Kees Bakker', 'energiecoach'], ['Nurcan Öztürk', 'energiecoach, spreekt Turks']],
    updates: [
      { after: 45, status: 'underWay', happened: 'Vier energiecoaches opgeleid; het eerste blok (Irisstraat 2–40) doet mee aan de warmtescan.', next: 'Gezamenlijke inkoop van isolatie voor het eerste blok.' },
      { after: 170, status: 'underWay', happened: 'Achttien woningen in de Irisstraat zijn geïsoleerd. De corporatie doet mee met haar huurwoningen.', next: 'Het tweede blok (Rozenstraat) benaderen.' },
    ],
  },
  {
    title: 'Niemand in de Bloemenbuurt',
    members: [['Ria Smit', 'trekker'], ['Mohamed El Amrani', '']],
    updates: [
      { after: 60, status: 'underWay', happened: 'Twaalf buren bezoeken elke week een oudere in hun straat. De huisarts verwijst naar de bezoekersgroep.', next: 'Een tweede groep voor de Lelieflat.' },
    ],
  },
  {
    title: 'Boodschappen en klusjes',
    members: [],
    updates: [
      { after: 30, status: 'underWay', happened: 'Een oproep voor klussers in de buurtkrant; drie mensen meldden zich.' },
      { after: 150, status: 'dropped', happened: 'De klussendienst is gestopt.', reason: 'Te weinig vrijwilligers om het vol te houden. De buurtapp van de welzijnsorganisatie doet nu hetzelfde; we verwijzen daarnaar.' },
    ],
  },
  {
    title: 'Een buurtkamer',
    members: [],
    updates: [
      { after: 120, status: 'notStarted', happened: 'De eigenaar van de oude buurtsuper wil eerst weten wat de gemeente met het pand van plan is.', next: 'Gesprek met de gemeente over tijdelijk gebruik.' },
    ],
  },
];

export async function seedAgendaProgress(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const agenda = (await listAgendas(db, tenant.id, { areaCodes: [DEMO_SUMMIT_AREAS.bloemenbuurt] })).find((a) => a.status === 'adopted' && a.adoptedOn);
  if (!agenda) return;
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const ambitions = await agendaAmbitionsOf(db, agenda.id);
  const today = agendaToday();
  const day = (after: number) => {
    const d = addDays(agenda.adoptedOn!, after);
    return d > today ? today : d;
  };
  for (const followUp of FOLLOW_UP) {
    const ambition = ambitions.find((a) => a.title.startsWith(followUp.title));
    if (!ambition) continue;
    for (const [name, role] of followUp.members) await execute(official, addAmbitionMember, { agendaId: agenda.id, ambitionId: ambition.id, name, role });
    for (const u of followUp.updates) {
      await execute(official, addProgress, { agendaId: agenda.id, ambitionId: ambition.id, status: u.status, happened: u.happened, next: u.next ?? '', reason: u.reason ?? '', reportedOn: day(u.after) });
    }
  }
  // A correction in the open: the first update on going off the gas was reported for the wrong day.
  const gas = ambitions.find((a) => a.title.startsWith('Samen van het gas af'));
  const first = gas ? await db.selectFrom('agenda_progress').selectAll().where('ambition_id', '=', gas.id).orderBy('reported_on').executeTakeFirst() : undefined;
  if (gas && first) {
    await execute(official, correctProgress, {
      agendaId: agenda.id, ambitionId: gas.id, id: first.id, status: first.status, happened: first.happened, next: first.next ?? '', reason: first.reason ?? '', reportedOn: day(52),
    });
  }
}
