import { compareIds } from './ids.js';
import {
  GRAPH_FORMAT_VERSION,
  allowsEnds,
  isNodeLabel,
  isStoredValue,
  isRelationshipType,
  nodeProperties,
  relationshipProperties,
  requiredProperties,
  type CodeGraph,
  type GraphNode,
  type GraphRelationship,
  type NodeLabel,
  type PropertySpec,
  type PropertyTable,
} from './model.js';

/** One difference or integrity problem, as shown in reports. */
export interface Finding {
  readonly kind: string;
  readonly id?: string;
  /** The node label or relationship type the finding is about. */
  readonly table?: string;
  readonly property?: string;
  /** The value on the graph.json side (absent means no value there). */
  readonly json?: unknown;
  /** The value on the Kuzu side (absent means no value there). */
  readonly kuzu?: unknown;
  readonly message?: string;
}

export interface FindingSummary {
  readonly kind: string;
  readonly count: number;
  /** The first findings of this kind, in the order they were found. */
  readonly examples: readonly Finding[];
}

/** Counts findings per kind and keeps the first few of each, so a huge mismatch stays small. */
export class FindingTally {
  private readonly byKind = new Map<string, { count: number; examples: Finding[] }>();

  constructor(private readonly maxExamples: number) {}

  add(finding: Finding): void {
    let entry = this.byKind.get(finding.kind);
    if (!entry) {
      entry = { count: 0, examples: [] };
      this.byKind.set(finding.kind, entry);
    }
    entry.count += 1;
    if (entry.examples.length < this.maxExamples) entry.examples.push(finding);
  }

  /** Adds another tally's findings after this one's, as if they had been added here in that order. */
  absorb(other: FindingTally): void {
    for (const [kind, theirs] of other.byKind) {
      let entry = this.byKind.get(kind);
      if (!entry) {
        entry = { count: 0, examples: [] };
        this.byKind.set(kind, entry);
      }
      entry.count += theirs.count;
      for (const example of theirs.examples) if (entry.examples.length < this.maxExamples) entry.examples.push(example);
    }
  }

  get total(): number {
    let total = 0;
    for (const entry of this.byKind.values()) total += entry.count;
    return total;
  }

  /** A tally with the counts and examples `summaries()` gave (in another thread). */
  static fromSummaries(summaries: readonly FindingSummary[], maxExamples: number): FindingTally {
    const tally = new FindingTally(maxExamples);
    for (const s of summaries) tally.byKind.set(s.kind, { count: s.count, examples: [...s.examples] });
    return tally;
  }

  summaries(): FindingSummary[] {
    return [...this.byKind.entries()]
      .map(([kind, entry]) => ({ kind, count: entry.count, examples: entry.examples }))
      .sort((a, b) => compareIds(a.kind, b.kind));
  }
}

export function hasSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}

/**
 * Orders strings by Unicode code point, which is UTF-8 byte order, the order Kuzu's ORDER BY uses.
 * JavaScript's `<` compares UTF-16 code units; the two differ only when a character above U+FFFF
 * (a surrogate pair) meets one in U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The comparator that matches Kuzu's order for these ids, cheap when no id needs the slow one. */
function idComparator(ids: Iterable<string>): (a: string, b: string) => number {
  for (const id of ids) if (hasSurrogate(id)) return compareCodePoints;
  return compareIds;
}

/** graph.json after the integrity check: what can be compared, in Kuzu's id order. */
export interface CheckedGraph {
  readonly graph: CodeGraph;
  /** Indexes into graph.nodes of the well-formed nodes, first occurrence of each id, in id order. */
  readonly nodeOrder: readonly number[];
  readonly relationshipOrder: readonly number[];
  readonly compare: (a: string, b: string) => number;
  /** Index into graph.nodes of the node with this id, or -1. */
  findNode(id: string): number;
  findRelationship(id: string): number;
}

export interface IntegrityResult {
  /** Absent when the document is not a graph at all (not an object, no node or relationship list). */
  readonly checked?: CheckedGraph;
  readonly findings: FindingTally;
}

/**
 * Checks a parsed graph.json against the contract: shape and version, unique ids, known labels and
 * types, no dangling endpoints, allowed ends, and property names, types and presence per model.ts.
 */
export function checkGraph(input: unknown, maxExamples = 5): IntegrityResult {
  const findings = new FindingTally(maxExamples);
  if (!isRecord(input) || !Array.isArray(input.nodes) || !Array.isArray(input.relationships)) {
    findings.add({ kind: 'bad-shape', message: 'graph.json is not an object with "nodes" and "relationships" lists' });
    return { findings };
  }
  if (input.version !== GRAPH_FORMAT_VERSION) {
    findings.add({ kind: 'bad-version', json: input.version, message: `expected version ${GRAPH_FORMAT_VERSION}` });
  }
  const graph = input as unknown as CodeGraph;
  const nodes = graph.nodes as readonly unknown[];
  const relationships = graph.relationships as readonly unknown[];

  const nodeCandidates: number[] = [];
  nodes.forEach((node, index) => {
    if (checkNode(node, findings)) nodeCandidates.push(index);
  });
  const relCandidates: number[] = [];
  relationships.forEach((rel, index) => {
    if (checkRelationshipShape(rel, findings)) relCandidates.push(index);
  });

  const compare = idComparator(
    (function* () {
      for (const i of nodeCandidates) yield graph.nodes[i]!.id;
      for (const i of relCandidates) yield graph.relationships[i]!.id;
    })(),
  );
  const nodeOrder = orderById(graph.nodes, nodeCandidates, compare, 'node', findings);
  const relationshipOrder = orderById(graph.relationships, relCandidates, compare, 'relationship', findings);
  const findNode = (id: string): number => binarySearch(graph.nodes, nodeOrder, id, compare);
  const findRelationship = (id: string): number => binarySearch(graph.relationships, relationshipOrder, id, compare);

  const labelOf = (id: string): NodeLabel | undefined => {
    const index = findNode(id);
    return index < 0 ? undefined : graph.nodes[index]!.label;
  };
  for (const index of relationshipOrder) checkEnds(graph.relationships[index]!, labelOf, findings);
  return { checked: { graph, nodeOrder, relationshipOrder, compare, findNode, findRelationship }, findings };
}

