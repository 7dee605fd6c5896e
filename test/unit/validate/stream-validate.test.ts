import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeGraph } from '../../../src/graph/model.js';
import { KuzuReader } from '../../../src/storage/kuzu-reader.js';
import { validateStreaming } from '../../../src/validate/stream-validate.js';
import { validateOutput, type ValidationReport } from '../../../src/validate/validate-output.js';
import { runOnKuzu, writeKuzu } from './kuzu-test-db.js';
import { ids, sampleGraph, sinkLayout } from './sample-graph.js';

// The streaming validation must find exactly what the whole-file path finds. Each case validates one
// damaged output twice: graph.json in the json sink's layout (streamed, or handed on when the stream
// cannot take it) and the same graph pretty-printed, which only the whole-file path reads.

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'codegraph-stream-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

type Json = Omit<CodeGraph, 'nodes' | 'relationships'> & { nodes: readonly unknown[]; relationships: readonly unknown[] };

interface Case {
  /** graph.json; Kuzu gets `kuzuGraph` (default: the sample graph), then `statements`. */
  readonly json: Json;
  readonly kuzuGraph?: CodeGraph;
  readonly statements?: readonly string[];
  readonly maxExamples?: number;
}

/** Both reports, without what differs by nature (time), and whether the stream took the file. */
async function validateBoth({ json, kuzuGraph = sampleGraph(), statements = [], maxExamples = 5 }: Case): Promise<{ streamed: boolean; report: ValidationReport; whole: ValidationReport }> {
  const kuzu = path.join(out, 'graph.kuzu');
  const file = path.join(out, 'graph.json');
  await writeKuzu(kuzu, kuzuGraph);
  if (statements.length > 0) await runOnKuzu(kuzu, statements);
  writeFileSync(file, sinkLayout(json));
  const opening = KuzuReader.open(kuzu).then((value) => ({ value }), (error: unknown) => ({ error }));
  const streamed = (await validateStreaming(file, opening, maxExamples)) !== undefined;
  const opened = await opening;
  if ('value' in opened) await opened.value.close();
  const report = timeless(await validateOutput(out, { maxExamples }));
  writeFileSync(file, JSON.stringify(json, null, 2));
  const whole = timeless(await validateOutput(out, { maxExamples }));
  return { streamed, report, whole };
}

function timeless(report: ValidationReport): ValidationReport {
  return { ...report, durationMs: 0 };
}

function kinds(report: ValidationReport): Record<string, number> {
  return Object.fromEntries([...report.integrity, ...report.differences].map((s) => [s.kind, s.count]));
}

const graph = sampleGraph();
const withNodes = (nodes: readonly unknown[]): Json => ({ ...graph, nodes });
const withRelationships = (relationships: readonly unknown[]): Json => ({ ...graph, relationships });

