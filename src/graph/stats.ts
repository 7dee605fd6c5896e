import type { CodeGraph, GraphNode, Properties, RelationshipType } from './model.js';
import { importCycles } from './import-cycles.js';

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

/** A Function or Method as the most-called list names it. */
export interface SymbolSummary {
  readonly id: string;
  readonly label: string;
  /** `Owner.name` for a method with an owner. */
  readonly name: string;
  readonly file?: string;
}

/** Counts and rankings over a whole graph. Pure; ties are broken by id so the result is stable. */
export function computeGraphStats(graph: CodeGraph, top: number): GraphStats {
  const collector = new GraphStatsCollector();
  for (const node of graph.nodes) collector.node(node);
  for (const rel of graph.relationships) collector.relationship(rel.type, rel.source, rel.target, () => rel.properties);
  return collector.finish(top);
}

/**
 * The figures of computeGraphStats gathered without holding the graph: fed every node and then
 * every relationship one at a time (graph.json read as a stream), or partly as counts and sums a
 * database worked out (graph.kuzu). It keeps only what a figure needs: each File's path, lines
 * and language, each Class's name, the Functions and Methods (to name the most called), the
 * import edges (fan-in, fan-out, cycles), each class's first base and the calls per callee.
 */
export class GraphStatsCollector {
  private nodes = 0;
  private relationships = 0;
  private readonly byLabel: Record<string, number> = {};
  private readonly byType: Record<string, number> = {};
  private readonly filesByLanguage: Record<string, number> = {};
  private readonly importsByKind: Record<string, number> = {};
  private readonly callsByStage: Record<string, { relationships: number; callSites: number }> = {};
  // Each record holds its node's id: relationships name their ends with strings of their own (read
  // from graph.json's lines, slices of the text read), which are kept as the node's instead.
  private readonly files = new Map<string, { readonly id: string; readonly path: string; readonly lines: number }>();
  private readonly classes = new Map<string, { readonly id: string; readonly name: string; readonly file?: string }>();
  private readonly callables = new Map<string, SymbolSummary>();
  private readonly called = new Map<string, { readonly symbol: SymbolSummary; callers: number; callSites: number }>();
  private readonly imports: { readonly source: string; readonly target: string }[] = [];
  private readonly fanIn = new Map<string, number>();
  private readonly fanOut = new Map<string, number>();
  private readonly parents = new Map<string, string>();

  /** A node: counted, and kept as far as a figure needs it. Every node comes before any relationship. */
  node(node: GraphNode): void {
    this.countNodes(node.label, 1);
    this.keep(node);
  }

  /** What the figures need of a node counted by countNodes: File, Class, Function and Method nodes. */
  keep(node: GraphNode): void {
    const properties = node.properties;
    if (node.label === 'File') {
      this.files.set(node.id, { id: node.id, path: String(properties['filePath'] ?? node.id), lines: Number(properties['lines'] ?? 0) });
      increment(this.filesByLanguage, String(properties['language'] ?? 'unknown'));
    } else if (node.label === 'Class') {
      const file = properties['filePath'];
      this.classes.set(node.id, { id: node.id, name: String(properties['name'] ?? node.id), ...(typeof file === 'string' ? { file } : {}) });
    } else if (node.label === 'Function' || node.label === 'Method') {
      this.callables.set(node.id, summaryOf(node));
    }
  }

  countNodes(label: string, count: number): void {
    if (count <= 0) return;
    this.nodes += count;
    this.byLabel[label] = (this.byLabel[label] ?? 0) + count;
  }

  /**
   * A relationship, after every node: counted, and kept as far as a figure needs it. `properties`
   * is read only for IMPORTS and CALLS (a graph.json reader parses them only then).
   */
  relationship(type: RelationshipType, source: string, target: string, properties: () => Properties): void {
    this.countRelationships(type, 1);
    if (type === 'IMPORTS') {
      this.addImport(this.files.get(source)?.id ?? source, this.files.get(target)?.id ?? target, asList(properties()['kinds']));
    } else if (type === 'CALLS') {
      const read = properties();
      const sites = Number(read['callSites'] ?? 1);
      this.addCallStage(String(read['stage'] ?? 'unknown'), 1, sites);
      const symbol = this.callables.get(target);
      if (symbol) this.addCalled(symbol, 1, sites);
    } else if (type === 'INHERITS') {
      const base = this.classes.get(source);
      if (base) this.addBase(base.id, this.classes.get(target)?.id ?? target);
    }
  }

