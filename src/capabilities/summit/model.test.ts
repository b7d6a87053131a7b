import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, defaultPlan, groupsArePublic, milestoneStates, orderMilestones, questionsOf, referenceFromInput, transitionProblem, upcomingFirst } from './model.js';

const m = (id: string, dueOn: string, doneOn: string | null = null, position = 0) => ({ id, dueOn, doneOn, position });

describe('summit model', () => {
  it('counts the default plan from the day: half a year ahead to three months after', () => {
    const plan = defaultPlan('2031-06-14', '2030-01-01');
    expect(plan.map((p) => p.key)).toEqual(DEFAULT_PLAN.map((p) => p.key));
    expect(Object.fromEntries(plan.map((p) => [p.key, p.dueOn]))).toEqual({
      coreTeam: '2030-12-16', workingGroups: '2031-01-15', picture: '2031-03-16', invitations: '2031-05-03', briefings: '2031-05-31',
      day: '2031-06-14', draft: '2031-07-26', comments: '2031-08-23', adoption: '2031-09-20',
    });
  });

  it('makes steps whose time has passed due today, never after the day', () => {
    const plan = Object.fromEntries(defaultPlan('2031-06-14', '2031-04-01').map((p) => [p.key, p.dueOn]));
    expect([plan.coreTeam, plan.workingGroups, plan.picture, plan.invitations]).toEqual(['2031-04-01', '2031-04-01', '2031-04-01', '2031-05-03']);
    const past = Object.fromEntries(defaultPlan('2020-06-13', '2031-04-01').map((p) => [p.key, p.dueOn]));
    expect([past.coreTeam, past.day, past.draft]).toEqual(['2020-06-13', '2020-06-13', '2020-07-25']);
  });

  it('orders milestones by due date, then by their place in the plan', () => {
    expect(orderMilestones([m('c', '2031-02-01'), m('b', '2031-01-01', null, 2), m('a', '2031-01-01', null, 1)]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('marks what is done, overdue, next and open', () => {
    const states = milestoneStates([m('a', '2031-01-01', '2031-01-02'), m('b', '2031-02-01'), m('c', '2031-03-01'), m('d', '2031-04-01'), m('e', '2031-03-10', '2031-03-01')], '2031-02-15');
    expect(states.map((s) => [s.id, s.state])).toEqual([['a', 'done'], ['b', 'overdue'], ['c', 'next'], ['e', 'done'], ['d', 'open']]);
    expect(milestoneStates([m('a', '2031-02-15')], '2031-02-15')[0]!.state).toBe('next');
  });

  it('allows status changes in order, and "held" only once the day began', () => {
    expect(transitionProblem('preparation', 'registration', '2031-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBeNull();
    expect(transitionProblem('preparation', 'held', '2020-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBe('notAllowed');
    expect(transitionProblem('registration', 'held', '2031-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBe('notYetHeld');
    expect(transitionProblem('registration', 'held', '2029-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBeNull();
    expect(transitionProblem('held', 'held', '2029-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBe('same');
    expect(transitionProblem('closed', 'preparation', '2029-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBe('notAllowed');
    expect(transitionProblem('cancelled', 'preparation', '2029-01-01T09:00:00Z', '2030-01-01T00:00:00Z')).toBeNull();
  });

  it('opens the groups to the public from registration on, not when cancelled', () => {
    expect(['preparation', 'registration', 'held', 'closed', 'cancelled'].map((s) => groupsArePublic(s as never))).toEqual([false, true, true, true, false]);
  });

  it('lists upcoming summits first (soonest first), then earlier ones (latest first)', () => {
    const s = (id: string, startsAt: string) => ({ id, startsAt });
    expect(upcomingFirst([s('old', '2020-01-01'), s('later', '2032-01-01'), s('soon', '2031-01-01'), s('older', '2019-01-01')], '2030-01-01').map((x) => x.id))
      .toEqual(['soon', 'later', 'old', 'older']);
  });

  it('reads questions one per line and references from codes or pasted addresses', () => {
    expect(questionsOf(' Waarom?\n\n  Hoe dan? \r\n')).toEqual(['Waarom?', 'Hoe dan?']);
    expect(referenceFromInput('figure', 's_65_oo')).toBe('s_65_oo');
    expect(referenceFromInput('figure', 'https://x.example/stad/gebieden/BU01/cijfers?jaar=2024#cijfer-a_inw')).toBe('a_inw');
    expect(referenceFromInput('figure', 'https://x.example/stad/gebieden/BU01/cijfers')).toBe('');
    expect(referenceFromInput('place', '/stad/plekken/abc123')).toBe('abc123');
    expect(referenceFromInput('interpretation', '/stad/gebieden/BU01/duiding#duiding-xyz')).toBe('xyz');
    expect(referenceFromInput('picture', '/stad/gebieden/BU01/wijkbeeld#wijkbeeld-trots')).toBe('trots');
    expect(referenceFromInput('ecosystem', '/stad/gebieden/BU01/ecosysteem/actoren/a1')).toBe('a1');
    expect(referenceFromInput('ecosystem', '/stad/gebieden/BU01/ecosysteem')).toBe('');
  });
});
