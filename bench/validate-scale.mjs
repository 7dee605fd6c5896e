#!/usr/bin/env node
// Validation at scale: generates an output folder holding a graph of about a million nodes and
// relationships (graph.json in the json sink's layout, graph.kuzu loaded with COPY from CSV in the
// Kuzu sink's schema), then runs `codegraph validate` on it in a child process and reports its wall
// time and peak RSS (from /usr/bin/time when present, else from the child's resource usage).
//
//   npm run build && node bench/validate-scale.mjs [--files N] [--keep] [--dir DIR]
//
// --files N sets the size: each file brings 23 nodes and about 28 relationships (20000 files is
// ~1.02M in all). The folder goes under bench/.cache/ unless --dir says otherwise.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import kuzu from 'kuzu';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const FILES = Number(flag('--files', '20000'));
const dir = path.resolve(flag('--dir', path.join(root, 'bench/.cache/validate-scale')));
const keep = args.includes('--keep');

const { schemaStatements } = await import(path.join(root, 'dist/storage/kuzu-schema.js'));
const { NODE_TABLES, RELATIONSHIP_TABLES } = await import(path.join(root, 'dist/graph/model.js'));

// ---- generate the graph, sorted by id as the json sink writes it ----
const pad = (n, w) => String(n).padStart(w, '0');
const nodes = [];
const rels = [];
const node = (id, label, properties) => nodes.push({ id, label, properties });
const rel = (type, source, target, properties = {}) => rels.push({ id: `${type}:${source}->${target}`, type, source, target, properties });
const FOLDERS = Math.max(1, Math.round(FILES / 100));
node('Project:scale', 'Project', { name: 'scale' });
for (let d = 0; d < FOLDERS; d++) {
  const folder = `pkg${pad(d, 4)}`;
  node(`Folder:${folder}`, 'Folder', { filePath: folder, name: folder });
  rel('CONTAINS', 'Project:scale', `Folder:${folder}`);
}
const fileOf = (f) => `pkg${pad(f % FOLDERS, 4)}/m${pad(f, 6)}.ts`;
for (let f = 0; f < FILES; f++) {
  const file = fileOf(f);
  const fileId = `File:${file}`;
  node(fileId, 'File', { filePath: file, language: 'typescript', lines: 400 + (f % 97), name: path.basename(file), size: 12000 + f });
  rel('CONTAINS', `Folder:${path.dirname(file)}`, fileId);
  const def = (label, name, line, extra = {}) => {
    const id = `${label}:${file}:${name}`;
    node(id, label, { endLine: line + 5, exported: line % 2 === 0, filePath: file, name: name.split('.').pop(), startLine: line, ...extra });
    return id;
  };
  const functions = [];
  for (let i = 0; i < 12; i++) {
    functions.push(def('Function', `fn${i}`, 10 + i * 10, i % 3 === 0 ? { async: true } : {}));
    rel('DEFINES', fileId, functions[i]);
  }
  for (let c = 0; c < 2; c++) {
    const cls = def('Class', `C${c}`, 200 + c * 50);
    rel('DEFINES', fileId, cls);
    for (let m = 0; m < 3; m++) {
      const method = def('Method', `C${c}.m${m}`, 201 + c * 50 + m * 10, { kind: 'method', owner: `C${c}` });
      rel('DEFINES', fileId, method);
      rel('DEFINES', cls, method);
    }
  }
  for (let v = 0; v < 2; v++) rel('DEFINES', fileId, def('Variable', `v${v}`, 300 + v, { kind: 'const' }));
  for (const step of [1, 7]) {
    const target = `File:${fileOf((f + step) % FILES)}`;
    rel('IMPORTS', fileId, target, { kinds: ['static'], line: step, names: ['fn0', 'fn1'], specifiers: [`./m${step}`] });
  }
  for (const [i, step] of [[0, 1], [1, 7], [2, 0]]) {
    const callee = `Function:${fileOf((f + step) % FILES)}:fn${(i + 1) % 12}:${10 + ((i + 1) % 12) * 10}`;
    rel('CALLS', functions[i], callee, { callSites: 1 + i, confidence: step === 0 ? 1 : 0.9, line: 12 + i, stage: step === 0 ? 'same-file' : 'import' });
  }
}
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
nodes.sort(byId);
rels.sort(byId);
console.log(`generated ${nodes.length} nodes + ${rels.length} relationships = ${nodes.length + rels.length}`);

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const started = performance.now();

