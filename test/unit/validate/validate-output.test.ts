import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeGraph } from '../../../src/graph/model.js';
import { validateOutput, type ValidationReport } from '../../../src/validate/validate-output.js';
import { renderValidationText } from '../../../src/report/validation-text.js';
import { StorageError, UsageError } from '../../../src/errors.js';
import { runOnKuzu, writeKuzu } from './kuzu-test-db.js';
import { ids, sampleGraph } from './sample-graph.js';

let out: string;

beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'codegraph-validate-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

async function writeOutput(graph: CodeGraph, kuzuGraph: CodeGraph = graph): Promise<void> {
  writeFileSync(path.join(out, 'graph.json'), JSON.stringify(graph, null, 2));
  await writeKuzu(path.join(out, 'graph.kuzu'), kuzuGraph);
}

function kinds(report: ValidationReport): Record<string, number> {
  return Object.fromEntries([...report.integrity, ...report.differences].map((s) => [s.kind, s.count]));
}

describe('validateOutput', () => {
  it('finds an untouched output consistent, with equal counts per label and type', async () => {
    await writeOutput(sampleGraph());
    const report = await validateOutput(out);
    expect(report.consistent).toBe(true);
    expect(kinds(report)).toEqual({});
    expect(report.kuzu.status).toBe('compared');
    expect(report.graphJson).toMatchObject({ nodes: 9, relationships: 12 });
    expect(report.counts.nodes.filter((c) => c.json > 0)).toEqual([
      { table: 'Project', json: 1, kuzu: 1 },
      { table: 'Folder', json: 1, kuzu: 1 },
      { table: 'File', json: 2, kuzu: 2 },
      { table: 'Function', json: 2, kuzu: 2 },
      { table: 'Class', json: 2, kuzu: 2 },
      { table: 'Method', json: 1, kuzu: 1 },
    ]);
    expect(report.counts.relationships).toEqual([
      { table: 'CONTAINS', json: 3, kuzu: 3 },
      { table: 'DEFINES', json: 5, kuzu: 5 },
      { table: 'IMPORTS', json: 1, kuzu: 1 },
      { table: 'CALLS', json: 2, kuzu: 2 },
      { table: 'INHERITS', json: 1, kuzu: 1 },
      { table: 'IMPLEMENTS', json: 0, kuzu: 0 },
    ]);
    expect(report.kuzu.notes).toEqual([]);
  });

  it('finds a node deleted in Kuzu, and the two relationships that went with it', async () => {
    await writeOutput(sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [`MATCH (n:Function {id: '${ids.helper}'}) DETACH DELETE n`]);
    const report = await validateOutput(out);
    expect(report.consistent).toBe(false);
    expect(kinds(report)).toEqual({ 'node-missing-in-kuzu': 1, 'relationship-missing-in-kuzu': 2 });
    const missing = report.differences.find((d) => d.kind === 'node-missing-in-kuzu')!;
    expect(missing.examples).toEqual([{ kind: 'node-missing-in-kuzu', id: ids.helper, table: 'Function' }]);
    const rels = report.differences.find((d) => d.kind === 'relationship-missing-in-kuzu')!;
    expect(rels.examples.map((e) => e.id).sort()).toEqual([
      `CALLS:${ids.main}->${ids.helper}`,
      `DEFINES:${ids.b}->${ids.helper}`,
    ]);
    expect(report.counts.nodes.find((c) => c.table === 'Function')).toEqual({ table: 'Function', json: 2, kuzu: 1 });
  });

  it('finds a property changed in Kuzu, with both values', async () => {
    await writeOutput(sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [
      `MATCH (n:Class {id: '${ids.base}'}) SET n.endLine = 99`,
      `MATCH (:Function)-[r:CALLS]->(:Function) SET r.confidence = 0.5`,
    ]);
    const report = await validateOutput(out);
    expect(kinds(report)).toEqual({ 'node-property-differs': 1, 'relationship-property-differs': 1 });
    expect(report.differences.find((d) => d.kind === 'node-property-differs')!.examples).toEqual([
      { kind: 'node-property-differs', id: ids.base, table: 'Class', property: 'endLine', json: 8, kuzu: 99 },
    ]);
    expect(report.differences.find((d) => d.kind === 'relationship-property-differs')!.examples).toEqual([
      { kind: 'relationship-property-differs', id: `CALLS:${ids.main}->${ids.helper}`, table: 'CALLS', property: 'confidence', json: 0.9, kuzu: 0.5 },
    ]);
  });

  it('finds a property set to NULL in Kuzu as a difference with no Kuzu value', async () => {
    await writeOutput(sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [`MATCH (n:File {id: '${ids.a}'}) SET n.lines = NULL`]);
    const report = await validateOutput(out);
    expect(report.differences).toEqual([
      { kind: 'node-property-differs', count: 1, examples: [{ kind: 'node-property-differs', id: ids.a, table: 'File', property: 'lines', json: 10 }] },
    ]);
  });

  it('finds an extra relationship in Kuzu', async () => {
    await writeOutput(sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [
      `MATCH (a:Function {id: '${ids.helper}'}), (b:Function {id: '${ids.main}'}) CREATE (a)-[:CALLS {id: 'CALLS:extra', stage: 'same-file', confidence: 1.0, line: 3, callSites: 1}]->(b)`,
    ]);
    const report = await validateOutput(out);
    expect(kinds(report)).toEqual({ 'relationship-extra-in-kuzu': 1 });
    expect(report.differences[0]!.examples).toEqual([{ kind: 'relationship-extra-in-kuzu', id: 'CALLS:extra', table: 'CALLS' }]);
    expect(report.counts.relationships.find((c) => c.table === 'CALLS')).toEqual({ table: 'CALLS', json: 2, kuzu: 3 });
  });

  it('finds a node removed from graph.json: extra in Kuzu, and its relationships dangle', async () => {
    const graph = sampleGraph();
    const edited = { ...graph, nodes: graph.nodes.filter((n) => n.id !== ids.derived) };
    await writeOutput(edited, graph);
    const report = await validateOutput(out);
    expect(kinds(report)).toEqual({ 'dangling-endpoint': 2, 'node-extra-in-kuzu': 1 });
    expect(report.integrity[0]!.examples.map((e) => [e.id, e.property])).toEqual([
      [`DEFINES:${ids.b}->${ids.derived}`, 'target'],
      [`INHERITS:${ids.derived}->${ids.base}`, 'source'],
    ]);
  });

  it('finds a dangling endpoint in graph.json, which also differs from Kuzu', async () => {
    const graph = sampleGraph();
    const callsId = `CALLS:${ids.main}->${ids.run}`;
    const edited = {
      ...graph,
      relationships: graph.relationships.map((r) => (r.id === callsId ? { ...r, target: 'Method:src/b.ts:gone' } : r)),
    };
    await writeOutput(edited, graph);
    const report = await validateOutput(out);
    expect(kinds(report)).toEqual({ 'dangling-endpoint': 1, 'relationship-endpoint-differs': 1 });
    expect(report.differences[0]!.examples).toEqual([
      { kind: 'relationship-endpoint-differs', id: callsId, table: 'CALLS', property: 'target', json: 'Method:src/b.ts:gone', kuzu: ids.run },
    ]);
  });

  it('reports a node whose label differs once, not as missing plus extra', async () => {
    const graph = sampleGraph();
    const edited = { ...graph, nodes: graph.nodes.map((n) => (n.id === ids.helper ? { ...n, label: 'Variable' as const } : n)) };
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(edited));
    await writeKuzu(path.join(out, 'graph.kuzu'), graph);
    const report = await validateOutput(out);
    // a Variable may not be a CALLS target: graph.json breaks its own rules too
    expect(kinds(report)).toEqual({ 'disallowed-ends': 1, 'node-label-differs': 1 });
    expect(report.differences[0]!.examples).toEqual([{ kind: 'node-label-differs', id: ids.helper, json: 'Variable', kuzu: 'Function' }]);
  });

  it('reports a truncated graph.json as unreadable', async () => {
    await writeOutput(sampleGraph());
    const file = path.join(out, 'graph.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    await expect(validateOutput(out)).rejects.toThrow(StorageError);
    await expect(validateOutput(out)).rejects.toThrow(/^graph\.json is not valid JSON \(truncated or corrupt\)/);
  });

  it('reports a missing graph.kuzu as inconsistent, with graph.json counts', async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph()));
    const report = await validateOutput(out);
    expect(report.consistent).toBe(false);
    expect(report.kuzu.status).toBe('missing');
    expect(kinds(report)).toEqual({});
    expect(report.counts.nodes.find((c) => c.table === 'File')).toEqual({ table: 'File', json: 2, kuzu: null });
  });

  it('is consistent without Kuzu when asked to skip it', async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph()));
    const report = await validateOutput(out, { kuzu: false });
    expect(report.consistent).toBe(true);
    expect(report.kuzu.status).toBe('skipped');
  });

  it('says there is nothing to validate without graph.json', async () => {
    await expect(validateOutput(out)).rejects.toThrow(UsageError);
  });

  it('reports a corrupt graph.kuzu in one line', async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph()));
    writeFileSync(path.join(out, 'graph.kuzu'), 'not a database'.repeat(500));
    await expect(validateOutput(out)).rejects.toThrow(StorageError);
    await expect(validateOutput(out)).rejects.toThrow(/^cannot open .*graph\.kuzu: [^\n]+$/);
  });

  it("passes on report.json's word that graph.kuzu is stale", async () => {
    await writeOutput(sampleGraph());
    writeFileSync(path.join(out, 'report.json'), JSON.stringify({ kuzu: { status: 'degraded', stale: true, reason: 'COPY failed' } }));
    const report = await validateOutput(out);
    expect(report.kuzu.lastRun).toEqual({ status: 'degraded', stale: true, reason: 'COPY failed' });
  });
});

