import { compareIds } from '../graph/ids.js';
import type { GraphNode } from '../graph/model.js';
import { importCycles } from '../graph/import-cycles.js';
import type { RelationshipFields } from './line-fields.js';
import type { SymbolRef } from './model.js';

type Via = 'CALLS' | 'IMPORTS';

/** A growable list of small integers. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

const CALLS = 0;
const IMPORTS = 1;

/**
 * What a diff keeps of the head graph while it streams by: each node's line (parsed only when the
 * diff names the node), and the CALLS and IMPORTS as pairs of node numbers, for the callers of a
 * node, the impact walk and the import cycles of both sides. Only numbers are kept of the
 * relationship lines, so the file's text is not held. Base-only ends get numbers past the head's.
 */
export class HeadEdges {
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly lines: string[] = [];
  private headNodes = -1;
  private readonly from = new IntList();
  private readonly to = new IntList();
  private readonly via = new IntList();
  private callerCounts = new Int32Array(0);
  private readonly headImports = new IntList();
  private readonly baseImports = new IntList();

  /** Head nodes, in id order, all before the first relationship. */
  addNode(id: string, line: string): void {
    this.index.set(id, this.ids.length);
    this.ids.push(id);
    this.lines.push(line);
  }

  /** The head node with this id, parsed from its line; undefined when the head has none. */
  node(id: string): GraphNode | undefined {
    const i = this.index.get(id);
    return i === undefined || i >= this.nodeCount() ? undefined : (JSON.parse(this.lines[i]!) as GraphNode);
  }

  addEdge(rel: RelationshipFields, side: 'both' | 'head' | 'base'): void {
    const kind = rel.type === 'CALLS' ? CALLS : rel.type === 'IMPORTS' ? IMPORTS : -1;
    if (kind < 0) return;
    const n = this.nodeCount();
    const source = this.number(rel.source);
    const target = this.number(rel.target);
    if (side !== 'base' && source < n && target < n) {
      this.from.push(source);
      this.to.push(target);
      this.via.push(kind);
      if (kind === CALLS) this.callerCounts[target]!++;
    }
    if (kind === IMPORTS) {
      if (side !== 'base') this.pair(this.headImports, source, target);
      if (side !== 'head') this.pair(this.baseImports, source, target);
    }
  }

  /** Distinct callers of a node in the head graph (one CALLS per caller and callee). */
  callers(id: string): number {
    const i = this.index.get(id);
    return i === undefined || i >= this.nodeCount() ? 0 : this.callerCounts[i]!;
  }

  /** Import cycles (sets of files) only in the head (created) and only in the base (broken), as sorted paths. */
  cycleChanges(refOf: (id: string) => SymbolRef): { created: string[][]; broken: string[][] } {
    const cyclesOf = (pairs: IntList): Map<string, string[]> => {
      const list: { source: string; target: string }[] = [];
      for (let k = 0; k < pairs.length; k += 2) list.push({ source: this.ids[pairs.data[k]!]!, target: this.ids[pairs.data[k + 1]!]! });
      const cycles = importCycles(list).map((members) => members.map((id) => refOf(id).file ?? id).sort(compareIds));
      return new Map(cycles.map((c) => [c.join('\n'), c]));
    };
    const before = cyclesOf(this.baseImports);
    const after = cyclesOf(this.headImports);
    return {
      created: [...after].filter(([key]) => !before.has(key)).map(([, c]) => c),
      broken: [...before].filter(([key]) => !after.has(key)).map(([, c]) => c),
    };
  }

  /**
   * Everything that reaches the seeds through CALLS (callers) or IMPORTS (importers), up to `depth`
   * steps, breadth first: each node at its shortest distance, nearest first, then by id.
   */
  impact(seedIds: readonly string[], depth: number): { seeds: number; affected: { id: string; distance: number; via: Via }[] } {
    const n = this.nodeCount();
    // Reverse adjacency in compressed rows: for each node, the edges that end at it.
    const start = new Int32Array(n + 1);
    for (let e = 0; e < this.to.length; e++) start[this.to.data[e]! + 1]!++;
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, n);
    const edgeAt = new Int32Array(this.to.length);
    for (let e = 0; e < this.to.length; e++) edgeAt[fill[this.to.data[e]!]!++] = e;

    const distance = new Int32Array(n).fill(-1);
    let frontier: number[] = [];
    for (const id of seedIds) {
      const i = this.index.get(id);
      if (i !== undefined && i < n && distance[i] === -1) {
        distance[i] = 0;
        frontier.push(i);
      }
    }
    const seeds = frontier.length;
    const affected: { id: string; distance: number; via: Via }[] = [];
    for (let d = 1; d <= depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const node of frontier) {
        for (let k = start[node]!; k < start[node + 1]!; k++) {
          const e = edgeAt[k]!;
          const caller = this.from.data[e]!;
          if (distance[caller] !== -1) continue;
          distance[caller] = d;
          next.push(caller);
          affected.push({ id: this.ids[caller]!, distance: d, via: this.via.data[e] === CALLS ? 'CALLS' : 'IMPORTS' });
        }
      }
      frontier = next;
    }
    affected.sort((a, b) => a.distance - b.distance || compareIds(a.id, b.id));
    return { seeds, affected };
  }

  /** The head's node count, fixed when the first relationship arrives. */
  private nodeCount(): number {
    if (this.headNodes < 0) {
      this.headNodes = this.ids.length;
      this.callerCounts = new Int32Array(this.headNodes);
    }
    return this.headNodes;
  }

  private number(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      // An end the head does not have (a base-only file of a removed import): numbered past the head's nodes.
      i = this.ids.length;
      this.index.set(id, i);
      this.ids.push(id);
      this.lines.push('');
    }
    return i;
  }

  private pair(list: IntList, source: number, target: number): void {
    list.push(source);
    list.push(target);
  }
}
