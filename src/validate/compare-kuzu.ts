import type { CheckedGraph, FindingTally } from '../graph/check.js';
import {
  NODE_TABLES,
  RELATIONSHIP_TABLES,
  isNodeLabel,
  isRelationshipType,
  type Properties,
  type PropertyValue,
} from '../graph/model.js';
import { StorageError } from '../errors.js';
import type { KuzuReader, KuzuTable, NodeRow, PlainValue, RelationshipRow } from '../storage/kuzu-reader.js';

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
}

export type SideKind = 'node' | 'relationship';

/** The model's tables of one side, in the model's order, and each one's properties. */
export function sideTables(kind: SideKind): { readonly modelTables: readonly string[]; propertiesOf(table: string): readonly string[] } {
  return kind === 'node'
    ? { modelTables: Object.keys(NODE_TABLES), propertiesOf: (t) => (isNodeLabel(t) ? Object.keys(NODE_TABLES[t]) : []) }
    : { modelTables: Object.keys(RELATIONSHIP_TABLES), propertiesOf: (t) => (isRelationshipType(t) ? Object.keys(RELATIONSHIP_TABLES[t].properties) : []) };
}

interface Side {
  readonly kind: SideKind;
  readonly modelTables: readonly string[];
  propertiesOf(table: string): readonly string[];
  /** Index lists into the JSON items, per label or type, in Kuzu's id order. */
  readonly lists: Map<string, number[]>;
  readonly items: readonly { readonly id: string; readonly properties: Properties }[];
  tableOf(index: number): string;
  find(id: string): number;
}

/**
 * Compares graph.json with graph.kuzu table by table: Kuzu streams each table ordered by id and it
 * is merged against graph.json's entries of that table, so Kuzu's side is never held whole.
 * Differences go into `tally`; the function returns the counts per table.
 */
export async function compareWithKuzu(checked: CheckedGraph, reader: KuzuReader, tally: FindingTally): Promise<KuzuComparison> {
  const { graph } = checked;
  const kuzuTables = await reader.tables();
  const notes: string[] = [];
  const nodeSide: Side = {
    kind: 'node',
    ...sideTables('node'),
    lists: groupBy(checked.nodeOrder, (i) => graph.nodes[i]!.label),
    items: graph.nodes,
    tableOf: (i) => graph.nodes[i]!.label,
    find: checked.findNode,
  };
  const relSide: Side = {
    kind: 'relationship',
    ...sideTables('relationship'),
    lists: groupBy(checked.relationshipOrder, (i) => graph.relationships[i]!.type),
    items: graph.relationships,
    tableOf: (i) => graph.relationships[i]!.type,
    find: checked.findRelationship,
  };
  const nodeCounts = await compareSide(nodeSide, kuzuTables.filter((t) => t.kind === 'node'), checked, reader, tally, notes);
  const relationshipCounts = await compareSide(relSide, kuzuTables.filter((t) => t.kind === 'rel'), checked, reader, tally, notes);
  return { nodeCounts, relationshipCounts, notes };
}

async function compareSide(
  side: Side,
  kuzuTables: readonly KuzuTable[],
  checked: CheckedGraph,
  reader: KuzuReader,
  tally: FindingTally,
  notes: string[],
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
    if (!side.modelTables.includes(name)) notes.push(`Kuzu has a ${side.kind} table ${name} that the model does not know`);
    const properties = side.propertiesOf(name);
    const { columns, slots } = columnsOf(table, properties);
    for (const p of properties) if (!columns.includes(p)) notes.push(`Kuzu table ${name} has no column ${p}`);

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
          compareRow(side.kind, side.items[list[j++]!]!, row, { name, properties, slots }, tally);
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

/** The columns to read of a Kuzu table, and where each property sits in a row (-1: Kuzu lacks it, read as NULL). */
export function columnsOf(table: KuzuTable, properties: readonly string[]): { columns: string[]; slots: number[] } {
  const columns = properties.filter((p) => table.columns.includes(p));
  return { columns, slots: properties.map((p) => columns.indexOf(p)) };
}

/** A graph.json item and the Kuzu row with its id, in table `table.name`: ends and every property. */
export function compareRow(
  kind: 'node' | 'relationship',
  item: { readonly id: string; readonly properties: Properties; readonly source?: string; readonly target?: string },
  row: NodeRow & Partial<RelationshipRow>,
  table: { readonly name: string; readonly properties: readonly string[]; readonly slots: readonly number[] },
  tally: FindingTally,
): void {
  const { name, properties, slots } = table;
  if (row.source !== undefined && row.target !== undefined) {
    if (item.source !== row.source) tally.add({ kind: 'relationship-endpoint-differs', id: item.id, table: name, property: 'source', json: item.source, kuzu: row.source });
    if (item.target !== row.target) tally.add({ kind: 'relationship-endpoint-differs', id: item.id, table: name, property: 'target', json: item.target, kuzu: row.target });
  }
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p]!;
    const slot = slots[p]!;
    const kuzu = slot < 0 ? null : row.values[slot]!;
    const json = item.properties[property];
    if (sameValue(json, kuzu)) continue;
    tally.add({
      kind: `${kind}-property-differs`,
      id: item.id,
      table: name,
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
