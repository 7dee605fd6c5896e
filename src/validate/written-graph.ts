import { reasonOf } from '../errors.js';
import type { FindingTally } from '../graph/check.js';
import type { WrittenLines } from '../storage/json-sink.js';
import { rowText, TableDigests, type TableDigest } from '../storage/row-digest.js';
import { ItemCheck } from './item-check.js';

/** What graph.json's checks found in what was written, and its tables' digests. */
export interface WrittenGraph {
  /** Every item written, well-formed or not. */
  readonly nodes: number;
  readonly relationships: number;
  readonly findings: FindingTally;
  /** Well-formed items per label and type. */
  readonly perTable: ReadonlyMap<string, number>;
  /** Every model table's row count and digest, when asked for and the check is usable. */
  readonly digests?: readonly TableDigest[];
  /** Why the lines seen vouch for nothing (not all written, out of order, a value no digest holds). */
  readonly unusable?: string;
  /** This process's time on the checks and digests, spent while graph.json was written. */
  readonly ms: number;
}

/**
 * graph.json's own checks (the ones `codegraph validate` makes) and its digest, made on each line
 * as the json sink writes it, so that they cost no second reading of the file and run while Kuzu
 * commits. Anything this way of checking cannot take (items out of id order, a value no digest
 * can hold) leaves it unusable: validation then reads the output again, as `validate` does.
 */
export class WrittenGraphCheck implements WrittenLines {
  private check!: ItemCheck;
  private digests: TableDigests | undefined;
  private relationships = false;
  private failure: string | undefined;
  private spent = 0;
  private ended: WrittenGraph | undefined;

  /** `digest`: work out the tables' digests too (there is a Kuzu side to compare them with). */
  constructor(private readonly options: { readonly maxExamples?: number; readonly digest: boolean }) {
    this.begin();
    // Until graph.json is written (begin() again), there is nothing checked to speak of.
    this.failure = 'graph.json was not written';
  }

  /** This process's time on the checks and digests so far. */
  get ms(): number {
    return this.spent;
  }

  begin(): void {
    this.check = new ItemCheck(this.options.maxExamples ?? 5);
    this.digests = this.options.digest ? new TableDigests() : undefined;
    this.relationships = false;
    this.failure = undefined;
    this.spent = 0;
    this.ended = undefined;
  }

  line(list: 'nodes' | 'relationships', line: string): void {
    if (this.failure !== undefined) return;
    const started = performance.now();
    try {
      const item: unknown = JSON.parse(line);
      if (list === 'nodes') {
        if (this.check.node(item) && this.digests) this.digest(this.digests, item.label, rowText(item), item.id);
      } else {
        if (!this.relationships) this.check.endNodes();
        this.relationships = true;
        if (this.check.relationship(item) && this.digests) this.digest(this.digests, item.type, rowText(item), item.id);
      }
    } catch (error) {
      this.failure = reasonOf(error);
    }
    this.spent += performance.now() - started;
  }

  /** The digests are worked out as soon as the last line is written, while Kuzu may still be busy. */
  end(): void {
    const started = performance.now();
    const { nodes, relationships, findings, perTable } = this.check;
    const outcome = this.failure !== undefined ? { unusable: this.failure } : this.digests ? { digests: this.digests.digests() } : {};
    this.spent += performance.now() - started;
    this.ended = { nodes, relationships, findings, perTable, ...outcome, ms: this.spent };
  }

  /** The same, as the run asks it of checks in a thread too (written-graph-thread.ts). */
  settled(): Promise<WrittenGraph> {
    return Promise.resolve(this.result());
  }

  /** Nothing to end: the checks ran on the writing thread. */
  dispose(): void {}

  /** What was found in graph.json as written; unusable until every line of it was. */
  result(): WrittenGraph {
    if (this.ended) return this.ended;
    const { nodes, relationships, findings, perTable } = this.check;
    return { nodes, relationships, findings, perTable, unusable: this.failure ?? 'graph.json was not written through', ms: this.spent };
  }

  private digest(digests: TableDigests, table: string, text: string | undefined, id: string): void {
    if (text === undefined) this.failure = `${id} has a value no digest holds`;
    else digests.add(table, text);
  }
}
