import { describe, expect, it } from 'vitest';
import { csvPropertiesEncoder, csvString } from '../../../src/storage/kuzu-rows.js';
import { NODE_TABLES, RELATIONSHIP_TABLES } from '../../../src/graph/model.js';

describe('Kuzu COPY rows', () => {
  it('quotes every string field, doubling the quotes inside and only those', () => {
    expect(csvString('Method:src/a.ts:Cart.total')).toBe('"Method:src/a.ts:Cart.total"');
    expect(csvString('')).toBe('""');
    expect(csvString('say "hi", "bye"')).toBe('"say ""hi"", ""bye"""');
    expect(csvString('"')).toBe('""""');
  });

  it("encodes a row's properties in the table's column order, lists joined by U+001F, absent as empty", () => {
    const imports = csvPropertiesEncoder(RELATIONSHIP_TABLES.IMPORTS.properties);
    expect(imports({ specifiers: ['./a', './a.js'], kinds: ['static'], line: 3 })).toBe(',"./a\u001f./a.js",,"static",3');
    const file = csvPropertiesEncoder(NODE_TABLES.File);
    expect(file({ name: 'a "b".ts', filePath: 'a "b".ts', language: 'typescript', size: 12 })).toBe(',"a ""b"".ts","a ""b"".ts","typescript",12,,,,,');
  });
});
