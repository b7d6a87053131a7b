import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { parseAreaCode } from '../areas/index.js';
import { resolveLinks } from './links.js';
import { LINK_KINDS, SUMMIT_STATUSES, groupsArePublic, milestoneStates, questionsOf } from './model.js';
import { summitActions, summitResource } from './policy.js';
import {
  addGroup, addGroupLink, addGroupMember, addMilestone, amsterdamToday, changeSummitStatus, createSummit, editGroup, editMilestone, editSummit,
  markMilestoneDone, removeGroup, removeGroupLink, removeGroupMember, removeMilestone, resourceOfSummit, writeBriefing,
} from './service.js';
import { findSummit, groupsOf, linksOf, listSummits, membersOf, milestonesOf, statusChangesOf, type Summit } from './store.js';

/**
 * Open data and the same use cases as the pages: summits of a municipality (per area), one
 * summit with its plan and working groups — what the public sees (`groupsArePublic`), and for its
 * organisers also milestone owners, members and notes.
 */
const municipality = z.string().max(60);
const listParams = z.object({ municipality });
const oneParams = z.object({ municipality, id: z.string().max(64) });
const itemParams = oneParams.extend({ item: z.string().max(64) });
const groupItemParams = oneParams.extend({ group: z.string().max(64), item: z.string().max(64) });
const body = z.record(z.string(), z.unknown());
const created = z.object({ id: z.string() });

const summitOut = z.object({
  id: z.string(),
  areaCode: z.string(),
  title: z.string(),
  startsAt: z.string().describe('UTC instant (ISO 8601); shown in Europe/Amsterdam.'),
  endsAt: z.string().describe('UTC instant (ISO 8601).'),
  venue: z.object({ placeId: z.string().nullable().describe('A place of the public places register (/places/{id}).'), name: z.string().nullable().describe('Its name when chosen.') }),
  capacity: z.number().int().nullable(),
  description: z.string().nullable(),
  organiser: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(SUMMIT_STATUSES),
  statusSince: z.string(),
});

const milestoneOut = z.object({
  id: z.string(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), state: z.enum(['done', 'overdue', 'next', 'open']),
  templateKey: z.string().nullable().describe('The step of the default plan it came from (coreTeam, workingGroups, picture, invitations, briefings, day, draft, comments, adoption).'),
  owner: z.string().nullable().optional().describe('Organisers only.'),
});
const linkOut = z.object({ id: z.string(), kind: z.enum(LINK_KINDS), reference: z.string(), note: z.string().nullable(), title: z.string(), href: z.string(), available: z.boolean() });
const groupOut = z.object({
  id: z.string(), name: z.string(), theme: z.string().nullable(),
  questions: z.array(z.string()).optional().describe('Public once registration opens; always for organisers.'),
  information: z.array(linkOut).optional(),
  briefing: z.string().nullable().optional(),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.string().nullable() })).optional().describe('Organisers only.'),
  notes: z.string().nullable().optional().describe('Organisers only.'),
});

const summitJson = (s: Summit) => ({
  id: s.id, areaCode: s.areaCode, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, venue: { placeId: s.placeId, name: s.placeName }, capacity: s.capacity,
  description: s.description, organiser: { id: s.organiserId, name: s.organiserName }, status: s.status, statusSince: s.statusSince,
});

