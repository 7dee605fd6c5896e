import path from 'node:path';
import { checkGraph, isRecord } from '../graph/check.js';
import { GRAPH_FORMAT_VERSION, NODE_TABLES, RELATIONSHIP_TABLES, type CodeGraph, type GraphNode, type GraphRelationship, type NodeLabel, type PropertyValue, type RelationshipType } from '../graph/model.js';
import { computeGraphStats, type GraphStats } from '../graph/stats.js';
import { StorageError } from '../errors.js';
import { KuzuReader, type PlainValue } from '../storage/kuzu-reader.js';
import { readGraphJson, refuseOtherFormat } from '../storage/output-reader.js';
import type { LastRun } from './last-run.js';
import { chooseStore, type StoreChoice } from './store-choice.js';

/** A processor's counts split at the first '.': `resolved.import` is group `resolved`, key `import`. */
export interface GroupedCounts {
  readonly totals: Readonly<Record<string, number>>;
  readonly groups: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface StatsReport {
  readonly outDir: string;
  /** Which store the graph figures come from, and why that one. */
  readonly source: StoreChoice;
  readonly graph: GraphStats;
  /** Resolution counts of the last index run's imports and calls processors (report.json). */
  readonly imports?: GroupedCounts;
  readonly calls?: GroupedCounts;
  readonly lastRun?: LastRun;
}

/**
 * Gathers the figures of `codegraph stats`: graph counts and rankings from graph.kuzu when it is
 * there and the last run left it current, from graph.json otherwise; resolution counts, the
 * dual-write table and timings from report.json.
 */
export async function collectStats(outDir: string, top: number): Promise<StatsReport> {
  const dir = path.resolve(outDir);
  const { choice: source, lastRun } = await chooseStore(dir);
  const graph = source.store === 'graph.kuzu' ? await graphFromKuzu(source.path) : await graphFromJson(source.path);
  const importsRun = lastRun?.phases.find((p) => p.phase === 'imports');
  // External imports by package show as the group `package`.
  const imports = importsRun && {
    ...importsRun.counts,
    ...Object.fromEntries(Object.entries(importsRun.externalPackages ?? {}).map(([name, n]) => [`package.${name}`, n])),
  };
  const calls = lastRun?.phases.find((p) => p.phase === 'calls')?.counts;
  return {
    outDir: dir,
    source,
    graph: computeGraphStats(graph, top),
    ...(imports && Object.keys(imports).length > 0 ? { imports: groupCounts(imports) } : {}),
    ...(calls && Object.keys(calls).length > 0 ? { calls: groupCounts(calls) } : {}),
    ...(lastRun ? { lastRun } : {}),
  };
}

export function groupCounts(counts: Readonly<Record<string, number>>): GroupedCounts {
  const totals: Record<string, number> = {};
  const groups: Record<string, Record<string, number>> = {};
  for (const [key, value] of Object.entries(counts)) {
    const dot = key.indexOf('.');
    if (dot < 0) totals[key] = value;
    else (groups[key.slice(0, dot)] ??= {})[key.slice(dot + 1)] = value;
  }
  return { totals, groups };
}

async function graphFromJson(file: string): Promise<CodeGraph> {
  const input = await readGraphJson(file);
  refuseOtherFormat(input, file);
  const { checked } = checkGraph(input, 0);
  if (!checked) throw new StorageError(`${file} is not a codegraph graph`);
  return checked.graph;
}

/** Reads every node and relationship table of the model back into the graph.json shape. */
async function graphFromKuzu(file: string): Promise<CodeGraph> {
  const reader = await KuzuReader.open(file);
  try {
    const tables = new Map((await reader.tables()).map((t) => [t.name, t.columns]));
    const nodes: GraphNode[] = [];
    for (const label of Object.keys(NODE_TABLES) as NodeLabel[]) {
      const columns = Object.keys(NODE_TABLES[label]).filter((c) => tables.get(label)?.includes(c));
      if (!tables.has(label)) continue;
      for await (const batch of reader.nodes(label, columns)) {
        for (const row of batch) nodes.push({ id: row.id, label, properties: propertiesOf(columns, row.values) });
      }
    }
    const relationships: GraphRelationship[] = [];
    for (const type of Object.keys(RELATIONSHIP_TABLES) as RelationshipType[]) {
      const columns = Object.keys(RELATIONSHIP_TABLES[type].properties).filter((c) => tables.get(type)?.includes(c));
      if (!tables.has(type)) continue;
      for await (const batch of reader.relationships(type, columns)) {
        for (const row of batch) relationships.push({ id: row.id, type, source: row.source, target: row.target, properties: propertiesOf(columns, row.values) });
      }
    }
    const project = nodes.find((n) => n.label === 'Project');
    return { version: GRAPH_FORMAT_VERSION, generator: { name: 'codegraph', version: 'kuzu' }, root: String(project?.properties['name'] ?? ''), nodes, relationships };
  } finally {
    await reader.close();
  }
}

function propertiesOf(columns: readonly string[], values: readonly PlainValue[]): Record<string, PropertyValue> {
  const properties: Record<string, PropertyValue> = {};
  columns.forEach((column, i) => {
    const value = values[i];
    if (value !== null && value !== undefined && !isRecord(value)) properties[column] = value as PropertyValue;
  });
  return properties;
}
