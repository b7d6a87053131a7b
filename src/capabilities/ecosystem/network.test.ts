import { describe, expect, it } from 'vitest';
import { adjacencyOf, breadthFirstBaseline, modularityOf, networkMetrics, type NetworkInput } from './network.js';

/**
 * The network module against a reference implementation on known graphs. Reference values were
 * computed offline with networkx 3.6.1 (Python): `nx.betweenness_centrality(G)` (normalized=True, the
 * default), `nx.articulation_points(G)` and `nx.community.modularity(G, parts)`, rounded to 10 digits
 * and written here; nothing runs Python at test time.
 */

/** Zachary's karate club (Zachary 1977; `nx.karate_club_graph()`): 34 members, 78 ties, numbered 0–33. */
const KARATE_EDGES: Array<[number, number]> = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12], [0, 13], [0, 17], [0, 19], [0, 21], [0, 31],
  [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19], [1, 21], [1, 30], [2, 3], [2, 7], [2, 8], [2, 9], [2, 13], [2, 27], [2, 28], [2, 32],
  [3, 7], [3, 12], [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30], [8, 32], [8, 33], [9, 33], [13, 33], [14, 32],
  [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32], [20, 33], [22, 32], [22, 33], [23, 25], [23, 27], [23, 29],
  [23, 32], [23, 33], [24, 25], [24, 27], [24, 31], [25, 31], [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32], [29, 33],
  [30, 32], [30, 33], [31, 32], [31, 33], [32, 33],
];

/** networkx 3.6.1: `nx.betweenness_centrality(nx.karate_club_graph())`, node 0 to 33. */
const KARATE_BETWEENNESS = [
  0.4376352814, 0.0539366883, 0.1436568062, 0.0119092713, 0.0006313131, 0.0299873737, 0.0299873737, 0.0, 0.0559268278, 0.0008477633,
  0.0006313131, 0.0, 0.0, 0.0458633959, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0324750481, 0.0, 0.0, 0.0, 0.0176136364, 0.002209596, 0.0038404882,
  0.0, 0.0223334536, 0.001794733, 0.0029220779, 0.0144119769, 0.1382756133, 0.145247114, 0.3040749759,
];

/** The club each member joined after the split (networkx's `club` attribute: 0 Mr. Hi, 1 Officer). */
const KARATE_CLUB = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

const graph = (n: number, edges: Array<[number, number]>): NetworkInput => ({
  nodes: Array.from({ length: n }, (_, i) => String(i)),
  edges: edges.map(([a, b]) => [String(a), String(b)] as const),
});

const byNode = (m: ReturnType<typeof networkMetrics>, values: number[]) => Object.fromEntries(m.nodes.map((id, i) => [id, values[i]]));

function expectBetweenness(m: ReturnType<typeof networkMetrics>, expected: number[]): void {
  expect(m.betweenness).toHaveLength(expected.length);
  m.betweenness.forEach((value, i) => expect([i, value]).toEqual([i, expect.closeTo(expected[i]!, 9)]));
}

const clique = (nodes: number[]): Array<[number, number]> => nodes.flatMap((a, i) => nodes.slice(i + 1).map((b) => [a, b] as [number, number]));

