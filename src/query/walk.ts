import { compareText } from './lookup.js';
import type { Hop } from './store.js';

/** A node a walk reached: its distance from the start and the relationship it was first reached by. */
export interface Reached {
  readonly distance: number;
  /** From the smallest-id node one step nearer the start, so both stores pick the same one. */
  readonly via: Hop;
}

/** One step of a walk: the hops from every node of the frontier. */
export type Step = (frontier: readonly string[]) => Promise<Hop[]>;

/**
 * Breadth-first, a level at a time, from `seeds` (distance 0, never reported) up to `maxDepth`.
 * Each node is reached once, at its shortest distance, so cycles end the walk instead of feeding it.
 */
export async function walk(seeds: readonly string[], step: Step, maxDepth: number): Promise<Map<string, Reached>> {
  const seen = new Set(seeds);
  const reached = new Map<string, Reached>();
  let frontier = [...seen].sort(compareText);
  for (let distance = 1; distance <= maxDepth && frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const hop of sortHops(await step(frontier))) {
      if (seen.has(hop.to)) continue;
      seen.add(hop.to);
      reached.set(hop.to, { distance, via: hop });
      next.push(hop.to);
    }
    frontier = next.sort(compareText);
  }
  return reached;
}

/**
 * A shortest chain of hops from any of `sources` to any of `targets`, or undefined. Of several
 * equally short chains, the one whose node ids come first in order, node by node from the start:
 * a choice both stores make alike.
 */
export async function shortestPath(sources: readonly string[], targets: readonly string[], step: Step): Promise<Hop[] | undefined> {
  const goal = new Set(targets);
  const start = [...new Set(sources)].sort(compareText);
  if (start.some((s) => goal.has(s))) return [];
  const seen = new Set(start);
  // Every hop from one level to a node first seen at the next: the graph of all shortest chains.
  const into = new Map<string, Hop[]>();
  let frontier = start;
  let found: string[] = [];
  while (frontier.length > 0 && found.length === 0) {
    const fresh = new Set<string>();
    for (const hop of await step(frontier)) {
      if (seen.has(hop.to) && !fresh.has(hop.to)) continue;
      fresh.add(hop.to);
      const list = into.get(hop.to);
      if (list) list.push(hop);
      else into.set(hop.to, [hop]);
    }
    for (const n of fresh) seen.add(n);
    frontier = [...fresh].sort(compareText);
    found = frontier.filter((n) => goal.has(n));
  }
  if (found.length === 0) return undefined;
  // Nodes that lie on some shortest chain to a goal, then the first such chain, greedily from the start.
  const onChain = new Set(found);
  const pending = [...found];
  while (pending.length > 0) {
    for (const hop of into.get(pending.pop()!) ?? []) {
      if (!onChain.has(hop.from)) {
        onChain.add(hop.from);
        pending.push(hop.from);
      }
    }
  }
  const out = new Map<string, Hop[]>();
  for (const hops of into.values()) for (const hop of hops) if (onChain.has(hop.to)) out.set(hop.from, [...(out.get(hop.from) ?? []), hop]);
  const chain: Hop[] = [];
  let at = start.find((s) => onChain.has(s))!;
  while (!goal.has(at)) {
    const hop = sortHops(out.get(at) ?? [])[0]!;
    chain.push(hop);
    at = hop.to;
  }
  return chain;
}

/** By target, then source, then type: the order that makes "first" the same in both stores. */
function sortHops(hops: Hop[]): Hop[] {
  return hops.sort((a, b) => compareText(a.to, b.to) || compareText(a.from, b.from) || compareText(a.type, b.type));
}
