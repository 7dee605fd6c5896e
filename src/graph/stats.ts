import type { CodeGraph, GraphNode, GraphRelationship } from './model.js';
import { compareIds } from './ids.js';

export interface RankedFile {
  readonly file: string;
  readonly value: number;
}

export interface CalledSymbol {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly file?: string;
  /** Distinct callers (CALLS relationships in). */
  readonly callers: number;
  /** Call sites over all callers. */
  readonly callSites: number;
}

export interface ClassHierarchy {
  readonly id: string;
  readonly name: string;
  readonly file?: string;
  /** Number of `extends` steps above the class. */
  readonly depth: number;
  /** Names from the class up to its topmost known base. */
  readonly chain: readonly string[];
}

export interface GraphStats {
  readonly nodes: number;
  readonly relationships: number;
  readonly byLabel: Readonly<Record<string, number>>;
  readonly byType: Readonly<Record<string, number>>;
  readonly filesByLanguage: Readonly<Record<string, number>>;
  /** IMPORTS relationships (file to file) per import kind; one relationship may have several kinds. */
  readonly importsByKind: Readonly<Record<string, number>>;
  /** CALLS relationships and their call sites per resolution stage. */
  readonly callsByStage: Readonly<Record<string, { readonly relationships: number; readonly callSites: number }>>;
  readonly top: {
    readonly filesByLines: readonly RankedFile[];
    /** Files importing this file. */
    readonly filesByFanIn: readonly RankedFile[];
    /** Files this file imports. */
    readonly filesByFanOut: readonly RankedFile[];
    readonly mostCalled: readonly CalledSymbol[];
    readonly deepestClasses: readonly ClassHierarchy[];
  };
  /** How many sets of files import each other (strongly connected components). */
  readonly importCycleCount: number;
  /** The `top` largest of them, each a sorted list of files. */
  readonly importCycles: readonly (readonly string[])[];
}

/** Counts and rankings over a whole graph. Pure; ties are broken by id so the result is stable. */
export function computeGraphStats(graph: CodeGraph, top: number): GraphStats {
  const byId = new Map<string, GraphNode>();
  const byLabel: Record<string, number> = {};
  const filesByLanguage: Record<string, number> = {};
  for (const node of graph.nodes) {
    byId.set(node.id, node);
    increment(byLabel, node.label);
    if (node.label === 'File') increment(filesByLanguage, String(node.properties['language'] ?? 'unknown'));
  }

  const byType: Record<string, number> = {};
  const importsByKind: Record<string, number> = {};
  const callsByStage: Record<string, { relationships: number; callSites: number }> = {};
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  const called = new Map<string, { callers: number; callSites: number }>();
  const imports: GraphRelationship[] = [];
  const parents = new Map<string, string>();
  for (const rel of graph.relationships) {
    increment(byType, rel.type);
    if (rel.type === 'IMPORTS') {
      imports.push(rel);
      fanOut.set(rel.source, (fanOut.get(rel.source) ?? 0) + 1);
      fanIn.set(rel.target, (fanIn.get(rel.target) ?? 0) + 1);
      for (const kind of asList(rel.properties['kinds'])) increment(importsByKind, kind);
    } else if (rel.type === 'CALLS') {
      const sites = Number(rel.properties['callSites'] ?? 1);
      const stage = (callsByStage[String(rel.properties['stage'] ?? 'unknown')] ??= { relationships: 0, callSites: 0 });
      stage.relationships += 1;
      stage.callSites += sites;
      const target = byId.get(rel.target);
      if (target && (target.label === 'Function' || target.label === 'Method')) {
        const entry = called.get(rel.target) ?? { callers: 0, callSites: 0 };
        entry.callers += 1;
        entry.callSites += sites;
        called.set(rel.target, entry);
      }
    } else if (rel.type === 'INHERITS' && byId.get(rel.source)?.label === 'Class') {
      // A class extends one base; keep the first (smallest id) if the graph says more.
      if (!parents.has(rel.source)) parents.set(rel.source, rel.target);
    }
  }

  const cycles = importCycles(imports);
  const fileName = (id: string): string => String(byId.get(id)?.properties['filePath'] ?? id);
  const files = graph.nodes.filter((n) => n.label === 'File');
  const rankFiles = (value: (file: GraphNode) => number): RankedFile[] =>
    rank(
      files.map((f) => ({ file: fileName(f.id), value: value(f) })).filter((r) => r.value > 0),
      (r) => r.value,
      (r) => r.file,
      top,
    );

  const mostCalled = rank(
    [...called.entries()].map(([id, c]) => symbol(byId.get(id)!, c)),
    (s) => [s.callers, s.callSites],
    (s) => s.id,
    top,
  );

  return {
    nodes: graph.nodes.length,
    relationships: graph.relationships.length,
    byLabel,
    byType,
    filesByLanguage,
    importsByKind,
    callsByStage,
    top: {
      filesByLines: rankFiles((f) => Number(f.properties['lines'] ?? 0)),
      filesByFanIn: rankFiles((f) => fanIn.get(f.id) ?? 0),
      filesByFanOut: rankFiles((f) => fanOut.get(f.id) ?? 0),
      mostCalled,
      deepestClasses: deepestClasses(graph.nodes, parents, top),
    },
    importCycleCount: cycles.length,
    importCycles: cycles.slice(0, top).map((cycle) => cycle.map(fileName).sort()),
  };
}

