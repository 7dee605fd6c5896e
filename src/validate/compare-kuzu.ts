import type { CheckedGraph, FindingTally } from '../graph/check.js';
import {
  NODE_TABLES,
  RELATIONSHIP_TABLES,
  isNodeLabel,
  isRelationshipType,
  type Properties,
  type PropertyTable,
  type PropertyValue,
} from '../graph/model.js';
import { StorageError } from '../errors.js';
import type { KuzuReader, KuzuTable, NodeRow, PlainValue, RelationshipRow } from '../storage/kuzu-reader.js';
import { rowEncoder, tableDigest, type DigestColumn } from './table-digest.js';

/** Rows per label or type on each side; `kuzu` is null when Kuzu has no such table. */
export interface TableCount {
  readonly table: string;
  readonly json: number;
  readonly kuzu: number | null;
}

export interface KuzuComparison {
  readonly nodeCounts: readonly TableCount[];
  readonly relationshipCounts: readonly TableCount[];
  /** Schema remarks: tables or columns Kuzu lacks, tables the model does not know. */
  readonly notes: readonly string[];
  /** Tables read back row by row because their digests differed (or could not be compared). */
  readonly rowByRow: readonly string[];
}

interface Side {
  readonly kind: 'node' | 'relationship';
  readonly modelTables: readonly string[];
  propertiesOf(table: string): readonly string[];
  /** The model's property table, for the digest's value types; undefined for a table it does not know. */
  typesOf(table: string): PropertyTable | undefined;
  /** Index lists into the JSON items, per label or type, in Kuzu's id order. */
  readonly lists: Map<string, number[]>;
  readonly items: readonly { readonly id: string; readonly source?: string; readonly target?: string; readonly properties: Properties }[];
  tableOf(index: number): string;
  find(id: string): number;
}

/** Kuzu's side of the fast path: each model table Kuzu has, with its row count and digest. */
export interface KuzuDigests {
  /** Every node and relationship table in Kuzu, the model's or not. */
  readonly listed: readonly { readonly name: string; readonly kind: 'node' | 'rel' }[];
  /** Undefined when Kuzu could not work them out (a column missing, say): every table is read back. */
  readonly digests?: ReadonlyMap<string, { readonly rows: number; readonly digest: string }>;
}

/**
 * Kuzu's digests of every model table it has, over the model's columns. They need nothing from
 * graph.json, so validation starts them as soon as the database is open and Kuzu works them out on
 * its own threads while graph.json is read and checked.
 */
export async function kuzuDigests(reader: KuzuReader): Promise<KuzuDigests> {
  let listed: KuzuDigests['listed'] = [];
  try {
    listed = await reader.tableNames();
    const plans = listed.flatMap((table) => {
      const properties = table.kind === 'node' ? (isNodeLabel(table.name) ? NODE_TABLES[table.name] : undefined) : isRelationshipType(table.name) ? RELATIONSHIP_TABLES[table.name].properties : undefined;
      return properties ? [{ table, columns: Object.keys(properties) }] : [];
    });
    const found = await reader.digests(plans);
    return { listed, digests: new Map(plans.map((p, i) => [p.table.name, found[i]!])) };
  } catch {
    // Whatever went wrong shows again, with its reason, when the tables are read back.
    return { listed };
  }
}

/**
 * Compares graph.json with graph.kuzu table by table. A table whose row count and digest of every
 * row and property agree (`kuzuDigests`) is equal and is not read back; any other is streamed from
 * Kuzu ordered by id and merged against graph.json's entries of that table, so Kuzu's side is never
 * held whole. Differences go into `tally`; the function returns the counts per table.
 */
