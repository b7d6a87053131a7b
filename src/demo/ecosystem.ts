import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { addActor, addKeyPerson, addRelation, assessElement, withdrawConsent } from '../capabilities/ecosystem/index.js';
import { listPlaces } from '../capabilities/places/index.js';

/** The demo neighbourhoods with a social ecosystem: the Lindenhof and the Bloemenbuurt. */
export const DEMO_ECOSYSTEM_AREAS = ['BU99990102', 'BU99990202'] as const;

type ActorSpec = { key: string; kind: string; name: string; description?: string; organisation?: string; activities?: string; hoursPerWeek?: string; areaBound?: 'yes' | 'no' };
type Tie = [from: string, kind: string, to: string, note?: string, since?: string];
type PlaceTie = [from: string, place: string, note?: string];

/**
 * Two ecosystems that make the network view worth reading. In the Lindenhof, a group around the
 * community centre (the coffee morning, the walking group, the residents' association and a key
 * person who agreed to be named) and a group around the families (play morning, football club, youth
 * work) are connected only through the neighbourhood team: a broker. The women's group of the mosque
 * stands apart. A second key person was named and then withdrew consent: they are gone everywhere,
 * relations included. In the Bloemenbuurt a small network has thin professional presence and a
 * snack bar that no one is connected with yet.
 */
