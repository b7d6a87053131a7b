import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { importMoneyFlows } from '../capabilities/money-flows/index.js';

/** The neighbourhoods whose money flows the demo shows (the same two as the history). */
export const DEMO_MONEY_AREAS = { lindenhof: 'BU99990102', bloemenbuurt: 'BU99990202' } as const;
export const DEMO_MONEY_YEARS = [2024, 2025] as const;

type Line = [source: string, purpose: string, euros: number, method: string, certainty: string, figureSource: string];

/**
 * Believable (fictional) yearly amounts for a neighbourhood of a few thousand residents: health
 * insurance and long-term care are the largest flows, then benefits, youth care, Wmo support, the
 * housing corporation's investments and small municipal subsidies. The Bloemenbuurt is older (more
 * long-term care, less youth care). The next year's amounts follow from the first by a fixed
 * change per line, so the demo is deterministic. Written through the CSV import use case.
 */
const LINDENHOF: Line[] = [
  ['zvw', 'Huisartsenzorg en wijkverpleging', 1_640_000, 'Zorgkosten per inwoner (Vektis, postcodegebied) maal het aantal inwoners', 'estimated', 'Vektis Zorgmonitor'],
  ['zvw', 'Ziekenhuiszorg', 4_870_000, 'Zorgkosten per inwoner (Vektis, postcodegebied) maal het aantal inwoners', 'rough', 'Vektis Zorgmonitor'],
  ['wlz', 'Verpleeghuis De Linde', 2_310_000, 'Aantal bewoners uit de buurt maal het gemiddelde zorgzwaartepakket', 'estimated', 'Zorgkantoor, opgave 2024'],
  ['participation', 'Bijstandsuitkeringen', 2_184_400.5, 'Uitkeringen aan huishoudens in de buurt, uit de uitkeringsadministratie', 'measured', 'Uitkeringsadministratie gemeente'],
  ['participation', 'Re-integratie en werkbegeleiding', 212_300, 'Trajecten van inwoners van de buurt maal de prijs per traject', 'estimated', 'Werkplein'],
  ['youth', 'Jeugdhulp ambulant', 934_650.25, 'Declaraties van jeugdhulpaanbieders voor kinderen uit de buurt', 'measured', 'Jeugdhulpadministratie'],
  ['youth', 'Jeugdhulp met verblijf', 618_000, 'Aantal kinderen uit de buurt in een verblijf maal het gemiddelde tarief', 'estimated', 'Jeugdhulpadministratie'],
  ['wmo', 'Huishoudelijke hulp', 412_500, 'Aantal Wmo-beschikkingen in de buurt maal het gemiddelde tarief', 'estimated', 'Wmo-administratie'],
  ['wmo', 'Begeleiding en dagbesteding', 538_120.8, 'Declaraties van aanbieders voor inwoners van de buurt', 'measured', 'Wmo-administratie'],
  ['wmo', 'Buurtteam Lindenhof', 285_000, 'Deel van de subsidie aan het buurtteam naar het aandeel huishoudens in de buurt', 'rough', 'Subsidiebeschikking buurtteams'],
  ['housing', 'Renovatie Vaartstraat (Woonstichting De Vaart)', 3_600_000, 'Investering in het jaar volgens de meerjarenbegroting van de corporatie', 'estimated', 'Prestatieafspraken 2024'],
  ['subsidies', 'Buurthuis De Vaart', 164_000, 'Subsidiebeschikking', 'measured', 'Subsidieregister'],
  ['subsidies', 'Bewonersvereniging De Lindenhof', 18_500, 'Subsidiebeschikking', 'measured', 'Subsidieregister'],
  ['other', 'Schuldhulpverlening', 96_000, 'Aantal trajecten maal de prijs per traject', 'rough', 'Kredietbank'],
];

const BLOEMENBUURT: Line[] = [
  ['zvw', 'Huisartsenzorg en wijkverpleging', 1_980_000, 'Zorgkosten per inwoner (Vektis, postcodegebied) maal het aantal inwoners', 'estimated', 'Vektis Zorgmonitor'],
  ['zvw', 'Ziekenhuiszorg', 5_410_000, 'Zorgkosten per inwoner (Vektis, postcodegebied) maal het aantal inwoners', 'rough', 'Vektis Zorgmonitor'],
  ['wlz', 'Thuiszorg en verpleeghuiszorg', 4_120_000, 'Aantal cliënten uit de buurt maal het gemiddelde zorgzwaartepakket', 'estimated', 'Zorgkantoor, opgave 2024'],
  ['participation', 'Bijstandsuitkeringen', 1_102_750, 'Uitkeringen aan huishoudens in de buurt, uit de uitkeringsadministratie', 'measured', 'Uitkeringsadministratie gemeente'],
  ['youth', 'Jeugdhulp ambulant', 512_300.4, 'Declaraties van jeugdhulpaanbieders voor kinderen uit de buurt', 'measured', 'Jeugdhulpadministratie'],
  ['wmo', 'Huishoudelijke hulp', 688_000, 'Aantal Wmo-beschikkingen in de buurt maal het gemiddelde tarief', 'estimated', 'Wmo-administratie'],
  ['wmo', 'Woningaanpassingen en hulpmiddelen', 344_900, 'Verstrekkingen aan inwoners van de buurt', 'measured', 'Wmo-administratie'],
  ['housing', 'Isolatie tuindorpwoningen (Woonstichting Noord)', 1_450_000, 'Investering in het jaar volgens de meerjarenbegroting van de corporatie', 'estimated', 'Prestatieafspraken 2024'],
  ['subsidies', 'Bibliotheek De Tulp (vestiging)', 121_000, 'Deel van de bibliotheeksubsidie naar het aantal uitleningen', 'rough', 'Subsidieregister'],
  ['subsidies', 'Burendag en pluktuin', 6_250, 'Subsidiebeschikking', 'measured', 'Subsidieregister'],
];

/** The change from the first to the second year per line (per mille), cycled: care grows, investments move. */
const CHANGE = [1038, 1052, 1044, 987, 1021, 1063, 1009, 1031, 1047, 1000, 820, 1025, 1000, 1110];

function amountText(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export function demoMoneyFlowsCsv(): string {
  const lines = ['year;area_code;source;purpose;amount_eur;method;certainty;figure_source'];
  for (const [code, flows] of [[DEMO_MONEY_AREAS.lindenhof, LINDENHOF], [DEMO_MONEY_AREAS.bloemenbuurt, BLOEMENBUURT]] as const) {
    flows.forEach(([source, purpose, euros, method, certainty, figureSource], i) => {
      const first = Math.round(euros * 100);
      const second = Math.floor((first * CHANGE[i % CHANGE.length]!) / 1000);
      for (const [year, cents] of [[DEMO_MONEY_YEARS[0], first], [DEMO_MONEY_YEARS[1], second]] as const) {
        lines.push([year, code, source, purpose, amountText(cents), method, certainty, figureSource.replace('2024', String(year))].join(';'));
      }
    });
  }
  return `${lines.join('\n')}\n`;
}

export async function seedMoneyFlows(ctx: Context): Promise<void> {
  await execute(ctx, importMoneyFlows, { csv: demoMoneyFlowsCsv() });
}
