/**
 * Network metrics of an ecosystem: pure functions, no I/O. One module computes them all, so pages,
 * the API, the explanation and the benchmark agree on what "broker" or "cluster" means.
 *
 * The network is undirected and unweighted: a relation "A funds B" and "B supports A" both make one
 * tie between A and B (several relations between the same two actors are one tie; a relation of an
 * actor with itself is ignored). Definitions:
 *
 * - **degree**: the number of other actors an actor has a tie with.
 * - **betweenness** (Brandes 2001, for unweighted undirected graphs): for every pair of other actors,
 *   the share of their shortest paths that pass through this actor, summed. Normalised as networkx
 *   does by default (`betweenness_centrality(G, normalized=True)`): the sum over ordered pairs divided
 *   by (n − 1)(n − 2), with n all actors of the network (isolated ones included), so it lies in [0, 1]
 *   and a star's centre scores 1. With n ≤ 2 every value is 0.
 * - **components**: maximal sets of actors connected by ties; an **isolated** actor has no ties.
 * - **clusters**: communities found by the Louvain method (Blondel et al. 2008), maximising modularity,
 *   made deterministic: nodes are visited in the order given, a node moves only for a strictly larger
 *   gain, and of equal gains the community met first in its list of ties wins. Isolated actors are in no
 *   cluster. Clusters are numbered largest first (ties: the one holding the earliest node first).
 * - **brokers**: the articulation points (cut vertices) — actors whose removal splits their component
 *   into more components, so that some actors would no longer reach each other (Hopcroft–Tarjan).
 *   Sorted by betweenness, highest first.
 * - **bridging actors**: actors that are not brokers but have ties into at least two clusters (their own
 *   counted): without them the clusters would still be connected, but less closely.
 */
export interface NetworkInput {
  /** Node ids; duplicates are ignored (the first one counts). */
  nodes: readonly string[];
  /** Ties between node ids; ties naming an unknown node are ignored. */
  edges: ReadonlyArray<readonly [string, string]>;
}

export interface NetworkMetrics {
  /** The node ids, in the order given (duplicates removed); every array below follows this order. */
  nodes: string[];
  degree: number[];
  /** Normalised betweenness centrality, see above. */
  betweenness: number[];
  /** Index into `components` per node. */
  component: number[];
  /** Largest first; within one, in the order given. */
  components: string[][];
  isolated: string[];
  /** Index into `clusters` per node; −1 for an isolated node. */
  cluster: number[];
  /** Largest first; within one, in the order given. */
  clusters: string[][];
  /** Articulation points, highest betweenness first. */
  brokers: string[];
  /** Actors with ties into two or more clusters that are not brokers, highest betweenness first. */
  bridging: string[];
  /** Modularity of the clusters (0 without ties). */
  modularity: number;
  /** The number of distinct ties. */
  ties: number;
}

/** Compressed adjacency: the neighbours of node i are `targets[offsets[i] .. offsets[i + 1])`. */
export interface Adjacency {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
}

/** The graph as index-based adjacency lists (no self-loops, no parallel ties), with the node order kept. */
export function adjacencyOf(input: NetworkInput): { nodes: string[]; adjacency: Adjacency; ties: number } {
  const index = new Map<string, number>();
  const nodes: string[] = [];
  for (const id of input.nodes) {
    if (index.has(id)) continue;
    index.set(id, nodes.length);
    nodes.push(id);
  }
  const n = nodes.length;
  const seen = new Set<number>();
  const from: number[] = [];
  const to: number[] = [];
  const count = new Int32Array(n + 1);
  for (const [a, b] of input.edges) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    const key = i < j ? i * n + j : j * n + i;
    if (seen.has(key)) continue;
    seen.add(key);
    from.push(i);
    to.push(j);
    count[i]!++;
    count[j]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + count[i]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  for (let e = 0; e < from.length; e++) {
    const i = from[e]!;
    const j = to[e]!;
    targets[fill[i]!++] = j;
    targets[fill[j]!++] = i;
  }
  return { nodes, adjacency: { n, offsets, targets }, ties: from.length };
}

/** Betweenness centrality (Brandes), normalised as networkx does by default. */
export function betweennessOf(g: Adjacency): Float64Array {
  const { n, offsets, targets } = g;
  const result = new Float64Array(n);
  const order = new Int32Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    if (offsets[s + 1] === offsets[s]) continue;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head++]!;
      const next = dist[v]! + 1;
      const paths = sigma[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        const dw = dist[w]!;
        if (dw < 0) {
          dist[w] = next;
          order[tail++] = w;
          sigma[w] = paths;
        } else if (dw === next) {
          sigma[w]! += paths;
        }
      }
    }
    // In reverse order of distance, each node collects the dependency of the nodes one step further.
    for (let k = tail - 1; k > 0; k--) {
      const v = order[k]!;
      const next = dist[v]! + 1;
      let sum = 0;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        if (dist[w] === next) sum += (1 + delta[w]!) / sigma[w]!;
      }
      delta[v] = sum * sigma[v]!;
      result[v]! += delta[v]!;
    }
    for (let k = 0; k < tail; k++) {
      const v = order[k]!;
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  for (let i = 0; i < n; i++) result[i]! *= scale;
  return result;
}

