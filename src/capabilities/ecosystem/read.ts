import type { Db } from '../../platform/db/connect.js';
import { valuesOf } from '../statistics/index.js';
import { layoutNetwork, type Layout } from './layout.js';
import { explain, hoursPerThousand, networkInput, placesOf, type Actor, type Finding, type PlaceUse, type Relation } from './model.js';
import { networkMetrics, type NetworkMetrics } from './network.js';
import { ecosystemOf, professionalHoursByArea } from './store.js';

/** The statistics variable of the number of residents (CBS key figure "aantal inwoners"). */
export const RESIDENTS_VARIABLE = 'a_inw';

/** The latest known number of residents per area (the municipality's own figure before the national one). */
export async function residentsOf(db: Db, municipalityId: string, areaCodes: readonly string[]): Promise<Map<string, { value: number; year: number }>> {
  const values = await valuesOf(db, { municipalityId, areaCodes, variables: [RESIDENTS_VARIABLE] });
  const out = new Map<string, { value: number; year: number; local: boolean }>();
  for (const v of values) {
    if (v.value === null) continue;
    const seen = out.get(v.areaCode);
    const local = v.municipalityId !== null;
    if (!seen || v.year > seen.year || (v.year === seen.year && local && !seen.local)) out.set(v.areaCode, { value: v.value, year: v.year, local });
  }
  return new Map([...out].map(([code, r]) => [code, { value: r.value, year: r.year }]));
}

export interface EcosystemView {
  actors: Actor[];
  relations: Relation[];
  metrics: NetworkMetrics;
  places: PlaceUse[];
  residents: { value: number; year: number } | null;
  professionalHours: number;
  hoursPerThousand: number | null;
  municipalityHoursPerThousand: number | null;
  findings: Finding[];
  layout: Layout;
}

/**
 * Everything the ecosystem page and API show of an area: what anyone may see (key people only with
 * consent), its network metrics, the places its actors use, professional presence against the
 * residents, and the plain-language findings.
 */
export async function ecosystemView(db: Db, municipalityId: string, areaCode: string): Promise<EcosystemView> {
  const { actors, relations } = await ecosystemOf(db, municipalityId, areaCode);
  const metrics = networkMetrics(networkInput(actors, relations));
  const places = placesOf(relations);
  const hoursByArea = await professionalHoursByArea(db, municipalityId);
  const residentsByArea = await residentsOf(db, municipalityId, [...new Set([areaCode, ...hoursByArea.keys()])]);
  const professionalHours = actors.filter((a) => a.kind === 'professional').reduce((sum, a) => sum + (a.hoursPerWeek ?? 0), 0);
  const residents = residentsByArea.get(areaCode) ?? null;
  // The municipality's reference: its areas with professional hours on record and residents known.
  let hours = 0;
  let people = 0;
  for (const [code, h] of hoursByArea) {
    const r = residentsByArea.get(code);
    if (r && r.value > 0) { hours += h; people += r.value; }
  }
  const municipalityHoursPerThousand = people > 0 ? hoursPerThousand(hours, people) : null;
  const findings = explain({ actors, metrics, places, professionalHours, residents: residents?.value ?? null, municipalityHoursPerThousand });
  return {
    actors, relations, metrics, places, residents, professionalHours, hoursPerThousand: hoursPerThousand(professionalHours, residents?.value ?? null),
    municipalityHoursPerThousand, findings, layout: layoutNetwork(metrics),
  };
}
