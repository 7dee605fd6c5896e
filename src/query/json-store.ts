import { StorageError } from '../errors.js';
import { isNodeLabel, isRelationshipType, RELATIONSHIP_TYPES, type NodeLabel, type RelationshipType } from '../graph/model.js';
import { readGraphVersion, refuseOtherFormat, streamGraphJson, type GraphList } from '../storage/output-reader.js';
import type { RelationshipLine } from '../storage/relationship-line.js';
import { withDefined, type Direction, type Hop, type NameMatch, type QueryNode, type QueryStore } from './store.js';

/**
 * One relationship type's rows, as parallel arrays of numbers only (NaN or -1 for none), which V8
 * keeps unboxed, and their adjacency by direction (CSR).
 */
interface TypeTable {
  readonly source: number[];
  readonly target: number[];
  readonly line: number[];
  readonly callSites: number[];
  /** Index into the store's `stages`. */
  readonly stage: number[];
  readonly confidence: number[];
  out?: Adjacency;
  in?: Adjacency;
}

/** The relationship types the questions walk (questions.ts); the index leaves out the others (CONTAINS). */
const WALKED: ReadonlySet<RelationshipType> = new Set<RelationshipType>(['CALLS', 'IMPORTS', 'INHERITS', 'IMPLEMENTS', 'DEFINES']);

interface Adjacency {
  /** Rows of node i: `rows[start[i]]` up to `rows[start[i + 1]]`. */
  readonly start: Int32Array;
  readonly rows: Int32Array;
}

/**
 * graph.json read into an index for walks: nodes by id and name, relationships by type and
 * direction. Items are taken from the file one at a time and kept only as these columns, so a
 * large graph is never held twice.
 */
export class JsonStore implements QueryStore {
  readonly name = 'json' as const;
  private readonly ids: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly labels: NodeLabel[] = [];
  private readonly nodeNames: string[] = [];
  private readonly files: (string | undefined)[] = [];
  /** NaN for none. */
  private readonly lines: number[] = [];
  private readonly owners = new Map<number, string>();
  private readonly packages = new Map<number, readonly string[]>();
  private namedIndex: Map<string, number[]> | undefined;
  private readonly tables = new Map<RelationshipType, TypeTable>();
  private readonly stages: string[] = [];
  private lastSource: { readonly id: string; readonly i: number | undefined } | undefined;

  private constructor(readonly path: string) {}

  static async open(file: string): Promise<JsonStore> {
    const store = new JsonStore(file);
    // Ids mean different things in other formats: refuse before reading a large file in vain.
    refuseOtherFormat({ version: await readGraphVersion(file) }, file);
    const header = await streamGraphJson(file, {
      item: (list, item) => store.add(list, item),
      relationshipLine: (line) => store.addRelationshipLine(line),
      reset: () => store.clear(),
    });
    refuseOtherFormat(header, file);
    store.finish();
    return store;
  }

  async nodesById(ids: readonly string[], labels?: readonly NodeLabel[]): Promise<QueryNode[]> {
    return ids.flatMap((id) => {
      const i = this.index.get(id);
      return i === undefined || (labels && !labels.includes(this.labels[i]!)) ? [] : [this.node(i)];
    });
  }

  async nodesNamed(match: NameMatch, labels: readonly NodeLabel[]): Promise<QueryNode[]> {
    const wanted = new Set(labels);
    let found: number[];
    if ('exact' in match) found = this.byName.get(match.exact) ?? [];
    else {
      const re = new RegExp(`^(?:${match.pattern})$`, 'u');
      found = [...this.byName.entries()].filter(([name]) => re.test(name)).flatMap(([, list]) => list);
    }
    return found.filter((i) => wanted.has(this.labels[i]!)).map((i) => this.node(i));
  }

  async names(labels: readonly NodeLabel[]): Promise<string[]> {
    const wanted = new Set(labels);
    return [...this.byName.entries()].filter(([, list]) => list.some((i) => wanted.has(this.labels[i]!))).map(([name]) => name);
  }


  async hops(ids: readonly string[], types: readonly RelationshipType[], direction: Direction): Promise<Hop[]> {
    const hops: Hop[] = [];
    for (const type of types) {
      if (!WALKED.has(type)) throw new Error(`graph.json's index leaves out ${type}: no question walks it`);
      const table = this.tables.get(type);
      const adjacency = table?.[direction];
      if (!table || !adjacency) continue;
      for (const id of ids) {
        const i = this.index.get(id);
        if (i === undefined) continue;
        for (let k = adjacency.start[i]!; k < adjacency.start[i + 1]!; k++) {
          const row = adjacency.rows[k]!;
          const other = direction === 'out' ? table.target[row]! : table.source[row]!;
          hops.push(
            withDefined({
              from: id,
              to: this.ids[other]!,
              toLabel: this.labels[other]!,
              type,
              line: numberOr(table.line[row]),
              callSites: numberOr(table.callSites[row]),
              stage: this.stages[table.stage[row]!],
              confidence: numberOr(table.confidence[row]),
            }),
          );
        }
      }
    }
    return hops;
  }

  async close(): Promise<void> {}