export function registerSummitApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  const summitFor = async (ctx: Context, id: string) => {
    const summit = await findSummit(db, ctx.tenant!.id, id);
    if (!summit) throw new NotFoundError();
    return summit;
  };

  api.route({
    method: 'GET', path: '/:municipality/summits', tag: 'Summits',
    summary: "The municipality's BuurtTops (summits) by start, optionally of one district or neighbourhood (`area`).",
    params: listParams, query: z.object({ area: z.string().max(20).optional() }),
    response: z.object({ items: z.array(summitOut) }),
    async handler({ query }, ctx) {
      const tenant = ctx.tenant!;
      authorize(ctx, summitActions.view, summitResource(tenant.id, [], { boards: [], groups: [] }));
      const area = query.area ? parseAreaCode(query.area)?.code ?? query.area : undefined;
      return { items: (await listSummits(db, tenant.id, area ? { areaCodes: [area] } : {})).map(summitJson) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/summits/:id', tag: 'Summits',
    summary: 'One summit with its status history, plan of milestones and working groups (questions, information and briefings public once registration opens; owners, members and notes for its organisers).',
    params: oneParams,
    response: summitOut.extend({
      statusHistory: z.array(z.object({ status: z.enum(SUMMIT_STATUSES), changedAt: z.string(), note: z.string().nullable() })),
      milestones: z.array(milestoneOut),
      groups: z.array(groupOut),
    }),
    async handler({ params: p }, ctx) {
      const summit = await summitFor(ctx, p.id);
      const resource = await resourceOfSummit(db, summit);
      authorize(ctx, summitActions.view, resource);
      const organiser = allowed(ctx, summitActions.organise, resource);
      const open = organiser || groupsArePublic(summit.status);
      const [history, milestones, groups] = await Promise.all([statusChangesOf(db, summit.id), milestonesOf(db, summit.id), groupsOf(db, summit.id)]);
      const ids = groups.map((g) => g.id);
      const [members, links] = await Promise.all([organiser ? membersOf(db, ids) : [], open ? linksOf(db, ids) : []]);
      const resolved = await resolveLinks(db, ctx.tenant!, summit, links, ctx.locale);
      return {
        ...summitJson(summit),
        statusHistory: history.map((c) => ({ status: c.status, changedAt: c.changedAt, note: c.note })),
        milestones: milestoneStates(milestones, amsterdamToday()).map((m) => ({
          id: m.id, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, state: m.state, templateKey: m.templateKey, ...(organiser ? { owner: m.owner } : {}),
        })),
        groups: groups.map((g) => ({
          id: g.id, name: g.name, theme: g.theme,
          ...(open ? { questions: questionsOf(g.questions), information: resolved.filter((l) => l.groupId === g.id).map(({ groupId: _g, ...l }) => l), briefing: g.briefing } : {}),
          ...(organiser ? { notes: g.notes, members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: m.id, name: m.name, role: m.role })) } : {}),
        })),
      };
    },
  });

  /** A change through a use case; the summit must be this municipality's (404 otherwise). */
  const change = (spec: { method: 'POST' | 'PUT' | 'DELETE'; path: string; summary: string; params: z.ZodObject<any>; useCase: UseCase<any, { id: string }>; input: (p: Record<string, string>) => Record<string, unknown>; withBody?: boolean }) => {
    api.route({
      method: spec.method, path: `/:municipality/summits${spec.path}`, tag: 'Summits', summary: spec.summary, params: spec.params,
      ...(spec.withBody === false ? {} : { body }), ...(spec.method === 'DELETE' ? {} : { response: created }), ...(spec.method === 'PUT' ? { status: 200 } : {}),
      async handler({ params: p, body: b }, ctx) {
        if ('id' in p && spec.path !== '') await summitFor(ctx, p.id as string);
        const { id } = await execute(ctx, spec.useCase, { ...((b as Record<string, unknown> | undefined) ?? {}), ...spec.input(p as Record<string, string>) });
        return spec.method === 'DELETE' ? undefined : { id };
      },
    });
  };

  change({ method: 'POST', path: '', summary: 'Start preparing a summit for an area (areaCode, organiserId, date, startTime, endTime, placeId, capacity, title, description), with the default plan and working groups. Organisers of the area.', params: listParams, useCase: createSummit, input: () => ({}) });
  change({ method: 'PUT', path: '/:id', summary: "Change a summit's organiser, title, day, times, venue, capacity and description.", params: oneParams, useCase: editSummit, input: (p) => ({ id: p.id }) });
  change({ method: 'POST', path: '/:id/status', summary: 'Change the status (preparation, registration, held, closed, cancelled) with an optional note.', params: oneParams, useCase: changeSummitStatus, input: (p) => ({ id: p.id }) });
  change({ method: 'POST', path: '/:id/milestones', summary: 'Add a milestone (title, owner, dueOn).', params: oneParams, useCase: addMilestone, input: (p) => ({ summitId: p.id }) });
  change({ method: 'PUT', path: '/:id/milestones/:item', summary: 'Change a milestone (title, owner, dueOn, doneOn).', params: itemParams, useCase: editMilestone, input: (p) => ({ summitId: p.id, id: p.item }) });
  change({ method: 'POST', path: '/:id/milestones/:item/done', summary: 'Mark a milestone done today (`done: true`) or open again (`done: false`).', params: itemParams, useCase: markMilestoneDone, input: (p) => ({ summitId: p.id, id: p.item }) });
  change({ method: 'DELETE', path: '/:id/milestones/:item', summary: 'Remove a milestone.', params: itemParams, useCase: removeMilestone, input: (p) => ({ summitId: p.id, id: p.item }), withBody: false });
  change({ method: 'POST', path: '/:id/groups', summary: 'Add a working group (name).', params: oneParams, useCase: addGroup, input: (p) => ({ summitId: p.id }) });
  change({ method: 'PUT', path: '/:id/groups/:item', summary: "Change a working group's name, notes and questions (one per line).", params: itemParams, useCase: editGroup, input: (p) => ({ summitId: p.id, id: p.item }) });
  change({ method: 'PUT', path: '/:id/groups/:item/briefing', summary: "Write a working group's briefing for the day (plain text, paragraphs separated by a blank line).", params: itemParams, useCase: writeBriefing, input: (p) => ({ summitId: p.id, id: p.item }) });
  change({ method: 'DELETE', path: '/:id/groups/:item', summary: 'Remove a working group with its members, notes, information and briefing.', params: itemParams, useCase: removeGroup, input: (p) => ({ summitId: p.id, id: p.item }), withBody: false });
  change({ method: 'POST', path: '/:id/groups/:item/members', summary: 'Add a member to a working group (name, role).', params: itemParams, useCase: addGroupMember, input: (p) => ({ summitId: p.id, groupId: p.item }) });
  change({ method: 'DELETE', path: '/:id/groups/:group/members/:item', summary: 'Remove a member from a working group.', params: groupItemParams, useCase: removeGroupMember, input: (p) => ({ summitId: p.id, groupId: p.group, id: p.item }), withBody: false });
  change({ method: 'POST', path: '/:id/groups/:item/information', summary: `Add an information link to a working group: kind (${LINK_KINDS.join(', ')}), reference (an indicator id, a reading's, place's or actor's id, a wijkbeeld section, or the page's address), note.`, params: itemParams, useCase: addGroupLink, input: (p) => ({ summitId: p.id, groupId: p.item }) });
  change({ method: 'DELETE', path: '/:id/groups/:group/information/:item', summary: 'Remove an information link.', params: groupItemParams, useCase: removeGroupLink, input: (p) => ({ summitId: p.id, groupId: p.group, id: p.item }), withBody: false });
}
