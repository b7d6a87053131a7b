import { z } from 'zod';
import { nowIso } from '../../platform/db/helpers.js';
import { ValidationError } from '../../platform/errors.js';
import { defineUseCase } from '../../platform/service.js';
import { optionalText } from '../../platform/validation.js';
import { isCalendarDate } from './model.js';
import { summitActions, yearlyDayResource } from './policy.js';
import { summitsPath } from './service.js';
import { MAX_YEAR, MAX_YEARLY_DAY_NOTE, MIN_YEAR } from './yearly-day-model.js';

/** The yearly BuurtTop day: set (or change) a year's date and text. Policy: `summit.setYearlyDay`. */
export const YEARLY_DAY_ENTITY = 'summit_yearly_day';

export const yearlyDayPath = (slug: string, year: number) => `${summitsPath(slug)}/dag/${year}`;

export const setYearlyDay = defineUseCase({
  action: summitActions.setYearlyDay,
  input: z.object({
    year: z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(MIN_YEAR, { message: 'validation.tooSmall' }).max(MAX_YEAR, { message: 'validation.tooBig' }),
    date: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(10, { message: 'validation.tooLong' }),
    note: optionalText(MAX_YEARLY_DAY_NOTE),
  }),
  resource: async (_tx, _input, ctx) => yearlyDayResource(ctx.tenant?.id ?? '', ctx.tenant?.cbsCode ?? ''),
  async run(tx, input, ctx) {
    const tenant = ctx.tenant!;
    if (!isCalendarDate(input.date)) throw ValidationError.field('date', 'summit.error.date');
    if (!input.date.startsWith(`${input.year}-`)) throw ValidationError.field('date', 'summit.yearlyDay.error.year', { year: input.year });
    const before = await tx.selectFrom('summit_yearly_days').selectAll().where('municipality_id', '=', tenant.id).where('year', '=', input.year).executeTakeFirst();
    const values = { day: input.date, note: input.note ?? null, updated_at: nowIso() };
    if (before) {
      await tx.updateTable('summit_yearly_days').set({ ...values, revision: Number(before.revision) + 1 }).where('municipality_id', '=', tenant.id).where('year', '=', input.year).execute();
    } else {
      await tx.insertInto('summit_yearly_days').values({ municipality_id: tenant.id, year: input.year, ...values, revision: 0 }).execute();
    }
    return {
      result: { id: String(input.year), path: yearlyDayPath(tenant.slug, input.year) },
      audit: [{
        action: 'summit.yearlyDay.set', entityType: YEARLY_DAY_ENTITY, entityId: `${tenant.id}:${input.year}`, municipalityId: tenant.id,
        before: before ? { day: before.day, note: before.note } : null, after: { year: input.year, day: values.day, note: values.note },
      }],
    };
  },
});
