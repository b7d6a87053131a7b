import type { NetworkMetrics } from './network.js';

/**
 * A deterministic drawing of an area's network, computed on the server (no script, the same picture
 * for everyone and on paper): clusters sit around a circle, largest first (two clusters side by side,
 * more clockwise from the top); the actors of a cluster sit on a small circle of their own, the best
 * connected first, each label outside its circle; isolated actors stand in a row below, apart, so
 * being alone is visible at a glance.
 */
export interface Placed {
  id: string;
  x: number;
  y: number;
  /** Where the label goes and how it is anchored (outside the cluster's circle). */
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
}

export interface Layout {
  width: number;
  height: number;
  nodes: Placed[];
}

const MIN_WIDTH = 800;
const ROW_HEIGHT = 56;
const PER_ROW = 6;
const MARGIN = 40;
/** Room for a label beside the outermost actors. */
const LABEL_ROOM = 140;

const round = (v: number) => Math.round(v * 10) / 10;

function labelAt(cx: number, cy: number, radius: number, angle: number): Placed['label'] {
  if (radius === 0) return { x: round(cx), y: round(cy + 22), anchor: 'middle' };
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const x = cx + (radius + 12) * cos;
  const y = cy + (radius + 12) * sin;
  if (cos > 0.35) return { x: round(x), y: round(y + 4), anchor: 'start' };
  if (cos < -0.35) return { x: round(x), y: round(y + 4), anchor: 'end' };
  return { x: round(x), y: round(sin < 0 ? y - 2 : y + 10), anchor: 'middle' };
}

export function layoutNetwork(m: NetworkMetrics): Layout {
  const groups = m.clusters.map((cluster) => cluster.slice().sort((a, b) => m.degree[m.nodes.indexOf(b)]! - m.degree[m.nodes.indexOf(a)]!));
  const k = groups.length;
  const radiusOf = (n: number) => (n === 1 ? 0 : k > 1 ? Math.min(110, 16 + 12 * n) : Math.min(200, 16 + 14 * n));
  const maxRadius = Math.max(0, ...groups.map((g) => radiusOf(g.length)));
  // Far enough apart that the labels between two clusters never meet.
  const ring = k > 1 ? maxRadius + LABEL_ROOM + 20 : 0;
  const sideBySide = k === 2;
  const spanX = ring + maxRadius;
  const spanY = sideBySide ? maxRadius : ring + maxRadius;
  const width = Math.max(MIN_WIDTH, Math.ceil(2 * (spanX + LABEL_ROOM)));
  const networkHeight = k ? Math.ceil(2 * spanY + 2 * MARGIN) : 0;
  const isolatedRows = Math.ceil(m.isolated.length / PER_ROW);
  const height = Math.max(120, networkHeight + isolatedRows * ROW_HEIGHT + (isolatedRows ? MARGIN : 0));
  const cx = width / 2;
  const cy = networkHeight / 2;
  const placed: Placed[] = [];
  groups.forEach((group, g) => {
    const angle = sideBySide ? Math.PI * (1 - g) : -Math.PI / 2 + (2 * Math.PI * g) / k;
    const gx = cx + ring * Math.cos(angle);
    const gy = cy + (sideBySide ? 0 : ring * Math.sin(angle));
    const radius = radiusOf(group.length);
    group.forEach((id, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / group.length;
      placed.push({ id, x: round(gx + radius * Math.cos(a)), y: round(gy + radius * Math.sin(a)), label: labelAt(gx, gy, radius, a) });
    });
  });
  const step = (width - 2 * LABEL_ROOM) / (PER_ROW - 1);
  m.isolated.forEach((id, i) => {
    const x = round(LABEL_ROOM + (i % PER_ROW) * step);
    const y = round(networkHeight + MARGIN + Math.floor(i / PER_ROW) * ROW_HEIGHT);
    placed.push({ id, x, y, label: { x, y: round(y + 22), anchor: 'middle' } });
  });
  return { width, height, nodes: placed };
}
