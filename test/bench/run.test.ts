import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

// A scripted CLI with known timings, so the harness's arithmetic and its failure paths can be
// checked without depending on how fast the real indexer is today.
const FAKE_CLI = `
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
const [command, repo, ...rest] = process.argv.slice(2);
const out = rest[rest.indexOf('--out') + 1];
const noKuzu = rest.includes('--no-kuzu');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
if (process.env.FAKE_LOG) {
  const { appendFileSync } = await import('node:fs');
  appendFileSync(process.env.FAKE_LOG, (command === 'index' ? (noKuzu ? 'no-kuzu' : existsSync(join(out, 'graph.json')) ? 're-run' : 'index') : command) + '\\n');
}
if (command === 'index') {
  if (noKuzu && process.env.FAKE_FAIL_NO_KUZU) { console.error('error: cannot write graph.json: disk full'); process.exit(2); }
  const rerun = existsSync(join(out, 'graph.json'));
  const ms = noKuzu ? 300 : rerun ? 40 : 500;
  await sleep(ms);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'graph.json'), 'x'.repeat(1000));
  if (!noKuzu) { mkdirSync(join(out, 'graph.kuzu'), { recursive: true }); writeFileSync(join(out, 'graph.kuzu', 'data'), 'k'.repeat(2000)); }
  console.log(JSON.stringify({
    timings: { walk: 10, parse: 300, resolve: 20, write: 100, validate: 50, total: ms },
    phases: [{ phase: 'structure', buildMs: 5, stores: [{ store: 'kuzu', ms: 7 }] }],
    files: { found: 40, parsed: 40, reparsed: rerun ? 0 : 40 }, totals: { nodes: 10, relationships: 5 }, exitCode: 0,
  }));
} else if (command === 'check') {
  // The bench's rules, one of each kind; broken rules are exit 1.
  const rules = JSON.parse(readFileSync(join(repo, 'codegraph.config.json'), 'utf8')).rules;
  if (rules.length !== 4) { console.error('error: no rules'); process.exit(2); }
  console.log('{"ok":false}');
  process.exit(1);
} else if (command === 'validate') {
  console.error('error: graph.kuzu disagrees with graph.json on 3 nodes');
  process.exit(1);
} else {
  console.log('{}');
}
`;

const FAKE_FLOOR = `
// Called as parse-floor.mjs --child <repo> raw|<workers>: says what it was asked to measure.
const raw = process.argv[4] === 'raw';
if (process.env.FAKE_LOG) (await import('node:fs')).appendFileSync(process.env.FAKE_LOG, (raw ? 'floor' : 'parseFiles floor') + '\\n');
await new Promise((r) => setTimeout(r, raw ? 250 : 350));
console.log(JSON.stringify({ files: 40, bytes: 1, ms: 250, peakRssMb: 50, raw, workers: raw ? 1 : Number(process.argv[4]) }));
`;

interface RunResult {
  corpora: Array<{
    name: string;
    files: number;
    runs: Array<{
      workers: number;
      ratios: { floor: number | null; kuzu: number | null; rerun: number | null; noKuzuFloor: number | null; parseFloor: number | null };
      sizes: { graphJson: number | null; graphKuzu: number | null };
      index: { wallMs: number; peakRssMb: number; report: { timings: Record<string, number> }; samplesMs?: number[] };
      noKuzu: { wallMs: number; failure: string | null; samplesMs?: number[] };
      floor: { wallMs: number; failure: string | null; report?: { workers: number; raw: boolean }; samplesMs?: number[] };
      parseFloor: { wallMs: number; failure: string | null; report?: { workers: number; raw: boolean }; samplesMs?: number[] };
      rerun: { wallMs: number; samplesMs?: number[] };
    }>;
  }>;
  validateAndStats: Array<{ validate: { failure: string | null }; stats: { failure: string | null }; check: { failure: string | null; code: number } }>;
  targets: Array<{ target: string; met: boolean }>;
}

