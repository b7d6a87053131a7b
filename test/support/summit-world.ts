import type { Context } from '../../src/platform/context.js';
import type { Engine } from '../../src/platform/db/connect.js';
import { newId, nowIso } from '../../src/platform/db/helpers.js';
import { execute } from '../../src/platform/service.js';
import { loadActor } from '../../src/capabilities/parties/index.js';
import { addPlace } from '../../src/capabilities/places/index.js';
import { openPlacesWorld, placeForm, type PlacesWorld } from './places-world.js';

/**
 * The world of the summit tests: the places world (Pleindorp, Anna, Bert, Carl, Olga the official,
 * Mo the moderator of Anderdorp) with a resident association in neighbourhood n[1] (Anna chairs
 * it, Bert is a plain member), a task group in n[2] (Bert is a member), and a community centre in
 * n[1] with 40 places.
 */
export interface SummitWorld extends PlacesWorld {
  association: string;
  taskGroup: string;
  placeId: string;
}

export async function openSummitWorld(engine: Engine): Promise<SummitWorld> {
  const w = await openPlacesWorld(engine);
  const db = w.tp.platform.db;
  const organisation = async (kind: 'association' | 'task_group', name: string, areaCode: string, members: Array<[string, string]>) => {
    const id = newId();
    await db.insertInto('organisations').values({ id, municipality_id: w.a.id, kind, name, description: null, area_code: areaCode, parent_id: null, email: null, website: null, created_at: nowIso(), updated_at: nowIso() }).execute();
    for (const [personId, duty] of members) await db.insertInto('memberships').values({ id: newId(), organisation_id: id, person_id: personId, duty: duty as never, created_at: nowIso() }).execute();
    return id;
  };
  const association = await organisation('association', 'Bewonersvereniging Een-B', w.n[1], [[w.ids.anna, 'chair'], [w.ids.bert, 'member']]);
  const taskGroup = await organisation('task_group', 'Taakgroep Twee-A', w.n[2], [[w.ids.bert, 'member']]);
  for (const who of ['anna', 'bert'] as const) {
    w.ctx[who] = { ...w.ctx[who], actor: (await loadActor(db, w.ids[who], { strong: true }))! } satisfies Context;
  }
  const { id: placeId } = await execute(w.ctx.anna, addPlace, placeForm({ capacity: '40' }));
  return { ...w, association, taskGroup, placeId };
}

/** A complete, valid form for a summit in n[1] organised by the association. */
export function summitForm(w: SummitWorld, over: Record<string, string> = {}): Record<string, string> {
  return { areaCode: w.n[1], organiserId: w.association, date: '2031-03-15', startTime: '10:00', endTime: '16:00', placeId: w.placeId, description: 'Samen vooruit.', ...over };
}