function symbol(node: GraphNode, counts: { callers: number; callSites: number }): CalledSymbol {
  const file = node.properties['filePath'];
  const owner = node.properties['owner'];
  const name = String(node.properties['name'] ?? node.id);
  return {
    id: node.id,
    label: node.label,
    name: typeof owner === 'string' ? `${owner}.${name}` : name,
    ...(typeof file === 'string' ? { file } : {}),
    ...counts,
  };
}

function deepestClasses(nodes: readonly GraphNode[], parents: ReadonlyMap<string, string>, top: number): ClassHierarchy[] {
  const names = new Map(nodes.map((n) => [n.id, String(n.properties['name'] ?? n.id)]));
  const result: ClassHierarchy[] = [];
  for (const node of nodes) {
    if (node.label !== 'Class' || !parents.has(node.id)) continue;
    const chain = [node.id];
    const seen = new Set(chain);
    for (let p = parents.get(node.id); p !== undefined && !seen.has(p); p = parents.get(p)) {
      chain.push(p);
      seen.add(p);
    }
    const file = node.properties['filePath'];
    result.push({
      id: node.id,
      name: names.get(node.id)!,
      ...(typeof file === 'string' ? { file } : {}),
      depth: chain.length - 1,
      chain: chain.map((id) => names.get(id) ?? id),
    });
  }
  return rank(result, (c) => c.depth, (c) => c.id, top);
}

/** Strongly connected components of the import graph with more than one file, or a self-import. */
export function importCycles(imports: readonly { readonly source: string; readonly target: string }[]): string[][] {
  // Files become small integers so the walk runs on typed arrays: import graphs can be large and deep.
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const number = (id: string): number => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = names.push(id) - 1;
      numbers.set(id, n);
    }
    return n;
  };
  const adjacency: number[][] = [];
  const selfLoops = new Set<number>();
  for (const rel of imports) {
    const from = number(rel.source);
    const to = number(rel.target);
    (adjacency[from] ??= []).push(to);
    if (from === to) selfLoops.add(from);
  }
  const count = names.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  // Tarjan's algorithm with an explicit work stack of (node, next edge) instead of recursion.
  const workNode = new Int32Array(count);
  const workNext = new Int32Array(count);
  const components: string[][] = [];
  let counter = 0;
  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    let depth = 0;
    const enter = (node: number): void => {
      index[node] = low[node] = counter++;
      stack.push(node);
      onStack[node] = 1;
      workNode[depth] = node;
      workNext[depth++] = 0;
    };
    enter(start);
    while (depth > 0) {
      const node = workNode[depth - 1]!;
      const targets = adjacency[node];
      if (targets && workNext[depth - 1]! < targets.length) {
        const target = targets[workNext[depth - 1]!++]!;
        if (index[target] === -1) enter(target);
        else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      depth -= 1;
      if (depth > 0) {
        const parent = workNode[depth - 1]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] !== index[node]) continue;
      const component: string[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(names[member]!);
      } while (member !== node);
      if (component.length > 1 || selfLoops.has(node)) components.push(component.sort());
    }
  }
  return components.sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
}

/** The `top` items with the highest value (compared element by element), ties by key ascending. */
function rank<T>(items: T[], value: (item: T) => number | readonly number[], key: (item: T) => string, top: number): T[] {
  const byValue = (a: T, b: T): number => {
    const va = [value(a)].flat();
    const vb = [value(b)].flat();
    for (let i = 0; i < va.length; i++) if (va[i] !== vb[i]) return vb[i]! - va[i]!;
    return 0;
  };
  return items.sort((a, b) => byValue(a, b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, top);
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
