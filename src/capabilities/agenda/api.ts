import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { allowed, authorize, execute, type UseCase } from '../../platform/service.js';
import { getVersion, versionsOf } from '../../platform/versions/index.js';
import { parseAreaCode } from '../areas/index.js';
import { agendaAndResource } from './access.js';
import { ADOPTION_METHODS, AGENDA_PHASES, AGENDA_STATUSES, phaseOf } from './model.js';
import { agendaActions, agendaResource } from './policy.js';
import {
  addAmbition, addTheme, adoptAgenda, agendaToday, createAgenda, editAgenda, editAmbition, moveAmbition, moveTheme, openComments, removeAmbition, removeTheme, renameTheme,
} from './service.js';
import { agendaAmbitionsOf, listAgendas, themesOf, type Agenda } from './store.js';

/**
 * Open data and the same use cases as the editor: a municipality's agendas (per area) and one
 * agenda with every published version's content (the concept, the adopted agenda) — and, for its
 * editors, the rows as they are now and the revision a change must name.
 */
const municipality = z.string().max(60);
const listParams = z.object({ municipality });
const oneParams = z.object({ municipality, id: z.string().max(64) });
const itemParams = oneParams.extend({ item: z.string().max(64) });
const body = z.record(z.string(), z.unknown());
const changed = z.object({ id: z.string(), revision: z.number().int().describe('The agenda\'s revision after the change (send it as `expectedRevision` with the next one).') });

const agendaOut = z.object({
  id: z.string(),
  areaCode: z.string(),
  title: z.string(),
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  status: z.enum(AGENDA_STATUSES),
  phase: z.enum(AGENDA_PHASES).describe('The status together with today\'s date (draft, commentsSoon, commentsOpen, revision, adopted).'),
  organiser: z.object({ id: z.string(), name: z.string() }),
  summitId: z.string().nullable().describe('The BuurtTop it came out of (/summits/{id}).'),
  previousAgendaId: z.string().nullable().describe('The agenda of the previous cycle it follows on.'),
  comments: z.object({ opensOn: z.string().nullable(), closesOn: z.string().nullable(), conceptVersion: z.number().int().nullable() }),
  adoption: z.object({
    by: z.string(), method: z.enum(ADOPTION_METHODS), note: z.string().nullable(), on: z.string(), version: z.number().int(),
  }).nullable(),
});

const agendaJson = (a: Agenda, today: string) => ({
  id: a.id, areaCode: a.areaCode, title: a.title, firstYear: a.firstYear, lastYear: a.lastYear, status: a.status, phase: phaseOf(a, today),
  organiser: { id: a.organiserId, name: a.organiserName }, summitId: a.summitId, previousAgendaId: a.previousAgendaId,
  comments: { opensOn: a.commentsOpenOn, closesOn: a.commentsCloseOn, conceptVersion: a.conceptVersion },
  adoption: a.status === 'adopted' && a.adoptedBy && a.adoptionMethod && a.adoptedOn && a.adoptedVersion
    ? { by: a.adoptedBy, method: a.adoptionMethod, note: a.adoptionNote, on: a.adoptedOn, version: a.adoptedVersion } : null,
});

const sectionOut = z.object({ key: z.string(), heading: z.string(), body: z.string(), data: z.unknown().optional().describe('For a theme: { kind: "agenda.theme", themeId, ambitions: [...] }.') });
const versionOut = z.object({
  number: z.number().int(), title: z.string(), summary: z.string(), publishedAt: z.string(), decisionReference: z.string().nullable(), sections: z.array(sectionOut),
});
const ambitionOut = z.object({
  id: z.string(), themeId: z.string(), sourceAmbitionId: z.string().nullable(), title: z.string(), body: z.string(), why: z.string().nullable(), horizon: z.number().int(),
  ownGoal: z.boolean(), position: z.number().int(), values: z.array(z.object({ valueId: z.string(), nameNl: z.string(), nameEn: z.string() })),
  steps: z.array(z.object({ step: z.string(), carrier: z.string().nullable() })),
});

