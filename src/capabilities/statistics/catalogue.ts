/**
 * The shipped indicator catalogue: CBS "Kerncijfers wijken en buurten" variables and the
 * derived indicators built on them (data, not code in pages).
 *
 * One canonical id per concept: the short name of the yearly kwb file (a_inw, g_wozbag, …). The
 * StatLine tables name the same concept differently (AantalInwoners_5, GemiddeldeWOZWaardeVanWoningen_36,
 * …) and number the columns per year, so StatLine names are matched without their numeric suffix
 * through the aliases. Labels and definitions follow CBS's explanation of the variables; units
 * are those of the CBS files (amounts of money in thousands of euros, as CBS publishes them).
 */
import type { Derivation, Indicator, Polarity, Theme, Unit } from './model.js';

export const CBS_SOURCE = 'cbs-kwb';

export interface CatalogueVariable extends Omit<Indicator, 'municipalityId' | 'derivation'> {
  /** StatLine OData names without their numeric suffix. */
  aliases: readonly string[];
}

type Texts = [labelNl: string, labelEn: string, definitionNl: string, definitionEn: string];

function variable(id: string, aliases: string[], theme: Theme, unit: Unit, polarity: Polarity, [labelNl, labelEn, definitionNl, definitionEn]: Texts): CatalogueVariable {
  return { id, aliases, theme, unit, polarity, labelNl, labelEn, definitionNl, definitionEn, source: CBS_SOURCE };
}

const ageGroup = (id: string, alias: string, from: number, to: number | null) => variable(id, [alias], 'population', 'count', 'neutral', [
  to === null ? `Inwoners van ${from} jaar of ouder` : `Inwoners van ${from} tot ${to} jaar`,
  to === null ? `Residents aged ${from} or over` : `Residents aged ${from} to ${to - 1}`,
  to === null ? `Aantal inwoners van ${from} jaar of ouder op 1 januari.` : `Aantal inwoners van ${from} tot ${to} jaar op 1 januari.`,
  to === null ? `Number of residents aged ${from} or over on 1 January.` : `Number of residents aged ${from} up to ${to} (not included) on 1 January.`,
]);

const distance = (id: string, alias: string, nl: string, en: string) => variable(id, [alias], 'amenities-public-places', 'km', 'vulnerability', [
  `Afstand tot ${nl}`, `Distance to ${en}`,
  `Gemiddelde afstand van alle inwoners tot ${nl === 'school' ? 'de dichtstbijzijnde basisschool' : `de dichtstbijzijnde ${nl}`}, over de weg, in kilometers.`,
  `Average distance of all residents to the nearest ${en === 'school' ? 'primary school' : en}, by road, in kilometres.`,
]);

const benefit = (id: string, alias: string, nl: string, en: string, polarity: Polarity) => variable(id, [alias], 'income', 'count', polarity, [
  `Personen met ${nl}`, `People receiving ${en}`,
  `Aantal personen met ${nl}.`, `Number of people receiving ${en}.`,
]);

const crime = (id: string, alias: string, nl: string, en: string) => variable(id, [alias], 'safety', 'per-1000', 'vulnerability', [
  nl, en, `Door de politie geregistreerde ${nl.toLowerCase()} per 1 000 inwoners.`, `${en} recorded by the police, per 1,000 residents.`,
]);

const maritalStatus = (id: string, alias: string, nl: string, en: string, definitionNl: string, definitionEn: string) => variable(id, [alias], 'population', 'count', 'neutral', [
  nl, en, `Aantal inwoners dat op 1 januari ${definitionNl}.`, `Number of residents who on 1 January ${definitionEn}.`,
]);

/** Migration background as the kwb files published it up to 2022 (CBS replaced it by origin in 2023). */
const migration = (id: string, alias: string, [nl, en]: [string, string], [countryNl, countryEn]: [string, string]) => variable(id, [alias], 'population', 'count', 'neutral', [
  `${nl} migratieachtergrond`, `${en} migration background`,
  `Aantal inwoners op 1 januari met een ${nl.toLowerCase()} migratieachtergrond: zelf of ten minste één ouder geboren in ${countryNl} (tot en met 2022).`,
  `Number of residents on 1 January with a ${en} migration background: they or at least one parent born in ${countryEn} (up to 2022).`,
]);

/** Highest level of education attained: named a_opl_lg/md/hg, in 2023 and 2024 a_opl_bvm/hvm/hw, in StatLine first by level, from 2023 by the schools. */
const education = (id: string, aliases: string[], nl: string, en: string, schoolsNl: string, schoolsEn: string) => variable(id, aliases, 'work', 'count', 'neutral', [
  `Opleidingsniveau ${nl}`, `Level of education: ${en}`,
  `Aantal inwoners van 15 tot 75 jaar met als hoogst behaalde opleiding ${schoolsNl}.`,
  `Number of residents aged 15 to 74 whose highest completed education is ${schoolsEn}.`,
]);

const singleFamily = (id: string, alias: string, nl: string, en: string, extra: string[] = []) => variable(id, [alias, ...extra], 'housing', 'percent', 'neutral', [
  nl, en, `Percentage ${nl.toLowerCase()} (eengezinswoningen) in de woningvoorraad.`, `Percentage of ${en.toLowerCase()} (single-family houses) in the housing stock.`,
]);

/**
 * Energy per kind of owner (kwb up to 2023). StatLine names the electricity and the gas column of a
 * kind of dwelling alike (Huurwoning_53 in kWh, Huurwoning_61 in m³), so these are matched by their
 * kwb name only: a StatLine alias would make one file hold one variable twice.
 */
