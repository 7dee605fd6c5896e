import type { Connection } from 'kuzu';
import { reasonOf } from '../errors.js';
import { digestTables, kuzuDigestStatement, type TableDigest } from './row-digest.js';

/**
 * What Kuzu said of its tables right after the COMMIT: every model table's row count and digest,
 * or why there is none (a statement failed, Kuzu has tables the model does not). `ms`: the Kuzu
 * process's time on it.
 */
export type StoreDigest = DigestOutcome & { readonly ms: number };

export type DigestOutcome = { readonly ok: true; readonly tables: readonly TableDigest[] } | { readonly ok: false; readonly reason: string };

/** Runs statements on the database and gives each one's rows, each a list of values in column order. */
export type RowsOf = (statements: readonly string[]) => Promise<unknown>;

/**
 * Every model table's digest, computed inside Kuzu by one statement a table (row-digest.ts), after
 * checking that Kuzu's tables are the model's: validation would report a table only Kuzu has.
 */
export async function digestKuzu(rows: RowsOf, statement: (table: string) => string = kuzuDigestStatement): Promise<DigestOutcome> {
  const tables = digestTables();
  try {
    const results = await rows(['CALL show_tables() RETURN name, type', ...tables.map((t) => statement(t.table))]);
    if (!Array.isArray(results) || results.length !== tables.length + 1) return { ok: false, reason: 'Kuzu gave no digest' };
    const [listed, ...digests] = results as unknown[][][];
    const kinds = new Map(tables.map((t) => [t.table, t.kind === 'node' ? 'NODE' : 'REL']));
    const unknown = (listed ?? []).filter(([name, type]) => typeof name !== 'string' || kinds.get(name) !== type).map(([name]) => String(name));
    if (unknown.length > 0) return { ok: false, reason: `Kuzu has tables the model does not: ${unknown.join(', ')}` };
    const found: TableDigest[] = [];
    for (const [i, { table }] of tables.entries()) {
      const [row] = digests[i] ?? [];
      const [count, digest] = row ?? [];
      if (typeof count !== 'number' || (digest !== null && typeof digest !== 'string')) return { ok: false, reason: `Kuzu gave no digest of ${table}` };
      found.push({ table, rows: count, digest: count === 0 ? null : (digest as string) });
    }
    return { ok: true, tables: found };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/**
 * Each statement's rows (of its last result, for a text of several statements), each a list of
 * values in column order, integers as numbers: what RowsOf gives, on open connections to one
 * database. With more than one connection the statements run side by side, each on the next free
 * connection (Kuzu runs read queries of different connections at once): one table's digest keeps
 * about one core busy, and real-10k's 17 took 0.60-0.86 s on one connection, 0.42-0.52 s on two.
 * After a failure no statement more is started, and the ones running are waited for before it is
 * thrown, so that no query is left running on a connection about to be closed.
 */
export async function statementRows(conns: readonly Connection[], statements: readonly string[]): Promise<unknown[][][]> {
  const all: unknown[][][] = new Array(statements.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const drain = async (conn: Connection): Promise<void> => {
    while (!failure && next < statements.length) {
      const at = next++;
      try {
        all[at] = await oneStatement(conn, statements[at]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(conns.map(drain));
  if (failure) throw failure.error;
  return all;
}

async function oneStatement(conn: Connection, statement: string): Promise<unknown[][]> {
  const result = await conn.query(statement);
  const results = Array.isArray(result) ? result : [result];
  try {
    const last = results[results.length - 1]!;
    const columns = last.getColumnNamesSync();
    return (await last.getAll()).map((row) => columns.map((column) => (typeof row[column] === 'bigint' ? Number(row[column]) : row[column])));
  } finally {
    for (const r of results) r.close();
  }
}
