import { GraphIntegrityError } from '../errors.js';
import { compareIds } from './ids.js';
import {
  allowsEnds,
  GRAPH_FORMAT_VERSION,
  isStoredValue,
  NODE_LABELS,
  nodeProperties,
  relationshipProperties,
  requiredProperties,
  type CodeGraph,
  type GraphFragment,
  type GraphHeader,
  type GraphNode,
  type GraphRelationship,
  type NodeLabel,
  type Properties,
  type PropertyTable,
  type PropertyType,
  type PropertyValue,
  type RelationshipType,
} from './model.js';

/** Separator used to carry string lists through Kuzu's CSV loader; it may not occur in a value. */
export const LIST_SEPARATOR = '\u001f';

/**
 * Normalises properties to what both stores hold identically: absent, null, '' and [] all mean
 * "no value" (Kuzu's CSV loader reads an empty field as NULL), so they are dropped here once.
 * The keys come out in code-unit order, whatever order they came in.
 */
function normalizeProperties(
  owner: string,
  table: PropertyTable,
  input: Readonly<Record<string, PropertyValue | null | undefined>>,
): Properties {
  if (table && isNormal(table, input)) return input as Properties;
  return normalizeValid(table, input) ?? normalizeChecked(owner, table, input);
}

/**
 * Whether the input is already what normalising it would give: a plain object whose keys are
 * columns in key order, each with a value of its type that is not empty. The processors build
 * most of their properties so, and those objects are taken as they are, not copied: a copy of
 * every property object of a phase, held until the stores have the phase, was work for the GC.
 */
function isNormal(table: PropertyTable, input: Readonly<Record<string, PropertyValue | null | undefined>>): boolean {
  if (Object.getPrototypeOf(input) !== Object.prototype) return false;
  let previous = '';
  for (const key in input) {
    if (key <= previous) return false; // out of order (or a repeat, which for-in never gives)
    previous = key;
    const spec = Object.hasOwn(table, key) ? table[key] : undefined;
    if (!spec || !hasType(spec.type, input[key])) return false;
  }
  for (const column of columnsOf(table)) if (column.required && !Object.hasOwn(input, column.name)) return false;
  return true;
}

/** A non-empty value of the column type, and a list the Kuzu loader can carry (no U+001F in an item). */
function hasType(type: PropertyType, value: PropertyValue | null | undefined): boolean {
  if (!isStoredValue(type, value)) return false;
  return type !== 'string[]' || (value as readonly string[]).every((item) => !item.includes(LIST_SEPARATOR));
}

/** A table's columns in key order, worked out once per table. */
interface Column {
  readonly name: string;
  readonly type: PropertyType;
  readonly required: boolean;
}

const tableColumns = new Map<PropertyTable, readonly Column[]>();

function columnsOf(table: PropertyTable): readonly Column[] {
  let columns = tableColumns.get(table);
  if (!columns) {
    columns = Object.keys(table)
      .sort()
      .map((name) => ({ name, type: table[name]!.type, required: table[name]!.required === true }));
    tableColumns.set(table, columns);
  }
  return columns;
}

/**
 * The common case made cheap: a plain object whose every key is a column of the table and every
 * value is of its column's type, read in the table's key order, with no key list sorted per item.
 * Anything else gives undefined, and normalizeChecked, which reads the keys the input has, names
 * the problem; both give the same object for an input this one accepts.
 */
function normalizeValid(table: PropertyTable | undefined, input: Readonly<Record<string, PropertyValue | null | undefined>>): Properties | undefined {
  // Only a plain object: its for-in keys are its own keys, and no column name is inherited.
  if (!table || Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const out: Record<string, PropertyValue> = {};
  let found = 0;
  for (const column of columnsOf(table)) {
    const value = input[column.name];
    if (value === undefined || value === null || value === '') {
      if (column.required) return undefined;
      if (column.name in input) found++;
      continue;
    }
    found++;
    switch (column.type) {
      case 'string':
        if (typeof value !== 'string') return undefined;
        out[column.name] = value;
        break;
      case 'int':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) return undefined;
        out[column.name] = value;
        break;
      case 'float':
        if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
        out[column.name] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return undefined;
        out[column.name] = value;
        break;
      case 'string[]': {
        if (!Array.isArray(value)) return undefined;
        const list = value as readonly unknown[];
        if (list.length === 0) {
          if (column.required) return undefined;
          continue;
        }
        for (const item of list) if (typeof item !== 'string' || item === '' || item.includes(LIST_SEPARATOR)) return undefined;
        out[column.name] = list.slice() as string[];
        break;
      }
    }
  }
  let keys = 0;
  for (const key in input) keys++;
  return keys === found ? out : undefined;
}

