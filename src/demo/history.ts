import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { addHistoryEntry } from '../capabilities/history/index.js';

/** The neighbourhoods whose history the demo tells. */
export const DEMO_HISTORY_AREAS = { lindenhof: 'BU99990102', bloemenbuurt: 'BU99990202' } as const;

type Entry = { by: string; title: string; kind: string; when: string; story: string; sources: Array<{ citation?: string; url?: string }> };

/**
 * Timelines for the Lindenhof and the Bloemenbuurt: a factory district that became a
 * neighbourhood of families, newcomers and elderly people, with its closures, openings, and the
 * tensions around renovation and a closing library — told by residents, the community worker and
 * the official, each with sources (fictional archives and papers).
 */
const LINDENHOF: Entry[] = [
  { by: 'buurvrouw', title: 'De eerste arbeiderswoningen', kind: 'housing', when: '1921-1928', story: 'Voor de arbeiders van textielfabriek De Eendracht bouwde woningbouwvereniging Ons Belang de eerste straten van de Lindenhof: lage rijtjes met een voortuin en een gemeenschappelijke binnentuin.', sources: [{ citation: 'Gemeentearchief Voorbeeldstad, bouwvergunningen 1921-1928' }] },
  { by: 'bewoner', title: 'Het buurthuis De Vaart gaat open', kind: 'opening', when: '12-3-1962', story: 'In een oude opslagloods van de fabriek opende het buurthuis. Er kwamen een biljartclub, een naaikring en op zaterdag een kinderfilm.', sources: [{ citation: 'Voorbeeldstads Dagblad, 13 maart 1962' }, { url: 'https://archief.voorbeeldstad.example/buurthuis-de-vaart' }] },
  { by: 'buurvrouw', title: 'Komst van gastarbeiders uit Turkije en Marokko', kind: 'population', when: 'ca. 1966', story: 'De fabriek haalde mannen uit Turkije en Marokko; later kwamen hun gezinnen. In de jaren zeventig opende aan de Vaartstraat de eerste Turkse bakkerij.', sources: [{ citation: 'Gesprekken met oud-bewoners, opgetekend door de historische werkgroep (2019)' }] },
  { by: 'bewoner', title: 'Sluiting van textielfabriek De Eendracht', kind: 'closure', when: '4-5-1979', story: 'De fabriek sloot. Ruim driehonderd mensen uit de buurt verloren hun werk. Veel winkels in de Vaartstraat hielden het daarna niet lang meer vol.', sources: [{ citation: 'Voorbeeldstads Dagblad, 5 mei 1979' }] },
  { by: 'opbouwwerker', title: 'Verzet tegen de sloopplannen', kind: 'tension', when: '1983-1986', story: 'De gemeente wilde de oude rijtjes slopen voor hoogbouw. Een bewonerscomité hield de sloop tegen; de woningen werden gerenoveerd in plaats van gesloopt. De vereniging die toen ontstond, bestaat nog.', sources: [{ citation: 'Archief bewonerscomité Lindenhof, notulen 1983-1986' }, { citation: 'Raadsbesluit 1986/41' }] },
  { by: 'bewoner', title: 'Eerste zomermarkt', kind: 'event', when: '1994', story: 'Op het plein hield de bewonersvereniging de eerste zomermarkt, met kramen van de bakkerij, de moskee en de kerk. Sindsdien elk jaar.', sources: [{ citation: 'Jubileumboekje 25 jaar zomermarkt (2019)' }] },
  { by: 'ambtenaar', title: 'Nieuwbouw aan de Vaart', kind: 'housing', when: '2015-2018', story: 'Op het oude fabrieksterrein kwamen 240 appartementen, een deel voor studenten. Het aantal eenpersoonshuishoudens steeg daarmee flink.', sources: [{ citation: 'Gemeente Voorbeeldstad, bestemmingsplan Vaartkade (2014)' }, { url: 'https://www.voorbeeldstad.example/vaartkade' }] },
  { by: 'buurman', title: 'De buurtsuper sluit', kind: 'closure', when: '6-2019', story: 'De laatste supermarkt in de buurt ging dicht. Vooral ouderen zonder auto moesten voortaan naar de Binnenstad voor hun boodschappen.', sources: [{ citation: 'Voorbeeldstads Dagblad, 28 juni 2019' }] },
  { by: 'opbouwwerker', title: 'Onrust over de huurverhoging na renovatie', kind: 'tension', when: '2022', story: 'Na de renovatie van 120 woningen steeg de huur. Een deel van de bewoners voelde zich niet gehoord; op een drukke bewonersavond spraken de corporatie en de vereniging af om samen een huurcommissie op te zetten.', sources: [{ citation: 'Verslag bewonersavond 14 september 2022, Bewonersvereniging De Lindenhof' }] },
  { by: 'bewoner', title: 'Speelochtend en koffieochtend onder één dak', kind: 'event', when: '2024', story: 'Ouders begonnen een speelochtend in het buurthuis, op dezelfde ochtend als de koffieochtend van de ouderen. Jong en oud zitten sindsdien aan dezelfde tafel.', sources: [{ citation: 'Jaarverslag buurthuis De Vaart 2024' }] },
];