describe('network metrics', () => {
  it("matches networkx's betweenness and articulation points on Zachary's karate club", () => {
    const m = networkMetrics(graph(34, KARATE_EDGES));
    expect(m.ties).toBe(78);
    expectBetweenness(m, KARATE_BETWEENNESS);
    expect(m.degree[0]).toBe(16);
    expect(m.degree[33]).toBe(17);
    expect(m.components).toHaveLength(1);
    expect(m.isolated).toEqual([]);
    // networkx: sorted(nx.articulation_points(G)) == [0] (member 11 hangs on member 0 alone).
    expect(m.brokers).toEqual(['0']);
  });

  it('finds clusters in the karate club at least as good as the real split, and scores a division as networkx does', () => {
    const m = networkMetrics(graph(34, KARATE_EDGES));
    const { adjacency } = adjacencyOf(graph(34, KARATE_EDGES));
    // networkx: nx.community.modularity(G, [Mr. Hi's club, the Officer's club], weight=None) = 0.3582347140039448
    // (unweighted: networkx's karate club carries interaction counts as weights, which ties here do not have)
    expect(modularityOf(adjacency, KARATE_CLUB)).toBeCloseTo(0.3582347140039448, 12);
    expect(m.modularity).toBeCloseTo(modularityOf(adjacency, m.cluster), 12);
    expect(m.modularity).toBeGreaterThan(0.3582347140039448);
    // networkx's own Louvain reaches at most 0.4198 over seeds 0–19 (louvain_communities(G, weight=None, seed=s)).
    expect(m.modularity).toBeGreaterThan(0.40);
    expect(m.modularity).toBeLessThanOrEqual(0.41978961209730437 + 1e-9);
    expect(m.clusters.length).toBeGreaterThanOrEqual(2);
    expect(m.clusters.flat().sort()).toEqual(m.nodes.slice().sort());
    // The two leaders never end up in one cluster.
    expect(m.cluster[0]).not.toBe(m.cluster[33]);
    // Deterministic: the same input gives the same clusters.
    expect(networkMetrics(graph(34, KARATE_EDGES)).cluster).toEqual(m.cluster);
  });

  it('computes a path graph: the inner nodes carry the paths and each is a broker', () => {
    const m = networkMetrics(graph(5, [[0, 1], [1, 2], [2, 3], [3, 4]]));
    // networkx: nx.betweenness_centrality(nx.path_graph(5))
    expectBetweenness(m, [0, 0.5, 0.6666666667, 0.5, 0]);
    expect(m.degree).toEqual([1, 2, 2, 2, 1]);
    expect(m.brokers).toEqual(['2', '1', '3']);
  });

  it('computes a star: the centre scores 1 and is the only broker', () => {
    const m = networkMetrics(graph(6, [[0, 1], [0, 2], [0, 3], [0, 4], [0, 5]]));
    // networkx: nx.betweenness_centrality(nx.star_graph(5))
    expectBetweenness(m, [1, 0, 0, 0, 0, 0]);
    expect(m.brokers).toEqual(['0']);
    expect(m.clusters).toEqual([['0', '1', '2', '3', '4', '5']]);
  });

  it('finds two cliques joined by a bridge as two clusters, with the bridge ends as the brokers', () => {
    const m = networkMetrics(graph(8, [...clique([0, 1, 2, 3]), ...clique([4, 5, 6, 7]), [3, 4]]));
    // networkx: two complete graphs K4 joined by the edge (3, 4)
    expectBetweenness(m, [0, 0, 0, 0.5714285714, 0.5714285714, 0, 0, 0]);
    expect(m.brokers.slice().sort()).toEqual(['3', '4']);
    expect(m.clusters).toEqual([['0', '1', '2', '3'], ['4', '5', '6', '7']]);
    // networkx: nx.community.modularity(G, [{0,1,2,3},{4,5,6,7}]) = 0.42307692307692313
    expect(m.modularity).toBeCloseTo(0.42307692307692313, 12);
    expect(m.bridging).toEqual([]);
  });

  it('has no brokers in a cycle, where every node carries the same share', () => {
    const m = networkMetrics(graph(6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0]]));
    // networkx: nx.betweenness_centrality(nx.cycle_graph(6))
    expectBetweenness(m, [0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(m.brokers).toEqual([]);
  });

  it('handles isolated nodes and several components, normalising over all nodes', () => {
    const m = networkMetrics(graph(7, [[0, 1], [1, 2], [5, 6]]));
    // networkx: a path 0-1-2, isolated 3 and 4, and the edge 5-6 (n = 7)
    expectBetweenness(m, [0, 0.0666666667, 0, 0, 0, 0, 0]);
    expect(m.isolated).toEqual(['3', '4']);
    expect(m.components).toEqual([['0', '1', '2'], ['5', '6'], ['3'], ['4']]);
    expect(byNode(m, m.cluster)).toMatchObject({ 3: -1, 4: -1 });
    expect(m.cluster[0]).toBe(m.cluster[2]);
    expect(m.cluster[5]).not.toBe(m.cluster[0]);
    expect(m.brokers).toEqual(['1']);
  });

  it('handles the empty graph, one node, two nodes, self-ties, repeated ties and unknown ends', () => {
    const empty = networkMetrics({ nodes: [], edges: [] });
    expect(empty).toMatchObject({ nodes: [], degree: [], betweenness: [], components: [], isolated: [], clusters: [], brokers: [], modularity: 0, ties: 0 });
    expect(networkMetrics({ nodes: ['a'], edges: [['a', 'a']] })).toMatchObject({ degree: [0], betweenness: [0], isolated: ['a'], clusters: [], ties: 0 });
    const pair = networkMetrics({ nodes: ['a', 'b', 'a'], edges: [['a', 'b'], ['b', 'a'], ['a', 'x']] });
    expect(pair).toMatchObject({ nodes: ['a', 'b'], degree: [1, 1], betweenness: [0, 0], ties: 1, brokers: [], clusters: [['a', 'b']] });
  });

  it('counts the components for the baseline', () => {
    expect(breadthFirstBaseline(graph(7, [[0, 1], [1, 2], [5, 6]]))).toBe(4);
    expect(breadthFirstBaseline({ nodes: [], edges: [] })).toBe(0);
  });
});