const energyByOwner = (id: string, unit: 'kwh' | 'm3', tenure: 'huur' | 'koop') => {
  const [nl, en] = tenure === 'huur' ? ['huurwoning', 'rented dwelling'] : ['koopwoning', 'owner-occupied dwelling'];
  return variable(id, [], 'energy', unit, 'neutral', unit === 'kwh'
    ? [`Gemiddelde elektriciteitslevering per ${nl}`, `Average electricity supplied per ${en}`,
      `Gemiddelde levering van elektriciteit via het net per ${nl}, in kWh per jaar (tot en met 2023).`, `Average electricity supplied through the grid per ${en}, in kWh a year (up to 2023).`]
    : [`Gemiddeld aardgasverbruik per ${nl}`, `Average natural gas use per ${en}`,
      `Gemiddeld aardgasverbruik per ${nl}, in m³ per jaar (tot en met 2023).`, `Average natural gas use per ${en}, in m³ a year (up to 2023).`]);
};

const sector = (id: string, alias: string, code: string, nl: string, en: string) => variable(id, [alias], 'work', 'count', 'neutral', [
  `Bedrijfsvestigingen: ${nl}`, `Business locations: ${en}`,
  `Aantal vestigingen van bedrijven en instellingen in de sector ${nl} (SBI ${code}).`, `Number of locations of businesses and institutions in ${en} (SBI ${code}).`,
]);

