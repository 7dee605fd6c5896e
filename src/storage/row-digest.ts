import crypto from 'node:crypto';
import {
  NODE_LABELS,
  NODE_TABLES,
  RELATIONSHIP_TABLES,
  RELATIONSHIP_TYPES,
  type GraphNode,
  type GraphRelationship,
  type PropertyTable,
  type PropertyType,
} from '../graph/model.js';
import { plain } from './sorted-runs.js';

// A table's digest: its row count and a hash of the sorted list of its rows' hashes, so the same
// rows in any order give the same digest. A row's hash is the md5 of its text: a JSON object of its
// id, for a relationship its ends' ids, and every property of its table (null where it has none),
// in the model's column order. Kuzu computes it in Cypher with to_json and md5 (kuzuDigestStatement);
// this process computes it from graph.json's items (rowText), writing JSON the way Kuzu 0.11.3's
// to_json does, so that two texts are equal exactly when the two rows are: same id, same ends,
// every property equal, as validation compares them (validate/compare-kuzu.ts compareRow).

/** Hex digits of a row's md5 kept: 48 bits, which Kuzu keeps inline in a string and a double holds exactly. */
const ROW_HASH_HEX = 12;

export interface TableDigest {
  readonly table: string;
  readonly rows: number;
  /** null for an empty table. */
  readonly digest: string | null;
}

/** The model's tables and their columns, as a digest sees them. */
interface DigestTable {
  readonly table: string;
  readonly kind: 'node' | 'rel';
  /** Each column's name, its type, and its key as the row text writes it (`,"name":`). */
  readonly columns: readonly { readonly name: string; readonly type: PropertyType; readonly key: string }[];
}

const TABLES: readonly DigestTable[] = [
  ...NODE_LABELS.map((table) => ({ table, kind: 'node' as const, columns: columnsOf(NODE_TABLES[table]) })),
  ...RELATIONSHIP_TYPES.map((table) => ({ table, kind: 'rel' as const, columns: columnsOf(RELATIONSHIP_TABLES[table].properties) })),
];
const BY_NAME = new Map(TABLES.map((t) => [t.table, t]));

function columnsOf(table: PropertyTable): DigestTable['columns'] {
  return Object.entries(table).map(([name, spec]) => ({ name, type: spec.type, key: `,${JSON.stringify(name)}:` }));
}

/** The model's tables in model order (nodes, then relationships), with their kind as Kuzu's show_tables names it. */
export function digestTables(): readonly { readonly table: string; readonly kind: 'node' | 'rel' }[] {
  return TABLES;
}

/** The Cypher statement that gives one table's `rows` and `digest`, the same as TableDigests does here. */
export function kuzuDigestStatement(table: string): string {
  const spec = BY_NAME.get(table);
  if (!spec) throw new Error(`no table ${table} in the model`);
  const v = spec.kind === 'node' ? 'n' : 'r';
  const fields = [`id: ${v}.id`, ...(spec.kind === 'rel' ? ['source: a.id', 'target: b.id'] : []), ...spec.columns.map(({ name }) => `${quote(name)}: ${v}.${quote(name)}`)];
  const match = spec.kind === 'node' ? `MATCH (n:${quote(table)})` : `MATCH (a)-[r:${quote(table)}]->(b)`;
  const rowHash = `substring(md5(CAST(to_json({${fields.join(', ')}}) AS STRING)), 1, ${ROW_HASH_HEX})`;
  return `${match} RETURN count(*) AS rows, md5(list_to_string(',', list_sort(collect(${rowHash})))) AS digest`;
}

/**
 * A graph.json node's or relationship's row text, as kuzuDigestStatement's to_json writes it; undefined
 * when the item has a value Kuzu could not hold as validation reads it back (an integer past 2^53).
 */
export function rowText(item: GraphNode | GraphRelationship): string | undefined {
  const isNode = 'label' in item;
  const spec = BY_NAME.get(isNode ? item.label : item.type);
  if (!spec) return undefined;
  let text = `{"id":${jsonString(item.id)}`;
  if (!isNode) text += `,"source":${jsonString(item.source)},"target":${jsonString(item.target)}`;
  const properties = item.properties;
  for (const { name, type, key } of spec.columns) {
    const value = properties[name];
    const json = value === undefined ? 'null' : jsonValue(type, value);
    if (json === undefined) return undefined;
    text += key + json;
  }
  return `${text}}`;
}

function jsonValue(type: PropertyType, value: unknown): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') {
    if (type === 'float') return floatText(value);
    // Validation reads a Kuzu INT64 past 2^53 as text, never equal to a number: no digest can match it.
    return Number.isSafeInteger(value) ? String(value) : undefined;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? jsonString(v) : JSON.stringify(v))).join(',')}]`;
  return JSON.stringify(value);
}

/** A double as Kuzu's to_json writes it: shortest round trip, `.0` on whole numbers, `e21` not `e+21`. */
function floatText(value: number): string {
  const text = String(value === 0 ? 0 : value); // -0 reads back from Kuzu as 0
  if (text.includes('e')) return text.replace('e+', 'e');
  return text.includes('.') ? text : `${text}.0`;
}

/** A string as Kuzu's to_json writes it: as JSON.stringify does, but \u00XX escapes with capital hex digits. */
function jsonString(value: string): string {
  // Most strings need no escape: quoted as they are, at a third of JSON.stringify's cost (real-10k's
  // 772k strings: 190 -> 68 ms; rowText 1.0 -> 0.68 s, on the thread writing graph.json).
  if (plain(value)) return `"${value}"`;
  const json = JSON.stringify(value);
  if (!json.includes('\\u00')) return json;
  // Only an escape's own backslash starts `\u00`: an escaped backslash is `\\`, skipped whole.
  return json.replace(/\\(\\|u00[0-9a-f]{2})/g, (escape: string) => (escape === '\\\\' ? escape : escape.toUpperCase().replace('\\U', '\\u')));
}

// crypto.hash (Node 20.12+) costs a third of createHash's round trip for a short text.
const md5 =
  typeof crypto.hash === 'function' ? (text: string): string => crypto.hash('md5', text) : (text: string): string => crypto.createHash('md5').update(text).digest('hex');

/** The digests of the rows given, table by table, in any order. */
export class TableDigests {
  /** Each table's row hashes, as numbers (48 bits), appended in a growing typed array. */
  private readonly hashes = new Map<string, { values: Float64Array; count: number }>();

  add(table: string, text: string): void {
    let entry = this.hashes.get(table);
    if (!entry) this.hashes.set(table, (entry = { values: new Float64Array(1024), count: 0 }));
    if (entry.count === entry.values.length) {
      const grown = new Float64Array(entry.values.length * 2);
      grown.set(entry.values);
      entry.values = grown;
    }
    entry.values[entry.count++] = Number.parseInt(md5(text).slice(0, ROW_HASH_HEX), 16);
  }

  /** Every model table's digest, in model order (empty ones too). */
  digests(): TableDigest[] {
    return TABLES.map(({ table }) => {
      const entry = this.hashes.get(table);
      if (!entry || entry.count === 0) return { table, rows: 0, digest: null };
      const sorted = entry.values.subarray(0, entry.count).sort();
      const parts = new Array<string>(entry.count);
      for (let i = 0; i < entry.count; i++) parts[i] = sorted[i]!.toString(16).padStart(ROW_HASH_HEX, '0');
      return { table, rows: entry.count, digest: md5(parts.join(',')) };
    });
  }
}

function quote(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
