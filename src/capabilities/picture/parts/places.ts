import { html } from '../../../platform/html.js';
import { formatNumber } from '../../../platform/i18n/index.js';
import { link, paragraph, table } from '../../../platform/ui/components.js';
import { ACCESSIBILITY, PLACE_STATUSES, assessmentsOf, listPlaces, placePath, type PlaceStatus } from '../../places/index.js';
import { capped } from '../model.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 2a, the public places where people meet or could meet (places capability): how many there
 * are, which are under threat or vacant, and per place its kind, owner, status, capacity, cost for
 * a resident group and accessibility.
 */
export const MAX_PLACES = 60;

interface PlaceRow {
  id: string;
  name: string;
  type: string;
  ownerType: string;
  status: PlaceStatus;
  threatKind: string | null;
  capacity: number | null;
  costCents: number | null;
  access: string[];
  assessments: number;
}
export interface PlacesData {
  counts: Record<PlaceStatus, number>;
  items: PlaceRow[];
  more: number;
}

/** A district's places are those of its neighbourhoods. */
export const inArea = (placeArea: string | null, areaCode: string) =>
  placeArea !== null && (placeArea === areaCode || (areaCode.startsWith('WK') && placeArea.startsWith(`BU${areaCode.slice(2)}`)));

const statusText = (c: PartContext, p: PlaceRow) =>
  (p.status === 'threatened' && p.threatKind ? c.t('places.status.threatenedBy', { threat: c.t(`places.threat.${p.threatKind}`) }) : c.t(`places.status.${p.status}`));
const costText = (c: PartContext, cents: number | null) =>
  (cents === null ? c.t('picture.unknown') : cents === 0 ? c.t('picture.places.free') : c.t('picture.places.cost', { euros: formatNumber(c.locale, cents / 100, cents % 100 === 0 ? 0 : 2) }));
const total = (d: PlacesData) => PLACE_STATUSES.reduce((n, s) => n + d.counts[s], 0);

function summary(c: PartContext, d: PlacesData): string {
  return c.t('picture.places.summary', {
    count: formatNumber(c.locale, total(d)), active: formatNumber(c.locale, d.counts.active), threatened: formatNumber(c.locale, d.counts.threatened),
    vacant: formatNumber(c.locale, d.counts.vacant), closed: formatNumber(c.locale, d.counts.closed),
  });
}

registerPicturePart<PlacesData>({
  name: 'places',
  order: 30,
  titleKey: 'picture.part.places',
  async assemble(db, { tenant, area }) {
    const places = (await listPlaces(db, tenant.id)).filter((p) => inArea(p.areaCode, area.code));
    // Under threat and vacant first: what the neighbourhood may lose or win.
    const urgency: Record<PlaceStatus, number> = { threatened: 0, vacant: 1, active: 2, closed: 3 };
    places.sort((a, b) => urgency[a.status] - urgency[b.status] || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
    const counts = Object.fromEntries(PLACE_STATUSES.map((s) => [s, places.filter((p) => p.status === s).length])) as Record<PlaceStatus, number>;
    const { items, more } = capped(places, MAX_PLACES);
    const assessments = await assessmentsOf(db, items.map((p) => p.id));
    return {
      counts, more,
      items: items.map((p) => ({
        id: p.id, name: p.name, type: p.type, ownerType: p.ownerType, status: p.status, threatKind: p.threatKind, capacity: p.capacity, costCents: p.costCents,
        access: ACCESSIBILITY.filter((need) => p.accessibility[need] === true), assessments: assessments.filter((a) => a.placeId === p.id).length,
      })),
    };
  },
  render(data, c) {
    if (total(data) === 0) return paragraph(c.t('picture.places.none'));
    return html`${paragraph(summary(c, data))}
      ${table<PlaceRow>({
        caption: c.t('picture.places.caption'),
        columns: [
          { header: c.t('picture.places.name'), cell: (p) => link(`${c.origin}${placePath(c.slug, p.id)}`, p.name) },
          { header: c.t('picture.places.type'), cell: (p) => html`${c.t(`places.type.${p.type}`)}<br><span class="ba-small">${c.t(`places.owner.${p.ownerType}`)}</span>` },
          { header: c.t('picture.places.status'), cell: (p) => statusText(c, p) },
          { header: c.t('picture.places.capacity'), cell: (p) => (p.capacity === null ? c.t('picture.unknown') : formatNumber(c.locale, p.capacity)), numeric: true },
          { header: c.t('picture.places.costHeader'), cell: (p) => costText(c, p.costCents), numeric: true },
          { header: c.t('picture.places.access'), cell: (p) => (p.access.length ? p.access.map((a) => c.t(`places.access.${a}`)).join(', ') : '—') },
          { header: c.t('picture.places.assessments'), cell: (p) => formatNumber(c.locale, p.assessments), numeric: true },
        ],
        rows: data.items,
        empty: c.t('picture.places.none'),
      })}
      ${data.more ? paragraph(c.t('picture.places.more', { count: formatNumber(c.locale, data.more) })) : ''}`;
  },
  text(data, c) {
    if (total(data) === 0) return c.t('picture.places.none');
    return [summary(c, data), ...data.items.map((p) => `${p.name}: ${c.t(`places.type.${p.type}`)}, ${statusText(c, p)}`)].join('\n\n');
  },
});
