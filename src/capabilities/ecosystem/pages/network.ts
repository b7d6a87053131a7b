import type { Context } from '../../../platform/context.js';
import { html, type HtmlValue, type SafeHtml } from '../../../platform/html.js';
import { formatNumber, translator, type Translate } from '../../../platform/i18n/index.js';
import {
  chartFigure, coord, fitText, marker, REFERENCE_COLOUR, SERIES_COLOURS, SERIES_MARKERS, svgImage, TEXT_COLOUR,
} from '../../../platform/ui/chart-parts.js';
import { link } from '../../../platform/ui/components.js';
import type { Actor, Finding } from '../model.js';
import type { EcosystemView } from '../read.js';
import { placePath } from '../../places/index.js';
import { actorPath } from '../service.js';

/**
 * The drawing of an area's network (server-side SVG, the layout from layout.ts) with its full text
 * equivalent: a table of every actor with its kind, ties, betweenness, cluster and whether it is a
 * broker; and the findings in plain language. Colours come with a marker shape per cluster, so the
 * drawing also reads in black and white; brokers get a ring.
 */
const EDGE_COLOUR = '#8c8c8c';

export const clusterName = (t: Translate, cluster: number) => (cluster < 0 ? t('ecosystem.network.alone') : t('ecosystem.network.group', { number: cluster + 1 }));
export const kindName = (t: Translate, kind: string) => t(`ecosystem.kind.${kind}`);

/** "A, B en C" in the reader's language. */
export function namesList(t: Translate, names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return t('ecosystem.list', { items: names.slice(0, -1).join(', '), last: names[names.length - 1]! });
}

/** One finding as a sentence: numbers in the reader's language, actor names listed. */
export function findingText(ctx: Context, finding: Finding, byId: ReadonlyMap<string, Actor>): string {
  const t = translator(ctx.locale);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(finding.params)) params[k] = typeof v === 'number' ? formatNumber(ctx.locale, v) : v;
  params.names = namesList(t, finding.actors.map((id) => byId.get(id)?.name ?? id));
  return t(finding.key, params);
}

export function findingsList(ctx: Context, findings: Finding[], byId: ReadonlyMap<string, Actor>): SafeHtml {
  return html`<ul class="utrecht-unordered-list ba-ecosystem-findings">${findings.map((f) => html`<li>${findingText(ctx, f, byId)}</li>`)}</ul>`;
}

export function networkFigure(ctx: Context, view: EcosystemView, areaTitle: string): SafeHtml {
  const t = translator(ctx.locale);
  const slug = ctx.tenant!.slug;
  const m = view.metrics;
  const byId = new Map(view.actors.map((a) => [a.id, a]));
  const at = new Map(view.layout.nodes.map((p) => [p.id, p]));
  const index = new Map(m.nodes.map((id, i) => [id, i]));
  const brokers = new Set(m.brokers);
  const ties = new Set<string>();
  const lines: SafeHtml[] = [];
  for (const r of view.relations) {
    if (r.toId === null) continue;
    const key = r.fromId < r.toId ? `${r.fromId}|${r.toId}` : `${r.toId}|${r.fromId}`;
    if (ties.has(key)) continue;
    ties.add(key);
    const a = at.get(r.fromId);
    const b = at.get(r.toId);
    if (a && b) lines.push(html`<line x1="${coord(a.x)}" y1="${coord(a.y)}" x2="${coord(b.x)}" y2="${coord(b.y)}" stroke="${EDGE_COLOUR}" stroke-width="1.5"/>`);
  }
  const nodes = view.layout.nodes.map((p) => {
    const i = index.get(p.id)!;
    const cluster = m.cluster[i]!;
    const colour = cluster < 0 ? REFERENCE_COLOUR : SERIES_COLOURS[cluster % SERIES_COLOURS.length]!;
    const shape = cluster < 0 ? 'circle' : SERIES_MARKERS[cluster % SERIES_MARKERS.length]!;
    const ring = brokers.has(p.id) ? html`<circle cx="${coord(p.x)}" cy="${coord(p.y)}" r="10" fill="none" stroke="${TEXT_COLOUR}" stroke-width="2"/>` : '';
    const name = byId.get(p.id)?.name ?? '';
    return html`<g>${ring}${marker(shape, p.x, p.y, colour)}<text x="${coord(p.label.x)}" y="${coord(p.label.y)}" text-anchor="${p.label.anchor}" fill="${TEXT_COLOUR}" font-size="11">${fitText(name, 120, 11)}</text></g>`;
  });
  const groups = m.clusters.filter((c) => c.length >= 2).length;
  const title = t('ecosystem.network.title', { area: areaTitle });
  const description = t('ecosystem.network.description', {
    actors: formatNumber(ctx.locale, view.actors.length), ties: formatNumber(ctx.locale, m.ties), groups: formatNumber(ctx.locale, groups),
    isolated: formatNumber(ctx.locale, m.isolated.length), brokers: m.brokers.length ? namesList(t, m.brokers.map((id) => byId.get(id)?.name ?? id)) : t('ecosystem.network.none'),
  });
  const svg = view.actors.length
    ? svgImage({ id: 'ecosystem-network', kind: 'network', width: view.layout.width, height: view.layout.height, title, description, body: html`${lines}${nodes}` })
    : null;
  const legend = html`<p class="utrecht-paragraph ba-small">${t('ecosystem.network.legend')}</p>`;
  const rows = view.actors.map((a) => ({ actor: a, i: index.get(a.id)! }))
    .sort((x, y) => m.betweenness[y.i]! - m.betweenness[x.i]! || m.degree[y.i]! - m.degree[x.i]! || x.actor.name.localeCompare(y.actor.name, ctx.locale));
  return chartFigure({ t, locale: ctx.locale }, {
    id: 'ecosystem', kind: 'network', title, caption: t('ecosystem.network.caption'), svg, legend, placement: 'visible',
    table: {
      rows,
      columns: [
        { header: t('ecosystem.field.name'), cell: (r) => link(actorPath(slug, r.actor.areaCode, r.actor.id), r.actor.name) },
        { header: t('ecosystem.field.kind'), cell: (r) => kindName(t, r.actor.kind) },
        { header: t('ecosystem.network.degree'), cell: (r) => formatNumber(ctx.locale, m.degree[r.i]!), numeric: true },
        { header: t('ecosystem.network.betweenness'), cell: (r) => formatNumber(ctx.locale, m.betweenness[r.i]!, 2), numeric: true },
        { header: t('ecosystem.network.cluster'), cell: (r) => clusterName(t, m.cluster[r.i]!) },
        { header: t('ecosystem.network.broker'), cell: (r) => (brokers.has(r.actor.id) ? t('ecosystem.yes') : m.bridging.includes(r.actor.id) ? t('ecosystem.network.bridging') : t('ecosystem.no')) },
      ],
    },
  });
}

/** A relation as a sentence part: "werkt samen met X" / "gebruikt de plek Y". */
export function relationTarget(ctx: Context, relation: { toId: string | null; place: { ref: string | null; name: string } | null; areaCode: string }, byId: ReadonlyMap<string, Actor>): HtmlValue {
  if (relation.toId === null) return relation.place ? placeLink(ctx, relation.place) : '';
  const other = byId.get(relation.toId);
  return other ? link(actorPath(ctx.tenant!.slug, relation.areaCode, other.id), other.name) : '';
}

/** A place by name, linked to its page when it is one of the places capability's. */
export function placeLink(ctx: Context, place: { ref: string | null; name: string }): HtmlValue {
  return place.ref ? link(placePath(ctx.tenant!.slug, place.ref), place.name) : place.name;
}
