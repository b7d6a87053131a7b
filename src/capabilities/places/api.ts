import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize } from '../../platform/service.js';
import { ACCESSIBILITY, OWNER_TYPES, PLACE_STATUSES, PLACE_TYPES, QUALITIES, THREAT_KINDS, WEEKDAYS, aggregateAssessments, findMeetingPlaces, type Reason } from './model.js';
import { placeActions, placesResource } from './policy.js';
import { areaIndex, readSearch } from './search.js';
import { assessmentsOf, findPlace, listPlaces, statusHistory, usablePlaces, type Place } from './store.js';

/**
 * Open data: the places of a municipality (filtered like the list, or searched like the
 * evening-meeting search), and one place with its status history and assessments aggregated per
 * quality (mean with its spread and n; individual scores and authors are not published).
 */
const params = z.object({ municipality: z.string().max(60) });
const one = z.object({ municipality: z.string().max(60), id: z.string().max(64) });
const optional = z.string().max(40).optional();
const MAX_LIMIT = 1000;

const listQuery = z.object({
  area: optional.describe('A district or neighbourhood code (WK…/BU…) of the current division.'),
  type: z.enum(PLACE_TYPES).optional(),
  status: z.enum(PLACE_STATUSES).optional(),
  weekday: z.enum(WEEKDAYS).optional().describe('Search: open on this day (mon … sun).'),
  from: optional.describe('Search: open from this time (HH:MM), with `to` and `weekday`.'),
  to: optional.describe('Search: open until this time (HH:MM).'),
  groupSize: optional.describe('Search: at least this many people fit.'),
  maxCostCents: optional.describe('Search: at most this cost per hour for a resident group, in cents (0: free only).'),
  needs: optional.describe(`Search: comma-separated accessibility needs (${ACCESSIBILITY.join(', ')}).`),
  limit: z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1, { message: 'validation.tooSmall' }).max(MAX_LIMIT, { message: 'validation.tooBig' }).default(100)
    .describe(`At most this many places, the best first when searching (default 100, at most ${MAX_LIMIT}).`),
  offset: z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(0, { message: 'validation.tooSmall' }).default(0),
});

const intervalOut = z.object({ from: z.string().describe('HH:MM'), to: z.string().describe('HH:MM; 24:00 is the end of the day') });
const placeOut = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(PLACE_TYPES),
  ownerType: z.enum(OWNER_TYPES),
  runBy: z.string().nullable(),
  description: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).describe('WGS84'),
  areaCode: z.string().nullable().describe('The neighbourhood holding the location, in `divisionYear`.'),
  divisionYear: z.number().int(),
  openingHours: z.record(z.string(), z.array(intervalOut)).describe('Per weekday (mon … sun); an empty list is closed.'),
  costCentsPerHour: z.number().int().nullable().describe('For a resident group; 0 is free, null is unknown.'),
  capacity: z.number().int().nullable(),
  accessibility: z.object({ stepFree: z.boolean().nullable(), accessibleToilet: z.boolean().nullable(), hearingLoop: z.boolean().nullable() }).describe('null: unknown'),
  status: z.enum(PLACE_STATUSES),
  threatKind: z.enum(THREAT_KINDS).nullable(),
  statusSince: z.string(),
});
const reasonOut = z.object({ kind: z.string() }).catchall(z.unknown());
const spreadOut = z.object({ n: z.number().int(), mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), q1: z.number().nullable(), median: z.number().nullable(), q3: z.number().nullable() });

const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function placeJson(p: Place) {
  return {
    id: p.id, name: p.name, type: p.type, ownerType: p.ownerType, runBy: p.runBy, description: p.description, location: { lat: p.lat, lon: p.lon },
    areaCode: p.areaCode, divisionYear: p.divisionYear,
    openingHours: Object.fromEntries(WEEKDAYS.map((d) => [d, p.hours[d].map((i) => ({ from: time(i.from), to: time(i.to) }))])),
    costCentsPerHour: p.costCents, capacity: p.capacity, accessibility: p.accessibility, status: p.status, threatKind: p.threatKind, statusSince: p.statusSince,
  };
}

const reasonJson = (r: Reason) => (r.kind === 'open' ? { ...r, from: time(r.from), to: time(r.to) } : r.kind === 'openDay' ? { ...r, intervals: r.intervals.map((i) => ({ from: time(i.from), to: time(i.to) })) } : r);

export function registerPlacesApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  api.route({
    method: 'GET', path: '/:municipality/places', tag: 'Places',
    summary: 'Public places (third places) of a municipality, filtered by area, type and status; with weekday, times, group size, cost or needs it is the evening-meeting search, best first, each with its reasons.',
    params, query: listQuery,
    response: z.object({ search: z.boolean(), total: z.number().int().describe('How many places match, of which `items` are the page asked for.'), items: z.array(placeOut.extend({ certain: z.boolean().optional(), reasons: z.array(reasonOut).optional() })) }),
    async handler({ query }, ctx) {
      const tenant = ctx.tenant!;
      authorize(ctx, placeActions.view, placesResource(tenant.id));
      const areas = await areaIndex(db, tenant);
      const { query: search, issues } = readSearch(
        { weekday: query.weekday, from: query.from, to: query.to, groupSize: query.groupSize, maxCostCents: query.maxCostCents, needs: query.needs?.split(',').map((n) => n.trim()), area: query.area },
        { weekday: 'weekday', from: 'from', to: 'to', groupSize: 'groupSize', maxCost: 'maxCostCents', area: 'area' }, areas.codesOf,
      );
      if (issues.length) throw new ValidationError(issues);
      const searching = search.weekday !== undefined || search.groupSize !== undefined || search.maxCostCents !== undefined || (search.needs?.length ?? 0) > 0;
      const page = <T>(items: T[]) => items.slice(query.offset, query.offset + query.limit);
      if (!searching) {
        const places = await listPlaces(db, tenant.id, { areaCodes: search.areaCodes, type: query.type, status: query.status });
        return { search: false, total: places.length, items: page(places).map(placeJson) };
      }
      const candidates = (await usablePlaces(db, tenant.id)).filter((p) => (!query.type || p.type === query.type) && (!query.status || p.status === query.status));
      const matches = findMeetingPlaces(candidates, search);
      return { search: true, total: matches.length, items: page(matches).map((m) => ({ ...placeJson(m.place), certain: m.certain, reasons: m.reasons.map(reasonJson) })) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/places/:id', tag: 'Places',
    summary: "One public place: its facts, status history and residents' assessments per quality (mean, spread and n).",
    params: one,
    response: placeOut.extend({
      statusHistory: z.array(z.object({ status: z.enum(PLACE_STATUSES), threatKind: z.enum(THREAT_KINDS).nullable(), changedOn: z.string(), note: z.string().nullable() })),
      assessments: z.object({ count: z.number().int(), qualities: z.record(z.string(), spreadOut).describe(`Per quality (${QUALITIES.join(', ')}).`) }),
    }),
    async handler({ params: p }, ctx) {
      const tenant = ctx.tenant!;
      authorize(ctx, placeActions.view, placesResource(tenant.id));
      const place = await findPlace(db, tenant.id, p.id);
      if (!place) throw new NotFoundError();
      const [history, assessments] = await Promise.all([statusHistory(db, place.id), assessmentsOf(db, [place.id])]);
      return {
        ...placeJson(place),
        statusHistory: history.map((c) => ({ status: c.status, threatKind: c.threatKind, changedOn: c.changedOn, note: c.note })),
        assessments: { count: assessments.length, qualities: aggregateAssessments(assessments) },
      };
    },
  });
}
