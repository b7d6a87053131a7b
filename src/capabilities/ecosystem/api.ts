import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize, execute } from '../../platform/service.js';
import { tenantArea } from '../areas/index.js';
import { ACTOR_KINDS, currentAssessments, ELEMENTS, RELATION_KINDS } from './model.js';
import { ecosystemActions, ecosystemResource } from './policy.js';
import { ecosystemView } from './read.js';
import { addActor, addRelation, editRelation } from './service.js';
import { assessmentsOf, findRelation } from './store.js';
import { findingText } from './pages/network.js';

/**
 * Open data of an area's ecosystem: its actors, relations, network metrics, places, professional
 * presence, the plain-language findings and the eight elements. Exactly what the page shows: a key
 * person only with recorded consent, and then only a name or alias and their role (nothing about
 * the consent itself), and no id of anyone who added something.
 */
const params = z.object({ municipality: z.string().max(60), code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' }) });

const actorOut = z.object({
  id: z.string(), kind: z.enum(ACTOR_KINDS), name: z.string(), description: z.string().nullable(),
  organisation: z.string().nullable(), activities: z.string().nullable(), hoursPerWeek: z.number().nullable(), areaBound: z.boolean().nullable(),
  role: z.string().nullable().describe('A key person: their role in the neighbourhood.'),
  metrics: z.object({ degree: z.number().int(), betweenness: z.number().describe('Normalised as networkx betweenness_centrality (default).'), cluster: z.number().int().nullable(), broker: z.boolean() }),
});
const relationOut = z.object({
  id: z.string(), kind: z.enum(RELATION_KINDS), fromId: z.string(), toId: z.string().nullable(),
  place: z.object({ ref: z.string().nullable(), name: z.string() }).nullable(), note: z.string().nullable(), since: z.string().nullable(),
});

const relationParams = params.extend({ id: z.string().max(64) });
const relationBody = z.object({
  kind: z.enum(RELATION_KINDS).optional().describe('Left out: unchanged. A tie between two actors may become another kind of tie; a uses_place relation stays uses_place.'),
  placeRef: z.string().optional().describe('uses_place: the id of a public place (its name is taken from the place).'),
  placeName: z.string().optional().describe('uses_place: the name of a place that is not in the list.'),
  note: z.string().optional().describe('At most 500 characters; left out or empty: no note.'),
  since: z.string().optional().describe('YYYY-MM-DD, not in the future; left out or empty: not known.'),
}).loose();

export function registerEcosystemApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;

  async function areaFor(ctx: Context, code: string) {
    const tenant = ctx.tenant!;
    const area = await tenantArea(db, tenant, code, translator(ctx.locale));
    if (!area) throw new NotFoundError();
    authorize(ctx, ecosystemActions.view, ecosystemResource(tenant.id, area.path));
    return area;
  }

  api.route({
    method: 'GET', path: '/:municipality/areas/:code/ecosystem', tag: 'Ecosystem',
    summary: "An area's social ecosystem: actors (key people only with consent) with their network metrics, relations, clusters, brokers, places, professional presence, findings in plain language and the eight elements.",
    params,
    response: z.object({
      areaCode: z.string(), actors: z.array(actorOut), relations: z.array(relationOut),
      network: z.object({ ties: z.number().int(), clusters: z.array(z.array(z.string())), components: z.array(z.array(z.string())), isolated: z.array(z.string()), brokers: z.array(z.string()), bridging: z.array(z.string()), modularity: z.number() }),
      places: z.array(z.object({ ref: z.string().nullable(), name: z.string(), relations: z.number().int(), actorIds: z.array(z.string()) })),
      professionalPresence: z.object({ hoursPerWeek: z.number(), residents: z.number().nullable(), residentsYear: z.number().int().nullable(), hoursPerThousandResidents: z.number().nullable(), municipalityHoursPerThousandResidents: z.number().nullable() }),
      findings: z.array(z.string()),
      elements: z.array(z.object({ element: z.enum(ELEMENTS), score: z.number().int().nullable(), evidence: z.string().nullable(), actorIds: z.array(z.string()), assessedAt: z.string().nullable(), assessments: z.number().int() })),
    }),
    async handler({ params: p }, ctx) {
      const area = await areaFor(ctx, p.code);
      const [view, assessments] = await Promise.all([ecosystemView(db, ctx.tenant!.id, area.code), assessmentsOf(db, ctx.tenant!.id, area.code)]);
      const m = view.metrics;
      const byId = new Map(view.actors.map((a) => [a.id, a]));
      const current = currentAssessments(assessments);
      return {
        areaCode: area.code,
        actors: view.actors.map((a) => {
          const i = m.nodes.indexOf(a.id);
          return {
            id: a.id, kind: a.kind, name: a.name, description: a.description, organisation: a.organisation, activities: a.activities, hoursPerWeek: a.hoursPerWeek,
            areaBound: a.areaBound, role: a.role,
            metrics: { degree: m.degree[i]!, betweenness: m.betweenness[i]!, cluster: m.cluster[i]! < 0 ? null : m.cluster[i]! + 1, broker: m.brokers.includes(a.id) },
          };
        }),
        relations: view.relations.map((r) => ({ id: r.id, kind: r.kind, fromId: r.fromId, toId: r.toId, place: r.place, note: r.note, since: r.since })),
        network: { ties: m.ties, clusters: m.clusters, components: m.components, isolated: m.isolated, brokers: m.brokers, bridging: m.bridging, modularity: m.modularity },
        places: view.places,
        professionalPresence: {
          hoursPerWeek: view.professionalHours, residents: view.residents?.value ?? null, residentsYear: view.residents?.year ?? null,
          hoursPerThousandResidents: view.hoursPerThousand, municipalityHoursPerThousandResidents: view.municipalityHoursPerThousand,
        },
        findings: view.findings.map((f) => findingText(ctx, f, byId)),
        elements: ELEMENTS.map((element) => {
          const a = current.get(element);
          return {
            element, score: a?.score ?? null, evidence: a?.evidence ?? null, actorIds: (a?.actorIds ?? []).filter((id) => byId.has(id)), assessedAt: a?.assessedAt ?? null,
            assessments: assessments.filter((x) => x.element === element).length,
          };
        }),
      };
    },
  });

  const adding = [
    { path: 'actors', useCase: addActor, summary: 'Add an actor (not a key person: their consent is recorded through the page). Signed-in residents and professionals of the area.' },
    { path: 'relations', useCase: addRelation, summary: 'Add a relation between two actors of the area, or of an actor with a public place (kind uses_place, placeName and optionally placeRef).' },
  ] as const;
  for (const { path, useCase, summary } of adding) {
    api.route({
      method: 'POST', path: `/:municipality/areas/:code/ecosystem/${path}`, tag: 'Ecosystem', summary,
      params, body: z.record(z.string(), z.unknown()), response: z.object({ id: z.string() }),
      async handler({ params: p, body }, ctx) {
        await areaFor(ctx, p.code);
        const { id } = await execute(ctx, useCase as typeof addActor, { ...body, areaCode: p.code });
        return { id };
      },
    });
  }

  api.route({
    method: 'PUT', path: '/:municipality/areas/:code/ecosystem/relations/:id', tag: 'Ecosystem',
    summary: 'Change what a relation says: its kind, place, note and since-when (its two ends stay). Whoever added it, and officials, moderators and administrators of the area.',
    params: relationParams, body: relationBody, response: z.object({ id: z.string() }), status: 200,
    async handler({ params: p, body }, ctx) {
      const area = await areaFor(ctx, p.code);
      const relation = await findRelation(db, ctx.tenant!.id, p.id);
      if (!relation || relation.areaCode !== area.code) throw new NotFoundError();
      const { id } = await execute(ctx, editRelation, { ...body, id: relation.id });
      return { id };
    },
  });
}
