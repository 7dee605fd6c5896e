import {
  NODE_LABELS,
  NODE_TABLES,
  RELATIONSHIP_TABLES,
  RELATIONSHIP_TYPES,
  type NodeLabel,
  type PropertyTable,
  type PropertyType,
  type RelationshipType,
} from '../graph/model.js';

const KUZU_TYPES: Record<PropertyType, string> = {
  string: 'STRING',
  int: 'INT64',
  float: 'DOUBLE',
  boolean: 'BOOLEAN',
  'string[]': 'STRING[]',
};

export function kuzuType(type: PropertyType): string {
  return KUZU_TYPES[type];
}

function columns(table: PropertyTable): string[] {
  return Object.entries(table).map(([name, spec]) => `${name} ${KUZU_TYPES[spec.type]}`);
}

/** Property names of a table, in column order. */
export function propertyNames(table: PropertyTable): string[] {
  return Object.keys(table);
}

export function listProperties(table: PropertyTable): string[] {
  return Object.entries(table)
    .filter(([, spec]) => spec.type === 'string[]')
    .map(([name]) => name);
}

/**
 * The DDL for every table of the model: a node table per label (`id` primary key, then the label's
 * properties), a relationship table per type with all its FROM/TO pairs (`id`, then properties).
 */
export function schemaStatements(): string[] {
  const nodes = NODE_LABELS.map((label: NodeLabel) =>
    `CREATE NODE TABLE ${label}(${['id STRING PRIMARY KEY', ...columns(NODE_TABLES[label])].join(', ')})`,
  );
  const rels = RELATIONSHIP_TYPES.map((type: RelationshipType) => {
    const spec = RELATIONSHIP_TABLES[type];
    const ends = spec.ends.map(([from, to]) => `FROM ${from} TO ${to}`);
    return `CREATE REL TABLE ${type}(${[...ends, 'id STRING', ...columns(spec.properties)].join(', ')})`;
  });
  return [...nodes, ...rels];
}