describe('bench/run.mjs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'codegraph-bench-run-'));
    writeFileSync(join(dir, 'fake-cli.mjs'), FAKE_CLI);
    writeFileSync(join(dir, 'fake-floor.mjs'), FAKE_FLOOR);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bench = (args: string[], env: Record<string, string> = {}) => {
    const json = join(dir, `result-${Math.random().toString(36).slice(2)}.json`);
    const proc = spawnSync(process.execPath, ['bench/run.mjs', ...args, '--json', json], {
      encoding: 'utf8',
      env: { ...process.env, CODEGRAPH_BENCH_BIN: join(dir, 'fake-cli.mjs'), CODEGRAPH_BENCH_CACHE: join(dir, 'cache'), ...env },
    });
    return { proc, result: JSON.parse(readFileSync(json, 'utf8')) as RunResult };
  };

  it('measures index, re-run, --no-kuzu and the parse floor, and derives the ratios and sizes', () => {
    const { proc, result } = bench(['--sizes', '40'], { CODEGRAPH_BENCH_FLOOR: join(dir, 'fake-floor.mjs') });
    expect(proc.status).toBe(0);
    expect(result.corpora.map((c) => c.name)).toEqual(['synthetic-40']);
    const corpus = result.corpora[0]!;
    expect(corpus.files).toBe(40);
    const run = corpus.runs[0]!;
    expect(run.workers).toBe(2);
    expect(run.index.report.timings.parse).toBe(300);
    // The scripted CLI sleeps 500 ms (index), 40 ms (re-run), 300 ms (--no-kuzu), the floor 250 ms;
    // on a loaded machine start-up varies too much to assert more than these lower bounds.
    expect(run.index.wallMs).toBeGreaterThan(500);
    expect(run.noKuzu.wallMs).toBeGreaterThan(300);
    expect(run.floor.wallMs).toBeGreaterThan(250);
    expect(run.rerun.wallMs).toBeGreaterThan(40);
    expect(run.index.peakRssMb).toBeGreaterThan(10);
    expect(run.sizes).toEqual({ graphJson: 1000, graphKuzu: 2000 });
    expect(run.ratios.kuzu).toBeCloseTo(run.index.wallMs / run.noKuzu.wallMs, 10);
    expect(run.ratios.floor).toBeCloseTo(run.index.wallMs / run.floor.wallMs, 10);
    expect(run.ratios.rerun).toBeCloseTo(run.index.wallMs / run.rerun.wallMs, 10);
    expect(run.ratios.noKuzuFloor).toBeCloseTo(run.noKuzu.wallMs / run.floor.wallMs, 10);
    // The floor is issue 12's (read and parse on one thread), the parse floor parseFiles on one
    // worker, whatever worker count the index runs with.
    expect(run.floor.report).toMatchObject({ raw: true, workers: 1 });
    expect(run.parseFloor.report).toMatchObject({ raw: false, workers: 1 });
    expect(run.parseFloor.wallMs).toBeGreaterThan(350);
    expect(run.ratios.parseFloor).toBeCloseTo(run.index.wallMs / run.parseFloor.wallMs, 10);
    expect(result.validateAndStats[0]!.validate.failure).toBe('exit 1: error: graph.kuzu disagrees with graph.json on 3 nodes');
    expect(result.validateAndStats[0]!.stats.failure).toBeNull();
    expect(result.validateAndStats[0]!.check).toMatchObject({ failure: null, code: 1 });
    // No issue-12 row names a 40-file synthetic tree, so nothing is judged.
    expect(result.targets).toEqual([]);
    expect(proc.stdout).toMatch(/^synthetic-40 +40 +0\.\d\d +2 +\d+\.\d\d/m);
    expect(proc.stdout).toMatch(/validate failed \(exit 1: error: graph.kuzu disagrees with graph.json on 3 nodes\); stats \d+\.\d+ s, \d+ MB; check \d+\.\d+ s, \d+ MB/);
    expect(proc.stdout).not.toContain('Issue-12 targets');
  });

  it('prints a failing command as an error in the table and carries on', () => {
    const { proc, result } = bench(['--sizes', '40', '--no-rerun'], {
      CODEGRAPH_BENCH_FLOOR: join(dir, 'missing-floor.mjs'),
      FAKE_FAIL_NO_KUZU: '1',
    });
    expect(proc.status).toBe(0);
    const run = result.corpora[0]!.runs[0]!;
    expect(run.floor.failure).toBe('bench/parse-floor.mjs is not there yet');
    expect(run.noKuzu.failure).toBe('exit 2: error: cannot write graph.json: disk full');
    expect(run.ratios).toEqual({ floor: null, kuzu: null, rerun: null, noKuzuFloor: null, parseFloor: null });
    expect(proc.stdout).toContain('[1] synthetic-40 w2 parse floor: bench/parse-floor.mjs is not there yet');
    expect(proc.stdout).toContain('[2] synthetic-40 w2 parseFiles floor: bench/parse-floor.mjs is not there yet');
    expect(proc.stdout).toContain('[3] synthetic-40 w2 index --no-kuzu: exit 2: error: cannot write graph.json: disk full');
  });

  it('measures a corpus in rounds, each step once a round, so that the steps a ratio compares share the same minutes', () => {
    const log = join(dir, 'commands.log');
    const { proc, result } = bench(['--sizes', '40', '--repeat', '2'], { CODEGRAPH_BENCH_FLOOR: join(dir, 'fake-floor.mjs'), FAKE_LOG: log });
    expect(proc.status).toBe(0);
    const round = ['floor', 'parseFiles floor', 'index', 're-run', 'no-kuzu'];
    // Then validate, stats and check once, on the largest corpus.
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([...round, ...round, 'validate', 'stats', 'check']);
    const run = result.corpora[0]!.runs[0]!;
    for (const step of [run.index, run.rerun, run.noKuzu, run.floor, run.parseFloor]) expect(step.samplesMs).toHaveLength(2);
    expect(proc.stdout).not.toContain('[bench]');
    expect(proc.stderr).toContain('[bench] synthetic-40 w2: index (Kuzu, validation) [2/2]');
  });
});
