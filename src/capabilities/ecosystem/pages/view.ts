import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { renderModerated, reportLink } from '../../../platform/moderation/index.js';
import { actionButton, dataList, heading1, link, paragraph, table } from '../../../platform/ui/components.js';
import type { TenantArea } from '../../areas/index.js';
import { currentAssessments, ELEMENTS, type Actor, type Assessment, type Relation } from '../model.js';
import type { EcosystemView } from '../read.js';
import { ACTOR_ENTITY, RELATION_ENTITY, actorPath, ecosystemPath, elementsPath } from '../service.js';
import { clusterName, findingsList, kindName, networkFigure, placeLink, relationTarget } from './network.js';

export const dateOnly = (ctx: Context, day: string) => formatDate(ctx.locale, `${day}T12:00:00Z`);

export interface Permissions {
  canAdd: boolean;
  canEdit: boolean;
  /** May this person change this relation (an editor; who added it, unless a moderator hid it)? */
  canChange: (relation: Relation) => boolean;
  /** May this person remove this relation (an editor, or who added it)? */
  canRemove: (relation: Relation) => boolean;
}

/** A relation in words, for whom a link or button serves: "Kookclub werkt samen met Moestuin". */
function relationWords(t: Translate, relation: Relation, byId: ReadonlyMap<string, Actor>): string {
  const to = relation.toId === null ? relation.place?.name ?? '' : byId.get(relation.toId)?.name ?? '';
  return `${byId.get(relation.fromId)?.name ?? ''} ${t(`ecosystem.relationKind.${relation.kind}`)} ${to}`;
}

/**
 * The relations of an area (or of one actor) as a table, each with its note and since-when, and
 * what this person may do with it: change or remove it, or (on an actor's page) report it. A hidden
 * relation is only ever passed for whoever may change it: its note then comes with the reason.
 */
export function relationsTable(ctx: Context, input: { relations: Relation[]; byId: ReadonlyMap<string, Actor>; csrf: string; permissions: Permissions; caption: string; reportable?: boolean }): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { byId, permissions } = input;
  const me = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  const actions = (r: Relation): SafeHtml[] => {
    const words = relationWords(t, r, byId);
    const out: SafeHtml[] = [];
    if (permissions.canChange(r)) out.push(link(`${ecosystemPath(slug, r.areaCode)}/relaties/${r.id}/bewerken`, html`${t('ecosystem.relation.edit')}<span class="ba-visually-hidden"> (${words})</span>`));
    if (permissions.canRemove(r)) out.push(actionButton({ action: `${ecosystemPath(slug, r.areaCode)}/relaties/${r.id}/verwijderen`, csrf: input.csrf, label: t('ecosystem.relation.remove'), danger: true }));
    if (input.reportable && r.hidden === null && (me === null || r.createdBy !== me)) out.push(reportLink(t, `/${slug}`, RELATION_ENTITY, r.id, words));
    return out;
  };
  const withActions = input.relations.some((r) => actions(r).length > 0);
  return table({
    caption: input.caption, captionHidden: true, empty: t('ecosystem.relations.none'), rows: input.relations,
    columns: [
      { header: t('ecosystem.relation.from'), cell: (r) => { const a = byId.get(r.fromId); return a ? link(actorPath(slug, r.areaCode, a.id), a.name) : ''; } },
      { header: t('ecosystem.relation.kind'), cell: (r) => t(`ecosystem.relationKind.${r.kind}`) },
      { header: t('ecosystem.relation.to'), cell: (r) => relationTarget(ctx, r, byId) },
      { header: t('ecosystem.relation.since'), cell: (r) => (r.since ? dateOnly(ctx, r.since) : '') },
      { header: t('ecosystem.relation.note'), cell: (r) => renderModerated(t, { kind: RELATION_ENTITY, state: r.hidden, isAuthor: true, content: r.note ?? '' }) },
      ...(withActions ? [{ header: t('ecosystem.relation.actions'), cell: (r: Relation) => html`<div class="utrecht-button-group ba-actions">${actions(r)}</div>` }] : []),
    ],
  });
}

/** The places the actors use, the most used first. */
function placesSection(ctx: Context, view: EcosystemView, byId: ReadonlyMap<string, Actor>): SafeHtml {
  const t = translator(ctx.locale);
  return html`<h2 class="utrecht-heading-2" id="plekken">${t('ecosystem.places.heading')}</h2>
    ${table({
      caption: t('ecosystem.places.heading'), captionHidden: true, empty: t('ecosystem.places.none'), rows: view.places,
      columns: [
        { header: t('ecosystem.places.place'), cell: (p) => placeLink(ctx, p) },
        { header: t('ecosystem.places.relations'), cell: (p) => formatNumber(ctx.locale, p.relations), numeric: true },
        { header: t('ecosystem.places.actors'), cell: (p) => p.actorIds.map((id) => byId.get(id)?.name ?? '').filter(Boolean).join(', ') },
      ],
    })}`;
}

