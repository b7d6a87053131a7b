import { phaseOf, type AgendaPhase } from './model.js';
import type { Agenda } from './store.js';

/**
 * Which version of an agenda readers see, and when residents may comment. Pure.
 *
 * - Adopted: the adopted version.
 * - In the comment period and after it (revision): the concept residents comment on.
 * - Before that (a draft, or a concept whose period has not begun): nothing public yet.
 *
 * Readers may open any version up to the public one (earlier concepts stay readable, so the
 * difference can be followed); editors any published version.
 */
type Life = Pick<Agenda, 'status' | 'commentsOpenOn' | 'commentsCloseOn' | 'conceptVersion' | 'adoptedVersion'>;

export function publicVersionOf(agenda: Life, today: string): number | null {
  const phase = phaseOf(agenda, today);
  if (phase === 'adopted') return agenda.adoptedVersion;
  if (phase === 'commentsOpen' || phase === 'revision') return agenda.conceptVersion;
  return null;
}

/** May this version be shown to someone who is (or is not) an editor? */
export function versionVisible(agenda: Life, today: string, number: number, editor: boolean): boolean {
  if (editor) return true;
  const shown = publicVersionOf(agenda, today);
  return shown !== null && number <= shown;
}

/** Why residents cannot comment now (a message key with its parameters; dates as `date` formats them), or null while the period is open. */
export function commentsClosedReason(agenda: Life, today: string, date: (iso: string) => string = (iso) => iso): { key: string; params?: Record<string, string> } | null {
  const phase: AgendaPhase = phaseOf(agenda, today);
  if (phase === 'commentsOpen') return null;
  if (phase === 'commentsSoon') return { key: 'agenda.page.comments.soon', params: { date: date(agenda.commentsOpenOn!) } };
  if (phase === 'revision') return { key: 'agenda.page.comments.closed', params: { date: date(agenda.commentsCloseOn!) } };
  if (phase === 'adopted') return { key: 'agenda.page.comments.adopted' };
  return { key: 'agenda.page.comments.draft' };
}
