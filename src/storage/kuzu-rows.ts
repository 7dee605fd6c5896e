import { LIST_SEPARATOR } from '../graph/builder.js';
import type { PropertyTable, PropertyValue } from '../graph/model.js';
import { propertyNames } from './kuzu-schema.js';

// How graph rows become Kuzu input: CSV fields for COPY.

/** A Cypher string literal for a file path codegraph chose (never a value from the graph). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
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
  // Most values hold no quote: they are only wrapped, with no search-and-replace pass.
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
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
