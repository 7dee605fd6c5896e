import { DEFINITION_LABELS, type NodeLabel, type RelationshipType } from '../graph/model.js';
import { compareText, lookUp, sortNodes, type Lookup } from './lookup.js';
import { withDefined, type Direction, type QueryNode, type QueryStore } from './store.js';
import { shortestPath, walk, type Reached } from './walk.js';

export type QuestionName = 'find' | 'callers' | 'callees' | 'impact' | 'deps' | 'path';

/** A `<symbol>` that named nothing, or several things where one was wanted. */
export type LookupFailure = Exclude<Lookup, { kind: 'found' }> & { readonly role?: 'from' | 'to' };

/** A node of an answer, with how far it is from the subject and what it was reached by. */
export interface ReachedRow extends QueryNode {
  readonly distance: number;
  /** The node one step nearer the subject. */
  readonly via: string;
  /** The relationship between them. */
  readonly relation: RelationshipType;
}

/** callers / callees: the call relationship that reached the row. */
export interface CallRow extends ReachedRow {
  /** Where the call is written: the calling node's file, and the line of its first call site. */
  readonly callFile?: string;
  readonly callLine?: number;
  readonly callSites?: number;
  readonly stage?: string;
  readonly confidence?: number;
}

export interface DepsRow extends ReachedRow {
  readonly direction: 'imports' | 'importedBy';
  /** The line of the first import. */
  readonly importLine?: number;
}

/** A package outside the repository, at one more step than the nearest file that imports it. */
export interface PackageRow {
  readonly package: string;
  readonly distance: number;
  readonly files: readonly string[];
}

export interface PathStep extends QueryNode {
  readonly step: number;
  /** The relationship from the previous step to this one (none on the first), and its line. */
  readonly relation?: RelationshipType;
  readonly relationLine?: number;
}

export type Answer =
  | { readonly question: 'find'; readonly kind: 'rows'; readonly rows: readonly QueryNode[] }
  | { readonly question: 'callers' | 'callees'; readonly kind: 'rows'; readonly subjects: readonly QueryNode[]; readonly rows: readonly CallRow[] }
  | {
      readonly question: 'impact';
      readonly kind: 'rows';
      readonly subjects: readonly QueryNode[];
      /** Where the walk starts (distance 0): the subjects and what goes with them (see impact). */
      readonly seeds: readonly QueryNode[];
      readonly rows: readonly ReachedRow[];
    }
  | { readonly question: 'deps'; readonly kind: 'rows'; readonly subjects: readonly QueryNode[]; readonly rows: readonly DepsRow[]; readonly packages: readonly PackageRow[] }
  | { readonly question: 'path'; readonly kind: 'rows'; readonly from: readonly QueryNode[]; readonly to: readonly QueryNode[]; readonly rows: readonly PathStep[] }
  | (LookupFailure & { readonly question: QuestionName });

export interface WalkOptions {
  /** Steps to follow; Infinity for all. */
  readonly depth: number;
  /** Take every node a `<symbol>` names instead of calling several ambiguous. */
  readonly all?: boolean;
}

const CALLABLE: readonly NodeLabel[] = ['Function', 'Method', 'Class'];
const CALLERS_OF: readonly NodeLabel[] = [...CALLABLE, 'File'];
const ANYTHING: readonly NodeLabel[] = [...DEFINITION_LABELS, 'File'];
const IMPACT_TYPES: readonly RelationshipType[] = ['CALLS', 'IMPORTS', 'INHERITS', 'IMPLEMENTS'];

/** `find`: the definitions a name or glob names, with label, file and line. */
export async function find(store: QueryStore, text: string): Promise<Answer> {
  const found = await lookUp(store, text, DEFINITION_LABELS, { all: true, glob: true });
  return found.kind === 'found' ? { question: 'find', kind: 'rows', rows: found.nodes } : { question: 'find', ...found };
}

/** `callers` (who calls it, `in`) and `callees` (what it calls, `out`), `depth` steps away. */
export async function calls(store: QueryStore, direction: Direction, text: string, options: WalkOptions): Promise<Answer> {
  const question = direction === 'in' ? 'callers' : 'callees';
  const found = await lookUp(store, text, direction === 'in' ? CALLABLE : CALLERS_OF, options);
  if (found.kind !== 'found') return { question, ...found };
  const seeds = found.nodes.map((n) => n.id);
  const reached = await walk(seeds, (frontier) => store.hops(frontier, ['CALLS'], direction), options.depth);
  const nodes = await nodesOf(store, [...seeds, ...reached.keys()], [...found.nodes.map((n) => n.label), ...[...reached.values()].map((r) => r.via.toLabel)]);
  const rows = rowsOf(reached, nodes).map((row): CallRow => {
    const hop = reached.get(row.id)!.via;
    const caller = direction === 'in' ? row : nodes.get(hop.from);
    return withDefined({ ...row, callFile: caller?.file, callLine: hop.line, callSites: hop.callSites, stage: hop.stage, confidence: hop.confidence });
  });
  return { question, kind: 'rows', subjects: found.nodes, rows };
}

/**
 * `impact`: what a change to a file or symbol reaches: callers, importers, subclasses and
 * implementers, and theirs in turn. A symbol starts from itself and its file (so its file's
 * importers are one step away), a class or interface also from its methods, a file also from
 * everything it defines.
 */
