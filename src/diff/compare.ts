import { compareIds, fileId } from '../graph/ids.js';
import type { GraphNode, GraphRelationship } from '../graph/model.js';
import { LineCursor, type LineBatch } from './cursor.js';
import { HeadEdges } from './head-edges.js';
import { callsOrImports, itemId, relationshipFields } from './line-fields.js';
import { DIFFED_TYPES, type DiffedType, type EdgeRef, type FanInChange, type GraphDiff, type MovedSymbol, type SymbolRef } from './model.js';
import { isDefinition, symbolRef } from './symbols.js';
import { compareUnresolved, type UnresolvedSide } from './unresolved.js';

/** One side of a diff: its graph.json as item lines in id order (storage/graph-lines.ts reads them). */
export interface DiffInput {
  /** What the diff calls this side (the output folder or the revision). */
  readonly label: string;
  readonly root: string;
  readonly batches: AsyncIterable<LineBatch>;
  readonly unresolved?: UnresolvedSide;
}

export interface DiffOptions {
  /** How many steps of callers and importers the impact follows. */
  readonly depth: number;
  /** Fan-in changes kept, biggest first. */
  readonly top: number;
}

/**
 * What changed from `base` to `head`, by id: ids hold no lines, so a shift is a move, not a change.
 * Both graph.json files are merged line by line in id order; only lines that differ are parsed, so
 * two indexes of a large repository that differ in a few files diff in about the time it takes
 * to read them.
 */
