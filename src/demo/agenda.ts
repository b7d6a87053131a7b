import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { execute } from '../platform/service.js';
import { postComment } from '../platform/comments/index.js';
import { addMember } from '../capabilities/parties/index.js';
import { listPublicValues } from '../capabilities/municipality/index.js';
import { listSummits } from '../capabilities/summit/index.js';
import { addDays } from '../capabilities/summit/model.js';
import {
  addAmbition, adoptAgenda, agendaAmbitionsOf, agendaToday, createAgenda, editAgenda, editAmbition, findAgenda, openComments, themesOf, type AgendaAmbition,
} from '../capabilities/agenda/index.js';

/**
 * The Bloemenbuurt's future agenda, made from its BuurtTop of a year ago through the drafting use
 * cases: the day's five agreed ambitions in their themes (the street party, whose objection
 * stands, is not among them), an introduction and one of the neighbourhood's own goals; the
 * concept open for comments about ten months ago, comments from residents, a revision that takes
 * them in, and the adoption by the task group's open members' meeting about eight months ago with
 * its decision reference. The Lindenhof has no agenda yet: its BuurtTop is still in preparation.
 *
 * Dates are relative to today. The use cases open a comment period only from today on, so the
 * seeder opens it today, lets residents comment, and then moves the period (and those comments)
 * back to where the story puts them — the demo's one step outside the use cases. The frozen
 * versions keep today as their publication time (versions cannot be changed).
 *
 * The adoption is recorded by Joke Visser, a member of the Bloemenbuurt's task group (the
 * neighbourhood's own people adopt; officials do not). The summit stays "held" (keepSummitOpen):
 * the demo's day and plenary remain open for trying out.
 */
export const DEMO_AGENDA_COMMENT_DAYS = 28;
/** Days before today: the comment period opened, and the agenda was adopted. */
export const DEMO_AGENDA_OPENED_AGO = 300;
export const DEMO_AGENDA_ADOPTED_AGO = 240;
export const DEMO_AGENDA_DECISION = 'ALV-Bloemenbuurt-2';
const TASK_GROUP_MEMBER = 'taakgroep-bloemenbuurt@voorbeeldstad.example';

/** The form of an ambition as it stands, with some fields changed (steps as numbered fields). */
function ambitionForm(agendaId: string, expectedRevision: number, a: AgendaAmbition, over: Record<string, unknown> = {}, steps = a.steps.map((s) => [s.step, s.carrier ?? ''] as const)) {
  return {
    agendaId, expectedRevision, ambitionId: a.id, themeId: a.themeId, title: a.title, body: a.body, why: a.why ?? '', horizon: String(a.horizon), ownGoal: a.ownGoal ? 'on' : '',
    values: a.values.map((v) => v.valueId), ...Object.fromEntries(steps.flatMap(([step, carrier], i) => [[`step_${i + 1}`, step], [`carrier_${i + 1}`, carrier]])), ...over,
  };
}