export async function seedEcosystem(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const year = tenant.divisionYear;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const anja = await as('bewoner@voorbeeldstad.example');
  const priya = await as('opbouwwerker@voorbeeldstad.example');
  const olga = await as('ambtenaar@voorbeeldstad.example');

  const build = async (areaCode: string, who: Context, actors: ActorSpec[], ties: Tie[], places: PlaceTie[]) => {
    const ids: Record<string, string> = {};
    for (const { key, ...fields } of actors) ids[key] = (await execute(who, addActor, { areaCode, ...fields })).id;
    const keyPerson = async (key: string, name: string, role: string, consentMethod: string) => {
      ids[key] = (await execute(who, addKeyPerson, { areaCode, name, role, consentMethod, consentGivenOn: `${year}-02-10`, consentConfirmed: 'on' })).id;
    };
    const relate = async () => {
      for (const [from, kind, to, note, since] of ties) await execute(who, addRelation, { areaCode, kind, fromId: ids[from], toId: ids[to], note, since });
      // A place the places demo has is named by its id (so the relation links to its page); others by name.
      const listed = new Map((await listPlaces(db, tenant.id)).map((p) => [p.name, p.id]));
      for (const [from, placeName, note] of places) await execute(who, addRelation, { areaCode, kind: 'uses_place', fromId: ids[from], placeName, placeRef: listed.get(placeName), note });
    };
    return { ids, keyPerson, relate };
  };

  // ---- the Lindenhof -----------------------------------------------------------------------------
  const lindenhof = await build(DEMO_ECOSYSTEM_AREAS[0], priya, [
    { key: 'koffie', kind: 'informal', name: 'Koffieochtend in het buurthuis', description: 'Elke woensdag koffie en een praatje; zo\'n dertig bezoekers, vooral ouderen.' },
    { key: 'wandel', kind: 'informal', name: 'Wandelgroep Lindenhof', description: 'Loopt al vier jaar elke zaterdag een rondje door de buurt.' },
    { key: 'vereniging', kind: 'resident_organisation', name: 'Bewonersvereniging De Lindenhof', description: 'Organiseert de zomermarkt, de burendag en het spreekuur.' },
    { key: 'bakker', kind: 'entrepreneur', name: 'Bakkerij Van Dam', description: 'Levert elke week het gebak voor de koffieochtend.' },
    { key: 'team', kind: 'professional', name: 'Buurtteam Lindenhof', organisation: 'Welzijn Voorbeeldstad', activities: 'Opbouwwerk, spreekuur en huisbezoeken bij ouderen en gezinnen', hoursPerWeek: '16', areaBound: 'yes' },
    { key: 'speel', kind: 'initiative', name: 'Speelochtend voor ouders en kinderen', description: 'Ouders zetten zelf een speelochtend op voor de jongste kinderen.' },
    { key: 'voetbal', kind: 'association', name: 'VV Lindenhof', description: 'Voetbalclub met zes jeugdteams.' },
    { key: 'jongeren', kind: 'professional', name: 'Jongerenwerk Oost', organisation: 'Stichting Jong Voorbeeldstad', activities: 'Ambulant jongerenwerk en de inloop op vrijdagavond', hoursPerWeek: '6', areaBound: 'no' },
    { key: 'vrouwen', kind: 'informal', name: 'Vrouwengroep van de moskee', description: 'Komt wekelijks samen voor thee, taal en steun; nog weinig contact met de rest van de buurt.' },
  ], [
    ['wandel', 'collaborates', 'koffie', 'Na de wandeling koffie in het buurthuis', `${year - 3}-04-01`],
    ['koffie', 'member_of', 'vereniging', 'De koffieochtend valt onder de vereniging'],
    ['wandel', 'member_of', 'vereniging'],
    ['bakker', 'supports', 'koffie', 'Gebak voor de halve prijs', `${year - 1}-09-01`],
    ['riet', 'member_of', 'koffie', 'Zet elke woensdag de koffie'],
    ['riet', 'collaborates', 'wandel'],
    ['team', 'supports', 'vereniging', 'Helpt bij subsidieaanvragen', `${year - 2}-01-15`],
    ['team', 'refers_to', 'koffie', 'Verwijst alleenwonende ouderen naar de koffieochtend'],
    ['team', 'supports', 'speel', 'Denkt mee over een vaste ruimte'],
    ['speel', 'collaborates', 'voetbal', 'Samen het sportfeest voor de kleintjes'],
    ['jongeren', 'collaborates', 'voetbal', 'Vrijdagavondvoetbal', `${year - 1}-03-01`],
    ['jongeren', 'refers_to', 'speel'],
  ], [
    ['koffie', 'Buurthuis De Vaart', 'Grote zaal, woensdagochtend'],
    ['speel', 'Buurthuis De Vaart', 'Kleine zaal, dinsdagochtend'],
    ['vereniging', 'Buurthuis De Vaart', 'Spreekuur en vergaderingen'],
    ['wandel', 'Lindepark', 'Start bij de vijver'],
    ['voetbal', 'Sportpark Oost'],
  ]);
  await lindenhof.keyPerson('riet', 'Oma Riet', 'Zet de koffie en kent iedereen in de straat', 'written');
  // A second key person agreed at first and later withdrew: nothing of them may remain.
  await lindenhof.keyPerson('jansen', 'Meneer Jansen', 'Houdt de buurtapp bij', 'verbal');
  await lindenhof.relate();
  await execute(priya, addRelation, { areaCode: DEMO_ECOSYSTEM_AREAS[0], kind: 'collaborates', fromId: lindenhof.ids.jansen, toId: lindenhof.ids.vereniging });
  await execute(priya, withdrawConsent, { id: lindenhof.ids.jansen });

  const assess = (who: Context, element: string, score: number, evidence: string, actors: string[]) => execute(who, assessElement, {
    areaCode: DEMO_ECOSYSTEM_AREAS[0], element, score: String(score), evidence, actorIds: actors.map((k) => lindenhof.ids[k]!),
  });
  await assess(priya, 'networks', 2, 'De ouderen en de gezinnen kennen elkaar nauwelijks; de vrouwengroep staat helemaal los.', ['vrouwen']);
  await assess(anja, 'networks', 3, 'Sinds het buurtteam de speelochtend en de koffieochtend bij elkaar bracht, is er meer contact. Alleen via het buurtteam, dat is kwetsbaar.', ['team', 'speel', 'koffie']);
  await assess(anja, 'physical', 4, 'Het buurthuis is open en betaalbaar; drie groepen gebruiken het. De speelochtend zoekt nog een vaste ruimte.', ['koffie', 'speel', 'vereniging']);
  await assess(olga, 'financing', 2, 'Alleen de vereniging heeft subsidie; informele groepen draaien op eigen geld en de bakker.', ['vereniging', 'bakker']);
  await assess(anja, 'initiative_ownership', 4, 'Ouders begonnen zelf de speelochtend; de wandelgroep draait al jaren zonder hulp.', ['speel', 'wandel']);

  // ---- the Bloemenbuurt ------------------------------------------------------------------------------
  const bloemen = await build(DEMO_ECOSYSTEM_AREAS[1], anja, [
    { key: 'repair', kind: 'initiative', name: 'Repair Café Bloemenbuurt', description: 'Eens per maand samen spullen repareren.' },
    { key: 'taal', kind: 'initiative', name: 'Taalcafé', description: 'Nederlands oefenen met buren, elke maandagavond.' },
    { key: 'coop', kind: 'social_enterprise', name: 'Buurtcoöperatie De Bloem', description: 'Klussendienst en tuinonderhoud door buurtbewoners.' },
    { key: 'huurders', kind: 'resident_organisation', name: 'Huurdersvereniging Bloemenbuurt' },
    { key: 'mw', kind: 'professional', name: 'Maatschappelijk werk', organisation: 'Welzijn Voorbeeldstad', activities: 'Spreekuur op donderdag', hoursPerWeek: '4', areaBound: 'no' },
    { key: 'snack', kind: 'entrepreneur', name: 'Snackbar De Tulp', description: 'Ontmoetingsplek voor jongeren op de hoek.' },
  ], [
    ['repair', 'collaborates', 'coop', 'Gereedschap delen'],
    ['coop', 'supports', 'taal', 'Ruimte in de werkplaats'],
    ['anneke', 'member_of', 'taal', 'Begeleidt de gesprekstafels'],
    ['huurders', 'funds', 'repair', 'Bijdrage uit het huurdersfonds', `${year - 1}-01-01`],
    ['mw', 'refers_to', 'taal'],
  ], [
    ['repair', 'Werkplaats De Bloem'],
    ['taal', 'Werkplaats De Bloem'],
  ]);
  await bloemen.keyPerson('anneke', 'Juf Anneke', 'Gepensioneerd juf; begeleidt het taalcafé', 'email');
  await bloemen.relate();
}
