import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import kuzu, { type Connection, type Database, type KuzuValue, type QueryResult } from 'kuzu';
import { StorageError, UsageError } from '../errors.js';

/** A value as read back from Kuzu, made plain (no bigint, no Date, no native handles). */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

export interface KuzuTable {
  readonly name: string;
  readonly kind: 'node' | 'rel';
  /** Column names in table order (rel tables: without the internal _src/_dst). */
  readonly columns: readonly string[];
}

export interface NodeRow {
  readonly id: string;
  /** The row's offset in its table (Kuzu's internal id), when asked for. */
  readonly offset?: number;
  /** Values of the requested columns, in the order asked for; null where Kuzu has NULL. */
  readonly values: readonly PlainValue[];
}

export interface RelationshipRow extends NodeRow {
  readonly source: string;
  readonly target: string;
}

export interface QueryRows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly PlainValue[])[];
}

/**
 * The buffer pool for reading a database of `fileBytes`. Kuzu's default (0: 80% of RAM) costs a
 * page table built on every open (~130 ms on these machines, ~10 ms for 256 MiB), so the pool is
 * sized to the file instead: eight times it, at least 256 MiB, leaving room for the sorts of the
 * ordered scans, which happen inside the pool (a fixed 256 MiB could not sort the 440k DEFINES
 * rows of the 1.1M-item validation benchmark, whose graph.kuzu is 255 MB; 2 GiB did, in 10.6 s). 0 where that would be
 * more than Kuzu's default.
 */
export function readBufferPoolFor(fileBytes: number, totalMemoryBytes: number): number {
  const wanted = Math.max(256 * 2 ** 20, 8 * fileBytes);
  return wanted >= 0.8 * totalMemoryBytes ? 0 : Math.ceil(wanted / 2 ** 20) * 2 ** 20;
}

/**
 * A read-only handle on graph.kuzu. Write statements fail inside Kuzu itself because the database
 * is opened read-only. Every QueryResult is closed before the next one starts and before close().
 */
export class KuzuReader {
  private constructor(
    private readonly db: Database,
    private readonly conn: Connection,
  ) {}

  /** Opens `path` read-only; a missing, corrupt or locked database becomes a one-line StorageError. */
  static async open(path: string): Promise<KuzuReader> {
    if (!existsSync(path)) throw new UsageError(`no Kuzu database at ${path}`);
    let db: Database | undefined;
    try {
      db = new kuzu.Database(path, readBufferPoolFor(statSync(path).size, totalmem()), true, true);
      await db.init();
      const conn = new kuzu.Connection(db);
      await conn.init();
      return new KuzuReader(db, conn);
    } catch (error) {
      if (db) await db.close().catch(() => undefined);
      // Kuzu's own message is the reason; it is not attached as a cause, which would print it again.
      const message = kuzuMessage(error);
      if (/could not set lock/i.test(message)) {
        throw new StorageError(`cannot open ${path}: another process has it open (an index run writing it?); try again when it is done`);
      }
      throw new StorageError(`cannot open ${path}: ${message}`);
    }
  }

  async tables(): Promise<KuzuTable[]> {
    const listed = await this.rows('CALL show_tables() RETURN name, type');
    const tables = listed.rows.flatMap(([name, type]) =>
      typeof name === 'string' && (type === 'NODE' || type === 'REL') ? [{ name, kind: type === 'NODE' ? ('node' as const) : ('rel' as const) }] : [],
    );
    if (tables.length === 0) return [];
    // Every table's columns in one statement: one per table cost 25–110 ms more on a cold reader.
    const info = await this.rows(tables.map((t, i) => `CALL table_info(${cypherString(t.name)}) RETURN ${i} AS t, \`property id\` AS p, name`).join(' UNION ALL '));
    const columns = tables.map((): [number, string][] => []);
    for (const [t, p, column] of info.rows) columns[Number(t)]?.push([Number(p), String(column)]);
    return tables.map((t, i) => ({ ...t, columns: columns[i]!.sort(([a], [b]) => a - b).map(([, column]) => column) }));
  }

  /** Rows of a node table ordered by id (UTF-8 byte order), in batches; `offsets`: with each row's offset. */
  async *nodes(label: string, columns: readonly string[], offsets = false): AsyncGenerator<NodeRow[]> {
    const select = ['n.id', ...(offsets ? ['offset(id(n)) AS o'] : []), ...columns.map((c) => `n.${quoteName(c)}`)].join(', ');
    const first = offsets ? 2 : 1;
    yield* this.stream(`MATCH (n:${quoteName(label)}) RETURN ${select} ORDER BY n.id`, (row) => ({
      id: String(row[0]),
      ...(offsets ? { offset: Number(row[1]) } : {}),
      values: row.slice(first),
    }));
  }

