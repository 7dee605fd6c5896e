import path from 'node:path';
import { GraphStatsCollector, type GraphStats } from '../graph/stats.js';
import { KuzuReader } from '../storage/kuzu-reader.js';
import { readGraphStream } from '../storage/output-reader.js';
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
 * graph. Most relationship lines are read without JSON.parse (readGraphStream), and their
 * properties parsed only where a figure reads them.
 */
async function statsFromJson(file: string, top: number): Promise<GraphStats> {
  return (await readGraphStream(file, () => new GraphStatsCollector())).finish(top);
}

async function statsFromKuzu(file: string, top: number): Promise<GraphStats> {
  const reader = await KuzuReader.open(file);
  try {
    return await readKuzuStats(reader, top);
  } finally {
    await reader.close();
  }
}
