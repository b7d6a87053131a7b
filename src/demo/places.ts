import { asDemoPerson } from './parties.js';
import type { Context } from '../platform/context.js';
import { execute } from '../platform/service.js';
import { labelPoint, pointInGeometry } from '../platform/ui/geometry.js';
import { findArea } from '../capabilities/areas/index.js';
import { addPlace, assessPlace, changePlaceStatus } from '../capabilities/places/index.js';

/**
 * Public places of Voorbeeldstad, spread over its neighbourhoods: a busy community centre in the
 * Lindenhof, the library, a school yard, a park, a café and a community centre under threat, a
 * mosque's meeting room, a community garden, a sports canteen, a common room in a flat, a
 * shopping-centre space about to close, a closed community centre with its history, and the old
 * library in Rietland standing vacant as a candidate for community use. Residents assessed several.
 * Everything through the real use cases; deterministic (fixed dates, points inside the boundaries).
 */
interface DemoPlace {
  key: string;
  name: string;
  area: string;
  /** Where in the neighbourhood, as a shift from its label point in degrees. */
  shift: [number, number];
  type: string;
  ownerType: string;
  runBy?: string;
  description?: string;
  hours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', string>>;
  cost: string;
  capacity: string;
  access: [string, string, string];
  status?: string;
  since: string;
}

