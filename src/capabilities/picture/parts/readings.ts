import { html } from '../../../platform/html.js';
import { formatDate, formatNumber } from '../../../platform/i18n/index.js';
import { paragraph } from '../../../platform/ui/components.js';
import { renderBody } from '../../../platform/versions/index.js';
import { INTERPRETATION_KINDS, interpretationsOfArea, isPublic, type InterpretationKind } from '../../interpretations/index.js';
import { catalogueFor } from '../../statistics/index.js';
import { capped } from '../model.js';
import { registerPicturePart, type PartContext } from '../parts.js';

/**
 * Part 1b, the residents' readings of the figures (interpretations capability): what is going
 * well first, then what lies behind the figures and what they miss. Only readings everyone may
 * read, and without the writer's name: a published version is kept for good, a name is not
 * (the role and the date say enough about who spoke).
 */
export const MAX_READINGS = 40;

interface Reading {
  id: string;
  /** Taken down since publication: its text is not shown. */
  withdrawn?: boolean;
  /** Null: the area as a whole. */
  indicator: string | null;
  figureNl: string | null;
  figureEn: string | null;
  kind: InterpretationKind;
  role: string;
  /** YYYY-MM-DD. */
  date: string;
  body: string;
}
export interface ReadingsData {
  year: number;
  counts: Record<InterpretationKind, number>;
  items: Reading[];
  more: number;
}

function figureOf(c: PartContext, r: Reading): string {
  if (r.indicator === null) return c.t('picture.readings.wholeArea');
  return (c.locale === 'en' ? r.figureEn : r.figureNl) ?? r.indicator;
}

function byline(c: PartContext, r: Reading): string {
  return c.t('picture.readings.byline', { role: c.t(`interpretations.role.${r.role}`), date: formatDate(c.locale, `${r.date}T12:00:00Z`), figure: figureOf(c, r) });
}

registerPicturePart<ReadingsData>({
  name: 'readings',
  order: 20,
  titleKey: 'picture.part.readings',
  async assemble(db, { tenant, area, year }) {
    const [views, catalogue] = await Promise.all([interpretationsOfArea(db, tenant.id, area.code, year), catalogueFor(db, tenant.id)]);
    const labels = new Map(catalogue.map((i) => [i.id, i]));
    // Strengths first, the area as a whole before single figures, then by date.
    const order = (kind: InterpretationKind) => INTERPRETATION_KINDS.indexOf(kind);
    const readable = views.filter(isPublic).sort((a, b) => order(a.kind) - order(b.kind)
      || Number(a.indicator !== null) - Number(b.indicator !== null) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const counts = Object.fromEntries(INTERPRETATION_KINDS.map((k) => [k, readable.filter((v) => v.kind === k).length])) as Record<InterpretationKind, number>;
    const { items, more } = capped(readable, MAX_READINGS);
    return {
      year, counts, more,
      items: items.map((v) => ({
        id: v.id, indicator: v.indicator, figureNl: v.indicator ? labels.get(v.indicator)?.labelNl ?? null : null, figureEn: v.indicator ? labels.get(v.indicator)?.labelEn ?? null : null,
        kind: v.kind, role: v.role, date: v.createdAt.slice(0, 10), body: v.body,
      })),
    };
  },
  render(data, c) {
    const total = data.items.length + data.more;
    if (total === 0) return paragraph(c.t('picture.readings.none', { year: data.year }));
    return html`${paragraph(c.t('picture.readings.intro', {
      year: data.year, total: formatNumber(c.locale, total), strengths: formatNumber(c.locale, data.counts.strength),
    }))}
      ${INTERPRETATION_KINDS.filter((k) => data.items.some((r) => r.kind === k)).map((kind) => html`
        <h3 class="utrecht-heading-3">${c.t(`interpretations.kind.${kind}`)}</h3>
        ${data.items.filter((r) => r.kind === kind).map((r) => html`<blockquote class="ba-picture-quote">
          ${r.withdrawn ? html`<p class="utrecht-paragraph ba-empty">${c.t('picture.withdrawn')}</p>` : renderBody(r.body)}
          <p class="utrecht-paragraph ba-small">— ${byline(c, r)}</p>
        </blockquote>`)}`)}
      ${data.more ? paragraph(c.t('picture.readings.more', { count: formatNumber(c.locale, data.more) })) : ''}`;
  },
  async withdrawn(db, tenant, areaCode, data) {
    const open = new Set((await interpretationsOfArea(db, tenant.id, areaCode, data.year)).filter(isPublic).map((v) => v.id));
    return { ...data, items: data.items.map((r) => (open.has(r.id) ? r : { ...r, withdrawn: true, body: '' })) };
  },
  text(data, c) {
    const total = data.items.length + data.more;
    if (total === 0) return c.t('picture.readings.none', { year: data.year });
    return [
      c.t('picture.readings.intro', { year: data.year, total: formatNumber(c.locale, total), strengths: formatNumber(c.locale, data.counts.strength) }),
      ...data.items.map((r) => `${c.t(`interpretations.kind.${r.kind}`)}: ${r.withdrawn ? c.t('picture.withdrawn') : r.body} (${byline(c, r)})`),
    ].join('\n\n');
  },
});
