import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KuzuValue } from 'kuzu';
import { GraphBuilder } from '../../../src/graph/builder.js';
import { definitionId, fileId, projectId, relationshipId } from '../../../src/graph/ids.js';
import type { CodeGraph } from '../../../src/graph/model.js';
import { jsonValue, rowEncoder, tableDigest } from '../../../src/validate/table-digest.js';
import { validateOutput } from '../../../src/validate/validate-output.js';
import { runOnKuzu, writeKuzu } from './kuzu-test-db.js';
import { ids, sampleGraph } from './sample-graph.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'codegraph-digest-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

async function writeOutput(graph: CodeGraph): Promise<void> {
  writeFileSync(path.join(out, 'graph.json'), JSON.stringify(graph, null, 2));
  await writeKuzu(path.join(out, 'graph.kuzu'), graph);
}

describe("graph.json's side of the digest", () => {
  it("writes values the way Kuzu's to_json does", () => {
    expect(jsonValue(1, 'float')).toBe('1.0');
    expect(jsonValue(0.1 + 0.2, 'float')).toBe('0.30000000000000004');
    expect(jsonValue(1e21, 'float')).toBe('1e21');
    expect(jsonValue(12, 'int')).toBe('12');
    expect(jsonValue(false, 'boolean')).toBe('false');
    expect(jsonValue(undefined, 'string')).toBe('null');
    expect(jsonValue('a"b\\c\n\u0001\u001f', 'string')).toBe('"a\\"b\\\\c\\n\\u0001\\u001F"');
    expect(jsonValue(['x', 'y,z'], 'string[]')).toBe('["x","y,z"]');
    expect(rowEncoder(['id', 'int', 'string'])(['n', 3, undefined])).toBe('{"c0":"n","c1":3,"c2":null}');
  });

  it('is the same for the same rows in any order, and differs when one row differs', () => {
    expect(tableDigest(['{"c0":"b"}', '{"c0":"a"}'])).toBe(tableDigest(['{"c0":"a"}', '{"c0":"b"}']));
    expect(tableDigest(['{"c0":"a","c1":1}'])).not.toBe(tableDigest(['{"c0":"a","c1":2}']));
  });
});

describe('validation by digest, against a real Kuzu database', () => {
  it('agrees with Kuzu on awkward values, so no table is read back row by row', async () => {
    const b = new GraphBuilder();
    const project = projectId('r');
    const names = ['q"uote', 'back\\slash', 'new\nline', 'ctl\u0001\u001f', 'ünï😀', 'a/b,c', '\uE000\uFFFD'];
    b.addNode({ id: project, label: 'Project', properties: { name: 'r' } });
    for (const name of names) {
      b.addNode({ id: fileId(name), label: 'File', properties: { name, filePath: name, language: 'typescript', size: 2 ** 40, lines: 0 } });
      b.addRelationship({ id: relationshipId('CONTAINS', project, fileId(name)), type: 'CONTAINS', source: project, target: fileId(name), properties: {} });
    }
    const f = (name: string): string => definitionId('Function', names[0]!, name);
    b.addNode({ id: f('a'), label: 'Function', properties: { name: 'a', filePath: names[0]!, startLine: 1, endLine: 2, exported: false, async: true } });
    b.addNode({ id: f('b'), label: 'Function', properties: { name: 'b', filePath: names[0]!, startLine: 3, endLine: 4, exported: true } });
    for (const [target, confidence] of [[f('a'), 1], [f('b'), 0.1 + 0.2]] as const) {
      b.addRelationship({ id: relationshipId('CALLS', fileId(names[1]!), target), type: 'CALLS', source: fileId(names[1]!), target, properties: { stage: 'import', confidence, line: 1, callSites: 1 } });
    }
    b.addRelationship({
      id: relationshipId('IMPORTS', fileId(names[2]!), fileId(names[3]!)), type: 'IMPORTS', source: fileId(names[2]!), target: fileId(names[3]!),
      properties: { specifiers: ['./x,"y"', 'ünï😀\n'], kinds: ['static'], line: 3 },
    });
    await writeOutput(b.build('r', '0'));
    const report = await validateOutput(out);
    expect(report.consistent).toBe(true);
    expect(report.kuzu.rowByRow).toEqual([]);
  });

  it('finds an untouched output consistent without reading any table back', async () => {
    await writeOutput(sampleGraph());
    const report = await validateOutput(out);
    expect([report.consistent, report.kuzu.rowByRow]).toEqual([true, []]);
    expect(report.counts.relationships.find((c) => c.table === 'DEFINES')).toEqual({ table: 'DEFINES', json: 5, kuzu: 5 });
  });

  it.each([
    ['one property value changed', `MATCH (n:Function {id: $id}) SET n.endLine = 5`, { id: ids.helper }, ['Function'], 'node-property-differs'],
    ['a float changed in its last bit', `MATCH ()-[r:CALLS]->() WHERE r.confidence = 0.9 SET r.confidence = 0.9000000000000001`, {}, ['CALLS'], 'relationship-property-differs'],
    ['one list element changed', `MATCH ()-[r:IMPORTS]->() SET r.names = ['Base', 'helpers']`, {}, ['IMPORTS'], 'relationship-property-differs'],
    ['a row deleted', `MATCH ()-[r:INHERITS]->() DELETE r`, {}, ['INHERITS'], 'relationship-missing-in-kuzu'],
    ['a row added', `CREATE (:Folder {id: 'Folder:extra', name: 'extra', filePath: 'extra'})`, {}, ['Folder'], 'node-extra-in-kuzu'],
  ] as const)('catches %s by its table digest, then reads that table alone row by row', async (_what, damage, params, tables, kind) => {
    await writeOutput(sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [[damage, params as Record<string, KuzuValue>]]);
    const report = await validateOutput(out);
    expect(report.consistent).toBe(false);
    expect(report.kuzu.rowByRow).toEqual(tables);
    expect(report.differences.map((d) => [d.kind, d.count])).toEqual([[kind, 1]]);
  });
});
