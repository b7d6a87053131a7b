import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors } from '../../platform/ui/components.js';
import { areaPathOf } from '../areas/index.js';
import { PLACE_STATUSES, PLACE_TYPES, WEEKDAYS, formatDayHours, findMeetingPlaces, neighbourhoodAt, pickerViewport, type PlaceStatus, type PlaceType, type Weekday } from './model.js';
import { assessForm, placeForm, placeLabels, statusForm } from './pages/forms.js';
import { listPage } from './pages/list.js';
import { MAP_WIDTH, frameOfAreas, pickerImage, pickerSize } from './pages/map.js';
import { historyOfPlace } from './history-link.js';
import { renderPlaceSections } from './sections.js';
import { placePage } from './pages/place.js';
import { searchLabels, searchPage } from './pages/search.js';
import { placeActions, placesResource } from './policy.js';
import { areaIndex, readSearch } from './search.js';
import { moderationStates } from '../../platform/moderation/index.js';
import { ASSESSMENT_KIND, addPlace, assessPlace, changePlaceStatus, currentNeighbourhoods, editPlace, placePath, placesPath } from './service.js';
import { assessmentsOf, findPlace, listPlaces, statusHistory, usablePlaces, type Place } from './store.js';

/**
 * Pages of public places: /{slug}/plekken (list and map with filters), …/zoeken (the
 * evening-meeting search), …/nieuw (add), …/{id} (a place's story), …/{id}/bewerken,
 * …/{id}/status, …/{id}/beoordelen, and …/kaart.svg (the map a location is picked on).
 */
