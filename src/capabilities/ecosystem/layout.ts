import type { NetworkMetrics } from './network.js';

/**
 * A deterministic drawing of an area's network, computed on the server (no script, the same picture
 * for everyone and on paper): clusters sit around a circle, largest first, clockwise from the top;
 * the actors of a cluster sit on a small circle of their own, the best connected first; isolated
 * actors stand in a row below, apart, so being alone is visible at a glance.
 */
export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Placed[];
}

export const LAYOUT_WIDTH = 720;
const ROW_HEIGHT = 56;
const PER_ROW = 6;

export function layoutNetwork(m: NetworkMetrics): Layout {
  const isolatedRows = Math.ceil(m.isolated.length / PER_ROW);
  const groups = m.clusters.map((cluster) => cluster.slice().sort((a, b) => m.degree[m.nodes.indexOf(b)]! - m.degree[m.nodes.indexOf(a)]!));
  const networkHeight = groups.length ? 480 : 0;
  const height = Math.max(120, networkHeight + isolatedRows * ROW_HEIGHT + (isolatedRows ? 40 : 0));
  const cx = LAYOUT_WIDTH / 2;
  const cy = networkHeight / 2;
  const placed: Placed[] = [];
  const ring = groups.length > 1 ? 160 : 0;
  groups.forEach((group, g) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * g) / groups.length;
    const gx = cx + ring * Math.cos(angle);
    const gy = cy + ring * Math.sin(angle);
    const radius = group.length === 1 ? 0 : Math.min(groups.length > 1 ? 70 : 190, 18 + 11 * group.length);
    group.forEach((id, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / group.length;
      placed.push({ id, x: round(gx + radius * Math.cos(a)), y: round(gy + radius * Math.sin(a)) });
    });
  });
  m.isolated.forEach((id, i) => {
    const row = Math.floor(i / PER_ROW);
    const column = i % PER_ROW;
    placed.push({ id, x: round(60 + column * ((LAYOUT_WIDTH - 120) / (PER_ROW - 1))), y: round(networkHeight + 40 + row * ROW_HEIGHT) });
  });
  return { width: LAYOUT_WIDTH, height, nodes: placed };
}

const round = (v: number) => Math.round(v * 10) / 10;