export async function diffGraphs(base: DiffInput, head: DiffInput, options: DiffOptions): Promise<GraphDiff> {
  const b = new LineCursor(base.batches[Symbol.asyncIterator]());
  const h = new LineCursor(head.batches[Symbol.asyncIterator]());
  const edges = new HeadEdges();
  const removedNodes = new Map<string, GraphNode>();
  const files = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  const definitions = { added: [] as SymbolRef[], removed: [] as SymbolRef[], moved: [] as MovedSymbol[] };

  await merge(b, h, 'nodes', itemId, {
    same(line, id) {
      edges.addNode(id, line);
    },
    changed(baseLine, headLine, id) {
      edges.addNode(id, headLine);
      const [old, now] = [parseNode(baseLine), parseNode(headLine)];
      if (now.label === 'File') {
        if (old.properties['hash'] !== now.properties['hash'] || old.properties['size'] !== now.properties['size']) files.changed.push(String(now.properties['filePath']));
      } else if (isDefinition(now) && (old.properties['startLine'] !== now.properties['startLine'] || old.properties['endLine'] !== now.properties['endLine'])) {
        definitions.moved.push(moved(old, now));
      }
    },
    added(line, id) {
      edges.addNode(id, line);
      const node = parseNode(line);
      if (node.label === 'File') files.added.push(String(node.properties['filePath']));
      else if (isDefinition(node)) definitions.added.push(symbolRef(node));
    },
    removed(line, id) {
      const node = parseNode(line);
      removedNodes.set(id, node);
      if (node.label === 'File') files.removed.push(String(node.properties['filePath']));
      else if (isDefinition(node)) definitions.removed.push(symbolRef(node));
    },
  });
  const nodeCounts = [b.count, h.count];

  const added: GraphRelationship[] = [];
  const removed: GraphRelationship[] = [];
  await merge(b, h, 'relationships', itemId, {
    same(line, id) {
      if (callsOrImports(line, id)) edges.addEdge(relationshipFields(line), 'both');
    },
    changed(_baseLine, headLine) {
      // Same id, so the same ends: a property (a call site's line, a count) changed, not the edge.
      edges.addEdge(relationshipFields(headLine), 'both');
    },
    added(line) {
      const rel = relationshipFields(line);
      edges.addEdge(rel, 'head');
      if (isDiffed(rel.type)) added.push(JSON.parse(line) as GraphRelationship);
    },
    removed(line) {
      const rel = relationshipFields(line);
      edges.addEdge(rel, 'base');
      if (isDiffed(rel.type)) removed.push(JSON.parse(line) as GraphRelationship);
    },
  });

  const refOf = (id: string): SymbolRef => {
    const node = edges.node(id) ?? removedNodes.get(id);
    return node ? symbolRef(node) : { id, label: 'File', name: id };
  };
  const relationships = Object.fromEntries(DIFFED_TYPES.map((t) => [t, { added: [] as EdgeRef[], removed: [] as EdgeRef[] }])) as Record<DiffedType, { added: EdgeRef[]; removed: EdgeRef[] }>;
  for (const rel of added) relationships[rel.type as DiffedType].added.push(edgeRef(rel, refOf));
  for (const rel of removed) relationships[rel.type as DiffedType].removed.push(edgeRef(rel, refOf));

  const importsChanged = relationships.IMPORTS.added.length + relationships.IMPORTS.removed.length > 0;
  const cycles = importsChanged ? edges.cycleChanges(refOf) : { created: [], broken: [] };
  const fanIn = fanInChanges(relationships.CALLS, edges, refOf, options.top);
  const unresolvedImports = compareUnresolved(base.unresolved, head.unresolved);
  const seeds = seedsOf(files, definitions, relationships);
  const reached = edges.impact(seeds, options.depth);
  const impact = { depth: options.depth, changed: reached.seeds, affected: reached.affected.map(({ id, distance, via }) => ({ ...refOf(id), distance, via })) };

  const unchanged =
    files.added.length + files.removed.length + files.changed.length === 0 &&
    definitions.added.length + definitions.removed.length + definitions.moved.length === 0 &&
    added.length + removed.length === 0 &&
    unresolvedImports.added.length + unresolvedImports.fixed.length === 0;

  return {
    base: { label: base.label, root: base.root, nodes: nodeCounts[0]!, relationships: b.count - nodeCounts[0]! },
    head: { label: head.label, root: head.root, nodes: nodeCounts[1]!, relationships: h.count - nodeCounts[1]! },
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

interface MergeHandlers {
  same(line: string, id: string): void;
  changed(baseLine: string, headLine: string, id: string): void;
  added(line: string, id: string): void;
  removed(line: string, id: string): void;
}

/** Walks one section of both files in id order, handing each id to the handler of its case. */
async function merge(b: LineCursor, h: LineCursor, section: LineBatch['section'], idOf: (line: string) => string, on: MergeHandlers): Promise<void> {
  let baseId: string | undefined;
  let headId: string | undefined;
  for (;;) {
    let hasBase = b.ready(section);
    if (hasBase !== true && hasBase !== false) hasBase = await hasBase;
    let hasHead = h.ready(section);
    if (hasHead !== true && hasHead !== false) hasHead = await hasHead;
    if (!hasBase && !hasHead) return;
    const baseLine = hasBase ? b.peek() : undefined;
    const headLine = hasHead ? h.peek() : undefined;
    baseId ??= baseLine !== undefined ? idOf(baseLine) : undefined;
    headId ??= headLine !== undefined ? idOf(headLine) : undefined;
    const order = baseId === undefined ? 1 : headId === undefined ? -1 : compareIds(baseId, headId);
    if (order === 0) {
      if (baseLine === headLine) on.same(headLine!, headId!);
      else on.changed(baseLine!, headLine!, headId!);
      b.advance();
      h.advance();
      baseId = headId = undefined;
    } else if (order < 0) {
      on.removed(baseLine!, baseId!);
      b.advance();
      baseId = undefined;
    } else {
      on.added(headLine!, headId!);
      h.advance();
      headId = undefined;
    }
  }
}

function parseNode(line: string): GraphNode {
  return JSON.parse(line) as GraphNode;
}

function isDiffed(type: string): type is DiffedType {
  return (DIFFED_TYPES as readonly string[]).includes(type);
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

function edgeRef(rel: GraphRelationship, refOf: (id: string) => SymbolRef): EdgeRef {
  const line = rel.properties['line'];
  return { type: rel.type as DiffedType, source: refOf(rel.source), target: refOf(rel.target), ...(typeof line === 'number' ? { line } : {}) };
}

/** Callers before and after of every callee of an added or removed CALLS; the biggest change first. */
function fanInChanges(calls: { added: EdgeRef[]; removed: EdgeRef[] }, edges: HeadEdges, refOf: (id: string) => SymbolRef, top: number): FanInChange[] {
  const delta = new Map<string, number>();
  for (const e of calls.added) delta.set(e.target.id, (delta.get(e.target.id) ?? 0) + 1);
  for (const e of calls.removed) delta.set(e.target.id, (delta.get(e.target.id) ?? 0) - 1);
  const changes: FanInChange[] = [];
  for (const [id, d] of delta) {
    if (d === 0) continue;
    const after = edges.callers(id);
    changes.push({ symbol: refOf(id), before: after - d, after });
  }
  const size = (c: FanInChange): number => Math.abs(c.after - c.before);
  return changes.sort((x, y) => size(y) - size(x) || compareIds(x.symbol.id, y.symbol.id)).slice(0, top);
}

/** Where the change is: new or edited definitions, changed files, and the sources of changed relationships. */
function seedsOf(
  files: { added: string[]; changed: string[] },
  definitions: { added: SymbolRef[]; moved: MovedSymbol[] },
  relationships: Record<DiffedType, { added: EdgeRef[]; removed: EdgeRef[] }>,
): string[] {
  const seeds: string[] = [];
  for (const f of [...files.added, ...files.changed]) seeds.push(fileId(f));
  for (const d of definitions.added) seeds.push(d.id);
  for (const d of definitions.moved) if (d.resized) seeds.push(d.id);
  for (const type of DIFFED_TYPES) for (const e of [...relationships[type].added, ...relationships[type].removed]) seeds.push(e.source.id);
  return seeds;
}

