import { checkEnds, checkNode, checkRelationshipShape, FindingTally, hasSurrogate, isRecord } from '../graph/check.js';
import { compareIds } from '../graph/ids.js';
import { GRAPH_FORMAT_VERSION, NODE_LABELS, RELATIONSHIP_TYPES, type NodeLabel } from '../graph/model.js';
import type { KuzuReader, KuzuTable } from '../storage/kuzu-reader.js';
import { readGraphVersion, visitSinkLayout, type GraphList } from '../storage/output-reader.js';
import type { TableCount } from './compare-kuzu.js';
import { ItemCheck } from './item-check.js';
import { NodeOffsets, NotStreamable, SideMerge } from './table-merge.js';

export interface StreamedValidation {
  /** Every item in graph.json, well-formed or not. */
  readonly nodes: number;
  readonly relationships: number;
  readonly findings: FindingTally;
  readonly differences: FindingTally;
  readonly counts: { readonly nodes: readonly TableCount[]; readonly relationships: readonly TableCount[] };
  readonly notes: readonly string[];
}

/** The database to compare with, as validate-output opens it: a reader or the error opening it. */
export type KuzuOpening = Promise<{ value: KuzuReader } | { error: unknown }>;

/**
 * Validates graph.json as it is read, line by line, and compares it with Kuzu's tables as a merge
 * join, holding only each node's label by id (for the endpoint checks) and what differs. It gives
 * what checkGraph and compareWithKuzu give on the whole file, finding for finding, for the files
 * the json sink writes: in its layout, in id order. Anything else (another layout or version,
 * items out of order, ids Kuzu orders otherwise, a label's or type's items not together) makes it
 * return undefined, and the caller reads the file whole as before.
 */
export async function validateStreaming(file: string, kuzu: KuzuOpening | undefined, maxExamples: number): Promise<StreamedValidation | undefined> {
  if ((await readGraphVersion(file)) !== GRAPH_FORMAT_VERSION) return undefined;
  const run = new StreamRun(file, kuzu, maxExamples);
  try {
    const header = await visitSinkLayout(file, { item: (list, item) => run.item(list, item) });
    if (!header || header['version'] !== GRAPH_FORMAT_VERSION) return undefined;
    return await run.finish();
  } catch (error) {
    if (error instanceof NotStreamable) return undefined;
    throw error;
  } finally {
    await run.close();
  }
}

class StreamRun {
  private readonly check: ItemCheck;
  private started = false;
  private nodesDone: Awaited<ReturnType<SideMerge['finish']>> | undefined;
  private kuzuError: { error: unknown } | undefined;
  private nodeSide: SideMerge | undefined;
  private relSide: SideMerge | undefined;

  constructor(
    private readonly file: string,
    private readonly kuzu: KuzuOpening | undefined,
    private readonly maxExamples: number,
  ) {
    this.check = new ItemCheck(maxExamples);
  }

  item(list: GraphList, item: unknown): void | Promise<void> {
    if (!this.started) return this.start().then(() => this.item(list, item));
    if (list === 'nodes') return this.node(item);
    if (!this.nodesDone) return this.finishNodes().then(() => this.relationship(item));
    return this.relationship(item);
  }

  async finish(): Promise<StreamedValidation> {
    if (!this.started) await this.start();
    if (!this.nodesDone) await this.finishNodes();
    let rels: ReturnType<SideMerge['finish']> | undefined;
    if (this.relSide) {
      const unmatched = await this.relSide.readRest();
      // Kuzu has relationships graph.json's items of their type lack: are they there under another type?
      const types = unmatched.size > 0 ? await relationshipTypes(this.file, unmatched) : new Map<string, string>();
      rels = this.relSide.finish((id) => types.get(id));
    }
    // graph.json was read through: now Kuzu's own error, as the whole-file path raises it.
    if (this.kuzuError) throw this.kuzuError.error;
    const nodes = this.nodesDone!;
    const differences = new FindingTally(this.maxExamples);
    differences.absorb(nodes.differences);
    if (rels) differences.absorb(rels.differences);
    return {
      nodes: this.check.nodes,
      relationships: this.check.relationships,
      findings: this.check.findings,
      differences,
      counts: { nodes: nodes.counts, relationships: rels ? rels.counts : jsonOnly(RELATIONSHIP_TYPES, this.check.perTable) },
      notes: [...nodes.notes, ...(rels ? rels.notes : [])],
    };
  }

  async close(): Promise<void> {
    await this.nodeSide?.close();
    await this.relSide?.close();
  }

  /** Waits for the database to be open (it opened while the first lines were read). */
  private async start(): Promise<void> {
    this.started = true;
    const opened = await this.kuzu;
    if (!opened) return;
    if ('error' in opened) {
      this.kuzuError = opened;
      return;
    }
    const reader = opened.value;
    const tables = new Map((await reader.tables()).map((t): [string, KuzuTable] => [t.name, t]));
    const ends = new NodeOffsets(tables);
    this.nodeSide = new SideMerge('node', reader, tables, this.maxExamples, ends);
    this.relSide = new SideMerge('relationship', reader, tables, this.maxExamples, ends);
  }

  private node(item: unknown): void | Promise<void> {
    if (this.check.node(item)) return this.nodeSide?.visit(item.label, item);
  }

  private relationship(item: unknown): void | Promise<void> {
    if (this.check.relationship(item)) return this.relSide?.visit(item.type, item);
  }

  private async finishNodes(): Promise<void> {
    if (this.nodeSide) await this.nodeSide.readRest();
    this.nodesDone = this.nodeSide
      ? this.nodeSide.finish(this.check.labelOf)
      : { counts: jsonOnly(NODE_LABELS, this.check.perTable), differences: new FindingTally(this.maxExamples), notes: [] };
    this.check.endNodes();
  }
}

/**
 * The type graph.json gives each of `ids` (relationships it has, well-formed, first of their id), from
 * a second reading of the file: only when Kuzu has relationships where graph.json's type lacks them.
 */
async function relationshipTypes(file: string, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  const ignored = new FindingTally(0);
  const header = await visitSinkLayout(file, {
    item: (list, item) => {
      if (list === 'relationships' && isRecord(item) && ids.has(item['id'] as string) && checkRelationshipShape(item, ignored) && !types.has(item.id)) {
        types.set(item.id, item.type);
      }
    },
  });
  if (!header) throw new NotStreamable('graph.json changed while it was read');
  return types;
}

/** graph.json's rows per label or type in model order, when there is no Kuzu side to count. */
export function jsonOnly(tables: readonly string[], perTable: ReadonlyMap<string, number>): TableCount[] {
  return tables.map((table) => ({ table, json: perTable.get(table) ?? 0, kuzu: null }));
}
