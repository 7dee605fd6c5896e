import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';

export { ROOT };
export const STATS_FIXTURE = path.join(ROOT, 'test/fixtures/stats-basic');

/** The built CLI (npm test builds it first), colour off, CI mode. */
export function cli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  return runCli(args, { env: { CI: '1', ...env } });
}

/** Indexes the stats fixture into a fresh temporary output folder and returns it. */
export function indexStatsFixture(): string {
  const out = mkdtempSync(path.join(tmpdir(), 'codegraph-e2e-'));
  const result = cli(['index', STATS_FIXTURE, '--out', out, '--quiet']);
  if (result.code !== 0) throw new Error(`index failed (${result.code}):\n${result.stderr}`);
  return out;
}
