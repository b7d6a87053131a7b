import { z } from 'zod';
import { nowIso } from '../../platform/db/helpers.js';
import { ConflictError, ValidationError } from '../../platform/errors.js';
import { defineUseCase } from '../../platform/service.js';
import { MAX_CAPACITY } from './model.js';
import { summitActions } from './policy.js';
import { attendanceProblem, mayAttend } from './registration-model.js';
import { REGISTRATION_ENTITY, registrationsPath } from './registration-service.js';
import { amsterdamParts, amsterdamToday, resourceOfSummitId } from './service.js';
import { findSummit } from './store.js';

/**
 * Who came to a BuurtTop: on or after the day the organisers tick, per registration with a place
 * or on the waiting list, whether the person came, and count the walk-ins (people who came without
 * registering). Recording again replaces what was recorded. The audit log gets the counts, never
 * the names. After the registrations' retention the counts stay (registration-privacy.ts) and the
 * walk-ins with them (`summit_attendance`).
 */
const blankToZero = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? 0 : v);
const idField = z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(64, { message: 'validation.tooLong' });

export const recordAttendance = defineUseCase({
  action: summitActions.organise,
  input: z.object({
    summitId: idField,
    came: z.array(idField).max(100_000, { message: 'validation.tooBig' }).default([]),
    walkIns: z.preprocess(blankToZero, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
      .min(0, { message: 'validation.tooSmall' }).max(MAX_CAPACITY, { message: 'validation.tooBig' })).default(0),
  }),
  resource: (tx, input, ctx) => resourceOfSummitId(tx, ctx, input.summitId),
  async run(tx, input, ctx) {
    const summit = (await findSummit(tx, ctx.tenant!.id, input.summitId))!;
    const problem = attendanceProblem(summit.status, amsterdamParts(summit.startsAt).date, amsterdamToday());
    if (problem) throw new ConflictError(`summit.attendance.${problem}`);
    const rows = await tx.selectFrom('summit_registrations').select(['id', 'status']).where('summit_id', '=', summit.id).execute();
    const listed = new Set(rows.filter((r) => mayAttend(r.status)).map((r) => r.id));
    const came = new Set(input.came);
    if ([...came].some((id) => !listed.has(id))) throw ValidationError.field('came', 'summit.attendance.error.came');
    const yes = [...listed].filter((id) => came.has(id));
    const no = [...listed].filter((id) => !came.has(id));
    if (yes.length) await tx.updateTable('summit_registrations').set({ attended: 1 }).where('id', 'in', yes).execute();
    if (no.length) await tx.updateTable('summit_registrations').set({ attended: 0 }).where('id', 'in', no).execute();
    const now = nowIso();
    const before = await tx.selectFrom('summit_attendance').select('walk_ins').where('summit_id', '=', summit.id).executeTakeFirst();
    if (before) await tx.updateTable('summit_attendance').set({ walk_ins: input.walkIns, recorded_at: now }).where('summit_id', '=', summit.id).execute();
    else await tx.insertInto('summit_attendance').values({ summit_id: summit.id, municipality_id: summit.municipalityId, walk_ins: input.walkIns, recorded_at: now }).execute();
    return {
      result: { id: summit.id, path: `${registrationsPath(ctx.tenant!, summit.id)}#aanwezigheid` },
      audit: [{
        action: 'summit.attendance', entityType: REGISTRATION_ENTITY, entityId: summit.id, municipalityId: summit.municipalityId,
        before: before ? { walkIns: Number(before.walk_ins) } : null, after: { summit: summit.id, attended: yes.length, absent: no.length, walkIns: input.walkIns },
      }],
    };
  },
});

/** The attendance form's values as the use case takes them: the ticked registrations from their checkboxes (`came-{id}`). */
export function attendanceInput(values: Record<string, string>): Record<string, unknown> {
  const came = Object.keys(values).filter((k) => k.startsWith('came-') && values[k] === 'on').map((k) => k.slice('came-'.length));
  return { walkIns: values.walkIns, came };
}
