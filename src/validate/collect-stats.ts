import path from 'node:path';
import { checkNode, checkRelationshipShape, FindingTally, isRecord } from '../graph/check.js';
import { isRelationshipType, type PropertyValue } from '../graph/model.js';
import { GraphStatsCollector, type GraphStats } from '../graph/stats.js';
import { StorageError } from '../errors.js';
import { KuzuReader } from '../storage/kuzu-reader.js';
import { readGraphVersion, refuseOtherFormat, streamGraphJson } from '../storage/output-reader.js';
import { readKuzuStats } from './kuzu-stats.js';
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
  const graph = source.store === 'graph.kuzu' ? await statsFromKuzu(source.path, top) : await statsFromJson(source.path, top);
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
    graph,
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

/**
 * graph.json's figures, read as a stream: the collector keeps what the figures need, never the
 * graph (a malformed item is left out, as the checks of validate would report it). Most
 * relationship lines are read without JSON.parse, their properties parsed only where a figure
 * reads them.
 */
async function statsFromJson(file: string, top: number): Promise<GraphStats> {
  refuseOtherFormat({ version: await readGraphVersion(file) }, file);
  let stats = new GraphStatsCollector();
  const ignored = new FindingTally(0);
  const header = await streamGraphJson(file, {
    item: (list, item) => {
      if (list === 'nodes') {
        if (checkNode(item, ignored)) stats.node(item);
      } else if (checkRelationshipShape(item, ignored)) {
        stats.relationship(item);
      }
    },
    relationshipLine: ({ type, source, target, properties }) => {
      if (!isRelationshipType(type)) return;
      const read = type === 'IMPORTS' || type === 'CALLS' ? (JSON.parse(properties) as Record<string, PropertyValue>) : {};
      stats.relationship({ id: '', type, source, target, properties: read });
    },
    reset: () => {
      stats = new GraphStatsCollector();
    },
  });
  refuseOtherFormat(header, file);
  // A document without the two lists comes back whole; one with them, without them.
  if (!isRecord(header) || typeof header['version'] !== 'number' || 'nodes' in header || 'relationships' in header) throw new StorageError(`${file} is not a codegraph graph`);
  return stats.finish(top);
}

async function statsFromKuzu(file: string, top: number): Promise<GraphStats> {
  const reader = await KuzuReader.open(file);
  try {
    return await readKuzuStats(reader, top);
  } finally {
    await reader.close();
  }
}
