// `npm run accuracy`: codegraph's CALLS, IMPORTS, INHERITS and IMPLEMENTS against the TypeScript
// type checker's, on pinned real packages (`--hold-out` adds the hold-outs; names pick packages).
// See bench/accuracy/README.md for the scoring rules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { fetchPackage } from './accuracy/fetch.mjs';
import { EXCLUDE, PACKAGES } from './accuracy/packages.mjs';
import { buildReference } from './accuracy/reference.mjs';
import { errors, pairsOf, precisionByStage, score } from './accuracy/score.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cacheDir = path.join(here, '.cache', 'accuracy');
const resultsDir = path.join(here, 'results');
const TYPES = ['CALLS', 'IMPORTS', 'INHERITS', 'IMPLEMENTS'];
const args = process.argv.slice(2);
const withHoldOut = args.includes('--hold-out');
const only = args.filter((a) => !a.startsWith('--'));

const { runIndex } = await import('../dist/orchestrator/run.js');

async function indexWithCodegraph(root, name, exclude) {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'codegraph-accuracy-'));
  try {
    const options = Object.freeze({
      repo: root,
      rootName: name,
      outDir,
      kuzu: false,
      batchSize: 100_000,
      validate: false,
      include: [],
      exclude,
      allowDegraded: true,
      workers: 1,
      maxFileSize: 4 * 1024 * 1024,
      incremental: false,
    });
    const { graph, report } = await runIndex(options);
    return { graph, report };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const results = [];
for (const pkg of PACKAGES) {
  if (only.length > 0 ? !only.includes(pkg.name) : pkg.holdOut && !withHoldOut) continue;
  const dir = fetchPackage(cacheDir, pkg);
  const root = path.join(dir, pkg.root);
  const exclude = [...EXCLUDE, ...(pkg.exclude ?? [])];
  const files = (await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: root, ignore: exclude })).sort();
  const { graph, report } = await indexWithCodegraph(root, pkg.name, exclude);
  const t0 = performance.now();
  const reference = buildReference({ root, files, nodes: graph.nodes });
  const referenceMs = Math.round(performance.now() - t0);
  const byType = {};
  const details = {};
  for (const type of TYPES) {
    const ours = pairsOf(graph, type);
    byType[type] = score(new Set(ours.keys()), reference[type]);
    details[type] = errors(ours, reference[type], type === 'CALLS' ? reference.callSites : undefined);
  }
  const callCounts = report.phases?.find((p) => p.phase === 'calls')?.counts ?? {};
  const stages = precisionByStage(pairsOf(graph, 'CALLS'), reference.CALLS);
  results.push({ package: `${pkg.name}@${pkg.version}`, flavour: pkg.flavour, files: files.length, referenceMs, scores: byType, callStages: stages, callCounts, referenceStats: reference.stats, unmappedSamples: reference.unmappedSamples, details });
}

const pct = (x) => x.toFixed(3);
const header = ['package', 'files', 'relation', 'ours', 'ref', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'];
const rows = [];
for (const r of results) {
  for (const type of TYPES) {
    const s = r.scores[type];
    rows.push([r.package, String(r.files), type, String(s.ours), String(s.reference), String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1)]);
  }
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));

const STAGES = ['same-file', 'import', 'type', 'repo-wide'];
console.log(`\nCALLS by stage: edges, share confirmed by the checker`);
for (const r of results) {
  const cells = STAGES.map((st) => {
    const e = r.callStages[st];
    return `${st} ${e ? `${e.edges} ${pct(e.precision)}` : '0 -'}`;
  });
  const c = r.callCounts;
  console.log(`${r.package.padEnd(widths[0])}  ${cells.join('   ')}   sites ${c.found ?? 0}, resolved ${pct(c.resolvedShare ?? 0)}`);
}

mkdirSync(resultsDir, { recursive: true });
const out = path.join(resultsDir, 'accuracy.json');
writeFileSync(out, JSON.stringify({ typescript: (await import('typescript')).default.version, results }, null, 2) + '\n');
console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