  countRelationships(type: string, count: number): void {
    if (count <= 0) return;
    this.relationships += count;
    this.byType[type] = (this.byType[type] ?? 0) + count;
  }

  /** An IMPORTS relationship (counted apart) between two files. */
  addImport(source: string, target: string, kinds: readonly string[]): void {
    this.imports.push({ source, target });
    this.fanOut.set(source, (this.fanOut.get(source) ?? 0) + 1);
    this.fanIn.set(target, (this.fanIn.get(target) ?? 0) + 1);
    for (const kind of kinds) increment(this.importsByKind, kind);
  }

  /** `relationships` CALLS relationships (counted apart) of one stage, with their call sites. */
  addCallStage(stage: string, relationships: number, callSites: number): void {
    const entry = (this.callsByStage[stage] ??= { relationships: 0, callSites: 0 });
    entry.relationships += relationships;
    entry.callSites += callSites;
  }

  /** Callers and call sites of a Function or Method. */
  addCalled(symbol: SymbolSummary, callers: number, callSites: number): void {
    const entry = this.called.get(symbol.id);
    if (entry) {
      entry.callers += callers;
      entry.callSites += callSites;
    } else {
      this.called.set(symbol.id, { symbol, callers, callSites });
    }
  }

  /** An INHERITS relationship from a Class: a class extends one base, so the first one given is kept. */
  addBase(source: string, target: string): void {
    if (!this.parents.has(source)) this.parents.set(source, target);
  }

  finish(top: number): GraphStats {
    const cycles = importCycles(this.imports);
    const fileName = (id: string): string => this.files.get(id)?.path ?? id;
    const rankFiles = (value: (id: string, lines: number) => number): RankedFile[] =>
      rank(
        [...this.files].map(([id, file]) => ({ file: file.path, value: value(id, file.lines) })).filter((r) => r.value > 0),
        (r) => r.value,
        (r) => r.file,
        top,
      );
    const mostCalled = rank(
      [...this.called.values()].map(({ symbol, callers, callSites }): CalledSymbol => ({ ...symbol, callers, callSites })),
      (s) => [s.callers, s.callSites],
      (s) => s.id,
      top,
    );
    return {
      nodes: this.nodes,
      relationships: this.relationships,
      byLabel: this.byLabel,
      byType: this.byType,
      filesByLanguage: this.filesByLanguage,
      importsByKind: this.importsByKind,
      callsByStage: this.callsByStage,
      top: {
        filesByLines: rankFiles((_, lines) => lines),
        filesByFanIn: rankFiles((id) => this.fanIn.get(id) ?? 0),
        filesByFanOut: rankFiles((id) => this.fanOut.get(id) ?? 0),
        mostCalled,
        deepestClasses: this.deepestClasses(top),
      },
      importCycleCount: cycles.length,
      importCycles: cycles.slice(0, top).map((cycle) => cycle.map(fileName).sort()),
    };
  }

  private deepestClasses(top: number): ClassHierarchy[] {
    const result: ClassHierarchy[] = [];
    const nameOf = (id: string): string => this.classes.get(id)?.name ?? id;
    for (const [id, node] of this.classes) {
      if (!this.parents.has(id)) continue;
      const chain = [id];
      const seen = new Set(chain);
      for (let p = this.parents.get(id); p !== undefined && !seen.has(p); p = this.parents.get(p)) {
        chain.push(p);
        seen.add(p);
      }
      result.push({ id, name: node.name, ...(node.file !== undefined ? { file: node.file } : {}), depth: chain.length - 1, chain: chain.map(nameOf) });
    }
    return rank(result, (c) => c.depth, (c) => c.id, top);
  }
}

/** A Function's or Method's summary from its properties. */
export function summaryOf(node: GraphNode): SymbolSummary {
  const file = node.properties['filePath'];
  const owner = node.properties['owner'];
  const name = String(node.properties['name'] ?? node.id);
  return {
    id: node.id,
    label: node.label,
    name: typeof owner === 'string' ? `${owner}.${name}` : name,
    ...(typeof file === 'string' ? { file } : {}),
  };
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
