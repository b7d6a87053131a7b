import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { readAudit } from '../../platform/audit.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { erasePersonalData } from '../../platform/privacy.js';
import { execute } from '../../platform/service.js';
import { inside, openPlacesWorld, placeForm, type PlacesWorld } from '../../../test/support/places-world.js';
import { addPlace, assessPlace, changePlaceStatus, editPlace } from './service.js';
import { findMeetingPlaces } from './model.js';
import { assessmentsOf, findPlace, listPlaces, statusHistory, usablePlaces } from './store.js';

const fieldsOf = async (run: Promise<unknown>) => {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => [i.field, i.key]);
};

describeEachEngine('places: use cases', (engine) => {
  let w: PlacesWorld;
  const count = async (table: 'places' | 'place_status_changes' | 'place_assessments' | 'audit_log') =>
    Number((await w.tp.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeEach(async () => { w = await openPlacesWorld(engine); }, 60_000);
  afterEach(async () => w.close());

  it('adds a place in the neighbourhood that holds its point, with hours, cost in cents, its first status and an audit entry', async () => {
    const { id } = await execute(w.ctx.anna, addPlace, placeForm({ cost: '2,50' }));
    const place = (await findPlace(w.tp.platform.db, w.a.id, id))!;
    expect(place.areaCode).toBe(w.n[1]);
    expect(place.divisionYear).toBe(2025);
    expect(place.lat).toBe(52.005);
    expect(place.costCents).toBe(250);
    expect(place.capacity).toBe(40);
    expect(place.hours.tue).toEqual([{ from: 540, to: 720 }, { from: 1140, to: 1350 }]);
    expect(place.hours.wed).toEqual([]);
    expect(place.accessibility).toEqual({ stepFree: true, accessibleToilet: true, hearingLoop: null });
    expect(place.createdBy).toBe(w.ids.anna);
    const history = await statusHistory(w.tp.platform.db, id);
    expect(history.map((h) => [h.status, h.changedByName])).toEqual([['active', 'Anna Aalders']]);
    const [entry] = await readAudit(w.tp.platform.db, { action: 'place.add' });
    expect(entry?.after).toMatchObject({ name: 'Buurthuis De Schakel', cost_cents: 250, area_code: w.n[1] });
    // Free is a value; empty is unknown.
    const free = await execute(w.ctx.anna, addPlace, placeForm({ name: 'Gratis', cost: '0', capacity: '' }));
    const unknown = await execute(w.ctx.anna, addPlace, placeForm({ name: 'Onbekend', cost: '', ...inside(3) }));
    expect((await findPlace(w.tp.platform.db, w.a.id, free.id))!.costCents).toBe(0);
    expect((await findPlace(w.tp.platform.db, w.a.id, free.id))!.capacity).toBeNull();
    expect((await findPlace(w.tp.platform.db, w.a.id, unknown.id))!.costCents).toBeNull();
    expect((await findPlace(w.tp.platform.db, w.a.id, unknown.id))!.areaCode).toBe(w.n[3]);
  });

  it('refuses bad input naming each field and changes nothing', async () => {
    const audits = await count('audit_log');
    expect(await fieldsOf(execute(w.ctx.anna, addPlace, placeForm({ name: ' ', type: 'kasteel', capacity: '-3', lat: 'noord' }))))
      .toEqual([['name', 'validation.required'], ['type', 'validation.choice'], ['lat', 'validation.type'], ['capacity', 'validation.tooSmall']]);
    expect(await fieldsOf(execute(w.ctx.anna, addPlace, placeForm({ hours_tue: '19:00 tot laat', hours_fri: '22:00-02:00', cost: 'gratis', status: 'threatened' }))))
      .toEqual([['hours_tue', 'places.error.hours.format'], ['hours_fri', 'places.error.hours.order'], ['cost', 'places.error.cost'], ['threatKind', 'places.error.threatKind']]);
    // A point in the neighbouring municipality is not in any of this one's neighbourhoods.
    expect(await fieldsOf(execute(w.ctx.anna, addPlace, placeForm({ lat: '52,005', lon: '5,045' })))).toEqual([['lat', 'places.error.outside']]);
    expect([await count('places'), await count('place_status_changes'), await count('audit_log')]).toEqual([0, 0, audits]);
  });

  it('lets verified people add and assess; only the creator, moderators and officials edit and record status', async () => {
    await expect(execute(w.ctx.anonymous, addPlace, placeForm())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(w.ctx.carl, addPlace, placeForm())).rejects.toBeInstanceOf(ForbiddenError);
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    await expect(execute(w.ctx.bert, editPlace, { ...placeForm({ name: 'Van Bert' }), id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(execute(w.ctx.bert, changePlaceStatus, { id, status: 'closed', changedOn: '2025-01-01', note: 'dicht' })).rejects.toBeInstanceOf(ForbiddenError);
    await execute(w.ctx.anna, editPlace, { ...placeForm({ name: 'De Schakel' }), id });
    await execute(w.ctx.olga, editPlace, { ...placeForm({ name: 'Buurthuis De Schakel', capacity: '45' }), id });
    expect((await findPlace(w.tp.platform.db, w.a.id, id))!.capacity).toBe(45);
    await execute(w.ctx.bert, assessPlace, { id, score_host: '4' });
    // Another municipality's moderator, acting in their own municipality, does not find it.
    await expect(execute({ ...w.ctx.moB, tenant: w.b }, changePlaceStatus, { id, status: 'closed', changedOn: '2025-01-01', note: 'dicht' })).rejects.toBeInstanceOf(NotFoundError);
    const edits = await readAudit(w.tp.platform.db, { action: 'place.edit' });
    expect(edits).toHaveLength(2);
  });

  it('keeps every status change with date, note and who, in order of date', async () => {
    expect(await fieldsOf(execute(w.ctx.anna, addPlace, placeForm({ statusSince: '2025-13-01' })))).toEqual([['statusSince', 'places.error.date']]);
    const { id } = await execute(w.ctx.anna, addPlace, placeForm({ statusSince: '2025-01-15' }));
    expect(await fieldsOf(execute(w.ctx.olga, changePlaceStatus, { id, status: 'threatened', changedOn: '2999-01-01', note: 'x' })))
      .toEqual([['threatKind', 'places.error.threatKind'], ['changedOn', 'places.error.future']]);
    expect(await fieldsOf(execute(w.ctx.olga, changePlaceStatus, { id, status: 'closed', changedOn: '2025-02-30', note: '' })))
      .toEqual([['note', 'validation.required']]);
    await execute(w.ctx.anna, changePlaceStatus, { id, status: 'threatened', threatKind: 'rent_rise', changedOn: '2025-03-01', note: 'De huur gaat omhoog.' });
    await execute(w.ctx.olga, changePlaceStatus, { id, status: 'threatened', threatKind: 'sale', changedOn: '2025-06-01', note: 'De gemeente wil het pand verkopen.' });
    // A change cannot begin before the current status did.
    expect(await fieldsOf(execute(w.ctx.olga, changePlaceStatus, { id, status: 'closed', changedOn: '2025-05-01', note: 'Dicht.' }))).toEqual([['changedOn', 'places.error.beforeCurrent']]);
    const place = (await findPlace(w.tp.platform.db, w.a.id, id))!;
    expect([place.status, place.threatKind, place.statusSince]).toEqual(['threatened', 'sale', '2025-06-01']);
    const history = await statusHistory(w.tp.platform.db, id);
    expect(history.slice(1).map((h) => [h.changedOn, h.threatKind, h.note, h.changedByName])).toEqual([
      ['2025-03-01', 'rent_rise', 'De huur gaat omhoog.', 'Anna Aalders'],
      ['2025-06-01', 'sale', 'De gemeente wil het pand verkopen.', 'Olga Oost'],
    ]);
    expect(history[0]!.changedOn).toBe('2025-01-15');
    expect(await readAudit(w.tp.platform.db, { action: 'place.status' })).toHaveLength(2);
  });

  it('searches the usable places as they are now: every change shows on the next search', async () => {
    const search = async () => findMeetingPlaces(await usablePlaces(w.tp.platform.db, w.a.id), { weekday: 'tue', from: 1170, to: 1320, groupSize: 30 }).map((m) => m.place.name);
    expect(await search()).toEqual([]);
    const schakel = await execute(w.ctx.anna, addPlace, placeForm());
    await execute(w.ctx.anna, addPlace, placeForm({ name: 'Leeg', status: 'vacant' }));
    const klein = await execute(w.ctx.anna, addPlace, placeForm({ name: 'Klein', capacity: '10' }));
    expect(await search()).toEqual(['Buurthuis De Schakel']);
    await execute(w.ctx.anna, editPlace, { ...placeForm({ name: 'Klein', capacity: '30', cost: '1' }), id: klein.id });
    expect(await search()).toEqual(['Buurthuis De Schakel', 'Klein']);
    await execute(w.ctx.olga, changePlaceStatus, { id: schakel.id, status: 'closed', changedOn: new Date().toISOString().slice(0, 10), note: 'Dicht.' });
    expect(await search()).toEqual(['Klein']);
    // Another municipality's places never answer here.
    expect(await usablePlaces(w.tp.platform.db, w.b.id)).toEqual([]);
    expect((await listPlaces(w.tp.platform.db, w.a.id)).map((p) => p.status).sort()).toEqual(['active', 'closed', 'vacant']);
  });

  it('keeps one assessment per person (a new one replaces it), needs a score, and forgets it when the person is erased', async () => {
    const { id } = await execute(w.ctx.anna, addPlace, placeForm());
    expect(await fieldsOf(execute(w.ctx.bert, assessPlace, { id, score_host: '', comment: 'leuk' }))).toEqual([['score_accessible', 'places.error.noScores']]);
    expect(await fieldsOf(execute(w.ctx.bert, assessPlace, { id, score_host: '6' }))).toEqual([['score_host', 'validation.tooBig']]);
    const first = await execute(w.ctx.bert, assessPlace, { id, score_host: '2', comment: 'Eerste indruk.' });
    const again = await execute(w.ctx.bert, assessPlace, { id, score_host: '5', score_mood: '4', comment: 'Nu ken ik de mensen.' });
    // The same assessment, so a comment the moderators hid would stay hidden.
    expect([again.replaced, again.id]).toEqual([true, first.id]);
    await execute(w.ctx.anna, assessPlace, { id, score_host: '3' });
    const assessments = await assessmentsOf(w.tp.platform.db, [id]);
    expect(assessments.map((a) => [a.authorName, a.scores.host, a.scores.mood, a.comment]).sort()).toEqual([
      ['Anna Aalders', 3, null, null], ['Bert Bos', 5, 4, 'Nu ken ik de mensen.'],
    ]);
    const raw = await w.tp.platform.db.selectFrom('audit_log').select('after_json').where('action', '=', 'place.assess').execute();
    expect(raw.map((r) => r.after_json).join()).not.toContain('Nu ken ik');
    await w.tp.platform.db.transaction().execute((tx) => erasePersonalData(tx, { personId: w.ids.bert, email: 'bert@test.example', name: 'Bert Bos' }));
    expect((await assessmentsOf(w.tp.platform.db, [id])).map((a) => a.authorName)).toEqual(['Anna Aalders']);
  });
});