export const CBS_VARIABLES: readonly CatalogueVariable[] = [
  // population
  variable('a_inw', ['AantalInwoners'], 'population', 'count', 'neutral', ['Aantal inwoners', 'Residents',
    'Aantal inwoners op 1 januari: personen die volgens de Basisregistratie Personen (BRP) in het gebied wonen.',
    'Number of residents on 1 January: people living in the area according to the Personal Records Database (BRP).']),
  variable('a_man', ['Mannen'], 'population', 'count', 'neutral', ['Mannen', 'Men', 'Aantal mannen op 1 januari.', 'Number of men on 1 January.']),
  variable('a_vrouw', ['Vrouwen'], 'population', 'count', 'neutral', ['Vrouwen', 'Women', 'Aantal vrouwen op 1 januari.', 'Number of women on 1 January.']),
  ageGroup('a_00_14', 'k_0Tot15Jaar', 0, 15),
  ageGroup('a_15_24', 'k_15Tot25Jaar', 15, 25),
  ageGroup('a_25_44', 'k_25Tot45Jaar', 25, 45),
  ageGroup('a_45_64', 'k_45Tot65Jaar', 45, 65),
  ageGroup('a_65_oo', 'k_65JaarOfOuder', 65, null),
  variable('a_geb', ['GeboorteTotaal'], 'population', 'count', 'neutral', ['Geboren kinderen', 'Births',
    'Aantal levend geboren kinderen in het verslagjaar.', 'Number of live births in the reference year.']),
  variable('a_ste', ['SterfteTotaal'], 'population', 'count', 'neutral', ['Overledenen', 'Deaths',
    'Aantal overleden personen in het verslagjaar.', 'Number of deaths in the reference year.']),
  variable('p_geb', ['GeboorteRelatief'], 'population', 'per-1000', 'neutral', ['Geboren kinderen per 1 000 inwoners', 'Births per 1,000 residents',
    'Aantal levend geboren kinderen in het verslagjaar per 1 000 inwoners.', 'Number of live births in the reference year per 1,000 residents.']),
  variable('p_ste', ['SterfteRelatief'], 'population', 'per-1000', 'neutral', ['Overledenen per 1 000 inwoners', 'Deaths per 1,000 residents',
    'Aantal overleden personen in het verslagjaar per 1 000 inwoners.', 'Number of deaths in the reference year per 1,000 residents.']),
  maritalStatus('a_ongeh', 'Ongehuwd', 'Ongehuwd', 'Never married', 'ongehuwd is: nooit gehuwd geweest en nooit een geregistreerd partnerschap aangegaan', 'have never been married nor in a registered partnership'),
  maritalStatus('a_gehuwd', 'Gehuwd', 'Gehuwd', 'Married', 'gehuwd is of een geregistreerd partnerschap heeft', 'are married or in a registered partnership'),
  maritalStatus('a_gesch', 'Gescheiden', 'Gescheiden', 'Divorced', 'gescheiden is van echtgenoot of geregistreerd partner en niet opnieuw gehuwd', 'are divorced from a spouse or registered partner and have not married again'),
  maritalStatus('a_verwed', 'Verweduwd', 'Verweduwd', 'Widowed', 'verweduwd is (de echtgenoot of geregistreerd partner is overleden) en niet opnieuw gehuwd', 'are widowed (the spouse or registered partner has died) and have not married again'),
  variable('a_w_all', ['WestersTotaal'], 'population', 'count', 'neutral', ['Westerse migratieachtergrond', 'Western migration background',
    'Aantal inwoners op 1 januari met een westerse migratieachtergrond: zelf of ten minste één ouder geboren in Europa (zonder Turkije), Noord-Amerika, Oceanië, Indonesië of Japan (tot en met 2022).',
    'Number of residents on 1 January with a Western migration background: they or at least one parent born in Europe (except Turkey), North America, Oceania, Indonesia or Japan (up to 2022).']),
  variable('a_nw_all', ['NietWestersTotaal'], 'population', 'count', 'neutral', ['Niet-westerse migratieachtergrond', 'Non-Western migration background',
    'Aantal inwoners op 1 januari met een niet-westerse migratieachtergrond: zelf of ten minste één ouder geboren in Afrika, Latijns-Amerika, Azië (zonder Indonesië en Japan) of Turkije (tot en met 2022).',
    'Number of residents on 1 January with a non-Western migration background: they or at least one parent born in Africa, Latin America, Asia (except Indonesia and Japan) or Turkey (up to 2022).']),
  migration('a_marok', 'Marokko', ['Marokkaanse', 'Moroccan'], ['Marokko', 'Morocco']),
  migration('a_antaru', 'NederlandseAntillenEnAruba', ['Antilliaanse of Arubaanse', 'Antillean or Aruban'], ['de voormalige Nederlandse Antillen of Aruba', 'the former Netherlands Antilles or Aruba']),
  migration('a_suri', 'Suriname', ['Surinaamse', 'Surinamese'], ['Suriname', 'Suriname']),
  migration('a_tur', 'Turkije', ['Turkse', 'Turkish'], ['Turkije', 'Turkey']),
  variable('a_ov_nw', ['OverigNietWesters'], 'population', 'count', 'neutral', ['Overige niet-westerse migratieachtergrond', 'Other non-Western migration background',
    'Aantal inwoners op 1 januari met een andere niet-westerse migratieachtergrond dan de Marokkaanse, Antilliaanse of Arubaanse, Surinaamse of Turkse (tot en met 2022).',
    'Number of residents on 1 January with a non-Western migration background other than Moroccan, Antillean or Aruban, Surinamese or Turkish (up to 2022).']),
  variable('bev_dich', ['Bevolkingsdichtheid'], 'population', 'per-km2', 'neutral', ['Bevolkingsdichtheid', 'Population density',
    'Aantal inwoners per km² land op 1 januari.', 'Number of residents per km² of land on 1 January.']),
  // households
  variable('a_hh', ['HuishoudensTotaal'], 'households', 'count', 'neutral', ['Huishoudens', 'Households',
    'Aantal particuliere huishoudens op 1 januari.', 'Number of private households on 1 January.']),
  variable('a_1p_hh', ['Eenpersoonshuishoudens'], 'households', 'count', 'neutral', ['Eenpersoonshuishoudens', 'One-person households',
    'Aantal huishoudens van één persoon op 1 januari.', 'Number of households of one person on 1 January.']),
  variable('a_hh_z_k', ['HuishoudensZonderKinderen'], 'households', 'count', 'neutral', ['Huishoudens zonder kinderen', 'Households without children',
    'Aantal meerpersoonshuishoudens zonder thuiswonende kinderen op 1 januari.', 'Number of multi-person households without children living at home on 1 January.']),
  variable('a_hh_m_k', ['HuishoudensMetKinderen'], 'households', 'count', 'neutral', ['Huishoudens met kinderen', 'Households with children',
    'Aantal huishoudens met thuiswonende kinderen (paren en eenouderhuishoudens) op 1 januari.', 'Number of households with children living at home (couples and single parents) on 1 January.']),
  variable('g_hhgro', ['GemiddeldeHuishoudensgrootte'], 'households', 'persons', 'neutral', ['Gemiddelde huishoudensgrootte', 'Average household size',
    'Gemiddeld aantal personen per particulier huishouden op 1 januari.', 'Average number of people per private household on 1 January.']),
  // housing
  variable('a_woning', ['Woningvoorraad'], 'housing', 'count', 'neutral', ['Woningvoorraad', 'Housing stock',
    'Aantal woningen op 1 januari volgens de Basisregistratie Adressen en Gebouwen (BAG).', 'Number of dwellings on 1 January according to the Addresses and Buildings Register (BAG).']),
  variable('a_nb_won', ['NieuwbouwWoningen'], 'housing', 'count', 'neutral', ['Nieuwbouwwoningen', 'Newly built dwellings',
    'Aantal woningen dat in het afgelopen jaar door nieuwbouw aan de woningvoorraad is toegevoegd.', 'Number of dwellings added to the housing stock by new construction in the past year.']),
  variable('g_wozbag', ['GemiddeldeWOZWaardeVanWoningen'], 'housing', 'x1000-euro', 'neutral', ['Gemiddelde WOZ-waarde van woningen', 'Average WOZ value of dwellings',
    'Gemiddelde WOZ-waarde (waarde voor de onroerendezaakbelasting) van woningen, in duizenden euro\'s.', 'Average WOZ value (the value for property tax) of dwellings, in thousands of euros.']),
  variable('p_1gezw', ['PercentageEengezinswoning'], 'housing', 'percent', 'neutral', ['Eengezinswoningen', 'Single-family houses',
    'Percentage eengezinswoningen in de woningvoorraad.', 'Percentage of single-family houses in the housing stock.']),
  singleFamily('p_1gezw_tw', 'PercentageTussenwoningEengezins', 'Tussenwoningen', 'Terraced houses'),
  singleFamily('p_1gezw_hw', 'PercentageHoekwoningEengezins', 'Hoekwoningen', 'End-of-terrace houses'),
  singleFamily('p_1gezw_2w', 'PercentageTweeOnderEenKapWoningEe', 'Twee-onder-een-kapwoningen', 'Semi-detached houses'),
  // p_1gezw_hvw in kwb-2024, p_1gezw_vw from 2025.
  singleFamily('p_1gezw_vw', 'PercentageVrijstaandeWoningEengezins', 'Vrijstaande woningen', 'Detached houses', ['p_1gezw_hvw']),
  variable('p_mgezw', ['PercentageMeergezinswoning'], 'housing', 'percent', 'neutral', ['Meergezinswoningen', 'Multi-family dwellings',
    'Percentage meergezinswoningen (zoals flats en appartementen) in de woningvoorraad.', 'Percentage of multi-family dwellings (such as flats and apartments) in the housing stock.']),
  variable('p_leegsw', ['OnbewoondeWoningen', 'PercentageOnbewoond'], 'housing', 'percent', 'vulnerability', ['Onbewoonde woningen', 'Unoccupied dwellings',
    'Percentage woningen waarin op 1 januari niemand staat ingeschreven.', 'Percentage of dwellings where nobody is registered on 1 January.']),
  variable('p_bewndw', ['PercentageBewoond'], 'housing', 'percent', 'neutral', ['Bewoonde woningen', 'Occupied dwellings',
    'Percentage woningen waarin op 1 januari iemand staat ingeschreven (tot en met 2023; het complement van de onbewoonde woningen).', 'Percentage of dwellings where someone is registered on 1 January (up to 2023; the complement of the unoccupied dwellings).']),
  variable('p_koopw', ['Koopwoningen'], 'housing', 'percent', 'neutral', ['Koopwoningen', 'Owner-occupied dwellings',
    'Percentage woningen dat eigendom is van de bewoner.', 'Percentage of dwellings owned by the occupant.']),
  variable('p_huurw', ['HuurwoningenTotaal'], 'housing', 'percent', 'neutral', ['Huurwoningen', 'Rented dwellings',
    'Percentage huurwoningen in de woningvoorraad.', 'Percentage of rented dwellings in the housing stock.']),
  variable('p_wcorpw', ['InBezitWoningcorporatie'], 'housing', 'percent', 'neutral', ['Huurwoningen van een woningcorporatie', 'Housing association dwellings',
    'Percentage woningen in bezit van een woningcorporatie.', 'Percentage of dwellings owned by a housing association.']),
  variable('p_ov_hw', ['InBezitOverigeVerhuurders'], 'housing', 'percent', 'neutral', ['Huurwoningen van overige verhuurders', 'Dwellings of other landlords',
    'Percentage woningen in bezit van overige verhuurders.', 'Percentage of dwellings owned by other landlords.']),
  variable('p_e_o_w', ['EigendomOnbekend'], 'housing', 'percent', 'neutral', ['Woningen met onbekende eigendom', 'Dwellings of unknown ownership',
    'Percentage woningen waarvan niet bekend is of ze een koop- of huurwoning zijn.', 'Percentage of dwellings of which it is not known whether they are owner-occupied or rented.']),
  variable('p_bjj2k', ['BouwjaarVoor2000'], 'housing', 'percent', 'neutral', ['Woningen gebouwd voor 2000', 'Dwellings built before 2000',
    'Percentage woningen met een bouwjaar voor 2000 (tot en met 2023).', 'Percentage of dwellings built before 2000 (up to 2023).']),
  variable('p_bjo2k', ['BouwjaarVanaf2000'], 'housing', 'percent', 'neutral', ['Woningen gebouwd vanaf 2000', 'Dwellings built in 2000 or later',
    'Percentage woningen met een bouwjaar vanaf 2000 (tot en met 2023).', 'Percentage of dwellings built in 2000 or later (up to 2023).']),
  variable('p_bj_me10', ['BouwjaarMeerDanTienJaarGeleden'], 'housing', 'percent', 'neutral', ['Woningen ouder dan tien jaar', 'Dwellings more than ten years old',
    'Percentage woningen met een bouwjaar van meer dan tien jaar geleden.', 'Percentage of dwellings built more than ten years ago.']),
  variable('p_bj_mi10', ['BouwjaarAfgelopenTienJaar'], 'housing', 'percent', 'neutral', ['Woningen jonger dan tien jaar', 'Dwellings built in the last ten years',
    'Percentage woningen met een bouwjaar in de afgelopen tien jaar.', 'Percentage of dwellings built in the last ten years.']),
  // energy
  variable('g_ele', ['GemiddeldeElektriciteitsleveringTotaal', 'GemiddeldElektriciteitsverbruikTotaal'], 'energy', 'kwh', 'neutral', ['Gemiddelde elektriciteitslevering', 'Average electricity supplied',
    'Gemiddelde levering van elektriciteit via het net per woning, in kWh per jaar.', 'Average electricity supplied through the grid per dwelling, in kWh a year.']),
  variable('g_ele_tr', ['GemiddeldeElektriciteitsteruglevering'], 'energy', 'kwh', 'neutral', ['Gemiddelde teruglevering van elektriciteit', 'Average electricity fed back',
    'Gemiddelde teruglevering van elektriciteit aan het net per woning (zoals van zonnepanelen), in kWh per jaar.', 'Average electricity fed back into the grid per dwelling (such as from solar panels), in kWh a year.']),
  energyByOwner('g_ele_hu', 'kwh', 'huur'),
  energyByOwner('g_ele_ko', 'kwh', 'koop'),
  variable('g_gas', ['GemiddeldAardgasverbruikTotaal'], 'energy', 'm3', 'neutral', ['Gemiddeld aardgasverbruik', 'Average natural gas use',
    'Gemiddeld aardgasverbruik per woning, in m³ per jaar.', 'Average natural gas use per dwelling, in m³ a year.']),
  energyByOwner('g_gas_hu', 'm3', 'huur'),
  energyByOwner('g_gas_ko', 'm3', 'koop'),
  variable('p_stadsv', ['PercentageWoningenMetStadsverwarming'], 'energy', 'percent', 'neutral', ['Woningen met stadsverwarming', 'Dwellings with district heating',
    'Percentage woningen met stadsverwarming.', 'Percentage of dwellings with district heating.']),
  // p_won_z_ag and p_won_m_ag in the kwb-2024 CSV.
  variable('p_won_z', ['AardgasvrijeWoningen', 'p_won_z_ag'], 'energy', 'percent', 'neutral', ['Aardgasvrije woningen', 'Dwellings without natural gas',
    'Percentage woningen zonder aansluiting op het aardgasnet.', 'Percentage of dwellings without a natural gas connection.']),
  variable('p_won_m', ['Aardgaswoningen', 'p_won_m_ag'], 'energy', 'percent', 'neutral', ['Woningen met aardgas', 'Dwellings using natural gas',
    'Percentage woningen dat aardgas gebruikt.', 'Percentage of dwellings that use natural gas.']),
  variable('p_won_ev', ['WoningenHoofdzElektrischVerwarmd'], 'energy', 'percent', 'neutral', ['Elektrisch verwarmde woningen', 'Electrically heated dwellings',
    'Percentage woningen dat hoofdzakelijk elektrisch wordt verwarmd, zoals met een warmtepomp.', 'Percentage of dwellings heated mainly by electricity, such as with a heat pump.']),
  variable('p_won_zs', ['WoningenMetZonnestroom'], 'energy', 'percent', 'neutral', ['Woningen met zonnestroom', 'Dwellings with solar power',
    'Percentage woningen met zonnepanelen voor stroom.', 'Percentage of dwellings with solar panels for electricity.']),
  variable('a_lp_pub', ['AantalPubliekeLaadpalen'], 'energy', 'count', 'neutral', ['Publieke laadpalen', 'Public charging points',
    'Aantal publiek toegankelijke laadpunten voor elektrische auto\'s.', 'Number of publicly accessible charging points for electric cars.']),
  // work
  education('a_opl_lg', ['OpleidingsniveauLaag', 'BasisonderwijsVmboMbo1', 'a_opl_bvm'], 'laag', 'low', 'basisonderwijs, vmbo, de eerste jaren van havo of vwo, of mbo-1', 'primary school, pre-vocational secondary (vmbo), the first years of havo or vwo, or mbo level 1'),
  education('a_opl_md', ['OpleidingsniveauMiddelbaar', 'HavoVwoMbo24', 'a_opl_hvm'], 'middelbaar', 'intermediate', 'havo, vwo of mbo-2 tot en met 4', 'senior general secondary (havo, vwo) or mbo levels 2 to 4'),
  education('a_opl_hg', ['OpleidingsniveauHoog', 'HboWo', 'a_opl_hw'], 'hoog', 'high', 'hbo of wo', 'higher professional education or university (hbo, wo)'),
  variable('a_arb_wz', ['WerkzameBeroepsbevolking'], 'work', 'count', 'neutral', ['Werkzame beroepsbevolking', 'Employed labour force',
    'Aantal inwoners van 15 tot 75 jaar dat betaald werk heeft.', 'Number of residents aged 15 to 74 in paid work.']),
  variable('p_arb_pp', ['Nettoarbeidsparticipatie'], 'work', 'percent', 'strength', ['Nettoarbeidsparticipatie', 'Net labour participation',
    'De werkzame beroepsbevolking als percentage van de bevolking van 15 tot 75 jaar.', 'The employed labour force as a percentage of the population aged 15 to 74.']),
  variable('p_arb_wn', ['PercentageWerknemers'], 'work', 'percent', 'neutral', ['Werknemers', 'Employees',
    'Percentage werknemers in de werkzame beroepsbevolking.', 'Percentage of employees in the employed labour force.']),
  variable('p_arb_zs', ['PercentageZelfstandigen'], 'work', 'percent', 'neutral', ['Zelfstandigen', 'Self-employed',
    'Percentage zelfstandigen in de werkzame beroepsbevolking.', 'Percentage of self-employed people in the employed labour force.']),
  variable('a_bedv', ['BedrijfsvestigingenTotaal'], 'work', 'count', 'strength', ['Bedrijfsvestigingen', 'Business locations',
    'Aantal vestigingen van bedrijven en instellingen.', 'Number of locations of businesses and institutions.']),
  sector('a_bed_a', 'ALandbouwBosbouwEnVisserij', 'A', 'landbouw, bosbouw en visserij', 'agriculture, forestry and fishing'),
  sector('a_bed_bf', 'BFNijverheidEnEnergie', 'B-F', 'nijverheid en energie', 'industry and energy'),
  sector('a_bed_gi', 'GIHandelEnHoreca', 'G+I', 'handel en horeca', 'trade, hotels and restaurants'),
  sector('a_bed_hj', 'HJVervoerInformatieEnCommunicatie', 'H+J', 'vervoer, informatie en communicatie', 'transport, information and communication'),
  sector('a_bed_kl', 'KLFinancieleDienstenOnroerendGoed', 'K+L', 'financiële diensten en onroerend goed', 'financial services and real estate'),
  sector('a_bed_mn', 'MNZakelijkeDienstverlening', 'M+N', 'zakelijke dienstverlening', 'business services'),
  sector('a_bed_oq', 'OQOverheidOnderwijsEnZorg', 'O-Q', 'overheid, onderwijs en zorg', 'public administration, education and care'),
  sector('a_bed_ru', 'RUCultuurRecreatieOverigeDiensten', 'R-U', 'cultuur, recreatie en overige diensten', 'culture, recreation and other services'),
  // income
  variable('a_inkont', ['AantalInkomensontvangers'], 'income', 'count', 'neutral', ['Inkomensontvangers', 'Income recipients',
    'Aantal personen met een persoonlijk inkomen.', 'Number of people with a personal income.']),
  variable('g_ink_po', ['GemiddeldInkomenPerInkomensontvanger'], 'income', 'x1000-euro', 'neutral', ['Gemiddeld inkomen per inkomensontvanger', 'Average income per income recipient',
    'Gemiddeld persoonlijk inkomen per inkomensontvanger, in duizenden euro\'s.', 'Average personal income per income recipient, in thousands of euros.']),
  variable('g_ink_pi', ['GemiddeldInkomenPerInwoner'], 'income', 'x1000-euro', 'neutral', ['Gemiddeld inkomen per inwoner', 'Average income per resident',
    'Gemiddeld persoonlijk inkomen per inwoner, in duizenden euro\'s.', 'Average personal income per resident, in thousands of euros.']),
  variable('p_ink_li', ['k_40PersonenMetLaagsteInkomen'], 'income', 'percent', 'vulnerability', ['Personen met een laag inkomen (laagste 40%)', 'People with a low income (lowest 40%)',
    'Percentage personen in particuliere huishoudens dat behoort tot de 40% personen met de laagste inkomens van Nederland.', 'Percentage of people in private households who belong to the 40% of people with the lowest incomes in the Netherlands.']),
  variable('p_ink_hi', ['k_20PersonenMetHoogsteInkomen'], 'income', 'percent', 'neutral', ['Personen met een hoog inkomen (hoogste 20%)', 'People with a high income (highest 20%)',
    'Percentage personen in particuliere huishoudens dat behoort tot de 20% personen met de hoogste inkomens van Nederland.', 'Percentage of people in private households who belong to the 20% of people with the highest incomes in the Netherlands.']),
  variable('g_hh_sti', ['GemGestandaardiseerdInkomen', 'GemGestandaardiseerdInkomenVanHuish'], 'income', 'x1000-euro', 'neutral', ['Gemiddeld gestandaardiseerd huishoudensinkomen', 'Average standardised household income',
    'Gemiddeld besteedbaar inkomen van huishoudens, gecorrigeerd voor verschillen in grootte en samenstelling, in duizenden euro\'s.', 'Average disposable household income, corrected for differences in size and composition, in thousands of euros.']),
  variable('p_hh_li', ['k_40HuishoudensMetLaagsteInkomen'], 'income', 'percent', 'vulnerability', ['Huishoudens met een laag inkomen (laagste 40%)', 'Households with a low income (lowest 40%)',
    'Percentage particuliere huishoudens dat behoort tot de 40% huishoudens met de laagste inkomens van Nederland.', 'Percentage of private households that belong to the 40% of households with the lowest incomes in the Netherlands.']),
  variable('p_hh_hi', ['k_20HuishoudensMetHoogsteInkomen'], 'income', 'percent', 'neutral', ['Huishoudens met een hoog inkomen (hoogste 20%)', 'Households with a high income (highest 20%)',
    'Percentage particuliere huishoudens dat behoort tot de 20% huishoudens met de hoogste inkomens van Nederland.', 'Percentage of private households that belong to the 20% of households with the highest incomes in the Netherlands.']),
  variable('p_hh_lkk', ['HuishoudensMetEenLaagInkomen'], 'income', 'percent', 'vulnerability', ['Huishoudens onder de lage-inkomensgrens', 'Households below the low-income threshold',
    'Percentage particuliere huishoudens met een inkomen onder de lage-inkomensgrens van CBS (tot en met 2023).', 'Percentage of private households with an income below the CBS low-income threshold (up to 2023).']),
  variable('p_hh_osm', ['HuishOnderOfRondSociaalMinimum'], 'income', 'percent', 'vulnerability', ['Huishoudens onder of rond het sociaal minimum', 'Households at or below the social minimum',
    'Percentage huishoudens met een inkomen tot 105% van het sociaal minimum.', 'Percentage of households with an income up to 105% of the social minimum.']),
  variable('p_hh_110', ['HuishoudensTot110VanSociaalMinimum'], 'income', 'percent', 'vulnerability', ['Huishoudens tot 110% van het sociaal minimum', 'Households up to 110% of the social minimum',
    'Percentage huishoudens met een inkomen tot 110% van het sociaal minimum (tot en met 2023).', 'Percentage of households with an income up to 110% of the social minimum (up to 2023).']),
  variable('p_hh_120', ['HuishoudensTot120VanSociaalMinimum'], 'income', 'percent', 'vulnerability', ['Huishoudens tot 120% van het sociaal minimum', 'Households up to 120% of the social minimum',
    'Percentage huishoudens met een inkomen tot 120% van het sociaal minimum (tot en met 2023).', 'Percentage of households with an income up to 120% of the social minimum (up to 2023).']),
  variable('p_ink_ar', ['PersonenInArmoede'], 'income', 'percent', 'vulnerability', ['Personen in armoede', 'People in poverty',
    'Percentage personen in particuliere huishoudens met een inkomen onder de armoedegrens (vanaf 2024).', 'Percentage of people in private households with an income below the poverty line (from 2024).']),
  variable('p_ink_ba', ['PersonenTot25BovenArmoedegrens'], 'income', 'percent', 'vulnerability', ['Personen tot 25% boven de armoedegrens', 'People up to 25% above the poverty line',
    'Percentage personen in particuliere huishoudens met een inkomen tot 25% boven de armoedegrens (vanaf 2024).', 'Percentage of people in private households with an income up to 25% above the poverty line (from 2024).']),
  variable('m_hh_ver', ['MediaanVermogenVanParticuliereHuish'], 'income', 'x1000-euro', 'neutral', ['Mediaan vermogen van huishoudens', 'Median household wealth',
    'Mediaan vermogen van particuliere huishoudens, in duizenden euro\'s.', 'Median wealth of private households, in thousands of euros.']),
  benefit('a_soz_wb', 'PersonenPerSoortUitkeringBijstand', 'een bijstandsuitkering', 'social assistance (bijstand)', 'vulnerability'),
  benefit('a_soz_ao', 'PersonenPerSoortUitkeringAO', 'een arbeidsongeschiktheidsuitkering', 'a disability benefit', 'vulnerability'),
  benefit('a_soz_ww', 'PersonenPerSoortUitkeringWW', 'een werkloosheidsuitkering (WW)', 'unemployment benefit (WW)', 'vulnerability'),
  benefit('a_soz_ow', 'PersonenPerSoortUitkeringAOW', 'een AOW-uitkering', 'state pension (AOW)', 'neutral'),
  // care and support
  variable('a_jz_tn', ['JongerenMetJeugdzorgInNatura'], 'care-support', 'count', 'vulnerability', ['Jongeren met jeugdzorg', 'Young people in youth care',
    'Aantal jongeren tot 23 jaar met jeugdzorg in natura.', 'Number of young people under 23 receiving youth care in kind.']),
  variable('p_jz_tn', ['PercentageJongerenMetJeugdzorg'], 'care-support', 'percent', 'vulnerability', ['Aandeel jongeren met jeugdzorg', 'Share of young people in youth care',
    'Percentage jongeren tot 23 jaar met jeugdzorg in natura.', 'Percentage of young people under 23 receiving youth care in kind.']),
  variable('a_wmo_t', ['WmoClienten'], 'care-support', 'count', 'vulnerability', ['Wmo-cliënten', 'Wmo clients',
    'Aantal personen met een maatwerkvoorziening uit de Wet maatschappelijke ondersteuning (Wmo).', 'Number of people with tailored support under the Social Support Act (Wmo).']),
  variable('p_wmo_t', ['WmoClientenRelatief'], 'care-support', 'per-1000', 'vulnerability', ['Wmo-cliënten per 1 000 inwoners', 'Wmo clients per 1,000 residents',
    'Aantal personen met een maatwerkvoorziening uit de Wmo per 1 000 inwoners.', 'Number of people with tailored Wmo support per 1,000 residents.']),
  // safety (published in the kwb tables up to 2020; later years come from the police)
  crime('g_wodief', 'TotaalDiefstalUitWoningSchuurED', 'Diefstallen uit woning, schuur e.d.', 'Thefts from homes, sheds etc.'),
  crime('g_vernoo', 'VernielingMisdrijfTegenOpenbareOrde', 'Vernielingen en misdrijven tegen de openbare orde', 'Vandalism and offences against public order'),
  crime('g_gewsek', 'GeweldsEnSeksueleMisdrijven', 'Gewelds- en seksuele misdrijven', 'Violent and sexual offences'),
  // amenities and public places
  distance('g_afs_hp', 'AfstandTotHuisartsenpraktijk', 'huisartsenpraktijk', 'GP practice'),
  distance('g_afs_gs', 'AfstandTotGroteSupermarkt', 'grote supermarkt', 'large supermarket'),
  distance('g_afs_kv', 'AfstandTotKinderdagverblijf', 'kinderdagverblijf', 'day nursery'),
  distance('g_afs_sc', 'AfstandTotSchool', 'school', 'school'),
  variable('g_3km_sc', ['ScholenBinnen3Km'], 'amenities-public-places', 'count', 'strength', ['Basisscholen binnen 3 km', 'Primary schools within 3 km',
    'Gemiddeld aantal basisscholen binnen 3 kilometer over de weg.', 'Average number of primary schools within 3 kilometres by road.']),
  // the area itself
  variable('g_pau_hh', ['PersonenautoSPerHuishouden'], 'area', 'per-household', 'neutral', ['Personenauto\'s per huishouden', 'Cars per household',
    'Aantal personenauto\'s per particulier huishouden.', 'Number of passenger cars per private household.']),
  variable('a_pau', ['PersonenautoSTotaal'], 'area', 'count', 'neutral', ['Personenauto\'s', 'Passenger cars',
    'Aantal personenauto\'s dat staat geregistreerd op een adres in het gebied.', 'Number of passenger cars registered at an address in the area.']),
  variable('a_bst_b', ['PersonenautoSBrandstofBenzine'], 'area', 'count', 'neutral', ['Personenauto\'s op benzine', 'Petrol cars',
    'Aantal personenauto\'s met benzine als brandstof.', 'Number of passenger cars running on petrol.']),
  variable('a_bst_nb', ['PersonenautoSOverigeBrandstof'], 'area', 'count', 'neutral', ['Personenauto\'s op overige brandstof', 'Cars on other fuels',
    'Aantal personenauto\'s met een andere brandstof dan benzine, zoals diesel, lpg of elektriciteit.', 'Number of passenger cars running on a fuel other than petrol, such as diesel, LPG or electricity.']),
  variable('g_pau_km', ['PersonenautoSNaarOppervlakte'], 'area', 'per-km2', 'neutral', ['Personenauto\'s per km²', 'Cars per km²',
    'Aantal personenauto\'s per km² oppervlakte.', 'Number of passenger cars per km² of area.']),
  variable('a_m2w', ['Motorfietsen'], 'area', 'count', 'neutral', ['Motortweewielers', 'Motorcycles',
    'Aantal motortweewielers (motorfietsen) dat staat geregistreerd op een adres in het gebied.', 'Number of motorcycles registered at an address in the area.']),
  variable('a_opp_ha', ['OppervlakteTotaal'], 'area', 'ha', 'neutral', ['Oppervlakte', 'Area',
    'Totale oppervlakte (land en water), in hectare.', 'Total area (land and water), in hectares.']),
  variable('a_lan_ha', ['OppervlakteLand'], 'area', 'ha', 'neutral', ['Oppervlakte land', 'Land area',
    'Oppervlakte land, in hectare.', 'Land area, in hectares.']),
  variable('a_wat_ha', ['OppervlakteWater'], 'area', 'ha', 'neutral', ['Oppervlakte water', 'Water area',
    'Oppervlakte water, in hectare.', 'Water area, in hectares.']),
  variable('ste_mvs', ['MateVanStedelijkheid'], 'area', 'class', 'neutral', ['Mate van stedelijkheid', 'Degree of urbanisation',
    'Stedelijkheid op basis van de omgevingsadressendichtheid: 1 zeer sterk stedelijk, 2 sterk, 3 matig, 4 weinig, 5 niet stedelijk.', 'Urbanisation based on the density of surrounding addresses: 1 extremely urbanised, 2 strongly, 3 moderately, 4 hardly, 5 not urbanised.']),
  variable('ste_oad', ['Omgevingsadressendichtheid'], 'area', 'per-km2', 'neutral', ['Omgevingsadressendichtheid', 'Density of surrounding addresses',
    'Gemiddeld aantal adressen per km² binnen een cirkel met een straal van één kilometer rond elk adres.', 'Average number of addresses per km² within a circle of one kilometre around each address.']),
];

