import { FindingTally } from '../graph/check.js';
import { compareIds } from '../graph/ids.js';
import type { Properties } from '../graph/model.js';
import { StorageError } from '../errors.js';
import type { KuzuReader, KuzuTable, NodeRow, RelationshipRow } from '../storage/kuzu-reader.js';
import { columnsOf, compareRow, sideTables, type SideKind, type TableCount } from './compare-kuzu.js';

/** graph.json holds something only the whole-file comparison handles: validation falls back to it. */
export class NotStreamable extends Error {}

/** A graph.json item as the merge needs it (relationships also carry their ends). */
export type MergeItem = { readonly id: string; readonly properties: Properties; readonly source?: string; readonly target?: string };
type Row = NodeRow & Partial<RelationshipRow>;

/**
 * Node ids by where Kuzu keeps them (table and offset), recorded as the node side reads Kuzu, so
 * the relationship side can read each end as a number (kuzu-reader.ts relationships()).
 */
export class NodeOffsets {
  readonly tables: readonly string[];
  private readonly index: ReadonlyMap<string, number>;
  private readonly ids = new Map<number, string>();

  constructor(kuzuTables: ReadonlyMap<string, KuzuTable>) {
    this.tables = [...kuzuTables.values()].filter((t) => t.kind === 'node').map((t) => t.name);
    this.index = new Map(this.tables.map((t, i) => [t, i]));
  }

  record(table: string, offset: number, id: string): void {
    this.ids.set(offset * this.tables.length + this.index.get(table)!, id);
  }

  readonly idOf = (key: number): string => {
    const id = this.ids.get(key);
    // Every node table is read before any relationship: an unknown end means Kuzu changed meanwhile.
    if (id === undefined) throw new NotStreamable(`Kuzu gave a relationship end that is no node it listed (${key})`);
    return id;
  };
}

/** Kuzu's rows of one table, pulled a row at a time from the batches the reader streams. */
class RowCursor {
  private rows: Row[] = [];
  private at = 0;
  private ended = false;

  constructor(private readonly batches: AsyncGenerator<Row[]>) {}

  /** True when peek() needs a fill() first. */
  get drained(): boolean {
    return this.at >= this.rows.length && !this.ended;
  }

  async fill(): Promise<void> {
    const next = await this.batches.next();
    if (next.done) this.ended = true;
    else [this.rows, this.at] = [next.value, 0];
  }

  /** The current row; undefined at the end. */
  peek(): Row | undefined {
    return this.rows[this.at];
  }

  advance(): void {
    this.at++;
  }

  async close(): Promise<void> {
    await this.batches.return([]);
  }
}

/** One label's or type's merge: graph.json's items of it against Kuzu's table, both in id order. */
interface TableState {
  readonly name: string;
  readonly kuzuTable: KuzuTable | undefined;
  readonly properties: readonly string[];
  readonly columns: readonly string[];
  readonly slots: readonly number[];
  /** This table's differences, merged into the report in model table order at the end. */
  readonly tally: FindingTally;
  json: number;
  kuzu: number;
  /** graph.json ids this Kuzu table lacks, and Kuzu ids graph.json's items of this table lack. */
  readonly missing: string[];
  readonly unmatched: string[];
  cursor?: RowCursor;
  done: boolean;
  previous?: string;
}

/**
 * The comparison of one side (nodes or relationships) with Kuzu as a merge join: graph.json's items
 * come in id order, and since an id starts with its label or type, a table's items come together;
 * one Kuzu table is read at a time, ordered by id. The same findings as compareWithKuzu, in the
 * same order: each table keeps its own tally and they are added up in the model's table order.
 */
export class SideMerge {
  private readonly states = new Map<string, TableState>();
  private current: TableState | undefined;

  constructor(
    private readonly kind: SideKind,
    private readonly reader: KuzuReader,
    private readonly kuzuTables: ReadonlyMap<string, KuzuTable>,
    private readonly maxExamples: number,
    /** Filled by the node side, read by the relationship side. */
    private readonly ends: NodeOffsets,
  ) {}

  /** Merges the next graph.json item of table `name`; items come in strictly increasing id order. */
  visit(name: string, item: MergeItem): void | Promise<void> {
    const state = this.current?.name === name ? this.current : this.stateOf(name);
    state.json++;
    if (state === this.current) return this.match(state, item);
    // A table seen before and left: graph.json's ids do not start with their label or type.
    if (state.done) throw new NotStreamable(`${name} items are not together`);
    return this.switchTo(state).then(() => this.match(state, item));
  }

  /** Reads every table not read yet, to its end; returns the ids of Kuzu's rows graph.json's items of their table lack. */
  async readRest(): Promise<Set<string>> {
    for (const name of this.names()) {
      const state = this.stateOf(name);
      if (!state.done) await this.switchTo(state);
    }
    await this.switchTo(undefined);
    const unmatched = new Set<string>();
    for (const state of this.states.values()) for (const id of state.unmatched) unmatched.add(id);
    return unmatched;
  }

