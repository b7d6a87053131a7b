import type { Db } from '../../platform/db/connect.js';
import { memoPerDatabase } from '../../platform/lru.js';
import type { Tenant } from '../../platform/tenancy.js';
import { NATIONAL_INDICATORS } from './catalogue.js';
import type { Indicator } from './model.js';
import { comparisonSetsVisibleTo, ownIndicators, statisticsFingerprint, type ComparisonSetRow } from './store.js';

/**
 * When index scores may be reused: the rule, in one place.
 *
 * An index's scores (and the years it can be shown in) depend only on the municipality (its id and
 * CBS code), the index definition, the catalogue (the national one, fixed in the code, and the
 * municipality's own indicators), the year, the base year and the figures visible to the
 * municipality. Figures change only through an import, and every import replaces the comparison
 * sets of the years it touches — national ones for a national import, the municipality's own for a
 * local one (survey scores too: they are published as a local import, source "buurtmonitor") — by
 * new rows with a new id and a new `computed_at` (comparisons.ts). So the visible sets' ids and
 * times, the definition itself and the own indicators as they are stored form a fingerprint of
 * "nothing changed": equal fingerprints give equal scores. The fingerprint is read per request (the
 * sets are one indexed query the statistics page makes anyway, and is passed through; the own
 * indicators and definitions are small keyed reads), never trusted from memory.
 *
 * A computation is kept per database, municipality, index and requested year, with the fingerprint
 * it was computed under; an entry whose fingerprint differs is recomputed and replaced. The cache
 * is a small LRU (`INDEX_CACHE_SIZE` entries, the least recently used goes first), and concurrent
 * requests for the same entry share one computation. Nothing is stored in the database, so there is
 * nothing to migrate or clean up, and a process that restarts simply computes again.
 */
export const INDEX_CACHE_SIZE = 64;

type TenantRef = Pick<Tenant, 'id' | 'cbsCode'>;

/** What index scores of a municipality are computed from, read for one request, with its fingerprint. */
export interface IndexBasis {
  tenant: TenantRef;
  /** The national catalogue and the municipality's own indicators (as `catalogueFor`). */
  catalogue: Indicator[];
  fingerprint: string;
}

/**
 * Reads the basis of a municipality's index scores. `known` passes what the request read already:
 * the comparison sets visible to the municipality and its own indicators (the statistics page has
 * both from `loadAreaFigures`).
 */
export async function indexBasis(db: Db, tenant: TenantRef, known: { sets?: readonly ComparisonSetRow[]; own?: readonly Indicator[] } = {}): Promise<IndexBasis> {
  const [sets, own] = await Promise.all([
    known.sets ?? comparisonSetsVisibleTo(db, tenant.id),
    known.own ?? ownIndicators(db, tenant.id),
  ]);
  const fingerprint = JSON.stringify([tenant.id, tenant.cbsCode, statisticsFingerprint(sets, own)]);
  return { tenant, catalogue: [...NATIONAL_INDICATORS, ...own], fingerprint };
}

const memoOf = memoPerDatabase<unknown>(INDEX_CACHE_SIZE);

/**
 * The value kept under `key` when it was computed under this fingerprint; otherwise `compute()`'s,
 * kept in its place. A failed computation is not kept.
 */
export function cachedUnder<T>(db: Db, key: string, fingerprint: string, compute: () => Promise<T>): Promise<T> {
  return memoOf(db).get(key, fingerprint, compute) as Promise<T>;
}