/** Connected components: the component index per node, components numbered in order of their first node. */
export function componentsOf(g: Adjacency): Int32Array {
  const { n, offsets, targets } = g;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (component[s]! >= 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    component[s] = next;
    while (head < tail) {
      const v = queue[head++]!;
      for (let e = offsets[v]!; e < offsets[v + 1]!; e++) {
        const w = targets[e]!;
        if (component[w]! < 0) {
          component[w] = next;
          queue[tail++] = w;
        }
      }
    }
    next++;
  }
  return component;
}

/** Articulation points (iterative depth-first search with low-links, so deep graphs need no deep stack). */
export function articulationPointsOf(g: Adjacency): boolean[] {
  const { n, offsets, targets } = g;
  const discovered = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const cursor = new Int32Array(n);
  const stack = new Int32Array(n);
  const cut = new Array<boolean>(n).fill(false);
  let time = 0;
  for (let root = 0; root < n; root++) {
    if (discovered[root]! >= 0) continue;
    let top = 0;
    stack[top++] = root;
    discovered[root] = low[root] = time++;
    cursor[root] = offsets[root]!;
    let rootChildren = 0;
    while (top > 0) {
      const v = stack[top - 1]!;
      if (cursor[v]! < offsets[v + 1]!) {
        const w = targets[cursor[v]!++]!;
        if (discovered[w]! < 0) {
          parent[w] = v;
          discovered[w] = low[w] = time++;
          cursor[w] = offsets[w]!;
          stack[top++] = w;
          if (v === root) rootChildren++;
        } else if (w !== parent[v]) {
          low[v] = Math.min(low[v]!, discovered[w]!);
        }
      } else {
        top--;
        const p = parent[v]!;
        if (p >= 0) {
          low[p] = Math.min(low[p]!, low[v]!);
          if (p !== root && low[v]! >= discovered[p]!) cut[p] = true;
        }
      }
    }
    if (rootChildren > 1) cut[root] = true;
  }
  return cut;
}

/** A weighted graph for Louvain's levels: neighbours with weights, and the weight of each node's loop. */
interface WeightedGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  loops: Float64Array;
}

/** One Louvain level: local moves in a fixed order until no node moves. The community per node. */
function localMoves(g: WeightedGraph): { community: Int32Array; moved: boolean } {
  const { n, offsets, targets, weights, loops } = g;
  const strength = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 2 * loops[i]!;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) s += weights[e]!;
    strength[i] = s;
    total += s;
  }
  const community = new Int32Array(n);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    community[i] = i;
    tot[i] = strength[i]!;
  }
  if (total === 0) return { community, moved: false };
  const linkTo = new Float64Array(n);
  const touched = new Int32Array(n);
  let moved = false;
  for (let pass = 0; pass < 1000; pass++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      const own = community[i]!;
      const k = strength[i]!;
      let count = 0;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const c = community[targets[e]!]!;
        if (linkTo[c] === 0 && c !== own) touched[count++] = c;
        linkTo[c]! += weights[e]!;
      }
      tot[own]! -= k;
      // Gain of joining community c, up to terms equal for every c: w(i, c) − tot(c)·k / 2m.
      let best = own;
      let bestGain = linkTo[own]! - (tot[own]! * k) / total;
      for (let t = 0; t < count; t++) {
        const c = touched[t]!;
        const gain = linkTo[c]! - (tot[c]! * k) / total;
        if (gain > bestGain + 1e-12) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best]! += k;
      linkTo[own] = 0;
      for (let t = 0; t < count; t++) linkTo[touched[t]!] = 0;
      if (best !== own) {
        community[i] = best;
        changed = true;
        moved = true;
      }
    }
    if (!changed) break;
  }
  return { community, moved };
}

