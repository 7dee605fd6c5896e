import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
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

export interface CliOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
}

function cliEnvironment(options: CliOptions): NodeJS.ProcessEnv {
  // The caller's CODEGRAPH_* settings must not leak into a test; only the ones it passes count.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('CODEGRAPH_')));
  return { ...inherited, NO_COLOR: '1', ...options.env } as NodeJS.ProcessEnv;
}

/** Runs the built CLI (the global setup has checked dist/ is current) with colour off and no TTY. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnvironment(options),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runCli without blocking, so that independent runs of one test go side by side. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnvironment(options), timeout: 120_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A fresh copy of a fixture repository in a temp folder (outputs never land in the source tree). */
export function copyFixture(name: string): string {
  const dir = path.join(makeTempDir(), name);
  cpSync(path.join(ROOT, 'test', 'fixtures', name), dir, { recursive: true });
  return dir;
}
