import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp-repo.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'codegraph.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (npm test builds it first) with colour off and no TTY. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  // The caller's CODEGRAPH_* settings must not leak into a test; only the ones it passes count.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('CODEGRAPH_')));
  const env = { ...inherited, NO_COLOR: '1', ...options.env };
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh copy of a fixture repository in a temp folder (outputs never land in the source tree). */
export function copyFixture(name: string): string {
  const dir = path.join(makeTempDir(), name);
  cpSync(path.join(ROOT, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}
