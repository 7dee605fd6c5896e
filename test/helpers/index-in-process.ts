import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import path from 'node:path';
import { resolveIndexOptions, type IndexOptions, type IndexSettings } from '../../src/config/options.js';
import type { CodeGraph } from '../../src/graph/model.js';
import { runIndex, type IndexRun, type RunContext } from '../../src/orchestrator/run.js';
import { validateOutput } from '../../src/validate/validate-output.js';
import { copyFixture } from './cli.js';

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

/** The options `codegraph index <repo>` would use, with these flags; one worker unless told. */
function cliOptions(repo: string, flags: IndexSettings = {}): IndexOptions {
  return resolveIndexOptions({ repo, cwd: '/', flags: { workers: 1, ...flags }, env: {}, file: {}, cores: 1 });
}

/** An index run in this process as `codegraph index` runs it: default settings, one worker, validated (here, not in a child). */
export function indexAsCli(repo: string, flags: IndexSettings = {}, ctx: RunContext = {}): Promise<IndexRun> {
  return runIndex(cliOptions(repo, flags), {
    validate: async (outDir, o) => {
      const result = await validateOutput(outDir, o);
      return { consistent: result.consistent, result };
    },
    ...ctx,
  });
}

/** Every file of an output folder (names and exact bytes), to tell whether a run changed it. */
export function outputSnapshot(outDir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(outDir)
      .sort()
      .map((f) => {
        const file = path.join(outDir, f);
        return [f, statSync(file).isDirectory() ? 'folder' : readFileSync(file).toString('base64')];
      }),
  );
}

/**
 * A fresh copy of a fixture, indexed as the CLI indexes it before this file's tests (which then
 * read `repo` and `out`), and removed after them.
 */
export function indexedFixture(name: string): { readonly repo: string; readonly out: string } {
  const fixture = { repo: '', out: '' };
  beforeAll(async () => {
    fixture.repo = copyFixture(name);
    fixture.out = path.join(fixture.repo, '.codegraph');
    const { report } = await indexAsCli(fixture.repo);
    if (report.exitCode !== 0) throw new Error(`indexing the ${name} fixture ended with exit ${report.exitCode}`);
  });
  afterAll(() => rmSync(path.dirname(fixture.repo), { recursive: true, force: true }));
  return fixture;
}