function presence(ctx: Context, view: EcosystemView): SafeHtml {
  const t = translator(ctx.locale);
  const facts: Array<[string, string]> = [
    [t('ecosystem.presence.hours'), formatNumber(ctx.locale, view.professionalHours, 1)],
    [t('ecosystem.presence.residents'), view.residents ? t('ecosystem.presence.residentsIn', { count: formatNumber(ctx.locale, view.residents.value), year: String(view.residents.year) }) : t('ecosystem.unknown')],
    [t('ecosystem.presence.perThousand'), view.hoursPerThousand === null ? t('ecosystem.unknown') : formatNumber(ctx.locale, view.hoursPerThousand, 1)],
    [t('ecosystem.presence.municipality'), view.municipalityHoursPerThousand === null ? t('ecosystem.unknown') : formatNumber(ctx.locale, view.municipalityHoursPerThousand, 1)],
  ];
  return html`<h2 class="utrecht-heading-2" id="professionals">${t('ecosystem.presence.heading')}</h2>${dataList(facts)}`;
}

export interface EcosystemPageInput {
  area: TenantArea;
  view: EcosystemView;
  assessments: Assessment[];
  csrf: string;
  permissions: Permissions;
}

/** An area's ecosystem: what the network shows in words, the drawing with its table, relations, places, professional presence and the eight elements. */
export function ecosystemPage(ctx: Context, input: EcosystemPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { area, view } = input;
  const base = ecosystemPath(slug, area.code);
  const byId = new Map(view.actors.map((a) => [a.id, a]));
  const current = currentAssessments(input.assessments);
  const api = `/api/v1/${slug}/areas/${area.code}/ecosystem`;
  return html`${heading1(t('ecosystem.page.title', { area: area.title }))}
    ${paragraph(t('ecosystem.page.intro'))}
    ${input.permissions.canAdd
      ? html`<ul class="utrecht-unordered-list ba-actions-list">
          <li>${link(`${base}/actoren/nieuw`, t('ecosystem.actor.add'))}</li>
          <li>${link(`${base}/sterkhouders/nieuw`, t('ecosystem.keyPerson.add'))}</li>
          ${view.actors.length ? html`<li>${link(`${base}/relaties/nieuw`, t('ecosystem.relation.add'))}</li>` : ''}
        </ul>`
      : paragraph(ctx.actor.kind === 'person' ? t('ecosystem.noRole') : link(`/${slug}/inloggen?terug=${encodeURIComponent(base)}`, t('ecosystem.signIn')))}
    <h2 class="utrecht-heading-2" id="wat-het-laat-zien">${t('ecosystem.explain.heading')}</h2>
    ${findingsList(ctx, view.findings, byId)}
    <h2 class="utrecht-heading-2" id="netwerk">${t('ecosystem.network.heading')}</h2>
    ${networkFigure(ctx, view, area.title)}
    <h2 class="utrecht-heading-2" id="relaties">${t('ecosystem.relations.heading')}</h2>
    ${relationsTable(ctx, { relations: view.relations, byId, csrf: input.csrf, permissions: input.permissions, caption: t('ecosystem.relations.heading') })}
    ${placesSection(ctx, view, byId)}
    ${presence(ctx, view)}
    <h2 class="utrecht-heading-2" id="elementen">${t('ecosystem.elements.heading')}</h2>
    ${table({
      caption: t('ecosystem.elements.heading'), captionHidden: true, empty: '', rows: [...ELEMENTS],
      columns: [
        { header: t('ecosystem.elements.element'), cell: (e) => t(`ecosystem.element.${e}`) },
        { header: t('ecosystem.elements.score'), cell: (e) => (current.get(e) ? t('ecosystem.elements.scoreOf', { score: String(current.get(e)!.score) }) : t('ecosystem.elements.notYet')) },
      ],
    })}
    ${paragraph(link(elementsPath(slug, area.code), t('ecosystem.elements.all')))}
    <h2 class="utrecht-heading-2" id="open-data">${t('ecosystem.openData.heading')}</h2>
    ${paragraph(html`${t('ecosystem.openData.intro')} ${link(api, 'JSON')}`)}`;
}

function actorFacts(ctx: Context, actor: Actor, showConsent: { recorder: string | null } | null): Array<[string, SafeHtml | string]> {
  const t = translator(ctx.locale);
  const facts: Array<[string, SafeHtml | string]> = [[t('ecosystem.field.kind'), kindName(t, actor.kind)]];
  if (actor.role) facts.push([t('ecosystem.field.role'), actor.role]);
  if (actor.description) facts.push([t('ecosystem.field.description'), actor.description]);
  if (actor.kind === 'professional') {
    facts.push([t('ecosystem.field.organisation'), actor.organisation ?? '']);
    facts.push([t('ecosystem.field.activities'), actor.activities ?? '']);
    facts.push([t('ecosystem.field.hoursPerWeek'), actor.hoursPerWeek === null ? t('ecosystem.unknown') : formatNumber(ctx.locale, actor.hoursPerWeek, 1)]);
    facts.push([t('ecosystem.field.areaBound'), actor.areaBound === null ? t('ecosystem.unknown') : t(actor.areaBound ? 'ecosystem.yes' : 'ecosystem.no')]);
  }
  if (actor.consent && showConsent) {
    facts.push([t('ecosystem.consent.heading'), t('ecosystem.consent.recorded', {
      method: t(`ecosystem.consentMethod.${actor.consent.method}`), date: dateOnly(ctx, actor.consent.givenOn),
      recorder: showConsent.recorder ?? t('ecosystem.unknown'), recordedAt: formatDate(ctx.locale, actor.consent.recordedAt),
    })]);
  }
  return facts;
}

