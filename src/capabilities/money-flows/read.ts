import type { Db } from '../../platform/db/connect.js';
import { valuesOf } from '../statistics/index.js';
import { perResident, totalCents, totalsBySource, type MoneyFlow, type SourceTotal } from './model.js';
import { flowsOf, flowYears } from './store.js';

/** The number of residents the per-resident figures use, and the year it is of. */
export interface Residents {
  count: number;
  year: number;
  /** The municipality's own figure, or the national (CBS) one. */
  own: boolean;
}

/**
 * Residents of the area from the statistics (indicator a_inw, "Aantal inwoners"): the figure of
 * the flows' year, or else the latest earlier year; the municipality's own figure before the
 * national one. Null when no year up to it has a known number.
 */
export async function residentsOf(db: Db, municipalityId: string, areaCode: string, upToYear: number): Promise<Residents | null> {
  const values = await valuesOf(db, { municipalityId, areaCodes: [areaCode], variables: ['a_inw'] });
  let best: Residents | null = null;
  for (const v of values) {
    if (v.value === null || v.year > upToYear) continue;
    const own = v.municipalityId !== null;
    if (!best || v.year > best.year || (v.year === best.year && own && !best.own)) best = { count: v.value, year: v.year, own };
  }
  return best;
}

export interface AreaMoney {
  year: number;
  /** Years with flows, newest first. */
  years: number[];
  flows: MoneyFlow[];
  totalCents: number;
  bySource: SourceTotal[];
  residents: Residents | null;
  /** Null when the residents are unknown. */
  perResidentCents: number | null;
  /** The year before, per source, when it has flows (to compare with); null otherwise. */
  previous: { year: number; bySource: SourceTotal[]; totalCents: number } | null;
}

/** Everything the money page and the API show of an area in a year (default: the latest year with flows, else `fallbackYear`). */
export async function areaMoney(db: Db, municipalityId: string, areaCode: string, asked: number | undefined, fallbackYear: number): Promise<AreaMoney> {
  const years = await flowYears(db, municipalityId, areaCode);
  const year = asked ?? years[0] ?? fallbackYear;
  const [flows, residents, before] = await Promise.all([
    flowsOf(db, municipalityId, areaCode, year), residentsOf(db, municipalityId, areaCode, year),
    years.includes(year - 1) ? flowsOf(db, municipalityId, areaCode, year - 1) : Promise.resolve([]),
  ]);
  const total = totalCents(flows);
  return {
    year, years, flows, totalCents: total, bySource: totalsBySource(flows), residents, perResidentCents: perResident(total, residents?.count ?? null),
    previous: before.length ? { year: year - 1, bySource: totalsBySource(before), totalCents: totalCents(before) } : null,
  };
}