describe('validateOutput after an index run without Kuzu', () => {
  it('skips the comparison when report.json says Kuzu was disabled, and says so', async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph()));
    writeFileSync(path.join(out, 'report.json'), JSON.stringify({ kuzu: { status: 'disabled' } }));
    const report = await validateOutput(out);
    expect(report.consistent).toBe(true);
    expect(report.kuzu).toMatchObject({ status: 'skipped', notes: ['the last index run did not write graph.kuzu (Kuzu disabled)'] });
  });
});

describe('renderValidationText', () => {
  it("shows the verdict, report.json's word on a degraded graph.kuzu, counts and examples", async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph()));
    await writeKuzu(path.join(out, 'graph.kuzu'), sampleGraph());
    await runOnKuzu(path.join(out, 'graph.kuzu'), [`MATCH (n:Method) SET n.kind = 'getter'`]);
    writeFileSync(path.join(out, 'report.json'), JSON.stringify({ kuzu: { status: 'degraded', phase: 'calls', reason: 'COPY failed' } }));
    const text = renderValidationText(await validateOutput(out));
    expect(text.replace(out, '<out>')).toBe(
      [
        'validation: INCONSISTENT (graph.json and graph.kuzu compared; 9 nodes, 12 relationships; 1 problem)',
        '  output: <out>',
        '  last index run left graph.kuzu degraded in phase calls: COPY failed',
        '',
        '  label     graph.json  kuzu',
        '  --------  ----------  ----',
        '  Project            1     1',
        '  Folder             1     1',
        '  File               2     2',
        '  Function           2     2',
        '  Class              2     2',
        '  Method             1     1',
        '',
        '  type      graph.json  kuzu',
        '  --------  ----------  ----',
        '  CONTAINS           3     3',
        '  DEFINES            5     5',
        '  IMPORTS            1     1',
        '  CALLS              2     2',
        '  INHERITS           1     1',
        '',
        'graph.json integrity: ok',
        '',
        'graph.json vs graph.kuzu differences:',
        '  node-property-differs: 1',
        `    ${ids.run} [Method] kind: graph.json="method" kuzu="getter"`,
      ].join('\n'),
    );
  });
});

describe('validateOutput on ids beyond ASCII', () => {
  it('merges in Kuzu’s UTF-8 byte order, where U+FFFF sorts before an astral character', async () => {
    const base = sampleGraph();
    const fn = (name: string) => ({
      id: `Function:src/é.ts:${name}:1`,
      label: 'Function' as const,
      properties: { name, filePath: 'src/é.ts', startLine: 1, endLine: 1, exported: false },
    });
    const nodes = [...base.nodes, fn('\uffff'), fn('\u{1F600}'), fn('z')].sort((a, b) => (a.id < b.id ? -1 : 1));
    const graph = { ...base, nodes };
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(graph));
    await writeKuzu(path.join(out, 'graph.kuzu'), graph);
    const report = await validateOutput(out);
    expect(report.consistent).toBe(true);
    expect(report.counts.nodes.find((c) => c.table === 'Function')).toEqual({ table: 'Function', json: 5, kuzu: 5 });
  });
});
