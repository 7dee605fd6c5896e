import type { NodeLabel, RelationshipType } from '../graph/model.js';

export type StoreName = 'kuzu' | 'json';

/** A node as the questions show it: what a person needs to find it in the code. */
export interface QueryNode {
  /** The node's id, as graph.json has it. */
  readonly id: string;
  readonly label: NodeLabel;
  readonly name: string;
  /** The owning class, interface or object of a Method. */
  readonly owner?: string;
  readonly file?: string;
  readonly line?: number;
  /** A File's packages outside the repository. */
  readonly packages?: readonly string[];
}

/** One relationship seen from the node a walk stands on (`from`) to its neighbour (`to`). */
export interface Hop {
  readonly from: string;
  readonly to: string;
  readonly toLabel: NodeLabel;
  readonly type: RelationshipType;
  /** CALLS: the first call site; IMPORTS: the first import. */
  readonly line?: number;
  readonly callSites?: number;
  readonly stage?: string;
  readonly confidence?: number;
}

export type Direction = 'out' | 'in';

/** Which names a lookup wants: one exact name, or those a glob's regular expression matches whole. */
export type NameMatch = { readonly exact: string } | { readonly pattern: string };

/**
 * What a question needs from a store. graph.kuzu answers with Cypher, graph.json from an index
 * built as it is read; the walks over these answers are the questions' own and shared, so that a
 * difference between two answers is a difference between the stores' contents.
 */
export interface QueryStore {
  readonly name: StoreName;
  /** Where it reads from, for the note that says which store answered. */
  readonly path: string;
  /** The nodes with these ids; `labels`, when the caller knows them, are the only labels they can have. */
  nodesById(ids: readonly string[], labels?: readonly NodeLabel[]): Promise<QueryNode[]>;
  /** Nodes of these labels whose name matches. */
  nodesNamed(match: NameMatch, labels: readonly NodeLabel[]): Promise<QueryNode[]>;
  /** Every distinct name of nodes of these labels (for "did you mean"). */
  names(labels: readonly NodeLabel[]): Promise<string[]>;
  /** The relationships of these types leaving (`out`) or entering (`in`) each of `ids`. */
  hops(ids: readonly string[], types: readonly RelationshipType[], direction: Direction): Promise<Hop[]>;
  close(): Promise<void>;
}

/** Drops undefined fields, so a row from either store has exactly the fields that have values. */
export function withDefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