describe('validateStreaming finds what the whole-file path finds', () => {
  it('on an untouched output', async () => {
    const { streamed, report, whole } = await validateBoth({ json: graph });
    expect(streamed).toBe(true);
    expect(report.consistent).toBe(true);
    expect(report).toEqual(whole);
  });

  it('on properties changed in Kuzu in three tables, keeping the model order of tables for the one example kept', async () => {
    const { streamed, report, whole } = await validateBoth({
      json: graph,
      statements: ['MATCH (n:Class) SET n.endLine = 99', 'MATCH (n:Function) SET n.endLine = 98', 'MATCH (n:Method) SET n.endLine = 97'],
      maxExamples: 1,
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    // graph.json lists Class before Function; the model (and the report) puts Function first.
    expect(report.differences).toEqual([
      { kind: 'node-property-differs', count: 5, examples: [{ kind: 'node-property-differs', id: ids.main, table: 'Function', property: 'endLine', json: 4, kuzu: 98 }] },
    ]);
  });

  it('on a node deleted in Kuzu and a relationship table dropped', async () => {
    const { streamed, report, whole } = await validateBoth({
      json: graph,
      statements: [`MATCH (n:Function {id: '${ids.helper}'}) DETACH DELETE n`, 'DROP TABLE INHERITS'],
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'node-missing-in-kuzu': 1, 'relationship-missing-in-kuzu': 3 });
    expect(report.kuzu.notes).toEqual(['Kuzu has no relationship table INHERITS']);
    expect(report.counts.relationships.find((c) => c.table === 'INHERITS')).toEqual({ table: 'INHERITS', json: 1, kuzu: null });
  });

  it('on a node left out of graph.json: extra in Kuzu, and the relationships to it dangle', async () => {
    const { streamed, report, whole } = await validateBoth({ json: withNodes(graph.nodes.filter((n) => n.id !== ids.derived)) });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'dangling-endpoint': 2, 'node-extra-in-kuzu': 1 });
  });

  it('on a relationship whose target is missing from graph.json', async () => {
    const callsId = `CALLS:${ids.main}->${ids.run}`;
    const { streamed, report, whole } = await validateBoth({
      json: withRelationships(graph.relationships.map((r) => (r.id === callsId ? { ...r, target: 'Method:src/b.ts:gone' } : r))),
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'dangling-endpoint': 1, 'relationship-endpoint-differs': 1 });
    expect(report.integrity[0]!.examples).toEqual([{ kind: 'dangling-endpoint', id: callsId, table: 'CALLS', property: 'target', json: 'Method:src/b.ts:gone' }]);
  });

  it('on a duplicate node id, malformed items and bad property values in graph.json', async () => {
    const nodes = graph.nodes.flatMap((n) => (n.id === ids.helper ? [n, { ...n, properties: { ...n.properties, startLine: 1 } }] : [n]));
    const relationships = [{ id: 'CALLS:0', type: 'CALLS' }, ...graph.relationships.map((r) => (r.type === 'IMPORTS' ? { ...r, properties: { ...r.properties, names: [] } } : r))];
    const { streamed, report, whole } = await validateBoth({ json: { ...withNodes([{ label: 'File' }, ...nodes]), relationships } });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    // names: [] is also not what Kuzu holds
    expect(kinds(report)).toEqual({ 'duplicate-id': 1, 'malformed-entry': 2, 'bad-property-value': 1, 'relationship-property-differs': 1 });
    expect(report.graphJson).toMatchObject({ nodes: 11, relationships: 13 });
  });

  it('on a relationship id repeated in Kuzu', async () => {
    const { streamed, report, whole } = await validateBoth({
      json: graph,
      statements: [
        `MATCH (a:Function {id: '${ids.main}'}), (b:Function {id: '${ids.helper}'}) CREATE (a)-[:CALLS {id: 'CALLS:${ids.main}->${ids.helper}', stage: 'import', confidence: 0.9, line: 2, callSites: 2}]->(b)`,
      ],
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'relationship-duplicate-in-kuzu': 1 });
  });

  it('on a node whose label differs from Kuzu\'s, reported once as a label difference', async () => {
    const nodes = graph.nodes.map((n) => (n.id === ids.helper ? { ...n, label: 'Variable' } : n));
    const { streamed, report, whole } = await validateBoth({ json: withNodes(nodes) });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'disallowed-ends': 1, 'node-label-differs': 1 });
  });

  it('on a relationship Kuzu has and graph.json lacks, reported as extra', async () => {
    const { streamed, report, whole } = await validateBoth({
      json: graph,
      statements: [
        `MATCH (a:Function {id: '${ids.helper}'}), (b:Function {id: '${ids.main}'}) CREATE (a)-[:CALLS {id: 'CALLS:extra', stage: 'same-file', confidence: 1.0, line: 3, callSites: 1}]->(b)`,
      ],
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ 'relationship-extra-in-kuzu': 1 });
  });

  it('on a relationship whose type differs from Kuzu\'s, found by a second reading of graph.json', async () => {
    const inherits = `INHERITS:${ids.derived}->${ids.base}`;
    const { streamed, report, whole } = await validateBoth({
      json: withRelationships(graph.relationships.map((r) => (r.id === inherits ? { ...r, type: 'IMPLEMENTS' } : r))),
    });
    expect(streamed).toBe(true);
    expect(report).toEqual(whole);
    expect(report.differences).toEqual([
      { kind: 'relationship-type-differs', count: 1, examples: [{ kind: 'relationship-type-differs', id: inherits, json: 'IMPLEMENTS', kuzu: 'INHERITS' }] },
    ]);
  });
});

describe('validateStreaming hands on to the whole-file path', () => {
  it('a graph.json out of id order, which it reports as unsorted', async () => {
    const { streamed, report, whole } = await validateBoth({ json: { ...graph, nodes: [...graph.nodes].reverse() } });
    expect(streamed).toBe(false);
    expect(report).toEqual(whole);
    expect(kinds(report)).toEqual({ unsorted: 1 });
  });

  it('a node whose label does not start its id, where its label\'s table comes twice', async () => {
    const nodes = graph.nodes.map((n) => (n.id === ids.a ? { ...n, label: 'Folder' } : n));
    const { streamed, report, whole } = await validateBoth({ json: withNodes(nodes) });
    expect(streamed).toBe(false);
    expect(report).toEqual(whole);
    expect(report.differences.find((d) => d.kind === 'node-label-differs')!.examples).toEqual([{ kind: 'node-label-differs', id: ids.a, json: 'Folder', kuzu: 'File' }]);
  });
});