export async function seedAgenda(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const [summit] = await listSummits(db, tenant.id, { areaCodes: [DEMO_SUMMIT_AREAS.bloemenbuurt] });
  if (!summit) return;
  const today = agendaToday();
  const revision = async () => (await findAgenda(db, tenant.id, agendaId))!.revision;

  // The editorial team (the task group's organisers: officials, as the group has no board) starts from the day.
  const { id: agendaId } = await execute(official, createAgenda, {
    areaCode: DEMO_SUMMIT_AREAS.bloemenbuurt, organiserId: summit.organiserId, summitId: summit.id, firstYear: String(Number(today.slice(0, 4))),
  });
  const agenda = (await findAgenda(db, tenant.id, agendaId))!;
  await execute(official, editAgenda, {
    agendaId, expectedRevision: await revision(), title: agenda.title, firstYear: String(agenda.firstYear), lastYear: String(agenda.lastYear),
    introduction: 'Op de BuurtTop spraken zeventig bewoners af waar de Bloemenbuurt over vier jaar wil staan. Deze agenda zet die afspraken op een rij: per thema wat we willen, waarom, en wie de eerste stap zet.\n\nDe agenda is van de buurt. Instellingen en gemeente vragen we te laten weten wat zij eraan bijdragen.',
  });
  const themes = await themesOf(db, agendaId);
  const values = await listPublicValues(db, tenant.id);
  const valueIds = (names: string[]) => values.filter((v) => names.includes(v.name_nl)).map((v) => v.id);
  const liveability = themes.find((t) => t.name.toLowerCase().includes('leefbaar')) ?? themes[0]!;
  await execute(official, addAmbition, {
    agendaId, expectedRevision: await revision(), themeId: liveability.id, title: 'Een buurtkamer in de oude buurtsuper', horizon: '5', ownGoal: 'on',
    body: 'De lege winkel aan de Tulpstraat wordt een buurtkamer die bewoners zelf openhouden: koffie, een leestafel en een plek voor de buurtlijst.',
    why: 'Sinds de buurtsuper dicht is, mist de buurt een plek om even binnen te lopen.',
    values: valueIds(['Inclusie en samenleven']), step_1: 'Met de eigenaar praten over tijdelijk gebruik', carrier_1: 'Taakgroep BuurtTop', step_2: 'Een rooster van vrijwilligers', carrier_2: 'Bewoners van de Tulpstraat',
  });

  // The concept, open for comments (today, then moved back to ten months ago).
  await execute(official, openComments, { agendaId, expectedRevision: await revision(), opensOn: today, closesOn: addDays(today, DEMO_AGENDA_COMMENT_DAYS - 1) });
  const comments: Array<[string, string]> = [
    ['bewoner@voorbeeldstad.example', 'Mooi dat de buurtkamer erin staat. Kan de koffieochtend daar ook op zaterdag? Dan kunnen werkende mantelzorgers ook komen.'],
    ['buurman@voorbeeldstad.example', 'Bij het Tulpplein mis ik de fietsenstalling. Nu staan de fietsen overal tegen de bankjes.'],
    ['buurvrouw@voorbeeldstad.example', 'Graag bij de energiecoaches ook iemand die Turks spreekt; dan bereik je veel meer mensen in de Irisstraat.'],
  ];
  const posted: string[] = [];
  for (const [email, body] of comments) {
    try {
      posted.push((await execute(await asDemoPerson(ctx, email), postComment, { subjectType: 'agenda', subjectId: agendaId, body })).id);
    } catch (error) {
      // Comments on an agenda exist once its public page registers the subject kind "agenda".
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const opened = addDays(today, -DEMO_AGENDA_OPENED_AGO);
  await db.updateTable('agendas').set({ comments_open_on: opened, comments_close_on: addDays(opened, DEMO_AGENDA_COMMENT_DAYS - 1) }).where('id', '=', agendaId).execute();
  for (const [i, id] of posted.entries()) {
    const at = `${addDays(opened, 3 + 5 * i)}T${String(9 + i).padStart(2, '0')}:15:00.000Z`;
    await db.updateTable('comments').set({ created_at: at }).where('id', '=', id).execute();
  }

  // The revision takes the comments in.
  const ambitions = await agendaAmbitionsOf(db, agendaId);
  const plein = ambitions.find((a) => a.title.startsWith('Het Tulpplein'));
  if (plein) {
    await execute(official, editAmbition, ambitionForm(agendaId, await revision(), plein, {}, [
      ...plein.steps.map((s) => [s.step, s.carrier ?? ''] as const), ['Een fietsenstalling aan de rand van het plein', 'Gemeente, wijkbeheer'],
    ]));
  }
  const gas = ambitions.find((a) => a.title.startsWith('Samen van het gas af'));
  if (gas) {
    await execute(official, editAmbition, ambitionForm(agendaId, await revision(), gas, {
      body: `${gas.body} De coaches spreken samen de talen van de buurt.`,
    }));
  }

  // Adopted by the open members' meeting, recorded by a member of the task group.
  // Her account is one of the demo's logins (parties.ts), so a reset removes and makes it again.
  await execute(ctx, addMember, { organisationId: summit.organiserId, email: TASK_GROUP_MEMBER, duty: 'member' });
  const member = await asDemoPerson(ctx, TASK_GROUP_MEMBER);
  await execute(member, adoptAgenda, {
    agendaId, expectedRevision: await revision(), adoptedBy: 'Algemene ledenvergadering van de taakgroep (open voor alle bewoners)', method: 'meetingConsent',
    note: 'Vijfenveertig bewoners aanwezig; de agenda is bij consent vastgesteld, met de fietsenstalling en de talen van de energiecoaches erbij.',
    adoptedOn: addDays(today, -DEMO_AGENDA_ADOPTED_AGO), decisionReference: DEMO_AGENDA_DECISION, keepSummitOpen: 'on',
  });
}
