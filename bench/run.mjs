#!/usr/bin/env node
// The codegraph benchmark: `npm run bench` (= `npm run build && node --expose-gc bench/run.mjs`).
// Indexes each corpus with the built CLI as a child process and reports wall time, peak RSS,
// throughput, the parse floor, the Kuzu overhead, the re-run speed-up and output sizes.
// See docs/benchmarks.md for the flags and what every column means.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { runMeasured, failureOf, killCurrent, HAS_GNU_TIME } from './lib/measure.mjs';
import { readManifest } from './generate.mjs';
import { prepareRealCorpus, prepareSyntheticCorpus, prepareCompositeCorpus, loadCorpusSpecs, loadCompositeSpecs, measureCorpus, diskSize } from './lib/corpora.mjs';
import { renderTable, MAIN_HEADERS, mainRows, PHASE_HEADERS, phaseRows, GRAPH_HEADERS, graphRows, checkTargets, fmt } from './lib/table.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The overrides exist for the harness's own tests (a scripted CLI) and for comparing two builds.
const BIN = process.env.CODEGRAPH_BENCH_BIN ?? join(ROOT, 'bin', 'codegraph.js');
const FLOOR = process.env.CODEGRAPH_BENCH_FLOOR ?? join(ROOT, 'bench', 'parse-floor.mjs');
const CACHE = process.env.CODEGRAPH_BENCH_CACHE ?? join(ROOT, 'bench', '.cache');
const RESULTS = join(ROOT, 'bench', 'results');
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string' },
    real: { type: 'boolean', default: false },
    examples: { type: 'boolean', default: false },
    only: { type: 'string' },
    workers: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '1' },
    'no-rerun': { type: 'boolean', default: false },
    'no-floor': { type: 'boolean', default: false },
    'validate-all': { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '60' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  process.stdout.write(`usage: node --expose-gc bench/run.mjs [--sizes 1000,5000] [--real] [--examples] [--only NAME[,NAME]]
  [--workers 2 | 1,2] [--seed 1] [--repeat 1] [--no-rerun] [--no-floor] [--validate-all] [--timeout-min 60] [--json FILE]
With none of --sizes/--real/--examples: examples, synthetic 1000 and 5000, and the real corpora.\n`);
  process.exit(0);
}

const workersList = opts.workers.split(',').map(Number);
const repeat = Math.max(1, Number(opts.repeat));
const timeoutMs = Number(opts['timeout-min']) * 60_000;
if (workersList.some((w) => !Number.isInteger(w) || w < 1) || !Number.isFinite(timeoutMs)) {
  process.stderr.write('bad --workers or --timeout-min\n');
  process.exit(2);
}
const selective = opts.sizes !== undefined || opts.real || opts.examples;
const sizes = opts.sizes !== undefined ? opts.sizes.split(',').filter(Boolean).map(Number) : selective ? [] : [1000, 5000];
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`bad --sizes ${opts.sizes}\n`);
  process.exit(2);
}
const only = opts.only ? new Set(opts.only.split(',')) : null;

process.on('SIGINT', () => {
  killCurrent();
  process.exit(130);
});

