import { compareIds, fileId } from '../graph/ids.js';
import type { CodeGraph, GraphNode, GraphRelationship } from '../graph/model.js';
import { importCycles } from '../graph/stats.js';
import { impactOf } from './impact.js';
import { indexNodes, isDefinition, symbolRef } from './symbols.js';
import { DIFFED_TYPES, type DiffedType, type EdgeRef, type FanInChange, type GraphDiff, type MovedSymbol, type SymbolRef } from './model.js';
import { compareUnresolved, type UnresolvedSide } from './unresolved.js';

export interface DiffInput {
  readonly graph: CodeGraph;
  /** What the diff calls this side (the output folder or the revision). */
  readonly label: string;
  readonly unresolved?: UnresolvedSide;
}

export interface DiffOptions {
  /** How many steps of callers and importers the impact follows. */
  readonly depth: number;
  /** Fan-in changes kept, biggest first. */
  readonly top: number;
}

/** What changed from `base` to `head`, by id: ids do not hold lines, so a shift is a move, not a change. */
export function diffGraphs(base: DiffInput, head: DiffInput, options: DiffOptions): GraphDiff {
  const before = indexNodes(base.graph);
  const after = indexNodes(head.graph);
  const ref = (node: GraphNode): SymbolRef => symbolRef(node);

  const files = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  const definitions = { added: [] as SymbolRef[], removed: [] as SymbolRef[], moved: [] as MovedSymbol[] };
  for (const node of head.graph.nodes) {
    const old = before.get(node.id);
    if (node.label === 'File') {
      const file = String(node.properties['filePath']);
      if (!old) files.added.push(file);
      else if (old.properties['hash'] !== node.properties['hash'] || old.properties['size'] !== node.properties['size']) files.changed.push(file);
    } else if (isDefinition(node)) {
      if (!old) definitions.added.push(ref(node));
      else if (old.properties['startLine'] !== node.properties['startLine'] || old.properties['endLine'] !== node.properties['endLine']) {
        definitions.moved.push(moved(old, node));
      }
    }
  }
  for (const node of base.graph.nodes) {
    if (after.has(node.id)) continue;
    if (node.label === 'File') files.removed.push(String(node.properties['filePath']));
    else if (isDefinition(node)) definitions.removed.push(ref(node));
  }

  const relationships = Object.fromEntries(DIFFED_TYPES.map((t) => [t, { added: [] as EdgeRef[], removed: [] as EdgeRef[] }])) as Record<DiffedType, { added: EdgeRef[]; removed: EdgeRef[] }>;
  const baseEdges = new Map<string, GraphRelationship & { type: DiffedType }>();
  for (const rel of base.graph.relationships) if (isDiffed(rel)) baseEdges.set(rel.id, rel);
  const headEdgeIds = new Set<string>();
  for (const rel of head.graph.relationships) {
    if (!isDiffed(rel)) continue;
    headEdgeIds.add(rel.id);
    if (!baseEdges.has(rel.id)) relationships[rel.type].added.push(edgeRef(rel, after));
  }
  for (const [id, rel] of baseEdges) if (!headEdgeIds.has(id)) relationships[rel.type].removed.push(edgeRef(rel, before));

  const cycles = compareCycles(base.graph, head.graph);
  const fanIn = fanInChanges(base.graph, head.graph, before, after, options.top);
  const unresolvedImports = compareUnresolved(base.unresolved, head.unresolved);
  const impact = impactOf(head.graph, after, seedsOf(files, definitions, relationships, after), options.depth);

  const unchanged =
    files.added.length + files.removed.length + files.changed.length === 0 &&
    definitions.added.length + definitions.removed.length + definitions.moved.length === 0 &&
    DIFFED_TYPES.every((t) => relationships[t].added.length + relationships[t].removed.length === 0) &&
    cycles.created.length + cycles.broken.length === 0 &&
    unresolvedImports.added.length + unresolvedImports.fixed.length === 0;

  return {
    base: side(base),
    head: side(head),
    unchanged,
    files: { added: files.added.sort(compareIds), removed: files.removed.sort(compareIds), changed: files.changed.sort(compareIds) },
    definitions,
    relationships,
    fanIn,
    cycles,
    unresolvedImports,
    impact,
  };
}

