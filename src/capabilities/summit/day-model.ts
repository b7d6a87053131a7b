/**
 * The day of a BuurtTop: pure types and rules, no I/O.
 *
 * On the day, tables sit in rounds; each table works on one theme (a working group of the
 * summit) with a facilitator who captures the ambitions the table formulates: what we want,
 * why, a horizon of five or ten years, the municipality's public values it serves, facts from the
 * neighbourhood picture that support it, and first steps with who could carry them. The
 * plenary then prioritises by consent: an ambition is "agreed" once consent was recorded and
 * every objection raised against it was resolved (amended or withdrawn). An objection that
 * "stands" keeps it from being agreed. Dots (counted on paper at the venue) are one signal
 * beside consent, never the order by themselves.
 */
import type { SummitStatus } from './model.js';

export const HORIZONS = [5, 10] as const;
export type Horizon = (typeof HORIZONS)[number];

export const MAX_AMBITION_TEXT = 2000;
export const MAX_STEPS = 3;
export const MAX_DOTS = 10_000;

/**
 * Capture is open on the day itself while registration is still open (the organisers have not
 * yet marked it held), and once it is held — until it is closed. Before the day, nothing is
 * captured; a closed or cancelled summit takes no more ambitions.
 */
export function captureIsOpen(status: SummitStatus, summitDay: string, today: string): boolean {
  if (status === 'held') return true;
  return status === 'registration' && summitDay === today;
}

/** The plenary may record consent, objections and dots once the day has begun: the same window. */
export const plenaryIsOpen = captureIsOpen;

export const OBJECTION_RESOLUTIONS = ['open', 'amended', 'withdrawn', 'stands'] as const;
export type ObjectionResolution = (typeof OBJECTION_RESOLUTIONS)[number];

export type ConsentState = 'agreed' | 'objected' | 'pending';

/**
 * Where an ambition stands in the plenary: agreed (consent given and no objection open or
 * standing), objected (an objection is open or stands), or pending (nothing recorded yet).
 */
export function consentState(consentGiven: boolean, objections: ReadonlyArray<{ resolution: ObjectionResolution }>): ConsentState {
  if (objections.some((o) => o.resolution === 'open' || o.resolution === 'stands')) return 'objected';
  return consentGiven ? 'agreed' : 'pending';
}

const CONSENT_ORDER: Record<ConsentState, number> = { agreed: 0, objected: 1, pending: 2 };

export interface OrderableAmbition {
  id: string;
  themePosition: number;
  state: ConsentState;
  dots: number | null;
  createdAt: string;
}

/** The plenary's order: by theme, then agreed before objected before pending, then as captured. Dots play no part. */
export function plenaryOrder<A extends OrderableAmbition>(ambitions: readonly A[]): A[] {
  return [...ambitions].sort((a, b) => a.themePosition - b.themePosition || CONSENT_ORDER[a.state] - CONSENT_ORDER[b.state] || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * The view sorted by dots, which is only ever shown with each ambition's consent state beside
 * it: within a theme, most dots first (none counts as zero), then the plenary's order.
 */
export function dotsOrder<A extends OrderableAmbition>(ambitions: readonly A[]): A[] {
  const base = plenaryOrder(ambitions);
  return [...base].sort((a, b) => a.themePosition - b.themePosition || (b.dots ?? 0) - (a.dots ?? 0) || base.indexOf(a) - base.indexOf(b));
}

/** The first steps a facilitator filled in (a step without text is left out; a carrier alone is an error, named by the caller). */
export function stepsOf(rows: ReadonlyArray<{ step?: string; carrier?: string }>): Array<{ step: string; carrier: string | null }> {
  return rows.filter((r) => (r.step ?? '').trim() !== '').map((r) => ({ step: r.step!.trim(), carrier: (r.carrier ?? '').trim() || null }));
}
