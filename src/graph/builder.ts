import { GraphIntegrityError } from '../errors.js';
import { compareIds } from './ids.js';
import {
  allowsEnds,
  GRAPH_FORMAT_VERSION,
  nodeProperties,
  relationshipProperties,
  requiredProperties,
  type CodeGraph,
  type GraphFragment,
  type GraphNode,
  type GraphRelationship,
  type Properties,
  type PropertyTable,
  type PropertyValue,
} from './model.js';

/** Separator used to carry string lists through Kuzu's CSV loader; it may not occur in a value. */
export const LIST_SEPARATOR = '\u001f';

/**
 * Normalises properties to what both stores hold identically: absent, null, '' and [] all mean
 * "no value" (Kuzu's CSV loader reads an empty field as NULL), so they are dropped here once.
 */
function normalizeProperties(
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

/**
 * Collects nodes and relationships, rejecting duplicate ids, dangling endpoints and ends of the
 * wrong label, and builds the sorted, frozen graph.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly relationships = new Map<string, GraphRelationship>();

  addNode(node: GraphNode): void {
    if (this.nodes.has(node.id)) throw new GraphIntegrityError(`duplicate node id '${node.id}'`);
    this.nodes.set(node.id, {
      id: node.id,
      label: node.label,
      properties: normalizeProperties(node.id, nodeProperties(node.label), node.properties),
    });
  }

  addRelationship(rel: GraphRelationship): void {
    if (this.relationships.has(rel.id)) throw new GraphIntegrityError(`duplicate relationship id '${rel.id}'`);
    const source = this.nodes.get(rel.source);
    const target = this.nodes.get(rel.target);
    if (!source) throw new GraphIntegrityError(`relationship '${rel.id}': no node '${rel.source}' (source)`);
    if (!target) throw new GraphIntegrityError(`relationship '${rel.id}': no node '${rel.target}' (target)`);
    if (!allowsEnds(rel.type, source.label, target.label)) {
      throw new GraphIntegrityError(`relationship '${rel.id}': ${rel.type} may not go from ${source.label} to ${target.label}`);
    }
    this.relationships.set(rel.id, {
      id: rel.id,
      type: rel.type,
      source: rel.source,
      target: rel.target,
      properties: normalizeProperties(rel.id, relationshipProperties(rel.type), rel.properties),
    });
  }

  /**
   * Adds a fragment's nodes, then its relationships; returns the normalised fragment. Without
   * `onReject` a broken item throws; with it, the item is left out (with any relationship that
   * needs it) and reported, so one bad definition cannot sink a whole run.
   */
  addFragment(fragment: GraphFragment, onReject?: (error: GraphIntegrityError) => void): GraphFragment {
    const nodes = addEach(fragment.nodes, (n) => {
      this.addNode(n);
      return this.nodes.get(n.id)!;
    }, onReject);
    const relationships = addEach(fragment.relationships, (r) => {
      this.addRelationship(r);
      return this.relationships.get(r.id)!;
    }, onReject);
    return { nodes: sortById(nodes), relationships: sortById(relationships) };
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  getNode(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  build(root: string, generatorVersion: string): CodeGraph {
    return Object.freeze({
      version: GRAPH_FORMAT_VERSION,
      generator: { name: 'codegraph' as const, version: generatorVersion },
      root,
      nodes: Object.freeze(sortById([...this.nodes.values()])),
      relationships: Object.freeze(sortById([...this.relationships.values()])),
    });
  }
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

function sortById<T extends { readonly id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareIds(a.id, b.id));
}