function isDiffed(rel: GraphRelationship): rel is GraphRelationship & { type: DiffedType } {
  return (DIFFED_TYPES as readonly string[]).includes(rel.type);
}

function moved(old: GraphNode, node: GraphNode): MovedSymbol {
  const span = (n: GraphNode): number => Number(n.properties['endLine'] ?? 0) - Number(n.properties['startLine'] ?? 0);
  const startLine = old.properties['startLine'];
  const endLine = old.properties['endLine'];
  return {
    ...symbolRef(node),
    before: { ...(typeof startLine === 'number' ? { startLine } : {}), ...(typeof endLine === 'number' ? { endLine } : {}) },
    resized: span(old) !== span(node),
  };
}

function edgeRef(rel: GraphRelationship & { type: DiffedType }, nodes: ReadonlyMap<string, GraphNode>): EdgeRef {
  const end = (id: string): SymbolRef => {
    const node = nodes.get(id);
    return node ? symbolRef(node) : { id, label: 'File', name: id };
  };
  const line = rel.properties['line'];
  return { type: rel.type, source: end(rel.source), target: end(rel.target), ...(typeof line === 'number' ? { line } : {}) };
}

function compareCycles(base: CodeGraph, head: CodeGraph): GraphDiff['cycles'] {
  const cyclesOf = (graph: CodeGraph): Map<string, string[]> => {
    const files = new Map<string, string>();
    for (const node of graph.nodes) if (node.label === 'File') files.set(node.id, String(node.properties['filePath']));
    const imports = graph.relationships.filter((r) => r.type === 'IMPORTS');
    return new Map(importCycles(imports).map((ids) => ids.map((id) => files.get(id) ?? id).sort(compareIds)).map((c) => [c.join('\n'), c]));
  };
  const before = cyclesOf(base);
  const after = cyclesOf(head);
  return {
    created: [...after].filter(([key]) => !before.has(key)).map(([, c]) => c),
    broken: [...before].filter(([key]) => !after.has(key)).map(([, c]) => c),
  };
}

function fanInChanges(base: CodeGraph, head: CodeGraph, before: ReadonlyMap<string, GraphNode>, after: ReadonlyMap<string, GraphNode>, top: number): FanInChange[] {
  const callers = (graph: CodeGraph): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const rel of graph.relationships) if (rel.type === 'CALLS') counts.set(rel.target, (counts.get(rel.target) ?? 0) + 1);
    return counts;
  };
  const was = callers(base);
  const now = callers(head);
  const changes: FanInChange[] = [];
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(id) ?? 0;
    const a = now.get(id) ?? 0;
    const node = after.get(id) ?? before.get(id);
    if (a !== b && node) changes.push({ symbol: symbolRef(node), before: b, after: a });
  }
  const size = (c: FanInChange): number => Math.abs(c.after - c.before);
  return changes.sort((x, y) => size(y) - size(x) || compareIds(x.symbol.id, y.symbol.id)).slice(0, top);
}

/** Where the change is in the head graph: new or edited definitions, changed files, and the sources of changed relationships. */
function seedsOf(
  files: { added: string[]; changed: string[] },
  definitions: { added: SymbolRef[]; moved: MovedSymbol[] },
  relationships: Record<DiffedType, { added: EdgeRef[]; removed: EdgeRef[] }>,
  after: ReadonlyMap<string, GraphNode>,
): Set<string> {
  const seeds = new Set<string>();
  for (const f of [...files.added, ...files.changed]) seeds.add(fileId(f));
  for (const d of definitions.added) seeds.add(d.id);
  for (const d of definitions.moved) if (d.resized) seeds.add(d.id);
  for (const type of DIFFED_TYPES) {
    for (const e of [...relationships[type].added, ...relationships[type].removed]) seeds.add(e.source.id);
  }
  for (const id of seeds) if (!after.has(id)) seeds.delete(id);
  return seeds;
}

function side(input: DiffInput): GraphDiff['base'] {
  return { label: input.label, root: input.graph.root, nodes: input.graph.nodes.length, relationships: input.graph.relationships.length };
}

