import kuzu, { type KuzuValue } from 'kuzu';
import type { CodeGraph } from '../../../src/graph/model.js';
import { schemaStatements } from '../../../src/storage/kuzu-schema.js';

// Test-only writer of a graph into Kuzu with the index command's DDL, row by row, so a test can
// build exactly the database it needs (and then damage it).

/** Runs statements (with optional parameters) against a database opened read-write, then closes it. */
export async function runOnKuzu(
  path: string,
  statements: readonly (string | readonly [string, Record<string, KuzuValue>])[],
): Promise<void> {
  const db = new kuzu.Database(path);
  const conn = new kuzu.Connection(db);
  try {
    for (const statement of statements) {
      const [text, params] = typeof statement === 'string' ? [statement, undefined] : statement;
      const result = params
        ? await conn.execute(await conn.prepare(text), params)
        : await conn.query(text);
      for (const r of Array.isArray(result) ? result : [result]) r.close();
    }
  } finally {
    await conn.close();
    await db.close();
  }
}

/** Creates graph.kuzu holding exactly `graph`. */
export async function writeKuzu(path: string, graph: CodeGraph): Promise<void> {
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const statements: [string, Record<string, KuzuValue>][] = [];
  for (const node of graph.nodes) {
    const keys = Object.keys(node.properties);
    const fields = ['id: $id', ...keys.map((k) => `${k}: $${k}`)].join(', ');
    statements.push([`CREATE (:${node.label} {${fields}})`, { id: node.id, ...(node.properties as Record<string, KuzuValue>) }]);
  }
  for (const rel of graph.relationships) {
    const keys = Object.keys(rel.properties);
    const fields = ['id: $id', ...keys.map((k) => `${k}: $${k}`)].join(', ');
    statements.push([
      `MATCH (a:${labelOf.get(rel.source)} {id: $source}), (b:${labelOf.get(rel.target)} {id: $target}) CREATE (a)-[:${rel.type} {${fields}}]->(b)`,
      { id: rel.id, source: rel.source, target: rel.target, ...(rel.properties as Record<string, KuzuValue>) },
    ]);
  }
  await runOnKuzu(path, [...schemaStatements(), ...statements]);
}
