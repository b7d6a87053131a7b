/**
 * The BuurtTop (summit) being prepared: pure types and rules, no I/O.
 *
 * A summit belongs to one district or neighbourhood and is organised by one organisation of the
 * parties capability (a resident organisation, or a task group where none exists). It has a day
 * with a start and an end (stored as UTC instants, shown in Europe/Amsterdam), a venue from the
 * public places register (its id and its name at the time), a capacity, a short public
 * description and a status. Its preparation is a plan of milestones and a set of thematic working
 * groups; each group keeps members, notes, questions, links to the neighbourhood picture and a
 * briefing for the day.
 *
 * Later slices build on this model: registration (capacity, the status `registration`), the day
 * (the groups' themes as table themes, `held`), and the agenda capability (`closed` once the
 * agenda is adopted; the default plan's milestones carry `templateKey`s such as `draft` and
 * `adoption` that those slices may tick off).
 */

// ---- status --------------------------------------------------------------------------------------

/** in preparation → registration open → held → closed; cancelled from before the day. */
export const SUMMIT_STATUSES = ['preparation', 'registration', 'held', 'closed', 'cancelled'] as const;
export type SummitStatus = (typeof SUMMIT_STATUSES)[number];

/** Which status may follow which. Back from registration to preparation is allowed (registration paused); a cancelled summit may be taken up again. */
export const STATUS_TRANSITIONS: Record<SummitStatus, readonly SummitStatus[]> = {
  preparation: ['registration', 'cancelled'],
  registration: ['preparation', 'held', 'cancelled'],
  held: ['closed'],
  closed: [],
  cancelled: ['preparation'],
};

export type TransitionProblem = 'same' | 'notAllowed' | 'notYetHeld';

/** Why this change of status cannot be made now, or null when it can. "Held" only once the day has begun. */
export function transitionProblem(from: SummitStatus, to: SummitStatus, startsAt: string, now: string): TransitionProblem | null {
  if (from === to) return 'same';
  if (!STATUS_TRANSITIONS[from].includes(to)) return 'notAllowed';
  if (to === 'held' && startsAt > now) return 'notYetHeld';
  return null;
}

/**
 * What the public sees of the working groups: their names always; their questions, links and
 * briefings once the summit is open for registration (or later, but not when cancelled) — the
 * briefings are what participants read before the day. Members and notes stay with the organisers.
 */
export function groupsArePublic(status: SummitStatus): boolean {
  return status === 'registration' || status === 'held' || status === 'closed';
}

// ---- working groups ------------------------------------------------------------------------------

/** The default thematic working groups, created with every summit (names editable, groups removable). */
export const DEFAULT_THEMES = ['housing', 'liveability', 'sustainability', 'care', 'culture'] as const;
export type DefaultTheme = (typeof DEFAULT_THEMES)[number];

export const MAX_BRIEFING = 4000;
export const MAX_GROUP_NOTES = 4000;
export const MAX_QUESTIONS = 2000;
export const MAX_DESCRIPTION = 1000;
export const MAX_CAPACITY = 100_000;

/** The questions a group wants answered, written one per line. */
export function questionsOf(text: string | null): string[] {
  return (text ?? '').split(/\r?\n/).map((q) => q.trim()).filter((q) => q !== '');
}

/**
 * What a group's information link points at in the neighbourhood picture: a figure of the
 * area's statistics (reference: indicator id), a reading of the figures (interpretation id), a
 * section of the published wijkbeeld (its key, or empty for the whole), a public place (place
 * id), or the area's ecosystem (an actor id, or empty for the whole).
 */
