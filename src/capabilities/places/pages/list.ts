import type { Context } from '../../../platform/context.js';
import { html, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import { form, heading1, link, paragraph, selectField, table } from '../../../platform/ui/components.js';
import { PLACE_STATUSES, PLACE_TYPES, opensInEvening, opensInWeekend, type PlaceStatus } from '../model.js';
import { placePath, placesPath } from '../service.js';
import type { Place } from '../store.js';
import { cannotWrite, capacityText, costText, statusText } from './format.js';
import { markerShape, placesMap, type MapArea } from './map.js';

/** An area to choose in filters: districts and neighbourhoods of the current division. */
export interface AreaChoice {
  code: string;
  label: string;
  kind: 'district' | 'neighbourhood';
}

export function areaOptions(t: Translate, areas: readonly AreaChoice[]) {
  return areas.map((a) => ({ value: a.code, label: a.kind === 'district' ? t('places.filter.district', { name: a.label }) : a.label }));
}

export interface ListPageInput {
  places: Place[];
  areas: AreaChoice[];
  mapAreas: MapArea[];
  areaNames: Map<string, string>;
  filter: { gebied: string; soort: string; status: string };
  canAdd: boolean;
}

export function legend(t: Translate): SafeHtml {
  return html`<ul class="utrecht-unordered-list ba-legend" aria-label="${t('places.map.legend')}">${PLACE_STATUSES.map((s) => html`<li><svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">${markerShape(s, 0, 0)}</svg> ${t(`places.status.${s}`)}</li>`)}</ul>`;
}

function counts(ctx: Context, places: readonly Place[]): string {
  const t = translator(ctx.locale);
  const by = (s: PlaceStatus) => places.filter((p) => p.status === s).length;
  return t('places.list.counts', {
    count: formatNumber(ctx.locale, places.length), threatened: formatNumber(ctx.locale, by('threatened')), vacant: formatNumber(ctx.locale, by('vacant')), closed: formatNumber(ctx.locale, by('closed')),
  });
}

/** The places of the municipality or an area: filters, the map, and the same places as a table. */
export function listPage(ctx: Context, input: ListPageInput): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const { filter } = input;
  const map = placesMap({
    id: 'places', title: t('places.map.title', { count: input.places.length }), areas: input.mapAreas,
    markers: input.places.map((p) => ({ lon: p.lon, lat: p.lat, status: p.status, label: `${p.name} (${statusText(t, p.status, p.threatKind)})`, href: placePath(slug, p.id) })),
  });
  const badges = (p: Place) => [opensInEvening(p.hours) ? t('places.hours.evenings') : '', opensInWeekend(p.hours) ? t('places.hours.weekends') : ''].filter(Boolean).join(', ') || '—';
  return html`${heading1(t('places.title'))}
    ${paragraph(t('places.intro'))}
    <ul class="utrecht-unordered-list">
      <li>${link(`${placesPath(slug)}/zoeken`, t('places.search.link'))}</li>
      ${input.canAdd ? html`<li>${link(`${placesPath(slug)}/nieuw`, t('places.add.link'))}</li>` : html`<li>${cannotWrite(ctx, placesPath(slug), 'places.add.signIn')}</li>`}
    </ul>
    ${form({ action: placesPath(slug), method: 'get', csrf: '', submit: t('places.filter.submit'), body: html`
      ${selectField(t, { name: 'gebied', label: t('places.filter.area'), value: filter.gebied, errors: {}, placeholder: t('places.filter.wholeMunicipality'), options: areaOptions(t, input.areas) })}
      ${selectField(t, { name: 'soort', label: t('places.field.type'), value: filter.soort, errors: {}, placeholder: t('places.filter.anyType'), options: PLACE_TYPES.map((v) => ({ value: v, label: t(`places.type.${v}`) })) })}
      ${selectField(t, { name: 'status', label: t('places.field.status'), value: filter.status, errors: {}, placeholder: t('places.filter.anyStatus'), options: PLACE_STATUSES.map((v) => ({ value: v, label: t(`places.status.${v}`) })) })}` })}
    <h2 class="utrecht-heading-2">${counts(ctx, input.places)}</h2>
    ${map ? html`<figure class="ba-chart">${map}<figcaption>${legend(t)}</figcaption></figure>` : ''}
    ${table({
      caption: t('places.list.caption'), empty: t('places.list.none'), rows: input.places,
      columns: [
        { header: t('places.field.name'), cell: (p) => link(placePath(slug, p.id), p.name) },
        { header: t('places.field.type'), cell: (p) => t(`places.type.${p.type}`) },
        { header: t('places.field.area'), cell: (p) => (p.areaCode ? input.areaNames.get(p.areaCode) ?? p.areaCode : t('places.unknown')) },
        { header: t('places.field.status'), cell: (p) => statusText(t, p.status, p.threatKind) },
        { header: t('places.list.openAt'), cell: badges },
        { header: t('places.field.cost'), cell: (p) => costText(ctx, p.costCents) },
        { header: t('places.field.capacity'), cell: (p) => capacityText(ctx, p.capacity), numeric: true },
      ],
    })}
    ${paragraph(link(`/api/v1/${slug}/places`, t('places.list.openData')))}`;
}
