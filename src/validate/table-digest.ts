import { createHash } from 'node:crypto';
import { compareCodePoints } from '../graph/check.js';
import type { PropertyType, PropertyValue } from '../graph/model.js';

// The validation fast path (docs/adr/0003-validation-digest.md): one digest per table, computed by
// Kuzu over its rows and here over graph.json's, compared before any row is read back.
//
// A row is written as the JSON text Kuzu's to_json gives the STRUCT {c0: id, c1: …} of its columns,
// every property included; the table's rows are sorted (byte order), joined with ',' and hashed
// with MD5. JSON text is an injective encoding of the values (JSON objects are self-delimiting, so
// the joined list is too), so equal digests mean equal tables, up to an MD5 collision. The text
// here imitates Kuzu's formatting only so that equal tables give equal digests: where it would
// differ for some value, the digests differ and validation compares that table row by row, which
// costs time, never completeness.

/** A column of a table: the type of what Kuzu holds there ('id' for the key and endpoint ids). */
export type DigestColumn = PropertyType | 'id';

/** The digest of a table of no rows. */
export const EMPTY_DIGEST = createHash('md5').update('').digest('hex');

type Encode = (value: PropertyValue) => string;

const ENCODERS: Record<DigestColumn, Encode> = {
  id: (v) => jsonString(v as string),
  string: (v) => jsonString(v as string),
  'string[]': (v) => `[${(v as readonly string[]).map(jsonString).join(',')}]`,
  float: (v) => kuzuDouble(v as number),
  int: (v) => String(v),
  boolean: (v) => String(v),
};

/** Kuzu's to_json text of one value of a column of this type; null where there is no value. */
export function jsonValue(value: PropertyValue | undefined, type: DigestColumn): string {
  return value === undefined ? 'null' : ENCODERS[type](value);
}

/**
 * Writes rows of a table with these column types as `{"c0":…,"c1":…}`: the encoders and keys are
 * picked once per table, not once per value.
 */
export function rowEncoder(types: readonly DigestColumn[]): (values: readonly (PropertyValue | undefined)[]) => string {
  const encoders = types.map((t) => ENCODERS[t]);
  const keys = types.map((_, i) => `${i === 0 ? '{' : ','}"c${i}":`);
  return (values) => {
    let text = '';
    for (let i = 0; i < encoders.length; i++) {
      const value = values[i];
      text += keys[i]! + (value === undefined ? 'null' : encoders[i]!(value));
    }
    return `${text}}`;
  };
}

/**
 * The digest of a table's row texts, in any order: they are sorted here in Kuzu's order (UTF-8
 * bytes, which is code point order) unless they already are, as rows taken in id order mostly are.
 * Rows begin with their unique id, so `compare` may be JavaScript's own order when no id holds a
 * character above U+FFFF (check.ts's idComparator): the two orders differ only there.
 */
export function tableDigest(rows: string[], compare: (a: string, b: string) => number = compareCodePoints): string {
  for (let i = 1; i < rows.length; i++) {
    if (compare(rows[i - 1]!, rows[i]!) > 0) {
      rows.sort(compare);
      break;
    }
  }
  const hash = createHash('md5');
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    chunk += i === 0 ? rows[i] : `,${rows[i]}`;
    if (chunk.length > 1 << 16) {
      hash.update(chunk, 'utf8');
      chunk = '';
    }
  }
  return hash.update(chunk, 'utf8').digest('hex');
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

/** JSON.stringify's text, except that Kuzu writes the hex digits of \u escapes in upper case. */
function jsonString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;
  const json = JSON.stringify(text);
  if (!CONTROL.test(text)) return json;
  return json.replace(/\\(u00[0-9a-f]{2}|.)/g, (escape: string, rest: string) => (rest.length === 1 ? escape : `\\u00${rest.slice(3).toUpperCase()}`));
}

/** Kuzu writes a DOUBLE in the shortest form that reads back the same, like JavaScript, but always with a fraction or an exponent without '+'. */
function kuzuDouble(value: number): string {
  const text = String(value);
  if (text.includes('e')) return text.replace('e+', 'e');
  return Number.isInteger(value) ? `${text}.0` : text;
}
