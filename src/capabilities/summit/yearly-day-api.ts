import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize, execute } from '../../platform/service.js';
import { SUMMIT_STATUSES } from './model.js';
import { summitActions, summitResource } from './policy.js';
import { summitPath } from './service.js';
import type { Summit } from './store.js';
import { yearOf } from './yearly-day-model.js';
import { yearInView } from './yearly-day-routes.js';
import { setYearlyDay } from './yearly-day-service.js';

/**
 * The yearly BuurtTop day in the API, beside the summits: GET …/summits/days/{year} (public: the
 * day, and every neighbourhood's summits of that year by district, with those without one) and
 * PUT …/summits/days/{year} (officials and administrators of the municipality set the day).
 */
const params = z.object({ municipality: z.string().max(60), year: z.string().max(4) });
const summitOut = z.object({
  id: z.string(), title: z.string(), areaCode: z.string(), startsAt: z.string(), endsAt: z.string(), venue: z.string().nullable(), status: z.enum(SUMMIT_STATUSES), href: z.string(),
});

export function registerYearlyDayApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  const yearParam = (raw: string) => {
    const year = yearOf(raw);
    if (year === null) throw new NotFoundError();
    return year;
  };

  api.route({
    method: 'GET', path: '/:municipality/summits/days/:year', tag: 'Summits', params,
    summary: "The municipality's BuurtTop day of a year (date and text, or null) and every neighbourhood's summits of that year by district; `covered` is false for a neighbourhood without a summit of its own or of its district (cancelled ones do not count).",
    response: z.object({
      year: z.number().int(),
      day: z.object({ date: z.string(), note: z.string().nullable() }).nullable(),
      neighbourhoods: z.number().int(), covered: z.number().int(),
      districts: z.array(z.object({
        code: z.string().nullable(), name: z.string().nullable(), summits: z.array(summitOut),
        neighbourhoods: z.array(z.object({ code: z.string(), name: z.string(), covered: z.boolean(), viaDistrict: z.boolean(), summits: z.array(summitOut) })),
      })),
      elsewhere: z.array(summitOut).describe('Summits of areas outside the current division.'),
    }),
    async handler({ params: p }, ctx) {
      const tenant = ctx.tenant!;
      const year = yearParam(p.year);
      authorize(ctx, summitActions.view, summitResource(tenant.id, [], { boards: [], groups: [] }));
      const { day, overview } = await yearInView(db, tenant, year);
      const json = (s: Summit) => ({
        id: s.id, title: s.title, areaCode: s.areaCode, startsAt: s.startsAt, endsAt: s.endsAt, venue: s.placeName, status: s.status, href: `${platform.config.publicUrl}${summitPath(tenant.slug, s.id)}`,
      });
      return {
        year, day: day ? { date: day.date, note: day.note } : null, neighbourhoods: overview.neighbourhoods, covered: overview.covered,
        districts: overview.districts.map((d) => ({
          code: d.code, name: d.name, summits: d.summits.map(json),
          neighbourhoods: d.neighbourhoods.map((n) => ({ code: n.code, name: n.name, covered: n.covered, viaDistrict: n.viaDistrict, summits: n.summits.map(json) })),
        })),
        elsewhere: overview.elsewhere.map(json),
      };
    },
  });

  api.route({
    method: 'PUT', path: '/:municipality/summits/days/:year', tag: 'Summits', params, body: z.record(z.string(), z.unknown()), status: 200,
    summary: "Set the municipality's BuurtTop day of a year: `date` (YYYY-MM-DD, in that year) and `note` (a short text). Officials and administrators of the municipality.",
    response: z.object({ id: z.string() }),
    async handler({ params: p, body }, ctx) {
      const year = yearParam(p.year);
      const { id } = await execute(ctx, setYearlyDay, { ...body, year });
      return { id };
    },
  });
}
