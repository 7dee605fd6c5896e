import { NODE_LABELS, RELATIONSHIP_TYPES, type GraphNode, type NodeLabel, type PropertyValue } from '../graph/model.js';
import { GraphStatsCollector, summaryOf, type GraphStats } from '../graph/stats.js';
import type { KuzuReader, KuzuTable, PlainValue } from '../storage/kuzu-reader.js';

/** The columns read of a File, a Class and a callee: what the collector keeps of each (GraphStatsCollector.keep, summaryOf). */
const FILE_COLUMNS = ['filePath', 'lines', 'language'];
const CLASS_COLUMNS = ['name', 'filePath'];
const CALLEE_COLUMNS = ['name', 'filePath', 'owner'];

/**
 * graph.kuzu's figures for `codegraph stats`. What is a count or a sum is worked out inside Kuzu;
 * only the rows a figure needs one by one come back: the files, the classes, the import edges (for
 * fan-in, fan-out and cycles, as file offsets), the classes' bases, and the callees whose calls may
 * reach the most-called list. Reading every table back instead cost 2 GB and 15 s on the
 * 50,000-file benchmark (docs/benchmarks.md).
 */
export async function readKuzuStats(reader: KuzuReader, top: number): Promise<GraphStats> {
  const stats = new GraphStatsCollector();
  const tables = new Map((await reader.tables()).map((t) => [t.name, t]));
  const counted = [
    ...NODE_LABELS.filter((label) => tables.has(label)).map((label) => `MATCH (n:${label}) RETURN '${label}' AS t, count(*) AS c`),
    ...RELATIONSHIP_TYPES.filter((type) => tables.has(type)).map((type) => `MATCH ()-[r:${type}]->() RETURN '${type}' AS t, count(*) AS c`),
  ];
  if (counted.length > 0) {
    for (const [table, count] of (await reader.query(counted.join(' UNION ALL '))).rows) {
      if (tables.get(String(table))?.kind === 'node') stats.countNodes(String(table), Number(count));
      else stats.countRelationships(String(table), Number(count));
    }
  }

  // A file's id by its offset in the File table: the import edges come back as offsets, since
  // reading the ends' ids would make Kuzu join the File table twice per edge.
  const fileIds: string[] = [];
  const files = tables.get('File');
  if (files) {
    for await (const batch of reader.select(`MATCH (n:File) RETURN offset(id(n)), n.id, ${columns(files, 'n', FILE_COLUMNS)}`)) {
      for (const [offset, id, ...values] of batch) {
        fileIds[Number(offset)] = String(id);
        stats.keep(nodeOf(String(id), 'File', FILE_COLUMNS, values));
      }
    }
  }
  const classes = tables.get('Class');
  if (classes) {
    for await (const batch of reader.select(`MATCH (n:Class) RETURN n.id, ${columns(classes, 'n', CLASS_COLUMNS)}`)) {
      for (const [id, ...values] of batch) stats.keep(nodeOf(String(id), 'Class', CLASS_COLUMNS, values));
    }
  }
  if (tables.has('IMPORTS') && files) {
    for await (const batch of reader.select(`MATCH (a:File)-[r:IMPORTS]->(b:File) RETURN offset(id(a)), offset(id(b)), ${columns(tables.get('IMPORTS')!, 'r', ['kinds'])}`)) {
      for (const [source, target, list] of batch) {
        stats.addImport(fileIds[Number(source)]!, fileIds[Number(target)]!, Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []);
      }
    }
  }
  const calls = tables.get('CALLS');
  if (calls) {
    const stage = calls.columns.includes('stage') ? "coalesce(r.stage, 'unknown')" : "'unknown'";
    const sites = calls.columns.includes('callSites') ? 'coalesce(r.callSites, 1)' : '1';
    for (const [name, relationships, callSites] of (await reader.query(`MATCH ()-[r:CALLS]->() RETURN ${stage}, count(*), sum(${sites})`)).rows) {
      stats.addCallStage(String(name), Number(relationships), Number(callSites));
    }
    for (const label of ['Function', 'Method'] as const) {
      const table = tables.get(label);
      if (table) await addMostCalled(reader, stats, table, sites, top);
    }
  }
  if (tables.has('INHERITS') && classes) {
    // In id order, as graph.json lists them: a class's first base is the one kept.
    for await (const batch of reader.select('MATCH (a:Class)-[r:INHERITS]->(b) RETURN a.id, b.id ORDER BY r.id')) {
      for (const [source, target] of batch) stats.addBase(String(source), String(target));
    }
  }
  return stats.finish(top);
}

/**
 * The callees of one label that may be among the `top` most called: every one called at least as
 * often as the top-th, so that the ranking (ties broken by id, as JavaScript compares strings) is
 * made by the collector, the same as from graph.json.
 */
async function addMostCalled(reader: KuzuReader, stats: GraphStatsCollector, table: KuzuTable, sites: string, top: number): Promise<void> {
  const counted = `MATCH ()-[r:CALLS]->(b:${table.name}) WITH b, count(*) AS c, sum(${sites}) AS s`;
  const first = (await reader.query(`${counted} RETURN c, s ORDER BY c DESC, s DESC LIMIT ${top}`)).rows;
  const last = first.length === top ? first[top - 1] : undefined;
  const at = last ? ` WHERE c > ${Number(last[0])} OR (c = ${Number(last[0])} AND s >= ${Number(last[1])})` : '';
  for await (const batch of reader.select(`${counted}${at} RETURN b.id, c, s, ${columns(table, 'b', CALLEE_COLUMNS)}`)) {
    for (const [id, callers, callSites, ...values] of batch) {
      stats.addCalled(summaryOf(nodeOf(String(id), table.name as NodeLabel, CALLEE_COLUMNS, values)), Number(callers), Number(callSites));
    }
  }
}

/** `v.name` for each wanted column the table has, NULL for one it has not. */
function columns(table: KuzuTable, variable: string, wanted: readonly string[]): string {
  return wanted.map((column) => (table.columns.includes(column) ? `${variable}.${column}` : 'NULL')).join(', ');
}

function nodeOf(id: string, label: NodeLabel, names: readonly string[], values: readonly PlainValue[]): GraphNode {
  const properties: Record<string, PropertyValue> = {};
  names.forEach((name, i) => {
    const value = values[i];
    if (value !== null && value !== undefined && typeof value !== 'object') properties[name] = value;
  });
  return { id, label, properties };
}
