/** A relationship's fields as its line in graph.json has them; `properties` is the JSON text of its properties. */
export interface RelationshipLine {
  readonly type: string;
  readonly source: string;
  readonly target: string;
  readonly properties: string;
}

// A JSON string with no escape in it: its text between the quotes is its value. Raw control
// characters are not JSON, so a line holding one is left to JSON.parse to refuse.
const STRING = '"[^"\\\\\\u0000-\\u001f]*"';
const NUMBER = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
const VALUE = `(?:${NUMBER}|${STRING}|true|false|null|\\[(?:${STRING}(?:,${STRING})*)?\\])`;
const PROPERTIES = `\\{(?:${STRING}:${VALUE}(?:,${STRING}:${VALUE})*)?\\}`;
const CAPTURED = '"([^"\\\\\\u0000-\\u001f]*)"';
/** A relationship item as the json sink writes it (keys in its order, no spaces), with or without its comma. */
const LINE = new RegExp(`^ {4}\\{"id":${STRING},"type":${CAPTURED},"source":${CAPTURED},"target":${CAPTURED},"properties":(${PROPERTIES})\\},?$`);

/**
 * The fields of a relationship line read without JSON.parse, or undefined when the line is not
 * in the json sink's form or holds an escape (a backslash). Every line it reads is valid JSON and
 * JSON.parse would give the same fields: this is only the common case made cheap, since building
 * each relationship's object was most of the cost of reading a large graph.json.
 */
export function readRelationshipLine(line: string): RelationshipLine | undefined {
  const match = LINE.exec(line);
  return match ? { type: match[1]!, source: match[2]!, target: match[3]!, properties: match[4]! } : undefined;
}
