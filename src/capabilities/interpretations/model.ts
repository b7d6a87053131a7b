/**
 * Interpretations (duiding) and conversation rounds (gespreksronde): pure types and rules (no I/O).
 *
 * An interpretation is a person's reading of one figure of an area in a year (or of the area as a
 * whole): what they see behind it, what the figure misses, or what is going well. It carries the
 * role its author writes in, chosen from the roles they hold for that area. A conversation round
 * records a session where figures were discussed: who took part (numbers per group, no names),
 * which figures, and what came out.
 */

/** What an interpretation says about a figure. Strengths come first wherever they are shown. */
export const INTERPRETATION_KINDS = ['strength', 'behind', 'missing'] as const;
export type InterpretationKind = (typeof INTERPRETATION_KINDS)[number];

/** The roles one writes an interpretation in (shown with the name and date). */
export const WRITING_ROLES = ['resident', 'professional', 'official', 'council_member'] as const;
export type WritingRole = (typeof WRITING_ROLES)[number];

/** The groups whose numbers a conversation round records. */
export const PARTICIPANT_GROUPS = ['residents', 'professionals', 'officials', 'entrepreneurs', 'others'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];
export type Participants = Record<ParticipantGroup, number>;

export type InterpretationStatus = 'published' | 'deleted' | 'erased';

export const MAX_INTERPRETATION = 2000;
export const MAX_OUTCOME = 5000;
export const MAX_PARTICIPANTS = 100_000;
/** How long after posting its author may still change an interpretation. */
export const EDIT_MINUTES = 30;

/** The figure "the area as a whole": no indicator. In URLs and forms it is the empty string. */
export const WHOLE_AREA = null;
export type FigureKey = string | null;

export function kindRank(kind: InterpretationKind): number {
  return INTERPRETATION_KINDS.indexOf(kind);
}

/** Strengths first, then what lies behind a figure, then what it misses; oldest first within a kind. */
export function byKindThenDate<T extends { kind: InterpretationKind; createdAt: string; id: string }>(a: T, b: T): number {
  return kindRank(a.kind) - kindRank(b.kind) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Can its author still change it at `now`? */
export function editable(createdAt: string, now: Date = new Date()): boolean {
  return now.getTime() - Date.parse(createdAt) <= EDIT_MINUTES * 60_000;
}

export function totalParticipants(p: Participants): number {
  return PARTICIPANT_GROUPS.reduce((sum, g) => sum + p[g], 0);
}
