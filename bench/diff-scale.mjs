#!/usr/bin/env node
// `codegraph diff` at scale: indexes a synthetic tree (graph.json only), copies it, changes N files
// (each gets a new exported function that calls a function of the file), indexes the copy, then
// times `codegraph diff` of the two outputs, text and --json. Wall time and peak RSS come from
// /usr/bin/time -v. The target: diff within 10 s and within the memory of one index.
//
//   npm run build && node bench/diff-scale.mjs --tree DIR --work DIR [--prefix NAME] [--changes 100] [--reuse]
//
// --tree is never written to. Under --work go <name>-base (the tree's index), <name>-head-tree (the
// changed copy), <name>-head (its index) and <name>-diff-scale.json (the figures), <name> being --prefix (default: the tree's folder name). --reuse keeps outputs
// made by an earlier run instead of indexing again.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'codegraph.js');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const tree = path.resolve(flag('--tree', ''));
const work = path.resolve(flag('--work', path.join(root, 'bench/.cache/diff-scale')));
const CHANGES = Number(flag('--changes', '100'));
const reuse = args.includes('--reuse');
if (!flag('--tree', '') || !existsSync(tree)) {
  console.error('usage: node bench/diff-scale.mjs --tree DIR --work DIR [--changes N] [--reuse]');
  process.exit(2);
}
const name = flag('--prefix', path.basename(tree));
const baseOut = path.join(work, `${name}-base`);
const headTree = path.join(work, `${name}-head-tree`);
const headOut = path.join(work, `${name}-head`);

/** Runs a command under /usr/bin/time -v; returns its exit code, wall seconds, peak RSS in MiB. */
function timed(label, argv, stdoutFile) {
  const r = spawnSync('/usr/bin/time', ['-v', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  if (stdoutFile) writeFileSync(stdoutFile, r.stdout);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)/.exec(r.stderr)?.[1] ?? '';
  const parts = wall.split(':').map(Number);
  const seconds = parts.reduce((sum, p) => sum * 60 + p, 0);
  const rssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const cpu = ['User', 'System'].reduce((sum, kind) => sum + Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN), 0);
  // On a shared machine the wall time includes waiting for a core; the CPU time does not.
  const result = { label, command: argv.join(' '), exit: r.status, wallSeconds: Math.round(seconds * 100) / 100, cpuSeconds: Math.round(cpu * 100) / 100, peakRssMiB: Math.round(rssKiB / 1024) };
  console.log(`${label}: exit ${result.exit}, ${result.wallSeconds} s wall, ${result.cpuSeconds} s CPU, peak RSS ${result.peakRssMiB} MiB   (${result.command})`);
  if (r.status !== 0 && r.status !== 1) console.error(r.stderr.split('\n').slice(-15).join('\n'));
  return result;
}

function sourceFiles(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) visit(abs);
      else if (/\.(ts|tsx|js|mjs|cjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(abs);
    }
  };
  visit(dir);
  return out;
}

const index = (dir, out, label) => timed(label, [process.execPath, bin, 'index', dir, '--out', out, '--no-kuzu', '--no-incremental', '--quiet']);
const figures = {};
figures.indexBase = reuse && existsSync(path.join(baseOut, 'graph.json')) ? null : index(tree, baseOut, 'index base');
if (!(reuse && existsSync(path.join(headOut, 'graph.json')))) {
  rmSync(headTree, { recursive: true, force: true });
  cpSync(tree, headTree, { recursive: true });
  // Every k-th source file (in sorted order) that declares an exported function gets a new
  // function calling it.
  const callees = [];
  for (const file of sourceFiles(path.join(headTree, 'src'))) {
    const m = /export (?:async )?function (\w+)|export const (\w+) = (?:async )?\(/.exec(readFileSync(file, 'utf8'));
    if (m) callees.push([file, m[1] ?? m[2]]);
  }
  const step = Math.max(1, Math.floor(callees.length / CHANGES));
  let changed = 0;
  for (let i = 0; i < callees.length && changed < CHANGES; i += step) {
    const [file, callee] = callees[i];
    appendFileSync(file, `\nexport function benchAdded${changed}(): unknown {\n  return ${callee}(undefined);\n}\n`);
    changed++;
  }
  console.log(`changed ${changed} of the ${callees.length} source files that export a function`);
  figures.changedFiles = changed;
  figures.indexHead = index(headTree, headOut, 'index head');
}
figures.diffText = timed('diff (text)', [process.execPath, bin, 'diff', baseOut, headOut], path.join(work, `${name}-diff.txt`));
figures.diffJson = timed('diff --json', [process.execPath, bin, 'diff', baseOut, headOut, '--json'], path.join(work, `${name}-diff.json`));
figures.same = timed('diff of one output with itself', [process.execPath, bin, 'diff', baseOut, baseOut], path.join(work, `${name}-diff-same.txt`));
const diff = JSON.parse(readFileSync(path.join(work, `${name}-diff.json`), 'utf8'));
figures.result = {
  baseNodes: diff.base.nodes,
  baseRelationships: diff.base.relationships,
  definitionsAdded: diff.definitions.added.length,
  callsAdded: diff.relationships.CALLS.added.length,
  filesChanged: diff.files.changed.length,
  impacted: diff.impact.affected.length,
  sameIsUnchanged: readFileSync(path.join(work, `${name}-diff-same.txt`), 'utf8').includes(': no change'),
};
console.log(JSON.stringify(figures.result));
writeFileSync(path.join(work, `${name}-diff-scale.json`), `${JSON.stringify(figures, null, 2)}\n`);