const PLACES: DemoPlace[] = [
  { key: 'vaart', name: 'Buurthuis De Vaart', area: '0102', shift: [0, 0], type: 'community_centre', ownerType: 'municipality', runBy: 'Stichting Welzijn Voorbeeldstad',
    description: 'Het buurthuis van de Lindenhof: koffieochtend op woensdag, speelochtend, spreekuur en de grote zaal voor buurtavonden.',
    hours: { mon: '09:00-17:00', tue: '09:00-17:00, 19:00-22:30', wed: '09:00-17:00', thu: '09:00-17:00, 19:00-22:30', fri: '09:00-17:00', sat: '10:00-14:00' },
    cost: '0', capacity: '80', access: ['yes', 'yes', 'yes'], since: '2015-09-01' },
  { key: 'bieb', name: 'Bibliotheek Binnenstad', area: '0101', shift: [0.001, 0], type: 'library', ownerType: 'municipality', runBy: 'Bibliotheek Voorbeeldstad',
    description: 'Leestafel, taalcafé op maandag en een zaaltje dat bewonersgroepen kunnen huren.',
    hours: { tue: '10:00-18:00', wed: '10:00-18:00', thu: '10:00-20:00', fri: '10:00-18:00', sat: '10:00-16:00' },
    cost: '15', capacity: '40', access: ['yes', 'yes', 'yes'], since: '2010-01-01' },
  { key: 'schoolplein', name: 'Schoolplein De Regenboog', area: '0202', shift: [0, 0.001], type: 'school_yard', ownerType: 'other', runBy: 'Basisschool De Regenboog',
    hours: { mon: '15:00-19:00', tue: '15:00-19:00', wed: '12:30-19:00', thu: '15:00-19:00', fri: '15:00-19:00', sat: '10:00-16:00' },
    cost: '0', capacity: '', access: ['yes', 'no', 'no'], since: '2019-04-01' },
  { key: 'muziektent', name: 'Muziektent Noorderpark', area: '0201', shift: [0, 0], type: 'park_square', ownerType: 'municipality',
    hours: { mon: '07:00-23:00', tue: '07:00-23:00', wed: '07:00-23:00', thu: '07:00-23:00', fri: '07:00-23:00', sat: '07:00-23:00', sun: '07:00-23:00' },
    cost: '0', capacity: '200', access: ['yes', 'no', 'no'], since: '2012-06-01' },
  { key: 'zwaan', name: 'Café De Zwaan', area: '0103', shift: [0, 0], type: 'cafe', ownerType: 'commercial', runBy: 'Familie Bakker',
    description: 'Bruin café waar de biljartclub en de klaverjassers al veertig jaar samenkomen. Het zaaltje achter is gratis als je iets drinkt.',
    hours: { tue: '11:00-24:00', wed: '11:00-24:00', thu: '11:00-24:00', fri: '11:00-24:00', sat: '11:00-24:00', sun: '12:00-20:00' },
    cost: '0', capacity: '35', access: ['no', 'no', 'unknown'], since: '1984-05-01' },
  { key: 'moskee', name: 'Ontmoetingsruimte Moskee Al-Fath', area: '0301', shift: [0, 0], type: 'religious', ownerType: 'religious', runBy: 'Stichting Al-Fath',
    description: 'De vrouwengroep en het huiswerkcafé komen hier samen; buren zijn welkom bij de iftar in de ramadan.',
    hours: { mon: '10:00-21:00', tue: '10:00-21:00', wed: '10:00-21:00', thu: '10:00-21:00', fri: '14:00-21:00', sat: '10:00-21:00', sun: '10:00-21:00' },
    cost: '0', capacity: '60', access: ['yes', 'yes', 'unknown'], since: '2008-01-01' },
  { key: 'tuin', name: 'Buurttuin De Groene Hoek', area: '0303', shift: [0, 0], type: 'community_garden', ownerType: 'residents', runBy: 'Tuingroep Kastanjehof',
    hours: { wed: '10:00-16:00', sat: '10:00-16:00' }, cost: '0', capacity: '25', access: ['yes', 'no', 'no'], since: '2020-03-15' },
  { key: 'kantine', name: 'Kantine VV Voorbeeldstad', area: '0403', shift: [0, 0], type: 'sports_canteen', ownerType: 'residents', runBy: 'Voetbalvereniging Voorbeeldstad',
    hours: { tue: '19:00-23:00', thu: '19:00-23:00', sat: '08:00-18:00', sun: '09:00-17:00' }, cost: '25', capacity: '120', access: ['yes', 'yes', 'no'], since: '1996-08-01' },
  { key: 'winkelcentrum', name: 'Ontmoetingsplek Winkelcentrum Beekdal', area: '0302', shift: [0, 0], type: 'shopping_centre', ownerType: 'commercial', runBy: 'Winkeliersvereniging Beekdal',
    hours: { mon: '09:00-18:00', tue: '09:00-18:00', wed: '09:00-18:00', thu: '09:00-18:00', fri: '09:00-21:00', sat: '09:00-17:00' },
    cost: '5', capacity: '20', access: ['yes', 'unknown', 'no'], since: '2018-10-01' },
  { key: 'flat', name: 'Gemeenschappelijke ruimte Flat Esdoorn', area: '0305', shift: [0, 0], type: 'common_room', ownerType: 'housing_corporation', runBy: 'Bewonerscommissie Esdoorn',
    hours: { tue: '19:00-22:00', thu: '14:00-17:00' }, cost: '0', capacity: '30', access: ['yes', 'yes', 'no'], since: '2021-02-01' },
  { key: 'westerveld', name: 'Wijkcentrum Westerveld', area: '0401', shift: [0, 0], type: 'community_centre', ownerType: 'housing_corporation', runBy: 'Woonstichting Voorbeeldstad',
    hours: { mon: '09:00-22:00', tue: '09:00-22:00', wed: '09:00-22:00', thu: '09:00-22:00', fri: '09:00-17:00' }, cost: '7,50', capacity: '50', access: ['yes', 'yes', 'no'], since: '2005-01-01' },
  { key: 'kerk', name: 'Kerkzaal De Morgenster', area: '0205', shift: [0, 0], type: 'religious', ownerType: 'religious', runBy: 'Protestantse gemeente',
    hours: { tue: '19:00-22:00', sun: '09:00-13:00' }, cost: '10', capacity: '150', access: ['yes', 'unknown', 'yes'], since: '1970-01-01' },
  { key: 'zand', name: "Buurthuis 't Zand", area: '0405', shift: [0, 0], type: 'community_centre', ownerType: 'municipality', runBy: "Stichting Buurthuis 't Zand",
    hours: {}, cost: '0', capacity: '60', access: ['yes', 'yes', 'no'], since: '1992-01-01' },
  { key: 'oudebieb', name: 'Voormalige bibliotheek Rietland', area: '0404', shift: [0, 0], type: 'vacant_building', ownerType: 'municipality',
    description: 'Sinds de bibliotheek verhuisde staat het pand leeg. Bewoners willen er een buurtkamer en een repaircafé van maken.',
    hours: {}, cost: '', capacity: '70', access: ['yes', 'no', 'no'], status: 'vacant', since: `2023-09-01` },
];

/** A point of the neighbourhood: its label point, shifted when that stays inside. */
async function pointIn(ctx: Context, code: string, year: number, shift: [number, number]): Promise<{ lat: string; lon: string }> {
  const area = await findArea(ctx.platform.db, code, year);
  if (!area?.geometry) throw new Error(`demo places: no boundary for ${code} in ${year}`);
  const at = labelPoint(area.geometry) ?? [(area.bbox![0] + area.bbox![2]) / 2, (area.bbox![1] + area.bbox![3]) / 2];
  const shifted: [number, number] = [at[0] + shift[0], at[1] + shift[1]];
  const [lon, lat] = pointInGeometry(shifted[0], shifted[1], area.geometry) ? shifted : at;
  return { lat: lat.toFixed(6), lon: lon.toFixed(6) };
}

