/**
 * The neighbourhood's future agenda (wijktoekomstagenda): pure types and rules, no I/O.
 *
 * An agenda belongs to one district or neighbourhood and usually comes out of a BuurtTop
 * (summit): its agreed ambitions are the editorial team's starting material. Its structure is
 * themes → ambitions → first steps → carriers; an ambition is either one of the municipality's
 * concerns (it names the public values it serves) or one of the neighbourhood's own goals that go
 * beyond them (`ownGoal`). The editable agenda lives in rows with stable ids (so progress, and
 * later budget lines and initiatives, can refer to an ambition); every version that residents
 * read — the concept opened for comments, the adopted agenda — is frozen through
 * platform/versions as a document whose sections are the themes (`agendaContent`).
 *
 * Life of an agenda (`phaseOf`):
 *   draft → comment period (a concept version is public; residents comment between two dates)
 *   → revision (the period has passed; the team revises) → adopted (a version with who adopted
 *   it, how and when). A four-year cycle: the next agenda names the one it follows
 *   (`previousAgendaId`) and starts from that agenda's progress.
 */

// ---- life --------------------------------------------------------------------------------------

/** Stored status. "consultation" covers before, during and after the comment period; see `phaseOf`. */
export const AGENDA_STATUSES = ['draft', 'consultation', 'adopted'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

/** What readers and editors see: the stored status together with today's date. */
export const AGENDA_PHASES = ['draft', 'commentsSoon', 'commentsOpen', 'revision', 'adopted'] as const;
export type AgendaPhase = (typeof AGENDA_PHASES)[number];

/** The phase of an agenda on a day (dates as YYYY-MM-DD in Europe/Amsterdam; the closing day is the last day to comment). */
export function phaseOf(agenda: { status: AgendaStatus; commentsOpenOn: string | null; commentsCloseOn: string | null }, today: string): AgendaPhase {
  if (agenda.status === 'adopted') return 'adopted';
  if (agenda.status === 'draft' || !agenda.commentsOpenOn || !agenda.commentsCloseOn) return 'draft';
  if (today < agenda.commentsOpenOn) return 'commentsSoon';
  if (today <= agenda.commentsCloseOn) return 'commentsOpen';
  return 'revision';
}

/** Residents may comment on the concept only while the period is open. */
export const commentsOpen = (phase: AgendaPhase) => phase === 'commentsOpen';

/** How an agenda was adopted (with a free note beside it). */
export const ADOPTION_METHODS = ['meetingConsent', 'meetingVote', 'referendum', 'boardDecision', 'other'] as const;
export type AdoptionMethod = (typeof ADOPTION_METHODS)[number];

/** A comment period lasts at least this many days and at most this many (the issue: "a set period"). */
export const MIN_COMMENT_DAYS = 7;
export const MAX_COMMENT_DAYS = 90;

/** The years an agenda speaks for: a four-year cycle by default. */
export const CYCLE_YEARS = 4;

// ---- structure ---------------------------------------------------------------------------------

export const HORIZONS = [5, 10] as const;
export type Horizon = (typeof HORIZONS)[number];

export const MAX_THEMES = 20;
export const MAX_AMBITIONS = 200;
export const MAX_STEPS = 12;
export const MAX_TITLE = 160;
export const MAX_TEXT = 2000;
export const MAX_INTRODUCTION = 8000;

export interface AgendaStep {
  id: string;
  position: number;
  step: string;
  /** Who could carry it, as the team writes it (a group, an organisation, "the municipality"). */
  carrier: string | null;
}

export interface AgendaValue {
  valueId: string;
  nameNl: string;
  nameEn: string;
}

export interface AgendaAmbition {
  id: string;
  agendaId: string;
  themeId: string;
  /** The summit ambition it came from, or null when the team wrote it. */
  sourceAmbitionId: string | null;
  title: string;
  /** What we want. */
  body: string;
  why: string | null;
  horizon: Horizon;
  /** One of the neighbourhood's own goals, beyond what the municipality asks. */
  ownGoal: boolean;
  position: number;
  values: AgendaValue[];
  steps: AgendaStep[];
}

export interface AgendaTheme {
  id: string;
  agendaId: string;
  name: string;
  position: number;
}

/**
 * A version's structured content, stored as a section's `data` so a frozen version keeps
 * everything the page, print and PDF need — and the ambition ids follow-up links to.
 */
export interface ThemeSectionData {
  kind: 'agenda.theme';
  themeId: string;
  ambitions: Array<{
    id: string;
    title: string;
    body: string;
    why: string | null;
    horizon: Horizon;
    ownGoal: boolean;
    values: AgendaValue[];
    steps: Array<{ step: string; carrier: string | null }>;
  }>;
}

/** Section keys: "inleiding" for the introduction, "thema-{n}" for the themes in order. */
export const INTRODUCTION_KEY = 'inleiding';
export const themeKey = (position: number) => `thema-${position}`;

/** Labels the plain-text body of a theme section uses (so the difference between versions reads as text). */
export interface ContentLabels {
  why: string;
  horizon: (years: number) => string;
  ownGoal: string;
  values: string;
  steps: string;
  carrier: string;
}

/**
 * The document a version freezes: the introduction, then one section per theme (in order) whose
 * body is the ambitions as readable text and whose data is the structure. Themes without
 * ambitions are left out. Pure, so a test can compare it with what a page shows.
 */
export function agendaContent(
  input: { introduction: string | null; themes: readonly AgendaTheme[]; ambitions: readonly AgendaAmbition[] },
  labels: ContentLabels,
  introductionHeading: string,
): { sections: Array<{ key: string; heading: string; body: string; data?: ThemeSectionData }> } {
  const sections: Array<{ key: string; heading: string; body: string; data?: ThemeSectionData }> = [];
  if (input.introduction && input.introduction.trim() !== '') sections.push({ key: INTRODUCTION_KEY, heading: introductionHeading, body: input.introduction.trim() });
  const themes = [...input.themes].sort((a, b) => a.position - b.position);
  themes.forEach((theme, index) => {
    const ambitions = input.ambitions.filter((a) => a.themeId === theme.id).sort((a, b) => a.position - b.position);
    if (ambitions.length === 0) return;
    const body = ambitions.map((a) => {
      const lines = [a.title, a.body];
      if (a.why) lines.push(`${labels.why}: ${a.why}`);
      lines.push(labels.horizon(a.horizon) + (a.ownGoal ? ` · ${labels.ownGoal}` : ''));
      if (a.values.length) lines.push(`${labels.values}: ${a.values.map((v) => v.nameNl).join(', ')}`);
      for (const s of [...a.steps].sort((x, y) => x.position - y.position)) lines.push(`${labels.steps}: ${s.step}${s.carrier ? ` (${labels.carrier}: ${s.carrier})` : ''}`);
      return lines.join('\n');
    }).join('\n\n');
    sections.push({
      key: themeKey(index + 1),
      heading: theme.name,
      body,
      data: {
        kind: 'agenda.theme',
        themeId: theme.id,
        ambitions: ambitions.map((a) => ({
          id: a.id, title: a.title, body: a.body, why: a.why, horizon: a.horizon, ownGoal: a.ownGoal, values: a.values,
          steps: [...a.steps].sort((x, y) => x.position - y.position).map((s) => ({ step: s.step, carrier: s.carrier })),
        })),
      },
    });
  });
  return { sections };
}

/** The theme data of a frozen section, or null for the introduction or anything else. */
export function themeDataOf(section: { data?: unknown }): ThemeSectionData | null {
  const data = section.data as Partial<ThemeSectionData> | undefined;
  return data && data.kind === 'agenda.theme' && Array.isArray(data.ambitions) ? (data as ThemeSectionData) : null;
}

// ---- distribution ------------------------------------------------------------------------------

/** Kinds of institution an agenda is sent to. */
export const RECIPIENT_KINDS = ['housing', 'care', 'welfare', 'department', 'school', 'police', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Days an institution is given to answer before its silence is shown as overdue (editable per recipient). */
export const DEFAULT_RESPONSE_DAYS = 42;

/** A recipient's state on a day: not yet sent, waiting, answered, or no answer past the date asked. */
export type ResponseState = 'notSent' | 'waiting' | 'answered' | 'overdue';

export function responseState(recipient: { sentAt: string | null; respondBy: string | null; responses: number }, today: string): ResponseState {
  if (recipient.responses > 0) return 'answered';
  if (!recipient.sentAt) return 'notSent';
  return recipient.respondBy && today > recipient.respondBy ? 'overdue' : 'waiting';
}

// ---- follow-up ---------------------------------------------------------------------------------

/** Where an ambition stands. "dropped" needs a reason. */
export const PROGRESS_STATUSES = ['notStarted', 'underWay', 'achieved', 'dropped'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
