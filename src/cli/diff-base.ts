import { phaseMemoryHooks, tuneV8ForIndexing } from './v8-tuning.js';
import path from 'node:path';
import type { IndexOptions } from '../config/options.js';
import { gitSnapshot } from '../discover/git-snapshot.js';
import { runIndex } from '../orchestrator/run.js';
import type { ProgressListener } from '../model/phases.js';
import { validateOutput } from '../validate/validate-output.js';
import { repoIndexOptions } from './commands/index.js';
import type { Output } from './output.js';
import { indexValidator } from './validate-staged.js';

export interface BaseAndHead {
  readonly baseOut: string;
  readonly headOut: string;
  readonly baseLabel: string;
  readonly headLabel: string;
}

/**
 * Extracts revision `rev` with `git archive` into `<out>/base/<commit>/` (cached), then indexes
 * the working tree as `index` would (incremental: quick when nothing changed) and the extracted
 * revision, graph.json only, with the working tree's settings so that both sides are alike.
 */
export async function indexBaseAndHead(repo: string, rev: string, out: string | undefined, output: Output, listener: ProgressListener): Promise<BaseAndHead> {
  const head = await repoIndexOptions(repo, out !== undefined ? { out } : {});
  // The revision first: a bad one fails before anything is indexed.
  const cache = path.join(head.outDir, 'base');
  const snapshot = await gitSnapshot(head.repo, rev, cache, head.rootName);
  output.info(`${snapshot.reused ? 'reusing' : 'extracted'} ${rev} (${snapshot.commit.slice(0, 12)}) in ${snapshot.dir}`);
  output.info(`indexing the working tree ${head.repo} into ${head.outDir}`);
  tuneV8ForIndexing();
  const validator = head.validate ? indexValidator() : undefined;
  try {
    const run = await runIndex(head, {
      listener,
      keepGraph: false,
      ...phaseMemoryHooks(),
      ...(validator ? { validate: (dir: string, o: { kuzu: boolean }) => validator.validate(dir, o) } : {}),
    });
    if (run.report.exitCode !== 0) output.info(`note: the working tree's index ended with exit code ${run.report.exitCode}; its graph.json is compared as it is`);
  } finally {
    validator?.dispose();
  }

  const base: IndexOptions = Object.freeze({
    ...head,
    repo: snapshot.dir,
    outDir: path.join(cache, snapshot.commit, 'out'),
    kuzu: false,
    validate: true,
    incremental: true,
    allowDegraded: true,
  });
  // Validated so that the next diff against the same commit finds it unchanged and keeps it.
  const validate = async (dir: string): Promise<{ consistent: boolean; result: unknown }> => {
    const result = await validateOutput(dir, { kuzu: false });
    return { consistent: result.consistent, result };
  };
  await runIndex(base, { listener, validate, keepGraph: false, ...phaseMemoryHooks() });
  return { baseOut: base.outDir, headOut: head.outDir, baseLabel: `${rev} (${snapshot.commit.slice(0, 12)})`, headLabel: 'working tree' };
}
