import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/random.js';
import { bySuite } from '../helpers/soak.js';
import { BIN, copyFixture, runCli } from '../helpers/cli.js';
import { recoverOutput } from '../../src/storage/output-dir.js';
import { validateOutput } from '../../src/validate/validate-output.js';

// SIGKILL an index run at random moments, many times over: the output folder must always hold the
// previous complete output or the new one, never a mix, and `validate` must pass on whatever is there.
// npm test kills 8 runs, the soak suite 50 (CODEGRAPH_TEST_KILLS sets any other number).
const KILLS = Number(process.env['CODEGRAPH_TEST_KILLS'] ?? bySuite(8, 50));

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(path.dirname(d), { recursive: true, force: true })));

function indexKilledAfter(repo: string, ms: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'index', repo, '-q', '--workers', '1'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let finished = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      finished = signal === null;
      resolve(finished ? 'finished' : 'killed');
    });
  });
}

describe(`index killed with SIGKILL (${KILLS} times)`, () => {
  it('always leaves the previous or the new complete output, and validate passes', async () => {
    const repo = copyFixture('index-basic');
    made.push(repo);
    const out = path.join(repo, '.codegraph');
    const extra = path.join(repo, 'src', 'extra.ts');
    // The two graphs the folder may hold: without and with src/extra.ts.
    expect(runCli(['index', repo, '-q']).code).toBe(0);
    const before = readFileSync(path.join(out, 'graph.json'), 'utf8');
    writeFileSync(extra, 'export function extra(): number {\n  return 1;\n}\n');
    // How long a run takes here: the quicker of two, each changing the graph as the rounds will.
    const timed = (): number => {
      const t0 = performance.now();
      expect(runCli(['index', repo, '-q']).code).toBe(0);
      return performance.now() - t0;
    };
    let fullRun = timed();
    const after = readFileSync(path.join(out, 'graph.json'), 'utf8');
    expect(after).not.toBe(before);
    rmSync(extra);
    fullRun = Math.min(fullRun, timed());
    writeFileSync(extra, 'export function extra(): number {\n  return 1;\n}\n');
    fullRun = Math.min(fullRun, timed());
    expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toBe(after);

    const next = seededRandom(20261128);
    const outcomes = { killed: 0, finished: 0 };
    for (let i = 0; i < KILLS; i++) {
      // Alternate the input so each run has a different graph to swap in.
      if (i % 2 === 0) rmSync(extra, { force: true });
      else writeFileSync(extra, 'export function extra(): number {\n  return 1;\n}\n');
      outcomes[await indexKilledAfter(repo, Math.floor(next() * fullRun * 0.8))]++;
      // What `codegraph validate` does, in this process to keep the rounds quick.
      await recoverOutput(out);
      const validation = await validateOutput(out);
      expect(validation.consistent, `kill ${i}: ${JSON.stringify(validation.differences)}`).toBe(true);
      const graph = readFileSync(path.join(out, 'graph.json'), 'utf8');
      expect([before, after].includes(graph), `kill ${i}: graph.json is neither the previous nor the new graph`).toBe(true);
      const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
      expect(report.totals.nodes, `kill ${i}: report.json belongs to another graph`).toBe(JSON.parse(graph).nodes.length);
      // Nothing staged is left behind once a later command has looked at the folder.
      expect(readdirSync(out).filter((f) => f.endsWith('.tmp') || f.includes('.tmp.')), `kill ${i}`).toEqual([]);
    }
    appendFileSync(process.env['CODEGRAPH_TEST_LOG'] ?? '/dev/null', `kills: ${JSON.stringify(outcomes)}\n`);
    // Most rounds must really be cut short (runs after the first reuse the parse cache and are quicker).
    expect(outcomes.killed).toBeGreaterThan(KILLS / 2);
    // The next healthy run recovers without any clean-up by hand.
    expect(runCli(['index', repo, '-q']).code).toBe(0);
    expect((await validateOutput(out)).consistent).toBe(true);
    expect(existsSync(path.join(out, '.lock'))).toBe(false);
  }, 1_800_000);
});