export interface CatalogueDerived extends Omit<Indicator, 'municipalityId'> {
  derivation: Derivation;
}

const DERIVED_SOURCE = 'buurtarena';

function derived(id: string, derivation: Derivation, theme: Theme, unit: Unit, polarity: Polarity, [labelNl, labelEn, definitionNl, definitionEn]: Texts): CatalogueDerived {
  return { id, derivation, theme, unit, polarity, labelNl, labelEn, definitionNl, definitionEn, source: DERIVED_SOURCE };
}

export const DERIVED_INDICATORS: readonly CatalogueDerived[] = [
  derived('s_00_14', { kind: 'share', part: 'a_00_14', whole: 'a_inw' }, 'population', 'percent', 'neutral', ['Aandeel kinderen (0 tot 15 jaar)', 'Share of children (0 to 14)',
    'Inwoners van 0 tot 15 jaar als percentage van alle inwoners.', 'Residents aged 0 to 14 as a percentage of all residents.']),
  derived('s_15_24', { kind: 'share', part: 'a_15_24', whole: 'a_inw' }, 'population', 'percent', 'neutral', ['Aandeel 15 tot 25 jaar', 'Share of residents aged 15 to 24',
    'Inwoners van 15 tot 25 jaar als percentage van alle inwoners.', 'Residents aged 15 to 24 as a percentage of all residents.']),
  derived('s_25_44', { kind: 'share', part: 'a_25_44', whole: 'a_inw' }, 'population', 'percent', 'neutral', ['Aandeel 25 tot 45 jaar', 'Share of residents aged 25 to 44',
    'Inwoners van 25 tot 45 jaar als percentage van alle inwoners.', 'Residents aged 25 to 44 as a percentage of all residents.']),
  derived('s_45_64', { kind: 'share', part: 'a_45_64', whole: 'a_inw' }, 'population', 'percent', 'neutral', ['Aandeel 45 tot 65 jaar', 'Share of residents aged 45 to 64',
    'Inwoners van 45 tot 65 jaar als percentage van alle inwoners.', 'Residents aged 45 to 64 as a percentage of all residents.']),
  derived('s_65_oo', { kind: 'share', part: 'a_65_oo', whole: 'a_inw' }, 'population', 'percent', 'neutral', ['Aandeel 65-plussers', 'Share of residents aged 65 or over',
    'Inwoners van 65 jaar of ouder als percentage van alle inwoners.', 'Residents aged 65 or over as a percentage of all residents.']),
  derived('s_1p_hh', { kind: 'share', part: 'a_1p_hh', whole: 'a_hh' }, 'households', 'percent', 'neutral', ['Aandeel eenpersoonshuishoudens', 'Share of one-person households',
    'Eenpersoonshuishoudens als percentage van alle huishoudens.', 'One-person households as a percentage of all households.']),
  derived('s_hh_m_k', { kind: 'share', part: 'a_hh_m_k', whole: 'a_hh' }, 'households', 'percent', 'neutral', ['Aandeel huishoudens met kinderen', 'Share of households with children',
    'Huishoudens met thuiswonende kinderen als percentage van alle huishoudens.', 'Households with children living at home as a percentage of all households.']),
  derived('r_soz_wb', { kind: 'per1000', count: 'a_soz_wb', base: 'a_inw' }, 'income', 'per-1000', 'vulnerability', ['Bijstand per 1 000 inwoners', 'Social assistance per 1,000 residents',
    'Personen met een bijstandsuitkering per 1 000 inwoners.', 'People receiving social assistance per 1,000 residents.']),
  derived('r_bedv', { kind: 'per1000', count: 'a_bedv', base: 'a_inw' }, 'work', 'per-1000', 'strength', ['Bedrijfsvestigingen per 1 000 inwoners', 'Business locations per 1,000 residents',
    'Vestigingen van bedrijven en instellingen per 1 000 inwoners.', 'Locations of businesses and institutions per 1,000 residents.']),
  derived('c_inw_1', { kind: 'change', of: 'a_inw', years: 1, relative: true }, 'population', 'change', 'neutral', ['Groei van het aantal inwoners in een jaar', 'Population growth in one year',
    'Procentuele verandering van het aantal inwoners ten opzichte van een jaar eerder.', 'Percentage change in the number of residents compared with one year earlier.']),
  derived('c_woning_5', { kind: 'change', of: 'a_woning', years: 5, relative: false }, 'housing', 'count', 'neutral', ['Woningen erbij in vijf jaar', 'Dwellings added in five years',
    'Verandering van de woningvoorraad ten opzichte van vijf jaar eerder, in aantal woningen.', 'Change in the housing stock compared with five years earlier, in dwellings.']),
  derived('c_wozbag_5', { kind: 'change', of: 'g_wozbag', years: 5, relative: true }, 'housing', 'change', 'neutral', ['Verandering van de WOZ-waarde in vijf jaar', 'Change in WOZ value over five years',
    'Procentuele verandering van de gemiddelde WOZ-waarde ten opzichte van vijf jaar eerder.', 'Percentage change in the average WOZ value compared with five years earlier.']),
];

