import { checkEnds, checkNode, checkRelationshipShape, FindingTally, hasSurrogate } from '../graph/check.js';
import { compareIds } from '../graph/ids.js';
import type { GraphNode, GraphRelationship, NodeLabel } from '../graph/model.js';
import { IdLabels } from './id-labels.js';
import { NotStreamable } from './table-merge.js';

/**
 * graph.json's own checks (graph/check.ts) made on its items one at a time, as they are read or
 * written: the nodes, then the relationships, each list in id order. It finds what checkGraph finds
 * on the whole file, holding only each node's label by its id's hash (for the relationships'
 * ends). Items out of id order, or ids JavaScript and Kuzu order differently, throw NotStreamable:
 * the whole-file check is then the one to make.
 */
export class ItemCheck {
  /** Every item seen, well-formed or not. */
  nodes = 0;
  relationships = 0;
  readonly findings: FindingTally;
  /** Well-formed items per label and type. */
  readonly perTable = new Map<string, number>();
  /** Each node's label by its id's hash: the ids themselves are not held (id-labels.ts). */
  private readonly labels = new IdLabels();
  private previous: string | undefined;

  constructor(maxExamples: number) {
    this.findings = new FindingTally(maxExamples);
  }

  readonly labelOf = (id: string): NodeLabel | undefined => this.labels.get(id);

  /** Checks a node; true when it is well-formed and the first of its id, to be compared further. */
  node(item: unknown): item is GraphNode {
    this.nodes++;
    if (!checkNode(item, this.findings) || !this.inOrder(item.id, 'node')) return false;
    this.labels.set(item.id, item.label);
    this.perTable.set(item.label, (this.perTable.get(item.label) ?? 0) + 1);
    return true;
  }

  /** The nodes are over: relationships follow, in an id order of their own. */
  endNodes(): void {
    this.previous = undefined;
  }

  /** Checks a relationship, its ends included; true when it is well-formed and the first of its id. */
  relationship(item: unknown): item is GraphRelationship {
    this.relationships++;
    if (!checkRelationshipShape(item, this.findings) || !this.inOrder(item.id, 'relationship')) return false;
    checkEnds(item, this.labelOf, this.findings);
    this.perTable.set(item.type, (this.perTable.get(item.type) ?? 0) + 1);
    return true;
  }

  /** False for a repeated id (reported, as checkGraph does); items out of order leave the stream. */
  private inOrder(id: string, what: string): boolean {
    const order = this.previous === undefined ? -1 : compareIds(this.previous, id);
    if (order > 0) throw new NotStreamable(`${what}s are not sorted by id`);
    if (order === 0) {
      this.findings.add({ kind: 'duplicate-id', id, message: `duplicate ${what} id` });
      return false;
    }
    // Kuzu orders such ids by code point, not as JavaScript sorts them: the whole-file path knows how.
    if (hasSurrogate(id)) throw new NotStreamable('an id beyond the Basic Multilingual Plane');
    this.previous = id;
    return true;
  }
}
