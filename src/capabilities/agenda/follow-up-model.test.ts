import { describe, expect, it } from 'vitest';
import { expectSameKeysAndPlaceholders } from '../../../test/support/messages.js';
import { followUpMessages } from './follow-up-messages.js';
import { isCalendarDate } from '../../platform/validation.js';
import { isOpen, progressIssues, progressYears, statusInYear, statusOn, statusTotals, type DatedStatus } from './follow-up-model.js';

const u = (status: DatedStatus['status'], reportedOn: string, createdAt = `${reportedOn}T10:00:00.000Z`): DatedStatus => ({ status, reportedOn, createdAt });

describe('agenda follow-up: rules', () => {
  it('has the same keys and placeholders in Dutch and English', () => expectSameKeysAndPlaceholders(followUpMessages));

  it('gives the status on a day: the last update up to it, not started before any, nothing before the adoption', () => {
    const updates = [u('achieved', '2027-06-01'), u('underWay', '2027-01-10'), u('dropped', '2027-06-01', '2027-06-02T09:00:00.000Z')];
    expect(statusOn(updates, '2026-12-31', '2027-01-01')).toBeNull();
    expect(statusOn(updates, '2027-01-01', '2027-01-01')).toBe('notStarted');
    expect(statusOn(updates, '2027-03-01', '2027-01-01')).toBe('underWay');
    // Two updates for the same day: the one written last counts.
    expect(statusOn(updates, '2027-06-01', '2027-01-01')).toBe('dropped');
  });

  it('runs the years from the adoption (or the first year) to the last, each at its end — today for this year, nothing for a year not begun', () => {
    expect(progressYears({ firstYear: 2027, lastYear: 2030, adoptedOn: '2026-10-15' })).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(progressYears({ firstYear: 2027, lastYear: 2030, adoptedOn: '2027-02-01' })).toEqual([2027, 2028, 2029, 2030]);
    const updates = [u('underWay', '2026-11-01'), u('achieved', '2028-03-01')];
    const today = '2028-02-01';
    expect([2026, 2027, 2028, 2029].map((y) => statusInYear(updates, y, '2026-10-15', today))).toEqual(['underWay', 'underWay', 'underWay', null]);
    expect(statusInYear(updates, 2028, '2026-10-15', '2028-12-31')).toBe('achieved');
    expect(statusInYear([], 2025, '2026-10-15', today)).toBeNull();
  });

  it('counts per status, and leaves achieved and dropped ambitions behind when carrying over', () => {
    expect(statusTotals(['underWay', 'achieved', null, 'underWay'])).toEqual({ notStarted: 0, underWay: 2, achieved: 1, dropped: 0 });
    expect(['notStarted', 'underWay', 'achieved', 'dropped'].map((s) => isOpen(s as DatedStatus['status']))).toEqual([true, true, false, false]);
  });

  it('asks a reason when dropped, and a day that exists, is not in the future and not before the adoption', () => {
    const agenda = { adoptedOn: '2027-01-15' };
    expect(progressIssues({ status: 'dropped', reason: ' ', reportedOn: '2027-02-01' }, agenda, '2027-03-01')).toEqual([{ field: 'reason', key: 'agenda.followUp.error.reasonRequired' }]);
    expect(progressIssues({ status: 'dropped', reason: 'Geen geld.', reportedOn: '2027-01-15' }, agenda, '2027-03-01')).toEqual([]);
    expect(progressIssues({ status: 'underWay', reportedOn: '2027-03-02' }, agenda, '2027-03-01')).toEqual([{ field: 'reportedOn', key: 'agenda.followUp.error.future' }]);
    expect(progressIssues({ status: 'underWay', reportedOn: '2027-01-14' }, agenda, '2027-03-01')).toEqual([{ field: 'reportedOn', key: 'agenda.followUp.error.beforeAdoption', params: { date: '2027-01-15' } }]);
    expect(progressIssues({ status: 'underWay', reportedOn: '2027-02-29' }, agenda, '2027-03-01')).toEqual([{ field: 'reportedOn', key: 'agenda.followUp.error.date' }]);
    expect([isCalendarDate('2028-02-29'), isCalendarDate('2027-02-29'), isCalendarDate('1-2-2027')]).toEqual([true, false, false]);
  });
});
