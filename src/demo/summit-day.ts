import { asDemoPerson } from './parties.js';
import { DEMO_SUMMIT_AREAS } from './summit.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { listPublicValues } from '../capabilities/municipality/index.js';
import {
  addGroupLink, addObjection, addRound, addTable, captureAmbition, correctAmbition, groupsOf, linksOf, listSummits, recordConsent, resolveObjection, setDots, setDotVoting,
} from '../capabilities/summit/index.js';

/**
 * The day of the Bloemenbuurt's BuurtTop (held a year ago): two rounds, five tables with their
 * facilitators, the information its working groups gathered from the neighbourhood picture, the
 * ambitions the tables wrote (with public values, facts and first steps) and the plenary: consent
 * for most, one objection resolved by amending the ambition, one that stands, and the dots counted
 * on paper beside them.
 */
interface DemoAmbition {
  theme: string;
  title: string;
  body: string;
  why: string;
  horizon: 5 | 10;
  values: string[];
  steps: Array<[string, string]>;
  dots: number;
}

const AMBITIONS: DemoAmbition[] = [
  {
    theme: 'care', title: 'Niemand in de Bloemenbuurt woont ongezien alleen', horizon: 5, dots: 23,
    body: 'Elke oudere die alleen woont, kent minstens twee buren bij naam en weet waar de koffieochtend is.',
    why: 'Het aandeel 65-plussers groeit en een deel van hen komt de deur bijna niet uit.',
    values: ['Zorg en zorgzaamheid', 'Inclusie en samenleven'],
    steps: [['Een buurtbezoekersgroep opzetten die elke nieuwe oudere bewoner welkom heet', 'Opbouwwerk met vrijwilligers van De Morgenster'], ['De koffieochtend ook op zaterdag', 'Kerkzaal De Morgenster']],
  },
  {
    theme: 'care', title: 'Boodschappen en klusjes dichtbij geregeld', horizon: 5, dots: 9,
    body: 'Een buurtlijst van mensen die boodschappen doen of een klusje oppakken voor wie dat zelf niet kan.',
    why: 'Sinds de buurtsuper dicht is, lopen mensen zonder auto ver.',
    values: ['Zorg en zorgzaamheid', 'Delen en herverdelen'],
    steps: [['Een proef met een boodschappenrondje op dinsdag', 'Jongerenwerk']],
  },
  {
    theme: 'housing', title: 'Kleiner wonen in de eigen buurt', horizon: 10, dots: 17,
    body: 'Ouderen die kleiner willen wonen, vinden een passende woning in de Bloemenbuurt; hun gezinswoning komt vrij voor jonge gezinnen.',
    why: 'Nu verhuizen ouderen de buurt uit en blijven gezinswoningen onderbezet.',
    values: ['Delen en herverdelen', 'Inclusie en samenleven'],
    steps: [['Samen met de corporatie een woningruilregeling voor de buurt', 'Huurders van de Tulpstraat'], ['Een inventarisatie van wie kleiner wil wonen', 'Taakgroep BuurtTop']],
  },
  {
    theme: 'liveability', title: 'Het Tulpplein als huiskamer van de buurt', horizon: 5, dots: 31,
    body: 'Het Tulpplein krijgt bankjes, schaduw en een plek voor de markt, en wordt samen met bewoners beheerd.',
    why: 'Na de ruzie over parkeren is er geen plek waar buren elkaar zonder afspraak tegenkomen.',
    values: ['Leefbaarheid en openbare ruimte', 'Inclusie en samenleven'],
    steps: [['Een ontwerpavond met de buurt in De Morgenster', 'Bewoners rond het plein'], ['Afspraken over het parkeren aan de rand van het plein', 'Gemeente, wijkbeheer']],
  },
  {
    theme: 'sustainability', title: 'Samen van het gas af, blok voor blok', horizon: 10, dots: 12,
    body: 'Elk bouwblok heeft een energiecoach uit de buurt en een plan om van het gas af te gaan, te beginnen met isoleren.',
    why: 'De energierekening drukt zwaar op huishoudens met een laag inkomen.',
    values: ['Duurzaamheid', 'Delen en herverdelen'],
    steps: [['Vijf bewoners opleiden tot energiecoach', 'Energiecoöperatie Voorbeeldstad']],
  },
  {
    theme: 'culture', title: 'Een buurtfeest dat van iedereen is', horizon: 5, dots: 6,
    body: 'Eens per jaar een feest op het plein dat bewoners zelf maken, met eten uit alle keukens van de buurt.',
    why: 'Nieuwe bewoners en mensen die hier al vijftig jaar wonen, kennen elkaar nauwelijks.',
    values: ['Inclusie en samenleven'],
    steps: [['Een werkgroep feest met vijf nationaliteiten', 'Vrijwilligers van de bibliotheek']],
  },
];

