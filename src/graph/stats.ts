import type { CodeGraph, GraphNode, GraphRelationship } from './model.js';

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
  /** Sets of files that import each other (strongly connected), each sorted; largest first. */
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
    importCycles: importCycles(imports).map((cycle) => cycle.map(fileName)),
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
export function importCycles(imports: readonly GraphRelationship[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const rel of imports) {
    let out = edges.get(rel.source);
    if (!out) edges.set(rel.source, (out = []));
    out.push(rel.target);
  }
  const selfLoops = new Set(imports.filter((r) => r.source === r.target).map((r) => r.source));
  // Tarjan's algorithm without recursion (import graphs of large repos are deep).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of [...edges.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || selfLoops.has(frame.node)) components.push(component);
      }
    }
  }
  return components.map((c) => c.sort()).sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
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
