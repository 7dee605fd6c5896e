import type { NodeLabel, RelationshipType } from '../graph/model.js';

/** A node as a diff shows it: its id, and where it is. */
export interface SymbolRef {
  readonly id: string;
  readonly label: NodeLabel;
  /** The scope path for a definition (`Cart.total`), the path for a file. */
  readonly name: string;
  readonly file?: string;
  readonly startLine?: number;
  readonly endLine?: number;
}

/** A definition whose id is unchanged but whose lines are not: moved, not removed and added. */
export interface MovedSymbol extends SymbolRef {
  readonly before: { readonly startLine?: number; readonly endLine?: number };
  /** Its line count changed too, so its body was edited (a plain shift keeps the count). */
  readonly resized: boolean;
}

export interface EdgeRef {
  readonly type: DiffedType;
  readonly source: SymbolRef;
  readonly target: SymbolRef;
  /** Line of the first call site or import, when the relationship has one. */
  readonly line?: number;
}

export const DIFFED_TYPES = ['CALLS', 'IMPORTS', 'INHERITS', 'IMPLEMENTS'] as const satisfies readonly RelationshipType[];
export type DiffedType = (typeof DIFFED_TYPES)[number];

export interface FanInChange {
  readonly symbol: SymbolRef;
  /** Distinct callers before and after. */
  readonly before: number;
  readonly after: number;
}

export interface UnresolvedImport {
  readonly file: string;
  readonly specifier: string;
  readonly line?: number;
  readonly message: string;
}

export interface ImpactedSymbol extends SymbolRef {
  /** Steps from the nearest changed node: 1 = a direct caller or importer. */
  readonly distance: number;
  /** How it is reached from the change: it calls (CALLS) or imports (IMPORTS) something changed. */
  readonly via: 'CALLS' | 'IMPORTS';
}

export interface GraphDiff {
  readonly base: GraphSide;
  readonly head: GraphSide;
  /** Nothing in the sections below: the two graphs describe the same code. */
  readonly unchanged: boolean;
  readonly files: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly definitions: { readonly added: readonly SymbolRef[]; readonly removed: readonly SymbolRef[]; readonly moved: readonly MovedSymbol[] };
  readonly relationships: Readonly<Record<DiffedType, { readonly added: readonly EdgeRef[]; readonly removed: readonly EdgeRef[] }>>;
  /** Symbols whose number of distinct callers changed, the biggest change first. */
  readonly fanIn: readonly FanInChange[];
  /** Import cycles (sets of files that import each other), each as sorted file paths. */
  readonly cycles: { readonly created: readonly (readonly string[])[]; readonly broken: readonly (readonly string[])[] };
  /**
   * Imports that stopped resolving, and ones that resolve again, from each run's report.json;
   * `known: false` when a side has no report or its list of diagnostics was cut short.
   */
  readonly unresolvedImports: { readonly known: boolean; readonly added: readonly UnresolvedImport[]; readonly fixed: readonly UnresolvedImport[] };
  readonly impact: {
    readonly depth: number;
    /** Nodes of the head graph the change starts from (definitions and files changed). */
    readonly changed: number;
    /** Callers and importers of the change, transitively up to `depth`, nearest first. */
    readonly affected: readonly ImpactedSymbol[];
  };
}

export interface GraphSide {
  readonly label: string;
  readonly root: string;
  readonly nodes: number;
  readonly relationships: number;
}