const BLOEMENBUURT: Entry[] = [
  { by: 'buurvrouw', title: 'Een tuindorp voor gezinnen', kind: 'housing', when: '1950-1956', story: 'Na de oorlog werd de Bloemenbuurt gebouwd als tuindorp: eengezinswoningen met een tuin, straten vernoemd naar bloemen, een school op elke hoek.', sources: [{ citation: 'Uitbreidingsplan Voorbeeldstad-Noord (1949), gemeentearchief' }] },
  { by: 'bewoner', title: 'Opening van bibliotheek De Tulp', kind: 'opening', when: '9-1958', story: 'In het winkelcentrum opende een filiaal van de openbare bibliotheek, met een leeszaal die ook voor clubs en koren werd gebruikt.', sources: [{ citation: 'Voorbeeldstads Dagblad, 19 september 1958' }] },
  { by: 'ambtenaar', title: 'De buurt vergrijst', kind: 'population', when: '1990-2010', story: 'De kinderen van de eerste bewoners trokken weg, hun ouders bleven. Het aandeel 65-plussers verdubbelde; twee van de vier scholen sloten.', sources: [{ citation: 'CBS Kerncijfers wijken en buurten 1990-2010' }, { url: 'https://www.cbs.example/kwb' }] },
  { by: 'buurman', title: 'Sluiting van de Rozenschool', kind: 'closure', when: '2004', story: 'De basisschool aan de Rozenlaan sloot wegens te weinig leerlingen. Het gebouw stond twee jaar leeg en werd toen een kinderdagverblijf.', sources: [{ citation: 'Schoolgids en afscheidsboekje Rozenschool (2004)' }] },
  { by: 'opbouwwerker', title: 'Strijd om de bibliotheek', kind: 'tension', when: '2013-2014', story: 'Bezuinigingen bedreigden bibliotheek De Tulp. Bewoners verzamelden ruim 1.800 handtekeningen en boden aan de bibliotheek deels met vrijwilligers open te houden. Het filiaal bleef, met kortere openingstijden.', sources: [{ citation: 'Petitie "Houd De Tulp open" (2013)' }, { citation: 'Raadsvergadering 12 februari 2014, agendapunt 7' }] },
  { by: 'buurvrouw', title: 'Jonge gezinnen keren terug', kind: 'population', when: 'ca. 2016', story: 'Nu de eerste bewoners verhuizen of overlijden, kopen jonge gezinnen de huizen. Op straat wordt weer gespeeld en de overgebleven scholen groeien.', sources: [{ citation: 'Makelaarsoverzicht Voorbeeldstad-Noord 2016' }] },
  { by: 'bewoner', title: 'De eerste Bloemenbuurt Burendag', kind: 'event', when: '23-9-2017', story: 'Bewoners legden samen een pluktuin aan naast het kinderdagverblijf. De Burendag is sindsdien een vaste dag in september.', sources: [{ citation: 'Nieuwsbrief Bloemenbuurt, oktober 2017' }] },
  { by: 'opbouwwerker', title: 'Ruzie over parkeren en de nieuwe fietsstraat', kind: 'tension', when: '2023', story: 'De Lelielaan werd een fietsstraat; er verdwenen 40 parkeerplaatsen. Ouderen en gezinnen stonden tegenover elkaar. Een buurtgesprek leidde tot een proef met deelauto\'s.', sources: [{ citation: 'Verslag buurtgesprek Lelielaan, 7 maart 2023' }] },
];

export async function seedHistory(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const people = new Map<string, Context>();
  const as = async (who: string): Promise<Context> => {
    const known = people.get(who);
    if (known) return known;
    const actorCtx = await asDemoPerson(ctx, `${who}@voorbeeldstad.example`);
    people.set(who, actorCtx);
    return actorCtx;
  };
  for (const [areaCode, entries] of [[DEMO_HISTORY_AREAS.lindenhof, LINDENHOF], [DEMO_HISTORY_AREAS.bloemenbuurt, BLOEMENBUURT]] as const) {
    for (const { by, ...entry } of entries) await execute(await as(by), addHistoryEntry, { ...entry, areaCode });
  }
}