export async function impact(store: QueryStore, text: string, options: WalkOptions): Promise<Answer> {
  const found = await lookUp(store, text, ANYTHING, options);
  if (found.kind !== 'found') return { question: 'impact', ...found };
  const seeds = await impactSeeds(store, found.nodes);
  const reached = await walk([...seeds.keys()], (frontier) => store.hops(frontier, IMPACT_TYPES, 'in'), options.depth);
  const nodes = await nodesOf(store, [...seeds.keys(), ...reached.keys()], [...seeds.values(), ...[...reached.values()].map((r) => r.via.toLabel)]);
  const seedNodes = sortNodes([...seeds.keys()].flatMap((id) => nodes.get(id) ?? []));
  return { question: 'impact', kind: 'rows', subjects: found.nodes, seeds: seedNodes, rows: rowsOf(reached, nodes) };
}

/** The walk's starting points, with their labels. */
async function impactSeeds(store: QueryStore, subjects: readonly QueryNode[]): Promise<Map<string, NodeLabel>> {
  const seeds = new Map(subjects.map((n) => [n.id, n.label]));
  const files = subjects.filter((n) => n.label === 'File').map((n) => n.id);
  const symbols = subjects.filter((n) => n.label !== 'File').map((n) => n.id);
  // Methods hang off a class or interface, and off the file only for object literals and prototypes.
  const defined = await store.hops(files, ['DEFINES'], 'out');
  const owners = [...symbols, ...defined.map((h) => h.to)];
  for (const hop of [...defined, ...(await store.hops(owners, ['DEFINES'], 'out'))]) seeds.set(hop.to, hop.toLabel);
  let up = await store.hops(symbols, ['DEFINES'], 'in');
  up = [...up, ...(await store.hops(up.filter((h) => h.toLabel !== 'File').map((h) => h.to), ['DEFINES'], 'in'))];
  for (const hop of up) if (hop.toLabel === 'File') seeds.set(hop.to, 'File');
  return seeds;
}

/** `deps`: the files a file imports and the files importing it, and the packages outside the repository it uses. */
export async function deps(store: QueryStore, text: string, options: WalkOptions): Promise<Answer> {
  const found = await lookUp(store, text, ['File'], options);
  if (found.kind !== 'found') return { question: 'deps', ...found };
  const seeds = found.nodes.map((n) => n.id);
  const rows: DepsRow[] = [];
  for (const [direction, name] of [['out', 'imports'], ['in', 'importedBy']] as const) {
    const reached = await walk(seeds, (frontier) => store.hops(frontier, ['IMPORTS'], direction), options.depth);
    const nodes = await nodesOf(store, [...reached.keys()], ['File']);
    for (const row of rowsOf(reached, nodes)) rows.push(withDefined({ ...row, direction: name, importLine: reached.get(row.id)!.via.line }));
  }
  // A package is one step past the file importing it: within reach of files nearer than the depth.
  const importing = [...found.nodes.map((n) => ({ node: n, distance: 0 })), ...rows.filter((r) => r.direction === 'imports').map((r) => ({ node: r, distance: r.distance }))];
  const packages = new Map<string, { distance: number; files: Set<string> }>();
  for (const { node, distance } of importing) {
    if (distance + 1 > options.depth) continue;
    for (const name of node.packages ?? []) {
      const entry = packages.get(name) ?? { distance: distance + 1, files: new Set<string>() };
      entry.distance = Math.min(entry.distance, distance + 1);
      entry.files.add(node.file ?? node.id);
      packages.set(name, entry);
    }
  }
  const packageRows = [...packages.entries()]
    .map(([name, p]) => ({ package: name, distance: p.distance, files: [...p.files].sort(compareText) }))
    .sort((a, b) => a.distance - b.distance || compareText(a.package, b.package));
  return { question: 'deps', kind: 'rows', subjects: found.nodes, rows, packages: packageRows };
}

/** `path`: a shortest chain of CALLS and IMPORTS from one symbol or file to another; no rows when there is none. */
export async function path(store: QueryStore, fromText: string, toText: string, options: { all?: boolean } = {}): Promise<Answer> {
  const from = await lookUp(store, fromText, CALLERS_OF, options);
  if (from.kind !== 'found') return { question: 'path', role: 'from', ...from };
  const to = await lookUp(store, toText, CALLERS_OF, options);
  if (to.kind !== 'found') return { question: 'path', role: 'to', ...to };
  const ends = { from: from.nodes, to: to.nodes };
  const chain = await shortestPath(from.nodes.map((n) => n.id), to.nodes.map((n) => n.id), (frontier) => store.hops(frontier, ['CALLS', 'IMPORTS'], 'out'));
  if (!chain) return { question: 'path', kind: 'rows', ...ends, rows: [] };
  const first = chain[0]?.from ?? from.nodes.find((n) => to.nodes.some((t) => t.id === n.id))!.id;
  const nodes = await nodesOf(store, [first, ...chain.map((h) => h.to)], [...from.nodes.map((n) => n.label), ...chain.map((h) => h.toLabel)]);
  const rows: PathStep[] = [{ ...nodes.get(first)!, step: 0 }];
  chain.forEach((hop, i) => rows.push(withDefined({ ...nodes.get(hop.to)!, step: i + 1, relation: hop.type, relationLine: hop.line })));
  return { question: 'path', kind: 'rows', ...ends, rows };
}

async function nodesOf(store: QueryStore, ids: readonly string[], labels: readonly NodeLabel[]): Promise<Map<string, QueryNode>> {
  return new Map((await store.nodesById([...new Set(ids)], [...new Set(labels)])).map((n) => [n.id, n]));
}

function rowsOf(reached: ReadonlyMap<string, Reached>, nodes: ReadonlyMap<string, QueryNode>): ReachedRow[] {
  const rows: ReachedRow[] = [];
  for (const [id, { distance, via }] of reached) {
    const node = nodes.get(id);
    if (node) rows.push({ ...node, distance, via: via.from, relation: via.type });
  }
  return sortNodes(rows).sort((a, b) => a.distance - b.distance);
}