/** Every key the input has, in order, checked against the table; throws at the first problem. */
function normalizeChecked(
  owner: string,
  table: PropertyTable,
  input: Readonly<Record<string, PropertyValue | null | undefined>>,
): Properties {
  const out: Record<string, PropertyValue> = {};
  for (const key of Object.keys(input).sort()) {
    const value = input[key];
    const spec = table[key];
    if (!spec) throw new GraphIntegrityError(`${owner}: unknown property '${key}'`);
    if (value === undefined || value === null || value === '') continue;
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') throw badValue(owner, key, value, spec.type);
        out[key] = value;
        break;
      case 'int':
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badValue(owner, key, value, spec.type);
        out[key] = value;
        break;
      case 'float':
        if (typeof value !== 'number' || !Number.isFinite(value)) throw badValue(owner, key, value, spec.type);
        out[key] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') throw badValue(owner, key, value, spec.type);
        out[key] = value;
        break;
      case 'string[]': {
        if (!Array.isArray(value)) throw badValue(owner, key, value, spec.type);
        const list = value as readonly unknown[];
        if (list.length === 0) continue;
        for (const item of list) {
          if (typeof item !== 'string' || item === '' || item.includes(LIST_SEPARATOR)) {
            throw badValue(owner, key, value, 'list of non-empty strings without U+001F');
          }
        }
        out[key] = [...(list as string[])];
        break;
      }
    }
  }
  for (const key of requiredProperties(table)) {
    if (!(key in out)) throw new GraphIntegrityError(`${owner}: missing required property '${key}'`);
  }
  return out;
}

function badValue(owner: string, key: string, value: unknown, expected: string): GraphIntegrityError {
  return new GraphIntegrityError(`${owner}: property '${key}' must be ${expected}, got ${JSON.stringify(value)}`);
}

/** How many nodes of each label and relationships of each type a builder took, for the run's report. */
export interface GraphCounts {
  readonly byLabel: ReadonlyMap<NodeLabel, number>;
  readonly byType: ReadonlyMap<RelationshipType, number>;
}

export interface GraphBuilderOptions {
  /**
   * Keep every node and relationship, for build() (the default). Without, the builder keeps only
   * each node's label, which the checks need, and the caller hands each normalised fragment on to
   * the stores: a graph of millions of items is never held whole.
   */
  readonly retain?: boolean;
}

/**
 * Collects nodes and relationships, rejecting duplicate ids, dangling endpoints and ends of the
 * wrong label, and builds the sorted, frozen graph.
 *
 * A builder that does not retain its relationships cannot compare an id with every earlier one,
 * so there the rule is: relationship ids are unique within a fragment, and a relationship type
 * comes from one fragment only (each phase builds its own types); a relationship of a type an
 * earlier fragment brought is rejected. Ids made by relationshipId start with their type, so two
 * relationships of different types never share one. A fragment may come in parts (addFragment's
 * `continues`), whose ids its processor keeps apart.
 */
export class GraphBuilder {
  private readonly labels = new Map<string, NodeLabel>();
  private readonly nodes: Map<string, GraphNode> | undefined;
  private readonly relationships: Map<string, GraphRelationship> | undefined;
  /** Without retain: the current fragment's relationship ids, and the fragment each type came from. */
  private fragmentIds = new Set<string>();
  private fragment = 0;
  private readonly typeFragment = new Map<RelationshipType, number>();
  private readonly byLabel = new Map<NodeLabel, number>();
  private readonly byType = new Map<RelationshipType, number>();

  constructor(options: GraphBuilderOptions = {}) {
    if (options.retain !== false) {
      this.nodes = new Map();
      this.relationships = new Map();
    }
  }

  /** Adds a node; returns it normalised. */
  addNode(node: GraphNode): GraphNode {
    if (this.labels.has(node.id)) throw new GraphIntegrityError(`duplicate node id '${node.id}'`);
    const properties = normalizeProperties(node.id, nodeProperties(node.label), node.properties);
    const added: GraphNode = properties === node.properties && hasKeys(node, NODE_KEYS) ? node : { id: node.id, label: node.label, properties };
    this.labels.set(node.id, node.label);
    this.nodes?.set(node.id, added);
    this.byLabel.set(node.label, (this.byLabel.get(node.label) ?? 0) + 1);
    return added;
  }

  /** Adds a relationship; returns it normalised. */
  addRelationship(rel: GraphRelationship): GraphRelationship {
    if (this.relationships ? this.relationships.has(rel.id) : this.fragmentIds.has(rel.id)) {
      throw new GraphIntegrityError(`duplicate relationship id '${rel.id}'`);
    }
    const from = this.typeFragment.get(rel.type);
    if (!this.relationships && from !== undefined && from !== this.fragment) {
      throw new GraphIntegrityError(`relationship '${rel.id}': ${rel.type} relationships came from an earlier fragment; a type comes from one fragment only`);
    }
    const source = this.labels.get(rel.source);
    const target = this.labels.get(rel.target);
    if (!source) throw new GraphIntegrityError(`relationship '${rel.id}': no node '${rel.source}' (source)`);
    if (!target) throw new GraphIntegrityError(`relationship '${rel.id}': no node '${rel.target}' (target)`);
    if (!endsAllowed(rel.type, source, target)) {
      throw new GraphIntegrityError(`relationship '${rel.id}': ${rel.type} may not go from ${source} to ${target}`);
    }
    const properties = normalizeProperties(rel.id, relationshipProperties(rel.type), rel.properties);
    const added: GraphRelationship =
      properties === rel.properties && hasKeys(rel, RELATIONSHIP_KEYS) ? rel : { id: rel.id, type: rel.type, source: rel.source, target: rel.target, properties };
    if (this.relationships) this.relationships.set(rel.id, added);
    else this.fragmentIds.add(rel.id);
    this.typeFragment.set(rel.type, this.fragment);
    this.byType.set(rel.type, (this.byType.get(rel.type) ?? 0) + 1);
    return added;
  }