  /**
   * After readRest: sorts Kuzu's unmatched rows into moved (`labelOf` knows the id under another
   * label or type) and extra, and graph.json's unmatched items into missing.
   */
  finish(labelOf: (id: string) => string | undefined): { counts: TableCount[]; differences: FindingTally; notes: string[] } {
    const { modelTables, propertiesOf } = sideTables(this.kind);
    const names = this.names();
    const moved = new Set<string>();
    for (const name of names) {
      const state = this.states.get(name)!;
      for (const id of state.unmatched) {
        const elsewhere = labelOf(id);
        if (elsewhere !== undefined) {
          moved.add(id);
          state.tally.add({ kind: `${this.kind}-${this.kind === 'node' ? 'label' : 'type'}-differs`, id, json: elsewhere, kuzu: name });
        } else {
          state.tally.add({ kind: `${this.kind}-extra-in-kuzu`, id, table: name });
        }
      }
    }
    const differences = new FindingTally(this.maxExamples);
    const notes: string[] = [];
    const counts: TableCount[] = [];
    for (const name of names) {
      const state = this.states.get(name)!;
      for (const id of state.missing) if (!moved.has(id)) state.tally.add({ kind: `${this.kind}-missing-in-kuzu`, id, table: name });
      differences.absorb(state.tally);
      const table = state.kuzuTable;
      if (!table) {
        if (state.json > 0) notes.push(`Kuzu has no ${this.kind} table ${name}`);
      } else {
        if (!modelTables.includes(name)) notes.push(`Kuzu has a ${this.kind} table ${name} that the model does not know`);
        for (const p of propertiesOf(name)) if (!state.columns.includes(p)) notes.push(`Kuzu table ${name} has no column ${p}`);
      }
      counts.push({ table: name, json: state.json, kuzu: table ? state.kuzu : null });
    }
    return { counts, differences, notes };
  }

  /** Closes the open Kuzu result, if any (also when validation gives up on streaming). */
  async close(): Promise<void> {
    const cursor = this.current?.cursor;
    this.current = undefined;
    await cursor?.close();
  }

  /** The model's tables of this side in its order, then the tables only Kuzu has. */
  private names(): string[] {
    const { modelTables } = sideTables(this.kind);
    const extra = [...this.kuzuTables.values()].filter((t) => (t.kind === 'node') === (this.kind === 'node') && !modelTables.includes(t.name));
    return [...modelTables, ...extra.map((t) => t.name)];
  }

  private stateOf(name: string): TableState {
    let state = this.states.get(name);
    if (!state) {
      const kuzuTable = this.kuzuTables.get(name);
      const properties = sideTables(this.kind).propertiesOf(name);
      const { columns, slots } = kuzuTable ? columnsOf(kuzuTable, properties) : { columns: [], slots: [] };
      state = { name, kuzuTable, properties, columns, slots, tally: new FindingTally(this.maxExamples), json: 0, kuzu: 0, missing: [], unmatched: [], done: false };
      this.states.set(name, state);
    }
    return state;
  }

  /** Reads the rest of the current table (Kuzu rows past graph.json's last item), then opens `next`. */
  private async switchTo(next: TableState | undefined): Promise<void> {
    const current = this.current;
    if (current?.cursor) {
      const cursor = current.cursor;
      for (;;) {
        if (cursor.drained) await cursor.fill();
        const row = cursor.peek();
        if (!row) break;
        cursor.advance();
        if (this.take(current, row)) current.unmatched.push(row.id);
      }
      this.current = undefined;
      await cursor.close();
    }
    this.current = next;
    if (!next) return;
    next.done = true;
    if (next.kuzuTable) {
      const { name, columns } = next;
      next.cursor = new RowCursor(this.kind === 'node' ? this.reader.nodes(name, columns, true) : this.reader.relationships(name, columns, this.ends));
    }
  }

  private match(state: TableState, item: MergeItem): void | Promise<void> {
    const cursor = state.cursor;
    if (!cursor) {
      state.missing.push(item.id);
      return;
    }
    for (;;) {
      if (cursor.drained) return cursor.fill().then(() => this.match(state, item));
      const row = cursor.peek();
      const order = row ? compareIds(row.id, item.id) : 1;
      if (order > 0) {
        state.missing.push(item.id);
        return;
      }
      cursor.advance();
      if (!this.take(state, row!)) continue;
      if (order < 0) {
        state.unmatched.push(row!.id);
        continue;
      }
      // The ends' index keeps graph.json's string, not a second copy of it.
      if (row!.offset !== undefined) this.ends.record(state.name, row!.offset, item.id);
      compareRow(this.kind, item, row!, state, state.tally);
      return;
    }
  }

  /** Counts a Kuzu row; false for a repeat of the row before it, which is reported here. */
  private take(state: TableState, row: Row): boolean {
    state.kuzu++;
    if (row.offset !== undefined) this.ends.record(state.name, row.offset, row.id);
    if (state.previous !== undefined) {
      const order = compareIds(state.previous, row.id);
      if (order === 0) {
        state.tally.add({ kind: `${this.kind}-duplicate-in-kuzu`, id: row.id, table: state.name });
        return false;
      }
      if (order > 0) throw new StorageError(`Kuzu returned ${state.name} rows out of id order at '${row.id}'`);
    }
    state.previous = row.id;
    return true;
  }
}
