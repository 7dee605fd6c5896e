import kuzu, { type KuzuValue } from 'kuzu';
import { NODE_TABLES, RELATIONSHIP_TABLES, type CodeGraph, type PropertyType } from '../../../src/graph/model.js';

// Test-only writer of the Kuzu layout the index command's sink uses: one node table per label
// (id STRING PRIMARY KEY, then the label's properties), one rel table per type (FROM/TO per end).

const KUZU_TYPES: Record<PropertyType, string> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  'string[]': 'STRING[]',
};

export function schemaStatements(): string[] {
  const statements: string[] = [];
  for (const [label, props] of Object.entries(NODE_TABLES)) {
    const columns = Object.entries(props).map(([name, spec]) => `${name} ${KUZU_TYPES[spec.type]}`);
    statements.push(`CREATE NODE TABLE ${label}(id STRING PRIMARY KEY${columns.map((c) => `, ${c}`).join('')})`);
  }
  for (const [type, spec] of Object.entries(RELATIONSHIP_TABLES)) {
    const ends = spec.ends.map(([from, to]) => `FROM ${from} TO ${to}`).join(', ');
    const columns = Object.entries(spec.properties).map(([name, p]) => `, ${name} ${KUZU_TYPES[p.type]}`);
    statements.push(`CREATE REL TABLE ${type}(${ends}, id STRING${columns.join('')})`);
  }
  return statements;
}

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