/** Columns that say which area a row is about, or describe it; they are not statistics. */
export const STRUCTURAL_COLUMNS: ReadonlySet<string> = new Set([
  // StatLine (without the numeric suffix)
  'id', 'wijkenenbuurten', 'gemeentenaam', 'soortregio', 'codering', 'indelingswijzigingwijkenenbuurten', 'indelingswijzigingGemeenteWijkBuurt'.toLowerCase(),
  'meestvoorkomendepostcode', 'dekkingspercentage', 'perioden',
  // kwb
  'gwb_code_10', 'gwb_code_8', 'gwb_code', 'regio', 'gm_naam', 'recs', 'ind_wbi', 'pst_mvp', 'pst_dekp',
]);

const byId = new Map<string, CatalogueVariable>(CBS_VARIABLES.map((v) => [v.id, v]));
const byAlias = new Map<string, CatalogueVariable>(CBS_VARIABLES.flatMap((v) => v.aliases.map((a) => [a.toLowerCase(), v] as const)));

/** A StatLine column name without its numeric suffix: "AantalInwoners_5" → "AantalInwoners". */
export function withoutSuffix(column: string): string {
  return column.trim().replace(/_\d+$/, '');
}

export type ColumnMeaning = { kind: 'variable'; id: string } | { kind: 'structural' } | { kind: 'unknown' };

/**
 * What a column of a CBS file holds: a kwb short name as it is (a_00_14 ends in digits that are
 * part of the name), else a StatLine name without its suffix; matched case-insensitively.
 */
export function columnMeaning(header: string): ColumnMeaning {
  const exact = header.trim().toLowerCase();
  if (byId.has(exact)) return { kind: 'variable', id: exact };
  if (STRUCTURAL_COLUMNS.has(exact)) return { kind: 'structural' };
  const base = withoutSuffix(header).toLowerCase();
  if (STRUCTURAL_COLUMNS.has(base)) return { kind: 'structural' };
  const alias = byAlias.get(base);
  return alias ? { kind: 'variable', id: alias.id } : { kind: 'unknown' };
}

/** Every shipped indicator (measured and derived) as catalogue entries of no municipality. */
export const NATIONAL_INDICATORS: readonly Indicator[] = [
  ...CBS_VARIABLES.map(({ aliases: _aliases, ...rest }): Indicator => ({ ...rest, municipalityId: null })),
  ...DERIVED_INDICATORS.map((d): Indicator => ({ ...d, municipalityId: null })),
];

export function isNationalIndicator(id: string): boolean {
  return NATIONAL_INDICATORS.some((i) => i.id === id);
}
