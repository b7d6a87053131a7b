import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatDate, formatNumber, translator } from '../../../platform/i18n/index.js';
import { dataList, heading1, link, paragraph, table } from '../../../platform/ui/components.js';
import { renderModerated, reportLink, type ModerationState } from '../../../platform/moderation/index.js';
import { renderBody } from '../../../platform/versions/render.js';
import { QUALITIES, WEEKDAYS, aggregateAssessments, opensInEvening, opensInWeekend, type Spread } from '../model.js';
import { ASSESSMENT_KIND, assessmentAnchor, placePath } from '../service.js';
import type { Assessment, Place, StatusChange } from '../store.js';
import { cannotWrite, capacityText, costText, factText, intervalsText, statusTag, statusText } from './format.js';
import { legend } from './list.js';
import { placesMap, type MapArea } from './map.js';

export interface PlacePageInput {
  place: Place;
  area: { code: string; title: string } | null;
  history: StatusChange[];
  assessments: Assessment[];
  mapAreas: MapArea[];
  can: { edit: boolean; status: boolean; assess: boolean };
  /** Assessment comments hidden by the moderators. */
  hidden: Map<string, ModerationState>;
  /** What other capabilities add (registerPlaceSection). */
  sections: SafeHtml;
  /** Entries of the neighbourhood's timeline that name this place. */
  timeline: Array<{ title: string; path: string }>;
  /** The person looking, to show them their own hidden comment with the reason. */
  viewerId: string | null;
}

const day = (ctx: Context, date: string) => formatDate(ctx.locale, `${date}T12:00:00Z`);

function spreadText(ctx: Context, s: Spread): string {
  const t = translator(ctx.locale);
  const n = (v: number) => formatNumber(ctx.locale, v, 1);
  if (s.n === 0) return t('places.assessments.noScores');
  return s.n >= 4
    ? t('places.assessments.spreadIqr', { min: s.min!, max: s.max!, q1: n(s.q1!), q3: n(s.q3!) })
    : t('places.assessments.spreadRange', { min: s.min!, max: s.max! });
}

