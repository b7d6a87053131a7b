import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { postComment } from '../platform/comments/index.js';
import { execute } from '../platform/service.js';
import { listOrganisations } from '../capabilities/parties/index.js';
import { listPublicValues } from '../capabilities/municipality/index.js';
import { addDays } from '../capabilities/summit/model.js';
import { addAmbition, addTheme, agendaToday, createAgenda, editAgenda, findAgenda, openComments } from '../capabilities/agenda/index.js';

/**
 * A future agenda in its comment period, so the demo shows every resident the concept with the
 * comment form beside the Bloemenbuurt's adopted one: the district Oost's agenda, drafted by the
 * district's official for Stichting Buurtkracht Oost without a BuurtTop of its own (it gathers
 * what the neighbourhoods of Oost brought in), with two themes, three ambitions (one the
 * district's own goal), open for comments from today for three weeks, and two residents' comments.
 */
export const DEMO_CONSULTATION_AREA = 'WK999903';
export const DEMO_CONSULTATION_DAYS = 21;

export async function seedAgendaConsultation(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const [foundation] = await listOrganisations(db, tenant.id, { kinds: ['foundation'], areaCode: DEMO_CONSULTATION_AREA });
  if (!foundation) return;
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const today = agendaToday();
  const { id: agendaId } = await execute(official, createAgenda, { areaCode: DEMO_CONSULTATION_AREA, organiserId: foundation.id, firstYear: String(Number(today.slice(0, 4)) + 1) });
  const revision = async () => (await findAgenda(db, tenant.id, agendaId))!.revision;
  const agenda = (await findAgenda(db, tenant.id, agendaId))!;
  await execute(official, editAgenda, {
    agendaId, expectedRevision: await revision(), title: agenda.title, firstYear: String(agenda.firstYear), lastYear: String(agenda.lastYear),
    introduction: 'In Oost kwamen dit jaar bewoners uit vijf buurten bij elkaar in de buurthuizen en op straat. Dit concept zet op een rij wat zij samen willen bereiken.\n\nLees het en laat weten wat u mist of anders zou doen: tot het eind van de reactietermijn kan iedereen reageren.',
  });
  const values = await listPublicValues(db, tenant.id);
  const valueIds = (names: string[]) => values.filter((v) => names.includes(v.name_nl)).map((v) => v.id);
  const theme = async (name: string) => (await execute(official, addTheme, { agendaId, expectedRevision: await revision(), name })).id;
  const together = await theme('Samenleven en ontmoeten');
  const green = await theme('Groen en klimaat');
  const ambition = async (themeId: string, fields: Record<string, unknown>) => execute(official, addAmbition, { agendaId, expectedRevision: await revision(), themeId, ...fields });
  await ambition(together, {
    title: 'Elke buurt in Oost een plek om binnen te lopen', horizon: '5', values: valueIds(['Inclusie en samenleven']),
    body: 'In elke buurt van Oost is een plek waar je zonder afspraak binnen kunt lopen voor koffie, een praatje of hulp bij een formulier.',
    why: 'In Beekdal en De Weide is geen buurthuis meer; ouderen en nieuwkomers komen nergens samen.',
    step_1: 'Een rondgang langs lege ruimtes in Beekdal en De Weide', carrier_1: 'Stichting Buurtkracht Oost', step_2: 'Gesprek met de corporatie over een ruimte op de begane grond', carrier_2: 'Gemeente, wijkteam Oost',
  });
  await ambition(together, {
    title: 'Taalmaatjes voor iedere nieuwkomer die dat wil', horizon: '5', ownGoal: 'on', values: valueIds(['Inclusie en samenleven', 'Zorg en zorgzaamheid']),
    body: 'Wie nieuw is in Oost en Nederlands wil leren, heeft binnen een maand een taalmaatje uit de buurt.',
    step_1: 'Twintig buren werven als taalmaatje', carrier_1: 'Bibliotheek Oost en vrijwilligers',
  });
  await ambition(green, {
    title: 'Geveltuinen en minder tegels in elke straat', horizon: '10', values: valueIds(['Duurzaamheid', 'Leefbaarheid en openbare ruimte']),
    body: 'Elke straat in Oost heeft geveltuinen en minder stenen, zodat regen de grond in kan en het in de zomer koeler blijft.',
    why: 'Bij de buien van vorige zomer liepen kelders in Kastanjehof onder.',
    step_1: 'Een tegelwipdag per buurt', carrier_1: 'Bewoners met de gemeente',
  });
  await execute(official, openComments, {
    agendaId, expectedRevision: await revision(), opensOn: today, closesOn: addDays(today, DEMO_CONSULTATION_DAYS - 1),
    summary: 'Het concept, open voor reacties van alle bewoners.',
  });
  for (const [email, body] of [
    ['buurvrouw@voorbeeldstad.example', 'Goed plan, die inlooppunten. Kunnen ze ook ’s avonds open, voor wie overdag werkt?'],
    ['buurman@voorbeeldstad.example', 'Bij de geveltuinen graag ook regentonnen; die houden het water vast voor droge weken.'],
  ] as const) await execute(await asDemoPerson(ctx, email), postComment, { subjectType: 'agenda', subjectId: agendaId, body });
}