const tr = (ctx: Context) => translator(ctx.locale);
type Query = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export function registerPlacePages(app: FastifyInstance, platform: Platform): void {
  const db = platform.db;
  const tenantOf = (ctx: Context) => {
    if (!ctx.tenant) throw new NotFoundError();
    return ctx.tenant;
  };
  const listCrumb = (ctx: Context) => ({ href: placesPath(tenantOf(ctx).slug), label: tr(ctx)('places.title') });

  app.get('/:municipality/plekken', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, placeActions.view, placesResource(tenant.id));
    const q = request.query as Query;
    const filter = { gebied: first(q.gebied).toUpperCase(), soort: first(q.soort), status: first(q.status) };
    const [areas, neighbourhoods] = await Promise.all([areaIndex(db, tenant), currentNeighbourhoods(db, tenant)]);
    const codes = filter.gebied ? areas.codesOf(filter.gebied) : undefined;
    if (codes === null) throw new NotFoundError();
    const places = await listPlaces(db, tenant.id, {
      areaCodes: codes,
      type: (PLACE_TYPES as readonly string[]).includes(filter.soort) ? filter.soort as PlaceType : undefined,
      status: (PLACE_STATUSES as readonly string[]).includes(filter.status) ? filter.status as PlaceStatus : undefined,
    });
    const mapAreas = codes ? neighbourhoods.filter((n) => codes.includes(n.code)) : neighbourhoods;
    return reply.page({
      title: tr(ctx)('places.title'),
      body: listPage(ctx, { places, areas: areas.choices, mapAreas, areaNames: areas.names, filter, canAdd: allowed(ctx, placeActions.add, placesResource(tenant.id)) }),
    });
  });

  app.get('/:municipality/plekken/zoeken', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, placeActions.view, placesResource(tenant.id));
    const q = request.query as Query;
    const values = Object.fromEntries(['dag', 'van', 'tot', 'groep', 'maxkosten', 'gebied'].map((k) => [k, first(q[k])]));
    const needs = new Set(['stepFree', 'accessibleToilet', 'hearingLoop'].filter((n) => first(q[n]) !== ''));
    const areas = await areaIndex(db, tenant);
    const { query, issues, asked } = readSearch(
      { weekday: values.dag, from: values.van, to: values.tot, groupSize: values.groep, maxCost: values.maxkosten, needs: [...needs], area: values.gebied },
      { weekday: 'dag', from: 'van', to: 'tot', groupSize: 'groep', maxCost: 'maxkosten', area: 'gebied' }, areas.codesOf,
    );
    const results = asked && issues.length === 0 ? findMeetingPlaces(await usablePlaces(db, tenant.id), query) : null;
    return reply.page({
      status: issues.length ? 422 : 200,
      title: tr(ctx)('places.search.title'),
      breadcrumbs: [listCrumb(ctx)],
      body: searchPage(ctx, { values, needs, errors: formErrors(tr(ctx), issues, searchLabels(ctx)), areas: areas.choices, areaNames: areas.names, results }),
    });
  });

  // ---- the map a location is picked on --------------------------------------------------------------

  app.get('/:municipality/plekken/kaart.svg', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    const neighbourhoods = await currentNeighbourhoods(db, tenant);
    const q = request.query as Query;
    const lat = Number(first(q.lat).replace(',', '.'));
    const lon = Number(first(q.lon).replace(',', '.'));
    const marked = first(q.lat) !== '' && first(q.lon) !== '' && Number.isFinite(lat) && Number.isFinite(lon);
    const svg = pickerImage({
      id: 'picker', title: tr(ctx)('places.form.pickAlt'), areas: neighbourhoods, width: MAP_WIDTH,
      markers: marked ? [{ lat, lon, status: 'active', label: '' }] : [],
    });
    if (!svg) throw new NotFoundError();
    return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(svg);
  });

  /** The picker image of the form and the position a click on it (`kaart.x`, `kaart.y`) points at. */
  const picker = async (ctx: Context, values: Record<string, string>) => {
    const tenant = tenantOf(ctx);
    const neighbourhoods = await currentNeighbourhoods(db, tenant);
    const frame = frameOfAreas(neighbourhoods);
    if (!frame) return { picker: null, neighbourhoods, frame };
    const params = new URLSearchParams();
    if (values.lat && values.lon) { params.set('lat', values.lat); params.set('lon', values.lon); }
    const query = params.size ? `?${params.toString()}` : '';
    return { picker: { src: `${placesPath(tenant.slug)}/kaart.svg${query}`, ...pickerSize(frame) }, neighbourhoods, frame };
  };

  /**
   * A click on the map sends `kaart.x`/`kaart.y`. Pressing Enter in a field also "clicks" the
   * form's first submit button, which is the map, at (0, 0): that is read as sending the form.
   */
  const pickOf = (values: Record<string, string>) => {
    const x = Number(values['kaart.x']);
    const y = Number(values['kaart.y']);
    if (!('kaart.x' in values) || !Number.isFinite(x) || !Number.isFinite(y) || (x === 0 && y === 0)) return null;
    return { x, y };
  };

  const placeFormView = async (request: FastifyRequest, reply: FastifyReply, input: { place: Place | null; values: Record<string, string>; issues: FieldIssue[]; pickedArea?: string | null }) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    const { picker: image } = await picker(ctx, input.values);
    const title = input.place ? t('places.edit.title', { name: input.place.name }) : t('places.add.title');
    const action = input.place ? `${placePath(tenant.slug, input.place.id)}/bewerken` : `${placesPath(tenant.slug)}/nieuw`;
    return reply.page({
      title,
      breadcrumbs: [listCrumb(ctx), ...(input.place ? [{ href: placePath(tenant.slug, input.place.id), label: input.place.name }] : [])],
      body: placeForm(ctx, {
        action, cancel: input.place ? placePath(tenant.slug, input.place.id) : placesPath(tenant.slug), csrf: request.csrf, values: input.values,
        errors: formErrors(t, input.issues, placeLabels(t)), picker: image, pickedArea: input.pickedArea ?? null, editing: input.place !== null, title,
      }),
    });
  };

  /** A click on the map: the same form again with the clicked position and its neighbourhood, nothing saved. */
  const picked = async (request: FastifyRequest, reply: FastifyReply, place: Place | null, values: Record<string, string>, at: { x: number; y: number }) => {
    const { ctx } = request;
    const { neighbourhoods, frame } = await picker(ctx, values);
    if (!frame) return placeFormView(request, reply, { place, values, issues: [] });
    const point = pickerViewport(frame, MAP_WIDTH).pointAt(at.x, at.y);
    const next: Record<string, string> = { ...values, lat: String(point.lat), lon: String(point.lon) };
    delete next['kaart.x'];
    delete next['kaart.y'];
    const code = neighbourhoodAt(point.lon, point.lat, neighbourhoods);
    const areas = await areaIndex(db, tenantOf(ctx));
    const issues: FieldIssue[] = code ? [] : [{ field: 'lat', key: 'places.error.outside' }];
    return placeFormView(request, reply, { place, values: next, issues, pickedArea: code ? areas.names.get(code) ?? code : null });
  };

  app.get('/:municipality/plekken/nieuw', async (request, reply) => {
    const tenant = tenantOf(request.ctx);
    authorize(request.ctx, placeActions.add, placesResource(tenant.id));
    return placeFormView(request, reply, { place: null, values: { status: 'active', stepFree: 'unknown', accessibleToilet: 'unknown', hearingLoop: 'unknown' }, issues: [] });
  });

  app.post('/:municipality/plekken/nieuw', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, placeActions.add, placesResource(tenant.id));
    const values = formBody(request);
    const at = pickOf(values);
    if (at) return picked(request, reply, null, values, at);
    return handleForm(reply, {
      run: () => execute(ctx, addPlace, values),
      success: (result) => reply.flashRedirect(result.path, 'places.flash.added'),
      invalid: (issues) => placeFormView(request, reply, { place: null, values, issues }),
    });
  });

  // ---- one place ------------------------------------------------------------------------------------

  const placeOf = async (request: FastifyRequest) => {
    const tenant = tenantOf(request.ctx);
    const place = await findPlace(db, tenant.id, (request.params as { id: string }).id);
    if (!place) throw new NotFoundError();
    return place;
  };
  const keeperResource = (place: Place) => placesResource(place.municipalityId, { ownerId: place.createdBy, areaPath: areaPathOf(place.areaCode) });

  app.get('/:municipality/plekken/:id', async (request, reply) => {
    const { ctx } = request;
    const tenant = tenantOf(ctx);
    authorize(ctx, placeActions.view, placesResource(tenant.id));
    const place = await placeOf(request);
    const [history, assessments, neighbourhoods, areas] = await Promise.all([
      statusHistory(db, place.id), assessmentsOf(db, [place.id]), currentNeighbourhoods(db, tenant), areaIndex(db, tenant),
    ]);
    const hidden = await moderationStates(db, ASSESSMENT_KIND, assessments.filter((a) => a.comment).map((a) => a.id));
    const [timeline, sections] = await Promise.all([historyOfPlace(db, tenant, place.id), renderPlaceSections(ctx, place)]);
    const resource = keeperResource(place);
    return reply.page({
      title: place.name,
      breadcrumbs: [listCrumb(ctx), { href: placePath(tenant.slug, place.id), label: place.name }],
      body: placePage(ctx, {
        place, history, assessments, hidden, timeline, sections, viewerId: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
        area: place.areaCode ? { code: place.areaCode, title: areas.names.get(place.areaCode) ?? place.areaCode } : null,
        mapAreas: neighbourhoods.filter((n) => n.code === place.areaCode),
        can: { edit: allowed(ctx, placeActions.edit, resource), status: allowed(ctx, placeActions.changeStatus, resource), assess: allowed(ctx, placeActions.assess, placesResource(place.municipalityId, { areaPath: resource.areaPath })) },
      }),
    });
  });

  const valuesOf = (place: Place): Record<string, string> => ({
    name: place.name, type: place.type, ownerType: place.ownerType, runBy: place.runBy ?? '', description: place.description ?? '',
    lat: String(place.lat), lon: String(place.lon), cost: place.costCents === null ? '' : (place.costCents / 100).toFixed(2).replace('.', ','),
    capacity: place.capacity === null ? '' : String(place.capacity),
    ...Object.fromEntries(WEEKDAYS.map((d: Weekday) => [`hours_${d}`, formatDayHours(place.hours[d])])),
    ...Object.fromEntries((['stepFree', 'accessibleToilet', 'hearingLoop'] as const).map((k) => [k, place.accessibility[k] === null ? 'unknown' : place.accessibility[k] ? 'yes' : 'no'])),
  });

  app.get('/:municipality/plekken/:id/bewerken', async (request, reply) => {
    const place = await placeOf(request);
    authorize(request.ctx, placeActions.edit, keeperResource(place));
    return placeFormView(request, reply, { place, values: valuesOf(place), issues: [] });
  });

  app.post('/:municipality/plekken/:id/bewerken', async (request, reply) => {
    const { ctx } = request;
    const place = await placeOf(request);
    authorize(ctx, placeActions.edit, keeperResource(place));
    const values = formBody(request);
    const at = pickOf(values);
    if (at) return picked(request, reply, place, values, at);
    return handleForm(reply, {
      run: () => execute(ctx, editPlace, { ...values, id: place.id }),
      success: (result) => reply.flashRedirect(result.path, 'places.flash.edited'),
      invalid: (issues) => placeFormView(request, reply, { place, values, issues }),
    });
  });

  const statusView = (request: FastifyRequest, reply: FastifyReply, place: Place, values: Record<string, string>, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const slug = tenantOf(ctx).slug;
    return reply.page({
      title: t('places.status.title', { name: place.name }),
      breadcrumbs: [listCrumb(ctx), { href: placePath(slug, place.id), label: place.name }],
      body: statusForm(ctx, { action: `${placePath(slug, place.id)}/status`, cancel: placePath(slug, place.id), csrf: request.csrf, placeName: place.name, values, errors: formErrors(t, issues, placeLabels(t)) }),
    });
  };

  app.get('/:municipality/plekken/:id/status', async (request, reply) => {
    const place = await placeOf(request);
    authorize(request.ctx, placeActions.changeStatus, keeperResource(place));
    return statusView(request, reply, place, { status: place.status, threatKind: place.threatKind ?? '', changedOn: new Date().toISOString().slice(0, 10) }, []);
  });

  app.post('/:municipality/plekken/:id/status', async (request, reply) => {
    const { ctx } = request;
    const place = await placeOf(request);
    authorize(ctx, placeActions.changeStatus, keeperResource(place));
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, changePlaceStatus, { ...values, id: place.id }),
      success: (result) => reply.flashRedirect(`${result.path}#geschiedenis`, 'places.flash.status'),
      invalid: (issues) => statusView(request, reply, place, values, issues),
    });
  });

  const assessView = async (request: FastifyRequest, reply: FastifyReply, place: Place, values: Record<string, string> | null, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const slug = tenantOf(ctx).slug;
    const personId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
    const own = (await assessmentsOf(db, [place.id])).find((a) => a.authorId !== null && a.authorId === personId);
    const shown = values ?? (own ? { ...Object.fromEntries(Object.entries(own.scores).map(([q, s]) => [`score_${q}`, s === null ? '' : String(s)])), comment: own.comment ?? '' } : {});
    return reply.page({
      title: t('places.assess.title', { name: place.name }),
      breadcrumbs: [listCrumb(ctx), { href: placePath(slug, place.id), label: place.name }],
      body: assessForm(ctx, { action: `${placePath(slug, place.id)}/beoordelen`, cancel: placePath(slug, place.id), csrf: request.csrf, placeName: place.name, values: shown, errors: formErrors(t, issues, placeLabels(t)), replaces: own !== undefined }),
    });
  };

  app.get('/:municipality/plekken/:id/beoordelen', async (request, reply) => {
    const place = await placeOf(request);
    authorize(request.ctx, placeActions.assess, placesResource(place.municipalityId, { areaPath: areaPathOf(place.areaCode) }));
    return assessView(request, reply, place, null, []);
  });

  app.post('/:municipality/plekken/:id/beoordelen', async (request, reply) => {
    const { ctx } = request;
    const place = await placeOf(request);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(ctx, assessPlace, { ...values, id: place.id }),
      success: (result) => reply.flashRedirect(result.path, result.replaced ? 'places.flash.reassessed' : 'places.flash.assessed'),
      invalid: (issues) => assessView(request, reply, place, values, issues),
    });
  });
}
