import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { publishPicture, savePictureDraft } from '../capabilities/picture/index.js';

/**
 * Published neighbourhood pictures (wijkbeelden) for the Lindenhof and the Bloemenbuurt, made
 * last, after every capability they assemble has its demo data. The Lindenhof's is written by the
 * chair of its resident association and has two versions (the second adds a part of its own and
 * sharpens what worries the neighbourhood), so the comparison shows something; the Bloemenbuurt's
 * by the municipality's official. Through the same use cases as the pages.
 */
export const DEMO_PICTURE_AREAS = { lindenhof: 'BU99990102', bloemenbuurt: 'BU99990202' } as const;

const LINDENHOF_V1 = [
  { key: 'trots', heading: 'Waar we trots op zijn', body: 'De zomermarkt, al dertig jaar, met kramen van de bakkerij, de moskee en de kerk.\n\nHet buurthuis De Vaart, waar de koffieochtend van de ouderen en de speelochtend van jonge ouders aan dezelfde tafel zitten.\n\nDat we in de jaren tachtig samen de sloop van onze straten hebben tegengehouden.' },
  { key: 'zorgen', heading: 'Wat ons zorgen baart', body: 'Sinds de buurtsuper dicht is, moeten ouderen zonder auto ver lopen voor hun boodschappen.\n\nDe huren na de renovatie.' },
  { key: 'nodig', heading: 'Wat we nodig hebben om verantwoordelijkheid te dragen', body: 'Een vaste plek in het buurthuis, ook \'s avonds, die we zelf kunnen beheren.\n\nEen coördinator voor twintig uur per week, betaald uit het wijkbudget, die vrijwilligers ondersteunt.' },
];

const LINDENHOF_V2 = [
  LINDENHOF_V1[0]!,
  { key: 'zorgen', heading: 'Wat ons zorgen baart', body: 'Sinds de buurtsuper dicht is, moeten ouderen zonder auto ver lopen voor hun boodschappen.\n\nDe huren na de renovatie: een deel van de bewoners kan ze nauwelijks opbrengen.\n\nDe nieuwe bewoners aan de Vaartkade kennen we nog nauwelijks.' },
  LINDENHOF_V1[2]!,
  { heading: 'Wat we de komende jaren willen doen', body: 'Een boodschappenbus met vrijwilligers, twee keer per week.\n\nEen welkomstavond voor nieuwe bewoners van de Vaartkade, samen met de corporatie.' },
];

const BLOEMENBUURT = [
  { key: 'trots', heading: 'Waar we trots op zijn', body: 'Dat bibliotheek De Tulp nog open is, dankzij ruim 1.800 handtekeningen en de vrijwilligers die er elke week staan.\n\nDe pluktuin en de Burendag in september.' },
  { key: 'zorgen', heading: 'Wat ons zorgen baart', body: 'De ruzie over parkeren en de fietsstraat heeft oud en jong tegenover elkaar gezet.\n\nOuderen die alleen wonen en de deur nauwelijks uitkomen.' },
  { key: 'nodig', heading: 'Wat we nodig hebben om verantwoordelijkheid te dragen', body: 'Een ontmoetingsplek naast de bibliotheek, met ruimere openingstijden.\n\nSteun bij het opzetten van een burenhulp voor ouderen.' },
];

export async function seedPicture(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const chair = await as('bewoner@voorbeeldstad.example');
  const official = await as('ambtenaar@voorbeeldstad.example');
  const publish = async (who: Context, areaCode: string, title: string, sections: unknown[], summary: string) => {
    const { revision } = await execute(who, savePictureDraft, { areaCode, title, sections });
    await execute(who, publishPicture, { areaCode, summary, expectedRevision: revision });
  };
  await publish(chair, DEMO_PICTURE_AREAS.lindenhof, 'Wijkbeeld Lindenhof', LINDENHOF_V1, 'Eerste wijkbeeld van de Lindenhof, besproken op de bewonersavond.');
  await publish(chair, DEMO_PICTURE_AREAS.lindenhof, 'Wijkbeeld Lindenhof', LINDENHOF_V2, 'Zorgen aangescherpt na de avond over de huren; plannen voor de komende jaren toegevoegd.');
  await publish(official, DEMO_PICTURE_AREAS.bloemenbuurt, 'Wijkbeeld Bloemenbuurt', BLOEMENBUURT, 'Eerste wijkbeeld van de Bloemenbuurt.');
}