  /**
   * Adds a fragment's nodes, then its relationships; returns the normalised fragment, sorted by
   * id. Without `onReject` a broken item throws; with it, the item is left out (with any
   * relationship that needs it) and reported, so one bad definition cannot sink a whole run.
   */
  addFragment(fragment: GraphFragment, onReject?: (error: GraphIntegrityError) => void, options: { continues?: boolean } = {}): GraphFragment {
    // A part that continues the fragment before it (a phase handed over in parts) brings its
    // types with it; its ids are checked within the part, the processor promising that no id is
    // in two parts (each part holds whole files, and its ids name their file: PhaseBuild).
    if (!options.continues) this.fragment++;
    this.fragmentIds = new Set();
    const nodes = addEach(fragment.nodes, (n) => this.addNode(n), onReject);
    const relationships = addEach(fragment.relationships, (r) => this.addRelationship(r), onReject);
    this.fragmentIds = new Set();
    return { nodes: sortById(nodes), relationships: sortById(relationships) };
  }

  hasNode(id: string): boolean {
    return this.labels.has(id);
  }

  /** The label of a node added, by id. */
  labelOf(id: string): NodeLabel | undefined {
    return this.labels.get(id);
  }

  /** Every node added so far, by id, with its label: the builder's own map, read-only. */
  get nodeLabels(): ReadonlyMap<string, NodeLabel> {
    return this.labels;
  }

  getNode(id: string): GraphNode | undefined {
    return this.nodes?.get(id);
  }

  counts(): GraphCounts {
    return { byLabel: this.byLabel, byType: this.byType };
  }

  build(root: string, generatorVersion: string): CodeGraph {
    if (!this.nodes || !this.relationships) throw new Error('build() needs a builder that retains the graph');
    return Object.freeze({
      ...graphHeader(root, generatorVersion),
      nodes: Object.freeze(sortById([...this.nodes.values()])),
      relationships: Object.freeze(sortById([...this.relationships.values()])),
    });
  }
}

export function graphHeader(root: string, generatorVersion: string): GraphHeader {
  return { version: GRAPH_FORMAT_VERSION, generator: { name: 'codegraph' as const, version: generatorVersion }, root };
}

/** An item's keys, in the order graph.json writes them. */
const NODE_KEYS = ['id', 'label', 'properties'] as const;
const RELATIONSHIP_KEYS = ['id', 'type', 'source', 'target', 'properties'] as const;

/** Whether a plain object has exactly these keys in this order: then it is taken as it is. */
function hasKeys(item: object, keys: readonly string[]): boolean {
  if (Object.getPrototypeOf(item) !== Object.prototype) return false;
  let at = 0;
  for (const key in item) if (key !== keys[at++]) return false;
  return at === keys.length;
}

/** What `add` gives for each item it accepts; a GraphIntegrityError goes to `onReject` if there is one. */
function addEach<T, R>(items: readonly T[], add: (item: T) => R, onReject: ((error: GraphIntegrityError) => void) | undefined): R[] {
  const added: R[] = [];
  for (const item of items) {
    try {
      added.push(add(item));
    } catch (error) {
      if (!onReject || !(error instanceof GraphIntegrityError)) throw error;
      onReject(error);
    }
  }
  return added;
}

/** Each relationship type's allowed ends, `from` -> `to` labels, looked up without a scan per relationship. */
const allowedEnds = new Map<RelationshipType, ReadonlyMap<NodeLabel, ReadonlySet<NodeLabel>>>();

function endsAllowed(type: RelationshipType, from: NodeLabel, to: NodeLabel): boolean {
  let ends = allowedEnds.get(type);
  if (!ends) {
    const byFrom = new Map<NodeLabel, Set<NodeLabel>>();
    for (const label of NODE_LABELS) for (const other of NODE_LABELS) if (allowsEnds(type, label, other)) byFrom.set(label, (byFrom.get(label) ?? new Set()).add(other));
    allowedEnds.set(type, (ends = byFrom));
  }
  return ends.get(from)?.has(to) === true;
}

function sortById<T extends { readonly id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareIds(a.id, b.id));
}
