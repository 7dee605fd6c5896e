// Runs one Cypher query against the example's Kuzu database and prints the rows, tab-separated.
//   node examples/query.mjs "MATCH (f:Function) RETURN f.name LIMIT 5" [path/to/graph.kuzu]
//   node examples/query.mjs 3        (the third query of examples/queries.cypher)
// Index the example first: npx codegraph index examples/shop
import { readFileSync } from 'node:fs';
import kuzu from 'kuzu';

const [arg, dbPath = new URL('./shop/.codegraph/graph.kuzu', import.meta.url).pathname] = process.argv.slice(2);
if (!arg) {
  console.error('usage: node examples/query.mjs "<cypher>" | <number in queries.cypher> [graph.kuzu]');
  process.exit(2);
}
const queries = () => readFileSync(new URL('./queries.cypher', import.meta.url), 'utf8').split('\n')
  .filter((line) => !line.trimStart().startsWith('//')).join('\n').split(';').map((q) => q.trim()).filter(Boolean);
const query = /^\d+$/.test(arg) ? queries()[Number(arg) - 1] : arg;
if (!query) {
  console.error(`no query number ${arg} in examples/queries.cypher`);
  process.exit(2);
}

const db = new kuzu.Database(dbPath, 0, true, true); // read-only
const conn = new kuzu.Connection(db);
const result = await conn.query(query);
const rows = await result.getAll();
const columns = result.getColumnNamesSync();
const cell = (v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
console.log(columns.join('\t'));
for (const row of rows) console.log(columns.map((c) => cell(row[c])).join('\t'));
console.error(`(${rows.length} rows)`);
result.close();
await conn.close();
await db.close();
