import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { readAudit } from '../../platform/audit.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { execute } from '../../platform/service.js';
import {
  addGroupLink, addGroupMember, addMilestone, amsterdamToday, changeSummitStatus, createSummit, editGroup, editMilestone, editSummit, markMilestoneDone,
  removeGroup, removeMilestone, writeBriefing,
} from './service.js';
import { findSummit, groupsOf, linksOf, membersOf, milestonesOf, statusChangesOf } from './store.js';

const fieldsOf = async (run: Promise<unknown>) => {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};
const refusal = async (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);

describeEachEngine('summit: use cases', (engine) => {
  let w: SummitWorld;
  const count = async (table: 'summits' | 'summit_milestones' | 'summit_groups' | 'summit_group_members' | 'summit_group_links' | 'summit_status_changes' | 'audit_log') =>
    Number((await w.tp.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const create = (over: Record<string, string> = {}) => execute(w.ctx.anna, createSummit, summitForm(w, over));

  beforeEach(async () => { w = await openSummitWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  it('starts a summit with its default title, times in UTC, the venue and its capacity, the default plan and groups, and an audit entry', async () => {
    const { id } = await create({ description: '' });
    const db = w.tp.platform.db;
    const summit = (await findSummit(db, w.a.id, id))!;
    expect(summit).toMatchObject({
      title: 'BuurtTop Buurt Een-B', areaCode: w.n[1], organiserName: 'Bewonersvereniging Een-B', status: 'preparation', placeName: 'Buurthuis De Schakel', capacity: 40, description: null,
      // 10:00 and 16:00 in Amsterdam in winter time.
      startsAt: '2031-03-15T09:00:00.000Z', endsAt: '2031-03-15T15:00:00.000Z',
    });
    expect((await milestonesOf(db, id)).map((m) => [m.templateKey, m.dueOn])).toEqual([
      ['coreTeam', '2030-09-16'], ['workingGroups', '2030-10-16'], ['picture', '2030-12-15'], ['invitations', '2031-02-01'], ['briefings', '2031-03-01'],
      ['day', '2031-03-15'], ['draft', '2031-04-26'], ['comments', '2031-05-24'], ['adoption', '2031-06-21'],
    ]);
    expect((await milestonesOf(db, id))[0]!.title).toBe('Kernteam vormen');
    expect((await groupsOf(db, id)).map((g) => g.name)).toEqual(['Wonen', 'Leefbaarheid en openbare ruimte', 'Duurzaamheid en energie', 'Zorg en zorgzaamheid', 'Cultuur en samenleven']);
    expect((await statusChangesOf(db, id)).map((c) => c.status)).toEqual(['preparation']);
    const [entry] = await readAudit(db, { action: 'summit.create' });
    expect(entry?.after).toMatchObject({ title: 'BuurtTop Buurt Een-B', place_id: w.placeId, milestones: 9, groups: 5 });
    // In summer time, and a capacity of its own.
    const summer = await create({ date: '2031-07-05', startTime: '19:30', endTime: '22:00', capacity: '120', title: 'Zomeravond' });
    expect(await findSummit(db, w.a.id, summer.id)).toMatchObject({ startsAt: '2031-07-05T17:30:00.000Z', capacity: 120, title: 'Zomeravond' });
  });

  it('refuses bad input naming each field, and changes nothing', async () => {
    const before = await Promise.all([count('summits'), count('summit_milestones'), count('audit_log')]);
    expect(await fieldsOf(create({ endTime: '', capacity: '-1' }))).toEqual([['endTime', 'validation.required'], ['capacity', 'validation.tooSmall']]);
    expect(await fieldsOf(create({ date: '2031-02-30', startTime: '25:00', endTime: '9 uur' })))
      .toEqual([['date', 'summit.error.date'], ['startTime', 'summit.error.time'], ['endTime', 'summit.error.time']]);
    expect(await fieldsOf(create({ organiserId: w.taskGroup, endTime: '09:00', placeId: 'bestaat-niet' })))
      .toEqual([['organiserId', 'summit.error.organiser'], ['endTime', 'summit.error.endBeforeStart'], ['placeId', 'summit.error.place']]);
    expect(await fieldsOf(create({ areaCode: 'BU99999999' }))).toEqual([['areaCode', 'summit.error.area']]);
    expect(await Promise.all([count('summits'), count('summit_milestones'), count('audit_log')])).toEqual(before);
  });

  it('lets the board of the organiser, members of a task group and officials organise; nobody else', async () => {
    expect(await refusal(execute(w.ctx.bert, createSummit, summitForm(w)))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute(w.ctx.carl, createSummit, summitForm(w)))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(execute(w.ctx.anonymous, createSummit, summitForm(w)))).toBeInstanceOf(ForbiddenError);
    // Bert is a member of the task group of n[2]: he organises there.
    const twee = await execute(w.ctx.bert, createSummit, summitForm(w, { areaCode: w.n[2], organiserId: w.taskGroup }));
    expect(await refusal(execute(w.ctx.anna, editSummit, { ...summitForm(w, { organiserId: w.taskGroup }), id: twee.id }))).toBeInstanceOf(ForbiddenError);
    const { id } = await execute(w.ctx.olga, createSummit, summitForm(w));
    await execute(w.ctx.anna, editSummit, { ...summitForm(w), id, title: 'Onze BuurtTop' });
    expect((await findSummit(w.tp.platform.db, w.a.id, id))!.title).toBe('Onze BuurtTop');
    expect(await refusal(execute(w.ctx.bert, addMilestone, { summitId: id, title: 'Iets', dueOn: '2031-01-01' }))).toBeInstanceOf(ForbiddenError);
    // Another municipality's summit is not found.
    expect(await refusal(execute({ ...w.ctx.olga, tenant: w.b }, editSummit, { ...summitForm(w), id }))).toBeInstanceOf(NotFoundError);
    expect(await count('summit_milestones')).toBe(18);
  });

  it('changes the status in order, each change kept and audited', async () => {
    const { id } = await create();
    expect(await fieldsOf(execute(w.ctx.anna, changeSummitStatus, { id, status: 'held' }))).toEqual([['status', 'summit.error.status.notAllowed']]);
    expect(await fieldsOf(execute(w.ctx.anna, changeSummitStatus, { id, status: 'feest' }))).toEqual([['status', 'validation.choice']]);
    await execute(w.ctx.anna, changeSummitStatus, { id, status: 'registration' });
    expect(await fieldsOf(execute(w.ctx.anna, changeSummitStatus, { id, status: 'held' }))).toEqual([['status', 'summit.error.status.notYetHeld']]);
    await execute(w.ctx.anna, changeSummitStatus, { id, status: 'cancelled', note: 'De zaal is niet beschikbaar.' });
    expect((await statusChangesOf(w.tp.platform.db, id)).map((c) => [c.status, c.note])).toEqual([['preparation', null], ['registration', null], ['cancelled', 'De zaal is niet beschikbaar.']]);
    expect((await readAudit(w.tp.platform.db, { action: 'summit.status' })).map((e) => e.after?.status).sort()).toEqual(['cancelled', 'registration']);
  });

  it('keeps the plan: add, mark done and undo, change, remove', async () => {
    const { id } = await create();
    const db = w.tp.platform.db;
    expect(await fieldsOf(execute(w.ctx.anna, addMilestone, { summitId: id, title: '', dueOn: '' }))).toEqual([['title', 'validation.required'], ['dueOn', 'validation.required']]);
    expect(await fieldsOf(execute(w.ctx.anna, addMilestone, { summitId: id, title: 'Iets', dueOn: 'morgen' }))).toEqual([['dueOn', 'summit.error.date']]);
    const added = await execute(w.ctx.anna, addMilestone, { summitId: id, title: 'Zaal vastleggen', owner: 'penningmeester', dueOn: '2030-11-01' });
    await execute(w.ctx.anna, markMilestoneDone, { summitId: id, id: added.id, done: 'on' });
    const find = async () => (await milestonesOf(db, id)).find((m) => m.id === added.id)!;
    expect(await find()).toMatchObject({ owner: 'penningmeester', doneOn: amsterdamToday(), templateKey: null });
    await execute(w.ctx.anna, markMilestoneDone, { summitId: id, id: added.id, done: 'off' });
    expect((await find()).doneOn).toBeNull();
    expect(await fieldsOf(execute(w.ctx.anna, editMilestone, { summitId: id, id: added.id, title: 'Zaal', dueOn: '2030-11-01', doneOn: '2099-01-01' }))).toEqual([['doneOn', 'summit.error.doneInFuture']]);
    await execute(w.ctx.anna, editMilestone, { summitId: id, id: added.id, title: 'Zaal en koffie', dueOn: '2030-11-02', doneOn: '2020-01-01' });
    expect(await find()).toMatchObject({ title: 'Zaal en koffie', owner: null, dueOn: '2030-11-02', doneOn: '2020-01-01' });
    await execute(w.ctx.anna, removeMilestone, { summitId: id, id: added.id });
    expect(await milestonesOf(db, id)).toHaveLength(9);
    expect(await refusal(execute(w.ctx.anna, removeMilestone, { summitId: id, id: added.id }))).toBeInstanceOf(NotFoundError);
    expect((await readAudit(db, { entityId: id })).map((e) => e.action).sort())
      .toEqual(['summit.create', 'summit.milestone.add', 'summit.milestone.done', 'summit.milestone.done', 'summit.milestone.edit', 'summit.milestone.remove']);
  });

  it('keeps the working groups: questions, notes, members, information from the picture, a briefing; removing a group removes all of it', async () => {
    const { id } = await create();
    const db = w.tp.platform.db;
    const [housing] = await groupsOf(db, id);
    await execute(w.ctx.anna, editGroup, { summitId: id, id: housing!.id, name: 'Wonen en huren', questions: 'Wie kan de huur niet opbrengen?\nWaar kunnen ouderen heen?', notes: 'Eerste avond: twaalf mensen.' });
    await execute(w.ctx.anna, addGroupMember, { summitId: id, groupId: housing!.id, name: 'Kees', role: 'huurder' });
    expect(await fieldsOf(execute(w.ctx.anna, addGroupMember, { summitId: id, groupId: housing!.id, name: ' ' }))).toEqual([['name', 'validation.required']]);
    await execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'figure', reference: 's_65_oo', note: 'Vergrijzing' });
    await execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'place', reference: `http://buurtarena.test/pleindorp/plekken/${w.placeId}` });
    await execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'picture', reference: '' });
    expect(await fieldsOf(execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'figure', reference: 'geen_cijfer' }))).toEqual([['reference', 'summit.error.reference.figure']]);
    expect(await fieldsOf(execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'place', reference: '' }))).toEqual([['reference', 'validation.required']]);
    expect(await fieldsOf(execute(w.ctx.anna, addGroupLink, { summitId: id, groupId: housing!.id, kind: 'ecosystem', reference: 'niemand' }))).toEqual([['reference', 'summit.error.reference.ecosystem']]);
    expect(await fieldsOf(execute(w.ctx.anna, writeBriefing, { summitId: id, id: housing!.id, briefing: 'x'.repeat(4001) }))).toEqual([['briefing', 'validation.tooLong']]);
    await execute(w.ctx.anna, writeBriefing, { summitId: id, id: housing!.id, briefing: 'De huren stijgen.\n\nWat doen we?' });
    const [after] = await groupsOf(db, id);
    expect(after).toMatchObject({ name: 'Wonen en huren', theme: 'housing', briefing: 'De huren stijgen.\n\nWat doen we?', notes: 'Eerste avond: twaalf mensen.' });
    expect((await linksOf(db, [housing!.id])).map((l) => [l.kind, l.reference])).toEqual([['figure', 's_65_oo'], ['place', w.placeId], ['picture', '']]);
    expect(await membersOf(db, [housing!.id])).toHaveLength(1);
    await execute(w.ctx.anna, removeGroup, { summitId: id, id: housing!.id });
    expect([await count('summit_groups'), await count('summit_group_members'), await count('summit_group_links')]).toEqual([4, 0, 0]);
  });
});
