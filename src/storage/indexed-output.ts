import path from 'node:path';
import { StorageError, UsageError } from '../errors.js';
import type { CodeGraph } from '../graph/model.js';
import type { IndexReport } from '../report/index-report.js';
import { outputPaths, recoverOutput } from './output-dir.js';
import { fileExists, readGraphJson, refuseOtherFormat } from './output-reader.js';
import { readReport } from './report-file.js';

export interface IndexedOutput {
  readonly outDir: string;
  readonly graph: CodeGraph;
  /** The last run's report.json, when there is one. */
  readonly report?: IndexReport;
}

/**
 * The last index in an output folder, for the commands that compare or judge it (diff, check).
 * A path to a graph.json is taken as its folder. graph.json of another format version is refused;
 * its integrity is `validate`'s business, so only its shape is checked here.
 */
export async function readIndexedOutput(location: string): Promise<IndexedOutput> {
  const { outDir, paths } = await openOutputFolder(location);
  const input = await readGraphJson(paths.graphJson);
  refuseOtherFormat(input, paths.graphJson);
  const graph = input as Partial<CodeGraph> | null;
  if (!graph || typeof graph !== 'object' || !Array.isArray(graph.nodes) || !Array.isArray(graph.relationships) || typeof graph.version !== 'number') {
    throw new StorageError(`${paths.graphJson} is not a codegraph graph (no version, nodes and relationships)`);
  }
  const report = await readReport(paths.reportJson);
  return { outDir, graph: graph as CodeGraph, ...(report ? { report } : {}) };
}

/**
 * The output folder a command names (a path to its graph.json is taken as the folder), with an
 * interrupted commit finished first; a missing folder is a usage error.
 */
export async function openOutputFolder(location: string): Promise<{ outDir: string; paths: ReturnType<typeof outputPaths> }> {
  const resolved = path.resolve(location);
  const outDir = path.basename(resolved) === 'graph.json' && fileExists(resolved) ? path.dirname(resolved) : resolved;
  if (!fileExists(outDir)) throw new UsageError(`no such output folder: ${location} (run codegraph index first)`);
  await recoverOutput(outDir);
  return { outDir, paths: outputPaths(outDir) };
}
