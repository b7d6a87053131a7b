import type { Context } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Resource } from '../../platform/policy.js';
import { resourceOfSummit } from '../summit/index.js';
import { findAgenda, type Agenda } from './store.js';

/** What an agenda is judged on: its area's path and its organiser, as a summit of the same area and organiser would be. */
export async function resourceOfAgenda(db: Db, agenda: Pick<Agenda, 'municipalityId' | 'areaCode' | 'organiserId'>): Promise<Resource> {
  return { ...(await resourceOfSummit(db, agenda)), type: 'agenda' };
}

/** An agenda of the request's municipality and what it is judged on (404 for an unknown or another municipality's id). */
export async function agendaAndResource(db: Db, ctx: Context, id: string): Promise<{ agenda: Agenda; resource: Resource }> {
  const agenda = ctx.tenant ? await findAgenda(db, ctx.tenant.id, id) : null;
  if (!agenda) throw new NotFoundError();
  return { agenda, resource: await resourceOfAgenda(db, agenda) };
}
