import { isCalendarDate } from '../../platform/validation.js';
import type { ProgressStatus } from './model.js';

/**
 * Follow-up of an adopted agenda over the years: pure rules, no I/O.
 *
 * An ambition's status on a day is that of its last progress update reported on or before that
 * day ("not started" once the agenda is adopted and nothing was reported yet; nothing before the
 * adoption). The overview shows it at the end of each year the agenda runs (up to today), from
 * the year of adoption — an agenda adopted in autumn for the next four years has its first
 * months of follow-up in the year of adoption — to its last year.
 */

/** What the rules need of an update: the day it speaks for, and the order it was written in. */
export interface DatedStatus {
  status: ProgressStatus;
  reportedOn: string;
  createdAt: string;
}

const byDay = (a: DatedStatus, b: DatedStatus) => (a.reportedOn === b.reportedOn ? a.createdAt.localeCompare(b.createdAt) : a.reportedOn.localeCompare(b.reportedOn));

/** Updates in the order they speak for (day, then when written). */
export const inReportedOrder = <U extends DatedStatus>(updates: readonly U[]): U[] => [...updates].sort(byDay);

/** The status on a day: the last update up to it, "not started" when none; null before the adoption. */
export function statusOn(updates: readonly DatedStatus[], day: string, adoptedOn: string): ProgressStatus | null {
  if (day < adoptedOn) return null;
  let status: ProgressStatus = 'notStarted';
  for (const u of inReportedOrder(updates)) if (u.reportedOn <= day) status = u.status;
  return status;
}

/** The years the overview shows: from the adoption's year (or the first year, when earlier) to the last year. */
export function progressYears(agenda: { firstYear: number; lastYear: number; adoptedOn: string }): number[] {
  const from = Math.min(agenda.firstYear, Number(agenda.adoptedOn.slice(0, 4)));
  return Array.from({ length: Math.max(0, agenda.lastYear - from + 1) }, (_, i) => from + i);
}

/** The status at the end of a year (today for the current year); null for a year not begun or before the adoption. */
export function statusInYear(updates: readonly DatedStatus[], year: number, adoptedOn: string, today: string): ProgressStatus | null {
  if (`${year}-01-01` > today) return null;
  const end = `${year}-12-31` < today ? `${year}-12-31` : today;
  return statusOn(updates, end, adoptedOn);
}

/** How many ambitions have each status (statuses not given are left out of the count). */
export function statusTotals(statuses: ReadonlyArray<ProgressStatus | null>): Record<ProgressStatus, number> {
  const totals: Record<ProgressStatus, number> = { notStarted: 0, underWay: 0, achieved: 0, dropped: 0 };
  for (const s of statuses) if (s) totals[s]++;
  return totals;
}

/** An ambition still open at the end of a cycle goes on into the next agenda; achieved and dropped ones do not. */
export const isOpen = (status: ProgressStatus) => status !== 'achieved' && status !== 'dropped';

/**
 * The rules of an update beside its fields' form: a reason when dropped, a day that exists, is not
 * in the future and not before the adoption. Gives the fields that break them with their message keys.
 */
export function progressIssues(input: { status: ProgressStatus; reason?: string | null; reportedOn: string }, agenda: { adoptedOn: string }, today: string): Array<{ field: string; key: string; params?: Record<string, string> }> {
  const issues: Array<{ field: string; key: string; params?: Record<string, string> }> = [];
  if (input.status === 'dropped' && !input.reason?.trim()) issues.push({ field: 'reason', key: 'agenda.followUp.error.reasonRequired' });
  if (!isCalendarDate(input.reportedOn)) issues.push({ field: 'reportedOn', key: 'agenda.followUp.error.date' });
  else if (input.reportedOn > today) issues.push({ field: 'reportedOn', key: 'agenda.followUp.error.future' });
  else if (input.reportedOn < agenda.adoptedOn) issues.push({ field: 'reportedOn', key: 'agenda.followUp.error.beforeAdoption', params: { date: agenda.adoptedOn } });
  return issues;
}
