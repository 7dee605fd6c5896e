// Checks Kuzu's primary-key index after loading one label's ids by several COPYs or by one:
// `node bench/kuzu-append-check.mjs <graph.json> [--label Method] [--batch 100000] [--mode multi|list|tx]`.
// On kuzu 0.11.3 and the 50,000-file synthetic tree's graph.json, `--mode multi` (three
// auto-committed COPYs) counted all 220,719 Method rows but then could not find one of them by its
// key; `list` (one COPY of all the files) and `tx` (the three inside one transaction) found them
// all. Every id is looked up by key; the ids that are not found are printed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import kuzu from 'kuzu';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { label: { type: 'string', default: 'Method' }, batch: { type: 'string', default: '100000' }, mode: { type: 'string', default: 'multi' } },
});
if (positionals.length !== 1 || !['multi', 'list', 'tx'].includes(values.mode)) {
  process.stderr.write('usage: node bench/kuzu-append-check.mjs <graph.json> [--label Method] [--batch 100000] [--mode multi|list|tx]\n');
  process.exit(2);
}
const marker = `"label":${JSON.stringify(values.label)}`;
const ids = [];
// graph.json has one node per line; a large one is too long for a single string, so read by chunks.
let rest = '';
for (const chunk of chunksOf(positionals[0])) {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop();
  for (const line of lines) if (line.includes(marker)) ids.push(JSON.parse(line.trim().replace(/,$/, '')).id);
}
const batch = Number(values.batch);
const dir = mkdtempSync(path.join(os.tmpdir(), 'kuzu-append-'));
const files = [];
for (let i = 0; i < ids.length; i += batch) {
  const file = path.join(dir, `rows-${i}.csv`);
  writeFileSync(file, ids.slice(i, i + batch).map((id) => `"${id.replaceAll('"', '""')}"`).join('\n') + '\n');
  files.push(file);
}
const db = new kuzu.Database(path.join(dir, 'db'));
const conn = new kuzu.Connection(db);
async function run(statement, params) {
  const result = params ? await conn.execute(await conn.prepare(statement), params) : await conn.query(statement);
  const rows = await result.getAll();
  result.close();
  return rows;
}
try {
  await run('CREATE NODE TABLE T(id STRING, PRIMARY KEY(id))');
  const options = `(HEADER=false, DELIM=',', QUOTE='"', ESCAPE='"', AUTO_DETECT=false)`;
  if (values.mode === 'tx') await run('BEGIN TRANSACTION');
  if (values.mode === 'list') await run(`COPY T FROM [${files.map((f) => `'${f}'`).join(', ')}] ${options}`);
  else for (const file of files) await run(`COPY T FROM '${file}' ${options}`);
  if (values.mode === 'tx') await run('COMMIT');
  const [{ n }] = await run('MATCH (t:T) RETURN count(*) AS n');
  const missing = [];
  for (const id of ids) if ((await run('MATCH (t:T {id: $id}) RETURN t.id', { id })).length !== 1) missing.push(id);
  console.log(`${values.label}: ${ids.length} ids in ${files.length} file(s), mode ${values.mode}: ${n} rows counted, ${missing.length} not found by key`);
  for (const id of missing.slice(0, 20)) console.log(`  not found: ${id}`);
  process.exitCode = missing.length > 0 ? 1 : 0;
} finally {
  conn.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
}

function* chunksOf(file) {
  const text = readFileSync(file);
  const decoder = new StringDecoder('utf8');
  for (let i = 0; i < text.length; i += 64 * 1024 * 1024) yield decoder.write(text.subarray(i, i + 64 * 1024 * 1024));
  yield decoder.end();
}
