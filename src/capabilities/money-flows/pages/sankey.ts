import { html, type SafeHtml } from '../../../platform/html.js';
import type { Column } from '../../../platform/ui/components.js';
import { chartFigure, checkId, coord, fitText, MUTED_COLOUR, REFERENCE_COLOUR, SERIES_COLOURS, svgImage, TEXT_COLOUR, type ChartContext } from '../../../platform/ui/chart-parts.js';
import { FUNDING_SOURCES, type FundingSource } from '../model.js';
import { roundEuros } from './format.js';

/**
 * A flow diagram (Sankey) drawn on the server as SVG: funding sources on the left, purposes and
 * receiving organisations on the right, each band as thick as its amount. Colours are SVG
 * attributes (the strict CSP holds, paper looks like the screen); every node carries its name and
 * amount in text, and the figure carries the same flows as a visible table, so nothing depends
 * on colour or on seeing the drawing. Output depends only on the input.
 */
export interface SankeyFlow {
  source: FundingSource;
  purpose: string;
  cents: number;
}

/** Okabe–Ito and darker companions, each at least 3:1 against white; a source keeps its colour everywhere. */
const SOURCE_COLOURS: Record<FundingSource, string> = Object.fromEntries(
  FUNDING_SOURCES.map((s, i) => [s, [...SERIES_COLOURS, '#8c510a', '#5e3c99', '#4d7300'][i]!]),
) as Record<FundingSource, string>;

/** More purposes than this are drawn as this many minus one and "other purposes" (the table names them all). */
const MAX_PURPOSES = 10;
const WIDTH = 720;
const LABEL = 200;
const BAR = 14;
const GAP = 12;

interface Node { key: string; label: string; cents: number; y: number; h: number; colour: string }

/** Two lines of label (name and amount) need this much room beside a node, however small its amount. */
const SLOT = 30;
/** The height all bands together take on one side. */
const BANDS = 320;

/** Nodes top to bottom: as tall as their amount, centred in a slot at least as tall as their label. */
function stack(nodes: Array<Omit<Node, 'y' | 'h'>>, scale: number, top: number): Node[] {
  let y = top;
  return nodes.map((n) => {
    const h = Math.max(2, n.cents * scale);
    const slot = Math.max(h, SLOT);
    const node = { ...n, y: y + (slot - h) / 2, h };
    y += slot + GAP;
    return node;
  });
}