export async function compareWithKuzu(
  checked: CheckedGraph,
  reader: KuzuReader,
  tally: FindingTally,
  digests?: KuzuDigests,
): Promise<KuzuComparison> {
  const { graph } = checked;
  const notes: string[] = [];
  const nodeSide: Side = {
    kind: 'node',
    modelTables: Object.keys(NODE_TABLES),
    propertiesOf: (t) => (isNodeLabel(t) ? Object.keys(NODE_TABLES[t]) : []),
    typesOf: (t) => (isNodeLabel(t) ? NODE_TABLES[t] : undefined),
    lists: groupBy(checked.nodeOrder, (i) => graph.nodes[i]!.label),
    items: graph.nodes,
    tableOf: (i) => graph.nodes[i]!.label,
    find: checked.findNode,
  };
  const relSide: Side = {
    kind: 'relationship',
    modelTables: Object.keys(RELATIONSHIP_TABLES),
    propertiesOf: (t) => (isRelationshipType(t) ? Object.keys(RELATIONSHIP_TABLES[t].properties) : []),
    typesOf: (t) => (isRelationshipType(t) ? RELATIONSHIP_TABLES[t].properties : undefined),
    lists: groupBy(checked.relationshipOrder, (i) => graph.relationships[i]!.type),
    items: graph.relationships,
    tableOf: (i) => graph.relationships[i]!.type,
    find: checked.findRelationship,
  };
  const kuzu = digests ?? (await kuzuDigests(reader));
  const matched = matchingTables([nodeSide, relSide], kuzu, checked.compare);
  // When every table matched, the columns (a statement per table) are not needed.
  const everyTable = [...nodeSide.modelTables, ...relSide.modelTables, ...kuzu.listed.map((t) => t.name)];
  const kuzuTables = everyTable.every((t) => matched.has(t)) ? kuzu.listed.map((t) => ({ ...t, columns: [] })) : await reader.tables();
  const rowByRow: string[] = [];
  const nodeCounts = await compareSide(nodeSide, kuzuTables.filter((t) => t.kind === 'node'), checked, reader, tally, notes, matched, rowByRow);
  const relationshipCounts = await compareSide(relSide, kuzuTables.filter((t) => t.kind === 'rel'), checked, reader, tally, notes, matched, rowByRow);
  return { nodeCounts, relationshipCounts, notes, rowByRow };
}

/** The tables whose row count and digest are the same in Kuzu and in graph.json. */
function matchingTables(sides: readonly Side[], kuzu: KuzuDigests, compare: (a: string, b: string) => number): Set<string> {
  const matched = new Set<string>();
  for (const side of sides) {
    for (const name of side.modelTables) {
      const found = kuzu.digests?.get(name);
      const list = side.lists.get(name) ?? [];
      if (!found || found.rows !== list.length) continue;
      const properties = side.propertiesOf(name);
      if (list.length === 0 || found.digest === digestOf(side, list, properties, side.typesOf(name)!, compare)) matched.add(name);
    }
  }
  return matched;
}

async function compareSide(
  side: Side,
  kuzuTables: readonly KuzuTable[],
  checked: CheckedGraph,
  reader: KuzuReader,
  tally: FindingTally,
  notes: string[],
  matched: ReadonlySet<string>,
  rowByRow: string[],
): Promise<TableCount[]> {
  const byName = new Map(kuzuTables.map((t) => [t.name, t]));
  const names = [...side.modelTables, ...kuzuTables.map((t) => t.name).filter((n) => !side.modelTables.includes(n))];
  const missing: number[] = [];
  // Ids found in a Kuzu table other than their graph.json label/type: reported once, as moved.
  const moved = new Set<string>();
  const counts: TableCount[] = [];

  for (const name of names) {
    const list = side.lists.get(name) ?? [];
    const table = byName.get(name);
    if (!table) {
      if (list.length > 0) notes.push(`Kuzu has no ${side.kind} table ${name}`);
      missing.push(...list);
      counts.push({ table: name, json: list.length, kuzu: null });
      continue;
    }
    // A matched table is a model table Kuzu has with every column (its digest covers them all).
    if (matched.has(name)) {
      counts.push({ table: name, json: list.length, kuzu: list.length });
      continue;
    }
    if (!side.modelTables.includes(name)) notes.push(`Kuzu has a ${side.kind} table ${name} that the model does not know`);
    const properties = side.propertiesOf(name);
    const columns = properties.filter((p) => table.columns.includes(p));
    for (const p of properties) if (!columns.includes(p)) notes.push(`Kuzu table ${name} has no column ${p}`);
    rowByRow.push(name);
    // Where each property sits in a Kuzu row, -1 when Kuzu lacks the column (read as NULL).
    const slots = properties.map((p) => columns.indexOf(p));

    const batches: AsyncGenerator<(NodeRow & Partial<RelationshipRow>)[]> = side.kind === 'node' ? reader.nodes(name, columns) : reader.relationships(name, columns);
    let j = 0;
    let previous: string | undefined;
    let kuzuCount = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        kuzuCount += 1;
        if (previous !== undefined) {
          const order = checked.compare(previous, row.id);
          if (order === 0) {
            tally.add({ kind: `${side.kind}-duplicate-in-kuzu`, id: row.id, table: name });
            continue;
          }
          if (order > 0) throw new StorageError(`Kuzu returned ${name} rows out of id order at '${row.id}'`);
        }
        previous = row.id;
        while (j < list.length && checked.compare(side.items[list[j]!]!.id, row.id) < 0) missing.push(list[j++]!);
        if (j < list.length && side.items[list[j]!]!.id === row.id) {
          const index = list[j++]!;
          if (row.source !== undefined && row.target !== undefined) compareEnds(checked, index, row.source, row.target, name, tally);
          compareProperties(side, index, name, properties, slots, row.values, tally);
          continue;
        }
        const elsewhere = side.find(row.id);
        if (elsewhere >= 0) {
          moved.add(row.id);
          tally.add({ kind: `${side.kind}-${side.kind === 'node' ? 'label' : 'type'}-differs`, id: row.id, json: side.tableOf(elsewhere), kuzu: name });
        } else {
          tally.add({ kind: `${side.kind}-extra-in-kuzu`, id: row.id, table: name });
        }
      }
    }
    while (j < list.length) missing.push(list[j++]!);
    counts.push({ table: name, json: list.length, kuzu: kuzuCount });
  }

  for (const index of missing) {
    const item = side.items[index]!;
    if (!moved.has(item.id)) tally.add({ kind: `${side.kind}-missing-in-kuzu`, id: item.id, table: side.tableOf(index) });
  }
  return counts;
}