/** Corpora to run, in order: cheapest first so a broken CLI shows up quickly. */
function listCorpora() {
  const list = [];
  const examplesDir = join(ROOT, 'examples');
  if ((!selective || opts.examples) && existsSync(examplesDir)) {
    const subdirs = readdirSync(examplesDir).filter((d) => statSync(join(examplesDir, d)).isDirectory());
    const withSources = subdirs.filter((d) => measureCorpus(join(examplesDir, d)).files > 0);
    if (withSources.length > 0) for (const d of withSources) list.push({ name: `examples/${d}`, kind: 'examples', prepare: () => join(examplesDir, d) });
    else if (measureCorpus(examplesDir).files > 0) list.push({ name: 'examples', kind: 'examples', prepare: () => examplesDir });
  }
  for (const n of sizes) list.push({ name: `synthetic-${n}`, kind: 'synthetic', prepare: () => prepareSyntheticCorpus(n, opts.seed, CACHE, log) });
  if (!selective || opts.real) {
    const specsFile = join(ROOT, 'bench', 'corpora.json');
    const specs = loadCorpusSpecs(specsFile);
    for (const spec of specs) {
      // A corpus with `alone: false` is only a part of a composite (it still runs when --only names it).
      if (spec.alone === false && !only?.has(spec.name)) continue;
      list.push({ name: spec.name, kind: 'real', spec, prepare: () => prepareRealCorpus(spec, CACHE, log) });
    }
    for (const composite of loadCompositeSpecs(specsFile)) {
      list.push({ name: composite.name, kind: 'real', composite, prepare: () => prepareCompositeCorpus(composite, specs, CACHE, log) });
    }
  }
  return only ? list.filter((c) => only.has(c.name)) : list;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Runs a command once: its wall time, peak RSS, CPU, exit code and report, or why it failed. */
async function sample(step, args, { okCodes = [0], parseJson = true, lastLine = false, before } = {}) {
  before?.();
  globalThis.gc?.();
  const r = await runMeasured(process.execPath, args, { cwd: ROOT, timeoutMs });
  const failure = failureOf(r, okCodes);
  let report = null;
  let parseError = null;
  if (parseJson && r.stdout.trim()) {
    try {
      // The floor prints one JSON line per configuration; index prints one document.
      report = JSON.parse(lastLine ? r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop() ?? '' : r.stdout);
    } catch {
      parseError = `stdout is not JSON: ${r.stdout.slice(0, 120).replace(/\s+/g, ' ')}`;
    }
  }
  return { step, wallMs: r.wallMs, peakRssMb: r.peakRssMb, userS: r.userS, sysS: r.sysS, code: r.code, report, failure: failure ?? parseError };
}

/** A step's samples as one figure: the median wall time (with that sample's report), the highest peak RSS; a failed sample instead, if one failed. */
function summarise(samples) {
  const failed = samples.find((s) => s.failure);
  if (failed) return failed;
  const wallMs = median(samples.map((s) => s.wallMs));
  const chosen = samples.find((s) => s.wallMs === wallMs);
  return { ...chosen, peakRssMb: Math.max(...samples.map((s) => s.peakRssMb ?? 0)) || null, samplesMs: samples.map((s) => Math.round(s.wallMs)) };
}

/** Runs a command `times` times in a row (a step of its own, not one of a corpus's compared steps). */
async function measured(step, args, { times = repeat, ...options } = {}) {
  const samples = [];
  for (let i = 0; i < times && !samples.some((s) => s.failure); i++) samples.push(await sample(step, args, options));
  return summarise(samples);
}

/**
 * A corpus's steps, `repeat` rounds of each in turn (floor, parseFiles floor, then per worker count
 * index, re-run, --no-kuzu), not each step's repeats in a row: on a machine whose load drifts, the
 * steps a ratio compares are then measured over the same minutes. A step that fails is not run again.
 */
async function interleaved(steps) {
  const samples = steps.map(() => []);
  for (let round = 0; round < repeat; round++) {
    for (const [i, step] of steps.entries()) {
      if (samples[i].some((s) => s.failure) || step.skip?.(samples)) continue;
      log(`${step.label}${repeat > 1 ? ` [${round + 1}/${repeat}]` : ''}`);
      samples[i].push(await sample(step.step, step.args, step.options));
    }
  }
  return samples.map((list) => (list.length > 0 ? summarise(list) : undefined));
}

const ok = (run) => run && !run.failure;
const ratio = (a, b) => (ok(a) && ok(b) && b.wallMs > 0 ? a.wallMs / b.wallMs : null);
// CPU seconds (user + sys of the process and the children it waited for) suffer less than wall
// time when other work shares the cores, so every ratio is also given on CPU time.
const cpuS = (run) => (ok(run) && run.userS != null && run.sysS != null ? run.userS + run.sysS : null);
const cpuRatio = (a, b) => (cpuS(a) != null && cpuS(b) ? cpuS(a) / cpuS(b) : null);
// On this machine's cores a run takes at least its CPU time over the cores, however well its threads
// and processes overlap: over the floor's wall time, the least floor ratio its CPU time allows.
const CORES = os.availableParallelism();
const cpuBound = (a, floorRun) => (cpuS(a) != null && ok(floorRun) && floorRun.wallMs > 0 ? cpuS(a) / CORES / (floorRun.wallMs / 1000) : null);
const stripReport = (run) => {
  if (!run?.report) return run;
  const { timings, files, totals, phases, kuzu, exitCode, diagnostics } = run.report;
  return { ...run, report: { timings, files, totals, phases, kuzu, exitCode, diagnostics: diagnostics ? { total: diagnostics.total, byCode: diagnostics.byCode } : undefined } };
};

async function benchCorpus(corpus) {
  const repo = corpus.prepare();
  const { files, bytes, tooLarge } = measureCorpus(repo);
  log(`${corpus.name}: ${files} files, ${fmt.mb(bytes)} MB`);
  // The 1-minute load average before and after: on a shared machine it says how far to trust the times.
  const result = { name: corpus.name, kind: corpus.kind, repo, files, bytes, tooLarge, runs: [], loadAvg: [os.loadavg()[0]] };
  if (corpus.spec) result.package = `${corpus.spec.package}@${corpus.spec.version}`;
  if (corpus.composite) result.parts = corpus.composite.parts;
  if (corpus.kind === 'synthetic') result.expected = readManifest(repo)?.counts ?? null;
  // The floor is issue 12's: one thread reads every file and parses it with the same grammars,
  // nothing else. The parse floor beside it is the pipeline's parseFiles on one worker (read,
  // parse, extract): the part of the index that the parse workers do.
  const steps = [];
  const missing = (step) => ({ step, failure: 'bench/parse-floor.mjs is not there yet' });
  const hasFloor = existsSync(FLOOR);
  if (!opts['no-floor'] && hasFloor) {
    // parse-floor.mjs's one-configuration mode, in a process of its own.
    steps.push({ key: 'floor', label: `${corpus.name}: parse floor (read and parse, one thread)`, step: 'parse floor', args: [FLOOR, '--child', repo, 'raw'], options: { lastLine: true } });
    steps.push({ key: 'parseFloor', label: `${corpus.name}: parseFiles floor (read, parse, extract, one worker)`, step: 'parseFiles floor', args: [FLOOR, '--child', repo, '1'], options: { lastLine: true } });
  }
  const outs = new Map();
  for (const workers of workersList) {
    const outBase = join(CACHE, 'out', corpus.name.replace(/\//g, '_'), `w${workers}`);
    const outKuzu = join(outBase, 'kuzu');
    const outNoKuzu = join(outBase, 'no-kuzu');
    outs.set(workers, { outKuzu, outNoKuzu });
    const w = ['--workers', String(workers)];
    const index = steps.push({ key: `index-${workers}`, label: `${corpus.name} w${workers}: index (Kuzu, validation)`, step: 'index', args: [BIN, 'index', repo, '--out', outKuzu, ...w, '--json', '--quiet'], options: { before: () => rmSync(outKuzu, { recursive: true, force: true }) } }) - 1;
    // The re-run goes to the output the round's index run just wrote: an unchanged repository.
    if (!opts['no-rerun']) steps.push({ key: `rerun-${workers}`, label: `${corpus.name} w${workers}: re-run on the unchanged repository`, step: 're-run', args: [BIN, 'index', repo, '--out', outKuzu, ...w, '--json', '--quiet'], skip: (samples) => samples[index].length === 0 || samples[index].some((s) => s.failure) });
    steps.push({ key: `noKuzu-${workers}`, label: `${corpus.name} w${workers}: index --no-kuzu`, step: 'index --no-kuzu', args: [BIN, 'index', repo, '--out', outNoKuzu, '--no-kuzu', ...w, '--json', '--quiet'], options: { before: () => rmSync(outNoKuzu, { recursive: true, force: true }) } });
  }
  const measuredSteps = await interleaved(steps);
  const figure = (key) => measuredSteps[steps.findIndex((s) => s.key === key)];
  let floor;
  let parseFloor;
  if (!opts['no-floor']) {
    floor = hasFloor ? figure('floor') : missing('parse floor');
    parseFloor = hasFloor ? figure('parseFloor') : missing('parseFiles floor');
  }
  for (const workers of workersList) {
    const { outKuzu } = outs.get(workers);
    const run = { workers, out: outKuzu, floor, parseFloor };
    run.index = figure(`index-${workers}`);
    if (!opts['no-rerun'] && ok(run.index)) run.rerun = figure(`rerun-${workers}`);
    run.noKuzu = figure(`noKuzu-${workers}`);
    run.sizes = { graphJson: diskSize(join(outKuzu, 'graph.json')), graphKuzu: diskSize(join(outKuzu, 'graph.kuzu')) };
    run.ratios = { floor: ratio(run.index, run.floor), kuzu: ratio(run.index, run.noKuzu), rerun: ratio(run.index, run.rerun), noKuzuFloor: ratio(run.noKuzu, run.floor), parseFloor: ratio(run.index, run.parseFloor) };
    run.cpuRatios = { floor: cpuRatio(run.index, run.floor), kuzu: cpuRatio(run.index, run.noKuzu), rerun: cpuRatio(run.index, run.rerun), noKuzuFloor: cpuRatio(run.noKuzu, run.floor), parseFloor: cpuRatio(run.index, run.parseFloor) };
    run.cpuBounds = { cores: CORES, floor: cpuBound(run.index, run.floor), noKuzuFloor: cpuBound(run.noKuzu, run.floor) };
    result.runs.push(run);
  }
  result.loadAvg.push(os.loadavg()[0]);
  return result;
}

async function validateAndStats(result) {
  const run = result.runs.find((r) => ok(r.index));
  if (!run) return null;
  log(`${result.name}: validate, stats and check`);
  const validate = await measured('validate', [BIN, 'validate', result.repo, '--out', run.out, '--json', '--quiet'], { times: 1 });
  const stats = await measured('stats', [BIN, 'stats', result.repo, '--out', run.out, '--json', '--quiet'], { times: 1 });
  // check reads its rules from the repository's folder: one rule of each kind, from a folder of
  // its own (the corpus stays as it is). Broken rules (exit 1) are a result, not a failure.
  const rulesDir = mkdtempSync(join(os.tmpdir(), 'codegraph-bench-rules-'));
  writeFileSync(join(rulesDir, 'codegraph.config.json'), JSON.stringify({ rules: BENCH_RULES }));
  const check = await measured('check', [BIN, 'check', rulesDir, '--out', run.out, '--json', '--quiet'], { times: 1, okCodes: [0, 1] });
  rmSync(rulesDir, { recursive: true, force: true });
  return { corpus: result.name, workers: run.workers, validate: stripReport(validate), stats: stripReport(stats), check: { ...check, report: null } };
}

/** One rule of each kind, true of any tree: what `check` costs, whatever it finds. */
const BENCH_RULES = [
  { name: 'tests-not-imported', forbidden: { from: '**', to: '**/*.test.*' } },
  { name: 'no-cycles', noCycles: true },
  { name: 'no-calls-into-tests', forbiddenCalls: { from: '**', to: '**/*.test.*' } },
  { name: 'reachable', noOrphans: true },
];

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main() {
  if (!process.env.CODEGRAPH_BENCH_BIN && !existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) log('dist/cli/main.js is missing: run `npm run build` (every index run will fail)');
  if (!HAS_GNU_TIME) log('/usr/bin/time not found: peak RSS comes from polling /proc only');
  const results = [];
  for (const corpus of listCorpora()) {
    try {
      results.push(await benchCorpus(corpus));
    } catch (error) {
      log(`${corpus.name}: ${error.message}`);
      results.push({ name: corpus.name, kind: corpus.kind, failure: error.message.split('\n')[0] });
    }
  }
  const measuredCorpora = results.filter((r) => r.runs);
  const checks = [];
  const targets = opts['validate-all'] ? measuredCorpora : measuredCorpora.sort((a, b) => b.bytes - a.bytes).slice(0, 1);
  for (const r of targets) {
    const vs = await validateAndStats(r);
    if (vs) checks.push(vs);
  }
  const order = new Map(listCorpora().map((c, i) => [c.name, i]));
  results.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));

  const { rows, notes } = mainRows(results);
  const out = [renderTable(MAIN_HEADERS, rows)];
  if (notes.length > 0) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  const phases = phaseRows(results);
  if (phases.length > 0) out.push('', 'Per-phase times (s) from the --json report:', renderTable(PHASE_HEADERS, phases));
  const graph = graphRows(results);
  if (graph.length > 0) out.push('', 'Graph written (index with Kuzu), diagnostics, and the 1-minute load average before / after the corpus:', renderTable(GRAPH_HEADERS, graph));
  for (const c of checks) {
    const v = c.validate.failure ? `failed (${c.validate.failure})` : `${fmt.s(c.validate.wallMs)} s, ${fmt.n(c.validate.peakRssMb)} MB`;
    const s = c.stats.failure ? `failed (${c.stats.failure})` : `${fmt.s(c.stats.wallMs)} s, ${fmt.n(c.stats.peakRssMb)} MB`;
    const k = c.check.failure ? `failed (${c.check.failure})` : `${fmt.s(c.check.wallMs)} s, ${fmt.n(c.check.peakRssMb)} MB`;
    out.push('', `${c.corpus} (largest, w${c.workers}): validate ${v}; stats ${s}; check ${k}`);
  }
  const verdicts = checkTargets(results);
  if (verdicts.length > 0) {
    out.push('', 'Issue-12 targets (w2 runs):');
    for (const v of verdicts) out.push(`  [${v.met ? 'met' : 'MISSED'}] ${v.target}: ${v.figures}`);
  }
  process.stdout.write(out.join('\n') + '\n');

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = opts.json ? resolve(opts.json) : join(RESULTS, `${stamp}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const doc = {
    startedAt: stamp, commit: gitCommit(), node: process.version, cpus: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30),
    options: { sizes, workers: workersList, seed: opts.seed, repeat, only: opts.only ?? null },
    corpora: results.map((r) => ({ ...r, runs: r.runs?.map((run) => ({ ...run, index: stripReport(run.index), rerun: stripReport(run.rerun), noKuzu: stripReport(run.noKuzu) })) })),
    validateAndStats: checks, targets: verdicts,
  };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  log(`results written to ${file}`);
}

await main();