/** A place's story: what and where it is, when it is open, how residents rate it and what happened to it. */
export function placePage(ctx: Context, input: PlacePageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { place } = input;
  const here = placePath(slug, place.id);
  const facts: Array<[string, SafeHtml | string]> = [
    [t('places.field.status'), html`${statusTag(t, place.status, place.threatKind)} ${t('places.status.since', { date: day(ctx, place.statusSince) })}`],
    [t('places.field.type'), t(`places.type.${place.type}`)],
    [t('places.field.ownerType'), t(`places.owner.${place.ownerType}`)],
    [t('places.field.runBy'), place.runBy ?? t('places.unknown')],
    [t('places.field.area'), input.area ? link(`/${slug}/gebieden/${input.area.code}`, input.area.title) : t('places.noArea')],
    [t('places.field.location'), t('places.location.text', { lat: formatNumber(ctx.locale, place.lat, 5), lon: formatNumber(ctx.locale, place.lon, 5) })],
    [t('places.field.cost'), costText(ctx, place.costCents)],
    [t('places.field.capacity'), capacityText(ctx, place.capacity)],
    [t('places.access.stepFree'), factText(t, place.accessibility.stepFree)],
    [t('places.access.accessibleToilet'), factText(t, place.accessibility.accessibleToilet)],
    [t('places.access.hearingLoop'), factText(t, place.accessibility.hearingLoop)],
  ];
  const map = placesMap({ id: 'place', title: t('places.map.one', { name: place.name }), areas: input.mapAreas, markers: [{ lon: place.lon, lat: place.lat, status: place.status, label: place.name }], width: 480 });
  const spreads = aggregateAssessments(input.assessments);
  const hours = [opensInEvening(place.hours) ? t('places.hours.evenings') : '', opensInWeekend(place.hours) ? t('places.hours.weekends') : ''].filter(Boolean);
  const actions = [
    input.can.assess ? link(`${here}/beoordelen`, t('places.assess.link')) : null,
    input.can.edit ? link(`${here}/bewerken`, t('places.edit.link')) : null,
    input.can.status ? link(`${here}/status`, t('places.status.link')) : null,
  ].filter((a): a is SafeHtml => a !== null);
  return html`${heading1(place.name)}
    ${place.description ? renderBody(place.description) : ''}
    ${actions.length ? html`<ul class="utrecht-unordered-list">${actions.map((a) => html`<li>${a}</li>`)}</ul>` : paragraph(cannotWrite(ctx, here, 'places.place.signIn'))}
    ${dataList(facts)}
    ${map ? html`<figure class="ba-chart">${map}<figcaption>${legend(t)}</figcaption></figure>` : ''}
    <h2 class="utrecht-heading-2" id="openingstijden">${t('places.hours.heading')}</h2>
    ${hours.length ? paragraph(t('places.hours.also', { what: hours.join(t('places.and')) })) : ''}
    ${table({
      caption: t('places.hours.heading'), captionHidden: true, empty: '', rows: [...WEEKDAYS],
      columns: [
        { header: t('places.hours.day'), cell: (d) => t(`places.weekday.${d}`) },
        { header: t('places.hours.open'), cell: (d) => intervalsText(t, place.hours[d]) },
      ],
    })}
    ${input.sections}
    <h2 class="utrecht-heading-2" id="beoordelingen">${t('places.assessments.heading', { count: input.assessments.length })}</h2>
    ${paragraph(t('places.assessments.intro'))}
    ${input.assessments.length === 0 ? paragraph(html`<em>${t('places.assessments.none')}</em>`) : html`
      ${table({
        caption: t('places.assessments.caption'), rows: [...QUALITIES], empty: '',
        columns: [
          { header: t('places.assessments.quality'), cell: (q) => html`${t(`places.quality.${q}`)}<br><span class="ba-optional">${t(`places.qualityHint.${q}`)}</span>` },
          { header: t('places.assessments.mean'), cell: (q) => (spreads[q].mean === null ? '—' : formatNumber(ctx.locale, spreads[q].mean!, 1)), numeric: true },
          { header: t('places.assessments.spread'), cell: (q) => spreadText(ctx, spreads[q]) },
          { header: t('places.assessments.n'), cell: (q) => formatNumber(ctx.locale, spreads[q].n), numeric: true },
        ],
      })}
      ${input.assessments.some((a) => a.comment) ? html`<h3 class="utrecht-heading-3">${t('places.assessments.comments')}</h3>
        <ul class="utrecht-unordered-list">${input.assessments.filter((a) => a.comment).map((a) => {
          const who = a.authorName ?? t('places.unknownPerson');
          const state = input.hidden.get(a.id);
          return html`<li id="${assessmentAnchor(a.id)}">${renderModerated(t, {
            kind: ASSESSMENT_KIND, state, isAuthor: a.authorId !== null && a.authorId === input.viewerId,
            content: html`${a.comment} <span class="ba-optional">— ${who}, <time datetime="${a.createdAt}">${formatDate(ctx.locale, a.createdAt)}</time></span>`,
          })}${state ? '' : html` ${reportLink(t, `/${slug}`, ASSESSMENT_KIND, a.id, t('places.moderation.context', { name: who }))}`}</li>`;
        })}</ul>` : ''}`}
    <h2 class="utrecht-heading-2" id="geschiedenis">${t('places.history.heading')}</h2>
    ${input.timeline.length ? html`<h3 class="utrecht-heading-3">${t('places.history.timeline')}</h3>
      <ul class="utrecht-unordered-list">${input.timeline.map((e) => html`<li>${link(e.path, e.title)}</li>`)}</ul>
      <h3 class="utrecht-heading-3">${t('places.history.statuses')}</h3>` : ''}
    <ol class="utrecht-ordered-list">${[...input.history].reverse().map((c) => html`<li><strong>${day(ctx, c.changedOn)}: ${statusText(t, c.status, c.threatKind)}</strong>${c.note ? html` — ${c.note}` : ''} <span class="ba-optional">(${t('places.history.by', { name: c.changedByName ?? t('places.unknownPerson') })})</span></li>`)}</ol>
    ${paragraph(link(`/api/v1/${slug}/places/${place.id}`, t('places.place.openData')))}`;
}