export function sankeyFigure<Row>(ctx: ChartContext, input: {
  id: string; title: string; caption?: string; flows: SankeyFlow[]; sourceName: (s: FundingSource) => string; otherPurposes: string; description: string;
  table: { columns: Column<Row>[]; rows: Row[] };
}): SafeHtml {
  const id = checkId(input.id);
  const flows = input.flows.filter((f) => f.cents > 0);
  const byPurpose = new Map<string, number>();
  for (const f of flows) byPurpose.set(f.purpose, (byPurpose.get(f.purpose) ?? 0) + f.cents);
  const ranked = [...byPurpose].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const kept = new Set(ranked.length > MAX_PURPOSES ? ranked.slice(0, MAX_PURPOSES - 1).map(([p]) => p) : ranked.map(([p]) => p));
  const purposeKey = (p: string) => (kept.has(p) ? p : '\u0000other');
  const grouped = new Map<string, SankeyFlow & { key: string }>();
  for (const f of flows) {
    const key = `${f.source}|${purposeKey(f.purpose)}`;
    const g = grouped.get(key) ?? { ...f, key: purposeKey(f.purpose), cents: 0 };
    g.cents += f.cents;
    grouped.set(key, g);
  }
  const links = [...grouped.values()];
  const total = links.reduce((s, l) => s + l.cents, 0);
  if (total === 0) return chartFigure(ctx, { id, kind: 'sankey', title: input.title, caption: input.caption, svg: null, table: input.table, placement: 'visible' });

  const sources = FUNDING_SOURCES.map((s) => ({ key: s, label: input.sourceName(s), cents: links.filter((l) => l.source === s).reduce((a, l) => a + l.cents, 0), colour: SOURCE_COLOURS[s] })).filter((n) => n.cents > 0);
  const purposes = [...kept].map((p) => ({ key: p, label: p, cents: byPurpose.get(p)!, colour: REFERENCE_COLOUR })).sort((a, b) => b.cents - a.cents || a.label.localeCompare(b.label));
  const rest = links.filter((l) => l.key === '\u0000other').reduce((a, l) => a + l.cents, 0);
  if (rest > 0) purposes.push({ key: '\u0000other', label: input.otherPurposes, cents: rest, colour: REFERENCE_COLOUR });
  const top = 16;
  const scale = BANDS / total;
  const left = stack(sources, scale, top);
  const right = stack(purposes, scale, top);
  const bottom = (nodes: Node[]) => { const last = nodes[nodes.length - 1]!; return last.y + Math.max(last.h, SLOT); };
  const height = Math.ceil(Math.max(bottom(left), bottom(right)) + top);
  const x0 = LABEL + BAR;
  const x1 = WIDTH - LABEL - BAR;
  const mid = (x0 + x1) / 2;
  const outOffset = new Map(left.map((n) => [n.key, n.y]));
  const inOffset = new Map(right.map((n) => [n.key, n.y]));
  const bands = FUNDING_SOURCES.flatMap((s) => right.map((p) => links.find((l) => l.source === s && l.key === p.key)).filter((l): l is SankeyFlow & { key: string } => l !== undefined)).map((l) => {
    const h = l.cents * scale;
    const ya = outOffset.get(l.source)!;
    const yb = inOffset.get(l.key)!;
    outOffset.set(l.source, ya + h);
    inOffset.set(l.key, yb + h);
    const d = `M${coord(x0)},${coord(ya)}C${coord(mid)},${coord(ya)} ${coord(mid)},${coord(yb)} ${coord(x1)},${coord(yb)}L${coord(x1)},${coord(yb + h)}C${coord(mid)},${coord(yb + h)} ${coord(mid)},${coord(ya + h)} ${coord(x0)},${coord(ya + h)}Z`;
    return html`<path d="${d}" fill="${SOURCE_COLOURS[l.source]}" fill-opacity="0.4" stroke="${SOURCE_COLOURS[l.source]}" stroke-opacity="0.8" stroke-width="0.5"/>`;
  });
  const label = (n: Node, side: 'left' | 'right') => {
    const x = side === 'left' ? LABEL - 6 : WIDTH - LABEL + 6;
    const anchor = side === 'left' ? 'end' : 'start';
    const cy = n.y + n.h / 2;
    return html`<text x="${coord(x)}" y="${coord(cy - 2)}" text-anchor="${anchor}" fill="${TEXT_COLOUR}">${fitText(n.label, LABEL - 10)}</text>
<text x="${coord(x)}" y="${coord(cy + 12)}" text-anchor="${anchor}" fill="${MUTED_COLOUR}" font-size="11">${roundEuros(ctx.t, ctx.locale, n.cents)}</text>`;
  };
  const svg = svgImage({
    id, kind: 'sankey', width: WIDTH, height, title: input.title, description: input.description,
    body: html`<g>${bands}</g>
<g>${left.map((n) => html`<rect x="${LABEL}" y="${coord(n.y)}" width="${BAR}" height="${coord(n.h)}" fill="${n.colour}"/>`)}${right.map((n) => html`<rect x="${coord(x1)}" y="${coord(n.y)}" width="${BAR}" height="${coord(n.h)}" fill="${n.colour}"/>`)}</g>
<g>${left.map((n) => label(n, 'left'))}${right.map((n) => label(n, 'right'))}</g>`,
  });
  return chartFigure(ctx, { id, kind: 'sankey', title: input.title, caption: input.caption, svg, table: input.table, placement: 'visible' });
}
