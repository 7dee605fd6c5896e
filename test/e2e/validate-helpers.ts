import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const STATS_FIXTURE = path.join(ROOT, 'test/fixtures/stats-basic');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`npm test` builds first; a bare vitest run builds once if dist is missing). */
export function cli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/codegraph.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...env },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Indexes the stats fixture into a fresh temporary output folder and returns it. */
export function indexStatsFixture(): string {
  const out = mkdtempSync(path.join(tmpdir(), 'codegraph-e2e-'));
  const result = cli(['index', STATS_FIXTURE, '--out', out, '--quiet']);
  if (result.code !== 0) throw new Error(`index failed (${result.code}):\n${result.stderr}`);
  return out;
}