export function registerAgendaApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  api.route({
    method: 'GET', path: '/:municipality/agendas', tag: 'Agendas',
    summary: "The municipality's future agendas (newest cycle first), optionally of one district or neighbourhood (`area`).",
    params: listParams, query: z.object({ area: z.string().max(20).optional() }),
    response: z.object({ items: z.array(agendaOut) }),
    async handler({ query }, ctx) {
      const tenant = ctx.tenant!;
      authorize(ctx, agendaActions.view, agendaResource(tenant.id, [], { boards: [], groups: [] }));
      const area = query.area ? parseAreaCode(query.area)?.code ?? query.area : undefined;
      const today = agendaToday();
      return { items: (await listAgendas(db, tenant.id, area ? { areaCodes: [area] } : {})).map((a) => agendaJson(a, today)) };
    },
  });

  api.route({
    method: 'GET', path: '/:municipality/agendas/:id', tag: 'Agendas',
    summary: 'One future agenda with the content of every published version (the concept for comments, the adopted agenda); for its editors also the themes and ambitions as they are now and the revision.',
    params: oneParams,
    response: agendaOut.extend({
      versions: z.array(versionOut).describe('Newest first.'),
      draft: z.object({
        revision: z.number().int(), introduction: z.string().nullable(),
        themes: z.array(z.object({ id: z.string(), name: z.string(), position: z.number().int() })), ambitions: z.array(ambitionOut),
      }).optional().describe('Editors only.'),
    }),
    async handler({ params: p }, ctx) {
      const { agenda, resource } = await agendaAndResource(db, ctx, p.id);
      authorize(ctx, agendaActions.view, resource);
      const ref = { municipalityId: agenda.municipalityId, documentId: agenda.documentId };
      const versions = [];
      for (const summary of await versionsOf(db, ref)) {
        const v = (await getVersion(db, ref, summary.number))!;
        versions.push({ number: v.number, title: v.title, summary: v.summary, publishedAt: v.publishedAt, decisionReference: v.decisionReference, sections: v.content.sections });
      }
      const editor = allowed(ctx, agendaActions.edit, resource);
      const draft = editor ? await draftOf(agenda) : undefined;
      return { ...agendaJson(agenda, agendaToday()), versions, ...(draft ? { draft } : {}) };
    },
  });

  async function draftOf(agenda: Agenda) {
    const [themes, ambitions] = await Promise.all([themesOf(db, agenda.id), agendaAmbitionsOf(db, agenda.id)]);
    return {
      revision: agenda.revision, introduction: agenda.introduction, themes: themes.map((t) => ({ id: t.id, name: t.name, position: t.position })),
      ambitions: ambitions.map((a) => ({
        id: a.id, themeId: a.themeId, sourceAmbitionId: a.sourceAmbitionId, title: a.title, body: a.body, why: a.why, horizon: a.horizon, ownGoal: a.ownGoal, position: a.position,
        values: a.values, steps: a.steps.map((s) => ({ step: s.step, carrier: s.carrier })),
      })),
    };
  }

  /** A change through a use case; answers the id and the agenda's revision after it. */
  const change = (spec: { method: 'POST' | 'PUT' | 'DELETE'; path: string; summary: string; params: z.ZodObject<any>; useCase: UseCase<any, { id: string }>; input: (p: Record<string, string>) => Record<string, unknown> }) => {
    api.route({
      method: spec.method, path: `/:municipality/agendas${spec.path}`, tag: 'Agendas', summary: spec.summary, params: spec.params, ...(spec.method === 'DELETE' ? {} : { body }), response: changed, ...(spec.method === 'PUT' || spec.method === 'DELETE' ? { status: 200 } : {}),
      async handler({ params: p, body: b }, ctx: Context) {
        const input = { ...((b as Record<string, unknown> | undefined) ?? {}), ...spec.input(p as Record<string, string>) };
        const { id } = await execute(ctx, spec.useCase, input);
        const agendaId = (input.agendaId as string | undefined) ?? id;
        const { agenda } = await agendaAndResource(db, ctx, agendaId);
        return { id, revision: agenda.revision };
      },
    });
  };
  const rev = ' Send `expectedRevision` (the revision you read): a change over a newer one is refused (409).';
  const ambitionFields = 'themeId, title, body, why, horizon (5 or 10), ownGoal (true/false), values (public value ids), step_1…step_12 with carrier_1…carrier_12';

  change({ method: 'POST', path: '', summary: 'Start an agenda for a district or neighbourhood (areaCode, organiserId; optional summitId — a held BuurtTop of the area, whose agreed ambitions become the draft —, previousAgendaId, firstYear, title). Organisers of the area.', params: listParams, useCase: createAgenda, input: () => ({}) });
  change({ method: 'PUT', path: '/:id', summary: `Change the title, introduction and years (firstYear, lastYear).${rev}`, params: oneParams, useCase: editAgenda, input: (p) => ({ agendaId: p.id }) });
  change({ method: 'POST', path: '/:id/themes', summary: `Add a theme (name).${rev}`, params: oneParams, useCase: addTheme, input: (p) => ({ agendaId: p.id }) });
  change({ method: 'PUT', path: '/:id/themes/:item', summary: `Rename a theme (name).${rev}`, params: itemParams, useCase: renameTheme, input: (p) => ({ agendaId: p.id, themeId: p.item }) });
  change({ method: 'POST', path: '/:id/themes/:item/move', summary: `Move a theme one place (direction: up or down).${rev}`, params: itemParams, useCase: moveTheme, input: (p) => ({ agendaId: p.id, themeId: p.item }) });
  change({ method: 'DELETE', path: '/:id/themes/:item', summary: 'Remove a theme without ambitions (one with ambitions is refused, naming how many).', params: itemParams, useCase: removeTheme, input: (p) => ({ agendaId: p.id, themeId: p.item }) });
  change({ method: 'POST', path: '/:id/ambitions', summary: `Add an ambition (${ambitionFields}).${rev}`, params: oneParams, useCase: addAmbition, input: (p) => ({ agendaId: p.id }) });
  change({ method: 'PUT', path: '/:id/ambitions/:item', summary: `Change an ambition, its theme included (${ambitionFields}; values and steps are replaced).${rev}`, params: itemParams, useCase: editAmbition, input: (p) => ({ agendaId: p.id, ambitionId: p.item }) });
  change({ method: 'POST', path: '/:id/ambitions/:item/move', summary: `Move an ambition one place within its theme (direction: up or down).${rev}`, params: itemParams, useCase: moveAmbition, input: (p) => ({ agendaId: p.id, ambitionId: p.item }) });
  change({ method: 'DELETE', path: '/:id/ambitions/:item', summary: 'Remove an ambition (published versions keep it).', params: itemParams, useCase: removeAmbition, input: (p) => ({ agendaId: p.id, ambitionId: p.item }) });
  change({ method: 'POST', path: '/:id/comment-period', summary: `Freeze the agenda as the concept (the next version) and set the comment period (opensOn today or later, closesOn; 7–90 days; optional summary). In draft or after a period.${rev}`, params: oneParams, useCase: openComments, input: (p) => ({ agendaId: p.id }) });
  change({ method: 'POST', path: '/:id/adoption', summary: `Record the adoption once the comment period has passed (adoptedBy, method: ${ADOPTION_METHODS.join(', ')}, note, adoptedOn, decisionReference, summary, keepSummitOpen): the adopted version. The neighbourhood's board or task group.${rev}`, params: oneParams, useCase: adoptAgenda, input: (p) => ({ agendaId: p.id }) });
}