export const LINK_KINDS = ['figure', 'interpretation', 'picture', 'place', 'ecosystem'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/** Kinds whose reference may be left empty (they point at the whole page). */
export const WHOLE_PAGE_KINDS: readonly LinkKind[] = ['picture', 'ecosystem'];

// ---- the preparation plan ------------------------------------------------------------------------

/**
 * The default plan, in days relative to the day of the summit: from forming the core team half a
 * year before to adopting the agenda three months after.
 */
export const DEFAULT_PLAN: ReadonlyArray<{ key: string; offsetDays: number }> = [
  { key: 'coreTeam', offsetDays: -180 },
  { key: 'workingGroups', offsetDays: -150 },
  { key: 'picture', offsetDays: -90 },
  { key: 'invitations', offsetDays: -42 },
  { key: 'briefings', offsetDays: -14 },
  { key: 'day', offsetDays: 0 },
  { key: 'draft', offsetDays: 42 },
  { key: 'comments', offsetDays: 70 },
  { key: 'adoption', offsetDays: 98 },
];

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The default milestones for a summit on `day` (YYYY-MM-DD), seen from `today`: a step whose
 * time has passed already (a summit planned at shorter notice) is due today rather than in the
 * past, so the plan starts with what is to be done now. The day itself and what follows keep
 * their dates.
 */
export function defaultPlan(day: string, today: string): Array<{ key: string; dueOn: string }> {
  return DEFAULT_PLAN.map(({ key, offsetDays }) => {
    const due = addDays(day, offsetDays);
    return { key, dueOn: offsetDays < 0 && due < today ? (today < day ? today : day) : due };
  });
}

export interface MilestoneLike {
  id: string;
  dueOn: string;
  doneOn: string | null;
  position: number;
}

/** The plan in order: by due date, then by their place in the default plan (or when added). */
export function orderMilestones<M extends MilestoneLike>(milestones: readonly M[]): M[] {
  return [...milestones].sort((a, b) => (a.dueOn === b.dueOn ? (a.position === b.position ? (a.id < b.id ? -1 : 1) : a.position - b.position) : a.dueOn < b.dueOn ? -1 : 1));
}

export type MilestoneState = 'done' | 'overdue' | 'next' | 'open';

/**
 * Each milestone's state on `today`: done; overdue (not done, due before today); the next one
 * (the first open milestone that is not overdue); or open.
 */
export function milestoneStates<M extends MilestoneLike>(milestones: readonly M[], today: string): Array<M & { state: MilestoneState }> {
  let nextGiven = false;
  return orderMilestones(milestones).map((m) => {
    if (m.doneOn !== null) return { ...m, state: 'done' as const };
    if (m.dueOn < today) return { ...m, state: 'overdue' as const };
    if (!nextGiven) {
      nextGiven = true;
      return { ...m, state: 'next' as const };
    }
    return { ...m, state: 'open' as const };
  });
}

// ---- dates and times -----------------------------------------------------------------------------

export { isCalendarDate } from '../../platform/validation.js';
export const isClockTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);

/** Summits from the soonest upcoming, then the past ones from the latest: what a visitor looks for first. */
export function upcomingFirst<S extends { startsAt: string }>(summits: readonly S[], now: string): S[] {
  const upcoming = summits.filter((s) => s.startsAt >= now).sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  const past = summits.filter((s) => s.startsAt < now).sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  return [...upcoming, ...past];
}

/**
 * The reference of an information link from what an organiser typed: the code or id itself, or
 * the address of the page copied from the browser (`…/cijfers#cijfer-a_inw`, `…/plekken/{id}`,
 * `…/duiding#duiding-{id}`, `…/wijkbeeld#wijkbeeld-trots`, `…/ecosysteem/actoren/{id}`).
 */
export function referenceFromInput(kind: LinkKind, typed: string): string {
  const value = typed.trim();
  if (!value.includes('/') && !value.includes('#')) return value;
  const [path = '', hash = ''] = value.split('#', 2);
  const prefixes: Record<LinkKind, string> = { figure: 'cijfer-', interpretation: 'duiding-', picture: 'wijkbeeld-', place: '', ecosystem: '' };
  const prefix = prefixes[kind];
  if (prefix && hash.startsWith(prefix)) return hash.slice(prefix.length);
  if (kind === 'picture' || kind === 'figure' || kind === 'interpretation') return '';
  const segments = path.split('?')[0]!.split('/').filter(Boolean);
  if (kind === 'ecosystem' && !segments.includes('actoren')) return '';
  return segments.at(-1) ?? '';
}