/** graph.json's side of `KuzuReader.digest`: the same row texts over the same columns. */
function digestOf(side: Side, list: readonly number[], properties: readonly string[], table: PropertyTable, compare: (a: string, b: string) => number): string {
  const ends = side.kind === 'relationship';
  const types: DigestColumn[] = [...(ends ? ['id', 'id', 'id'] as const : ['id'] as const), ...properties.map((p) => table[p]!.type)];
  const encode = rowEncoder(types);
  const values: (PropertyValue | undefined)[] = new Array<PropertyValue | undefined>(types.length);
  const rows: string[] = new Array<string>(list.length);
  for (let r = 0; r < list.length; r++) {
    const item = side.items[list[r]!]!;
    values[0] = item.id;
    let k = 1;
    if (ends) {
      values[k++] = item.source;
      values[k++] = item.target;
    }
    for (const p of properties) values[k++] = item.properties[p];
    rows[r] = encode(values);
  }
  return tableDigest(rows, compare);
}

function compareEnds(checked: CheckedGraph, index: number, source: string, target: string, table: string, tally: FindingTally): void {
  const rel = checked.graph.relationships[index]!;
  if (rel.source !== source) tally.add({ kind: 'relationship-endpoint-differs', id: rel.id, table, property: 'source', json: rel.source, kuzu: source });
  if (rel.target !== target) tally.add({ kind: 'relationship-endpoint-differs', id: rel.id, table, property: 'target', json: rel.target, kuzu: target });
}

function compareProperties(
  side: Side,
  index: number,
  table: string,
  properties: readonly string[],
  slots: readonly number[],
  values: readonly PlainValue[],
  tally: FindingTally,
): void {
  const item = side.items[index]!;
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p]!;
    const slot = slots[p]!;
    const kuzu = slot < 0 ? null : values[slot]!;
    const json = item.properties[property];
    if (sameValue(json, kuzu)) continue;
    tally.add({
      kind: `${side.kind}-property-differs`,
      id: item.id,
      table,
      property,
      ...(json === undefined ? {} : { json }),
      ...(kuzu === null ? {} : { kuzu }),
    });
  }
}

/** graph.json leaves out what has no value; Kuzu holds it as NULL. Anything else must be equal. */
function sameValue(json: PropertyValue | undefined, kuzu: PlainValue): boolean {
  if (json === undefined) return kuzu === null;
  if (Array.isArray(json)) {
    return Array.isArray(kuzu) && kuzu.length === json.length && json.every((item, i) => item === kuzu[i]);
  }
  return json === kuzu;
}

function groupBy(order: readonly number[], key: (index: number) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const index of order) {
    const k = key(index);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(index);
  }
  return groups;
}
