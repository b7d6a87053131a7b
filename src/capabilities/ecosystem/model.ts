/**
 * The social ecosystem of an area: pure types, rules and the plain-language reading of its network
 * (no I/O). Actors are who makes the neighbourhood work together (initiatives, organisations, clubs,
 * informal structures, enterprises, entrepreneurs, professional services and key people); relations
 * are what ties them; the eight elements are an assessment of the ecosystem as a whole.
 */
import type { NetworkMetrics } from './network.js';

/** What an actor is. Key people ("sterkhouders") are shown only with their recorded consent. */
export const ACTOR_KINDS = [
  'initiative', 'resident_organisation', 'association', 'informal', 'social_enterprise', 'entrepreneur', 'professional', 'key_person',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
/** The kinds one adds through the actor form (a key person has a form of its own, with consent). */
export const ORGANISED_KINDS = ACTOR_KINDS.filter((k): k is Exclude<ActorKind, 'key_person'> => k !== 'key_person');

/** How a key person gave consent to be named. */
export const CONSENT_METHODS = ['written', 'email', 'verbal'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * What ties two actors; `uses_place` ties an actor to a public place instead (the places capability
 * is built beside this one: the place is kept as a reference id and its name, without a database
 * dependency on its tables).
 */
export const RELATION_KINDS = ['collaborates', 'funds', 'supports', 'uses_place', 'member_of', 'refers_to'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];
/** The kinds that tie two actors: a relation's kind changes only among these, or stays `uses_place` (its ends stay what they are). */
export const TIE_KINDS = RELATION_KINDS.filter((k): k is Exclude<RelationKind, 'uses_place'> => k !== 'uses_place');

/** The eight elements of a social-basis ecosystem, assessed per area. */
export const ELEMENTS = [
  'collaboration', 'initiative_ownership', 'human_capital', 'knowledge', 'physical', 'networks', 'financing', 'dialogue',
] as const;
export type Element = (typeof ELEMENTS)[number];
export const SCORES = [1, 2, 3, 4, 5] as const;

export const MAX_NAME = 120;
export const MAX_DESCRIPTION = 1000;
export const MAX_NOTE = 500;
export const MAX_EVIDENCE = 3000;
export const MAX_HOURS = 2000;

/** Professional presence is "thin" below this share of the municipality's hours per 1,000 residents. */
export const THIN_SHARE = 0.75;

export interface Actor {
  id: string;
  areaCode: string;
  kind: ActorKind;
  /** For a key person: a name or an alias. */
  name: string;
  description: string | null;
  /** A professional service: its organisation. */
  organisation: string | null;
  /** A professional service: what they do here. */
  activities: string | null;
  /** A professional service: hours a week in this area. */
  hoursPerWeek: number | null;
  /** A professional service: does it work only in this area? */
  areaBound: boolean | null;
  /** A key person: their role in the neighbourhood. */
  role: string | null;
  consent: { method: ConsentMethod; givenOn: string; recordedBy: string | null; recordedAt: string } | null;
  /** Hidden by a moderator (the platform's moderation), with the reason; null when shown. */
  hidden: Hidden | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A moderator's decision to hide an actor or a relation: when, and why (its author and the area's editors read the reason). */
export interface Hidden {
  hiddenAt: string;
  reason: string;
}

export interface Relation {
  id: string;
  areaCode: string;
  kind: RelationKind;
  fromId: string;
  /** Null for `uses_place`. */
  toId: string | null;
  place: { ref: string | null; name: string } | null;
  note: string | null;
  /** YYYY-MM-DD. */
  since: string | null;
  /** Hidden by a moderator (its note or place name was reported), with the reason; null when shown. */
  hidden: Hidden | null;
  createdBy: string | null;
  createdAt: string;
}

export interface Assessment {
  id: string;
  areaCode: string;
  element: Element;
  score: number;
  evidence: string;
  actorIds: string[];
  assessedBy: string | null;
  assessedAt: string;
}

/** May this actor be kept and named at all? A key person only with consent on record (else nothing may show or change them). */
export function isRecorded(actor: Pick<Actor, 'kind' | 'consent'>): boolean {
  return actor.kind !== 'key_person' || actor.consent !== null;
}

/** May this actor be shown to anyone? Recorded (a key person with consent) and not hidden by a moderator. */
export function isShowable(actor: Pick<Actor, 'kind' | 'consent' | 'hidden'>): boolean {
  return isRecorded(actor) && actor.hidden === null;
}

/**
 * What of an ecosystem anyone may see: the showable actors, and the relations that are not hidden
 * and whose actors are all shown. The one rule every public read applies (pages, API, network,
 * findings, the area and place sections, the wijkbeeld), so a key person without consent and a
 * hidden actor or relation leave everything public alike.
 */
export function showable(actors: readonly Actor[], relations: readonly Relation[]): { actors: Actor[]; relations: Relation[] } {
  const shownActors = actors.filter(isShowable);
  const shown = new Set(shownActors.map((a) => a.id));
  return {
    actors: shownActors,
    relations: relations.filter((r) => r.hidden === null && shown.has(r.fromId) && (r.toId === null || shown.has(r.toId))),
  };
}

/** The latest assessment per element (history: every assessment, newest first). */
export function currentAssessments(history: readonly Assessment[]): Map<Element, Assessment> {
  const current = new Map<Element, Assessment>();
  for (const a of history) {
    const seen = current.get(a.element);
    if (!seen || a.assessedAt > seen.assessedAt || (a.assessedAt === seen.assessedAt && a.id > seen.id)) current.set(a.element, a);
  }
  return current;
}

/** The ties of the network: relations between two actors (not those with a place). */
export function networkInput(actors: readonly Actor[], relations: readonly Relation[]) {
  return {
    nodes: actors.map((a) => a.id),
    edges: relations.filter((r) => r.toId !== null).map((r) => [r.fromId, r.toId!] as const),
  };
}

/** Hours a week of professional services per 1,000 residents; null when residents are unknown or zero. */
export function hoursPerThousand(hours: number, residents: number | null): number | null {
  if (residents === null || residents <= 0) return null;
  return (hours * 1000) / residents;
}

export interface PlaceUse {
  ref: string | null;
  name: string;
  /** How many relations name this place. */
  relations: number;
  actorIds: string[];
}

/** The places the area's actors use, the most used first (a place is its reference, or its name when it has none). */
export function placesOf(relations: readonly Relation[]): PlaceUse[] {
  const byKey = new Map<string, PlaceUse>();
  for (const r of relations) {
    if (!r.place) continue;
    const key = r.place.ref ?? `name:${r.place.name.toLowerCase()}`;
    const use = byKey.get(key) ?? { ref: r.place.ref, name: r.place.name, relations: 0, actorIds: [] };
    use.relations++;
    if (!use.actorIds.includes(r.fromId)) use.actorIds.push(r.fromId);
    byKey.set(key, use);
  }
  return [...byKey.values()].sort((a, b) => b.relations - a.relations || a.name.localeCompare(b.name));
}

/** One sentence of the explanation: a message key (ecosystem.explain.*) and its parameters; names are lists of actor ids. */
export interface Finding {
  key: string;
  params: Record<string, string | number>;
  /** Actor ids the sentence names, in order (the page turns them into a list of names). */
  actors: string[];
}

export interface ExplainInput {
  actors: readonly Actor[];
  metrics: NetworkMetrics;
  places: readonly PlaceUse[];
  professionalHours: number;
  residents: number | null;
  /** Hours per 1,000 residents across the municipality's areas with professionals on record (null: unknown). */
  municipalityHoursPerThousand: number | null;
}

/**
 * The plain-language reading of an area's network, strengths first: what holds together (clusters,
 * ties), who connects (brokers, bridging actors), who stands alone, which places gather relations,
 * and whether professional presence is thin for the number of residents.
 */
export function explain(input: ExplainInput): Finding[] {
  const { actors, metrics: m } = input;
  const findings: Finding[] = [];
  if (actors.length === 0) return [{ key: 'ecosystem.explain.empty', params: {}, actors: [] }];
  findings.push({ key: 'ecosystem.explain.size', params: { actors: actors.length, ties: m.ties }, actors: [] });
  const groups = m.clusters.filter((c) => c.length >= 2);
  if (groups.length >= 2) {
    groups.forEach((cluster, i) => {
      const ranked = cluster.slice().sort((a, b) => m.degree[m.nodes.indexOf(b)]! - m.degree[m.nodes.indexOf(a)]!);
      findings.push({ key: 'ecosystem.explain.cluster', params: { number: i + 1, count: cluster.length }, actors: ranked.slice(0, 3) });
    });
  } else if (groups.length === 1) {
    findings.push({ key: 'ecosystem.explain.oneCluster', params: { count: groups[0]!.length }, actors: [] });
  }
  for (const id of m.brokers) {
    const i = m.nodes.indexOf(id);
    findings.push({ key: 'ecosystem.explain.broker', params: { share: Math.round(m.betweenness[i]! * 100) }, actors: [id] });
  }
  if (m.bridging.length) findings.push({ key: 'ecosystem.explain.bridging', params: { count: m.bridging.length }, actors: m.bridging.slice(0, 5) });
  const apart = m.components.filter((c) => c.length >= 2);
  if (apart.length >= 2) findings.push({ key: 'ecosystem.explain.apart', params: { count: apart.length }, actors: [] });
  if (m.isolated.length) findings.push({ key: 'ecosystem.explain.isolated', params: { count: m.isolated.length }, actors: m.isolated });
  const busy = input.places.filter((p) => p.relations >= 2);
  if (busy.length) findings.push({ key: 'ecosystem.explain.places', params: { places: busy.slice(0, 3).map((p) => `${p.name} (${p.relations})`).join(', ') }, actors: [] });
  findings.push(...professionalFindings(input));
  return findings;
}

function professionalFindings(input: ExplainInput): Finding[] {
  const own = hoursPerThousand(input.professionalHours, input.residents);
  if (input.professionalHours === 0) return [{ key: 'ecosystem.explain.noProfessionals', params: {}, actors: [] }];
  if (own === null) return [{ key: 'ecosystem.explain.hoursUnknownResidents', params: { hours: input.professionalHours }, actors: [] }];
  const reference = input.municipalityHoursPerThousand;
  const params = { hours: input.professionalHours, perThousand: Math.round(own * 10) / 10, residents: input.residents! };
  if (reference === null || reference <= 0) return [{ key: 'ecosystem.explain.hours', params, actors: [] }];
  const thin = own < THIN_SHARE * reference;
  return [{ key: thin ? 'ecosystem.explain.thin' : 'ecosystem.explain.notThin', params: { ...params, reference: Math.round(reference * 10) / 10 }, actors: [] }];
}

/** Is this a real calendar date (YYYY-MM-DD)? */
export function isRealDate(value: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value);
}