  /** Nodes by name, made when first asked: a question given a node id never needs it. */
  private get byName(): Map<string, number[]> {
    if (!this.namedIndex) {
      this.namedIndex = new Map();
      for (const [i, name] of this.nodeNames.entries()) {
        const named = this.namedIndex.get(name);
        if (named) named.push(i);
        else this.namedIndex.set(name, [i]);
      }
    }
    return this.namedIndex;
  }

  private node(i: number): QueryNode {
    return withDefined({
      id: this.ids[i]!,
      label: this.labels[i]!,
      name: this.nodeNames[i]!,
      owner: this.owners.get(i),
      file: this.files[i],
      line: numberOr(this.lines[i]),
      packages: this.packages.get(i),
    });
  }

  private add(list: GraphList, item: unknown): void {
    if (!isObject(item)) throw notAGraph(this.path, `an item of ${list} is not an object`);
    // graph.json lists every node before the first relationship, so both ends are known here.
    if (list === 'relationships') {
      this.addRelationship(item);
      return;
    }
    const { id, label } = item;
    const properties = isObject(item.properties) ? item.properties : {};
    if (typeof id !== 'string' || !isNodeLabel(label)) throw notAGraph(this.path, `a node without an id or a known label`);
    const i = this.ids.length;
    this.ids.push(id);
    this.index.set(id, i);
    this.labels.push(label);
    const name = typeof properties.name === 'string' ? properties.name : '';
    this.nodeNames.push(name);
    this.files.push(typeof properties.filePath === 'string' ? properties.filePath : undefined);
    this.lines.push(numberOrNaN(properties.startLine));
    if (typeof properties.owner === 'string') this.owners.set(i, properties.owner);
    if (Array.isArray(properties.packages)) this.packages.set(i, properties.packages.filter((p): p is string => typeof p === 'string'));
  }

  private addRelationship(item: Record<string, unknown>): void {
    this.addRelationshipFields(item.type, item.source, item.target, () => item.properties);
  }

  private addRelationshipLine(line: RelationshipLine): void {
    // Most relationships have no properties: no need to parse `{}`.
    this.addRelationshipFields(line.type, line.source, line.target, () => (line.properties === '{}' ? {} : JSON.parse(line.properties)));
  }

  /** `properties` is only read for the types kept. */
  private addRelationshipFields(type: unknown, source: unknown, target: unknown, properties: () => unknown): void {
    if (!isRelationshipType(type) || typeof source !== 'string' || typeof target !== 'string') {
      throw notAGraph(this.path, 'a relationship without a known type, source or target');
    }
    if (!WALKED.has(type)) return;
    // graph.json sorts relationships by id (`TYPE:source->target`): most repeat the last one's source.
    if (source !== this.lastSource?.id) this.lastSource = { id: source, i: this.index.get(source) };
    const s = this.lastSource.i;
    const t = this.index.get(target);
    // A dangling end is validate's business; a walk cannot use it.
    if (s === undefined || t === undefined) return;
    const given = properties();
    const p = isObject(given) ? given : {};
    const table = this.table(type);
    table.source.push(s);
    table.target.push(t);
    table.line.push(numberOrNaN(p.line));
    table.callSites.push(numberOrNaN(p.callSites));
    table.stage.push(typeof p.stage === 'string' ? this.stageIndex(p.stage) : -1);
    table.confidence.push(numberOrNaN(p.confidence));
  }

  private stageIndex(stage: string): number {
    const i = this.stages.indexOf(stage);
    return i >= 0 ? i : this.stages.push(stage) - 1;
  }

  private table(type: RelationshipType): TypeTable {
    let table = this.tables.get(type);
    if (!table) {
      table = { source: [], target: [], line: [], callSites: [], stage: [], confidence: [] };
      this.tables.set(type, table);
    }
    return table;
  }

  private clear(): void {
    for (const list of [this.ids, this.labels, this.nodeNames, this.files, this.lines, this.stages]) list.length = 0;
    for (const map of [this.index, this.owners, this.packages, this.tables]) map.clear();
    this.namedIndex = undefined;
    this.lastSource = undefined;
  }

  private finish(): void {
    for (const type of RELATIONSHIP_TYPES) {
      const table = this.tables.get(type);
      if (!table) continue;
      table.out = adjacency(this.ids.length, table.source);
      table.in = adjacency(this.ids.length, table.target);
    }
  }
}

/** Compressed rows of `ends`: for each node, the rows where it is that end (counting sort). */
function adjacency(nodeCount: number, ends: readonly number[]): Adjacency {
  const start = new Int32Array(nodeCount + 1);
  for (const n of ends) start[n + 1]!++;
  for (let i = 0; i < nodeCount; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, nodeCount);
  const rows = new Int32Array(ends.length);
  ends.forEach((n, row) => {
    rows[fill[n]!++] = row;
  });
  return { start, rows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON number is never NaN, so NaN can stand for none. */
function numberOrNaN(value: unknown): number {
  return typeof value === 'number' ? value : NaN;
}

function numberOr(value: number | undefined): number | undefined {
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

function notAGraph(file: string, why: string): StorageError {
  return new StorageError(`${file} is not a codegraph graph: ${why}`);
}

