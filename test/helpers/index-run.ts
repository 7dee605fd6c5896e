import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveIndexOptions, type IndexOptions, type IndexSettings } from '../../src/config/options.js';
import { runIndex, type IndexRun, type RunContext } from '../../src/pipeline/run.js';
import { validateOutput } from '../../src/validate/validate-output.js';

/** The options `codegraph index <repo>` would use, with these flags; one worker unless told. */
export function indexOptions(repo: string, flags: IndexSettings = {}): IndexOptions {
  return resolveIndexOptions({ repo, cwd: '/', flags: { workers: 1, ...flags }, env: {}, file: {}, cores: 1 });
}

/** An index run in this process, validated as `codegraph index` validates (in-process, not in a child). */
export function indexInProcess(repo: string, flags: IndexSettings = {}, ctx: RunContext = {}): Promise<IndexRun> {
  return runIndex(indexOptions(repo, flags), {
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
