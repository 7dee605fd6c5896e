#!/usr/bin/env node
// Times the question commands (find, callers, callees, impact, deps, path) through the built CLI,
// on each store, from a warm start (one untimed run first, so the OS has the files cached), and
// checks that `--store both` finds the two stores agreeing. See docs/benchmarks.md.
//
//   node bench/questions.mjs                      the largest real corpus of bench/corpora.json
//   node bench/questions.mjs --corpus rxjs        another one
//   node bench/questions.mjs --repo DIR --out DIR [--only impact] [--depth 3]
//                                                 any repository (indexed into DIR unless it holds an output)
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMeasured, failureOf } from './lib/measure.mjs';
import { loadCorpusSpecs, prepareRealCorpus } from './lib/corpora.mjs';
import { renderTable } from './lib/table.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'codegraph.js');
const CACHE = process.env.CODEGRAPH_BENCH_CACHE ?? join(ROOT, 'bench', '.cache');
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

const { values: opts } = parseArgs({
  options: {
    corpus: { type: 'string' },
    repo: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
    depth: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
});

const { repo, out, name } = await target();
const index = existsSync(join(out, 'graph.json')) ? undefined : await indexOnce(repo, out);
const subjects = await pickSubjects(join(out, 'graph.json'));
log(`subjects: ${JSON.stringify(subjects)}`);
const depth = opts.depth;
const questions = [
  ['find', ['find', `${subjects.calledName.slice(0, 3)}*`]],
  ['callers', ['callers', subjects.called]],
  [`callees --depth ${depth}`, ['callees', subjects.called, '--depth', depth]],
  [`impact --depth ${depth}`, ['impact', subjects.called, '--depth', depth]],
  [`deps --depth 2`, ['deps', subjects.imported, '--depth', '2']],
  ['path', ['path', subjects.importer, subjects.called]],
].filter(([label]) => !opts.only || opts.only.split(',').some((o) => label.startsWith(o)));

const rows = [];
for (const [label, args] of questions) {
  const row = { question: label };
  for (const store of ['kuzu', 'json']) {
    const command = [BIN, ...args, '--out', out, '--store', store, '--json'];
    await runMeasured(process.execPath, command); // warm-up, untimed
    const runs = [];
    for (let i = 0; i < Number(opts.repeat); i++) {
      const result = await runMeasured(process.execPath, command);
      const failure = failureOf(result);
      if (failure) throw new Error(`${label} on ${store}: ${failure}`);
      const doc = JSON.parse(result.stdout);
      runs.push({ wallMs: result.wallMs, peakRssMb: result.peakRssMb, ...doc.timings[store], rows: doc.rows?.length ?? 0 });
    }
    runs.sort((a, b) => a.wallMs - b.wallMs);
    row[store] = runs[Math.floor(runs.length / 2)];
  }
  const both = await runMeasured(process.execPath, [BIN, ...args, '--out', out, '--store', 'both', '--quiet']);
  row.bothExit = both.code;
  rows.push(row);
  log(`${label}: ${JSON.stringify(row)}`);
}

const table = renderTable(
  ['question', 'rows', 'kuzu wall ms', 'open', 'answer', 'RSS MB', 'json wall ms', 'open', 'answer', 'RSS MB', 'both'],
  rows.map((r) => [
    r.question,
    r.kuzu.rows,
    Math.round(r.kuzu.wallMs),
    r.kuzu.openMs,
    r.kuzu.answerMs,
    Math.round(r.kuzu.peakRssMb ?? 0),
    Math.round(r.json.wallMs),
    r.json.openMs,
    r.json.answerMs,
    Math.round(r.json.peakRssMb ?? 0),
    r.bothExit === 0 ? 'equal' : `exit ${r.bothExit}`,
  ]),
);
process.stdout.write(`${name}: ${out}\n${index ? `index: ${Math.round(index.wallMs)} ms, peak RSS ${Math.round(index.peakRssMb)} MB\n` : ''}${table}\n`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ name, out, index, subjects, rows }, null, 2)}\n`);

async function target() {
  if (opts.repo || opts.out) {
    if (!opts.out) throw new Error('--repo needs --out');
    return { repo: opts.repo && resolve(opts.repo), out: resolve(opts.out), name: opts.repo ?? opts.out };
  }
  const specs = loadCorpusSpecs(join(ROOT, 'bench', 'corpora.json'));
  const spec = opts.corpus ? specs.find((s) => s.name === opts.corpus) : [...specs].sort((a, b) => b.bytes - a.bytes)[0];
  if (!spec) throw new Error(`no corpus ${opts.corpus} in bench/corpora.json`);
  const dir = prepareRealCorpus(spec, CACHE, log);
  return { repo: dir, out: join(CACHE, 'questions', spec.name), name: `${spec.name}@${spec.version}` };
}

async function indexOnce(repoDir, outDir) {
  if (!repoDir) throw new Error(`no graph.json in ${outDir} and no --repo to index`);
  log(`indexing ${repoDir} into ${outDir}`);
  const result = await runMeasured(process.execPath, [BIN, 'index', repoDir, '--out', outDir, '--quiet'], { timeoutMs: 60 * 60 * 1000 });
  const failure = failureOf(result);
  if (failure) throw new Error(`index: ${failure}`);
  return { wallMs: result.wallMs, peakRssMb: result.peakRssMb };
}

/**
 * From graph.json, line by line: the most-called function or method (most distinct callers, then
 * id), the most-imported file, and the file importing the most files (the start of the path).
 */
async function pickSubjects(file) {
  const labels = new Map();
  const names = new Map();
  const callers = new Map();
  const importers = new Map();
  const imports = new Map();
  const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line.startsWith('    {')) continue;
    const item = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
    if (item.label === 'Function' || item.label === 'Method') {
      labels.set(item.id, item.label);
      names.set(item.id, item.properties.name);
    } else if (item.type === 'CALLS' && labels.has(item.target)) bump(callers, item.target);
    else if (item.type === 'IMPORTS') {
      bump(importers, item.target);
      bump(imports, item.source);
    }
  }
  const top = (map) => [...map.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0];
  const [called, callerCount] = top(callers);
  const [imported] = top(importers);
  const [importer] = top(imports);
  return { called, calledName: names.get(called), callerCount, imported, importer };
}
