import path from 'node:path';
import type { IndexOptions } from '../../src/config/options.js';
import type { CodeGraph } from '../../src/graph/model.js';
import { runIndex, type IndexRun, type RunContext } from '../../src/pipeline/run.js';

/** Options for an in-process index of `repo` into `outDir`: JSON only, one worker, no validation. */
export function fixtureOptions(repo: string, outDir: string, overrides: Partial<IndexOptions> = {}): IndexOptions {
  return Object.freeze({
    repo,
    rootName: path.basename(repo),
    outDir,
    kuzu: false,
    batchSize: 1000,
    validate: false,
    include: [],
    exclude: [],
    allowDegraded: true,
    workers: 1,
    maxFileSize: 1024 * 1024,
    incremental: false,
    ...overrides,
  });
}

/** Indexes in this process (no CLI spawn) and returns the run; the graph is always built here. */
export async function indexInProcess(repo: string, outDir: string, overrides: Partial<IndexOptions> = {}, ctx: RunContext = {}): Promise<IndexRun & { graph: CodeGraph }> {
  const run = await runIndex(fixtureOptions(repo, outDir, overrides), ctx);
  if (!run.graph) throw new Error(`${repo}: the run kept the previous output, so it built no graph`);
  return run as IndexRun & { graph: CodeGraph };
}