/** The communities of one level become the nodes of the next (numbered in order of their first node). */
function aggregate(g: WeightedGraph, community: Int32Array): { graph: WeightedGraph; renumbered: Int32Array } {
  const renumber = new Int32Array(g.n).fill(-1);
  let count = 0;
  const renumbered = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) {
    const c = community[i]!;
    if (renumber[c]! < 0) renumber[c] = count++;
    renumbered[i] = renumber[c]!;
  }
  const loops = new Float64Array(count);
  const links: Array<Map<number, number>> = Array.from({ length: count }, () => new Map());
  for (let i = 0; i < g.n; i++) {
    const ci = renumbered[i]!;
    loops[ci]! += g.loops[i]!;
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) {
      const cj = renumbered[g.targets[e]!]!;
      // Each tie is seen from both ends: inside a community it adds half its weight twice to the loop.
      if (ci === cj) loops[ci]! += g.weights[e]! / 2;
      else links[ci]!.set(cj, (links[ci]!.get(cj) ?? 0) + g.weights[e]!);
    }
  }
  const offsets = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) offsets[c + 1] = offsets[c]! + links[c]!.size;
  const targets = new Int32Array(offsets[count]!);
  const weights = new Float64Array(offsets[count]!);
  for (let c = 0; c < count; c++) {
    let e = offsets[c]!;
    for (const [d, w] of links[c]!) {
      targets[e] = d;
      weights[e++] = w;
    }
  }
  return { graph: { n: count, offsets, targets, weights, loops }, renumbered };
}

/** Louvain communities (deterministic, see the module comment): a community index per node. */
export function louvainOf(g: Adjacency): Int32Array {
  let graph: WeightedGraph = { n: g.n, offsets: g.offsets, targets: g.targets, weights: new Float64Array(g.targets.length).fill(1), loops: new Float64Array(g.n) };
  const membership = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) membership[i] = i;
  for (let level = 0; level < 100; level++) {
    const { community, moved } = localMoves(graph);
    if (!moved) break;
    const { graph: next, renumbered } = aggregate(graph, community);
    for (let i = 0; i < g.n; i++) membership[i] = renumbered[membership[i]!]!;
    graph = next;
  }
  return membership;
}

/** Newman's modularity of a division of the graph into communities (0 for a graph without ties). */
export function modularityOf(g: Adjacency, community: ArrayLike<number>): number {
  const m2 = g.targets.length;
  if (m2 === 0) return 0;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (let i = 0; i < g.n; i++) {
    const c = community[i]!;
    degree.set(c, (degree.get(c) ?? 0) + g.offsets[i + 1]! - g.offsets[i]!);
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) if (community[g.targets[e]!] === c) inside.set(c, (inside.get(c) ?? 0) + 1);
  }
  let q = 0;
  for (const [c, d] of degree) q += (inside.get(c) ?? 0) / m2 - (d / m2) ** 2;
  return q;
}

/** Groups of node indices by a label per node (labels < 0 left out), largest first, then by first node. */
function groupsOf(labels: ArrayLike<number>, n: number): number[][] {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (label < 0) continue;
    const group = byLabel.get(label);
    if (group) group.push(i);
    else byLabel.set(label, [i]);
  }
  return [...byLabel.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** Every metric of the network at once. */
export function networkMetrics(input: NetworkInput): NetworkMetrics {
  const { nodes, adjacency: g, ties } = adjacencyOf(input);
  const n = g.n;
  const degree = Array.from({ length: n }, (_, i) => g.offsets[i + 1]! - g.offsets[i]!);
  const betweenness = Array.from(betweennessOf(g));
  const componentGroups = groupsOf(componentsOf(g), n);
  const component = new Array<number>(n);
  componentGroups.forEach((group, c) => { for (const i of group) component[i] = c; });
  const louvain = louvainOf(g);
  for (let i = 0; i < n; i++) if (degree[i] === 0) louvain[i] = -1;
  const clusterGroups = groupsOf(louvain, n);
  const cluster = new Array<number>(n).fill(-1);
  clusterGroups.forEach((group, c) => { for (const i of group) cluster[i] = c; });
  const cut = articulationPointsOf(g);
  const byBetweenness = (a: number, b: number) => betweenness[b]! - betweenness[a]! || a - b;
  const brokers = nodes.map((_, i) => i).filter((i) => cut[i]).sort(byBetweenness);
  const bridging = nodes.map((_, i) => i).filter((i) => {
    if (cut[i]) return false;
    const reached = new Set<number>([cluster[i]!]);
    for (let e = g.offsets[i]!; e < g.offsets[i + 1]!; e++) reached.add(cluster[g.targets[e]!]!);
    return reached.size >= 2;
  }).sort(byBetweenness);
  return {
    nodes, degree, betweenness, component,
    components: componentGroups.map((group) => group.map((i) => nodes[i]!)),
    isolated: nodes.filter((_, i) => degree[i] === 0),
    cluster, clusters: clusterGroups.map((group) => group.map((i) => nodes[i]!)),
    brokers: brokers.map((i) => nodes[i]!), bridging: bridging.map((i) => nodes[i]!),
    modularity: modularityOf(g, cluster.map((c, i) => (c < 0 ? -1 - i : c))),
    ties,
  };
}

/** The simplest full pass over the same graph (one breadth-first search from every component's first node): the benchmark's baseline. */
export function breadthFirstBaseline(input: NetworkInput): number {
  const { adjacency } = adjacencyOf(input);
  const component = componentsOf(adjacency);
  return component.length === 0 ? 0 : component[component.length - 1]! + 1;
}
