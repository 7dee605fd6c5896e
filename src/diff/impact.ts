import { compareIds } from '../graph/ids.js';
import type { CodeGraph, GraphNode } from '../graph/model.js';
import type { GraphDiff, ImpactedSymbol } from './model.js';
import { symbolRef } from './symbols.js';

/**
 * Everything that reaches the changed nodes through CALLS (its callers) or IMPORTS (its
 * importers), transitively up to `depth` steps, in the head graph: breadth first, so each node is
 * listed at its shortest distance.
 */
export function impactOf(graph: CodeGraph, nodes: ReadonlyMap<string, GraphNode>, seeds: ReadonlySet<string>, depth: number): GraphDiff['impact'] {
  const reverse = new Map<string, { from: string; via: 'CALLS' | 'IMPORTS' }[]>();
  for (const rel of graph.relationships) {
    if (rel.type !== 'CALLS' && rel.type !== 'IMPORTS') continue;
    let list = reverse.get(rel.target);
    if (!list) reverse.set(rel.target, (list = []));
    list.push({ from: rel.source, via: rel.type });
  }
  const reached = new Map<string, { distance: number; via: 'CALLS' | 'IMPORTS' }>();
  let frontier = [...seeds];
  for (let distance = 1; distance <= depth && frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const { from, via } of reverse.get(id) ?? []) {
        if (seeds.has(from) || reached.has(from)) continue;
        reached.set(from, { distance, via });
        next.push(from);
      }
    }
    frontier = next;
  }
  const affected: ImpactedSymbol[] = [];
  for (const [id, { distance, via }] of reached) {
    const node = nodes.get(id);
    if (node) affected.push({ ...symbolRef(node), distance, via });
  }
  affected.sort((a, b) => a.distance - b.distance || compareIds(a.id, b.id));
  return { depth, changed: seeds.size, affected };
}
