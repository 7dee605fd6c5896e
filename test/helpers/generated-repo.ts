import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './cli.js';
import { makeTempDir } from './temp-repo.js';

/** A repository of `files` generated source files (bench/generate.mjs, fixed seed) in a fresh temp folder. */
export function generatedRepo(files: number): string {
  const dir = path.join(makeTempDir(), 'gen');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'generate.mjs'), '--files', String(files), '--out', dir, '--seed', '7'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return dir;
}
