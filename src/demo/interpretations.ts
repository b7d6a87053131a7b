import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { postInterpretation, recordConversationRound } from '../capabilities/interpretations/index.js';

/** The Lindenhof, where the demo's residents and professionals read the figures together. */
export const DEMO_INTERPRETATION_AREA = 'BU99990102';

/**
 * A conversation round in the Lindenhof (a neighbourhood evening with numbers per group), and
 * readings of a few of its figures by residents, the community worker, the official and a
 * council member — strengths among them — most written during that evening.
 */
export async function seedInterpretations(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const year = tenant.divisionYear;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const anja = await as('bewoner@voorbeeldstad.example');
  const fatma = await as('buurvrouw@voorbeeldstad.example');
  const kees = await as('buurman@voorbeeldstad.example');
  const priya = await as('opbouwwerker@voorbeeldstad.example');
  const olga = await as('ambtenaar@voorbeeldstad.example');
  const rachid = await as('raadslid@voorbeeldstad.example');
  const organiser = await db.selectFrom('organisations').select('id').where('municipality_id', '=', tenant.id).where('name', '=', 'Bewonersvereniging De Lindenhof').executeTakeFirst();

  const round = await execute(priya, recordConversationRound, {
    areaCode: DEMO_INTERPRETATION_AREA, year, title: 'Buurtavond: wat zeggen de cijfers over de Lindenhof?', heldOn: `${year}-03-12`,
    place: 'Buurthuis De Vaart, grote zaal', organisationId: organiser?.id ?? '',
    residents: 18, professionals: 4, officials: 2, entrepreneurs: 3, others: 1,
    indicators: ['s_65_oo', 's_1p_hh', 's_00_14', 'p_hh_li'],
    outcome: 'We bekeken vier cijfers samen: ouderen, eenpersoonshuishoudens, kinderen en inkomen. Het beeld van een "vergrijsde buurt" klopt maar half: veel ouderen doen volop mee, en er komen jonge gezinnen bij.\n\n'
      + 'Zorg is er vooral om mensen die alleen wonen en de weg naar het buurthuis nog niet kennen. Afgesproken: de koffieochtend krijgt een "neem je buur mee"-week, en de speelochtend en de koffieochtend zoeken elkaar op.\n\n'
      + 'Wat de cijfers missen: hoeveel mensen vrijwilligerswerk doen en op elkaar letten. De werkgroep Groen en Ontmoeten neemt dat mee naar de BuurtTop.',
  });
  const write = (who: Context, input: { indicator: string | null; kind: string; role: string; body: string; inRound?: boolean }) => execute(who, postInterpretation, {
    areaCode: DEMO_INTERPRETATION_AREA, year, indicator: input.indicator ?? '', kind: input.kind, role: input.role, body: input.body, roundId: input.inRound ? round.id : '',
  });

  await write(fatma, { indicator: 's_65_oo', kind: 'strength', role: 'resident', inRound: true,
    body: 'Er wonen veel ouderen in de Lindenhof, maar ze zitten niet stil. De koffieochtend in het buurthuis trekt elke woensdag zo\'n dertig mensen, en de wandelgroep loopt al vier jaar elke zaterdag.' });
  await write(priya, { indicator: 's_1p_hh', kind: 'behind', role: 'professional', inRound: true,
    body: 'Veel eenpersoonshuishoudens zijn ouderen die hun partner hebben verloren. In gesprekken hoor ik vaak dat de drempel naar het buurthuis hoog is als je er nog nooit binnen bent geweest.' });
  await write(anja, { indicator: 's_1p_hh', kind: 'missing', role: 'resident', inRound: true,
    body: 'Dit cijfer zegt niet hoeveel mensen op elkaar letten. In onze straat heeft bijna iedereen een sleutel van de buren, en als de gordijnen dicht blijven, belt er iemand aan.' });
  await write(priya, { indicator: 's_00_14', kind: 'strength', role: 'professional', inRound: true,
    body: 'Ouders hebben zelf een speelochtend opgezet in het buurthuis. Het aantal kinderen groeit, en zij zorgen dat nieuwe gezinnen snel aansluiting vinden.' });
  await write(olga, { indicator: 'p_hh_li', kind: 'behind', role: 'official',
    body: 'Het aandeel huishoudens met een laag inkomen ligt hier hoger dan in de rest van de stad. Een deel daarvan zijn studenten in de nieuwe appartementen aan de Vaart; dat kleurt het beeld.' });
  await write(kees, { indicator: null, kind: 'strength', role: 'resident',
    body: 'De zomermarkt bracht dit jaar meer dan vierhonderd mensen op de been: jong en oud, en veel nieuwe buren die we nog niet kenden. Zo\'n buurt is dit.' });
  await write(rachid, { indicator: null, kind: 'missing', role: 'council_member',
    body: 'De cijfers laten niet zien hoeveel vrijwilligers er in de buurt actief zijn. Juist daar zit de kracht van de Lindenhof; ik wil graag dat we dat ook in beeld brengen.' });
}