export async function seedSummitDay(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const official = await asDemoPerson(ctx, 'ambtenaar@voorbeeldstad.example');
  const [held] = await listSummits(db, tenant.id, { areaCodes: [DEMO_SUMMIT_AREAS.bloemenbuurt] });
  if (!held) return;
  const summitId = held.id;
  const groups = await groupsOf(db, summitId);
  const group = (theme: string) => groups.find((g) => g.theme === theme)!;
  const place = await db.selectFrom('places').select('id').where('municipality_id', '=', tenant.id).where('name', '=', 'Kerkzaal De Morgenster').executeTakeFirst();

  // What the working groups gathered beforehand: the facts a table can point at.
  await execute(official, addGroupLink, { summitId, groupId: group('care').id, kind: 'figure', reference: 's_65_oo', note: 'Het aandeel 65-plussers groeit.' });
  await execute(official, addGroupLink, { summitId, groupId: group('housing').id, kind: 'figure', reference: 's_65_oo', note: 'Wie kleiner wil wonen, vindt nu niets in de buurt.' });
  await execute(official, addGroupLink, { summitId, groupId: group('liveability').id, kind: 'picture', reference: 'zorgen', note: 'Het parkeren staat in het wijkbeeld bij wat zorgen baart.' });
  await execute(official, addGroupLink, { summitId, groupId: group('sustainability').id, kind: 'picture', reference: 'part-money', note: 'Wat er nu aan publiek geld naar energie in de buurt gaat.' });
  if (place) await execute(official, addGroupLink, { summitId, groupId: group('culture').id, kind: 'place', reference: place.id, note: 'Hier komen de meeste buren samen.' });

  const rounds = [];
  for (const name of ['Ronde 1 (13:30)', 'Ronde 2 (15:00)']) rounds.push((await execute(official, addRound, { summitId, name })).id);
  const facilitators: Record<string, [number, string]> = { care: [0, 'Yusuf Demir'], housing: [0, 'Sanne Koster'], culture: [0, 'Els van Dijk'], liveability: [1, 'Sanne Koster'], sustainability: [1, 'Yusuf Demir'] };
  const tables = new Map<string, string>();
  for (const [theme, [round, facilitator]] of Object.entries(facilitators)) {
    tables.set(theme, (await execute(official, addTable, { summitId, roundId: rounds[round]!, groupId: group(theme).id, facilitator })).id);
  }

  const values = await listPublicValues(db, tenant.id);
  const valueIds = (names: string[]) => values.filter((v) => names.includes(v.name_nl)).map((v) => v.id);
  const ids = new Map<string, string>();
  const form = (a: DemoAmbition) => {
    const steps = Object.fromEntries(a.steps.flatMap(([step, carrier], i) => [[`step_${i + 1}`, step], [`carrier_${i + 1}`, carrier]]));
    return { summitId, tableId: tables.get(a.theme)!, title: a.title, body: a.body, why: a.why, horizon: String(a.horizon), values: valueIds(a.values), ...steps };
  };
  for (const a of AMBITIONS) {
    const facts = (await linksOf(db, [group(a.theme).id])).map((l) => l.id);
    ids.set(a.title, (await execute(official, captureAmbition, { ...form(a), facts })).id);
  }

  // The plenary: dots as one signal, consent per ambition, objections with their reasons.
  await execute(official, setDotVoting, { summitId, enabled: 'on' });
  for (const a of AMBITIONS) await execute(official, setDots, { summitId, id: ids.get(a.title)!, dots: String(a.dots) });
  const plein = AMBITIONS.find((a) => a.theme === 'liveability')!;
  const { id: amended } = await execute(official, addObjection, { summitId, id: ids.get(plein.title)!, reason: 'Marktkramen op het plein nemen de speelplek van de kinderen in.', raisedBy: 'Moeder van twee kinderen uit de Irisstraat' });
  const pleinFacts = (await linksOf(db, [group('liveability').id])).map((l) => l.id);
  await execute(official, correctAmbition, {
    ...form(plein), id: ids.get(plein.title)!, facts: pleinFacts,
    body: 'Het Tulpplein krijgt bankjes, schaduw, een vaste speelplek en een plek voor de markt, en wordt samen met bewoners beheerd.',
  });
  await execute(official, resolveObjection, { summitId, id: amended, resolution: 'amended' });
  const feest = AMBITIONS.find((a) => a.theme === 'culture')!;
  await execute(official, addObjection, { summitId, id: ids.get(feest.title)!, reason: 'Zonder vaste trekkers blijft het bij één keer; eerst een groep die het draagt.', raisedBy: '' });
  for (const a of AMBITIONS) await execute(official, recordConsent, { summitId, id: ids.get(a.title)!, consent: 'on' });
  const [objection] = await db.selectFrom('summit_objections').select('id').where('ambition_id', '=', ids.get(feest.title)!).execute();
  await execute(official, resolveObjection, { summitId, id: objection!.id, resolution: 'stands' });
}
