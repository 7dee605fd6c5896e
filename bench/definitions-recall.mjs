// Definitions recall against the TypeScript parser: every named function with a body, class,
// interface and type alias the compiler's parser finds in a folder's .ts files (declaration files
// left out), matched to a graph node by file, label, name and start line (within 3 lines).
// Usage: npm run build && node bench/definitions-recall.mjs <dir>   (prints one JSON line)
import ts from 'typescript';
import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import path from 'node:path';
const { runIndex } = await import('../dist/orchestrator/run.js');
const { mkdtempSync, rmSync } = await import('node:fs');
const os = await import('node:os');
if (!process.argv[2]) {
  console.error('usage: node bench/definitions-recall.mjs <dir>');
  process.exit(2);
}
const root = path.resolve(process.argv[2]);
const outDir = mkdtempSync(path.join(os.tmpdir(), 'codegraph-defrecall-'));
const { graph } = await runIndex(Object.freeze({ repo: root, rootName: 'x', outDir, kuzu: false, batchSize: 100000, validate: false, include: [], exclude: [], allowDegraded: true, workers: 2, maxFileSize: 1 << 20, incremental: false }));
rmSync(outDir, { recursive: true, force: true });
const ours = new Map();
for (const n of graph.nodes) if (['Function', 'Class', 'Interface', 'Type'].includes(n.label)) {
  const k = `${n.properties.filePath}|${n.label}|${n.properties.name}`; (ours.get(k) ?? ours.set(k, []).get(k)).push(n.properties.startLine);
}
let ref = 0, found = 0; const missed = [];
for (const f of (await fg('**/*.ts', { cwd: root, ignore: ['**/*.d.ts'] })).sort()) {
  const sf = ts.createSourceFile(f, readFileSync(path.join(root, f), 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    let label;
    if (ts.isFunctionDeclaration(node) && node.name && node.body) label = 'Function';
    else if (ts.isClassDeclaration(node) && node.name) label = 'Class';
    else if (ts.isInterfaceDeclaration(node)) label = 'Interface';
    else if (ts.isTypeAliasDeclaration(node)) label = 'Type';
    if (label) {
      ref++;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const lines = ours.get(`${f}|${label}|${node.name.text}`) ?? [];
      if (lines.some((l) => Math.abs(l - line) <= 3)) found++; else missed.push(`${f}:${line} ${label} ${node.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
console.log(JSON.stringify({ ref, found, recall: +(found / ref).toFixed(4), missed: missed.slice(0, 8) }));
