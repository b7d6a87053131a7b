import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { openSummitWorld, summitForm, type SummitWorld } from '../../../test/support/summit-world.js';
import { readAudit } from '../../platform/audit.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { execute } from '../../platform/service.js';
import { attendanceInput, recordAttendance } from './attendance-service.js';
import { attendanceTotals, registrationCounts } from './registration-model.js';
import { eraseRegistrationsOfPastSummits } from './registration-privacy.js';
import { cancelByOrganiser, registerByHand } from './registration-service.js';
import { attendanceOf, registrationRecordOf, registrationsOf } from './registration-store.js';
import { changeSummitStatus, createSummit } from './service.js';

const errorOf = (run: Promise<unknown>) => run.then(() => null, (e: unknown) => e);

describeEachEngine('summit: attendance', (engine) => {
  let w: SummitWorld;
  const db = () => w.tp.platform.db;
  /** A summit whose day has passed, with Anna, Bert (places), Carla (waiting) and Dirk (cancelled). */
  const heldSummit = async () => {
    const summitId = (await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2025-03-15', capacity: '2' }))).id;
    const ids: Record<string, string> = {};
    for (const name of ['Anna', 'Bert', 'Carla', 'Dirk']) ids[name] = (await execute(w.ctx.anna, registerByHand, { summitId, name, email: `${name.toLowerCase()}@example.org` })).id;
    await execute(w.ctx.anna, cancelByOrganiser, { summitId, id: ids.Dirk! });
    return { summitId, ids };
  };
  const attended = async (summitId: string) => Object.fromEntries((await registrationsOf(db(), summitId)).map((r) => [r.name, r.attended]));

  beforeEach(async () => { w = await openSummitWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  it('records on or after the day who came and the walk-ins; refuses before the day, for a cancelled summit, and bad input naming the field', async () => {
    const future = (await execute(w.ctx.anna, createSummit, summitForm(w))).id;
    expect(await errorOf(execute(w.ctx.anna, recordAttendance, { summitId: future, walkIns: '3' }))).toMatchObject({ key: 'summit.attendance.notYet' });

    const { summitId, ids } = await heldSummit();
    expect((await registrationsOf(db(), summitId)).map((r) => [r.name, r.status])).toEqual([['Anna', 'confirmed'], ['Bert', 'confirmed'], ['Carla', 'waiting'], ['Dirk', 'cancelled']]);
    expect(await errorOf(execute(w.ctx.carl, recordAttendance, { summitId, walkIns: '3' }))).toBeInstanceOf(ForbiddenError);
    const bad = await errorOf(execute(w.ctx.anna, recordAttendance, { summitId, walkIns: '-1' }));
    expect((bad as ValidationError).issues).toEqual([expect.objectContaining({ field: 'walkIns', key: 'validation.tooSmall' })]);
    const cancelled = await errorOf(execute(w.ctx.anna, recordAttendance, { summitId, came: [ids.Dirk], walkIns: '2' }));
    expect((cancelled as ValidationError).issues).toEqual([expect.objectContaining({ field: 'came', key: 'summit.attendance.error.came' })]);
    expect(await attendanceOf(db(), summitId)).toBeNull();
    expect(await attended(summitId)).toEqual({ Anna: null, Bert: null, Carla: null, Dirk: null });

    // The form's checkboxes: Anna and Carla (from the waiting list) came, Bert did not; five walked in.
    await execute(w.ctx.anna, recordAttendance, { summitId, ...attendanceInput({ [`came-${ids.Anna}`]: 'on', [`came-${ids.Carla}`]: 'on', walkIns: '5' }) });
    expect(await attended(summitId)).toEqual({ Anna: true, Bert: false, Carla: true, Dirk: null });
    expect(await attendanceOf(db(), summitId)).toMatchObject({ walkIns: 5 });
    const counts = registrationCounts(await registrationsOf(db(), summitId));
    expect(attendanceTotals(counts, 5)).toEqual({ attended: 2, absent: 1, unknown: 0, walkIns: 5, present: 7 });
    // Again: replaces.
    await execute(w.ctx.anna, recordAttendance, { summitId, came: [ids.Bert, ids.Anna], walkIns: '' });
    expect(await attended(summitId)).toEqual({ Anna: true, Bert: true, Carla: false, Dirk: null });
    expect(await attendanceOf(db(), summitId)).toMatchObject({ walkIns: 0 });
    const audit = await readAudit(db(), { action: 'summit.attendance' });
    expect(audit.map((a) => a.after)).toEqual([
      { summit: summitId, attended: 2, absent: 1, walkIns: 0 },
      { summit: summitId, attended: 2, absent: 1, walkIns: 5 },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Anna|Bert|Carla|example\.org/);

    const off = (await execute(w.ctx.anna, createSummit, summitForm(w, { date: '2025-04-05' }))).id;
    await execute(w.ctx.anna, changeSummitStatus, { id: off, status: 'cancelled' });
    expect(await errorOf(execute(w.ctx.anna, recordAttendance, { summitId: off, walkIns: '1' }))).toBeInstanceOf(ConflictError);
  });

  it('keeps the attendance counts and the walk-ins when the retention job deletes the registrations', async () => {
    const { summitId, ids } = await heldSummit();
    await execute(w.ctx.anna, recordAttendance, { summitId, came: [ids.Anna, ids.Carla], walkIns: '4' });
    expect(await eraseRegistrationsOfPastSummits(db(), '2025-05-01T00:00:00.000Z')).toBe(1);
    expect(await registrationsOf(db(), summitId)).toEqual([]);
    const record = (await registrationRecordOf(db(), summitId))!;
    expect(record.counts).toMatchObject({ confirmed: 2, waiting: 1, cancelled: 1, attended: 2, absent: 1 });
    expect(await attendanceOf(db(), summitId)).toMatchObject({ walkIns: 4 });
    expect(attendanceTotals(record.counts, 4)).toEqual({ attended: 2, absent: 1, unknown: 0, walkIns: 4, present: 6 });
    // Afterwards only the walk-ins can change; a name is no longer there to tick.
    await execute(w.ctx.anna, recordAttendance, { summitId, walkIns: '6' });
    expect(await attendanceOf(db(), summitId)).toMatchObject({ walkIns: 6 });
    expect((await registrationRecordOf(db(), summitId))!.counts).toMatchObject({ attended: 2, absent: 1 });
  });
});