export async function seedPlaces(ctx: Context): Promise<void> {
  const { db } = ctx.platform;
  const tenant = ctx.tenant!;
  const as = (email: string): Promise<Context> => asDemoPerson(ctx, email);
  const anja = await as('bewoner@voorbeeldstad.example');
  const kees = await as('buurman@voorbeeldstad.example');
  const fatma = await as('buurvrouw@voorbeeldstad.example');
  const henk = await as('penningmeester@voorbeeldstad.example');
  const priya = await as('opbouwwerker@voorbeeldstad.example');
  const olga = await as('ambtenaar@voorbeeldstad.example');
  const digits = tenant.cbsCode.slice(2);

  const ids: Record<string, string> = {};
  for (const p of PLACES) {
    const hours = Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [`hours_${d}`, p.hours[d] ?? '']));
    const { id } = await execute(p.key === 'oudebieb' || p.key === 'kantine' ? priya : anja, addPlace, {
      name: p.name, type: p.type, ownerType: p.ownerType, runBy: p.runBy ?? '', description: p.description ?? '', ...(await pointIn(ctx, `BU${digits}${p.area}`, tenant.divisionYear, p.shift)),
      ...hours, cost: p.cost, capacity: p.capacity, stepFree: p.access[0], accessibleToilet: p.access[1], hearingLoop: p.access[2],
      status: p.status ?? 'active', statusSince: p.since,
    });
    ids[p.key] = id;
  }

  const status = (who: Context, key: string, change: { status: string; threatKind?: string; changedOn: string; note: string }) => execute(who, changePlaceStatus, { id: ids[key], ...change });
  await status(olga, 'zwaan', { status: 'threatened', threatKind: 'rent_rise', changedOn: '2025-01-01', note: 'De nieuwe eigenaar van het pand verhoogt de huur met 60%. De familie Bakker weet niet of ze het café kan houden.' });
  await status(anja, 'westerveld', { status: 'threatened', threatKind: 'sale', changedOn: '2025-04-15', note: 'De woonstichting wil het wijkcentrum verkopen voor woningbouw. Bewoners vragen om een ontmoetingsruimte in het nieuwe gebouw.' });
  await status(olga, 'winkelcentrum', { status: 'threatened', threatKind: 'closure', changedOn: '2025-09-01', note: 'De ruimte sluit als de renovatie van het winkelcentrum begint.' });
  await status(olga, 'zand', { status: 'threatened', threatKind: 'closure', changedOn: '2022-06-01', note: 'De gemeente stopt de subsidie voor het beheer.' });
  await status(olga, 'zand', { status: 'closed', changedOn: '2023-01-01', note: 'Het buurthuis is gesloten. De activiteiten zijn deels naar de kantine van de voetbalvereniging verhuisd.' });

  const assess = (who: Context, key: string, marks: number[], comment?: string) => execute(who, assessPlace, {
    id: ids[key], ...Object.fromEntries(['accessible', 'host', 'regulars', 'leveller', 'conversation', 'homely', 'mood', 'hours'].map((q, i) => [`score_${q}`, marks[i] ? String(marks[i]) : ''])),
    comment: comment ?? '',
  });
  await assess(anja, 'vaart', [5, 5, 4, 5, 4, 4, 5, 4], 'Je loopt zo binnen en er staat altijd koffie. Op dinsdagavond is de grote zaal vrij voor bewonersgroepen.');
  await assess(kees, 'vaart', [4, 5, 5, 4, 5, 3, 4, 3]);
  await assess(fatma, 'vaart', [5, 4, 5, 5, 5, 4, 5, 2], 'Fijne plek, maar in het weekend is hij bijna altijd dicht.');
  await assess(henk, 'vaart', [4, 3, 4, 4, 3, 4, 4, 3]);
  await assess(priya, 'vaart', [5, 4, 4, 4, 4, 4, 4, 0]);
  await assess(kees, 'zwaan', [3, 5, 5, 4, 5, 5, 5, 5], 'Hier kent iedereen iedereen. Wel een hoge drempel bij de deur.');
  await assess(henk, 'zwaan', [2, 4, 5, 3, 5, 5, 4, 5]);
  await assess(anja, 'zwaan', [2, 5, 5, 4, 4, 5, 5, 4]);
  await assess(fatma, 'bieb', [5, 3, 3, 5, 2, 3, 3, 3], 'Goed voor het taalcafé, maar je praat er zacht.');
  await assess(anja, 'bieb', [4, 3, 2, 5, 2, 3, 3, 4]);
  await assess(fatma, 'moskee', [4, 5, 5, 5, 5, 4, 5, 4], 'Iedereen is welkom bij de iftar, ook de buren.');
  await assess(priya, 'flat', [3, 4, 4, 5, 4, 5, 4, 3]);
}