/** A relationship's ends exist (`labelOf` knows them) and its type allows their labels. */
export function checkEnds(rel: GraphRelationship, labelOf: (id: string) => NodeLabel | undefined, findings: FindingTally): void {
  const from = labelOf(rel.source);
  const to = labelOf(rel.target);
  if (from === undefined) findings.add({ kind: 'dangling-endpoint', id: rel.id, table: rel.type, property: 'source', json: rel.source });
  if (to === undefined) findings.add({ kind: 'dangling-endpoint', id: rel.id, table: rel.type, property: 'target', json: rel.target });
  if (from !== undefined && to !== undefined && !allowsEnds(rel.type, from, to)) {
    findings.add({ kind: 'disallowed-ends', id: rel.id, table: rel.type, message: `${rel.type} may not go from ${from} to ${to}` });
  }
}

export function checkNode(node: unknown, findings: FindingTally): node is GraphNode {
  if (!isRecord(node) || typeof node.id !== 'string' || !isRecord(node.properties)) {
    findings.add({ kind: 'malformed-entry', id: idOf(node), message: 'node needs a string "id", a "label" and a "properties" object' });
    return false;
  }
  if (!isNodeLabel(node.label)) {
    findings.add({ kind: 'unknown-label', id: node.id, json: node.label });
    return false;
  }
  checkProperties(node.id, node.label, nodeProperties(node.label), node.properties, findings);
  return true;
}

export function checkRelationshipShape(rel: unknown, findings: FindingTally): rel is GraphRelationship {
  if (
    !isRecord(rel) ||
    typeof rel.id !== 'string' ||
    typeof rel.source !== 'string' ||
    typeof rel.target !== 'string' ||
    !isRecord(rel.properties)
  ) {
    findings.add({
      kind: 'malformed-entry',
      id: idOf(rel),
      message: 'relationship needs string "id", "type", "source", "target" and a "properties" object',
    });
    return false;
  }
  if (!isRelationshipType(rel.type)) {
    findings.add({ kind: 'unknown-type', id: rel.id, json: rel.type });
    return false;
  }
  checkProperties(rel.id, rel.type, relationshipProperties(rel.type), rel.properties, findings);
  return true;
}

function checkProperties(
  id: string,
  table: string,
  spec: PropertyTable,
  properties: Readonly<Record<string, unknown>>,
  findings: FindingTally,
): void {
  for (const [name, value] of Object.entries(properties)) {
    const propertySpec = spec[name];
    if (!propertySpec) findings.add({ kind: 'unknown-property', id, table, property: name, json: value });
    else if (!valueFits(propertySpec, value)) findings.add({ kind: 'bad-property-value', id, table, property: name, json: value });
  }
  for (const name of requiredProperties(spec)) {
    if (!Object.hasOwn(properties, name)) findings.add({ kind: 'missing-property', id, table, property: name });
  }
}

/** '', [] and null are never written (builder.ts drops them), so they are not valid values either. */
function valueFits(spec: PropertySpec, value: unknown): boolean {
  return isStoredValue(spec.type, value);
}

/**
 * Checks that graph.json lists items in its own id order (JavaScript's, as the builder sorts), puts
 * the candidates in `compare` order (Kuzu's; usually the same, so no sort at all) and drops duplicates.
 */
function orderById(
  items: readonly { readonly id: string }[],
  candidates: number[],
  compare: (a: string, b: string) => number,
  what: string,
  findings: FindingTally,
): number[] {
  let sorted = true;
  for (let i = 1; i < candidates.length && sorted; i++) {
    if (compareIds(items[candidates[i - 1]!]!.id, items[candidates[i]!]!.id) > 0) sorted = false;
  }
  if (!sorted) findings.add({ kind: 'unsorted', message: `${what}s are not sorted by id` });
  if (!sorted || compare !== compareIds) candidates.sort((a, b) => compare(items[a]!.id, items[b]!.id) || a - b);
  const unique: number[] = [];
  for (const index of candidates) {
    const last = unique[unique.length - 1];
    if (last !== undefined && items[last]!.id === items[index]!.id) {
      findings.add({ kind: 'duplicate-id', id: items[index]!.id, message: `duplicate ${what} id` });
    } else {
      unique.push(index);
    }
  }
  return unique;
}

function binarySearch(
  items: readonly { readonly id: string }[],
  order: readonly number[],
  id: string,
  compare: (a: string, b: string) => number,
): number {
  let lo = 0;
  let hi = order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const index = order[mid]!;
    const c = compare(items[index]!.id, id);
    if (c === 0) return index;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