  /**
   * Rows of a relationship table (every FROM/TO pair) ordered by id, with their endpoints' ids, in
   * batches. With `ends`, Kuzu gives each end as a number instead, its offset times the number of
   * node tables plus its table's index in `ends.tables`, which `ends.idOf` turns into the node's id:
   * reading the ends' ids made Kuzu join the node tables, which cost a third of the memory and time
   * of reading the largest table (CALLS of the 50k-file benchmark: 862 MB and 6.2 s, 587 MB and 4.1 s without).
   */
  async *relationships(
    type: string,
    columns: readonly string[],
    ends?: { readonly tables: readonly string[]; idOf(key: number): string },
  ): AsyncGenerator<RelationshipRow[]> {
    // Named short: rows come back as objects keyed by column name, and a long key cost a third of the reading.
    const end = (v: string, name: string): string =>
      ends ? `offset(id(${v})) * ${ends.tables.length} + CASE label(${v}) ${ends.tables.map((t, i) => `WHEN ${cypherString(t)} THEN ${i}`).join(' ')} END AS ${name}` : `${v}.id`;
    const select = ['r.id', end('a', 's'), end('b', 't'), ...columns.map((c) => `r.${quoteName(c)}`)].join(', ');
    const idOf = ends ? (value: PlainValue) => ends.idOf(Number(value)) : String;
    yield* this.stream(`MATCH (a)-[r:${quoteName(type)}]->(b) RETURN ${select} ORDER BY r.id`, (row) => ({
      id: String(row[0]),
      source: idOf(row[1]!),
      target: idOf(row[2]!),
      values: row.slice(3),
    }));
  }

  /** The rows of a statement of our own (no parameters), in batches, for results too large to hold at once. */
  select(cypher: string): AsyncGenerator<PlainValue[][]> {
    return this.stream(cypher, (row) => row);
  }

  /** Runs one statement with parameters bound by Kuzu (never spliced into the text). */
  async query(cypher: string, params: Readonly<Record<string, KuzuValue>> = {}): Promise<QueryRows> {
    let prepared;
    try {
      prepared = await this.conn.prepare(cypher);
    } catch (error) {
      throw queryError(kuzuMessage(error));
    }
    if (!prepared.isSuccess()) throw queryError(firstLine(prepared.getErrorMessage()));
    let result: QueryResult | QueryResult[];
    try {
      result = await this.conn.execute(prepared, { ...params });
    } catch (error) {
      throw queryError(kuzuMessage(error));
    }
    return collect(result);
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.close();
  }

  private async rows(cypher: string): Promise<QueryRows> {
    return collect(await this.conn.query(cypher));
  }

  /**
   * A result's rows in batches: a row at a time through the binding, handed on a batch at a time,
   * since an async generator's round trip per row cost more than reading the row.
   */
  private async *stream<R>(cypher: string, toRow: (values: PlainValue[]) => R): AsyncGenerator<R[]> {
    const result = single(await this.conn.query(cypher));
    try {
      const columns = result.getColumnNamesSync();
      let batch: R[] = [];
      while (result.hasNext()) {
        const row = result.getNextSync();
        if (row) batch.push(toRow(columns.map((c) => plain(row[c] ?? null))));
        if (batch.length === STREAM_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      result.close();
    }
  }

}

const STREAM_BATCH = 1024;

async function collect(result: QueryResult | QueryResult[]): Promise<QueryRows> {
  const results = Array.isArray(result) ? result : [result];
  try {
    const last = results[results.length - 1];
    if (!last) return { columns: [], rows: [] };
    const columns = last.getColumnNamesSync();
    const rows = (await last.getAll()).map((row) => columns.map((c) => plain(row[c] ?? null)));
    return { columns, rows };
  } finally {
    for (const r of results) r.close();
  }
}

function single(result: QueryResult | QueryResult[]): QueryResult {
  if (!Array.isArray(result)) return result;
  for (const r of result.slice(0, -1)) r.close();
  return result[result.length - 1]!;
}

/** Makes Kuzu values JSON-safe: bigint to number (or string past 2^53), Date to ISO text. */
export function plain(value: KuzuValue | undefined): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: { [key: string]: PlainValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v as KuzuValue);
    return out;
  }
  return value;
}

/** A failed user query is a usage error (exit 2) in one line; a write attempt says why it failed. */
function queryError(message: string): UsageError {
  return new UsageError(/read-only/i.test(message) ? 'write statements are not allowed: codegraph query opens graph.kuzu read-only' : message);
}

function quoteName(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function cypherString(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function kuzuMessage(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