export interface ActorPageInput {
  area: TenantArea;
  actor: Actor;
  view: EcosystemView;
  csrf: string;
  permissions: Permissions;
  /** Who recorded a key person's consent, for those who may withdraw it (null: not shown). */
  consent: { recorder: string | null } | null;
  canWithdraw: boolean;
  /** Did this person add the actor? Then they do not report it, and read why it is hidden. */
  mine: boolean;
  /** The actor's hidden relations this person may change or remove (whoever added them, the editors). */
  hiddenRelations: Relation[];
}

/** What everyone but its author and the area's editors sees of a hidden actor: that it is hidden. */
function hiddenActorPage(ctx: Context, input: ActorPageInput): SafeHtml {
  const t = translator(ctx.locale);
  return html`${heading1(t('ecosystem.moderation.actor'))}
    ${renderModerated(t, { kind: ACTOR_ENTITY, state: input.actor.hidden, isAuthor: false, content: '' })}
    ${paragraph(link(ecosystemPath(ctx.tenant!.slug, input.area.code), t('ecosystem.back', { area: input.area.title })))}`;
}

/**
 * One actor: what it is and does, its place in the network and its relations. Hidden by a
 * moderator, it is shown with the reason to who added it and to the area's editors (who may set it
 * right), and to everyone else only as hidden; it is then in no network.
 */
export function actorPage(ctx: Context, input: ActorPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { actor, view, area } = input;
  if (actor.hidden && !input.mine && !input.permissions.canEdit) return hiddenActorPage(ctx, input);
  const byId = new Map([...view.actors, actor].map((a) => [a.id, a]));
  const i = view.metrics.nodes.indexOf(actor.id);
  const base = actorPath(slug, area.code, actor.id);
  const own = [...view.relations.filter((r) => r.fromId === actor.id || r.toId === actor.id), ...input.hiddenRelations];
  const network: Array<[string, string]> = [
    [t('ecosystem.network.degree'), formatNumber(ctx.locale, view.metrics.degree[i] ?? 0)],
    [t('ecosystem.network.betweenness'), formatNumber(ctx.locale, view.metrics.betweenness[i] ?? 0, 2)],
    [t('ecosystem.network.cluster'), clusterName(t, view.metrics.cluster[i] ?? -1)],
    [t('ecosystem.network.broker'), view.metrics.brokers.includes(actor.id) ? t('ecosystem.yes') : t('ecosystem.no')],
  ];
  return html`${heading1(actor.name)}
    ${renderModerated(t, { kind: ACTOR_ENTITY, state: actor.hidden, isAuthor: true, content: dataList(actorFacts(ctx, actor, input.consent)) })}
    ${input.permissions.canEdit || input.canWithdraw ? html`<div class="utrecht-button-group ba-actions">
      ${input.permissions.canEdit ? link(`${base}/bewerken`, t('ecosystem.actor.edit')) : ''}
      ${actor.kind === 'key_person' && input.canWithdraw ? actionButton({ action: `${base}/toestemming-intrekken`, csrf: input.csrf, label: t('ecosystem.consent.withdraw'), danger: true }) : ''}
      ${input.permissions.canEdit ? actionButton({ action: `${base}/verwijderen`, csrf: input.csrf, label: t('ecosystem.actor.remove'), danger: true }) : ''}
    </div>` : ''}
    ${actor.kind === 'key_person' && input.canWithdraw ? paragraph(t('ecosystem.consent.withdrawHint')) : ''}
    ${actor.hidden ? '' : html`<h2 class="utrecht-heading-2">${t('ecosystem.actor.inNetwork')}</h2>
    ${dataList(network)}
    <h2 class="utrecht-heading-2" id="relaties">${t('ecosystem.relations.heading')}</h2>
    ${relationsTable(ctx, { relations: own, byId, csrf: input.csrf, permissions: input.permissions, caption: t('ecosystem.relations.heading'), reportable: true })}
    ${input.permissions.canAdd ? paragraph(link(`${ecosystemPath(slug, area.code)}/relaties/nieuw?van=${actor.id}`, t('ecosystem.relation.addFrom', { name: actor.name }))) : ''}
    ${input.mine ? '' : paragraph(reportLink(t, `/${slug}`, ACTOR_ENTITY, actor.id, actor.name))}`}
    ${paragraph(link(ecosystemPath(slug, area.code), t('ecosystem.back', { area: area.title })))}`;
}

export function elementName(t: Translate, element: string): string {
  return t(`ecosystem.element.${element}`);
}
