/**
 * Paths into a Sankey graph: nodes keyed `"<step>_<item>"` (so the graph is a DAG even when a
 * journey comes back to a page), edges weighted by paths or profiles, and the drop-off at each node.
 * @module
 */
import type { SessionPath } from './cut-paths.ts';
import type { PathsDefinition } from './definition.ts';

/** One node: an item at a step (1 = a path's first step). */
export interface PathNode {
  key: string;
  step: number;
  item: string;
  /** Paths (or profiles) that reached this node. */
  count: number;
  /** Paths (or profiles) whose path ends at this node. */
  dropOff: number;
}

/** One edge between the nodes of two consecutive steps. */
export interface PathEdge {
  source: string;
  target: string;
  /** Paths (or profiles) that took this edge. */
  count: number;
  /** Mean time from the source step to the target step, over the paths that took the edge. */
  averageSeconds: number;
}

/** A Sankey of paths. */
export interface PathsResult {
  /** What `count`, `dropOff` and `total` count: paths (one per session) or distinct profiles. */
  countedIn: 'paths' | 'profiles';
  /** Paths (or profiles) in the analysis. */
  total: number;
  /** The nodes the kept edges join (and the start node, when there is one), by step then weight. */
  nodes: PathNode[];
  /** The heaviest edges, at most `edgeLimit`, heaviest first. */
  edges: PathEdge[];
}

/** An edge as the SQL returns it, before keys are built. */
export interface EdgeTally {
  step: number;
  item: string;
  next: string;
  count: number;
  averageMs: number;
}

/** A node as the SQL returns it. */
export interface NodeTally {
  step: number;
  item: string;
  count: number;
  dropOff: number;
}

/** The key of a node: its step and item. */
export const nodeKey = (step: number, item: string): string => `${step}_${item}`;

/**
 * Tallies cut paths into the Sankey: every node and edge weighted, the `edgeLimit` heaviest edges
 * kept (ties by step, then source and target item), and the nodes those edges join.
 */
export function pathsSankey(paths: readonly SessionPath[], definition: PathsDefinition): PathsResult {
  const byProfiles = definition.count === 'profiles';
  const nodes = new Map<string, { step: number; item: string; who: Set<string>; ends: Set<string> }>();
  const edges = new Map<
    string,
    { step: number; item: string; next: string; who: Set<string>; gaps: number[] }
  >();
  paths.forEach((path, index) => {
    const who = byProfiles ? path.profileId : String(index);
    path.items.forEach((item, i) => {
      const key = nodeKey(i + 1, item);
      const node = nodes.get(key) ?? { step: i + 1, item, who: new Set(), ends: new Set() };
      nodes.set(key, node);
      node.who.add(who);
      const next = path.items[i + 1];
      if (next === undefined) {
        node.ends.add(who);
        return;
      }
      const edgeKey = JSON.stringify([i + 1, item, next]);
      const edge = edges.get(edgeKey) ?? { step: i + 1, item, next, who: new Set(), gaps: [] };
      edges.set(edgeKey, edge);
      edge.who.add(who);
      edge.gaps.push((path.times[i + 1] as number) - (path.times[i] as number));
    });
  });
  const kept = limitEdges(
    [...edges.values()].map((e) => ({
      step: e.step,
      item: e.item,
      next: e.next,
      count: e.who.size,
      averageMs: e.gaps.reduce((a, b) => a + b, 0) / e.gaps.length,
    })),
    definition.edgeLimit,
  );
  const wanted = joinedNodes(kept, definition.start);
  const total = byProfiles ? new Set(paths.map((p) => p.profileId)).size : paths.length;
  return assemblePaths(
    kept,
    [...nodes.values()]
      .filter((n) => wanted.has(nodeKey(n.step, n.item)))
      .map((n) => ({ step: n.step, item: n.item, count: n.who.size, dropOff: n.ends.size })),
    total,
    definition.count,
  );
}

/**
 * Builds the result from tallies (the pure engine's or the SQL's rows): node keys, seconds, and a
 * stable order.
 */
export function assemblePaths(
  edges: readonly EdgeTally[],
  nodes: readonly NodeTally[],
  total: number,
  countedIn: 'paths' | 'profiles',
): PathsResult {
  return {
    countedIn,
    total,
    nodes: [...nodes]
      .sort((a, b) => a.step - b.step || b.count - a.count || compare(a.item, b.item))
      .map((n) => ({ key: nodeKey(n.step, n.item), ...n })),
    edges: [...edges].sort(byWeight).map((e) => ({
      source: nodeKey(e.step, e.item),
      target: nodeKey(e.step + 1, e.next),
      count: e.count,
      averageSeconds: e.averageMs / 1000,
    })),
  };
}

function limitEdges(edges: EdgeTally[], limit: number): EdgeTally[] {
  return edges.sort(byWeight).slice(0, limit);
}

function joinedNodes(edges: readonly EdgeTally[], start: string | null): Set<string> {
  const keys = new Set(edges.flatMap((e) => [nodeKey(e.step, e.item), nodeKey(e.step + 1, e.next)]));
  if (start !== null) keys.add(nodeKey(1, start));
  return keys;
}

function byWeight(a: EdgeTally, b: EdgeTally): number {
  return b.count - a.count || a.step - b.step || compare(a.item, b.item) || compare(a.next, b.next);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
