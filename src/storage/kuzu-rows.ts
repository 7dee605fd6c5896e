import { LIST_SEPARATOR } from '../graph/builder.js';
import {
  NODE_TABLES,
  type GraphNode,
  type GraphRelationship,
  type NodeLabel,
  type PropertyTable,
  type PropertyValue,
  type RelationshipType,
} from '../graph/model.js';
import { propertyNames } from './kuzu-schema.js';
import type { BoundStatement } from './kuzu-protocol.js';

// How graph rows become Kuzu input: CSV fields for COPY, and bound statements for small groups.

/** Parameters are named `p_<property>`, so no property name can clash with `id`, `src` or `dst`. */
function boundProperties(properties: Readonly<Record<string, PropertyValue>>): { text: string; params: Record<string, PropertyValue> } {
  const names = Object.keys(properties);
  return {
    text: names.map((name) => `, ${name}: $p_${name}`).join(''),
    params: Object.fromEntries(names.map((name) => [`p_${name}`, properties[name]!])),
  };
}

/**
 * `UNWIND $rows … CREATE` statements for a group of nodes. Kuzu infers a parameter's struct type
 * from the values and cannot bind a null field, so rows are grouped by the properties they have
 * (and, for floats, whether the value is whole, which binds as INT64): every row of a statement
 * has the same fields of the same types.
 */
export function unwindNodes(label: NodeLabel, nodes: readonly GraphNode[]): BoundStatement[] {
  const table: PropertyTable = NODE_TABLES[label];
  const shapes = groupBy(nodes, (n) =>
    Object.keys(n.properties)
      .map((k) => (table[k]?.type === 'float' && Number.isInteger(n.properties[k]) ? `${k}:int` : k))
      .join(','),
  );
  return [...shapes.values()].map((group) => {
    const names = Object.keys(group[0]!.properties);
    const fields = names.map((name) => `, ${name}: r.${name}`).join('');
    return {
      statement: `UNWIND $rows AS r CREATE (:${label} {id: r.id${fields}})`,
      params: { rows: group.map((n) => ({ id: n.id, ...n.properties })) },
    };
  });
}

export function createRelationship(type: RelationshipType, from: NodeLabel, to: NodeLabel, rel: GraphRelationship): BoundStatement {
  const { text, params } = boundProperties(rel.properties);
  return {
    statement: `MATCH (a:${from} {id: $src}), (b:${to} {id: $dst}) CREATE (a)-[:${type} {id: $id${text}}]->(b)`,
    params: { src: rel.source, dst: rel.target, id: rel.id, ...params },
  };
}

/** A Cypher string literal for a file path codegraph chose (never a value from the graph). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function csvString(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/**
 * Encodes a row's properties as CSV fields in the table's column order, each after a comma ('' for
 * a table without properties). The columns are worked out once per table, not once per row.
 */
export function csvPropertiesEncoder(table: PropertyTable): (properties: Readonly<Record<string, PropertyValue>>) => string {
  const columns = propertyNames(table).map((name) => ({ name, list: table[name]!.type === 'string[]' }));
  return (properties) => {
    let text = '';
    for (const { name, list } of columns) {
      const value = properties[name];
      if (value === undefined) text += ',';
      else if (list) text += `,${csvString((value as readonly string[]).join(LIST_SEPARATOR))}`;
      else if (typeof value === 'string') text += `,${csvString(value)}`;
      else text += `,${String(value)}`;
    }
    return text;
  };
}