async function writeLines(file, head, groups, tail) {
  const out = createWriteStream(file);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(head);
  for (const [open, items, close] of groups) {
    await write(open);
    for (let i = 0; i < items.length; i += 1000) {
      await write(items.slice(i, i + 1000).map((item, j) => `    ${JSON.stringify(item)}${i + j + 1 < items.length ? ',' : ''}\n`).join(''));
    }
    await write(close);
  }
  await write(tail);
  out.end();
  await once(out, 'finish');
}
await writeLines(
  path.join(dir, 'graph.json'),
  `{\n  "version": 2,\n  "generator": {"name":"codegraph","version":"0.1.0"},\n  "root": "scale",\n`,
  [
    ['  "nodes": [\n', nodes, '  ],\n'],
    ['  "relationships": [\n', rels, '  ]\n'],
  ],
  '}\n',
);

// ---- graph.kuzu: the sink's schema, loaded with COPY from CSV files ----
const csvDir = path.join(dir, 'csv');
mkdirSync(csvDir);
const cell = (value) => {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `"[${value.join(',')}]"`;
  return String(value);
};
const labelOf = new Map(nodes.map((n) => [n.id, n.label]));
const db = new kuzu.Database(path.join(dir, 'graph.kuzu'));
const conn = new kuzu.Connection(db);
const run = async (statement) => {
  const result = await conn.query(statement);
  for (const r of Array.isArray(result) ? result : [result]) r.close();
};
for (const statement of schemaStatements()) await run(statement);
for (const [label, table] of Object.entries(NODE_TABLES)) {
  const rows = nodes.filter((n) => n.label === label);
  if (rows.length === 0) continue;
  const file = path.join(csvDir, `${label}.csv`);
  await writeCsv(file, rows.map((n) => [n.id, ...Object.keys(table).map((k) => cell(n.properties[k]))].join(',')));
  await run(`COPY ${label} FROM '${file}' (HEADER=false)`);
}
for (const [type, spec] of Object.entries(RELATIONSHIP_TABLES)) {
  for (const [from, to] of spec.ends) {
    const rows = rels.filter((r) => r.type === type && labelOf.get(r.source) === from && labelOf.get(r.target) === to);
    if (rows.length === 0) continue;
    const file = path.join(csvDir, `${type}_${from}_${to}.csv`);
    await writeCsv(file, rows.map((r) => [r.source, r.target, r.id, ...Object.keys(spec.properties).map((k) => cell(r.properties[k]))].join(',')));
    const pair = spec.ends.length > 1 ? `, from='${from}', to='${to}'` : '';
    await run(`COPY ${type} FROM '${file}' (HEADER=false${pair})`);
  }
}
await conn.close();
await db.close();
rmSync(csvDir, { recursive: true, force: true });
console.log(`wrote graph.json and graph.kuzu to ${dir} in ${Math.round(performance.now() - started)} ms`);
nodes.length = 0;
rels.length = 0;

async function writeCsv(file, lines) {
  const out = createWriteStream(file);
  for (let i = 0; i < lines.length; i += 5000) {
    if (!out.write(`${lines.slice(i, i + 5000).join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// ---- measure validate in a child process ----
const cliArgs = [path.join(root, 'bin/codegraph.js'), 'validate', '--out', dir, '--json'];
const haveTime = existsSync('/usr/bin/time');
const t0 = performance.now();
const child = haveTime
  ? spawnSync('/usr/bin/time', ['-f', 'peak_rss_kb=%M', process.execPath, ...cliArgs], { encoding: 'utf8', maxBuffer: 1 << 26 })
  : spawnSync(process.execPath, cliArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
const wallMs = Math.round(performance.now() - t0);
const rssKb = haveTime ? Number(/peak_rss_kb=(\d+)/.exec(child.stderr)?.[1]) : NaN;
let report;
try {
  report = JSON.parse(child.stdout);
} catch {
  console.error(child.stderr);
  process.exit(1);
}
console.log(
  JSON.stringify(
    {
      nodes: report.graphJson.nodes,
      relationships: report.graphJson.relationships,
      consistent: report.consistent,
      exitCode: child.status,
      validateWallMs: wallMs,
      validateReportedMs: report.durationMs,
      peakRssMb: Number.isFinite(rssKb) ? Math.round(rssKb / 1024) : 'unknown (/usr/bin/time missing)',
    },
    null,
    2,
  ),
);
if (!keep) rmSync(dir, { recursive: true, force: true });
